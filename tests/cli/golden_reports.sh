#!/usr/bin/env bash
# Golden outputs of every report format on the examples/ tree (paths normalised: the repository's
# absolute path becomes @REPO@, the version @VERSION@). Each golden file was read and checked by hand;
# GPOLINT_UPDATE_GOLDEN=1 rewrites them after a deliberate change (then read the diff before committing).
set -uo pipefail
gpolint=$1 repo=$2
golden=$repo/tests/golden/report
version=$("$gpolint" --version | awk '{print $2}')
cd "$repo" || exit 1
status=0
for example in hyperv-outage hyperv-fixed cluster-outage cluster-fixed; do
  for format in text json github sarif; do
    expected=$golden/$example.$format
    actual=$("$gpolint" check "examples/$example" --format "$format" --color never --fail-on never |
             sed -e "s#$repo#@REPO@#g" -e "s#\"$version\"#\"@VERSION@\"#g")
    if [ "${GPOLINT_UPDATE_GOLDEN:-}" = 1 ]; then
      printf '%s\n' "$actual" > "$expected"
      continue
    fi
    if ! diff -u "$expected" <(printf '%s\n' "$actual") > /tmp/gpolint-golden.diff.$$; then
      echo "FAIL: gpolint check examples/$example --format $format differs from $expected:"
      head -40 /tmp/gpolint-golden.diff.$$
      status=1
    fi
  done
done
rm -f /tmp/gpolint-golden.diff.$$
[ $status = 0 ] && echo "16 golden reports match"
exit $status
