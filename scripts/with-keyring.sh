#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring (a real
# Secret Service), so keytar talks to a real keychain without touching the user's own.
# Usage: scripts/with-keyring.sh <command> [args…]
set -euo pipefail

if [[ "${GATEHOUSE_IN_KEYRING:-}" == 1 ]]; then exec "$@"; fi

if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon missing (run scripts/setup.sh);" \
    "running without a Secret Service, keychain tests will report themselves skipped" >&2
  exec "$@"
fi

sandbox=$(mktemp -d -t gatehouse-keyring.XXXXXX)
trap 'rm -rf "$sandbox"' EXIT
mkdir -p "$sandbox/home" "$sandbox/run" "$sandbox/data"
chmod 700 "$sandbox/run"

export HOME="$sandbox/home" XDG_RUNTIME_DIR="$sandbox/run" XDG_DATA_HOME="$sandbox/data" GATEHOUSE_IN_KEYRING=1
# Keep npm's cache where it was: the fresh HOME would otherwise send npm/npx looking elsewhere.
export npm_config_cache="${npm_config_cache:-${ORIGINAL_HOME:-/root}/.npm}"

exec dbus-run-session -- bash -c '
  eval "$(printf "gatehouse-test" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
  exec "$@"
' with-keyring "$@"
