#!/usr/bin/env bash
# `npm start`: the whole system on one machine. Runs the built SvelteKit app (adapter-node, `build/`; built first
# when missing) and, when REDIS_URL is unset, a private redis-server (data in DATA_DIR/redis, append-only) plus a
# render worker inside the web server's process. With REDIS_URL set, only the web server starts (run workers
# with `npm run worker`) unless CLOVERS_EMBEDDED_WORKER=1. Database and storage default to PGlite and a disk store
# under DATA_DIR (see README). Listens on HOST:PORT (default 0.0.0.0:3000). `--dev` serves with Vite's dev server
# (hot reload) instead of build/ (`npm run dev:full`).
set -euo pipefail
cd "$(dirname "$0")/.."

export DATA_DIR="${DATA_DIR:-$PWD/.data}"
mkdir -p "$DATA_DIR"

if [ "${1:-}" = "--dev" ]; then
  export CLOVERS_DEV=1
elif [ ! -f build/index.js ]; then
  echo "clovers: no build/ yet, building the web app (npm run build)"
  npm run build
fi

redis_pid=""
cleanup() {
  if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [ -z "${REDIS_URL:-}" ]; then
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "clovers: REDIS_URL is unset and redis-server is missing: installing the Debian package redis-server"
      apt-get -o DPkg::Lock::Timeout=120 update -qq
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -qq redis-server >/dev/null
    else
      echo "clovers: REDIS_URL is unset and redis-server is not installed." >&2
      echo "  Install it (Debian/Ubuntu: sudo apt-get install redis-server) or point REDIS_URL at a Redis 7 server." >&2
      exit 1
    fi
  fi
  port="${CLOVERS_REDIS_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})")}"
  mkdir -p "$DATA_DIR/redis"
  # Own session: Ctrl+C (SIGINT to the terminal's process group) stops the server first; the EXIT trap then stops Redis.
  setsid redis-server --port "$port" --bind 127.0.0.1 --dir "$DATA_DIR/redis" --appendonly yes --save '' \
    --logfile "$DATA_DIR/redis/redis.log" &
  redis_pid=$!
  for _ in $(seq 1 100); do
    if redis-cli -p "$port" ping >/dev/null 2>&1; then break; fi
    if ! kill -0 "$redis_pid" 2>/dev/null; then echo "clovers: redis-server failed to start (see $DATA_DIR/redis/redis.log)" >&2; exit 1; fi
    sleep 0.1
  done
  export REDIS_URL="redis://127.0.0.1:$port"
  export CLOVERS_EMBEDDED_WORKER="${CLOVERS_EMBEDDED_WORKER:-1}"
  echo "clovers: private Redis on $REDIS_URL (data in $DATA_DIR/redis)"
fi

lavapipe=/usr/share/vulkan/icd.d/lvp_icd.json
if [ -z "${VK_ICD_FILENAMES:-}" ] && [ -f "$lavapipe" ] && ! ls /usr/share/vulkan/icd.d/ 2>/dev/null | grep -qv lvp; then
  export VK_ICD_FILENAMES=$lavapipe
fi

# The API enforces its own body limits while reading (MAX_BODY_BYTES, MAX_MESH_BYTES); adapter-node's 512K default
# would refuse scenes and meshes the API accepts before they reach it.
export BODY_SIZE_LIMIT="${BODY_SIZE_LIMIT:-Infinity}"

# Not exec: the EXIT trap stops the private Redis after the server. A SIGTERM or SIGINT sent to this script
# alone (docker stop, kill) is passed on to the server, which exits within seconds (src/lib/server/http/shutdown.ts);
# Redis stops after it.
node --import ./scripts/register.mjs scripts/serve.ts &
server_pid=$!
trap 'kill -TERM "$server_pid" 2>/dev/null || true' TERM INT
status=0
# `wait` returns early when a trapped signal arrives: wait until the server itself has gone.
while kill -0 "$server_pid" 2>/dev/null; do wait "$server_pid" || status=$?; done
exit "$status"
