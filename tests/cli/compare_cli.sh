#!/usr/bin/env bash
# gpolint compare through the CLI: the hand-made pair in tests/data/compare (known differences, checked
# exactly in text, JSON and CSV; exit 1 for differences, 0 for none, 2 for a bad path), the settings
# matrix, and two real DISA releases of the same GPO from ../shared/corpus.
# Usage: compare_cli.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1 repo=$2 build=$3
out="$build/compare-cli"
mkdir -p "$out"
fail() { echo "FAIL: $*"; exit 1; }
cd "$repo/tests/data/compare" || exit 1

"$gpolint" compare left right >"$out/pair.txt" 2>"$out/pair.err"
status=$?
[ $status -eq 1 ] || fail "the pair differs, expected exit 1, got $status: $(cat "$out/pair.err")"
diff -u expected.txt "$out/pair.txt" || fail "the text comparison of the hand-made pair differs from expected.txt"

"$gpolint" compare left right --format json >"$out/pair.json"
for count in '"missing": 1' '"different": 2' '"extra": 1' '"settings_compared": 7'; do
    grep -qF "$count" "$out/pair.json" || fail "JSON lacks $count"
done
# One newline ends the document, as every JSON gpolint writes (it used to end with a blank line).
[ "$(tail -c 2 "$out/pair.json" | od -An -c | tr -d ' ')" = '}\n' ] || fail "JSON does not end with '}' and one newline"
"$gpolint" compare left right --format csv >"$out/pair.csv"
[ "$(wc -l <"$out/pair.csv")" -eq 5 ] || fail "CSV: expected a heading and 4 rows, got $(wc -l <"$out/pair.csv") lines"
grep -qF 'GPO set,different,Debug programs,privilege:SeDebugPrivilege,*S-1-5-32-544,' "$out/pair.csv" ||
    fail "CSV lacks the SeDebugPrivilege difference"

"$gpolint" compare left left >"$out/same.txt"; status=$?
[ $status -eq 0 ] || fail "a set compared with itself exited $status, expected 0"
grep -q '^0 missing, 0 different, 0 extra; 6 settings compared$' "$out/same.txt" || fail "self-compare: $(tail -1 "$out/same.txt")"
"$gpolint" compare left no-such-folder >/dev/null 2>&1; status=$?
[ $status -eq 2 ] || fail "a missing path exited $status, expected 2"
"$gpolint" compare left >/dev/null 2>&1; status=$?
[ $status -eq 2 ] || fail "one path without --matrix exited $status, expected 2"

"$gpolint" compare --matrix left right >"$out/matrix.csv" || fail "the matrix failed"
grep -qF 'Minimum password length,access:MinimumPasswordLength,yes,14,8' "$out/matrix.csv" || fail "matrix: no conflict on MinimumPasswordLength"
grep -qF 'Password must meet complexity requirements,access:PasswordComplexity,no,1,1' "$out/matrix.csv" || fail "matrix: PasswordComplexity"

# Two releases of DISA's Windows 10 computer GPO: the 2025 "Ansible Fixes" release enables the built-in
# administrator, no longer renames it, and replaces the placeholder principals of the deny rights.
dod="$repo/../shared/corpus/simeononsecurity-wohd"
old="$dod/commit-071f5c7/GPOs/DoD/DoD - Windows 10 - Computer"
new="$dod/commit-5370d7f/GPOs/DoD/Windows/DoD - Windows 10 - Computer - Ansible Fixes"
if [ -d "$old" ] && [ -d "$new" ]; then
    "$gpolint" compare "$old" "$new" --no-ou --format csv >"$out/dod.csv" 2>"$out/dod.err"
    status=$?
    [ $status -eq 1 ] || fail "the DISA releases: exit $status, expected 1: $(head -3 "$out/dod.err")"
    for row in \
        'GPO set,different,Accounts: Administrator account status,access:EnableAdminAccount,0,' \
        'GPO set,missing,Accounts: Rename administrator account,access:NewAdministratorName,' \
        'GPO set,different,Deny log on as a batch job,privilege:SeDenyBatchLogonRight,' \
        'GPO set,different,Deny log on locally,privilege:SeDenyInteractiveLogonRight,' \
        'GPO set,different,Deny access to this computer from the network,privilege:SeDenyNetworkLogonRight,' \
        'GPO set,different,Deny log on through Remote Desktop Services,privilege:SeDenyRemoteInteractiveLogonRight,' \
        'GPO set,different,Deny log on as a service,privilege:SeDenyServiceLogonRight,'; do
        grep -qF "$row" "$out/dod.csv" || fail "the DISA releases: no row starting $row"
    done
    echo "DISA Windows 10 releases: $(($(wc -l <"$out/dod.csv") - 1)) differences"
else
    echo "note: the DISA releases are not in ../shared/corpus; that part was not run"
fi
echo "ok: hand-made pair exact, matrix, exit codes"
