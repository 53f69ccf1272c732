#!/usr/bin/env bash
# Runs every fuzz target briefly (FUZZTIME each, 3s by default), so that a
# regression a target finds quickly fails CI; go test alone runs only the
# seed corpora. Seeds, including every failing input ever found, live in
# each package's testdata/fuzz. Run longer, or some targets only, by hand:
#
#   FUZZTIME=5m bash .ci/fuzz.sh                # every target
#   FUZZTIME=5m bash .ci/fuzz.sh 'FuzzTOTP|Avatar'   # targets matching a regexp
#
# Each package's test binary is built once with the fuzzing instrumentation
# and run once per target (go test -fuzz would link it again for each
# target), which keeps all targets at 3s within about 90s on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
FUZZTIME=${FUZZTIME:-3s}
# How long the engine may minimize a new or failing input. Short in CI: a
# failing input is written either way, and minimizing a new input when the
# time runs out is what ends a run with the engine's own "context deadline
# exceeded".
FUZZMINIMIZETIME=${FUZZMINIMIZETIME:-1s}
only=${1:-.}
cache="$(go env GOCACHE)/fuzz"
bin=$(mktemp -d)
log="$bin/fuzz.log"
trap 'rm -rf "$bin"' EXIT
start=$SECONDS

# Every Fuzz function in the module, as "package target".
targets=$(grep -rl --include='*_test.go' '^func Fuzz' . | grep -v '^./e2e/' | while read -r f; do
  pkg="./$(dirname "${f#./}")"
  grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed "s|^func |$pkg |"
done | sort | grep -E " .*($only)" || true)
if [ -z "$targets" ]; then
  echo "no fuzz target matches $only"; exit 1
fi

echo "$targets" | while read -r pkg target; do
  test="$bin/$(echo "$pkg" | tr './' '_-').test"
  if [ ! -x "$test" ]; then
    go test -c -fuzz=. -o "$test" "$pkg"
  fi
  echo "== fuzz $target ($pkg, $FUZZTIME)"
  # Run in the package's directory, where its testdata/fuzz is, with the
  # cache directory go test would give it.
  importpath=$(go list "$pkg")
  if ! (cd "$pkg" && "$test" -test.run='^$' -test.fuzz="^${target}\$" -test.fuzztime="$FUZZTIME" \
    -test.fuzzminimizetime="$FUZZMINIMIZETIME" -test.timeout=10m \
    -test.fuzzcachedir="$cache/$importpath") >"$log" 2>&1; then
    # A failing input is written to testdata/fuzz: that is a finding. The
    # engine itself sometimes stops on "context deadline exceeded" when the
    # time runs out while it minimizes a new input; that is not.
    if ! grep -q 'Failing input written' "$log" && grep -q 'context deadline exceeded' "$log"; then
      echo "   (the engine ran out of time while minimizing; no failing input)"
      continue
    fi
    cat "$log"; exit 1
  fi
done
echo "== fuzzing took $((SECONDS - start))s"
