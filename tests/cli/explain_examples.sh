#!/usr/bin/env bash
# gpolint explain on examples/hyperv-outage: the enforced "Server Hardening" wins SeServiceLogonRight on
# the blocking OU=HyperV, "Default Domain Policy" is left out by the block, and a mistyped --som exits 2.
# Usage: explain_examples.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1
repo=$2
example="$repo/examples/hyperv-outage"
som="OU=HyperV,OU=Servers,DC=contoso,DC=com"

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

command -v jq >/dev/null || { echo "skipped: jq is not installed"; exit 77; }
[ -d "$example" ] || { echo "skipped: $example is missing"; exit 77; }

json=$("$gpolint" explain "$example" --som "$som" --format json --setting privilege:SeServiceLogonRight 2>"$errors")
status=$?
if grep -q "no topology in the input" "$errors"; then
    echo "skipped: this build cannot read the example's topology yet (GPO/topology loading not merged)"
    exit 77
fi
fail() { echo "FAIL: $*"; echo "$json"; exit 1; }

[ "$status" -eq 0 ] || fail "exit status $status"
[ "$(jq -r .som <<<"$json")" = "$som" ] || fail "som"
applied=$(jq -r '[.order[] | select(.applied) | .gpo.name] | join("|")' <<<"$json")
[ "$applied" = "Hyper-V Host Rights|Server Hardening" ] || fail "applied order: $applied"
reason=$(jq -r '.order[] | select(.gpo.name == "Default Domain Policy") | .reason' <<<"$json")
[ "$reason" = "blocked by inheritance at OU=HyperV,OU=Servers,DC=contoso,DC=com" ] || fail "left-out reason: $reason"
[ "$(jq -r '.settings[0].winner.name' <<<"$json")" = "Server Hardening" ] || fail "winner"
states=$(jq -r '[.settings[0].history[] | .gpo.name + ":" + .state] | join("|")' <<<"$json")
[ "$states" = "Hyper-V Host Rights:overridden|Server Hardening:won" ] || fail "history: $states"

"$gpolint" explain "$example" --som "OU=HyperV,DC=contoso,DC=com" >/dev/null 2>"$errors"
status=$?
message=$(cat "$errors")
[ "$status" -eq 2 ] || fail "unknown --som: exit status $status"
grep -q "$som" <<<"$message" || fail "unknown --som does not suggest $som: $message"
echo "ok"
