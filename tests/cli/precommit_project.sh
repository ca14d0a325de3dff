#!/usr/bin/env bash
# The pre-commit hook in a policy-as-code repository, with the real pre-commit: GPO folders with GPT.INI,
# a topology and a .gpolint at the root (examples/cluster-fixed plus an old, unrelated finding). Shows
#  1. a clean commit passes although the repository holds an old finding elsewhere;
#  2. staging only the "Legacy NTLM Compatibility" template with LmCompatibilityLevel=1, while NoLMHash=1
#     sits in the unchanged "Default Domain Policy", is blocked with GPL201 naming the staged file;
#  3. the old finding is not what blocks: it is not in the hook's output.
# Usage: precommit_project.sh GPOLINT_BINARY REPO_DIR BUILD_DIR   (exit 77 = skipped, with the reason)
set -uo pipefail
gpolint=$1 repo=$2 build=$3
. "$repo/tests/cli/lib/common.sh"
fresh_work precommit-project-test
. "$repo/tests/cli/lib/precommit_env.sh"
need_precommit "$work"

# template FILE LINES...: a GPMC-style template (UTF-16LE with BOM, CRLF) holding [Registry Values] LINES.
template() {
  python3 - "$@" <<'PY'
import sys
text = "[Unicode]\r\nUnicode=yes\r\n[Registry Values]\r\n" + "".join(l + "\r\n" for l in sys.argv[2:]) + \
       "[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n"
open(sys.argv[1], "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
PY
}
lsa='MACHINE\System\CurrentControlSet\Control\Lsa'
secedit='Machine/Microsoft/Windows NT/SecEdit'

scratch="$work/repo"
cp -r "$repo/examples/cluster-fixed" "$scratch"
legacy="policies/{2B7C9E14-3A5F-4D61-8E92-7F0A1B2C3D4E}/$secedit/GptTmpl.inf"
# An old finding in a GPO of its own, committed before the hook existed: anonymous SID/name
# translation allowed (GPL306), in "Kiosk Settings" linked at OU=Kiosks.
kiosk="policies/{9D4E8C21-5B3A-4F60-A7E1-0C2D3E4F5A6B}"
mkdir -p "$scratch/$kiosk/$secedit"
printf '[General]\r\nVersion=1\r\ndisplayName=Kiosk Settings\r\n' >"$scratch/$kiosk/GPT.INI"
python3 - "$scratch/$kiosk/$secedit/GptTmpl.inf" <<'PY'
import sys
text = "[Unicode]\r\nUnicode=yes\r\n[System Access]\r\nLSAAnonymousNameLookup = 1\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n"
open(sys.argv[1], "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
PY
printf 'ou Kiosks\n  link "Kiosk Settings"\n' >>"$scratch/domain.topology"
# Scratch files and a copy of gpolint's own examples that must not be read (excluded by glob / as a dot-folder).
mkdir -p "$scratch/archive" "$scratch/.cache"
cp -r "$repo/examples/hyperv-outage" "$scratch/archive/"
cp -r "$repo/examples/cluster-outage" "$scratch/.cache/"
cat >"$scratch/.gpolint" <<'CFG'
# gpolint configuration of this repository
exclude = archive
fail-on = warning
CFG

export PATH="$(cd "$(dirname "$gpolint")" && pwd):$PATH"
cd "$scratch" || exit 1

# The whole project does hold the old finding, and nothing from archive/ or .cache/.
gpolint check >"$work/whole.log" 2>&1
status=$?
[ "$status" -eq 1 ] && grep -q GPL306 "$work/whole.log" || { cat "$work/whole.log"; fail "whole check: exit $status, expected 1 with the old GPL306"; }
grep -q -e GPL201 -e GPL101 -e archive -e .cache "$work/whole.log" && { cat "$work/whole.log"; fail "whole check read archive/ or .cache/"; }
echo "ok: the whole project has one old finding (GPL306), archive/ and .cache/ are not read"

local_hook_config "$repo/.pre-commit-hooks.yaml" "$scratch/.pre-commit-config.yaml"
# The README shows this configuration to users: it must be the hook the test runs.
python3 - "$repo/README.md" "$scratch/.pre-commit-config.yaml" <<'PY' || exit 1
import re, sys, yaml
readme = open(sys.argv[1]).read()
block = re.search(r"```yaml\n# \.pre-commit-config\.yaml of the GPO repository\n(.*?)```", readme, re.S)
if not block: print("FAIL: README has no .pre-commit-config.yaml example"); sys.exit(1)
shown = yaml.safe_load(block.group(1))["repos"][0]["hooks"][0]
tested = yaml.safe_load(open(sys.argv[2]))["repos"][0]["hooks"][0]
keys = ["id", "entry", "language", "files", "pass_filenames", "require_serial"]
diff = [k for k in keys if shown.get(k) != tested.get(k)]
if diff: print("FAIL: README's hook differs from .pre-commit-hooks.yaml in", diff); sys.exit(1)
print("ok: README's pre-commit configuration is the hook under test")
PY
git init -q . && git config commit.gpgsign false
git add -A && git commit -q --no-verify -m "GPOs as they were before the hook" >/dev/null || fail "initial commit"
pre-commit install >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "pre-commit install"; }

# 1. A clean change to one GPO (LmCompatibilityLevel 3 -> 5) passes, old finding or not.
template "$legacy" "$lsa\\LmCompatibilityLevel=4,5"
git add "$legacy"
git commit -m "Legacy NTLM: NTLMv2 only" >"$work/commit-clean.log" 2>&1 || { cat "$work/commit-clean.log"; fail "the clean commit was blocked"; }
grep -q "gpolint.*Passed" "$work/commit-clean.log" || { cat "$work/commit-clean.log"; fail "the hook did not run on the clean commit"; }
echo "ok: a clean commit passes although GPL306 is still in the repository"

# 2. Only the Legacy template is staged; NoLMHash=1 lives in the unchanged Default Domain Policy.
template "$legacy" "$lsa\\LmCompatibilityLevel=4,1"
git add "$legacy"
if git commit -m "Legacy NTLM: back to NTLMv1 for the old NAS" >"$work/commit-bad.log" 2>&1; then
  cat "$work/commit-bad.log"; fail "the commit that breaks the effective policy was accepted"
fi
grep -q "GPL201" "$work/commit-bad.log" || { cat "$work/commit-bad.log"; fail "the rejection does not name GPL201"; }
grep -q "$legacy:4:1:" "$work/commit-bad.log" || { cat "$work/commit-bad.log"; fail "GPL201 does not point at the staged file $legacy"; }
echo "ok: the cross-GPO GPL201 blocks the commit and points at the staged template"

# 3. The old finding is not reported by the hook.
grep -q GPL306 "$work/commit-bad.log" && { cat "$work/commit-bad.log"; fail "the hook reported the unrelated old GPL306"; }
echo "ok: the unrelated old finding is not reported"
