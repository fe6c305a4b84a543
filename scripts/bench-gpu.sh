#!/usr/bin/env bash
# `clovers bench` on a machine with a real GPU: Dawn picks the GPU's own Vulkan driver (VK_ICD_FILENAMES is
# cleared so lavapipe is not pinned). Prints the adapter, then the bench table; the JSON lands in bench-results/.
# First a cold start (--cold: an empty shader cache; the compile and first-image columns are a new machine's, on
# drivers that honour MESA_SHADER_CACHE_DIR; NVIDIA's keeps its own cache), then the throughput run: both
# integrators (megakernel, wavefront) alternate, 3 timed renders each; medians are reported.
# Usage: bash scripts/bench-gpu.sh [clovers bench flags, e.g. --scenes cornell -s 256]
set -euo pipefail
cd "$(dirname "$0")/.."
unset VK_ICD_FILENAMES

if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1'; then
  echo "clovers: the Vulkan loader (libvulkan1) is missing; Dawn needs it and the GPU vendor's Vulkan driver" >&2
  exit 1
fi
[ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund
if command -v nvidia-smi >/dev/null; then nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true; fi

node bin/clovers.js info
if node bin/clovers.js info --json | grep -q '"fallbackAdapter": true'; then
  echo "clovers: warning: the adapter is a software fallback, not the GPU (is the vendor's Vulkan ICD installed?)" >&2
fi
node bin/clovers.js bench --cold --integrator megakernel,wavefront -s 4 --scenes cornell,one_weekend,teapot
node bin/clovers.js bench --integrator megakernel,wavefront --repeat 3 "$@"
