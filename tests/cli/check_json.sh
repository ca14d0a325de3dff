#!/usr/bin/env bash
# gpolint check: JSON parses back, exit codes follow --fail-on, usage errors give 2.
set -u
gpolint=$1 repo=$2
command -v python3 >/dev/null || { echo "skipped: python3 not found"; exit 77; }
fixtures=$repo/tests/rules
fail() { echo "FAIL: $*"; exit 1; }

out=$("$gpolint" check "$fixtures/GPL201/bad" --format json); code=$?
[ "$code" = 1 ] || fail "expected exit 1 for a warning, got $code"
echo "$out" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
assert doc["version"] == 1, doc
rules = [f["rule"] for f in doc["findings"]]
assert "GPL201" in rules, rules
f = [f for f in doc["findings"] if f["rule"] == "GPL201"][0]
assert f["slug"] == "nolmhash-weak-lmcompat" and f["severity"] == "warning", f
assert f["file"].endswith("GptTmpl.inf") and f["line"] == 7, f
assert f["setting"].lower().endswith("\\lsa\\nolmhash"), f
assert doc["summary"]["warnings"] >= 1 and doc["summary"]["gpos"] == 1, doc["summary"]
' || fail "JSON output did not parse back as expected: $out"

"$gpolint" check "$fixtures/GPL201/bad" --fail-on error >/dev/null; code=$?
[ "$code" = 0 ] || fail "--fail-on error with only warnings should exit 0, got $code"
"$gpolint" check "$fixtures/GPL201/good" --ignore GPL204 >/dev/null; code=$?
[ "$code" = 0 ] || fail "good fixture should exit 0, got $code"
"$gpolint" check "$fixtures/GPL201/bad" --select GPL203 >/dev/null; code=$?
[ "$code" = 0 ] || fail "--select GPL203 should leave nothing, got $code"
"$gpolint" check "$repo/no/such/path" >/dev/null 2>&1; code=$?
[ "$code" = 2 ] || fail "missing PATH should exit 2, got $code"
"$gpolint" check "$fixtures/GPL201/bad" --format yaml >/dev/null 2>&1; code=$?
[ "$code" = 2 ] || fail "unknown format should exit 2, got $code"
"$gpolint" rules --format json | python3 -m json.tool >/dev/null || fail "gpolint rules --format json is not JSON"
"$gpolint" rules GPL101 | grep -q "hyperv-service-logon\|GPL101" || fail "gpolint rules GPL101 shows nothing"
"$gpolint" check "$fixtures/GPL201/bad" --parse-only >/dev/null; code=$?
[ "$code" = 0 ] || fail "--parse-only on a clean template should exit 0, got $code"

# End to end with a topology: the Hyper-V outage example gives GPL101 as an error on OU=HyperV, with the
# enforced link named in a note.
if [ -d "$repo/examples/hyperv-outage" ]; then
    "$gpolint" check "$repo/examples/hyperv-outage" --format json | python3 -c '
import json, sys
doc = json.load(sys.stdin)
f = [f for f in doc["findings"] if f["rule"] == "GPL101"]
assert len(f) == 1, doc["findings"]
f = f[0]
assert f["severity"] == "error" and f["som"].startswith("OU=HyperV"), f
assert f["gpo"]["name"] == "Server Hardening", f
assert any("is enforced at DC=contoso,DC=com" in n["message"] for n in f["notes"]), f["notes"]
assert doc["summary"]["soms"] == 3, doc["summary"]
' || fail "examples/hyperv-outage: GPL101 with the enforced-link note expected"
fi
# --files-from: the same report as the paths on the command line; CRLF lists and blank lines are fine,
# '-' reads standard input, and an unreadable list is a usage error.
if [ -d "$repo/examples/hyperv-outage" ]; then
    ex=$repo/examples/hyperv-outage
    list=$(mktemp); trap 'rm -f "$list"' EXIT
    printf '%s\r\n\r\n%s\r\n' "$ex/policies" "$ex/domain.topology" >"$list"
    direct=$("$gpolint" check "$ex/policies" "$ex/domain.topology" --format json) || true
    listed=$("$gpolint" check --files-from "$list" --format json) || true
    piped=$(printf '%s\n%s\n' "$ex/policies" "$ex/domain.topology" | "$gpolint" check --files-from - --format json) || true
    [ -n "$direct" ] && [ "$direct" = "$listed" ] || fail "--files-from FILE differs from the same paths as arguments"
    [ "$direct" = "$piped" ] || fail "--files-from - differs from the same paths as arguments"
    "$gpolint" check --files-from "$list.missing" >/dev/null 2>&1; code=$?
    [ "$code" = 2 ] || fail "an unreadable --files-from list should exit 2, got $code"
    # Without PATH, check reads the project (.gpolint or git top level); outside any project it exits 2.
    nowhere=$(mktemp -d)
    (cd "$nowhere" && "$gpolint" check >/dev/null 2>&1); code=$?
    rmdir "$nowhere"
    [ "$code" = 2 ] || fail "check without PATH outside any project should exit 2, got $code"
    # A repeatable option takes one value per occurrence: the PATH after it stays a PATH.
    after=$("$gpolint" check --format json --topology "$ex/domain.topology" --select GPL "$ex/policies") || true
    before=$("$gpolint" check --format json "$ex/policies" --topology "$ex/domain.topology" --select GPL) || true
    [ -n "$after" ] && [ "$after" = "$before" ] || fail "a PATH after --topology/--select was not read as a PATH"
fi
echo "ok"
