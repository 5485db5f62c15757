# bash completion for mtlint: options, their values, and rule ids (asked
# of mtlint itself, so rule sets added with --rules or later show up).
_mtlint_rule_ids() {
    local ids
    ids=$("${COMP_WORDS[0]}" --list-rules --format json 2>/dev/null | grep -o '"id":"[^"]*"' | cut -d'"' -f4)
    # whole sets too: EsEn for EsEn.Titles
    { printf '%s\n' $ids; printf '%s\n' $ids | cut -d. -f1; } | sort -u
}

_mtlint() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        -f|--format) COMPREPLY=($(compgen -W "text json jsonl sarif github checkstyle html vale-json vale-line" -- "$cur")); return ;;
        --fail-level) COMPREPLY=($(compgen -W "error warning info none" -- "$cur")); return ;;
        --min-severity) COMPREPLY=($(compgen -W "error warning info" -- "$cur")); return ;;
        -s|--source) COMPREPLY=($(compgen -W "es fr pt it de zh ja ko ru ar" -- "$cur")); return ;;
        --markup) COMPREPLY=($(compgen -W "auto text markdown html lines" -- "$cur")); return ;;
        --quote-punctuation) COMPREPLY=($(compgen -W "american logical" -- "$cur")); return ;;
        --quote-style) COMPREPLY=($(compgen -W "us uk" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --dialect) COMPREPLY=($(compgen -W "auto en_US en_GB any" -- "$cur")); return ;;
        --align) COMPREPLY=($(compgen -W "auto lines paragraphs" -- "$cur")); return ;;
        --consistency) COMPREPLY=($(compgen -W "file run" -- "$cur")); return ;;
        --dict) COMPREPLY=($(compgen -W "en_US en_GB" -- "$cur")); return ;;
        -e|--enable|-d|--disable)
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$(_mtlint_rule_ids)" -- "$cur")); return ;;
        -r|--rules) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        -c|--config|-w|--words|--stdin-filename|--files-from|--source-file|--glossary|--vale-config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --source-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        -j|--jobs|--ext|--min-score) return ;;
    esac
    if [[ $cur == -* ]]; then
        # the options as --help lists them
        COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" --help 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _mtlint mtlint
