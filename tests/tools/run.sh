#!/bin/bash
# tools/mine-phrases on small invented texts: what it must list, what it
# must leave out, and its errors. One table of cases, one loop.
set -u
TOOL=${1:-tools/mine-phrases}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/mt/a" "$T/mt/b" "$T/ref" "$T/clean"
for s in a b; do
  for d in one two three; do
    printf 'On having signed the deal, the firm grew.\nThe mayor said the city was calm, having rested.\n' > "$T/mt/$s/$d.txt"
  done
done
# The human sides are larger than the MT one, as in real use.
for i in 1 2 3 4 5; do
  printf 'After signing the deal, the firm grew.\nThe mayor said the city was calm.\n'
done > "$T/ref/one.txt"
for i in $(seq 20); do
  printf 'The mayor said the city was calm.\nThe mayor said the budget was late.\n'
done > "$T/clean/news.txt"

# A report in mtlint's JSON shape that flags "having signed" in every MT file.
{
  for s in a b; do for d in one two three; do
    printf '{"files":[{"path":"%s","findings":[{"line":1,"column":4,"end_line":1,"end_column":17}]}]}\n' "$T/mt/$s/$d.txt"
  done; done
} > "$T/report.json"
printf 'not json\n' > "$T/bad.json"

fail=0
# name | arguments | expected status | grep -E pattern the output must (+) or must not (-) hold
while IFS='|' read -r name args rc sign pat; do
  out=$(eval "$TOOL $args" 2>&1); got=$?
  if [ "$got" != "$rc" ]; then echo "FAIL $name: status $got, expected $rc"; fail=1; continue; fi
  if printf '%s\n' "$out" | grep -Eq -- "$pat"; then found=+; else found=-; fi
  if [ "$found" != "$sign" ]; then
    echo "FAIL $name: pattern '$pat' expected $sign"; printf '%s\n' "$out" | sed 's/^/  /'; fail=1
  else
    echo "ok   $name"
  fi
done <<CASES
MT-only phrase listed with its counts|--mt $T/mt --ref $T/ref --clean $T/clean --min-count 3|0|+|^ +[0-9.]+ +6 +0 +0 +6 +3 +on having signed the deal\$
context names file and line|--mt $T/mt --ref $T/ref --clean $T/clean --min-count 3|0|+|one.txt:1: \[On having signed the deal\], the firm
phrase the humans share is left out|--mt $T/mt --ref $T/ref --clean $T/clean --min-count 3|0|-|the mayor said
no n-gram across a comma|--mt $T/mt --ref $T/ref --clean $T/clean --min-count 3 --keep-nested|0|-|deal the
nested shorter n-gram dropped by default|--mt $T/mt --ref $T/ref --clean $T/clean --min-count 3|0|-|  on having\$
nested shorter n-gram kept on request|--mt $T/mt --ref $T/ref --clean $T/clean --min-count 3 --keep-nested|0|+|  on having\$
one article in many systems is one name|--mt $T/mt --ref $T/ref --min-count 3 --min-docs 4|0|-|on having
tab-separated rows|--mt $T/mt --ref $T/ref --clean $T/clean --min-count 3 --tsv|0|+|^[0-9.]+	6	0	0	6	3	on having signed the deal\$
n-grams a report flags are skipped|--mt $T/mt --ref $T/ref --clean $T/clean --min-count 3 --skip-report $T/report.json|0|-|having signed
the rest of the line still counts|--mt $T/mt --ref $T/ref --clean $T/clean --min-count 3 --skip-report $T/report.json --keep-nested --min-ratio 0 --min-side-ratio 0|0|+|  the firm grew\$
a bad report is an error|--mt $T/mt --ref $T/ref --skip-report $T/bad.json|2|+|bad.json: not an mtlint JSON report
missing input is an error|--mt $T/nothing --ref $T/ref|2|+|mine-phrases: .*nothing: no such file or directory
comparison side required|--mt $T/mt|2|+|give --ref or --clean
CASES
exit $fail
