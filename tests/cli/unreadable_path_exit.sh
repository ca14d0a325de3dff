#!/usr/bin/env bash
# A PATH that cannot be read (a chmod 000 file or folder) is a usage error: exit 2, even with
# --fail-on never, as the README promises. Run as an unprivileged user: root reads anything.
# Usage: unreadable_path_exit.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -u
gpolint=$1 repo=$2 build=$3
. "$repo/tests/cli/lib/limits.sh"
mkdir -p "$work/closed"

if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || { echo "skipped: running as root without setpriv to drop privileges"; exit 77; }
    as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
else
    as_nobody=()
fi
cp "$repo/tests/rules/GPL408/good/GptTmpl.inf" "$work/closed.inf"
cp "$repo/tests/rules/GPL408/good/GptTmpl.inf" "$work/closed/GptTmpl.inf"
chmod 000 "$work/closed.inf" "$work/closed"
chmod 755 "$build" "$work" 2>/dev/null
# The binary and its rules must be reachable by the unprivileged user.
"${as_nobody[@]}" test -x "$gpolint" || { echo "skipped: $gpolint is not executable as an unprivileged user"; exit 77; }
"${as_nobody[@]}" test -r "$repo/policies" || { echo "skipped: $repo/policies is not readable as an unprivileged user"; exit 77; }
"${as_nobody[@]}" test -r "$work/closed.inf" && { echo "skipped: a chmod 000 file is still readable here"; exit 77; }

for path in "$work/closed.inf" "$work/closed"; do
    for fail_on in warning never; do
        status=$(cd /tmp && "${as_nobody[@]}" timeout 60 "$gpolint" check "$path" --fail-on "$fail_on" \
            >"$work/out" 2>"$work/err"; echo $?)
        expect_status 2 "$status" "check $path --fail-on $fail_on as an unprivileged user"
        grep -q "cannot read" "$work/out" || fail "no 'cannot read' for $path: $(cat "$work/out" "$work/err")"
    done
done
chmod 755 "$work/closed"
echo "ok"
