#!/usr/bin/env bash
# `npm test`: every test (unit and e2e) against real PostgreSQL, Redis and an in-process SMTP server.
# Finds or starts the services the same way `npm start` does.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh # Node from .node-version, for jest and the API/worker processes it spawns
[ -d node_modules ] || npm ci
eval "$(TECHMARKET_DB=postgres bash scripts/services.sh)"
bash scripts/fonts.sh
export DATABASE_URL REDIS_URL
npm run --silent build
NODE_OPTIONS=--experimental-vm-modules exec npx jest "$@"
