#!/usr/bin/env bash
# Errors a user can act on, and the small CLI conveniences ruff/hadolint users expect:
# unknown rule IDs (flags and config) exit 2 with a did-you-mean; a PATH without GPO input, an empty
# rules folder and an unknown --role SOM exit 2 with a clear message; explain reads .gpolint and takes
# canonical names; --list-soms; dump's --jobs (and its old name --threads); -o FILE.html picks html;
# --quiet; --statistics; no ":0:0:" locations.
# Usage: cli_errors.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -uo pipefail
gpolint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") repo=$2 build=$3
. "$repo/tests/cli/lib/common.sh"
fresh_work cli-errors-test
cp -r "$repo/examples/cluster-outage" "$work/cluster"
cp -r "$repo/examples/cluster-fixed" "$work/fixed"
cd "$work" || exit 1

# expect STATUS PATTERN CMD...: CMD exits STATUS and its stderr+stdout matches PATTERN (grep -E).
expect() {
  local want=$1 pattern=$2 out status
  shift 2
  out=$("$@" 2>&1); status=$?
  [ "$status" -eq "$want" ] || fail "$* exits $status, expected $want: $out"
  grep -qE -- "$pattern" <<<"$out" || fail "$*: output lacks /$pattern/: $out"
  grep -q ":0:0:" <<<"$out" && fail "$*: a :0:0: location: $out"
  return 0
}

expect 2 "unknown rule ID 'GPL999' in --select" "$gpolint" check cluster --select GPL999
expect 2 "unknown rule ID 'GPL1O1' in --ignore; did you mean GPL101\?" "$gpolint" check cluster --ignore GPL1O1
expect 2 "did you mean GPL201" "$gpolint" check cluster --select GPL2O1,GPL202
mkdir -p cfg && cp -r cluster cfg/ && printf 'select = GPL2xx, GPL999\n' >cfg/.gpolint
(cd cfg && expect 2 "unknown rule ID 'GPL999' in .*\.gpolint \(select\)" "$gpolint" check cluster) || exit 1
echo "ok: unknown rule IDs exit 2 with a did-you-mean, from flags and config"

mkdir -p empty-rules nothing && echo "not a GPO" >nothing/readme.txt
expect 2 "no GPO input found in nothing" "$gpolint" check nothing
expect 2 "empty-rules: error: no \*\.rules files" "$gpolint" check cluster --rules empty-rules
expect 2 "cannot read the rules folder" "$gpolint" check cluster --rules no-such-folder
echo "ok: no GPO input, an empty or missing rules folder exit 2 with a message"

expect 2 "--role 'OU=Clustr,OU=Servers,DC=contoso,DC=com': no such SOM.*did you mean:" \
  "$gpolint" check cluster --role OU=Clustr,OU=Servers,DC=contoso,DC=com=cluster
expect 2 "OU=Cluster,OU=Servers,DC=contoso,DC=com" "$gpolint" check cluster --role contoso.com/Servers/Clustr=cluster
expect 1 "GPL201" "$gpolint" check cluster --role contoso.com/Servers/Cluster=cluster
echo "ok: an unknown --role SOM exits 2 with close matches; canonical names work"

expect 0 "^OU=Cluster,OU=Servers,DC=contoso,DC=com  \(ou, role cluster\)" "$gpolint" explain cluster --list-soms
expect 0 "Legacy NTLM Compatibility" "$gpolint" explain cluster --som contoso.com/Servers/Cluster
# explain with no PATH: the project's paths and topology from .gpolint.
mkdir -p project && cp -r cluster/policies project/ && cp cluster/domain.topology project/contoso.topology
printf 'paths = policies\ntopology = contoso.topology\n' >project/.gpolint
(cd project && expect 0 "Legacy NTLM Compatibility" "$gpolint" explain --som contoso.com/Servers/Cluster) || exit 1
(cd project && expect 1 "GPL201" "$gpolint" check) || exit 1
expect 2 "give --som" "$gpolint" explain cluster
echo "ok: explain reads .gpolint, takes canonical names, lists SOMs"

expect 0 "Legacy NTLM" "$gpolint" dump cluster --jobs 2
expect 0 "Legacy NTLM" "$gpolint" dump cluster --threads 2
"$gpolint" check cluster -o report.html >/dev/null 2>&1
grep -qi "<!doctype html" report.html || fail "-o report.html did not write HTML"
"$gpolint" check cluster -o report.sarif >/dev/null 2>&1
grep -q '"version": *"2.1.0"' report.sarif || fail "-o report.sarif did not write SARIF"
"$gpolint" check cluster -o report.txt --format json >/dev/null 2>&1
grep -q '"findings"' report.txt || fail "--format must win over the extension"
echo "ok: dump --jobs/--threads; -o picks the format by extension unless --format is given"

out=$("$gpolint" check fixed --quiet); [ "$?" -eq 0 ] && [ -z "$out" ] || fail "--quiet on a clean input printed: $out"
out=$("$gpolint" check cluster -q); [ "$?" -eq 1 ] || fail "--quiet changed the exit status"
grep -q GPL201 <<<"$out" && ! grep -q "errors\?, " <<<"$out" || fail "--quiet: findings without the summary expected: $out"
out=$("$gpolint" check cluster --statistics); [ "$?" -eq 1 ] || fail "--statistics changed the exit status"
grep -qE "^1  GPL201  error +nolmhash-weak-lmcompat$" <<<"$out" && grep -qE "^1  GPL202  warning +lmcompat-below-ntlmv2$" <<<"$out" &&
  grep -qE "^2  total$" <<<"$out" || fail "--statistics: $out"
echo "ok: --quiet and --statistics"

expect 2 "no rule GPL1O1; did you mean GPL101\?" "$gpolint" rules GPL1O1
echo "ok: 'gpolint rules' suggests the ID meant"
