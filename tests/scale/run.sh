#!/bin/bash
# Archive-scale runs (docs/scale.md): the list of files is split into
# shards that GNU parallel checks at the same time, each with
# `mtlint --format jsonl --files-from -`; the shards' JSON Lines, merged in
# order, must be exactly the report of one run over the whole list, for a
# newline-separated list and for a NUL-separated one (-0).
# Usage: tests/scale/run.sh MTLINT
set -u
mtlint=${1:?usage: run.sh MTLINT}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
case "$mtlint" in /*) ;; *) mtlint="$root/$mtlint" ;; esac
if ! command -v parallel >/dev/null; then
    echo "scale: GNU parallel not installed (make deps): skipped"
    exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "scale: $*"; }

# every article the tests hold, a missing file among them
{ find tests -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' -o -name '*.htm' \) | LC_ALL=C sort
  echo tests/no-such-article.txt; } >"$tmp/list"
opts=(--no-config --source es --format jsonl)
"$mtlint" "${opts[@]}" --files-from "$tmp/list" >"$tmp/single" 2>/dev/null
lines=$(wc -l <"$tmp/single")
errors=$(grep -c '"error":' "$tmp/single")
if [ "$lines" -gt 100 ] && [ "$errors" -ge 1 ]; then ok
else bad "the single run reported $lines lines, $errors errors"; fi

# shards of 7 files, 4 at a time, merged in input order (-k)
parallel --will-cite --pipe -N 7 -j 4 -k "$mtlint" "${opts[@]}" --files-from - <"$tmp/list" >"$tmp/merged" 2>/dev/null
if cmp -s "$tmp/single" "$tmp/merged"; then ok
else bad "merged shards differ from the single run:"; diff "$tmp/single" "$tmp/merged" | head -5; fi

# the same with a NUL-separated list
tr '\n' '\0' <"$tmp/list" >"$tmp/list0"
parallel --will-cite --pipe --recend '\0' -N 7 -j 4 -k "$mtlint" "${opts[@]}" -0 --files-from - \
    <"$tmp/list0" >"$tmp/merged0" 2>/dev/null
if cmp -s "$tmp/single" "$tmp/merged0"; then ok
else bad "merged NUL-separated shards differ from the single run:"; diff "$tmp/single" "$tmp/merged0" | head -5; fi

# every line is one JSON object with a path
if python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    assert "path" in o and ("error" in o or "rule" in o), line
' "$tmp/merged"; then ok; else bad "a line of the merged report is not a finding or an error object"; fi

echo "scale: $pass passed, $fail failed"
[ "$fail" = 0 ]
