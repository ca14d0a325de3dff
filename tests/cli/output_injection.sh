#!/usr/bin/env bash
# No control character from an input reaches stdout or stderr: an ESC sequence in a template value
# and a newline in a folder name (which forged `::add-mask::` lines in CI logs) are shown escaped
# (\x1b, \n) in every format and in the stderr lines of --fix, --diff, dump and explain.
# Usage: output_injection.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1 repo=$2 build=$3
. "$repo/tests/cli/lib/limits.sh"
need python3

evil=$(printf '%s/evil\n::add-mask::SECRET\x1b[2J' "$work")
mkdir -p "$evil" || fail "cannot create a folder with a newline in its name"
python3 - "$repo/tests/rules/GPL408/bad/GptTmpl.inf" "$evil/GptTmpl.inf" <<'PY'
import sys
text = open(sys.argv[1], "rb").read()
# A value carrying a terminal title change and a screen clear, and a broken line for a GPL001.
text = text.replace(b"SeServiceLogonRight = ", b"SeServiceLogonRight = \x1b]0;PWNED\x07\x1b[2J,")
text += b"\"unterminated \x1b[31m\n"
open(sys.argv[2], "wb").write(text)
PY

run() {
    local name=$1
    shift
    (ulimit -v 1000000; timeout -k 5 60 "$gpolint" "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null)
}
for format in text github json sarif html; do run "check-$format" check "$work" --format "$format" --color always; done
printf "%s\n" "$evil/GptTmpl.inf" >"$work/list.txt"
run check-files-from check --files-from "$work/list.txt" --format text
run diff check --diff "$work"
run dump dump "$work"
run dump-json dump "$work" --format json
run explain explain "$work" --som "DC=example,DC=com"
run fix check --fix "$evil/GptTmpl.inf"

python3 - "$work" <<'PY'
import glob, os, sys
bad = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.out")) + glob.glob(os.path.join(sys.argv[1], "*.err"))):
    data = open(path, "rb").read()
    name = os.path.basename(path)
    # --color always paints the text report with gpolint's own ESC sequences; none may come from input.
    if name == "check-text.out":
        for colour in (b"\x1b[1;31m", b"\x1b[1;35m", b"\x1b[1;36m", b"\x1b[1m", b"\x1b[0m"):
            data = data.replace(colour, b"")
    for byte in (b"\x1b", b"\x07"):
        if byte in data:
            bad.append(f"{name}: raw {byte!r}")
    # HTML is a document, not a log: a newline in its text is white space to a browser (the issue
    # counts its escaping as sound); only raw ESC/BEL matter there.
    for line in ([] if name == "check-html.out" else data.split(b"\n")):
        if line.startswith(b"::add-mask::") or b"\n::add-mask::" in line:
            bad.append(f"{name}: forged line {line[:80]!r}")
if bad:
    print("FAIL: " + "; ".join(bad))
    sys.exit(1)
PY
[ $? -eq 0 ] || exit 1
grep -q 'evil\\n::add-mask::SECRET\\x1b\[2J' "$work/check-text.out" || fail "the text report does not show the escaped path: $(head -5 "$work/check-text.out")"
grep -q '\\x1b\]0;PWNED\\x07' "$work/check-text.out" || fail "the text report does not show the escaped value"
grep -q '^would fix: .*evil\\n::add-mask::' "$work/diff.err" || fail "--diff stderr: $(cat "$work/diff.err")"
grep -q '^fixed: .*evil\\n::add-mask::' "$work/fix.err" || fail "--fix stderr: $(cat "$work/fix.err")"
echo "ok"
