# bash completion for actnet (installed as
# share/bash-completion/completions/actnet).
#
# Commands, then each command's long options as its own --help lists them
# (so that the completion knows exactly the options this actnet has), the
# fixed values of the options that take one, and file names elsewhere.

_actnet() {
  local cur prev cmd words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cword=$COMP_CWORD
  }
  local commands="build rank entities events check-rules extract merge report help"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi
  cmd=${COMP_WORDS[1]}
  if [ "$cmd" = help ]; then
    COMPREPLY=($(compgen -W "${commands% help}" -- "$cur"))
    return
  fi
  local measures="degree strength betweenness closeness harmonic pagerank
    eigenvector coreness indegree outdegree instrength outstrength hub
    authority hostility_sent hostility_received cooperation_sent
    cooperation_received"
  case "$prev" in
    --network) COMPREPLY=($(compgen -W "cooccurrence acts-on" -- "$cur")); return ;;
    --window) COMPREPLY=($(compgen -W "sentence paragraph document" -- "$cur")); return ;;
    -f|--format)
      if [ "$cmd" = rank ]; then
        COMPREPLY=($(compgen -W "table csv tsv json" -- "$cur"))
      elif [ "$cmd" = entities ] || [ "$cmd" = events ]; then
        COMPREPLY=($(compgen -W "tsv jsonl" -- "$cur"))
      elif [ "$cmd" = merge ]; then
        COMPREPLY=($(compgen -W "graphml gexf dot json csv csv-nodes csv-edges partial" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "graphml gexf dot json csv csv-nodes csv-edges" -- "$cur"))
      fi
      return ;;
    --by|--size-by|--measures) COMPREPLY=($(compgen -W "$measures" -- "$cur")); return ;;
    --types|--type) COMPREPLY=($(compgen -W "person organisation country" -- "$cur")); return ;;
    --color-by) COMPREPLY=($(compgen -W "type community" -- "$cur")); return ;;
    --communities) COMPREPLY=($(compgen -W "leiden louvain none" -- "$cur")); return ;;
    --negated|--hedged|--media) COMPREPLY=($(compgen -W "include exclude" -- "$cur")); return ;;
    --time-bin) COMPREPLY=($(compgen -W "day week month" -- "$cur")); return ;;
    --layout) COMPREPLY=($(compgen -W "auto fr drl none" -- "$cur")); return ;;
    --sample) COMPREPLY=($(compgen -W "auto all" -- "$cur")); return ;;
    --rules) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    local opts
    opts=$("${COMP_WORDS[0]}" "$cmd" --help 2>/dev/null |
      grep -o -- '--[a-z][a-z-]*' | sort -u)
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _actnet actnet
