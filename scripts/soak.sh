#!/usr/bin/env bash
# `npm run soak`: the multi-instance soak and fault scenarios (bench/soak.ts), ~13 minutes. Installs
# HAProxy from Debian's packages when missing (the load balancer it runs on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v haproxy >/dev/null; then
  sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  echo "soak: installing haproxy"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends haproxy >/dev/null
fi
exec bash scripts/with-node.sh tsx bench/soak.ts "$@"
