#!/usr/bin/env bash
# Throwaway PostgreSQL for the conditions-db test suite.
#   source tools/ci/postgres.sh start   -> installs (Debian) if needed, starts a cluster on
#                                          127.0.0.1:$PGPORT as the unprivileged user
#                                          "postgres", exports NUCAL_TEST_PG_URL
#   tools/ci/postgres.sh stop           -> stops it and removes its data directory
set -euo pipefail
PGPORT="${NUCAL_PGPORT:-54329}"
PGDATA_DIR="${NUCAL_PGDATA:-/tmp/nucal-pg-$PGPORT}"

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && echo "$d"
}

pg_start() {
  if [ -z "$(pg_bin)" ]; then
    echo "[postgres] installing PostgreSQL from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  local bin; bin=$(pg_bin)
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  if [ -f "$PGDATA_DIR/postmaster.pid" ]; then pg_stop || true; fi
  rm -rf "$PGDATA_DIR"
  mkdir -p "$PGDATA_DIR"
  chown postgres "$PGDATA_DIR"
  su postgres -c "$bin/initdb -D '$PGDATA_DIR' -U postgres --auth=trust -E UTF8 >/dev/null"
  su postgres -c "$bin/pg_ctl -D '$PGDATA_DIR' -l '$PGDATA_DIR/server.log' -w -o \"-h 127.0.0.1 -p $PGPORT -k /tmp -c fsync=off -c max_connections=200\" start >/dev/null"
  export NUCAL_TEST_PG_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
  echo "[postgres] running: $NUCAL_TEST_PG_URL ($($bin/postgres --version))"
}

pg_stop() {
  local bin; bin=$(pg_bin)
  [ -n "$bin" ] && [ -d "$PGDATA_DIR" ] && su postgres -c "$bin/pg_ctl -D '$PGDATA_DIR' -m fast -w stop >/dev/null" || true
  rm -rf "$PGDATA_DIR"
}

case "${1:-}" in
  start) pg_start ;;
  stop) pg_stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
