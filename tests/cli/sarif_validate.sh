#!/usr/bin/env bash
# Validates gpolint's SARIF with Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool-linux),
# installed once into the build tree. Two documents are checked: the reporter's sample document (written
# by the unit-test binary) and, when `gpolint check` supports it, the output of
# `gpolint check examples/… --format sarif`. Zero validator errors are allowed.
# Usage: sarif_validate.sh GPOLINT_BINARY REPO_DIR BUILD_DIR   (exit 77 = skipped, with the reason)
set -uo pipefail
gpolint=$1 repo=$2 build=$3
work="$build/sarif-validate"
tool_dir="$build/sarif-tool"
mkdir -p "$work"

find_multitool() { find "$tool_dir/node_modules" -name Sarif.Multitool -type f 2>/dev/null | head -n 1; }

multitool=$(find_multitool)
if [ -z "$multitool" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "SKIP: npm is not installed, so Microsoft's SARIF Multitool cannot be fetched (apt-get install npm)"
    exit 77
  fi
  if ! npm install --prefix "$tool_dir" @microsoft/sarif-multitool-linux >"$work/npm.log" 2>&1; then
    echo "SKIP: npm install @microsoft/sarif-multitool-linux failed (offline?):"; tail -n 5 "$work/npm.log"
    exit 77
  fi
  multitool=$(find_multitool)
  [ -n "$multitool" ] || { echo "SKIP: the npm package holds no Sarif.Multitool binary"; exit 77; }
fi
chmod u+x "$multitool"  # npm may skip the package's postinstall chmod

# validate FILE: runs the Multitool, then counts error-level results in its own SARIF log.
validate() {
  local input=$1 log="$1.validation.sarif"
  rm -f "$log"
  if ! "$multitool" validate "$input" --output "$log" >"$input.validation.txt" 2>&1; then
    echo "FAIL: the Multitool could not validate $input:"; cat "$input.validation.txt"; return 1
  fi
  local errors
  errors=$(python3 - "$log" <<'PY'
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8-sig"))
errors = [r for run in log.get("runs", []) for r in run.get("results", []) if r.get("level", "warning") == "error"]
for r in errors:
    print("  ", r.get("ruleId"), r.get("message", {}).get("text", ""), file=sys.stderr)
notifications = [n for run in log.get("runs", []) for inv in run.get("invocations", [])
                 for n in inv.get("toolExecutionNotifications", []) if n.get("level") == "error"]
for n in notifications:
    print("  tool:", n.get("message", {}).get("text", ""), file=sys.stderr)
print(len(errors) + len(notifications))
PY
)
  if [ "$errors" != "0" ]; then
    echo "FAIL: $input has $errors SARIF validation error(s):"; cat "$input.validation.txt"; return 1
  fi
  echo "ok: $input is valid SARIF 2.1.0 (Multitool: 0 errors)"
}

# 1. The reporter's own sample document (every feature: rules, notes, binary offsets, suppressions).
tests_binary="$build/tests/gpolint_tests"
sample="$work/sample.sarif"
rm -f "$sample"
GPOLINT_SARIF_SAMPLE="$sample" "$tests_binary" --test-case="sarif: write the sample document*" >"$work/sample.log" 2>&1
[ -s "$sample" ] || { echo "FAIL: $tests_binary did not write $sample"; cat "$work/sample.log"; exit 1; }
validate "$sample" || exit 1

# 2. Real output of `gpolint check`, once the command has the sarif format.
if ! "$gpolint" check --help 2>/dev/null | grep -q sarif; then
  echo "SKIP (end-to-end part): 'gpolint check --help' does not offer --format sarif yet; the sample document above was validated"
  exit 77
fi
# The Hyper-V outage example has per-SOM findings with notes (related locations); else any example.
examples="$repo/examples/hyperv-outage"
[ -d "$examples" ] || examples=$(find "$repo/examples" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort | head -n 1)
[ -n "$examples" ] || { echo "SKIP (end-to-end part): no example folder under $repo/examples"; exit 77; }
real="$work/check.sarif"
rm -f "$real"
(cd "$repo" && "$gpolint" check "$examples" --format sarif --output "$real" --fail-on never) || {
  echo "FAIL: gpolint check --format sarif failed"; exit 1; }
[ -s "$real" ] || { echo "FAIL: gpolint check --format sarif --output wrote nothing"; exit 1; }
validate "$real" || exit 1
