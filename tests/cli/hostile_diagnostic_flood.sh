#!/usr/bin/env bash
# Every reader caps its diagnostics per file and rule: millions of bad rows in audit.csv, registry.pol,
# an LDIF or topology file, a suppression file or a .gpolint config cost bounded memory (checked under
# `ulimit -v`, where keeping every diagnostic ran out of memory and aborted), and the cap is reported
# once, as a note.
# Usage: hostile_diagnostic_flood.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1 repo=$2 build=$3
. "$repo/tests/cli/lib/limits.sh"
need python3

python3 - "$work" <<'PY'
import struct, sys
w = sys.argv[1]
rows = 3_000_000
open(f"{w}/audit.csv", "wb").write(
    b"Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion Setting,Setting Value\n"
    + b"x,y\n" * rows)
def u16(s): return s.encode("utf-16-le")
record = u16("[") + u16("K\0") + u16(";") + u16("V\0") + u16(";") + struct.pack("<I", 99) + u16(";") \
    + struct.pack("<I", 0) + u16(";") + u16("]")
open(f"{w}/registry.pol", "wb").write(b"PReg" + struct.pack("<I", 1) + record * 2_000_000)
open(f"{w}/bad.ldf", "wb").write(b"dn: DC=example,DC=com\nobjectClass: domainDNS\n\n" + b"x\n" * rows)
open(f"{w}/bad.topology", "wb").write(b"domain example.com\n" + b"x\n" * rows)
open(f"{w}/suppressions", "wb").write(b"x\n" * rows)
open(f"{w}/gpolint.cfg", "wb").write(b"x\n" * rows)
open(f"{w}/ok.inf", "wb").write(b"[Unicode]\nUnicode=yes\n[Version]\nsignature=\"$CHICAGO$\"\nRevision=1\n")
PY

# note_once FILE RULE WHAT: the output has exactly one "N more RULE diagnostics ... not shown" note.
note_once() {
    local count
    count=$(grep -c "note: [0-9]* more $2 diagnostics in this file not shown" "$1")
    [ "$count" -eq 1 ] || fail "$3: expected one capping note for $2, found $count: $(head -c 2000 "$1")"
}

for input in audit.csv registry.pol bad.ldf bad.topology; do
    # A topology alone holds no GPO (exit 2, "no GPO input"): a clean template goes with each file.
    status=$(limited 300 "$work/$input.out" "$work/$input.err" check "$work/$input" "$work/ok.inf" --fail-on never --format text)
    expect_status 0 "$status" "check $input"
    shown=$(grep -c ": \(error\|warning\): " "$work/$input.out")
    [ "$shown" -le 200 ] || fail "$input: $shown diagnostics shown, expected at most 100 per rule"
done
note_once "$work/audit.csv.out" GPL001 "audit.csv"
note_once "$work/registry.pol.out" GPL004 "registry.pol"
note_once "$work/bad.ldf.out" GPL001 "LDIF"
note_once "$work/bad.topology.out" GPL001 "topology file"

status=$(limited 300 "$work/supp.out" "$work/supp.err" check "$work/ok.inf" --suppressions "$work/suppressions")
expect_status 1 "$status" "--suppressions with 3e6 bad lines"
note_once "$work/supp.out" GPL001 "suppression file"

status=$(limited 300 "$work/config.out" "$work/config.err" check "$work/ok.inf" --config "$work/gpolint.cfg")
expect_status 2 "$status" "--config with 3e6 bad lines"
lines=$(wc -l <"$work/config.err")
[ "$lines" -le 110 ] || fail "--config: $lines lines of errors, expected at most 100 and a note"
grep -q "note: [0-9]* more GPL001 diagnostics in this file not shown" "$work/config.err" ||
    fail "--config: no capping note: $(tail -3 "$work/config.err")"
echo "ok"
