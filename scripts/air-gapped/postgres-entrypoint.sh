#!/bin/sh
# Entrypoint of the stand-in PostgreSQL image (scripts/air-gapped-images.sh): the subset of the
# official postgres image's behaviour that docker-compose.yml and the e2e tests rely on.
#  - POSTGRES_PASSWORD (required), POSTGRES_USER (default postgres), POSTGRES_DB (default
#    POSTGRES_USER) make the superuser and the database on the first start with an empty PGDATA;
#  - later starts (a restart, a kept volume) reuse PGDATA as it is;
#  - started as root it prepares PGDATA and drops to the postgres user; started as postgres
#    (`user: postgres`) it needs PGDATA and /var/run/postgresql writable;
#  - listens on all addresses, password (SCRAM) authentication over TCP;
#  - postgres is PID 1 (exec), so `docker stop` shuts it down cleanly.
set -eu

PGDATA="${PGDATA:-/var/lib/postgresql/data}"
export PGDATA

if [ "${1:-postgres}" != postgres ]; then
  exec "$@"
fi

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 0700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set (as for the official postgres image)}"
  user="${POSTGRES_USER:-postgres}"
  db="${POSTGRES_DB:-$user}"
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
  if [ "$db" != postgres ]; then
    # Single-user mode: no listener while the database is made, so a client (or a health check)
    # never sees a server that is up but not yet initialised.
    printf 'CREATE DATABASE "%s";\n' "$db" | postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "PostgreSQL init process complete; ready for start up."
fi

exec "$@"
