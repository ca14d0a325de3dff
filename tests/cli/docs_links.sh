#!/usr/bin/env bash
# The documentation a report links to stands on its own: no page cites a document that is not in the
# repository (the shared FORMATS.md is not), and every relative link of docs/ and README.md resolves to
# a file of the repository.
# Usage: docs_links.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
repo=$2
cd "$repo" || exit 1
status=0
if grep -rn "FORMATS" docs README.md; then
    echo "FAIL: the pages above cite FORMATS.md, which is not in the repository"
    status=1
fi
checked=0
while IFS= read -r page; do
    dir=$(dirname "$page")
    # [text](target) with a relative target: no scheme, no pure anchor.
    while IFS= read -r target; do
        path=${target%%#*}
        [ -n "$path" ] || continue
        checked=$((checked + 1))
        [ -e "$dir/$path" ] || { echo "FAIL: $page links to $target, which does not exist"; status=1; }
    done < <(grep -o '\]([^)#][^)]*)' "$page" | sed -e 's/^](//' -e 's/)$//' | grep -v -E '^[a-z]+:')
done < <(find docs README.md -name '*.md')
[ "$checked" -gt 20 ] || { echo "FAIL: only $checked relative links found; the link pattern is broken"; status=1; }
[ $status = 0 ] && echo "ok: no page cites FORMATS.md, $checked relative links resolve"
exit $status
