#!/usr/bin/env bash
# Files named on the command line go through the same bounded reader as files found in a tree:
# regular files only (after following symlinks) up to a size cap, read in bounded chunks. /dev/zero,
# a FIFO or a 2 GB sparse file named as PATH or with --topology/--config/--suppressions/--baseline/
# --files-from is refused with a clear message and exit 2; inside a tree a huge .ldf/.topology is a
# GPL001 error. Nothing hangs (timeout), aborts or grows (ulimit -v).
# Usage: hostile_named_files.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1 repo=$2 build=$3
. "$repo/tests/cli/lib/limits.sh"
mkdir -p "$work/tree"
ok_inf="$repo/tests/rules/GPL408/good/GptTmpl.inf"

ln -s /dev/zero "$work/z.inf"
mkfifo "$work/fifo.inf" "$work/fifo.topology" || fail "mkfifo failed"
truncate -s 2G "$work/sparse.inf" "$work/tree/huge.ldf" "$work/tree/huge.topology" || fail "truncate failed"
cp "$ok_inf" "$work/tree/GptTmpl.inf"  # a GPO beside the huge topology files, so the tree is a GPO input

# named WHAT MESSAGE ARGS...: exit 2 and MESSAGE on stdout or stderr.
named() {
    local what=$1 message=$2
    shift 2
    local status
    status=$(limited 60 "$work/out" "$work/err" "$@")
    expect_status 2 "$status" "$what"
    cat "$work/out" "$work/err" | grep -q -- "$message" || fail "$what: no '$message' in: $(cat "$work/out" "$work/err")"
}

named "symlink to /dev/zero" "not a regular file" check "$work/z.inf"
named "FIFO as PATH" "not a regular file" check "$work/fifo.inf"
named "2 GB sparse PATH" "larger than the 64 MiB" check "$work/sparse.inf"
named "--topology /dev/zero" "not a regular file" check "$ok_inf" --topology /dev/zero
named "--topology FIFO" "not a regular file" check "$ok_inf" --topology "$work/fifo.topology"
named "--config /dev/zero" "not a regular file" check "$ok_inf" --config /dev/zero
named "--suppressions /dev/zero" "not a regular file" check "$ok_inf" --suppressions /dev/zero
named "--baseline /dev/zero" "not a regular file" check "$ok_inf" --baseline /dev/zero
named "--files-from /dev/zero" "not a regular file" check --files-from /dev/zero
named "--files-from FIFO" "not a regular file" check --files-from "$work/fifo.inf"
named "dump of a FIFO" "not a regular file" dump "$work/fifo.inf"

# Inside a tree: a GPL001 error for each huge file, the rest of the run goes on.
status=$(limited 60 "$work/tree.out" "$work/tree.err" check "$work/tree" --fail-on error)
expect_status 1 "$status" "tree with 2 GB sparse .ldf and .topology"
for f in huge.ldf huge.topology; do
    grep -q "$f.*larger than the 64 MiB" "$work/tree.out" || fail "no size error for $f: $(cat "$work/tree.out")"
done
echo "ok"
