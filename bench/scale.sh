#!/usr/bin/env bash
# bench/scale.sh: does reading a user cost the same at 10,000 and at
# 1,000,000 users? It seeds both sizes into SQLite files and into a Postgres
# database (bench/seed: gormstore's schema, batched inserts, a progress
# bar), runs BenchmarkScale (storage/gormstore/scale_bench_test.go) on them,
# and prints the median ns/op per lookup with the ratio 1M/10k (target: at
# most 1.5). Run from anywhere in the module:
#
#   bash bench/scale.sh
#
# Settings (environment):
#   PGURL      Postgres server, without a database (default
#              postgres://postgres@127.0.0.1:55432); SKIP_POSTGRES=1 skips it
#   PGDB       database to create, seed and drop (default myaccount_bench)
#   SIZES      user counts (default "10000 1000000")
#   BENCHTIME  go test -benchtime (default 1s)
#   ROUNDS     how many times the sizes are measured in turn (default 9);
#              the median counts
#   KEEP=1     keep the SQLite files and the Postgres database
set -euo pipefail
cd "$(dirname "$0")/.."

PGURL=${PGURL:-postgres://postgres@127.0.0.1:55432}
PGDB=${PGDB:-myaccount_bench}
SIZES=${SIZES:-"10000 1000000"}
BENCHTIME=${BENCHTIME:-1s}
ROUNDS=${ROUNDS:-9}
DIR=$(mktemp -d /tmp/myaccount-scale-XXXXXX)
PG_ADMIN="$PGURL/postgres?sslmode=disable"
PG="$PGURL/$PGDB?sslmode=disable"

cleanup() {
  if [ "${KEEP:-}" = 1 ]; then
    echo "kept: $DIR (SQLite files, scale.txt) and the Postgres database $PGDB" >&2
    return
  fi
  rm -rf "$DIR"
  if [ -z "${SKIP_POSTGRES:-}" ]; then
    psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PGDB" >/dev/null || true
  fi
}
trap cleanup EXIT

targets=""
if [ -z "${SKIP_POSTGRES:-}" ]; then
  psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PGDB" -c "CREATE DATABASE $PGDB" >/dev/null
fi
go build -o "$DIR/seed" ./bench/seed
for n in $SIZES; do
  echo "== seeding $n users" >&2
  "$DIR/seed" -users "$n" -sqlite "$DIR/users-$n.db"
  targets="$targets sqlite:$DIR/users-$n.db"
  if [ -z "${SKIP_POSTGRES:-}" ]; then
    # One database, the sizes side by side under their own prefixes.
    "$DIR/seed" -users "$n" -postgres "$PG" -prefix "scale${n}_"
    targets="$targets postgres:scale${n}_"
  fi
done

echo "== go test -bench Scale -benchtime $BENCHTIME ./storage/gormstore, $ROUNDS rounds" >&2
MYACCOUNT_BENCH_SCALE="$targets" MYACCOUNT_BENCH_SCALE_POSTGRES="$PG" MYACCOUNT_BENCH_SCALE_ROUNDS="$ROUNDS" \
  go test -run '^$' -bench Scale -benchtime "$BENCHTIME" -timeout 60m ./storage/gormstore | tee "$DIR/scale.txt"

# Median ns/op per database, lookup and size; then each size beside the
# smallest.
echo
echo "median ns/op per lookup (ratio: each size / the smallest; target <= 1.5)"
grep '^BenchmarkScale/' "$DIR/scale.txt" |
  sed -E 's@^BenchmarkScale/database=([a-z]+)/by=([a-z]+)/users=([0-9]+)(#[0-9]+)?-[0-9]+[[:space:]]+[0-9]+[[:space:]]+([0-9.]+) ns/op.*@\1 \2 \3 \5@' |
  sort -k1,1 -k2,2 -k3,3n -k4,4n |
  awk '
    { key = $1 " " $2 " " $3; v[key, ++n[key]] = $4; if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
    END {
      printf "%-9s %-9s %10s %12s %7s\n", "database", "lookup", "users", "ns/op", "ratio"
      for (i = 1; i <= k; i++) {
        key = order[i]; split(key, f, " ")
        c = n[key]; med = (c % 2) ? v[key, (c + 1) / 2] : (v[key, c / 2] + v[key, c / 2 + 1]) / 2
        base = f[1] " " f[2]
        if (!(base in first)) first[base] = med
        ratio = med / first[base]
        printf "%-9s %-9s %10d %12.0f %7.2f%s\n", f[1], f[2], f[3], med, ratio, (ratio > 1.5 ? "  ABOVE 1.5" : "")
      }
    }'
