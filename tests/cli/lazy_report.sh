#!/usr/bin/env bash
# gpreport.xml through the CLI: with a complete Backup.xml and a topology file `check` never opens the
# backup's gpreport.xml (here garbage), `dump` always does. Usage: lazy_report.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -uo pipefail
gpolint=$1 build=$3
work="$build/lazy_report"
rm -rf "$work" && mkdir -p "$work/backups/{99999999-8888-4777-8666-555555555555}"
backup="$work/backups/{99999999-8888-4777-8666-555555555555}"
fail() { echo "FAIL: $*"; exit 1; }
# Apply Group Policy granted to S-1-5-21-1-2-3-1226 only, Authenticated Users read: security-filtered.
sd="01 00 04 9c 00 00 00 00 00 00 00 00 00 00 00 00 14 00 00 00 04 00 54 00 02 00 00 00 05 02 38 00 00 01 00 00 01 00 00 00 8f fd ac ed b3 ff d1 11 b4 1d 00 a0 c9 68 f9 39 01 05 00 00 00 00 00 05 15 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 ca 04 00 00 00 02 14 00 94 00 02 00 01 01 00 00 00 00 00 05 0b 00 00 00"
cat >"$backup/Backup.xml" <<XML
<?xml version="1.0" encoding="utf-8"?><GroupPolicyBackupScheme xmlns="http://www.microsoft.com/GroupPolicy/GPOOperations"><GroupPolicyObject><GroupPolicyCoreSettings><ID>{0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D}</ID><Domain>contoso.com</Domain><SecurityDescriptor>$sd</SecurityDescriptor><DisplayName>Filtered Backup</DisplayName><Options>0</Options></GroupPolicyCoreSettings></GroupPolicyObject></GroupPolicyBackupScheme>
XML
printf '\xff\xfe<\x00G\x00P\x00O\x00 garbage' >"$backup/gpreport.xml"
printf 'domain contoso.com\n  link "Filtered Backup"\n' >"$work/forest.topology"

"$gpolint" check "$work/backups" --topology "$work/forest.topology" --format json --fail-on never >"$work/check.json" 2>&1 \
  || fail "check exited $?"
grep -q "gpreport.xml" "$work/check.json" && fail "check read gpreport.xml: $(grep -m1 gpreport "$work/check.json")"
grep -q '"GPL708"' "$work/check.json" || fail "check did not report the security-filtered GPO (GPL708)"

"$gpolint" dump "$work/backups" --topology "$work/forest.topology" --format json >"$work/dump.json" 2>"$work/dump.stderr"
rc=$?
[ $rc -eq 1 ] || fail "dump exited $rc, expected 1 (the garbage gpreport.xml is a parse error)"
grep -q "gpreport.xml:.*GPL001" "$work/dump.stderr" || fail "dump did not report the garbage gpreport.xml"
grep -q '"security_filtered": *true' "$work/dump.json" || fail "dump lost Backup.xml's security filtering"
echo "PASS"
