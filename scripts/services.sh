#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer, and prints `export` lines for DATABASE_URL/REDIS_URL.
#  1. DATABASE_URL / REDIS_URL already set and answering: used as they are.
#  2. Otherwise the local servers on 127.0.0.1:5432 / :6379, if they answer.
#  3. Otherwise project-local servers from Debian's postgresql / redis-server packages,
#     in .local/ (PostgreSQL on 54329, Redis on 63799), installed with apt-get when run as
#     root and missing; if that is impossible it says exactly what to install.
#     TECHMARKET_LOCAL_SERVICES=1 skips step 2 (to try step 3 on a machine that has servers).
# Messages go to stderr; stdout carries only the export lines (eval "$(scripts/services.sh)").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. scripts/node-env.sh
LOCAL="$ROOT/.local"
say() { echo "[services] $*" >&2; }

pg_answers() { # url
  node -e "const c=new (require('pg').Client)({connectionString:process.argv[1],connectionTimeoutMillis:2000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))" "$1" 2>/dev/null
}
redis_answers() { # url
  node -e "const R=require('ioredis').Redis;const r=new R(process.argv[1],{lazyConnect:true,connectTimeout:2000,maxRetriesPerRequest:0,retryStrategy:()=>null});r.connect().then(()=>r.ping()).then(()=>{r.disconnect();process.exit(0)},()=>process.exit(1))" "$1" 2>/dev/null
}

apt_install() { # packages...
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing $* with apt-get (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || true
    apt-get install -y -qq "$@" >&2
  else
    say "ERROR: $* not found. Install them, e.g.: sudo apt-get install -y $*"
    say "       or set DATABASE_URL / REDIS_URL to servers you already run."
    exit 1
  fi
}

ensure_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then
    local server="${DATABASE_URL%/*}/postgres"
    if pg_answers "$server"; then say "PostgreSQL: using DATABASE_URL"; echo "export DATABASE_URL='$DATABASE_URL'"; return; fi
    say "DATABASE_URL is set but does not answer: $DATABASE_URL"; exit 1
  fi
  local db="${TECHMARKET_DB:-techmarket}"
  if [ -z "${TECHMARKET_LOCAL_SERVICES:-}" ] && pg_answers "postgres://postgres@127.0.0.1:5432/postgres"; then
    say "PostgreSQL: using the server on 127.0.0.1:5432"
    echo "export DATABASE_URL='postgres://postgres@127.0.0.1:5432/$db'"; return
  fi
  local url="postgres://postgres@127.0.0.1:54329/postgres"
  if ! pg_answers "$url"; then
    local bindir
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [ -z "$bindir" ]; then apt_install postgresql postgresql-contrib; bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); fi
    local base="$LOCAL"
    local as=()
    if [ "$(id -u)" = 0 ]; then
      as=(su postgres -s /bin/bash -c)
      # PostgreSQL refuses to run as root; the postgres user must reach the data dir. A checkout
      # under /root is not reachable, so the cluster then lives in /var/tmp instead.
      if ! su postgres -s /bin/sh -c "test -x '$ROOT'" 2>/dev/null; then
        base="/var/tmp/techmarket-$(echo "$ROOT" | md5sum | cut -c1-8)"
        say "the postgres user cannot reach $ROOT; the cluster goes to $base"
      fi
    fi
    local data="$base/pgdata" run="$base/pgrun"
    mkdir -p "$base" "$run"
    if [ "$(id -u)" = 0 ]; then chown postgres "$base" "$run"; fi
    run_pg() { if [ ${#as[@]} -gt 0 ]; then "${as[@]}" "$*"; else bash -c "$*"; fi; }
    if [ ! -f "$data/PG_VERSION" ]; then
      say "creating a project-local PostgreSQL cluster in .local/pgdata"
      run_pg "'$bindir/initdb' -D '$data' -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust" >/dev/null
    fi
    say "starting project-local PostgreSQL on 127.0.0.1:54329 (stop: $bindir/pg_ctl -D $data stop)"
    run_pg "'$bindir/pg_ctl' -D '$data' -l '$base/postgres.log' -o \"-p 54329 -k '$run' -c listen_addresses=127.0.0.1\" -w start" >/dev/null
  else
    say "PostgreSQL: using the project-local server on 127.0.0.1:54329"
  fi
  echo "export DATABASE_URL='postgres://postgres@127.0.0.1:54329/$db'"
}

ensure_redis() {
  if [ -n "${REDIS_URL:-}" ]; then
    if redis_answers "$REDIS_URL"; then say "Redis: using REDIS_URL"; echo "export REDIS_URL='$REDIS_URL'"; return; fi
    say "REDIS_URL is set but does not answer: $REDIS_URL"; exit 1
  fi
  if [ -z "${TECHMARKET_LOCAL_SERVICES:-}" ] && redis_answers "redis://127.0.0.1:6379/0"; then
    say "Redis: using the server on 127.0.0.1:6379"; echo "export REDIS_URL='redis://127.0.0.1:6379/0'"; return
  fi
  if ! redis_answers "redis://127.0.0.1:63799/0"; then
    command -v redis-server >/dev/null || apt_install redis-server
    mkdir -p "$LOCAL/redis"
    say "starting project-local Redis on 127.0.0.1:63799 (stop: redis-cli -p 63799 shutdown)"
    redis-server --port 63799 --bind 127.0.0.1 --save "" --appendonly no --dir "$LOCAL/redis" \
      --daemonize yes --pidfile "$LOCAL/redis/redis.pid" --logfile "$LOCAL/redis/redis.log" >&2
    for _ in $(seq 1 50); do redis_answers "redis://127.0.0.1:63799/0" && break; sleep 0.1; done
  else
    say "Redis: using the project-local server on 127.0.0.1:63799"
  fi
  echo "export REDIS_URL='redis://127.0.0.1:63799/0'"
}

ensure_postgres
ensure_redis
