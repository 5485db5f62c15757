#!/bin/bash
# The bad-input matrix: inputs a linter meets in the wild (empty, binary,
# broken or foreign encodings, huge or deeply nested text, odd file names,
# special files). Each case runs twice: alone, where its exit status and a
# message or finding are checked, and followed by good.txt, whose finding
# must still be reported (unless the case is a configuration error, which
# stops the run before any file is read). Big inputs are generated here,
# in a temporary directory. Every run is bounded by a timeout: a hang is a
# failure.
# Usage: tests/badinput/run.sh MTLINT [--table]   (--table prints each case's
# exit status and the line of output that matched, for the record)
set -u
mtlint=${1:?usage: run.sh MTLINT [--table]}
table=${2:-}
case "$mtlint" in /*) ;; *) mtlint="$(pwd)/$mtlint" ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
umask 022

# ---- inputs ----
good='good.txt:1:5: warning: '"'"'the'"'"' is repeated'
printf 'And the the rest.\n' >good.txt
: >empty.txt
printf 'It was\0 fine.\n' >nul.txt
printf 'Stray \x80 continuation.\n' >stray.txt
printf 'Overlong \xc0\xaf slash.\n' >overlong.txt
printf 'Surrogate \xed\xa0\x80 encoded.\n' >surrogate.txt
printf 'Truncated at the end \xe2\x80' >truncated.txt
printf 'Bytes \xf5\xf8\xfe\xff here.\n' >f5ff.txt
printf 'Seg\xc3\xban it was was \x80 fine.\n' >mixed.txt
for enc in UTF-16LE UTF-16BE UTF-32LE UTF-32BE; do
    printf 'It was was fine.\n' | iconv -t "$enc" >"$enc-nobom.txt"
    case $enc in
    UTF-16LE) bom='\377\376' ;; UTF-16BE) bom='\376\377' ;;
    UTF-32LE) bom='\377\376\0\0' ;; UTF-32BE) bom='\0\0\376\377' ;;
    esac
    { printf "$bom"; cat "$enc-nobom.txt"; } >"$enc-bom.txt"
done
{ echo 'Start.'; yes '' | head -n 1000000; echo 'It was was fine.'; } >blank.txt
# old Mac line ends: CR only, 2 million lines (a line table search made this quadratic)
{ printf 'Start.\r'; yes x | head -n 2000000 | tr '\n' '\r'; printf 'It was was fine.\r'; } >cr.txt
{ for _ in $(seq 10000); do printf '> '; done; echo 'It was was fine.'; } >deep.md
# 100,000 quotations opened in one paragraph, never closed
{ yes 'He said “no. ' | head -n 100000 | tr -d '\n'; printf '\n\nIt was was fine.\n'; } >curly.txt
{ yes 'He said "no. ' | head -n 100000 | tr -d '\n'; printf '\n\nIt was was fine.\n'; } >straight.txt
printf 'It was was fine.\n' >'with space.txt'
printf 'It was was fine.\n' >./-dash.txt
printf 'It was was fine.\n' >"$(printf 'new\nline.txt')"
printf 'It was was fine.\n' >"$(printf 'latin\xe9.txt')"
ln -s loop-b.txt loop-a.txt
ln -s loop-a.txt loop-b.txt
mkdir scan-fifo scan-loop
printf 'It was was fine.\n' >scan-fifo/ok.txt && mkfifo scan-fifo/pipe.txt
printf 'It was was fine.\n' >scan-loop/ok.txt && ln -s self-b.txt scan-loop/self-a.txt && ln -s self-a.txt scan-loop/self-b.txt
mkfifo fed.txt
printf 'It was was fine.\n' >locked.txt && chmod 000 locked.txt
mkdir locked-dir && printf 'It was was fine.\n' >locked-dir/a.txt && chmod 000 locked-dir
mkdir adir
# .vale.ini files: a TokenIgnores that does not compile, a BlockIgnores
# over a whole file, a vocabulary whose lists are empty
mkdir -p styles/config/vocabularies/Empty
: >styles/config/vocabularies/Empty/accept.txt
: >styles/config/vocabularies/Empty/reject.txt
printf 'StylesPath = styles\n[*]\nTokenIgnores = ([bad\n' >badtok.ini
printf 'StylesPath = styles\n[ignored.txt]\nBlockIgnores = (?s).*\n' >blockall.ini
printf 'StylesPath = styles\nVocab = Empty\n[*]\nBasedOnStyles = Vale\n' >emptyvocab.ini
printf 'It was was fine.\n' >ignored.txt
# a pattern that backtracks without end on lines of x ending in '!'
printf 'StylesPath = styles\n[*]\nTokenIgnores = (?m)^(x+x+)+$\n' >redos.ini
{ printf 'It was was fine.\n'; for _ in 1 2 3; do printf 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx!\n'; done; } >redos.txt
printf 'It was was fine.\n' >vale.txt
# one line of 10 MiB without a newline, as one segment (--markup lines)
{ yes 'It was fine. ' | tr -d '\n' | head -c 10485760; printf 'It was was fine.'; } >huge-line.txt
yes '' | head -n 1000000 >newlines.txt
# UTF-16LE with a BOM and a lone high surrogate before "cat" (byte 10)
printf '\377\376T\0h\0e\0 \0\0\330c\0a\0t\0 \0w\0a\0s\0 \0w\0a\0s\0.\0\n\0' >lone-surrogate.txt

# Root reads anything: the unreadable cases run as nobody when we are root.
as_user=""
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
        as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
        chmod 755 "$tmp"
    else
        as_user=skip
    fi
fi

# ---- the matrix ----
# name | exit alone | substring of stdout+stderr alone | good.txt checked too? | arguments
# (arguments are shell words; with good=y, good.txt is added after them)
was=": warning: 'was' is repeated; delete one [MT.DoubledWord]"
cases=$(cat <<CASES
empty          |0|(no output)|y| empty.txt
nul            |2|mtlint: nul.txt: binary file (contains NUL bytes), not checked|y| nul.txt
stray-cont     |1|stray.txt:1:7: warning: file is not valid UTF-8; read as windows-1252|y| stray.txt
overlong       |1|overlong.txt:1:10: warning: file is not valid UTF-8; read as windows-1252|y| overlong.txt
surrogate      |1|surrogate.txt:1:11: warning: file is not valid UTF-8; read as windows-1252|y| surrogate.txt
truncated-eof  |1|truncated.txt:1:22: warning: file is not valid UTF-8; read as windows-1252|y| truncated.txt
bytes-f5-ff    |1|f5ff.txt:1:7: warning: file is not valid UTF-8; read as|y| f5ff.txt
mixed-utf8     |1|mixed.txt:1:18: warning: file is not valid UTF-8; read as UTF-8 with windows-1252 bytes|y| mixed.txt
mixed-utf8-find|1|mixed.txt:1:10$was|y| mixed.txt
utf16le-bom    |1|UTF-16LE-bom.txt:1:4$was|y| UTF-16LE-bom.txt
utf16be-bom    |1|UTF-16BE-bom.txt:1:4$was|y| UTF-16BE-bom.txt
utf32le-bom    |1|UTF-32LE-bom.txt:1:4$was|y| UTF-32LE-bom.txt
utf32be-bom    |1|UTF-32BE-bom.txt:1:4$was|y| UTF-32BE-bom.txt
utf16le-nobom  |1|UTF-16LE-nobom.txt:1:1: warning: file is not valid UTF-8; read as UTF-16LE|y| UTF-16LE-nobom.txt
utf16be-nobom  |1|UTF-16BE-nobom.txt:1:4$was|y| UTF-16BE-nobom.txt
utf32le-nobom  |1|UTF-32LE-nobom.txt:1:1: warning: file is not valid UTF-8; read as UTF-32LE|y| UTF-32LE-nobom.txt
utf32be-nobom  |1|UTF-32BE-nobom.txt:1:4$was|y| UTF-32BE-nobom.txt
blank-1m       |1|blank.txt:1000002:4$was|y| blank.txt
cr-lines-2m    |1|cr.txt:2000002:4$was|y| cr.txt
quotes-deep    |1|deep.md:1:20004$was|y| deep.md
curly-100k     |1|curly.txt:3:4$was|y| curly.txt
curly-100k-msg |1|curly.txt:1:9: warning: quotation opened here is not closed in its paragraph|y| curly.txt
straight-100k  |1|straight.txt:3:4$was|y| straight.txt
name-space     |1|with space.txt:1:4$was|y| 'with space.txt'
name-dash      |1|./-dash.txt:1:4$was|y| ./-dash.txt
name-dash-ddash|1|-dash.txt:1:4$was|y| -- -dash.txt
name-newline   |1|line.txt:1:4$was|y| "\$(printf 'new\nline.txt')"
name-latin1    |1|.txt:1:4$was|y| "\$(printf 'latin\351.txt')"
fifo-fed       |1|fed.txt:1:4$was|y| fed.txt
fifo-in-scan   |1|scan-fifo/ok.txt:1:4$was|y| scan-fifo
loop-named     |2|mtlint: loop-a.txt: Too many levels of symbolic links|y| loop-a.txt
loop-in-scan   |1|mtlint: scan-loop/self-a.txt: skipped: symbolic link to itself (a loop)|y| scan-loop
loop-in-scan-ok|1|scan-loop/ok.txt:1:4$was|y| scan-loop
unreadable     |2|mtlint: locked.txt: Permission denied|y| locked.txt
unreadable-dir |2|mtlint: locked-dir: Permission denied|y| locked-dir
dir-as-stdin   |2|mtlint: -: is a directory|y| - <adir
dir-as-config  |2|mtlint: adir: cannot read configuration: Is a directory|n| --config adir good.txt
dir-as-words   |2|mtlint: cannot read word list adir: Is a directory|n| --words adir good.txt
missing        |2|mtlint: absent.txt: No such file or directory|y| absent.txt
vale-bad-token |1|mtlint: badtok.ini:3: warning: TokenIgnores '([bad': missing terminating ] for character class at offset 5; ignored|y| --vale-config badtok.ini vale.txt
vale-bad-token2|1|vale.txt:1:4$was|y| --vale-config badtok.ini vale.txt
vale-block-all |0|mtlint: ignored.txt: BlockIgnores cover all of its text: nothing in it was checked|y| --vale-config blockall.ini ignored.txt
vale-empty-vocab|1|mtlint: emptyvocab.ini: warning: the vocabularies have no terms: Vale.Terms and Vale.Avoid have nothing to check|y| --vale-config emptyvocab.ini vale.txt
vale-empty-voc2|1|vale.txt:1:4$was|y| --vale-config emptyvocab.ini vale.txt
lines-10mb     |1|huge-line.txt:1:10485764$was|y| --markup lines huge-line.txt
lines-10mb-text|1|huge-line.txt:1:10485764$was|y| huge-line.txt
newlines-only  |0|(no output)|y| --markup lines newlines.txt
newlines-auto  |0|(no output)|y| newlines.txt
vale-redos     |1|mtlint: redos.txt: TokenIgnores '(?m)^(x+x+)+$' gave up on this text (match limit exceeded)|y| --vale-config redos.ini redos.txt
vale-redos-find|1|redos.txt:1:4$was|y| --vale-config redos.ini redos.txt
lone-surrogate |1|lone-surrogate.txt:1:5: warning: file is not valid UTF-16LE at byte 10; read as U+FFFD [MT.Encoding]|y| lone-surrogate.txt
lone-surr-find |1|lone-surrogate.txt:1:10$was|y| lone-surrogate.txt
CASES
)

run() { # run ARGS...: stdout+stderr in $tmp/out, status in $rc
    case $name in fifo-fed) (printf 'It was was fine.\n' >fed.txt &) ;; esac
    prefix=""
    case $name in unreadable*) prefix=$as_user ;; esac
    eval "NO_COLOR=1 timeout 120 $prefix \"\$mtlint\" --no-config $*" >out 2>&1
    rc=$?
}

pass=0 fail=0 skip=0
[ "$table" = --table ] && printf '| case | exit | output (the line checked) |\n|---|---|---|\n'
while IFS='|' read -r name want expect withgood args; do
    name=${name%% *}
    [ -n "$name" ] || continue
    expect=$(printf '%s' "$expect" | sed 's/^ *//; s/ *$//')
    case $name in unreadable*)
        if [ "$as_user" = skip ]; then
            echo "badinput $name: skipped (running as root without setpriv: every file is readable)"
            skip=$((skip + 1))
            continue
        fi ;;
    esac
    problems=""
    run "$args"
    [ "$rc" = 124 ] && problems="$problems; timed out"
    [ "$rc" = "$want" ] || problems="$problems; exit $rc, expected $want"
    if [ "$expect" = "(no output)" ]; then
        [ -s out ] && problems="$problems; unexpected output"
    else
        grep -qF -- "$expect" out || problems="$problems; no '$expect' in the output"
    fi
    if [ "$table" = --table ]; then
        # the line that matched (or the first), non-printing bytes shown as cat -v does
        shown=$(grep -aF -- "$expect" out | head -1)
        [ -n "$shown" ] || shown=$(head -1 out)
        printf '| %s | %s | `%s` |\n' "$name" "$rc" "$(printf '%s' "$shown" | cut -c1-110 | cat -v)"
    fi
    if [ "$withgood" = y ]; then
        run "$args" good.txt
        # a finding or an input error gives 1 or 2; the worse one wins
        both=1
        [ "$want" = 2 ] && both=2
        [ "$rc" = "$both" ] || problems="$problems; with good.txt: exit $rc, expected $both"
        [ "$expect" = "(no output)" ] || grep -qF -- "$expect" out || problems="$problems; with good.txt: no '$expect'"
        grep -qF -- "$good" out || problems="$problems; good.txt was not checked after it"
    fi
    if [ -z "$problems" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "badinput $name: ${problems#; }"
        sed 's/^/    /' out | head -5
    fi
done <<EOF2
$cases
EOF2
# ---- the compiled rule cache (MTLINT_RULE_CACHE) ----
# Whatever stands in its place, the findings are those of a run with the
# build's cache, and stderr is one note that says why it was not used.
cache=$root/build/dict/rules.mtrc
sample=$root/tests/samples/summit-es.txt
if [ ! -f "$cache" ] || [ ! -f "$sample" ]; then
    echo "badinput cache-*: skipped (no $cache: run make)"
    skip=$((skip + 1))
else
    NO_COLOR=1 timeout 120 "$mtlint" --no-config --source es "$sample" >want-out 2>want-err
    wrc=$?
    [ -s want-err ] && { echo "badinput cache-*: a note with the build's own cache:"; cat want-err; fail=$((fail + 1)); }
    : >c-empty.mtrc
    head -c 100 "$cache" >c-cut.mtrc
    head -c "$(($(wc -c <"$cache") / 2))" "$cache" >c-half.mtrc
    # the code key (after the magic and two 32-bit fields) of another build
    { head -c 16 "$cache"; printf 'x'; tail -c +18 "$cache"; } >c-stale.mtrc
    head -c 4096 /dev/urandom >c-random.mtrc
    cp "$cache" c-locked.mtrc && chmod 000 c-locked.mtrc
    mkdir c-dir && mkfifo c-fifo
    unusable="the rules are compiled from their YAML files (slower)"
    while IFS='|' read -r name file note; do
        name=${name%% *} file=${file%% *}
        [ -n "$name" ] || continue
        prefix=""
        if [ $name = cache-locked ]; then
            if [ "$as_user" = skip ]; then
                echo "badinput $name: skipped (running as root without setpriv: every file is readable)"
                skip=$((skip + 1))
                continue
            fi
            prefix=$as_user
        fi
        MTLINT_RULE_CACHE=$file NO_COLOR=1 timeout 120 $prefix "$mtlint" --no-config --source es "$sample" >out 2>err
        rc=$?
        problems=""
        [ "$rc" = 124 ] && problems="$problems; timed out"
        [ "$rc" = "$wrc" ] || problems="$problems; exit $rc, expected $wrc"
        cmp -s out want-out || problems="$problems; findings differ from a run with the build's cache"
        [ "$(wc -l <err)" = 1 ] || problems="$problems; $(wc -l <err) lines on stderr, expected one note"
        grep -qF -- "mtlint: note: compiled rule cache $file $note" err || problems="$problems; no '$note' note"
        grep -qF -- "$unusable" err || problems="$problems; the note does not say what follows"
        if [ -z "$problems" ]; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "badinput $name: ${problems#; }"
            sed 's/^/    /' err | head -5
        fi
    done <<CACHES
cache-missing |c-absent.mtrc|is missing
cache-empty   |c-empty.mtrc |is unreadable (not a rule cache: empty, cut short or damaged)
cache-cut     |c-cut.mtrc   |is unreadable (not a rule cache: empty, cut short or damaged)
cache-half    |c-half.mtrc  |is unreadable (not a rule cache: empty, cut short or damaged)
cache-random  |c-random.mtrc|is unreadable (not a rule cache: empty, cut short or damaged)
cache-stale   |c-stale.mtrc |was written by another build
cache-locked  |c-locked.mtrc|is unreadable (Permission denied)
cache-dir     |c-dir        |is unreadable (not a regular file)
cache-fifo    |c-fifo       |is unreadable (not a regular file)
CACHES
fi

echo "badinput: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
