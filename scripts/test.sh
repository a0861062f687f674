#!/usr/bin/env bash
# `npm test`: the three test tiers in order, stopping at the first that fails (see docs/decisions/0004-tests.md):
#   unit    no services, no build — seconds
#   medium  SQL on cloned PostgreSQL databases, no Nest app       } both need PostgreSQL (and e2e Redis),
#   e2e     the built API as real processes, Redis, SMTP          } found or started as `npm start` does, and the build
# `scripts/test.sh --tiers medium,e2e [jest args…]` runs some tiers; jest args (a path pattern, -t …) go to each.
set -euo pipefail
cd "$(dirname "$0")/.."
tiers="unit,medium,e2e"
if [ "${1:-}" = "--tiers" ]; then
  tiers="$2"
  shift 2
fi
. scripts/node-env.sh # Node from .node-version, for jest and the API/worker processes it spawns
[ -d node_modules ] || npm ci
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--experimental-vm-modules"
prepared=""
for tier in ${tiers//,/ }; do
  case "$tier" in
    unit) ;;
    medium | e2e)
      if [ -z "$prepared" ]; then
        eval "$(TECHMARKET_DB=postgres bash scripts/services.sh)"
        export DATABASE_URL REDIS_URL
        bash scripts/fonts.sh
        npm run --silent build
        prepared=1
      fi
      if [ "$tier" = e2e ]; then
        # The browser tests (test/e2e/console.e2e-spec.ts) drive the built console the API serves.
        bash scripts/console.sh ensure-built
        bash scripts/chromium.sh
      fi
      ;;
    *)
      echo "unknown test tier: $tier (unit, medium, e2e)" >&2
      exit 2
      ;;
  esac
  echo "── $tier ──"
  start=$SECONDS
  # --selectProjects last: it takes every word after it as a project name.
  npx jest --passWithNoTests "$@" --selectProjects "$tier"
  echo "── $tier: $((SECONDS - start)) s"
done
