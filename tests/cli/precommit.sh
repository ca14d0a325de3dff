#!/usr/bin/env bash
# Runs the repository's pre-commit hook (.pre-commit-hooks.yaml) for real: a scratch git repository in
# the build tree gets a bad and then a good GptTmpl.inf (UTF-16LE with BOM, as Windows writes it); the
# bad commit must be rejected with GPL101 and the good one accepted.
# Usage: precommit.sh GPOLINT_BINARY REPO_DIR BUILD_DIR   (exit 77 = skipped, with the reason)
set -uo pipefail
gpolint=$1 repo=$2 build=$3
. "$repo/tests/cli/lib/common.sh"
fresh_work precommit-test

. "$repo/tests/cli/lib/precommit_env.sh"
need_precommit "$work"

# template FILE RIGHTS: a minimal GPMC-style template, UTF-16LE with BOM and CRLF.
template() {
  python3 - "$1" "$2" <<'PY'
import sys
text = ("[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n"
        "[Privilege Rights]\r\nSeServiceLogonRight = " + sys.argv[2] + "\r\n")
open(sys.argv[1], "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
PY
}
bad_rights='*S-1-5-20,*S-1-5-80-0'
good_rights='*S-1-5-20,*S-1-5-80-0,*S-1-5-83-0'

# The hook can only reject what the rule engine finds: skip until `check` reports GPL101 on a template.
template "$work/probe.inf" "$bad_rights"
"$gpolint" check "$work/probe.inf" >"$work/probe.log" 2>&1
probe=$?
if [ "$probe" -ne 1 ] || ! grep -q GPL101 "$work/probe.log"; then
  echo "SKIP: 'gpolint check' of a template lacking *S-1-5-83-0 exits $probe without GPL101: the rule engine is not merged into this build yet"
  exit 77
fi

scratch="$work/repo"
mkdir -p "$scratch/gpos/{6AC1786C-016F-11D2-945F-00C04FB984F9}/Machine/Microsoft/Windows NT/SecEdit"
inf="$scratch/gpos/{6AC1786C-016F-11D2-945F-00C04FB984F9}/Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf"
export PATH="$(cd "$(dirname "$gpolint")" && pwd):$PATH"
local_hook_config "$repo/.pre-commit-hooks.yaml" "$scratch/.pre-commit-config.yaml"

cd "$scratch" || exit 1
git init -q . && git config commit.gpgsign false
pre-commit install >"$work/install.log" 2>&1 || { echo "FAIL: pre-commit install"; cat "$work/install.log"; exit 1; }
git add .pre-commit-config.yaml && git commit -qm "pre-commit config" >"$work/commit0.log" 2>&1 || {
  echo "FAIL: the first commit (no GPO files) was rejected"; cat "$work/commit0.log"; exit 1; }

template "$inf" "$bad_rights"
git add -A
if git commit -m "bad template" >"$work/commit-bad.log" 2>&1; then
  echo "FAIL: the commit of a template lacking *S-1-5-83-0 was accepted"; cat "$work/commit-bad.log"; exit 1
fi
grep -q GPL101 "$work/commit-bad.log" || { echo "FAIL: the rejection does not name GPL101"; cat "$work/commit-bad.log"; exit 1; }
echo "ok: the bad template is rejected with GPL101"

template "$inf" "$good_rights"
git add -A
if ! git commit -m "good template" >"$work/commit-good.log" 2>&1; then
  echo "FAIL: the commit of a good template was rejected"; cat "$work/commit-good.log"; exit 1
fi
grep -q "gpolint" "$work/commit-good.log" || { echo "FAIL: the hook did not run on the good template"; cat "$work/commit-good.log"; exit 1; }
echo "ok: the good template is accepted"
