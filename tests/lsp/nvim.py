#!/usr/bin/env python3
"""A real client: headless Neovim's built-in LSP client (tests/lsp/init.lua)
attached to `mtlint --lsp` on a Markdown article. The diagnostics Neovim
holds (vim.diagnostic.get(), byte columns) must be the command line's
findings (`mtlint --format json`), a hover on the first must describe its
rule, and after Neovim applies the quick fix of a doubled word its
diagnostics must be the command line's findings on the fixed text. Skipped, saying so, when nvim is not installed.

Usage: nvim.py MTLINT
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MTLINT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "mtlint")
SEVERITY = {"error": 1, "warning": 2, "info": 3}  # vim.diagnostic.severity


def cli_diagnostics(cwd, data):
    """The CLI's findings on article.md holding `data`, as vim.diagnostic
    items (0-based lines, byte columns), sorted."""
    cli = subprocess.run([MTLINT, "--format", "json", "--stdin-filename", "article.md", "-"], cwd=cwd, input=data,
                         stdout=subprocess.PIPE)
    starts = [0] + [i + 1 for i, c in enumerate(data) if c == 10]

    def where(off):
        line = max(i for i, s in enumerate(starts) if s <= off)
        return line, off - starts[line]

    out = []
    for f in json.loads(cli.stdout)["files"][0]["findings"]:
        l, c = where(f["offset"])
        el, ec = where(f["offset"] + f["length"])
        out.append({"lnum": l, "col": c, "end_lnum": el, "end_col": ec, "severity": SEVERITY[f["severity"]],
                    "code": f["rule"], "source": "mtlint", "message": f["message"]})
    return sorted(out, key=lambda d: (d["lnum"], d["col"], d["code"], d["message"]))


def main():
    nvim = shutil.which("nvim")
    if not nvim:
        print("lsp: SKIPPED the Neovim test: nvim is not installed (make test-deps installs Debian's neovim)")
        return 0
    tmp = tempfile.mkdtemp(prefix="mtlint-nvim-")
    try:
        with open(os.path.join(tmp, ".mtlint.yml"), "w") as f:
            f.write("source: es\n")
        shutil.copy(os.path.join(ROOT, "tests", "lsp", "article.md"), tmp)
        out = os.path.join(tmp, "nvim.json")
        env = dict(os.environ, MTLINT_BIN=MTLINT, MTLINT_NVIM_OUT=out, XDG_STATE_HOME=tmp,
                   XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp)
        # the timeout guards against a hung editor; nothing is timed
        r = subprocess.run([nvim, "--headless", "-n", "-i", "NONE", "-u", os.path.join(ROOT, "tests", "lsp", "init.lua"),
                            "article.md"], cwd=tmp, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=120)
        if not os.path.exists(out):
            print("lsp: FAIL: Neovim wrote no diagnostics (status %d): %s" % (r.returncode, r.stdout.decode()[-2000:]))
            return 1
        got = json.load(open(out))
        data = open(os.path.join(tmp, "article.md"), "rb").read()
        want = cli_diagnostics(tmp, data)
        key = lambda d: (d["lnum"], d["col"], d["code"], d["message"])
        diags = sorted(got["diagnostics"], key=key)
        fails = []
        if not want:
            fails.append("the article has no findings: nothing would be compared")
        if diags != want:
            diff = next(((g, w) for g, w in zip(diags, want) if g != w), None)
            fails.append("Neovim's diagnostics differ from the CLI's (%d vs %d); first difference: %s"
                         % (len(diags), len(want), diff))
        # the quick fix, applied by Neovim: the new text's diagnostics are
        # the CLI's findings on that text
        fixed = got.get("text", "").encode()
        after = sorted(got.get("after", []), key=key)
        if not got.get("fixed") or got.get("fix") != "Replace with \u201cthe\u201d" or b"the the integration" in fixed:
            fails.append("the quick fix (%r) was not applied: %r" % (got.get("fix"), fixed[:300]))
        elif after != cli_diagnostics(tmp, fixed):
            fails.append("after the fix, Neovim's diagnostics differ from the CLI's: %s" % after)
        hover = got.get("hover")
        if not isinstance(hover, str) or want and want[0]["code"] not in hover:
            fails.append("hover on the first diagnostic: %r" % hover)
        for f in fails:
            print("lsp: FAIL: " + f)
        version = subprocess.run([nvim, "--version"], stdout=subprocess.PIPE).stdout.split(b"\n")[0].decode()
        print("lsp: %s: %d diagnostics, %s" % (version, len(diags), "failed" if fails else "the command line's findings"),
              file=sys.stderr)
        return 1 if fails else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
