#!/bin/sh
# Golden tests: each directory under tests/golden/ is a case.
#   args   the command line after "mtlint" (shell words, run from the repo root)
#   stdin  optional: fed to mtlint's standard input
#   out    expected standard output, byte for byte
#   err    expected standard error, byte for byte
#   rc     expected exit status
# Usage: tests/golden/run.sh MTLINT [--update]   (--update rewrites out/err/rc)
set -u
mtlint=${1:?usage: run.sh MTLINT [--update]}
update=${2:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
case "$mtlint" in /*) ;; *) mtlint="$root/$mtlint" ;; esac
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for dir in tests/golden/*/; do
    dir=${dir%/}
    [ -f "$dir/args" ] || continue
    name=${dir#tests/golden/}
    in=/dev/null
    [ -f "$dir/stdin" ] && in="$dir/stdin"
    # NO_COLOR and a pipe: plain text whatever the terminal
    eval "NO_COLOR=1 \"\$mtlint\" $(cat "$dir/args")" <"$in" >"$tmp/out" 2>"$tmp/err"
    echo $? >"$tmp/rc"
    if [ "$update" = --update ]; then
        cp "$tmp/out" "$dir/out"; cp "$tmp/err" "$dir/err"; cp "$tmp/rc" "$dir/rc"
        echo "updated $name"
        continue
    fi
    ok=1
    for f in out err rc; do
        if ! cmp -s "$tmp/$f" "$dir/$f"; then
            ok=0
            echo "golden $name: $f differs:"
            diff "$dir/$f" "$tmp/$f" | head -20
        fi
    done
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
[ "$update" = --update ] && exit 0
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
