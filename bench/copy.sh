#!/usr/bin/env bash
# bench/copy.sh: how fast does "myaccount copy" move a large SQLite store to
# Postgres, and in how much memory? It seeds USERS users, each with a social
# identity, into a SQLite file (bench/seed), copies it into a fresh Postgres
# database with cmd/myaccount under /usr/bin/time -v, and prints users/s,
# rows/s, the wall time and the command's peak RSS (targets: at least 10,000
# users/s, under 200 MB). Not run in CI (a million users take minutes). Run
# from anywhere in the module:
#
#   bash bench/copy.sh
#
# Settings (environment):
#   PGURL   Postgres server, without a database (default
#           postgres://postgres@127.0.0.1:55432)
#   PGDB    database to create, fill and drop (default myaccount_copybench)
#   USERS   users to seed (default 1000000)
#   BATCH   rows per batch (default: the command's)
#   KEEP=1  keep the SQLite file and the Postgres database
set -euo pipefail
cd "$(dirname "$0")/.."

PGURL=${PGURL:-postgres://postgres@127.0.0.1:55432}
PGDB=${PGDB:-myaccount_copybench}
USERS=${USERS:-1000000}
DIR=$(mktemp -d /tmp/myaccount-copy-XXXXXX)
PG_ADMIN="$PGURL/postgres?sslmode=disable"
PG="$PGURL/$PGDB?sslmode=disable"

cleanup() {
  if [ "${KEEP:-}" = 1 ]; then
    echo "kept: $DIR and the Postgres database $PGDB" >&2
    return
  fi
  rm -rf "$DIR"
  psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PGDB" >/dev/null || true
}
trap cleanup EXIT

go build -o "$DIR/seed" ./bench/seed
go build -o "$DIR/myaccount" ./cmd/myaccount
echo "== seeding $USERS users with identities into SQLite" >&2
"$DIR/seed" -users "$USERS" -identities -sqlite "$DIR/users.db"
psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PGDB" -c "CREATE DATABASE $PGDB" >/dev/null

echo "== myaccount copy (load before: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
args=(copy -from "sqlite:$DIR/users.db" -to "$PG")
if [ -n "${BATCH:-}" ]; then args+=(-batch "$BATCH"); fi
/usr/bin/time -v -o "$DIR/time.txt" "$DIR/myaccount" "${args[@]}" | tee "$DIR/summary.txt"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$DIR/time.txt")
cpu_user=$(awk -F': ' '/User time/ {print $2}' "$DIR/time.txt")
cpu_sys=$(awk -F': ' '/System time/ {print $2}' "$DIR/time.txt")
rows=$(sed -E 's/^copied [0-9]+ users, ([0-9]+) rows.*/\1/' "$DIR/summary.txt")
secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
awk -v u="$USERS" -v r="$rows" -v s="$secs" -v kb="$rss_kb" -v cu="$cpu_user" -v cs="$cpu_sys" 'BEGIN {
  printf "users %d, rows %d, wall %.1f s (cpu user %.1f s, sys %.1f s): %.0f users/s, %.0f rows/s, peak RSS %.1f MB\n", u, r, s, cu, cs, u / s, r / s, kb / 1024
  if (u / s < 10000) print "BELOW the target of 10,000 users/s"
  if (kb / 1024 >= 200) print "ABOVE the target of 200 MB"
}'
