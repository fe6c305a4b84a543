#!/usr/bin/env bash
# Idempotent set-up on Debian/Ubuntu: system packages (scripts/setup-system.sh: lavapipe by default, plus any
# components named as arguments), then node modules (npm ci when node_modules is missing or older than the lock).
# Usage: bash scripts/setup.sh [component ...]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "clovers: Node.js >= 20.19 is required (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "  Debian/Ubuntu: https://github.com/nodesource/distributions (nodejs 20.x), or nvm install 20" >&2
  exit 1
fi

bash scripts/setup-system.sh vulkan "$@"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
