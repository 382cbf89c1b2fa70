#!/usr/bin/env bash
# Start a PostgreSQL server on loopback for the tests (Debian's package, as root) and create the
# role "outlet" (password "outlet") with CREATEDB.  Prints the URL the tests use.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DATA=${PGDATA_DIR:-/tmp/outlet-desk-pg}
if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    chown postgres:postgres "$DATA"
    su postgres -c "$PGBIN/initdb -D $DATA -A trust -U postgres" >/dev/null
fi
if ! su postgres -c "$PGBIN/pg_ctl -D $DATA status" >/dev/null 2>&1; then
    su postgres -c "$PGBIN/pg_ctl -D $DATA -l $DATA/server.log -o '-c listen_addresses=127.0.0.1 -p 55432 -c fsync=off' -w start" >/dev/null
fi
psql -h 127.0.0.1 -p 55432 -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='outlet'" | grep -q 1 \
    || psql -h 127.0.0.1 -p 55432 -U postgres -c "CREATE ROLE outlet LOGIN PASSWORD 'outlet' CREATEDB" >/dev/null
echo "postgresql://outlet:outlet@127.0.0.1:55432/postgres"
