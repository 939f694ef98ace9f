#!/usr/bin/env bash
# The Playwright suite on its own: builds the app, then runs both projects (chromium, electron)
# inside a private keyring session. Playwright's global setup starts the devstack and the backend.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-toolchain.sh
npx electron-vite build >/dev/null
mkdir -p test-results/screenshots
display=()
# The electron project needs a display where it can run; Chromium runs headless either way.
if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null; then display=(xvfb-run -a); fi
ORIGINAL_HOME="$HOME" exec "${display[@]}" scripts/with-keyring.sh npx playwright test "$@"
