#!/usr/bin/env bash
# The console (apps/console) keeps its own package.json and lockfile, so the API's install stays
# as it was (docs/decisions/0017-console.md). This installs them when missing or out of date, then:
#   build       builds it into apps/console/dist (served by the API at /), with the bundle sizes
#   ensure-built  builds only if there is no build or a source is newer than it (npm start, npm test)
#   typecheck   tsc on its own tsconfig
#   dev         vite's dev server, proxying the API on :3000
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh
dir=apps/console
stamp=$dir/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
  echo "[console] installing its dependencies (npm ci in $dir)" >&2
  npm ci --prefix "$dir" --no-audit --no-fund >&2
fi
case "${1:-build}" in
  build) npm run --prefix "$dir" --silent build ;;
  ensure-built)
    if [ ! -f "$dir/dist/index.html" ] || [ -n "$(find "$dir/src" "$dir/index.html" "$dir/vite.config.ts" "$dir/package.json" "$dir/package-lock.json" "$dir/scripts" -newer "$dir/dist/index.html" -print -quit)" ]; then
      echo "[console] building the console" >&2
      npm run --prefix "$dir" --silent build >&2
    fi
    ;;
  typecheck) npx tsc --noEmit -p "$dir/tsconfig.json" ;;
  dev) npm run --prefix "$dir" dev ;;
  *)
    echo "usage: scripts/console.sh build|ensure-built|typecheck|dev" >&2
    exit 2
    ;;
esac
