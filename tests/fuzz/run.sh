#!/bin/sh
# Runs the libFuzzer targets built by `make fuzz`, each for SECONDS, on a
# corpus kept in build/fuzz/corpus/<target> and seeded from the repository
# (test inputs, rule files, configurations, and the inputs that once made
# a target fail: tests/fuzz/reproducers/<target>, taken as they are). Prints each target's
# executions per second; fails on the first crash, leak or timeout (the
# reproducer is left in build/fuzz/).
# With --smoke (make test's short run) the corpus starts empty each time,
# so that the run lasts SECONDS however much a long run has gathered.
# Usage: tests/fuzz/run.sh [--smoke] SECONDS TARGET...
set -u
corpora=corpus
if [ "${1:-}" = --smoke ]; then
    corpora=smoke-corpus
    shift
fi
secs=${1:?usage: run.sh [--smoke] SECONDS TARGET...}
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
fz=build/fuzz

# Seeds get names from their prefix and paths, so that files of the same
# name, or one file with two prefixes, differ.
seed() { # seed DIR PREFIX FILE...
    d=$1 pre=$2
    shift 2
    tag=$(printf "$pre" | od -An -tx1 | tr -d ' \n')
    for f in "$@"; do
        [ -f "$f" ] || continue
        out="$d/${tag}_$(printf '%s' "$f" | tr '/' '_')"
        { printf "$pre"; cat "$f"; } >"$out"
    done
}

status=0
for t in "$@"; do
    seeds=$fz/seeds/$t corpus=$fz/$corpora/$t
    rm -rf "$seeds"
    [ $corpora = smoke-corpus ] && rm -rf "$corpus"
    mkdir -p "$seeds" "$corpus"
    # a rule file can be long; a document of 4 KB reaches every check at
    # a few times the speed of 8 KB
    maxlen=4096 extra=
    case $t in
    engine) # the first byte chooses the file name (bits 0-1: txt, md, html,
        # none), the engine (bits 2-3: auto, --markup lines, ignores,
        # lines+ignores+logical quotes) and the report format (the rest,
        # modulo 7: text json sarif github checkstyle html vale-json)
        txt=$(find tests/data tests/samples -type f -name '*.txt' -size -64k)
        seed "$seeds" '\000' $txt
        seed "$seeds" '\004' $txt
        seed "$seeds" '\124' $(find tests/samples -type f -name '*.txt' -size -64k)
        seed "$seeds" '\001' $(find tests/data tests/samples -type f -name '*.md' -size -64k)
        seed "$seeds" '\131' $(find tests/data tests/samples -type f -name '*.md' -size -64k)
        seed "$seeds" '\002' $(find tests/data tests/samples tests/golden -type f -name '*.html' -size -64k)
        seed "$seeds" '\020' $(find tests/golden -type f -name stdin -size -64k)
        seed "$seeds" '\003' $(find tests/golden -type f -name stdin -size -64k)
        seed "$seeds" '\010' tests/fuzz/seeds/engine/*
        seed "$seeds" '\014' tests/fuzz/seeds/engine/*
        seed "$seeds" '\001' README.md rules/README.md ;;
    rules) seed "$seeds" '' $(find rules tests/data/rules tests/fuzz/seeds/rules tests/golden -type f -name '*.yml' \
              ! -name '.mtlint.yml' ! -name 'args')
        maxlen=8192 ;;
    config) # the first byte: even a .mtlint.yml, odd a .vale.ini
        seed "$seeds" '\000' $(find tests/data tests/fuzz/seeds/config -type f \( -name '.mtlint.yml' -o -name '*.yml' \) \
              ! -path '*/rules/*')
        seed "$seeds" '\001' $(find tests/golden tests/fuzz/seeds/config -type f \( -name '.vale.ini' -o -name '*.ini' \)) ;;
    segment) # the first byte: even, the rest is one block as it is; odd,
        # a document (bits 1-2: text, Markdown, HTML, lines); bits 3-4 the
        # locale (en, es, fr, de)
        txt=$(find tests/data tests/samples -type f -name '*.txt' -size -64k)
        seed "$seeds" '\000' $txt
        seed "$seeds" '\001' $txt
        for pre in '\000' '\001' '\010' '\011' '\020' '\021'; do seed "$seeds" "$pre" tests/fuzz/seeds/segment/*; done
        seed "$seeds" '\003' $(find tests/data tests/samples -type f -name '*.md' -size -64k)
        seed "$seeds" '\005' $(find tests/data tests/samples tests/golden -type f -name '*.html' -size -64k)
        seed "$seeds" '\007' $(find tests/golden -type f -name stdin -size -64k) ;;
    rcache) # the first byte chooses the reader (fuzz_rcache.c); the harness
        # writes its seeds (MTL_FUZZ_SEEDS), from a cache of its own: the
        # shipped rules' file (3 MB) is too large to mutate. Without
        # libFuzzer's comparison feedback, which copies the check value a
        # record is compared with into the record: a forged check is no
        # damage a checksum can refuse (the readers' safety is fuzzed
        # directly, first bytes 0 and 1)
        extra=-use_cmp=0
        maxlen=16384 ;;
    *) echo "run.sh: unknown fuzz target '$t'" >&2; exit 2 ;;
    esac
    # a target's dictionary of tokens, if it has one
    dict=
    [ -f tests/fuzz/$t.dict ] && dict=-dict=tests/fuzz/$t.dict
    # inputs that once failed, as they were (their first byte included)
    [ -d tests/fuzz/reproducers/$t ] && for f in tests/fuzz/reproducers/$t/*; do cp "$f" "$seeds/repro_${f##*/}"; done
    nseeds="$(ls "$seeds" | wc -l) seeds"
    [ $t = rcache ] && nseeds="seeds from the harness"
    echo "fuzz $t: ${secs}s, $nseeds, $(ls "$corpus" | wc -l) in the corpus"
    UBSAN_OPTIONS=print_stacktrace=1 MTL_FUZZ_SEEDS=$root/$seeds MTL_FUZZ_RULES=$root/rules MTL_FUZZ_DICTS=$root/dictionaries \
        "$fz/fuzz_$t" -max_total_time="$secs" -max_len=$maxlen -timeout=30 -print_final_stats=1 $dict $extra \
        -artifact_prefix="$fz/$t-" "$corpus" "$seeds" >"$fz/$t.log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$fz/$t.log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$fz/$t.log")
    if [ $rc = 0 ]; then
        echo "fuzz $t: ok, ${runs:-?} executions, ${rate:-?}/s, $(ls "$corpus" | wc -l) in the corpus"
    else
        echo "fuzz $t: FAILED (exit $rc); log in $fz/$t.log:"
        grep -A30 -m1 -E '^==[0-9]+==ERROR|runtime error|^ALARM|deadly signal' "$fz/$t.log" | head -40
        status=1
    fi
done
exit $status
