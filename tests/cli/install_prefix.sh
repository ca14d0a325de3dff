#!/usr/bin/env bash
# `cmake --install BUILD --prefix P` gives a gpolint that runs on its own: binary, rule packs, rule pages,
# man page, bash/zsh completion and LICENSE under P, and checks a copy of examples/ from another folder.
# Usage: install_prefix.sh GPOLINT_BINARY REPO_DIR BUILD_DIR
set -uo pipefail
repo=$2 build=$3
. "$repo/tests/cli/lib/common.sh"
fresh_work install-prefix-test
. "$repo/tests/cli/lib/installed_gpolint.sh"

cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install"; }
check_installed "$work/prefix" "$work"
