#!/usr/bin/env bash
# --fix keeps what SYSVOL relies on: owner, group, mode and extended attributes (security.NTACL is
# where Samba keeps a file's Windows ACL) come out byte for byte; a read-only template is left alone
# unless --fix-read-only; a symlink is written through (it stays a link); a file with other hard
# links is refused; `-o` naming an input is refused. Parts the machine cannot do are skipped, saying so.
# Usage: fix_metadata.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1 repo=$2 build=$3
. "$repo/tests/cli/lib/limits.sh"
fixable="$repo/tests/rules/GPL408/bad/GptTmpl.inf"

if ! command -v setfattr >/dev/null || ! command -v getfattr >/dev/null; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq attr >/dev/null 2>&1
    fi
    command -v setfattr >/dev/null || { echo "skipped: setfattr/getfattr (package attr) missing and not installable"; exit 77; }
fi

metadata() { stat -c '%u:%g %a %h' "$1"; getfattr -d -m - -e hex --absolute-names "$1" 2>/dev/null | sed 1d; }
fix() { timeout 60 "$gpolint" check --fix --fail-on never "$@" >"$work/out" 2>"$work/err"; }

# Owner, group, mode, xattrs.
cp "$fixable" "$work/t.inf"
chmod 0640 "$work/t.inf"
if [ "$(id -u)" -eq 0 ]; then
    chown 65534:65534 "$work/t.inf" || fail "chown failed"
else
    echo "note: not root: the owner stays the current user (chown to another user is not possible here)"
fi
setfattr -n user.gpolint -v kept "$work/t.inf" 2>/dev/null ||
    { echo "skipped: this file system does not take user.* extended attributes"; exit 77; }
if [ "$(id -u)" -eq 0 ] && setfattr -n security.NTACL -v 0x0400040000000000deadbeef "$work/t.inf" 2>/dev/null; then
    ntacl=yes
else
    ntacl=no
    echo "note: security.NTACL cannot be set here (needs root and a file system that takes security.*); not checked"
fi
before=$(metadata "$work/t.inf")
fix "$work/t.inf"
grep -q "^fixed: .*t.inf:[0-9]*: GPL408" "$work/err" || fail "no 'fixed:' line: $(cat "$work/err")"
grep -q 'S-1-5-80-0' "$work/t.inf" || fail "the template was not fixed"
after=$(metadata "$work/t.inf")
[ "$before" = "$after" ] || fail "metadata changed by --fix:
before: $before
after:  $after"
[ "$ntacl" = no ] || grep -q "security.NTACL=0x0400040000000000deadbeef" <<<"$after" || fail "security.NTACL lost: $after"

# Read-only: refused, then allowed with --fix-read-only (and still read-only).
cp "$fixable" "$work/ro.inf" && chmod 0444 "$work/ro.inf"
fix "$work/ro.inf"
cmp -s "$fixable" "$work/ro.inf" || fail "a read-only template was rewritten without --fix-read-only"
grep -q "read-only" "$work/err" || fail "no read-only message: $(cat "$work/err")"
fix --fix-read-only "$work/ro.inf"
grep -q 'S-1-5-80-0' "$work/ro.inf" || fail "--fix-read-only did not fix: $(cat "$work/err")"
[ "$(stat -c %a "$work/ro.inf")" = 444 ] || fail "--fix-read-only changed the mode to $(stat -c %a "$work/ro.inf")"

# A symlink named on the command line: the target is fixed, the link stays a link.
mkdir -p "$work/real" && cp "$fixable" "$work/real/GptTmpl.inf"
ln -s real/GptTmpl.inf "$work/link.inf"
fix "$work/link.inf"
[ -L "$work/link.inf" ] || fail "the symlink was replaced by a regular file"
grep -q 'S-1-5-80-0' "$work/real/GptTmpl.inf" || fail "the symlink's target was not fixed: $(cat "$work/err")"

# Hard links: refused, both names unchanged.
cp "$fixable" "$work/h1.inf" && ln "$work/h1.inf" "$work/h2.inf"
fix "$work/h1.inf"
cmp -s "$fixable" "$work/h1.inf" || fail "a hard-linked template was rewritten"
[ "$(stat -c %h "$work/h1.inf")" = 2 ] || fail "the hard link was broken"
grep -q "hard links" "$work/err" || fail "no hard-link message: $(cat "$work/err")"

# -o naming an input, directly or through a symlink: refused, the input untouched.
cp "$fixable" "$work/in.inf" && ln -s in.inf "$work/in-link.inf"
for output in "$work/in.inf" "$work/in-link.inf" "$work/./in.inf"; do
    status=$(timeout 60 "$gpolint" check "$work/in.inf" -o "$output" >"$work/out" 2>"$work/err"; echo $?)
    expect_status 2 "$status" "check in.inf -o $output"
    cmp -s "$fixable" "$work/in.inf" || fail "-o $output overwrote the input"
    grep -q "is the input" "$work/err" || fail "no message for -o $output: $(cat "$work/err")"
done
echo "ok"
