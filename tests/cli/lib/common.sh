# Shared by the CLI tests (sourced after `gpolint=… repo=… build=…`): a fresh work folder and fail().

# fresh_work NAME: $work = BUILD/NAME, emptied.
fresh_work() {
  work="$build/$1"
  rm -rf "$work"
  mkdir -p "$work"
}

fail() { echo "FAIL: $*"; exit 1; }
