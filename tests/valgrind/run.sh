#!/bin/sh
# The golden cases with mtlint under valgrind's memcheck: any memory error
# or definite leak fails the case (through the exit status, which the golden
# case compares) and its valgrind report is printed. Reports go to files,
# so that the golden stderr stays byte for byte.
# Usage: tests/valgrind/run.sh MTLINT
set -u
mtlint=${1:?usage: run.sh MTLINT}
root=$(cd "$(dirname "$0")/../.." && pwd)
case "$mtlint" in /*) ;; *) mtlint="$root/$mtlint" ;; esac
command -v valgrind >/dev/null || { echo "valgrind: not installed (apt-get install valgrind)"; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/mtlint" <<WRAP
#!/bin/sh
exec valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
    --show-leak-kinds=definite --track-origins=yes --log-file="$tmp/vg.%p" "$mtlint" "\$@"
WRAP
chmod +x "$tmp/mtlint"
sh "$root/tests/golden/run.sh" "$tmp/mtlint"
status=$?
bad=0
for log in "$tmp"/vg.*; do
    [ -f "$log" ] || continue
    if ! grep -q 'ERROR SUMMARY: 0 errors' "$log"; then
        bad=$((bad + 1))
        echo "valgrind: errors in $(sed -n 's/^==[0-9]*== Command: //p' "$log"):"
        sed '1,/^==[0-9]*== *$/d' "$log" | head -60
    fi
done
echo "valgrind: $(ls "$tmp"/vg.* 2>/dev/null | wc -l) runs, $bad with errors"
[ $status = 0 ] && [ $bad = 0 ]
