#!/usr/bin/env bash
# Output does not depend on the thread count: discovery, parsing and the per-SOM evaluation all run on a
# thread pool and merge in a fixed order. A generated forest (many SOMs, so the SOM walk is cut into
# many pieces) and the examples are checked with -j1, -j2 and -j5, in JSON and text, byte for byte.
# argv: GPOLINT_BINARY REPO_DIR BUILD_DIR
set -euo pipefail
gpolint=$1 repo=$2 build=$3
work=$build/threads_deterministic
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed (needed by bench/generate.py)"; exit 77; }
rm -rf "$work"; mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }

python3 "$repo/bench/generate.py" --gpos 120 --ous 150 --seed 5 --out "$work/forest" >/dev/null

check() {  # name, then gpolint arguments
  local name=$1; shift
  for jobs in 1 2 5; do
    status=0
    "$gpolint" check -j "$jobs" "$@" >"$work/$name.$jobs" 2>"$work/$name.$jobs.err" || status=$?
    [ "$status" -le 1 ] || fail "$name -j$jobs exited $status: $(cat "$work/$name.$jobs.err")"
  done
  [ -s "$work/$name.1" ] || fail "$name: no output"
  cmp -s "$work/$name.1" "$work/$name.2" || fail "$name: -j1 and -j2 differ"
  cmp -s "$work/$name.1" "$work/$name.5" || fail "$name: -j1 and -j5 differ"
  echo "$name: identical with 1, 2 and 5 threads ($(wc -c <"$work/$name.1") bytes)"
}

check forest-json --format json --topology "$work/forest/topology.ldf" "$work/forest"
check forest-text --format text --color never --topology "$work/forest/topology.ldf" "$work/forest"
grep -q '"GPL101"' "$work/forest-json.1" || fail "the planted GPL101 is missing"
for example in hyperv-outage cluster-outage; do
  check "$example" --format json "$repo/examples/$example"
done
