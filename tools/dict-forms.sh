#!/bin/sh
# dict-forms.sh DIC AFF [PASSES] - the word forms of a Hunspell dictionary
# as Hunspell's unmunch expands them, one a line, for mtlint-dictc.
# unmunch applies one level of suffixes and writes a suffix's continuation
# classes after the form ("tortilla/S|"); each further pass (PASSES, 1 by
# default) feeds those lines back to unmunch as a dictionary of their own,
# which applies the second level ("tortillas").
set -eu
dic=$1 aff=$2 passes=${3:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unmunch "$dic" "$aff" 2>/dev/null >"$tmp/last" || true
cat "$tmp/last"
i=1
while [ "$i" -lt "$passes" ]; do
    grep '/' "$tmp/last" | sed 's/|$//' | sort -u >"$tmp/next" || true
    [ -s "$tmp/next" ] || break
    { wc -l <"$tmp/next"; cat "$tmp/next"; } >"$tmp/next.dic"
    unmunch "$tmp/next.dic" "$aff" 2>/dev/null >"$tmp/last" || true
    cat "$tmp/last"
    i=$((i + 1))
done
