#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian/Ubuntu clone: the system packages the app and its tests
# need, then the npm dependencies. Fast when everything is already there.
# Usage: scripts/setup.sh [--with-electron]   (try to fetch the Electron binary too, for `npm start`)
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: the e2e host; xvfb: a display; libsecret-1-dev + g++/make/python3: keytar's native build;
# gnome-keyring + dbus-x11: a real Secret Service; postgresql: the backend's PostgreSQL suite;
# haproxy: the loopback load balancer in front of several backend instances (cluster fault tests, soak).
APT_PACKAGES=(chromium xvfb libsecret-1-dev gnome-keyring dbus-x11 postgresql haproxy g++ make python3 ca-certificates)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: please install as root: apt-get install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "setup: installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node 24 LTS (or the machine's own ≥ 22.12) for npm and everything after it.
source scripts/node-toolchain.sh

# npm ci only when the lock file changed since the last install.
# A node_modules built for another Node (native addons) is reinstalled too.
stamp=node_modules/.gatehouse-node
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ||
  "$(cat "$stamp" 2>/dev/null)" != "$(node -v)" ]]; then
  echo "setup: installing npm dependencies"
  # The Electron binary is fetched separately (below) so that machines that cannot download it
  # still get a working install: the test suite does not need it.
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
  node -v >"$stamp"
fi

if [[ "${1:-}" == --with-electron && ! -f node_modules/electron/path.txt && -z "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" ]]; then
  echo "setup: fetching the Electron binary"
  node node_modules/electron/install.js >/dev/null 2>&1 || echo "setup: the Electron binary could not be downloaded here"
fi
