#!/usr/bin/env bash
# Quick start: set-up, build, then the local stack (devstack + backend) and Gatehouse on it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-toolchain.sh
scripts/setup.sh --for-start
# Rebuilt only when something it is built from changed since the last build (a no-change start
# then takes no build time at all).
stamp=out/.gatehouse-build
if [[ ! -f "$stamp" ]] || [[ -n "$(find src lib electron.vite.config.ts package-lock.json tsconfig*.json -newer "$stamp" -print -quit)" ]]; then
  npx electron-vite build >/dev/null
  touch "$stamp"
fi
# node itself (not npx → tsx → node), so a signal or the end of npm reaches start.ts directly.
exec node --import tsx scripts/start.ts "$@"
