#!/usr/bin/env bash
# CTest runs each doctest case by name (--test-case=NAME). A name with ';' (a CMake list separator) or
# '[' ']' is cut or mangled on the way and then runs zero cases while "passing": forbid them.
set -euo pipefail
build=$3
names=$("$build/tests/gpolint_tests" --list-test-cases --no-version)
bad=$(printf "%s\n" "$names" | grep -v "^\[doctest\]" | grep -v "^====" | grep -E "[][;]" || true)
if [ -n "$bad" ]; then
  echo "test case names that CTest cannot select:"; printf '  %s\n' "$bad"; exit 1
fi
count=$(printf "%s\n" "$names" | grep -v "^\[doctest\]" | grep -v "^====" | grep -c . || true)
[ "$count" -gt 200 ] || { echo "only $count test cases listed"; exit 1; }
echo "$count test case names are selectable"
