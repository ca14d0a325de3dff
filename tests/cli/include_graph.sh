#!/usr/bin/env bash
# No folder of src/ includes a folder later in the data flow (docs/architecture.md): scripts/check-layers
# passes on the tree, and fails on a copy with one include that runs back up (so the check can fail).
set -euo pipefail
source=$2
python3 "$source/scripts/check-layers" "$source"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/scripts"
cp -r "$source/src" "$source/grammar" "$scratch/"
printf '#include "report/reporter.hpp"\n' >> "$scratch/src/rules/checker.cpp"
if out=$(python3 "$source/scripts/check-layers" "$scratch" 2>&1); then
  echo "check-layers accepted rules/ including report/:"; echo "$out"; exit 1
fi
grep -q "src/rules/checker.cpp:.*rules/ includes report/reporter.hpp" <<<"$out" ||
  { echo "check-layers failed without naming the bad include:"; echo "$out"; exit 1; }
echo "a backward include is caught: $(head -1 <<<"$out")"
