#!/usr/bin/env bash
# The rule tables of README.md and docs/rules/README.md are written by hand: each must list exactly the
# rules of policies/*.rules, with the same slug and severity, and every rule must have its page.
# Usage: rule_tables.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
repo=$2
status=0
# "ID slug severity" per rule, from the packs (a rule block: `rule ID slug`, then `severity LEVEL`).
packs=$(awk '$1 == "rule" { id = $2; slug = $3 } $1 == "severity" && id != "" { print id, slug, $2; id = "" }' \
        "$repo"/policies/*.rules | sort)
[ "$(wc -l <<<"$packs")" -gt 50 ] || { echo "FAIL: read only $(wc -l <<<"$packs") rules from policies/"; exit 1; }
for table in README.md docs/rules/README.md; do
    rows=$(sed -nE 's/^\| \[(GPL[0-9]{3})\]\([^)]*\) \| `([^`]*)` \| ([a-z]+) \|.*/\1 \2 \3/p' "$repo/$table" | sort)
    if ! diff <(printf '%s\n' "$packs") <(printf '%s\n' "$rows") >/tmp/rule-tables.diff.$$; then
        echo "FAIL: $table's rule table differs from policies/*.rules (< packs, > table):"
        grep '^[<>]' /tmp/rule-tables.diff.$$
        status=1
    fi
done
rm -f /tmp/rule-tables.diff.$$
for id in $(awk '{print $1}' <<<"$packs"); do
    [ -f "$repo/docs/rules/$id.md" ] || { echo "FAIL: $id has no page docs/rules/$id.md"; status=1; }
done
[ $status = 0 ] && echo "both rule tables list the $(wc -l <<<"$packs") rules of policies/ with their slugs and severities"
exit $status
