#!/usr/bin/env bash
# Smoke test of the benchmark generator (no timings): a tiny forest is byte-identical across two runs
# with one seed, differs with another seed, has the shapes Windows writes, plants both problems where
# expected.json says, and `gpolint check` reports them. Skips (77) while gpolint check cannot produce
# findings yet.
# argv: GPOLINT_BINARY REPO_DIR BUILD_DIR
set -euo pipefail
gpolint=$1 repo=$2 build=$3
work=$build/bench_smoke
generate=$repo/bench/generate.py

command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
rm -rf "$work"; mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }

python3 "$generate" --gpos 30 --ous 40 --seed 42 --out "$work/a" >/dev/null
python3 "$generate" --gpos 30 --ous 40 --seed 42 --out "$work/b" >/dev/null
python3 "$generate" --gpos 30 --ous 40 --seed 43 --out "$work/c" >/dev/null
diff -r "$work/a" "$work/b" >/dev/null || fail "same seed and sizes gave different bytes"
diff -r -q "$work/a" "$work/c" >/dev/null && fail "a different seed gave the same forest"
python3 "$generate" --gpos 30 --ous 40 --seed 42 --out "$work/a" >/dev/null 2>&1 \
  && fail "generate.py overwrote a non-empty folder without --force"
echo "generator is deterministic"

# Shapes and planted topology, read back independently of the generator's own code.
python3 - "$work/a" <<'EOF'
import base64, json, os, sys
root = sys.argv[1]
expected = json.load(open(os.path.join(root, "expected.json"), encoding="utf-8"))
def check(ok, what):
    if not ok:
        sys.exit("FAIL: " + what)

check(sorted(f["rule"] for f in expected["findings"]) == ["GPL101", "GPL201"], "expected.json plants GPL101 and GPL201")
folders = [d for d in os.listdir(root) if d.startswith("{")]
check(len(folders) == 30, "one backup folder per GPO (got %d)" % len(folders))
infs = pols = 0
for d in folders:
    machine = os.path.join(root, d, "DomainSysvol", "GPO", "Machine")
    report = open(os.path.join(root, d, "gpreport.xml"), "rb").read()
    check(report.startswith(b"\xff\xfe<\x00?\x00x\x00m\x00l\x00"), d + "/gpreport.xml is UTF-16LE with BOM")
    inf = os.path.join(machine, "microsoft", "windows nt", "SecEdit", "GptTmpl.inf")
    if os.path.exists(inf):
        infs += 1
        data = open(inf, "rb").read()
        check(data.startswith(b"\xff\xfe[\x00U\x00"), inf + " starts with BOM + [Unicode]")
        text = data[2:].decode("utf-16-le")
        check("\n" not in text.replace("\r\n", ""), inf + " uses CRLF only")
    pol = os.path.join(machine, "registry.pol")
    if os.path.exists(pol):
        pols += 1
        check(open(pol, "rb").read(8) == b"PReg\x01\x00\x00\x00", pol + " has the PReg v1 header")
check(infs > 0 and pols > 0, "templates and registry.pol files are generated")

# Unfold the LDIF (a leading space continues the previous line) and index the records by DN.
text = open(os.path.join(root, "topology.ldf"), "rb").read().decode("utf-8")
check("\r\n" in text, "topology.ldf uses CRLF like ldifde")
lines = []
folded = False
for line in text.split("\r\n"):
    if line.startswith(" ") and lines:
        lines[-1] += line[1:]
        folded = True
    else:
        lines.append(line)
check(folded, "long gPLink lines are folded")
records, current = {}, None
for line in lines + [""]:
    if not line:
        current = None
        continue
    attr, _, value = line.partition(": ")
    if attr.endswith(":"):
        attr, value = attr[:-1], base64.b64decode(value).decode("utf-8")
    if attr == "dn":
        current = records.setdefault(value, {})
    current.setdefault(attr, []).append(value)

domain = records["DC=contoso,DC=com"]
links = domain["gPLink"][0].strip("[]").split("][")
hv, cluster = expected["findings"][0], expected["findings"][1]
if hv["rule"] != "GPL101":
    hv, cluster = cluster, hv
check(links[-2].lower().startswith("ldap://cn=%s," % hv["gpos"][0]["guid"].lower()) and links[-2].endswith(";2"),
      "the GPL101 culprit is the enforced link before last on the domain")
check(links[-1].lower().startswith("ldap://cn=%s," % cluster["gpos"][0]["guid"].lower()) and links[-1].endswith(";2"),
      "the GPL201 NoLMHash source is the last (link order 1) enforced link on the domain")
check(records[hv["som"]].get("gPOptions") == ["1"], "the Hyper-V OU blocks inheritance")
hosts = [dn for dn, r in records.items() if dn.endswith("," + hv["som"]) and "computer" in r.get("objectClass", [])]
check(hosts and all(any(s.startswith("Microsoft Virtual System Migration Service/") for s in records[h]["servicePrincipalName"]) for h in hosts),
      "the Hyper-V OU holds computers with Hyper-V SPNs")
nodes = [dn for dn, r in records.items() if dn.endswith("," + cluster["som"]) and "computer" in r.get("objectClass", [])]
check(nodes and all(any(s.startswith("MSServerClusterMgmtAPI/") for s in records[n]["servicePrincipalName"]) for n in nodes),
      "the cluster OU holds computers with cluster SPNs")
ou_depths = [dn.count("OU=") for dn, r in records.items() if "organizationalUnit" in r.get("objectClass", [])]
check(len(ou_depths) == 40 and max(ou_depths) == 8, "40 OUs, the deepest at depth 8 (got %d, %d)" % (len(ou_depths), max(ou_depths)))
gpcs = [r for r in records.values() if "groupPolicyContainer" in r.get("objectClass", [])]
check(len(gpcs) == 30, "one groupPolicyContainer per GPO")
print("forest shapes and planted topology are as expected.json says")
EOF

# gpolint itself: skipped until the engine can report findings as JSON.
status=0
"$gpolint" check "$work/a" --topology "$work/a/topology.ldf" --format json >"$work/report.json" 2>"$work/report.err" || status=$?
if [ $status -ge 2 ] || ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/report.json" 2>/dev/null; then
  echo "SKIP: 'gpolint check --format json' does not produce a report yet (exit $status; engine not merged)"
  exit 77
fi
python3 "$repo/bench/check_findings.py" "$work/a/expected.json" "$work/report.json" || fail "planted findings not reported"
echo "PASS"
