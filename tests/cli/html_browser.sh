#!/usr/bin/env bash
# The HTML views in a real browser: renders the reports of the two outage examples, of a hostile fixture
# and of ../shared/corpus/hardenad, the compare view and the settings matrix, loads each in headless
# Chromium with #selftest (the page checks it opens at the summary with charts, that the toolbar hides
# nothing, that each table sorts both ways, filters and exports CSV, that the search matches severities
# and every word, expands an OU, and writes PASS/FAIL into the DOM), asserts no script error, that the
# CSV export downloaded, that the hostile GPO name is text and not an element, that hardenad's page is
# under a third of its height before this layout, and saves screenshots to BUILD_DIR.
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
downloads="$out/downloads"
chrome() {
    timeout 120 "$browser" --headless --no-sandbox --window-size=1280,1600 --disable-gpu --disable-quic --no-first-run \
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

# view_selftest NAME: loads the page with #selftest, keeps the DOM in $out/NAME.dom and the log in NAME.log;
# the page's CSV export lands in $downloads/NAME.
view_selftest() {
    local name=$1
    rm -rf "${downloads:?}/$name"; mkdir -p "$downloads/$name"
    # Chromium saves downloads in $HOME/Downloads: a HOME per page keeps each page's CSV apart.
    HOME="$downloads/$name" chrome --dump-dom "file://$out/$name.html#selftest" >"$out/$name.dom" 2>"$out/$name.log"
    grep -q '<pre id="selftest-result">SELFTEST PASS' "$out/$name.dom" ||
        fail "$name: page self-test did not pass: $(sed -n '/id="selftest-result"/,/<\/pre>/p' "$out/$name.dom") $(tail -5 "$out/$name.log")"
    ! grep -E "Uncaught|CONSOLE\(|console\.error" "$out/$name.log" || fail "$name: console errors (see $out/$name.log)"
    grep -q '^ok the page opens at the summary' "$out/$name.dom" || fail "$name: the page does not open at the summary"
    grep -q '^ok the toolbar is opaque' "$out/$name.dom" || fail "$name: the toolbar is not opaque"
}
# selftest NAME: an audit report: also an OU expanded, charts drawn, both tables sorted, filtered, exported.
selftest() {
    local name=$1
    view_selftest "$name"
    grep -q '^ok an expanded OU shows its content' "$out/$name.dom" || fail "$name: no OU was expanded"
    grep -q '^ok the summary draws charts ([2-9])' "$out/$name.dom" || fail "$name: no charts in the summary"
    for table in findings-table gpo-table; do
        grep -q "^ok $table sorts descending" "$out/$name.dom" || fail "$name: $table was not sorted"
        grep -q "^ok $table filters on" "$out/$name.dom" || fail "$name: $table was not filtered"
    done
    grep -q '^ok searching "[a-z]*" shows its' "$out/$name.dom" || fail "$name: the search does not match severities"
    grep -q '^ok every word must match' "$out/$name.dom" || fail "$name: the search does not need every word"
    downloaded "$name" gpolint-findings-table.csv '^Severity,Rule,Message,GPO,OU,Setting,Location'
}
# downloaded NAME FILE HEADING: the page's CSV export reached the download folder with that heading.
downloaded() {
    local file="$downloads/$1/Downloads/$2"
    for _ in 1 2 3 4 5; do [ -s "$file" ] && break; sleep 1; done
    [ -s "$file" ] || fail "$1: the CSV export did not download $2 (in $downloads/$1/Downloads: $(ls "$downloads/$1/Downloads" 2>&1))"
    head -1 "$file" | grep -q "$3" || fail "$1: $2 starts with $(head -1 "$file"), expected $3"
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
view_selftest xss
grep -q "^ok an expanded OU shows its content" "$out/xss.dom" || fail "xss: no OU was expanded"
# Serialised attribute values keep < and > raw, so look at the markup without them.
sed -E 's/="[^"]*"//g' "$out/xss.dom" >"$out/xss.markup"
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$out/xss.markup" || fail "xss: the GPO name is not shown as text"
grep -qF '&lt;img src=x onerror=alert(2)&gt;' "$out/xss.markup" || fail "xss: the OU name is not shown as text"
[ "$(grep -o '<script' "$out/xss.markup" | wc -l)" -eq 1 ] || fail "xss: a script element besides the page's own"
! grep -qF '<script>alert(1)' "$out/xss.markup" || fail "xss: the GPO name became an element"
! grep -qF '<img' "$out/xss.markup" || fail "xss: the OU name became an element"

# The largest real backup set: the page opens at the summary and is under a third of the 82,635 px it
# measured at 1280 px wide before the summary-first layout (commit 033f4e4, most of it GPO cards with
# one note each).
corpus="$repo/../shared/corpus/hardenad"
if [ -d "$corpus" ]; then
    render hardenad "$corpus"
    selftest hardenad
    height=$(sed -n 's/^height \([0-9]*\)$/\1/p' "$out/hardenad.dom")
    [ -n "$height" ] || fail "hardenad: the page did not report its height"
    [ "$height" -lt $((82635 / 3)) ] || fail "hardenad: the page is $height px high, not under a third of 82635"
    echo "hardenad page height: $height px (before: 82635 px)"
else
    echo "note: $corpus is missing; the hardenad page was not checked"
fi

# The compare view and the settings matrix.
"$gpolint" compare "$repo/tests/data/compare/left" "$repo/tests/data/compare/right" --format html --output "$out/compare.html"
[ $? -eq 1 ] || fail "compare of the hand-made pair did not exit 1 (differences)"
view_selftest compare
grep -q '^ok compare-table sorts descending' "$out/compare.dom" || fail "compare: the table was not sorted"
downloaded compare gpolint-compare-table.csv '^Status,Setting,Scope,Left,Right,Key'
"$gpolint" compare --matrix "$repo/tests/data/compare/left" "$repo/tests/data/compare/right" --format html --output "$out/matrix.html" ||
    fail "the settings matrix failed"
view_selftest matrix
grep -q '^ok matrix-table filters on' "$out/matrix.dom" || fail "matrix: the table was not filtered"
downloaded matrix gpolint-matrix-table.csv '^Setting,Conflict'

shot() {
    chrome --hide-scrollbars --screenshot="$out/$2" "file://$out/$1.html" >"$out/screenshot.log" 2>&1
    [ -s "$out/$2" ] || fail "no screenshot $2: $(tail -5 "$out/screenshot.log")"
    cp "$out/$2" "$build/$2"
}
shot hyperv html-report.png
shot compare html-compare.png
echo "ok: reports, DOM dumps, downloads and screenshots in $out"
