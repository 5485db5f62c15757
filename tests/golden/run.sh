#!/bin/sh
# Golden tests: each directory under tests/golden/ is a case.
#   args   the command line after "mtlint" (shell words, run from the repo root)
#   stdin  optional: fed to mtlint's standard input
#   out    expected standard output, byte for byte
#   err    expected standard error, byte for byte
#   rc     expected exit status
#   files/ optional: the case runs in a copy of this directory (for --fix),
#          which must then hold what fixed/ holds
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
    work=.
    if [ -d "$dir/files" ]; then
        rm -rf "$tmp/work"; cp -R "$dir/files" "$tmp/work"; work="$tmp/work"
    fi
    # NO_COLOR and a pipe: plain text whatever the terminal
    (cd "$work" && eval "NO_COLOR=1 \"\$mtlint\" $(cat "$root/$dir/args")") <"$in" >"$tmp/out" 2>"$tmp/err"
    echo $? >"$tmp/rc"
    if [ "$update" = --update ]; then
        cp "$tmp/out" "$dir/out"; cp "$tmp/err" "$dir/err"; cp "$tmp/rc" "$dir/rc"
        if [ -d "$dir/files" ]; then rm -rf "$dir/fixed"; cp -R "$tmp/work" "$dir/fixed"; fi
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
    if [ -d "$dir/files" ] && ! diff -r "$dir/fixed" "$tmp/work" >"$tmp/diff"; then
        ok=0
        echo "golden $name: files differ from fixed/:"
        head -20 "$tmp/diff"
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
[ "$update" = --update ] && exit 0
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
