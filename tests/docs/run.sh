#!/bin/bash
# Docs and packaging that live in the repository:
#   - docs/mtlint.1 renders without a groff warning and names every long
#     option `mtlint --help` lists;
#   - docs/rules.md is what `make docs` writes from the rule files now;
#   - `make install` puts the man page and both completions in place; the
#     bash completion offers rule ids, the zsh one parses;
#   - .pre-commit-hooks.yaml, through `pre-commit try-repo` on a scratch
#     repository: a bad article fails the commit check, a clean one passes.
# Usage: tests/docs/run.sh MTLINT
set -u
mtlint=${1:?usage: run.sh MTLINT}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
case "$mtlint" in /*) ;; *) mtlint="$root/$mtlint" ;; esac
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "docs: $*"; }

# ---- the man page ----
if groff -ww -man -z docs/mtlint.1 2>"$tmp/groff" && [ ! -s "$tmp/groff" ]; then ok
else bad "groff -ww -man -z docs/mtlint.1: $(head -3 "$tmp/groff")"; fi
missing=""
for opt in $("$mtlint" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
    grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" docs/mtlint.1 || missing="$missing $opt"
done
if [ -z "$missing" ]; then ok; else bad "docs/mtlint.1 does not document:$missing"; fi

# ---- docs/rules.md is up to date ----
if python3 tools/rules_md.py "$mtlint" >"$tmp/rules.md" 2>"$tmp/gen.err"; then
    if cmp -s "$tmp/rules.md" docs/rules.md; then ok
    else bad "docs/rules.md is stale: run make docs"; diff docs/rules.md "$tmp/rules.md" | head -10; fi
    n=$("$mtlint" --list-rules --format json --source es | grep -c '"id":')
    if [ "$(grep -c '^### ' docs/rules.md)" = "$n" ]; then ok; else bad "docs/rules.md: not $n rules"; fi
else
    bad "tools/rules_md.py failed: $(head -3 "$tmp/gen.err")"
fi

# ---- make install: man page and completions ----
if make --no-print-directory -s install DESTDIR="$tmp/dest" PREFIX=/usr >"$tmp/install.log" 2>&1 &&
   [ -f "$tmp/dest/usr/share/man/man1/mtlint.1" ] &&
   [ -f "$tmp/dest/usr/share/bash-completion/completions/mtlint" ] &&
   [ -f "$tmp/dest/usr/share/zsh/site-functions/_mtlint" ]; then ok
else bad "make install: $(tail -3 "$tmp/install.log"; find "$tmp/dest" -name '*mtlint*' | head)"; fi

got=$(bash -c 'source "$1"; COMP_WORDS=("$2" --enable EsEn.Tit); COMP_CWORD=2; _mtlint; printf "%s " "${COMPREPLY[@]}"' \
      _ completions/mtlint.bash "$mtlint")
if [ "$got" = "EsEn.TitleAbbreviations EsEn.Titles " ]; then ok; else bad "bash completion of --enable EsEn.Tit: '$got'"; fi
got=$(bash -c 'source "$1"; COMP_WORDS=("$2" --mark); COMP_CWORD=1; _mtlint; printf "%s " "${COMPREPLY[@]}"' \
      _ completions/mtlint.bash "$mtlint")
if [ "$got" = "--markup " ]; then ok; else bad "bash completion of --mark: '$got'"; fi
# every option --help lists is in the zsh completion and the man page, and
# every value list of --help's format option is in both completions
missing=""
for o in $("$mtlint" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
    grep -q -- "$o" completions/_mtlint || missing="$missing zsh:$o"
    grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" docs/mtlint.1 || missing="$missing man:$o"
done
for f in $("$mtlint" --help | sed -n 's/.*report format: //p' | tr -d ',' | sed 's/ (default)//'); do
    grep -q -- " $f[ )\"]" completions/mtlint.bash || missing="$missing bash-format:$f"
    grep -q -- "[( ]$f[ )]" completions/_mtlint || missing="$missing zsh-format:$f"
done
if [ -z "$missing" ]; then ok; else bad "options --help lists but the completions or man page lack:$missing"; fi
if command -v zsh >/dev/null; then
    if zsh -n completions/_mtlint; then ok; else bad "zsh -n completions/_mtlint"; fi
else
    echo "docs: zsh not installed: the zsh completion is not checked"
fi

# ---- action.yml: its report steps, run as the runner would (the build
# step is make itself) ----
python3 - "$tmp/action.sh" <<'PY' || bad "action.yml: cannot read its steps"
import sys, yaml
steps = yaml.safe_load(open("action.yml"))["runs"]["steps"]
inputs = {"paths": "tests/samples", "source": "es", "args": "--no-spell", "sarif": sys.argv[1] + ".sarif"}
with open(sys.argv[1], "w") as out:
    for st in steps[1:]:
        out.write("(\n")
        for k, v in st.get("env", {}).items():
            for name, val in inputs.items():
                v = v.replace("${{ inputs.%s }}" % name, val)
            out.write("export %s='%s'\n" % (k, v))
        out.write(st["run"] + ")\necho \"rc=$?\"\n")
PY
GITHUB_ACTION_PATH=$(dirname "$mtlint") bash "$tmp/action.sh" >"$tmp/action.out" 2>&1
if [ "$(grep -c '^rc=' "$tmp/action.out")" = 2 ] && [ "$(grep '^rc=' "$tmp/action.out" | tr '\n' ' ')" = "rc=0 rc=1 " ] &&
   grep -q '^::warning file=tests/samples/summit-es.txt,' "$tmp/action.out" &&
   python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"] == "2.1.0" and d["runs"][0]["results"]' \
       "$tmp/action.sh.sarif"; then ok
else bad "action.yml steps: $(grep '^rc=' "$tmp/action.out" | tr '\n' ' ') $(head -3 "$tmp/action.out")"; fi

# ---- the pre-commit hook ----
if ! git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    echo "docs: not a git repository: the pre-commit hook (try-repo) is not checked"
elif command -v pre-commit >/dev/null && command -v git >/dev/null; then
    repo="$tmp/repo"
    mkdir -p "$repo" "$tmp/bin" "$tmp/home"
    ln -s "$mtlint" "$tmp/bin/mtlint"
    export PATH="$tmp/bin:$PATH" HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/pc-cache"
    git -C "$repo" init -q && git -C "$repo" config user.email t@example.org && git -C "$repo" config user.name t
    printf '<p>The ministers approved the the plan.</p>\n' >"$repo/bad.html"
    printf 'The ministers approved the plan.\n' >"$repo/good.md"
    git -C "$repo" add good.md bad.html
    # try-repo clones a repository: the hook file as committed or not
    (cd "$repo" && pre-commit try-repo "$root" mtlint --files bad.html) >"$tmp/pc-bad" 2>&1
    rc_bad=$?
    (cd "$repo" && pre-commit try-repo "$root" mtlint --files good.md) >"$tmp/pc-good" 2>&1
    rc_good=$?
    if [ "$rc_bad" != 0 ] && grep -q "MT.DoubledWord" "$tmp/pc-bad"; then ok
    else bad "pre-commit with a bad article: exit $rc_bad: $(tail -5 "$tmp/pc-bad")"; fi
    if [ "$rc_good" = 0 ]; then ok; else bad "pre-commit with a clean article: exit $rc_good: $(tail -5 "$tmp/pc-good")"; fi
else
    echo "docs: pre-commit (or git) not installed: the hook is not checked"
fi

echo "docs: $pass passed, $fail failed"
[ "$fail" = 0 ]
