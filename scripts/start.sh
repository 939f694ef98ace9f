#!/usr/bin/env bash
# Quick start: set-up, build, then the local stack (devstack + backend) and Gatehouse on it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-toolchain.sh
scripts/setup.sh --with-electron
npx electron-vite build >/dev/null
# node itself (not npx → tsx → node), so a signal or the end of npm reaches start.ts directly.
exec node --import tsx scripts/start.ts "$@"
