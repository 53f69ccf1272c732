#!/usr/bin/env bash
# Runs every fuzz target briefly, so that a regression a target finds
# quickly fails CI (go test runs only the seed corpora). Seeds, including
# every crasher ever found, live in each package's testdata/fuzz. Run
# longer by hand: FUZZTIME=5m bash .ci/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
FUZZTIME=${FUZZTIME:-3s}

# Every Fuzz function in the module, as "package target".
targets=$(grep -rl --include='*_test.go' '^func Fuzz' . | grep -v '^./e2e/' | while read -r f; do
  pkg="./$(dirname "${f#./}")"
  grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed "s|^func |$pkg |"
done | sort)

echo "$targets" | while read -r pkg target; do
  echo "== fuzz $target ($pkg, $FUZZTIME)"
  if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" "$pkg" >/tmp/fuzz.$$.log 2>&1; then
    # A failing input is written to testdata/fuzz: that is a finding. The
    # fuzzing engine itself sometimes stops on "context deadline exceeded"
    # when the time runs out while it minimizes a new input; that is not.
    if ! grep -q 'Failing input written' /tmp/fuzz.$$.log && grep -q 'context deadline exceeded' /tmp/fuzz.$$.log; then
      echo "   (the engine ran out of time while minimizing; no failing input)"
      continue
    fi
    cat /tmp/fuzz.$$.log; rm -f /tmp/fuzz.$$.log; exit 1
  fi
done
rm -f /tmp/fuzz.$$.log
