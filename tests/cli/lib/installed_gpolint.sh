# Shared by the install tests (sourced): checks an installed gpolint with the source tree out of reach.

# check_installed PREFIX WORK: PREFIX/bin/gpolint, run from WORK on a copy of examples/, must find its
# rules and rule pages under PREFIX/share, and must fail clearly (not fall back to the source tree)
# once they are gone. Needs $repo (the source tree) for the examples to copy.
check_installed() {
  local prefix=$1 work=$2 bin=$1/bin/gpolint out status
  [ -x "$bin" ] || fail "$bin is not installed"
  for f in share/gpolint/policies/gpl2xx-ntlm.rules share/gpolint/policies/setting-names.tsv share/gpolint/docs/rules/GPL201.md share/man/man1/gpolint.1 \
           share/bash-completion/completions/gpolint share/zsh/vendor-completions/_gpolint share/doc/gpolint/LICENSE; do
    [ -f "$prefix/$f" ] || fail "$prefix/$f is not installed"
  done
  bash -n "$prefix/share/bash-completion/completions/gpolint" || fail "the bash completion has a syntax error"
  mkdir -p "$work/elsewhere"
  cp -r "$repo/examples" "$work/examples-copy"
  cd "$work/elsewhere" || fail "cd"
  out=$("$bin" check ../examples-copy/cluster-outage 2>&1); status=$?
  [ "$status" -eq 1 ] && grep -q GPL201 <<<"$out" || fail "installed check of cluster-outage: exit $status: $out"
  out=$("$bin" check ../examples-copy/hyperv-fixed 2>&1); status=$?
  [ "$status" -eq 0 ] || fail "installed check of hyperv-fixed: exit $status: $out"
  "$bin" rules GPL201 | grep -q "^# GPL201" || fail "'gpolint rules GPL201' does not print the installed page"
  out=$("$bin" compare ../examples-copy/cluster-outage ../examples-copy/cluster-fixed 2>&1)
  grep -q "different: Network security: LAN Manager authentication level \[" <<<"$out" ||
    fail "installed compare does not name settings from share/gpolint/policies/setting-names.tsv: $out"
  echo "ok: $bin checks a copy of examples/ from another folder with its installed rules"
  mv "$prefix/share/gpolint/policies" "$prefix/share/gpolint/policies.away"
  out=$("$bin" check ../examples-copy/cluster-outage 2>&1); status=$?
  mv "$prefix/share/gpolint/policies.away" "$prefix/share/gpolint/policies"
  [ "$status" -eq 2 ] && grep -q "share/gpolint/policies" <<<"$out" ||
    fail "without its installed rules gpolint must exit 2 naming them (not use the source tree): exit $status: $out"
  out=$("$bin" check --rules "$repo/policies" ../examples-copy/cluster-outage 2>&1); status=$?
  [ "$status" -eq 1 ] || fail "--rules does not override the installed rules: exit $status"
  echo "ok: the installed gpolint never falls back to the source tree; --rules still overrides"
  cd - >/dev/null || true
}
