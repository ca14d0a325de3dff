# Sourced by the hostile-input tests: run gpolint the way CI does on files other people wrote, under
# an address-space limit and a timeout, so a crash, a hang or unbounded growth shows as a status.
# The caller sets gpolint=$1 repo=$2 build=$3 and sources this; it gets a fresh folder $work, named
# after the test script, under the build folder.

work="$build/$(basename "$0" .sh)"
rm -rf "$work" && mkdir -p "$work"

# need COMMAND: skips the test (exit 77) when COMMAND is missing.
need() { command -v "$1" >/dev/null || { echo "skipped: $1 not found"; exit 77; }; }

fail() { echo "FAIL: $*"; exit 1; }

# limited SECONDS OUT ERR ARGS...: runs gpolint with `ulimit -v 1000000` (about 1 GB) and a timeout;
# prints the exit status (124 = timed out, 134 = aborted).
limited() {
    local seconds=$1 out=$2 err=$3
    shift 3
    (ulimit -v 1000000; timeout -k 5 "$seconds" "$gpolint" "$@" >"$out" 2>"$err" </dev/null)
    echo $?
}

# expect_status WANTED GOT WHAT: fails unless the status is the wanted one, naming crashes and hangs.
expect_status() {
    local wanted=$1 got=$2 what=$3
    [ "$got" -eq 124 ] && fail "$what: timed out (hang)"
    [ "$got" -ge 128 ] && fail "$what: killed by signal $((got - 128)) (crash)"
    [ "$got" -eq "$wanted" ] || fail "$what: exit status $got, expected $wanted"
}
