#!/usr/bin/env bash
# Inline directives in files the loader has read: check remembers which files may hold one (it looks
# while loading) and reads only those again. A UTF-16LE template with a directive is suppressed, the
# same finding in a template without one is not. Usage: inline_suppress_loaded.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -uo pipefail
gpolint=$1 build=$3
work="$build/inline_suppress_loaded"
rm -rf "$work" && mkdir -p "$work/with" "$work/without"
fail() { echo "FAIL: $*"; exit 1; }
utf16() { printf '\xff\xfe'; printf '%s\n' "$1" | sed 's/$/\r/' | iconv -f UTF-8 -t UTF-16LE; }
body='[Unicode]
Unicode=yes
[Privilege Rights]
SeServiceLogonRight = *S-1-5-20
[Version]
signature="$CHICAGO$"
Revision=1'
utf16 "$body" >"$work/without/GptTmpl.inf"
utf16 "[Unicode]
Unicode=yes
[Privilege Rights]
; GPOLINT: disable=GPL101 this host runs no VMs, the right is set on purpose
SeServiceLogonRight = *S-1-5-20
[Version]
signature=\"\$CHICAGO\$\"
Revision=1" >"$work/with/GptTmpl.inf"

"$gpolint" check "$work/without" --format json --fail-on never >"$work/without.json" 2>&1 || fail "check exited $?"
grep -q '"GPL101"' "$work/without.json" || fail "no GPL101 on the template without a directive: $(head -c 400 "$work/without.json")"
"$gpolint" check "$work/with" --format json --fail-on never >"$work/with.json" 2>&1 || fail "check exited $?"
grep -q '"GPL101"' "$work/with.json" && fail "GPL101 not suppressed by the inline directive"
grep -q '"suppressed": 1' "$work/with.json" || fail "expected one suppressed finding: $(tail -c 300 "$work/with.json")"
"$gpolint" check "$work/with" --format json --fail-on never --no-inline-suppressions >"$work/ignored.json" 2>&1
grep -q '"GPL101"' "$work/ignored.json" || fail "--no-inline-suppressions still suppressed GPL101"
echo "PASS"
