# bash completion for drslint. Installed by `cmake --install` into
# share/bash-completion/completions/drslint; cli_test fails when an option of `drslint --help` is
# missing here.
_drslint()
{
    local cur prev
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    local options="-h --help --version --format -o --output -q --quiet --color --config --print-config
        --fail-severity --write-baseline --fix --unsafe-fixes --diff --include --exclude --no-ignore --stdin-filename --jsonl --jobs
        --response --context --cross-check --no-cross-check --max-input --max-depth --max-string --max-findings"
    if [[ ${COMP_CWORD} -eq 2 && ${COMP_WORDS[1]} == explain ]]; then
        COMPREPLY=($(compgen -W "$(drslint rules 2>/dev/null | cut -d' ' -f1)" -- "$cur"))
        return
    fi
    if [[ ${COMP_WORDS[1]} == rules ]]; then
        case "$prev" in
            --format) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
            *) COMPREPLY=($(compgen -W "--format" -- "$cur")) ;;
        esac
        return
    fi
    case "$prev" in
        --format) COMPREPLY=($(compgen -W "text json sarif github junit" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --fail-severity) COMPREPLY=($(compgen -W "error warning info" -- "$cur")); return ;;
        --response) COMPREPLY=($(compgen -W "200 400" -- "$cur")); return ;;
        --jobs|--max-input|--max-depth|--max-string|--max-findings|--include|--exclude|--stdin-filename) return ;;
        -o|--output|--config|--print-config|--write-baseline|--context)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    elif [[ ${COMP_CWORD} -eq 1 ]]; then
        COMPREPLY=($(compgen -W "rules explain lsp schema" -- "$cur") $(compgen -f -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _drslint drslint
