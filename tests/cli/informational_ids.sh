#!/usr/bin/env bash
# GPL001 is for input that could not be parsed. A file gpolint does not recognise (GPL014), an OU or GPO
# declared twice in the link inputs (GPL015) and valid LDIF content gpolint does not read (GPL016) have
# IDs of their own, and the HTML report's count of files with parse errors counts GPL001 only (an error
# finding such as a cpassword is not a parse error).
# Usage: informational_ids.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1
fail() { echo "FAIL: $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gpo="$work/gpos/{11111111-2222-4333-8444-555555555555}"
mkdir -p "$gpo/Machine/Microsoft/Windows NT/SecEdit" "$gpo/Machine/Preferences/Groups"
printf '[General]\r\nVersion=65537\r\ndisplayName=Servers\r\n' >"$gpo/GPT.INI"
printf '[Unicode]\r\nUnicode=yes\r\n[System Access]\r\nMinimumPasswordLength = 14\r\n[Version]\r\nsignature="$CHICAGO$"\r\nRevision=1\r\n' \
    >"$gpo/Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf"
cat >"$gpo/Machine/Preferences/Groups/Groups.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<Groups clsid="{3125E937-EB16-4b4c-9934-544FC6D24D26}"><User clsid="{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}" name="svc" uid="{A1}"><Properties action="U" userName="svc" cpassword="j1Uyj3Vx8TY9LtLZil2uAuZkFQA/4latT76ZwgdHdhw"/></User></Groups>
XML
printf 'Server hardening, phase 2: see the wiki.\n' >"$work/notes.txt"
base='DC=contoso,DC=com'
link="[LDAP://cn={11111111-2222-4333-8444-555555555555},cn=policies,cn=system,$base;0]"
cat >"$work/forest.ldf" <<LDF
version: 2

dn: $base
objectClass: domainDNS

dn: OU=Servers,$base
objectClass: organizationalUnit
gPLink: $link

dn: OU=Servers,$base
objectClass: organizationalUnit
gPLink: $link

dn: OU=Web,$base
objectClass: organizationalUnit
gPLink:< file:///tmp/links

dn: OU=Apps,$base
changetype: modify
replace: gPLink
gPLink: $link
LDF

"$gpolint" check "$work/gpos" "$work/forest.ldf" "$work/notes.txt" --format json -o "$work/out.json" >/dev/null 2>"$work/err"
python3 - "$work/out.json" <<'PY' || fail "wrong IDs (see above)"
import json, sys
findings = json.load(open(sys.argv[1]))["findings"]
def of(rule, text):
    return [f for f in findings if f["rule"] == rule and text in f["message"]]
problems = []
for rule, severity, text in [("GPL014", "note", "is not a Group Policy file gpolint knows"),
                             ("GPL015", "warning", "appears twice in this file"),
                             ("GPL016", "warning", "LDIF version '2' is not 1"),
                             ("GPL016", "warning", "values read from a URL"),
                             ("GPL016", "warning", "is a change, not an exported entry")]:
    hits = of(rule, text)
    if len(hits) != 1 or hits[0]["severity"] != severity:
        problems.append(f"expected one {severity} {rule} '{text}', got {[(f['rule'], f['severity']) for f in hits]}")
parse_errors = [f for f in findings if f["rule"] == "GPL001"]
if parse_errors:
    problems.append("GPL001 for readable input: " + "; ".join(f["message"] for f in parse_errors))
if not [f for f in findings if f["rule"] == "GPL602"]:
    problems.append("the cpassword (GPL602) the HTML check relies on is missing")
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
PY

"$gpolint" check "$work/gpos" "$work/forest.ldf" --format html -o "$work/out.html" >/dev/null 2>>"$work/err"
grep -q ' files, 0 with parse errors\.' "$work/out.html" ||
    fail "the HTML report counts a file with parse errors although nothing failed to parse: $(grep -o '[0-9]* files, [0-9]* with parse errors' "$work/out.html")"
echo "ok: GPL014/GPL015/GPL016 carry the informational messages, and the HTML count of files with parse errors is GPL001's"
