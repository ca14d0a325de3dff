# bash completion for gpolint (installed as share/bash-completion/completions/gpolint).
_gpolint() {
  local cur prev cmd
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  cmd=${COMP_WORDS[1]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "check explain dump rules --help --version" -- "$cur"))
    return
  fi
  case $prev in
    --format)
      case $cmd in
        check) COMPREPLY=($(compgen -W "text json sarif github html" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
      esac
      return ;;
    --fail-on) COMPREPLY=($(compgen -W "error warning note never" -- "$cur")); return ;;
    --color|--progress) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --rules) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --select|--ignore|--role|--som|--setting|--jobs|-j|--threads|--exclude) return ;;
  esac
  if [[ $cur == -* ]]; then
    case $cmd in
      check) COMPREPLY=($(compgen -W "--format --output -o --select --ignore --fail-on --topology --role --rules
        --config --suppressions --baseline --write-baseline --no-inline-suppressions --fix --diff --unsafe-fixes
        --color --progress --parse-only --jobs -j --files-from --changed --exclude --quiet -q --statistics --help" -- "$cur")) ;;
      explain) COMPREPLY=($(compgen -W "--som --list-soms --setting --format --topology --role --config --exclude --help" -- "$cur")) ;;
      dump) COMPREPLY=($(compgen -W "--format --topology --jobs -j --exclude --help" -- "$cur")) ;;
      rules) COMPREPLY=($(compgen -W "--format --rules --help" -- "$cur")) ;;
    esac
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _gpolint gpolint
