#!/usr/bin/env bash
# One unfolded LDIF line with 100,000 gPLink entries (5.6 MB): every entry's line:column is found
# from an index, not by counting from the start of the line each time (which took minutes).
# Bounded by a timeout and `ulimit -v`, never by a timing assertion.
# Usage: hostile_long_line.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1 repo=$2 build=$3
. "$repo/tests/cli/lib/limits.sh"
need python3

python3 - "$work/links.ldf" <<'PY'
import sys
links = "".join(f"[LDAP://cn={{{i:08X}-0000-4000-8000-000000000001}},cn=policies,cn=system,DC=example,DC=com;0]"
                for i in range(100_000))
open(sys.argv[1], "w").write("version: 1\n\ndn: DC=example,DC=com\nobjectClass: domainDNS\ngPLink: " + links + "\n")
PY

status=$(limited 120 "$work/out" "$work/err" dump "$work/links.ldf" --format json)
expect_status 0 "$status" "dump of 100,000 gPLink entries on one line"
status=$(limited 120 "$work/out" "$work/err" explain "$work/links.ldf" --som "DC=example,DC=com")
expect_status 0 "$status" "explain with 100,000 gPLink entries on one line"
grep -q "{0001869F-0000-4000-8000-000000000001}" "$work/out" || fail "the last link is not in the explanation"
# The text report shows no megabyte source line under each finding on it.
# A topology alone holds no GPO (exit 2): a clean template goes with it.
status=$(limited 120 "$work/out" "$work/err" check "$work/links.ldf" "$repo/tests/rules/GPL408/good/GptTmpl.inf" --format text --fail-on never)
expect_status 0 "$status" "check (text) with 100,000 gPLink entries on one line"
size=$(stat -c %s "$work/out")
[ "$size" -lt 100000000 ] || fail "the text report is $size bytes"
echo "ok"
