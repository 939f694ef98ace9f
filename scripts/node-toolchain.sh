# Sourced by every project script: makes `node` (and so npm, npx, tsx, vitest, Playwright) the
# project's Node — the machine's own when it is ≥ 22.12, else Node 24 LTS from the npm registry's
# `node-linux-<arch>` package, unpacked once into .toolchain/ (git-ignored, ~190 MB unpacked).
# Native addons (keytar, better-sqlite3) are then built against that Node's own headers.
# Electron 45 embeds Node 24, so this is also the runtime the main-process core really runs on.

GATEHOUSE_NODE_VERSION=24.22.3
GATEHOUSE_NODE_MIN=22.12.0

gatehouse_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# True when the `node` on PATH is at least $GATEHOUSE_NODE_MIN.
gatehouse_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e '
    const want = process.argv[1].split(".").map(Number);
    const have = process.versions.node.split(".").map(Number);
    for (let i = 0; i < 3; i++) if (have[i] !== want[i]) process.exit(have[i] > want[i] ? 0 : 1);
  ' "$GATEHOUSE_NODE_MIN"
}

gatehouse_use_toolchain() {
  local dir="$gatehouse_root/.toolchain/node-v$GATEHOUSE_NODE_VERSION"
  if [[ ! -x "$dir/bin/node" ]]; then
    local arch
    case "$(uname -sm)" in
      'Linux x86_64') arch=x64 ;;
      'Linux aarch64') arch=arm64 ;;
      # macOS and Windows (Git Bash: MINGW64_NT…/MSYS_NT…) use the machine's Node, in CI setup-node's.
      *)
        echo "toolchain: Node $(node -v 2>/dev/null || echo '(none)') is older than $GATEHOUSE_NODE_MIN, and this script" \
          "fetches Node only for Linux, not $(uname -sm). Install Node 24 LTS (see .nvmrc) and run again." >&2
        return 1
        ;;
    esac
    command -v npm >/dev/null || { echo "toolchain: npm is needed to fetch Node $GATEHOUSE_NODE_VERSION" >&2; return 1; }
    echo "toolchain: Node $(node -v 2>/dev/null || echo '(none)') is older than $GATEHOUSE_NODE_MIN; fetching Node" \
      "$GATEHOUSE_NODE_VERSION (node-linux-$arch, ~52 MB) from the npm registry into .toolchain/" >&2
    local tmp
    tmp=$(mktemp -d) || return 1
    # npm pack checks the tarball against the registry's integrity hash.
    if ! (cd "$tmp" && npm pack --silent "node-linux-$arch@$GATEHOUSE_NODE_VERSION" >/dev/null) ||
      ! mkdir -p "$dir.partial" || ! tar xzf "$tmp"/node-linux-*.tgz -C "$dir.partial" --strip-components=1; then
      rm -rf "$tmp" "$dir.partial"
      echo "toolchain: could not fetch Node $GATEHOUSE_NODE_VERSION from the npm registry" >&2
      return 1
    fi
    rm -rf "$tmp" "$dir"
    mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  # npm may be configured to build addons against the system Node's headers: use this Node's.
  export npm_config_nodedir="$dir"
}

if ! gatehouse_node_ok; then
  gatehouse_use_toolchain || return 1 2>/dev/null || exit 1
fi
