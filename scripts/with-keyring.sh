#!/usr/bin/env bash
# Runs a command where keytar talks to a real keychain without touching the user's own secrets:
# Linux: a private D-Bus session with a fresh, unlocked gnome-keyring (a real Secret Service).
# macOS: the default keychain; under CI a throwaway `ci.keychain`, created, unlocked and made the
# default first (a runner's login keychain is locked). Windows: Credential Manager, always there.
# Usage: scripts/with-keyring.sh <command> [args…]
set -euo pipefail
source "$(dirname "$0")/os.sh"

if [[ "${GATEHOUSE_IN_KEYRING:-}" == 1 ]]; then exec "$@"; fi

# Creates (once) and unlocks a CI keychain without a lock timeout, as the default and in the search
# list, since keytar writes to the default keychain and reads through the search list.
use_ci_keychain() {
  local keychain=ci.keychain password=gatehouse-ci
  if ! security show-keychain-info "$keychain" >/dev/null 2>&1; then
    security create-keychain -p "$password" "$keychain"
  fi
  security list-keychains -d user -s "$keychain" login.keychain
  security default-keychain -d user -s "$keychain"
  security unlock-keychain -p "$password" "$keychain"
  security set-keychain-settings "$keychain"
}

# Starts a private D-Bus session with a fresh gnome-keyring and runs the command inside it.
run_in_gnome_keyring() {
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
  # The login keyring's password, for tests that restart the daemon (tests/support/secretService.ts).
  export GATEHOUSE_KEYRING_PASSWORD=gatehouse-test
  # Keep npm's cache where it was: the fresh HOME would otherwise send npm/npx looking elsewhere.
  export npm_config_cache="${npm_config_cache:-${ORIGINAL_HOME:-/root}/.npm}"

  exec dbus-run-session -- bash -c '
    eval "$(printf "%s" "$GATEHOUSE_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
    export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
    exec "$@"
  ' with-keyring "$@"
}

case "$(gatehouse_os)" in
  macos)
    if [[ -n "${CI:-}" ]]; then use_ci_keychain; fi
    export GATEHOUSE_IN_KEYRING=1
    exec "$@"
    ;;
  windows)
    export GATEHOUSE_IN_KEYRING=1
    exec "$@"
    ;;
  *) run_in_gnome_keyring "$@" ;;
esac
