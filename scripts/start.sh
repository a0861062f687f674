#!/usr/bin/env bash
# `npm start`: PostgreSQL and Redis (found or started), migrations, the Jilin tenant tree and
# demo accounts and the demo catalog, then the API with the background workers in-process, on http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh # Node from .node-version: the machine's if it is that, else .local/'s
[ -d node_modules ] || { echo "[start] installing dependencies (npm ci)"; npm ci; }
eval "$(bash scripts/services.sh)"
bash scripts/fonts.sh
export DATABASE_URL REDIS_URL
node -e "
const pg=require('pg');const u=new URL(process.env.DATABASE_URL);const name=u.pathname.slice(1);u.pathname='/postgres';
const c=new pg.Client({connectionString:u.toString()});
c.connect().then(()=>c.query('SELECT 1 FROM pg_database WHERE datname=\$1',[name])).then(r=>r.rowCount?null:c.query('CREATE DATABASE \"'+name+'\"').then(()=>console.error('[start] created database '+name))).then(()=>c.end()).catch(e=>{console.error('[start] '+e.message);process.exit(1)})"
echo "[start] building" >&2
npm run --silent build
bash scripts/console.sh ensure-built # the zh-CN console at http://127.0.0.1:3000/ (built when missing or stale)
node dist/scripts/db.js setup
# The demo catalog (科技成果, 需求, 专利, 专家) at Jilin scale by default loads in the background
# (one transaction: it appears all at once; skipped once loaded) while the API starts, so the console
# answers at once and shows the progress (GET /demo/status). DEMO_SCALE=small for a smaller catalog;
# national is for benchmarks.
mkdir -p .local
echo "[start] demo catalog: scale ${DEMO_SCALE:-jilin}, loading in the background (log: .local/demo.log; progress on the console's login page)" >&2
node dist/scripts/generate-demo.js --scale "${DEMO_SCALE:-jilin}" >.local/demo.log 2>&1 &
export RUN_WORKERS_IN_API="${RUN_WORKERS_IN_API:-1}"
cat >&2 <<TXT
[start] demo accounts (password Demo@2026):
          province_admin (省平台), changchun_bureau (长春市科技局), jilin_city_bureau (吉林市科技局),
          nongan_center (农安县中心), changchun_reviewer, jlu_member (吉林大学), nongan_enterprise,
          changchun_broker, changchun_expert — see data/demo-accounts.json
TXT
exec node dist/apps/api/src/main.js
