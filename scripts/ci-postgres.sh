#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the collector's tests: Debian's server, run as user postgres (root
# may not), a fresh data folder, 127.0.0.1 on a non-default port. `scripts/ci-postgres.sh stop` stops it.
# Prints the URL for TOUCHLOOP_TEST_DATABASE_URL.
set -euo pipefail
PORT="${TOUCHLOOP_PG_PORT:-54329}"
BASE="${TOUCHLOOP_PG_DIR:-/tmp/touchloop-ci-postgres}"
# The server's folder (the client package alone also makes /usr/lib/postgresql/<v>/bin, without initdb).
bin_dir() { ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname; }

if [ "${1:-start}" = stop ]; then
  BIN=$(bin_dir)
  [ -n "$BIN" ] && [ -d "$BASE/data" ] && su postgres -s /bin/sh -c "$BIN/pg_ctl -D $BASE/data -m fast stop" >/dev/null 2>&1 || true
  exit 0
fi

if [ -z "$(bin_dir)" ]; then
  echo "ci: installing Debian's PostgreSQL for the collector tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(bin_dir)
rm -rf "$BASE"
mkdir -p "$BASE"
chown postgres "$BASE"
su postgres -s /bin/sh -c "$BIN/initdb -D $BASE/data -A trust -U postgres" >/dev/null
su postgres -s /bin/sh -c "$BIN/pg_ctl -D $BASE/data -l $BASE/log -w -o '-p $PORT -k $BASE -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on' start" >/dev/null
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
