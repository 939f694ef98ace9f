#!/usr/bin/env bash
# Quick start: set-up, build, then the local stack (devstack + backend) and Gatehouse on it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-toolchain.sh
scripts/setup.sh --with-electron
npx electron-vite build >/dev/null
exec npx tsx scripts/start.ts "$@"
