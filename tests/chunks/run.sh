#!/bin/bash
# Large plain-text files are checked in chunks of paragraphs (README,
# "Large files"). With a small chunk limit (MTLINT_CHUNK_BYTES, for tests
# only), a file must give byte for byte the report of its check in one
# piece: offsets, lines and columns of the whole file, quotations that run
# on over paragraphs, the headline of the first chunk only, one score.
# What is decided per document (the dialect majority) is decided per
# chunk, as documented: that difference shows the chunks were used.
# Usage: tests/chunks/run.sh MTLINT
set -u
mtlint=${1:?usage: run.sh MTLINT}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
case "$mtlint" in /*) ;; *) mtlint="$root/$mtlint" ;; esac
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "chunks: $*"; }

# Forty numbered sections, each different (no sentence is repeated), with
# findings in every one: a doubled word, a space before a stop, a typing
# slip, a quotation that runs on into the next paragraph and is reopened
# there, one that runs on and is never closed, accented letters and
# dashes before the findings, CRLF line ends in some sections.
{
    printf 'Council Budget Talks Resume\n\n'
    for i in $(seq 1 40); do
        eol=$'\n'
        [ $((i % 7)) = 0 ] && eol=$'\r\n'
        printf 'The café committee met for session %d — its members approved the the plan.%s' "$i" "$eol"
        printf 'A second line of session %d follows here .%s%s' "$i" "$eol" "$eol"
        printf '“We will build %d new homes this year, the mayor said.%s%s' "$((i * 3))" "$eol" "$eol"
        printf '“Work on block %d starts in spring,” she added, naïve as ever.%s%s' "$i" "$eol" "$eol"
        printf 'Officials counted %d votes and the goverment welcomed the result.%s%s' "$((i + 100))" "$eol" "$eol"
        if [ $((i % 5)) = 0 ]; then
            printf '“Nobody closes quotation %d here,%s%s' "$i" "$eol" "$eol"
            printf 'and the next paragraph %d does not reopen it.%s%s' "$i" "$eol" "$eol"
        fi
    done
} >"$tmp/talks.txt"

opts=(--no-config --format json --fail-level none)
"$mtlint" "${opts[@]}" "$tmp/talks.txt" >"$tmp/whole.json" 2>"$tmp/whole.err"
n=$(grep -c '"rule"' "$tmp/whole.json")
kinds=$(grep -o '"rule":"[A-Za-z.]*"' "$tmp/whole.json" | sort -u | wc -l)
if [ "$n" -ge 120 ] && [ "$kinds" -ge 4 ]; then ok
else bad "the whole file gave $n findings of $kinds rules; expected many of several"; fi
for limit in 1 300 2000 20000; do
    MTLINT_CHUNK_BYTES=$limit "$mtlint" "${opts[@]}" "$tmp/talks.txt" >"$tmp/chunked.json" 2>"$tmp/chunked.err"
    if cmp -s "$tmp/whole.json" "$tmp/chunked.json" && cmp -s "$tmp/whole.err" "$tmp/chunked.err"; then ok
    else bad "chunks of $limit bytes differ from the whole file:"; diff "$tmp/whole.json" "$tmp/chunked.json" | head -6; fi
done

# The dialect majority is the chunk's: an en_US spelling in a British
# first half is flagged over the whole file, but not in chunks when the
# second half is American.
{
    for i in $(seq 1 6); do printf 'The colour of the harbour in part %d was grey.\n\n' "$i"; done
    printf 'The organization reported on the theater.\n\n'
    for i in $(seq 1 12); do printf 'The color of the neighbor in section %d was favorable.\n\n' "$i"; done
} >"$tmp/dialect.txt"
"$mtlint" "${opts[@]}" "$tmp/dialect.txt" >"$tmp/d_whole.json" 2>/dev/null
MTLINT_CHUNK_BYTES=200 "$mtlint" "${opts[@]}" "$tmp/dialect.txt" >"$tmp/d_chunked.json" 2>/dev/null
if ! cmp -s "$tmp/d_whole.json" "$tmp/d_chunked.json" && grep -q DialectMix "$tmp/d_whole.json"; then ok
else bad "the dialect majority did not follow the chunks"; fi

# --consistency run keeps every rendering of a file for the run's
# decision, so a file is one document there: the dialect file gives the
# whole file's report however small the chunk limit.
"$mtlint" "${opts[@]}" --consistency run "$tmp/dialect.txt" >"$tmp/r_whole.json" 2>/dev/null
MTLINT_CHUNK_BYTES=200 "$mtlint" "${opts[@]}" --consistency run "$tmp/dialect.txt" >"$tmp/r_chunked.json" 2>/dev/null
if cmp -s "$tmp/r_whole.json" "$tmp/r_chunked.json" && grep -q DialectMix "$tmp/r_chunked.json"; then ok
else bad "--consistency run checked a file in chunks"; fi

# Bytes its encoding cannot decode (a lone UTF-16 surrogate in a later
# paragraph): one MT.Encoding finding at the file's place, whatever chunk
# holds it.
python3 - "$tmp/lone16.txt" <<'PY'
import sys
text = "\n\n".join(f"Paragraph {i} says the committee met on Monday and agreed." for i in range(12)) + "\n"
b = bytearray(b"\xff\xfe") + text.encode("utf-16-le")
at = 2 + 2 * (text.index("Paragraph 8 says") + len("Paragraph 8 "))
b[at:at] = b"\x00\xd8"
open(sys.argv[1], "wb").write(b)
PY
"$mtlint" "${opts[@]}" "$tmp/lone16.txt" >"$tmp/u_whole.json" 2>/dev/null
MTLINT_CHUNK_BYTES=100 "$mtlint" "${opts[@]}" "$tmp/lone16.txt" >"$tmp/u_chunked.json" 2>/dev/null
if cmp -s "$tmp/u_whole.json" "$tmp/u_chunked.json" && grep -q '"rule":"MT.Encoding".*"line":17' "$tmp/u_chunked.json"; then ok
else bad "an undecodable byte in a later chunk is not reported as in the whole file"; fi

echo "chunks: $pass passed, $fail failed"
[ "$fail" = 0 ]
