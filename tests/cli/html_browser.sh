#!/usr/bin/env bash
# The HTML report in a real browser: renders the reports of the two outage examples and of a hostile fixture, loads
# them in headless Chromium with #selftest (the page expands an OU, checks it shows, exercises the
# search and writes PASS/FAIL into the DOM), asserts no script error, that the hostile GPO name is
# text and not an element, and saves a screenshot to BUILD_DIR/html-report.png.
# Usage: html_browser.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1
repo=$2
build=$3
out="$build/html-report"
mkdir -p "$out"

fail() { echo "FAIL: $*"; exit 1; }

# --output into a folder that does not exist is a usage error, not a silent loss of the report.
"$gpolint" check "$repo/examples/hyperv-outage" --format html --output "$out/no-such-folder/report.html" 2>"$out/output.err"
status=$?
[ "$status" -eq 2 ] || fail "--output to a missing folder exited $status, expected 2"
grep -q "cannot write" "$out/output.err" || fail "--output to a missing folder: no message"

find_chromium() { command -v chromium || command -v chromium-browser || true; }
browser=$(find_chromium)
if [ -z "$browser" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "installing Debian's chromium (once per machine)"
        { apt-get -o DPkg::Lock::Timeout=600 update && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium; } \
            >"$out/apt.log" 2>&1
        browser=$(find_chromium)
    fi
    [ -n "$browser" ] || { echo "skipped: chromium is not installed and apt-get could not install it (see $out/apt.log)"; exit 77; }
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chrome() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
}

# render NAME PATH...: writes $out/NAME.html, fails unless gpolint exits 0 (clean) or 1 (findings).
render() {
    local name=$1; shift
    "$gpolint" check "$@" --format html --output "$out/$name.html" 2>"$out/$name.err"
    local status=$?
    [ "$status" -le 1 ] || fail "gpolint check $* exited $status: $(cat "$out/$name.err")"
    [ -s "$out/$name.html" ] || fail "no report written for $*"
}

# selftest NAME: loads the page with #selftest, keeps the DOM in $out/NAME.dom and the log in NAME.log.
selftest() {
    local name=$1
    chrome --dump-dom "file://$out/$name.html#selftest" >"$out/$name.dom" 2>"$out/$name.log"
    grep -q '<pre id="selftest-result">SELFTEST PASS' "$out/$name.dom" ||
        fail "$name: page self-test did not pass: $(sed -n '/id="selftest-result"/,/<\/pre>/p' "$out/$name.dom") $(tail -5 "$out/$name.log")"
    ! grep -E "Uncaught|CONSOLE\(|console\.error" "$out/$name.log" || fail "$name: console errors (see $out/$name.log)"
    grep -q '^ok an expanded OU shows its content' "$out/$name.dom" || fail "$name: no OU was expanded"
}

[ -d "$repo/examples" ] || { echo "skipped: $repo/examples is missing"; exit 77; }
# Each example is its own domain (the same contoso.com and GUIDs), so each gets its own report.
render hyperv "$repo/examples/hyperv-outage"
grep -q "has-findings" "$out/hyperv.html" ||
    { echo "skipped: this build resolves no OU of the examples (topology loading not merged)"; exit 77; }
render cluster "$repo/examples/cluster-outage"
for name in hyperv cluster; do selftest "$name"; done

# outage NAME OU RULE TEXT: the OU holds a finding of RULE whose chain of GPOs mentions TEXT.
outage() {
    local name=$1 ou=$2 rule=$3 text=$4
    local body
    body=$(sed -n "/data-dn=\"$ou\"/,/<div class=\"children\">/p" "$out/$name.dom")
    [ -n "$body" ] || fail "$name: $ou is not in the tree"
    grep -q "#rule-$rule" <<<"$body" || fail "$name: no $rule finding on $ou"
    grep -q '<ol class="chain"' <<<"$body" || fail "$name: the finding on $ou has no chain of GPOs"
    grep -qF "$text" <<<"$body" || fail "$name: the chain on $ou does not mention $text"
}
outage hyperv 'OU=HyperV,OU=Servers,DC=contoso,DC=com' GPL101 'Server Hardening'
outage cluster 'OU=Cluster,OU=Servers,DC=contoso,DC=com' GPL201 'Default Domain Policy'

render xss "$repo/tests/data/html/xss"
selftest xss
# Serialised attribute values keep < and > raw, so look at the markup without them.
sed -E 's/="[^"]*"//g' "$out/xss.dom" >"$out/xss.markup"
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$out/xss.markup" || fail "xss: the GPO name is not shown as text"
grep -qF '&lt;img src=x onerror=alert(2)&gt;' "$out/xss.markup" || fail "xss: the OU name is not shown as text"
[ "$(grep -o '<script' "$out/xss.markup" | wc -l)" -eq 1 ] || fail "xss: a script element besides the page's own"
! grep -qF '<script>alert(1)' "$out/xss.markup" || fail "xss: the GPO name became an element"
! grep -qF '<img' "$out/xss.markup" || fail "xss: the OU name became an element"

chrome --hide-scrollbars --window-size=1280,1600 --screenshot="$out/html-report.png" "file://$out/hyperv.html" \
    >"$out/screenshot.log" 2>&1
[ -s "$out/html-report.png" ] || fail "no screenshot: $(tail -5 "$out/screenshot.log")"
cp "$out/html-report.png" "$build/html-report.png"
echo "ok: reports, DOM dumps and html-report.png in $out"
