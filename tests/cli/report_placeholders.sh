#!/usr/bin/env bash
# The fix text a report shows is never a raw placeholder: SARIF's rule help and the HTML rules section
# phrase it generally, the HTML finding cards fill it with the finding's GPO; and the HTML report links
# each rule's documentation by the same URL as SARIF's helpUri, not a path of the build machine.
# Usage: report_placeholders.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1 repo=$2 build=$3
out="$build/report-placeholders"
mkdir -p "$out"
fail() { echo "FAIL: $*"; exit 1; }
cd "$repo" || exit 1
"$gpolint" check examples/hyperv-outage --format sarif --fail-on never >"$out/hyperv.sarif" || fail "sarif run"
"$gpolint" check examples/hyperv-outage --format html --fail-on never --output "$out/hyperv.html" || fail "html run"
for file in hyperv.sarif hyperv.html; do
    raw=$(grep -nE '\{gpo[:}]|\{\$[a-z]|\{som\}|\{value:' "$out/$file" | head -5)
    [ -z "$raw" ] || fail "$file shows raw placeholders: $raw"

done
# `gpolint rules ID --format json` gives the same general wording.
rules_page=$("$gpolint" rules GPL101 --format json)
! grep -q '{gpo:' <<<"$rules_page" || fail "gpolint rules GPL101 shows a raw placeholder"
grep -qF 'in the GPO that sets SeServiceLogonRight' <<<"$rules_page" || fail "gpolint rules GPL101 --format json: no general fix"
# The rule's help in SARIF is phrased generally.
grep -qF 'Add *S-1-5-83-0 to SeServiceLogonRight in the GPO that sets SeServiceLogonRight' "$out/hyperv.sarif" ||
    fail "GPL101's help in SARIF is not phrased generally"
# The finding card names the GPO that wins on OU=HyperV.
grep -qF '<div class="fix"><span class="label">Fix</span> Add *S-1-5-83-0 to SeServiceLogonRight in &#39;Server Hardening&#39;' "$out/hyperv.html" ||
    fail "the GPL101 finding card carries no fix naming 'Server Hardening'"
# Documentation links: exactly SARIF's helpUri for each rule, never a local path.
help=$(grep -o '"helpUri": "[^"]*GPL101.md"' "$out/hyperv.sarif" | sed 's/"helpUri": "//; s/"$//')
[ -n "$help" ] || fail "no helpUri for GPL101 in SARIF"
grep -qF "<a href=\"$help\">GPL101.md</a>" "$out/hyperv.html" || fail "the HTML GPL101 documentation link is not $help"
! grep -qE 'href="/[^"]*docs/rules/' "$out/hyperv.html" || fail "the HTML report links documentation by a local path"
echo "ok: no raw placeholder in SARIF or HTML; cards carry filled fixes; documentation links are $help and its siblings"
