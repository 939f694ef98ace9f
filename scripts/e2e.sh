#!/usr/bin/env bash
# The Playwright suite on its own: builds the app, then runs both projects (chromium, electron)
# inside a private keyring session. Playwright's global setup starts the devstack and the backend.
# On macOS and Windows only the electron project runs, unless GATEHOUSE_CHROMIUM names a Chromium:
# the chromium project's host is Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-toolchain.sh
source scripts/os.sh
npx electron-vite build >/dev/null
mkdir -p test-results/screenshots
os=$(gatehouse_os)
wrap=(scripts/with-keyring.sh)
# The electron project needs a display where it can run; Chromium runs headless either way.
if [[ "$os" == linux && -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null; then wrap=(xvfb-run -a "${wrap[@]}"); fi
projects=()
if [[ "$os" != linux && -z "${GATEHOUSE_CHROMIUM:-}" && " $* " != *" --project"* ]]; then
  echo "e2e: the chromium project skipped on $os: its host is Debian's Chromium (set GATEHOUSE_CHROMIUM to" \
    "a Chromium binary to run it); running the electron project" >&2
  projects=(--project electron)
fi
# ${a[@]+"${a[@]}"}: an empty array under `set -u` in macOS's bash 3.2.
ORIGINAL_HOME="$HOME" exec "${wrap[@]}" npx playwright test ${projects[@]+"${projects[@]}"} "$@"
