#!/usr/bin/env bash
# The pre-commit hook's cost: on a generated 1,000-GPO repository (bench/generate.py, Backup-GPO layout
# with its LDIF topology, a .gpolint at the root), times a whole `gpolint check` of the repository
# against the hook's run, `gpolint check --changed ONE_TEMPLATE` (whole project read, findings
# filtered to the one staged template). Target: the hook run ≤ 2× the whole check.
# Writes bench/HOOK.md. Usage: bench/hook.sh [GPOLINT_BINARY] [--gpos N] [--ous M] [--runs R]
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
gpolint=$bench/../build/gpolint
gpos=1000 ous=400 runs=5
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then gpolint=$1; shift; fi
while [ $# -gt 0 ]; do
  case $1 in
    --gpos) gpos=$2; shift 2 ;;
    --ous) ous=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: bench/hook.sh [GPOLINT_BINARY] [--gpos N] [--ous M] [--runs R]" >&2; exit 2 ;;
  esac
done
gpolint=$(cd "$(dirname "$gpolint")" && pwd)/$(basename "$gpolint")
repo=$bench/work/hook-repo-$gpos-$ous
if [ ! -f "$repo/.gpolint" ]; then
  nice -n 19 python3 "$bench/generate.py" --gpos "$gpos" --ous "$ous" --seed 1 --out "$repo" --force >/dev/null
  printf '# a generated policy-as-code repository\nfail-on = warning\n' >"$repo/.gpolint"
fi
load=$(cut -d' ' -f1 /proc/loadavg)
cd "$repo"
template=$(find . -iname GptTmpl.inf | sort | head -1)
template=${template#./}

# median_ms CMD...: the median wall time of $runs runs, after one warm-up run (warm page cache).
median_ms() {
  "$@" >/dev/null 2>&1 || true
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    nice -n 19 "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

whole=$(median_ms "$gpolint" check)
hook=$(median_ms "$gpolint" check --changed "$template")
# gpolint exits 1 on findings: the statistics' last line is the total either way.
findings_whole=$({ "$gpolint" check --statistics 2>/dev/null || true; } | tail -1 | awk '{print $1}')
findings_hook=$({ "$gpolint" check --changed "$template" --statistics 2>/dev/null || true; } | tail -1 | awk '{print $1}')
ratio=$(awk -v h="$hook" -v w="$whole" 'BEGIN { printf "%.2f", h / w }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 2.0 ? "met" : "NOT met") }')

cat >"$bench/HOOK.md" <<MD
# pre-commit hook run vs whole check

Written by \`bench/hook.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, shared: load average $load at the start,
so absolute times are inflated and the ratio is the figure; $(uname -r); gpolint
$("$gpolint" --version | awk '{print $2}'), \`$(basename "$(dirname "$gpolint")")/gpolint\`). Repository: \`bench/generate.py --gpos $gpos --ous $ous
--seed 1\` (Backup-GPO layout, LDIF topology) with a \`.gpolint\` at its root; every command run from the
root, median of $runs runs after one warm-up, \`nice -n 19\`, output to /dev/null.

| run | command | median | findings reported |
|---|---|---|---|
| whole check | \`gpolint check\` | $whole ms | $findings_whole |
| hook, one staged template | \`gpolint check --changed $template\` | $hook ms | $findings_hook |

Hook ÷ whole check: **$ratio** (target ≤ 2: $verdict). The hook reads and resolves the whole project
like the whole check and then keeps the findings that touch the staged file, so its cost is the whole
check's plus one canonical path per reported file.
MD
cat "$bench/HOOK.md"
