#!/bin/bash
# make bench: throughput of mtlint over a corpus directory, best of 3 runs,
# pinned to one core, next to `cat` on the same files as a floor.
#   BENCH_CORPUS=dir: a directory of .txt/.md news articles (required)
#   BENCH_RUNS=3
set -u
mtlint=${1:?usage: bench.sh MTLINT}
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${BENCH_CORPUS:-}
runs=${BENCH_RUNS:-3}
if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
    echo "bench: no corpus${corpus:+ at $corpus}: set BENCH_CORPUS to a directory of news articles" >&2
    exit 2
fi
pin=""
command -v taskset >/dev/null 2>&1 && pin="taskset -c 0"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) | sort >"$tmp/files"
nfiles=$(wc -l <"$tmp/files")
bytes=$(xargs cat <"$tmp/files" | wc -c)

# Best of $runs runs of the command in "$@": CPU seconds (user + system,
# which other load on the machine barely changes) and wall seconds.
best() {
    bc="" bw=""
    for ((i = 0; i < runs; i++)); do
        t0=$(date +%s%N)
        c=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>&1; } 2>&1 )
        c=$(echo "$c" | awk 'NF == 2 { print $1 + $2 }')
        t1=$(date +%s%N)
        w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1e9 }')
        if [ -z "$bc" ] || awk -v x="$c" -v y="$bc" 'BEGIN { exit !(x < y) }'; then bc=$c; fi
        if [ -z "$bw" ] || awk -v x="$w" -v y="$bw" 'BEGIN { exit !(x < y) }'; then bw=$w; fi
    done
    echo "$bc $bw"
}

report() { # name "cpu wall"
    set -- "$1" $2
    awk -v n="$1" -v c="$2" -v w="$3" -v by="$bytes" -v f="$nfiles" 'BEGIN {
        if (c < 0.001) c = 0.001
        printf "%-42s cpu %6.2f s %7.1f MB/s %7.0f files/s | wall %6.2f s %6.1f MB/s\n",
               n, c, by / 1e6 / c, f / c, w, by / 1e6 / w }'
}

echo "corpus: $corpus ($nfiles files, $bytes bytes); best of $runs; ${pin:-no taskset}"
echo "MB/s = corpus bytes / seconds; CPU time is the figure to compare, wall time varies with load"
report "cat (floor)" "$(best $pin sh -c 'xargs cat <"$1"' sh "$tmp/files")"
run() { # variable name, label, then mtlint options; the result is kept in $<name>
    var=$1 name=$2
    shift 2
    r=$(best $pin "$mtlint" -j 1 --format json --fail-level none -q "$@" "$corpus")
    eval "$var=\"\$r\""
    report "$name" "$r"
}
# A stage alone: the difference of two runs' CPU time.
stage() { # label, "cpu wall" with the stage, "cpu wall" without
    set -- "$1" $2 $3
    awk -v n="$1" -v a="$2" -v b="$4" -v by="$bytes" 'BEGIN {
        d = a - b; if (d < 0.001) d = 0.001
        printf "  %-40s cpu %6.2f s %7.1f MB/s\n", n, d, by / 1e6 / d }'
}
run small "mtlint, the two small checks only" --no-default-rules --no-spell \
    --disable Quotes,Layout,MT.Untranslated,Spelling
run core "mtlint core (no rules, no spelling)" --no-default-rules --no-spell
run spell "mtlint core + spelling" --no-default-rules
run rules "mtlint core + shipped rules" --no-spell
run rules_es "mtlint core + shipped rules --source es" --no-spell --source es
run full "mtlint default (rules, spelling)"
run full_es "mtlint default --source es" --source es
if [ -x "$root/tests/bench/gen_rules.sh" ]; then
    sh "$root/tests/bench/gen_rules.sh" "$tmp/rules400" >/dev/null
    run gen "mtlint core + 400 generated literal entries" --no-default-rules --no-spell --rules "$tmp/rules400"
fi
if command -v nproc >/dev/null && [ "$(nproc)" -gt 1 ]; then
    r=$(best "$mtlint" -j "$(nproc)" --format json --fail-level none -q --source es "$corpus")
    report "mtlint default --source es -j $(nproc) (wall counts)" "$r"
fi
echo "stages alone (difference of CPU time):"
stage "spelling" "$spell" "$core"
stage "shipped rules" "$rules" "$core"
stage "shipped rules --source es" "$rules_es" "$core"
[ -n "${gen:-}" ] && stage "400 generated literal entries" "$gen" "$core"
echo "findings on the corpus (default configuration):"
"$mtlint" --format json --fail-level none -q "$corpus" | awk -F'"rule":"' 'NF > 1 { split($2, a, "\""); c[a[1]]++ }
    END { for (r in c) printf "  %-40s %d\n", r, c[r] }' | sort -k2 -nr | head -20
