#!/usr/bin/env bash
# A template [Service General Setting] line and a Preferences Services.xml item for the same service set
# different things: each aspect (startup type, permissions, account, recovery, action) is a key of its
# own, so the Services.xml startup type overrides the template's startup type and leaves the template's
# permissions in force (explain shows them won, not overridden).
# Usage: service_aspects.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1
command -v python3 >/dev/null || { echo "skipped: python3 not found"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sddl='D:AR(A;;CCLCSWRPWPDTLOCRRC;;;SY)(A;;RPWPCR;;;BA)'
hardening="$work/gpos/{11111111-2222-4333-8444-555555555555}"
spooler="$work/gpos/{66666666-7777-4888-9999-AAAAAAAAAAAA}"
mkdir -p "$hardening/Machine/Microsoft/Windows NT/SecEdit" "$spooler/Machine/Preferences/Services"
printf '[General]\r\nVersion=65537\r\ndisplayName=Server Hardening\r\n' >"$hardening/GPT.INI"
printf '[Unicode]\r\nUnicode=yes\r\n[Service General Setting]\r\n"Spooler",4,"%s"\r\n[Version]\r\nsignature="$CHICAGO$"\r\nRevision=1\r\n' \
    "$sddl" >"$hardening/Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf"
printf '[General]\r\nVersion=65537\r\ndisplayName=Print Servers\r\n' >"$spooler/GPT.INI"
cat >"$spooler/Machine/Preferences/Services/Services.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<NTServices clsid="{2CFB484A-4E96-4b5d-A0B6-093D2F91E6AE}"><NTService clsid="{AB6F0B67-341F-4e51-92F9-005FBFBA1A43}" name="Spooler" uid="{B1}"><Properties startupType="AUTOMATIC" serviceName="Spooler" serviceAction="START" firstFailure="RESTART" resetFailCountDelay="1"/></NTService></NTServices>
XML
cat >"$work/domain.topology" <<'TOPO'
domain contoso.com
ou PrintServers
  link "Print Servers"
  link "Server Hardening"
TOPO

"$gpolint" dump "$work/gpos" --format json >"$work/dump.json" 2>"$work/err" || fail "dump failed: $(cat "$work/err")"
python3 - "$work/dump.json" <<'PY' || exit 1
import json, sys
keys = {s["key"]: s for g in json.load(open(sys.argv[1]))["gpos"] for s in g["settings"]}
want = {"service:Spooler\\StartupType": None, "service:Spooler\\Permissions": None,
        "service:Spooler\\Action": "START", "service:Spooler\\Recovery": "firstFailure=RESTART resetFailCountDelay=1"}
problems = [k for k in want if k not in keys] + [k for k in keys if k == "service:Spooler"]
for k, v in want.items():
    if v is not None and k in keys and keys[k]["value"] != v:
        problems.append(f"{k} = {keys[k]['value']!r}, expected {v!r}")
if problems:
    print("FAIL: service keys:", problems, "; dump has", sorted(k for k in keys if k.startswith("service:")))
    sys.exit(1)
PY

"$gpolint" explain "$work/gpos" --topology "$work/domain.topology" --som contoso.com/PrintServers --format json \
    >"$work/explain.json" 2>"$work/err" || fail "explain failed: $(cat "$work/err")"
python3 - "$work/explain.json" <<'PY' || exit 1
import json, sys
doc = json.load(open(sys.argv[1]))
text = json.dumps(doc)
def find(o, key):
    if isinstance(o, dict):
        if o.get("key", "").lower() == key.lower(): return o
        for v in o.values():
            r = find(v, key)
            if r: return r
    if isinstance(o, list):
        for v in o:
            r = find(v, key)
            if r: return r
    return None
perm = find(doc, "service:Spooler\\Permissions")
start = find(doc, "service:Spooler\\StartupType")
if not perm or not start:
    print("FAIL: explain lacks the service aspects:", text[:600]); sys.exit(1)
if "Server Hardening" not in json.dumps(perm.get("winner", perm)) or "overridden" in json.dumps(perm).lower():
    print("FAIL: the template's permissions are not the winner:", json.dumps(perm)[:600]); sys.exit(1)
if "Print Servers" not in json.dumps(start.get("winner", start)):
    print("FAIL: the Services.xml startup type (Preferences run after Security) does not win:", json.dumps(start)[:600]); sys.exit(1)
PY
echo "ok: template and Services.xml entries of one service are split by aspect; only the startup type overrides"
