#!/usr/bin/env bash
# Runs a command under the project's Node (see node-toolchain.sh): what every npm script goes
# through, so `npm run typecheck` typed on a machine with an older system Node still works.
# Usage: scripts/with-node.sh <command> [args…]
set -euo pipefail
source "$(dirname "$0")/node-toolchain.sh"
exec "$@"
