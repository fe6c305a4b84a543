#!/usr/bin/env bash
# Installs the system packages clovers needs on Debian/Ubuntu; idempotent (installed components are skipped
# without root and without apt). Not root, or not apt: prints exactly what to install and exits 1.
# Components:
#   vulkan       Mesa's lavapipe >= 23 + the Vulkan loader (Debian 12: from bookworm-backports; its own 22.3 is
#                rejected by Dawn). Not needed where a GPU driver is installed, but harmless.
#   image-tools  openexr (exrheader), ImageMagick with its EXR coder and pfstools (pfsinexr: every EXR channel as
#                floats): standard readers the image tests use.
#   chromium, redis, postgres
# Usage: scripts/setup-system.sh [component ...]   (no argument: vulkan)
set -euo pipefail

components=("$@")
[ ${#components[@]} -eq 0 ] && components=(vulkan)

is_bookworm() { grep -q '^VERSION_CODENAME=bookworm' /etc/os-release 2>/dev/null; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

mesa_ok() {
  local v
  v=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || true)
  [ -n "$v" ] && dpkg --compare-versions "$v" ge 23 && installed mesa-vulkan-drivers && installed libvulkan1
}

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

apt_get() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@"; }
updated=0
apt_update() {
  if [ "$updated" = 0 ]; then
    apt_get update -qq
    updated=1
  fi
}

missing() {
  echo "clovers: missing system packages for '$1'. As root on Debian/Ubuntu, run:" >&2
  shift
  printf '    %s\n' "$@" >&2
  exit 1
}

BACKPORTS_LIST=/etc/apt/sources.list.d/bookworm-backports.list
BACKPORTS_LINE='deb http://deb.debian.org/debian bookworm-backports main'

setup_vulkan() {
  mesa_ok && return 0
  if is_bookworm; then
    can_install || missing vulkan \
      "echo '$BACKPORTS_LINE' > $BACKPORTS_LIST" \
      "apt-get update && apt-get install -y -t bookworm-backports mesa-vulkan-drivers && apt-get install -y libvulkan1"
    if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      echo "$BACKPORTS_LINE" > "$BACKPORTS_LIST"
      updated=0
    fi
    apt_update
    apt_get install -y -qq -t bookworm-backports mesa-vulkan-drivers
  else
    can_install || missing vulkan "apt-get update && apt-get install -y mesa-vulkan-drivers libvulkan1"
    apt_update
    apt_get install -y -qq mesa-vulkan-drivers
  fi
  apt_get install -y -qq libvulkan1
  mesa_ok || { echo "clovers: mesa-vulkan-drivers >= 23 (lavapipe) is required; this system offers $(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null)" >&2; exit 1; }
}

# Installs the listed packages when any of them is missing.
setup_packages() {
  local name=$1
  shift
  local need=()
  for p in "$@"; do installed "$p" || need+=("$p"); done
  [ ${#need[@]} -eq 0 ] && return 0
  can_install || missing "$name" "apt-get update && apt-get install -y ${need[*]}"
  apt_update
  apt_get install -y -qq "${need[@]}"
}

image_tools_ok() {
  command -v exrheader >/dev/null && command -v stream >/dev/null && command -v pfsinexr >/dev/null && identify -list format 2>/dev/null | grep -q '^ *EXR'
}

# ImageMagick reads EXR through its "extra" coder library, whose package name varies by release.
setup_image_tools() {
  image_tools_ok && return 0
  can_install || missing image-tools \
    "apt-get update && apt-get install -y --no-install-recommends openexr pfstools imagemagick libmagickcore-6.q16-6-extra" \
    "(on Ubuntu 24.04 the last one is libmagickcore-6.q16-7t64-extra)"
  apt_update
  local extra
  extra=$(apt-cache depends imagemagick-6.q16 2>/dev/null | awk '/Recommends: libmagickcore.*-extra/ {print $2; exit}')
  apt_get install -y -qq --no-install-recommends openexr pfstools imagemagick ${extra:+"$extra"}
  image_tools_ok || { echo "clovers: ImageMagick cannot read EXR files after installing $extra" >&2; exit 1; }
}

for c in "${components[@]}"; do
  case "$c" in
    vulkan) setup_vulkan ;;
    image-tools) setup_image_tools ;;
    chromium) setup_packages chromium chromium ;;
    redis) setup_packages redis redis-server ;;
    postgres) setup_packages postgres postgresql ;;
    *) echo "scripts/setup-system.sh: unknown component '$c' (vulkan, image-tools, chromium, redis, postgres)" >&2; exit 2 ;;
  esac
done
