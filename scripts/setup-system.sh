#!/usr/bin/env bash
# Installs the system packages clovers needs on Debian/Ubuntu (idempotent).
# Vulkan: Mesa's lavapipe from bookworm-backports (Debian 12's own 22.3 is rejected by Dawn).
# Usage: scripts/setup-system.sh [vulkan] [chromium] [redis] [postgres]   (no argument: vulkan)
set -euo pipefail

want=("$@")
[ ${#want[@]} -eq 0 ] && want=(vulkan)

apt_get() { apt-get -o DPkg::Lock::Timeout=120 "$@"; }
updated=0
apt_update() { if [ "$updated" = 0 ]; then apt_get update -qq; updated=1; fi; }

need_root() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "clovers: missing system package(s): $*" >&2
    echo "  install them as root on Debian 12 (bookworm) with:" >&2
    echo "    echo 'deb http://deb.debian.org/debian bookworm-backports main' > /etc/apt/sources.list.d/bookworm-backports.list" >&2
    echo "    apt-get update && apt-get install -y -t bookworm-backports mesa-vulkan-drivers && apt-get install -y libvulkan1 $*" >&2
    exit 1
  fi
}

mesa_ok() {
  local v
  v=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || true)
  [ -n "$v" ] && dpkg --compare-versions "$v" ge 23 && dpkg-query -W libvulkan1 >/dev/null 2>&1
}

for w in "${want[@]}"; do
  case "$w" in
    vulkan)
      mesa_ok && continue
      need_root "mesa-vulkan-drivers(>=23) libvulkan1"
      if grep -q bookworm /etc/os-release 2>/dev/null; then
        echo 'deb http://deb.debian.org/debian bookworm-backports main' > /etc/apt/sources.list.d/bookworm-backports.list
        apt_update
        apt_get install -y -qq -t bookworm-backports mesa-vulkan-drivers
      else
        apt_update
        apt_get install -y -qq mesa-vulkan-drivers
      fi
      apt_get install -y -qq libvulkan1
      mesa_ok || { echo "clovers: mesa-vulkan-drivers >= 23 is required (lavapipe)" >&2; exit 1; }
      ;;
    chromium|redis-server|postgresql)
      dpkg-query -W -f='${Status}' "$w" 2>/dev/null | grep -q 'install ok installed' && continue
      need_root "$w"
      apt_update
      apt_get install -y -qq "$w"
      ;;
    redis) exec_args=redis-server; "$0" redis-server ;;
    postgres) "$0" postgresql ;;
    *) echo "unknown component: $w" >&2; exit 2 ;;
  esac
done
