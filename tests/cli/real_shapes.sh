#!/usr/bin/env bash
# Real-shaped inputs read right, end to end: the DoD banner's '","' is parsed and survives --fix byte for
# byte; a REG_QWORD of 2^64-1 is 18446744073709551615 in dump JSON (not -1); a folder zipped on a Mac
# and a secedit export named secpol.cfg are read as Windows would have them.
set -u
gpolint=$1
command -v python3 >/dev/null || { echo "skipped: python3 not found (builds the UTF-16 and binary inputs)"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY' || fail "could not write the inputs"
import os, struct, sys
work = sys.argv[1]
def utf16(text):
    return b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le")
banner = ("MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\LegalNoticeText=7,You are accessing a "
          "U.S. Government (USG) Information System (IS) that is provided for USG-authorized use only.,By using this IS "
          "(which includes any device attached to this IS)\",\" you consent to the following conditions:\n")
gpo = os.path.join(work, "banner", "{11111111-2222-4333-8444-555555555555}")
sec = os.path.join(gpo, "Machine", "Microsoft", "Windows NT", "SecEdit")
os.makedirs(sec)
open(os.path.join(gpo, "GPT.INI"), "wb").write(b"[General]\r\nVersion=65537\r\ndisplayName=DoD Banner\r\n")
open(os.path.join(sec, "GptTmpl.inf"), "wb").write(utf16(
    "[Unicode]\nUnicode=yes\n[Registry Values]\n" + banner +
    "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,0\n[Version]\nsignature=\"$CHICAGO$\"\nRevision=1\n"))
def wz(s): return s.encode("utf-16-le") + b"\0\0"
def record(key, name, kind, data):
    return (b"[\0" + wz(key) + b";\0" + wz(name) + b";\0" + struct.pack("<I", kind) + b";\0" +
            struct.pack("<I", len(data)) + b";\0" + data + b"]\0")
pol = os.path.join(work, "qword", "Machine")
os.makedirs(pol)
open(os.path.join(pol, "registry.pol"), "wb").write(b"PReg" + struct.pack("<I", 1) +
    record("Software\\Policies\\X", "Big", 11, b"\xff" * 8))
os.makedirs(os.path.join(work, "secedit"))
open(os.path.join(work, "secedit", "secpol.cfg"), "wb").write(utf16(
    "[Unicode]\nUnicode=yes\n[System Access]\nMinimumPasswordLength = 8\nAllowAdministratorLockout = 1\n"
    "[Version]\nsignature=\"$CHICAGO$\"\nRevision=1\n"))
PY

# The banner is one text with commas: no GPL001, items decoded.
"$gpolint" dump "$work/banner" --format json > "$work/banner.json" || fail "dump of the banner GPO failed"
python3 - "$work/banner.json" <<'PY' || fail "the banner was not read as one text with commas"
import json, sys
doc = json.load(open(sys.argv[1]))
assert not [d for d in doc["diagnostics"] if d["id"] == "GPL001"], doc["diagnostics"]
s = [s for s in doc["gpos"][0]["settings"] if s["key"].endswith("LegalNoticeText")][0]
assert s["items"][1] == "By using this IS (which includes any device attached to this IS), you consent to the following conditions:", s
PY

# --fix rewrites NoLMHash and leaves every other byte, the banner's '","' included, as it was.
template="$work/banner/{11111111-2222-4333-8444-555555555555}/Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf"
cp "$template" "$work/before.inf"
"$gpolint" check --fix --unsafe-fixes --select GPL203 "$work/banner" > "$work/fix.out" 2>&1
grep -q "GPL203" "$work/fix.out" || fail "no GPL203 fix was applied: $(cat "$work/fix.out")"
python3 - "$work/before.inf" "$template" <<'PY' || fail "--fix did not round-trip the banner template"
import sys
before, after = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
old = "NoLMHash=4,0".encode("utf-16-le"); new = "NoLMHash=4,1".encode("utf-16-le")
assert old in before and after == before.replace(old, new), "bytes differ beyond the fixed value"
PY

# REG_QWORD is unsigned.
"$gpolint" dump "$work/qword" --format json | grep -q '"number":18446744073709551615' || fail "REG_QWORD 2^64-1 is not 18446744073709551615"

# A secedit export is a template whatever its name; its keys are known (no GPL002).
"$gpolint" dump "$work/secedit" --format json > "$work/secedit.json"
python3 - "$work/secedit.json" <<'PY' || fail "secpol.cfg was not read as a security template"
import json, sys
doc = json.load(open(sys.argv[1]))
keys = [s["key"] for g in doc["gpos"] for s in g["settings"]]
assert "access:MinimumPasswordLength" in keys and "access:AllowAdministratorLockout" in keys, keys
assert not doc["diagnostics"], doc["diagnostics"]
PY
echo "ok"
