# Shared by the pre-commit tests (sourced): the real pre-commit, git, and a `repo: local` configuration
# made from the repository's own .pre-commit-hooks.yaml, so the tests run exactly what users get.

# need_precommit WORK: installs pre-commit with apt-get when missing; exits 77 (skip) saying why if it can't.
need_precommit() {
  if ! command -v pre-commit >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      { apt-get -o DPkg::Lock::Timeout=600 update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends pre-commit; } >"$1/apt.log" 2>&1 || true
    fi
    command -v pre-commit >/dev/null 2>&1 || {
      echo "SKIP: pre-commit is not installed and could not be installed with apt-get (need root and network: apt-get install pre-commit)"
      exit 77
    }
  fi
  command -v git >/dev/null 2>&1 || { echo "SKIP: git is not installed"; exit 77; }
  export PRE_COMMIT_HOME="$1/cache"
  export GIT_AUTHOR_NAME=gpolint GIT_AUTHOR_EMAIL=gpolint@example.invalid
  export GIT_COMMITTER_NAME=gpolint GIT_COMMITTER_EMAIL=gpolint@example.invalid
}

# local_hook_config HOOKS_YAML OUT: the hooks of HOOKS_YAML as a `repo: local` .pre-commit-config.yaml.
local_hook_config() {
  python3 - "$1" "$2" <<'PY'
import sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, open(sys.argv[2], "w"), sort_keys=False)
PY
  [ -s "$2" ] || { echo "FAIL: could not build $2"; exit 1; }
}
