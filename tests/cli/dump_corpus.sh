#!/usr/bin/env bash
# `gpolint dump` over the whole corpus: valid JSON, one GPO per Backup.xml, exit 0 (no parse errors).
# Usage: dump_corpus.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -uo pipefail
gpolint=$1 repo=$2 build=$3
corpus="$repo/../shared/corpus"
if [ ! -d "$corpus" ]; then
  echo "skipped: corpus not found at $corpus"
  exit 77
fi
out="$build/dump_corpus.json"
"$gpolint" dump "$corpus" --format json >"$out" 2>"$build/dump_corpus.stderr"
rc=$?
if [ $rc -ne 0 ]; then
  echo "FAIL: gpolint dump exited $rc"; head -20 "$build/dump_corpus.stderr"; exit 1
fi
python3 -m json.tool "$out" >/dev/null || { echo "FAIL: output is not valid JSON"; exit 1; }
expected=$(find "$corpus" -name Backup.xml | wc -l)
python3 - "$out" "$expected" <<'PY' || exit 1
import json, sys
dump = json.load(open(sys.argv[1]))
expected = int(sys.argv[2])
from_backups = [g for g in dump["gpos"] if any(f.endswith("/Backup.xml") for f in g["files"])]
assert len(from_backups) == expected, f"{len(from_backups)} GPOs from Backup.xml, expected {expected}"
for g in dump["gpos"]:
    for key in ("guid", "name", "domain", "computer_enabled", "user_enabled", "source", "links", "settings"):
        assert key in g, f"GPO {g.get('name')} lacks {key}"
    for s in g["settings"]:
        for key in ("key", "value", "kind", "operation", "source", "file"):
            assert key in s, f"setting {s} lacks {key}"
        assert ("line" in s) != ("offset" in s), f"setting {s['key']} needs exactly one of line/offset"
errors = [d for d in dump["diagnostics"] if d["severity"] == "error" and d["id"].startswith("GPL0")]
assert not errors, errors[:3]
print(f"ok: {len(dump['gpos'])} GPOs, {sum(len(g['settings']) for g in dump['gpos'])} settings")
PY
# Exit codes: an unreadable PATH is a usage-level failure (2) and names the path on stderr.
"$gpolint" dump "$corpus/does-not-exist" >/dev/null 2>"$build/dump_missing.stderr"
rc=$?
[ $rc -eq 2 ] || { echo "FAIL: missing PATH exited $rc, expected 2"; exit 1; }
grep -q "does-not-exist" "$build/dump_missing.stderr" || { echo "FAIL: missing PATH not named"; exit 1; }
echo "ok: exit codes"

# A registry.pol with a control character and non-ASCII text in a value, and a broken one: the JSON
# stays valid (escaped control char, UTF-8 kept) and the parse error makes the exit code 1.
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import struct, sys
def u(s): return s.encode("utf-16le") + b"\0\0"
def rec(k, n, t, d): return b"[\0" + u(k) + b";\0" + u(n) + b";\0" + struct.pack("<I", t) + b";\0" + struct.pack("<I", len(d)) + b";\0" + d + b"]\0"
open(sys.argv[1] + "/good.pol", "wb").write(b"PReg\1\0\0\0" + rec("K", "v", 1, u("tab\there \"q\" caf\u00e9")))
open(sys.argv[1] + "/bad.pol", "wb").write(b"PRex\1\0\0\0")
PY
"$gpolint" dump "$tmp" --format json >"$tmp/out.json" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || { echo "FAIL: parse error exited $rc, expected 1"; exit 1; }
grep -q "bad.pol: error: .*PReg.*\[GPL001\]" "$tmp/err" || { echo "FAIL: stderr diagnostic format"; cat "$tmp/err"; exit 1; }
python3 - "$tmp/out.json" <<'PY' || exit 1
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert "\\t" in text and "café" in text, "control char escaped, UTF-8 kept"
dump = json.loads(text)
values = [s["value"] for g in dump["gpos"] for s in g["settings"]]
assert values == ['tab\there "q" café'], values
PY
echo "ok: escaping and exit 1"
