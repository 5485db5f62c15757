#!/bin/bash
# Output tests that need a real pipe, a real editor or the object files,
# which the golden cases (one command, its stdout, stderr and status)
# cannot express:
#   - a reader that goes away (mtlint ... | head): quiet, but the exit
#     status still tells of every finding and every unreadable input;
#   - vim's quickfix list read through docs/vim/compiler/mtlint.vim lands
#     on the finding, on a line with curly quotes and accents;
#   - the rule and config loaders do not depend on the reporters.
# Usage: tests/output/run.sh MTLINT [OBJDIR]   (OBJDIR: where libmtlint.a is)
set -u
mtlint=${1:?usage: run.sh MTLINT [OBJDIR]}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
case "$mtlint" in /*) ;; *) mtlint="$root/$mtlint" ;; esac
objdir=${2:-build}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "output: $*"; }

# ---- a closed standard output ----

# Started with stdout closed (`mtlint ... >&-`): a report that cannot be
# written is an error, and --fix still writes the article, and only it.
printf 'It was the the end.\n' >"$tmp/closed.txt"
cp "$tmp/closed.txt" "$tmp/closed-fix.txt"
"$mtlint" --no-spell "$tmp/closed.txt" >&- 2>"$tmp/err"
got=$?
if [ "$got" != 2 ] || ! grep -q '^mtlint: cannot write report: Bad file descriptor$' "$tmp/err"; then
    bad "closed stdout: exit $got, stderr: $(head -2 "$tmp/err")"
else
    ok
fi
"$mtlint" --no-spell --fix -q "$tmp/closed-fix.txt" >&- 2>/dev/null
if [ "$(cat "$tmp/closed-fix.txt")" != "It was the end." ]; then
    bad "closed stdout, --fix: the file holds: $(head -c 200 "$tmp/closed-fix.txt")"
else
    ok
fi

# ---- a closed pipe ----

# Enough findings that the report is far larger than a pipe's buffer: the
# reader (head -c1) is gone long before mtlint is done writing.
yes 'It was the the end.' | head -n 30000 >"$tmp/big.txt"
cp "$tmp/big.txt" "$tmp/big2.txt"
size=$("$mtlint" --no-spell "$tmp/big.txt" | wc -c)
[ "$size" -gt 1000000 ] || bad "the big input gives only $size bytes of report"

# name | expected status | arguments (run from the repository root)
pipe_cases=(
  "findings at the fail level|1|--no-spell $tmp/big.txt"
  "a missing file after the close|2|--no-spell $tmp/big.txt nosuch.txt"
  "a missing file, json|2|--no-spell -f json $tmp/big.txt nosuch.txt"
  "findings, sarif|1|--no-spell -f sarif $tmp/big.txt"
  "findings, github|1|--no-spell -f github $tmp/big.txt"
  "findings, checkstyle|1|--no-spell -f checkstyle $tmp/big.txt"
  "two workers and a missing file|2|--no-spell -j 2 $tmp/big.txt $tmp/big2.txt nosuch.txt"
  "findings on stdin|1|--no-spell -"
  "findings below the fail level|0|--no-spell --fail-level error $tmp/big.txt"
  "fail level none|0|--no-spell --fail-level none $tmp/big.txt"
)
for c in "${pipe_cases[@]}"; do
    IFS='|' read -r name want args <<<"$c"
    # shellcheck disable=SC2086  # args are words
    NO_COLOR=1 "$mtlint" $args <"$tmp/big.txt" 2>"$tmp/err" | head -c1 >/dev/null
    got=${PIPESTATUS[0]}
    # quiet: at most the missing file is named (text format), no write error
    noise=$(grep -v '^mtlint: nosuch.txt: No such file or directory$' "$tmp/err" | head -3)
    if [ "$got" != "$want" ]; then
        bad "closed pipe, $name: exit $got, expected $want"
    elif [ -n "$noise" ]; then
        bad "closed pipe, $name: unexpected stderr: $noise"
    else
        ok
    fi
done

# ---- every number of workers reports the same, in input order ----

# The calling thread is a worker too and reports, between its own files,
# those done in order; whatever the number of workers, the report and the
# messages must be -j 1's, byte for byte.
mapfile -t many < <(find tests/samples tests/data -type f \( -name '*.txt' -o -name '*.md' \) | LC_ALL=C sort)
NO_COLOR=1 "$mtlint" -j 1 -f json --fail-level none "${many[@]}" >"$tmp/j1.json" 2>"$tmp/j1.err"
files_in=$(grep -c '"path":' "$tmp/j1.json")
[ "$files_in" -ge 100 ] || bad "workers: the -j 1 report names only $files_in files"
# (the default -j: one worker per CPU, its threads started before the
# session opens, as are -j N's)
for j in 2 3 8 default; do
    jobs=(-j "$j")
    [ "$j" = default ] && jobs=()
    NO_COLOR=1 "$mtlint" "${jobs[@]}" -f json --fail-level none "${many[@]}" >"$tmp/jn.json" 2>"$tmp/jn.err"
    if ! cmp -s "$tmp/j1.json" "$tmp/jn.json"; then
        bad "workers: the -j $j report differs from -j 1's"
    elif ! cmp -s "$tmp/j1.err" "$tmp/jn.err"; then
        bad "workers: -j $j says on stderr what -j 1 does not: $(diff "$tmp/j1.err" "$tmp/jn.err" | head -3)"
    else
        ok
    fi
done
# source-aware with a glossary of one's own, which every worker reads:
# the same findings, whoever checks which copy
mkdir -p "$tmp/pairs"
for k in 1 2 3 4 5 6; do
    cp tests/samples/source/story.txt "$tmp/pairs/story$k.txt"
    cp tests/samples/source/story.es.txt "$tmp/pairs/story$k.es.txt"
done
printf 'presidentes\tpresidents\nacuerdo de libre comercio\tfree-trade pact\n' >"$tmp/pairs/terms.tsv"
pairs=(--source es --glossary "$tmp/pairs/terms.tsv" "$tmp"/pairs/story?.txt)
NO_COLOR=1 "$mtlint" -j 1 -f json --fail-level none "${pairs[@]}" >"$tmp/j1.json" 2>&1
NO_COLOR=1 "$mtlint" -j 2 -f json --fail-level none "${pairs[@]}" >"$tmp/jn.json" 2>&1
if ! grep -q 'free-trade pact' "$tmp/j1.json"; then
    bad "workers: the glossary of one's own found nothing in the pairs"
elif cmp -s "$tmp/j1.json" "$tmp/jn.json"; then
    ok
else
    bad "workers: -j 2 with a glossary reports otherwise than -j 1"
fi
# more workers than files: the threads started for the others end unused
NO_COLOR=1 "$mtlint" -j 1 -f json --fail-level none "${many[0]}" >"$tmp/j1.json" 2>&1
NO_COLOR=1 "$mtlint" -j 8 -f json --fail-level none "${many[0]}" >"$tmp/jn.json" 2>&1
if cmp -s "$tmp/j1.json" "$tmp/jn.json" && grep -q '"path":' "$tmp/jn.json"; then ok; else bad "workers: -j 8 on one file reports otherwise than -j 1"; fi

# ---- vim reads the columns ----

if command -v vim >/dev/null 2>&1; then
    # what each finding's line:column is, and the text found there
    vim_cases=(
        "MT.DoubledWord|the the"
        "Quotes.Punctuation|’."
    )
    file=tests/data/vim/accents.txt
    for i in "${!vim_cases[@]}"; do
        IFS='|' read -r rule want <<<"${vim_cases[$i]}"
        n=$((i + 1))
        # :make runs the compiler file's makeprg (mtlint found on PATH);
        # :cc N jumps where vim's quickfix puts finding N
        # (timeout only guards against a vim waiting for input; nothing is timed)
        PATH="$(dirname "$mtlint"):$PATH" NO_COLOR=1 \
        timeout 120 vim -es -N -u NONE -i NONE --cmd "set rtp^=$root/docs/vim" \
            -c "edit $file" -c 'compiler mtlint' -c 'silent make --no-spell' -c "cc $n" \
            -c "call writefile([getqflist()[$n - 1].text, strpart(getline('.'), col('.') - 1)], '$tmp/vim')" \
            -c 'qa!' </dev/null >/dev/null 2>&1
        if [ ! -s "$tmp/vim" ]; then
            bad "vim: no quickfix entry $n for $file"
            continue
        fi
        text=$(sed -n 1p "$tmp/vim") at=$(sed -n 2p "$tmp/vim")
        rm -f "$tmp/vim"
        case "$text" in *"[$rule]") ;; *) bad "vim: entry $n is '$text', expected a $rule finding"; continue ;; esac
        case "$at" in "$want"*) ok ;; *) bad "vim: $rule: the cursor is on '$at', expected '$want…'" ;; esac
    done
else
    echo "output: vim is not installed: the quickfix test is skipped (make deps installs vim-nox)"
fi

# ---- the progress line of a long run ----

# On a terminal (script(1) gives the command one), a run of more than 50
# files draws "N/M files, ..." on stderr and takes it away at the end;
# never with -q, never when stderr is not a terminal, never in the report.
if command -v script >/dev/null 2>&1; then
    mkdir -p "$tmp/many"
    for i in $(seq 1 60); do printf 'It was the the end %d.\n' "$i" >"$tmp/many/f$i.txt"; done
    # name | command run on the terminal | whether a progress line shows
    progress_cases=(
      "60 files|'$mtlint' --no-spell '$tmp/many' >'$tmp/p.out'|yes"
      "60 files, -q|'$mtlint' --no-spell -q '$tmp/many' >'$tmp/p.out'|no"
      "60 files, stderr to a file|'$mtlint' --no-spell '$tmp/many' >'$tmp/p.out' 2>'$tmp/p.err'|no"
      "2 files|'$mtlint' --no-spell '$tmp/many/f1.txt' '$tmp/many/f2.txt' >'$tmp/p.out'|no"
    )
    for c in "${progress_cases[@]}"; do
        IFS='|' read -r name cmd want <<<"$c"
        rm -f "$tmp/p.err"
        script -qec "$cmd" "$tmp/p.ts" >/dev/null 2>&1
        ts=$(cat "$tmp/p.ts" "$tmp/p.err" 2>/dev/null)
        rest=${ts##*ETA }
        rest=${rest#"${rest%%[!0-9:]*}"}
        if grep -q $'\r\033\\[K\\|ETA' "$tmp/p.out"; then
            bad "progress, $name: the report holds the progress line"
        elif [ "$want" = yes ] && ! grep -q 'mtlint: [0-9]*/60 files, [0-9]* findings\?, ' "$tmp/p.ts"; then
            bad "progress, $name: no progress line on the terminal: $(tr '\r\033' '^^' <"$tmp/p.ts" | head -c 300)"
        elif [ "$want" = yes ] && [[ $rest != $'\r\033[K'* ]]; then
            bad "progress, $name: the line is not cleared at the end"
        elif [ "$want" = no ] && [[ $ts == *ETA* ]]; then
            bad "progress, $name: a progress line was drawn"
        else
            ok
        fi
    done
else
    echo "output: script(1) is not installed: the progress line test is skipped"
fi

# ---- the html report ----

# The runs the html tests look at. "A desk's day" is one article with
# findings among clean ones (files named DESK*), as a newsroom's folder is.
html_sample="--source es tests/samples/summit-es.txt"
html_several="--source es tests/samples/summit-es.txt tests/samples/quotes-layout.txt tests/samples/summit-es.md tests/data/encoding/empty.txt tests/data/output/segun-cp1252.txt tests/data/encoding/crlf.txt tests/data/encoding/utf16le.txt tests/data/encoding/bom.txt tests/data/encoding/binary.txt"
html_desk="--source es tests/samples/summit-es.txt DESK1 DESK2 DESK3 DESK4 DESK5 DESK6"
mkdir -p "$tmp/desk"
for k in 1 2 3 4 5 6; do cp tests/data/output/clean-article.txt "$tmp/desk/clean-$k.txt"; done
named="$tmp/a<b>&\"c'.txt"
cp tests/data/output/inject.txt "$named"
# html_args ARGS: the words of ARGS in argv, NAMED and DESKn replaced
html_args() {
    read -r -a argv <<<"$1"
    for k in "${!argv[@]}"; do
        case ${argv[$k]} in
        NAMED) argv[$k]=$named ;;
        DESK*) argv[$k]=$tmp/desk/clean-${argv[$k]#DESK}.txt ;;
        esac
    done
}

# The whole page, style and script included, stays under 3x the bytes of
# the JSON report of the same run: a file without findings is a row of
# the overview, an article shows its sentences with findings.
# --html-full-text shows every text, and the bound is not claimed for it;
# the page then holds the clean article's words.
html_size_cases=("the sample article|$html_sample" "quotes and layout|--source es tests/samples/quotes-layout.txt"
                 "several files|$html_several" "a desk's day|$html_desk")
for c in "${html_size_cases[@]}"; do
    IFS='|' read -r name args <<<"$c"
    html_args "$args"
    hs=$("$mtlint" "${argv[@]}" -f html 2>/dev/null | wc -c)
    js=$("$mtlint" "${argv[@]}" -f json 2>/dev/null | wc -c)
    if [ "$js" -gt 0 ] && [ "$hs" -lt $((3 * js)) ]; then ok; else bad "html, $name: the page is $hs bytes, its JSON $js (3x: $((3 * js)))"; fi
done
html_args "$html_desk"
full=$("$mtlint" "${argv[@]}" --html-full-text -f html 2>/dev/null)
short=$("$mtlint" "${argv[@]}" -f html 2>/dev/null)
want="Readers who borrowed books"
if [[ $full == *"$want"* && $short != *"$want"* && $short == *'clean-1.txt" data-score="100.0"'* ]]; then ok
else bad "html: --html-full-text does not show the clean article, or the default page does, or has no row for it"; fi

# Headless Chromium renders the report; html_check.py compares the DOM it
# built with the JSON report of the same run: one highlighted finding per
# JSON finding, each reading exactly its match, every file's data-path and
# data-score, and the injection article (markup and scripts in the text,
# the file name and a rule's message) leaves no element, attribute or
# running script behind. A screenshot of the sample's report goes to
# OBJDIR for a person to look at.
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ] && command -v python3 >/dev/null 2>&1; then
    sandbox=()
    [ "$(id -u)" = 0 ] && sandbox=(--no-sandbox)
    chrome() { timeout 120 "$browser" --headless "${sandbox[@]}" --disable-gpu --user-data-dir="$tmp/chrome" "$@" 2>/dev/null; }
    # name | check | mtlint arguments; "noscript": the page as written,
    # before any script runs (what a browser without scripts shows;
    # --dump-dom itself needs scripts), holds it all too
    html_cases=(
      "the sample article||$html_sample"
      "the sample article, no scripts|noscript|$html_sample"
      "several files||$html_several"
      "several files, no scripts|noscript|$html_several"
      "several files, full text||--html-full-text $html_several"
      "a desk's day||$html_desk"
      "the injection article|--inert|--rules tests/data/rules/html tests/data/output/inject.txt"
      "a file name with markup|--inert|--rules tests/data/rules/html NAMED"
    )
    for c in "${html_cases[@]}"; do
        IFS='|' read -r name check args <<<"$c"
        html_args "$args"
        "$mtlint" "${argv[@]}" -f html >"$tmp/r.html" 2>/dev/null
        "$mtlint" "${argv[@]}" -f json >"$tmp/r.json" 2>/dev/null
        if [ "$check" = noscript ]; then
            cp "$tmp/r.html" "$tmp/r.dom"
            check=
        else
            chrome --dump-dom "file://$tmp/r.html" >"$tmp/r.dom"
        fi
        if [ ! -s "$tmp/r.dom" ]; then
            bad "html, $name: chromium rendered nothing"
        elif python3 tests/output/html_check.py "$tmp/r.dom" "$tmp/r.json" $check; then
            ok
        else
            bad "html, $name: the page does not show the report (above)"
        fi
    done
    html_args "$html_sample"
    "$mtlint" "${argv[@]}" -f html >"$tmp/s.html"
    mkdir -p "$objdir"
    chrome --screenshot="$objdir/report.png" --window-size=1200,900 "file://$tmp/s.html" >/dev/null
    [ -s "$objdir/report.png" ] && ok || bad "html: no screenshot in $objdir/report.png"
else
    echo "output: chromium or python3 is not installed: the html browser test is skipped (make deps installs both)"
fi

# ---- layering: rules and configuration never reach the reporters ----

lib="$objdir/libmtlint.a"
if [ -f "$lib" ] && command -v nm >/dev/null 2>&1; then
    declare -A owner=()
    members=$(ar t "$lib")
    for m in $members; do
        for s in $(nm -P --defined-only "$objdir/$m" | awk '$2 ~ /^[TDBRC]$/ {print $1}'); do owner[$s]=$m; done
    done
    for start in $(printf '%s\n' $members | grep -E '^(rules.*|config)\.o$'); do
        declare -A seen=(["$start"]=1)
        todo=("$start")
        while [ ${#todo[@]} -gt 0 ]; do
            o=${todo[0]} todo=("${todo[@]:1}")
            for s in $(nm -P -u "$objdir/$o" | awk '{print $1}'); do
                d=${owner[$s]:-}
                [ -n "$d" ] && [ -z "${seen[$d]:-}" ] && { seen[$d]=1; todo+=("$d"); }
            done
        done
        reached=$(printf '%s\n' "${!seen[@]}" | grep '^report' | sort | tr '\n' ' ')
        if [ -n "$reached" ]; then bad "layering: $start reaches $reached"; else ok; fi
        unset seen
    done
else
    bad "layering: $lib not found"
fi

echo "output: $pass passed, $fail failed"
[ $fail = 0 ]
