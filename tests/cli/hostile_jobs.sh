#!/usr/bin/env bash
# `--jobs 200` on 300 GPOs under an address-space limit: the pool is capped and, when the system
# refuses a thread, the work goes on with the threads it has (it used to abort on std::system_error).
# Usage: hostile_jobs.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1 repo=$2 build=$3
. "$repo/tests/cli/lib/limits.sh"
mkdir -p "$work/gpos"

for i in $(seq 1 300); do
    mkdir -p "$work/gpos/$i" && cp "$repo/tests/rules/GPL408/bad/GptTmpl.inf" "$work/gpos/$i/GptTmpl.inf"
done
serial=$(limited 120 "$work/serial.out" "$work/serial.err" check "$work/gpos" --jobs 1 --format json)
expect_status 1 "$serial" "check --jobs 1"
# ulimit -v of 300 MB leaves room for a few thread stacks (8 MB each) only.
status=$( (ulimit -v 300000; timeout -k 5 120 "$gpolint" check "$work/gpos" --jobs 200 --format json \
    >"$work/many.out" 2>"$work/many.err"); echo $?)
expect_status 1 "$status" "check --jobs 200 under ulimit -v 300000"
cmp -s "$work/serial.out" "$work/many.out" || fail "--jobs 200 report differs from --jobs 1"
echo "ok"
