#!/usr/bin/env bash
# The whole suite: set-up, typecheck, lint, unit + integration (vitest, against a real keyring,
# devstack, backend, SQLite and PostgreSQL), end-to-end (Playwright), then one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/node-toolchain.sh || exit 1
source scripts/os.sh
scripts/setup.sh || exit 1

# macOS: the PostgreSQL suite finds Debian's binaries or PG_BIN's, so point PG_BIN at Homebrew's.
if [[ "$(gatehouse_os)" == macos && -z "${PG_BIN:-}" ]] && pg_bin=$(gatehouse_homebrew_postgres_bin); then
  export PG_BIN=$pg_bin
fi

results=test-results
rm -rf "$results/vitest.json" "$results/e2e-results.json" "$results/checks.txt"
mkdir -p "$results"
failed_steps=()

step() {
  local name=$1
  shift
  echo
  echo "━━ $name"
  if "$@"; then echo "pass: $name" >>"$results/checks.txt"; else
    echo "fail: $name" >>"$results/checks.txt"
    failed_steps+=("$name")
  fi
}

step typecheck npm run --silent typecheck
step lint npm run --silent lint
step "workflow lint" npm run --silent lint:workflows
# A display for the tests that open a real window (the Chromium fallback's app window), as e2e.sh does.
display=()
if [[ "$(gatehouse_os)" == linux && -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null; then display=(xvfb-run -a); fi
# (`${display[@]+…}`: an empty array is "unbound" to macOS's bash 3.2 under `set -u`.)
step "unit + integration" env ORIGINAL_HOME="$HOME" ${display[@]+"${display[@]}"} scripts/with-keyring.sh \
  npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
step e2e scripts/e2e.sh

echo
echo "Node $(node -v) ($(command -v node))"
node scripts/summarize.mjs "$results"
status=$?
((${#failed_steps[@]} == 0)) || { echo "failed steps: ${failed_steps[*]}"; exit 1; }
exit $status
