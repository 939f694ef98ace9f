#!/usr/bin/env bash
# Idempotent set-up for a fresh clone: on Debian/Ubuntu the system packages the app and its tests
# need (macOS and Windows need none: their keychains are built in), then the npm dependencies.
# Fast when everything is already there.
# Usage: scripts/setup.sh [--with-electron | --for-start]
#   --with-electron  fetch the Electron binary too, for `npm start` and the `electron` Playwright
#                    project; under CI a failed download fails the set-up
#   --for-start      what `npm start` needs: no test-only packages (PostgreSQL, Xvfb), and the Electron
#                    download tried once, not again on every start after it failed
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/os.sh

with_electron=false for_start=false
for arg in "$@"; do
  case "$arg" in
    --with-electron) with_electron=true ;;
    --for-start) with_electron=true for_start=true ;;
    *) echo "setup: unknown option $arg (use --with-electron or --for-start)" >&2; exit 2 ;;
  esac
done

# chromium: the e2e host; xvfb: a display; libsecret-1-dev + g++/make/python3: keytar's native build;
# gnome-keyring + dbus-x11: a real Secret Service; postgresql: the backend's PostgreSQL suite;
# haproxy: the loopback load balancer in front of several backend instances (cluster fault tests, soak).
# x11-utils: xwininfo, with which a test tells the fallback's app window from a tabbed one.
APT_PACKAGES=(chromium xvfb x11-utils libsecret-1-dev gnome-keyring dbus-x11 postgresql haproxy g++ make python3 ca-certificates)
# Only the tests need these; `npm start` does not wait for them.
TEST_ONLY_PACKAGES=" xvfb x11-utils postgresql haproxy "

# Installs the APT_PACKAGES that dpkg does not list as installed.
install_debian_packages() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    if $for_start && [[ "$TEST_ONLY_PACKAGES" == *" $pkg "* ]]; then continue; fi
    # A Chromium already where the e2e host looks (chromiumHost/chromium.ts) will do: GitHub's Ubuntu
    # runners link a Chromium build to /usr/bin/chromium, and Ubuntu ships Chromium only as a snap.
    if [[ "$pkg" == chromium && -x "${GATEHOUSE_CHROMIUM:-/usr/bin/chromium}" ]]; then continue; fi
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
      command -v sudo >/dev/null || { echo "setup: please install as root: apt-get install ${missing[*]}" >&2; exit 1; }
      sudo=(sudo)
    fi
    echo "setup: installing system packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

case "$(gatehouse_os)" in
  linux) install_debian_packages ;;
  macos)
    # keytar builds with Xcode's command-line tools and uses the Keychain; no display server needed.
    if pg=$(gatehouse_homebrew_postgres_bin); then
      echo "setup: macOS; the PostgreSQL suite uses Homebrew's PostgreSQL in $pg"
    else
      echo "setup: macOS; no Homebrew PostgreSQL (brew install postgresql@17), so the PostgreSQL suite will skip"
    fi
    ;;
  # server/test/support/postgres.ts looks for Unix builds of initdb and pg_ctl, so it skips here.
  windows) echo "setup: Windows; keytar uses Credential Manager, and the PostgreSQL suite will skip" ;;
  *) echo "setup: no system-package step for $(uname -s); install the equivalents of: ${APT_PACKAGES[*]}" >&2 ;;
esac

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

# A failed download is remembered for this Electron version, so `npm start` does not pay for the
# retry every time; `scripts/setup.sh --with-electron` (or a new Electron version) tries again.
failed_stamp=node_modules/.gatehouse-electron-download-failed
if $with_electron && [[ ! -f node_modules/electron/path.txt && -z "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" ]]; then
  electron_version=$(node -p "require('./node_modules/electron/package.json').version")
  if $for_start && [[ "$(cat "$failed_stamp" 2>/dev/null)" == "$electron_version" ]]; then
    : # tried before and failed: start.ts opens the Chromium window (or the stack alone) and says so
  else
    echo "setup: fetching the Electron binary"
    if node node_modules/electron/install.js >/dev/null 2>&1; then
      rm -f "$failed_stamp"
    else
      echo "$electron_version" >"$failed_stamp"
      echo "setup: the Electron binary could not be downloaded here (not retried by \`npm start\`;" \
        "\`scripts/setup.sh --with-electron\` tries again)"
      # In CI the Electron tests are the point of the job: a missing binary must not pass as skips.
      if [[ -n "${CI:-}" ]]; then exit 1; fi
    fi
  fi
fi
