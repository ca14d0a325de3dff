#!/usr/bin/env bash
# The Debian package: `cpack` builds gpolint_<version>_amd64.deb; its Depends must be installable on
# this Debian 12 (`apt-get -s install ./gpolint_*.deb`, a simulation that changes nothing), and its
# contents, unpacked with `dpkg -x` into a folder (the chroot-free way), must run on their own.
# Usage: install_deb.sh GPOLINT_BINARY REPO_DIR BUILD_DIR   (exit 77 = skipped, with the reason)
set -uo pipefail
repo=$2 build=$3
. "$repo/tests/cli/lib/common.sh"
fresh_work install-deb-test
. "$repo/tests/cli/lib/installed_gpolint.sh"
command -v dpkg-deb >/dev/null 2>&1 || { echo "SKIP: dpkg-deb is missing (not a Debian system)"; exit 77; }
command -v cpack >/dev/null 2>&1 || { echo "SKIP: cpack is missing (apt-get install cmake)"; exit 77; }

(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg") >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack"; }
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
deb="$work/pkg/gpolint_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { ls "$work/pkg"; fail "no $deb"; }
depends=$(dpkg-deb -f "$deb" Depends)
grep -q "libtinyxml2-9" <<<"$depends" || fail "Depends lacks libtinyxml2-9: $depends"
# Every library the binary links must come from a package the .deb depends on.
dpkg-deb -x "$deb" "$work/root"
for lib in $(ldd "$work/root/usr/bin/gpolint" | awk '/=> \//{print $3}'); do
  pkg=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -1 | cut -d: -f1) || true
  [ -z "$pkg" ] && pkg=$(dpkg -S "$lib" 2>/dev/null | head -1 | cut -d: -f1)
  [ -n "$pkg" ] || continue
  grep -q "\b$pkg\b" <<<"$depends" || fail "$lib comes from $pkg, which Depends ($depends) does not name"
done
echo "ok: $(basename "$deb") depends on $depends"
if [ "$(id -u)" -eq 0 ]; then
  apt-get -s install "$deb" >"$work/apt-sim.log" 2>&1 || { cat "$work/apt-sim.log"; fail "apt-get -s install cannot satisfy the package's Depends"; }
  grep -q "^Inst gpolint" "$work/apt-sim.log" || { cat "$work/apt-sim.log"; fail "apt-get -s install would not install gpolint"; }
  echo "ok: apt-get -s install $(basename "$deb") resolves"
fi
check_installed "$work/root/usr" "$work"
