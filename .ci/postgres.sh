# Sourced by .ci/run: starts a private PostgreSQL cluster on 127.0.0.1:$PGPORT
# as the postgres user and exports MYACCOUNT_TEST_POSTGRES_DSN.
PGPORT=${PGPORT:-55432}
# Another cluster may already listen there: take the next free port.
while (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; do PGPORT=$((PGPORT + 1)); done
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDATA=$(mktemp -d /tmp/myaccount-pg.XXXXXX)
${SUDO:-} chown postgres:postgres "$PGDATA"
${SUDO:-} chmod 700 "$PGDATA"
${SUDO:-} runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust >/dev/null
${SUDO:-} runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
${SUDO:-} runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc 'CREATE DATABASE myaccount_test' >/dev/null
export MYACCOUNT_TEST_POSTGRES_DSN="postgres://postgres@127.0.0.1:$PGPORT/myaccount_test?sslmode=disable"
export MYACCOUNT_PGDATA="$PGDATA" MYACCOUNT_PGBIN="$PGBIN"
echo "postgres ready: $MYACCOUNT_TEST_POSTGRES_DSN"
