#!/usr/bin/env bash
# gpolint check --fix / --diff on a copy of examples/hyperv-outage: the enforced "Server Hardening"
# template gets *S-1-5-83-0, stays UTF-16LE with BOM and CRLF, and a second check finds no GPL101/102;
# --diff prints a unified diff and changes nothing.
# Usage: fix_examples.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1
repo=$2
build=$3
example="$repo/examples/hyperv-outage"
[ -d "$example" ] || { echo "skipped: $example is missing"; exit 77; }

work="$build/fix_examples"
rm -rf "$work"
mkdir -p "$work"
cp -R "$example" "$work/hyperv"
tmpl="$work/hyperv/policies/{5C1E2A10-7B7E-4E0B-9C6A-1D2E3F405161}/Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf"
fail() { echo "FAIL: $*"; exit 1; }
[ -f "$tmpl" ] || fail "the example no longer has $tmpl"

# --diff: a unified diff on stdout, no file touched.
before=$(cd "$work" && find hyperv -type f -exec sha256sum {} + | sort)
diff_out=$("$gpolint" check --diff "$work/hyperv" 2>"$work/diff.err")
status=$?
[ "$status" -eq 1 ] || fail "--diff exit status $status (expected 1: fixes available)"
grep -qx -- "--- a/$tmpl" <<<"$diff_out" || fail "--diff header: $diff_out"
grep -qx -- "+++ b/$tmpl" <<<"$diff_out" || fail "--diff header: $diff_out"
grep -q '^@@ -[0-9]*,[0-9]* +[0-9]*,[0-9]* @@$' <<<"$diff_out" || fail "--diff hunk header: $diff_out"
grep -q '^+SeServiceLogonRight = .*\*S-1-5-83-0' <<<"$diff_out" || fail "--diff does not add *S-1-5-83-0: $diff_out"
grep -q '^+SeCreateSymbolicLinkPrivilege = .*\*S-1-5-83-0' <<<"$diff_out" || fail "--diff symlink line: $diff_out"
after=$(cd "$work" && find hyperv -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] || fail "--diff changed files"

# --fix: rewrites the template, says so, reports what remains.
"$gpolint" check --fix "$work/hyperv" >"$work/fix.out" 2>"$work/fix.err"
grep -q "^fixed: $tmpl:[0-9]*: GPL101 added \*S-1-5-83-0 to SeServiceLogonRight$" "$work/fix.err" ||
    fail "no 'fixed:' line for GPL101: $(cat "$work/fix.err")"
grep -q "GPT.INI" "$work/fix.err" || fail "no GPT.INI reminder: $(cat "$work/fix.err")"
grep -q "GPL10[12]" "$work/fix.out" && fail "the report after --fix still has GPL101/102: $(cat "$work/fix.out")"

# Still UTF-16LE with BOM and CRLF only.
[ "$(head -c 2 "$tmpl" | od -An -tx1 | tr -d ' \n')" = "fffe" ] || fail "BOM lost"
text=$(iconv -f UTF-16LE -t UTF-8 "$tmpl") || fail "not UTF-16LE any more"
crlf=$(printf '%s' "$text" | grep -c $'\r$')
lines=$(printf '%s\n' "$text" | wc -l)
[ "$crlf" -eq "$lines" ] || fail "line endings: $crlf CRLF of $lines lines"
grep -q 'SeServiceLogonRight = .*\*S-1-5-83-0' <<<"$text" || fail "template lacks *S-1-5-83-0"

# Checking again: no GPL101/GPL102, and --diff has nothing left to do.
"$gpolint" check "$work/hyperv" --fail-on never >"$work/check.out" 2>&1
grep -q "GPL10[12]" "$work/check.out" && fail "GPL101/102 after --fix: $(cat "$work/check.out")"
"$gpolint" check --diff "$work/hyperv" >"$work/diff2.out" 2>/dev/null
status=$?
[ "$status" -eq 0 ] && [ ! -s "$work/diff2.out" ] || fail "second --diff: status $status, $(cat "$work/diff2.out")"
echo "ok"
