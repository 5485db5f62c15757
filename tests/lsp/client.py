#!/usr/bin/env python3
"""A scripted LSP client for `mtlint --lsp` (Python standard library only).

It opens the sample article and expects exactly the command line's
findings (`mtlint --format json`) as diagnostics, with ranges computed
here from the byte offsets in each position encoding; changes the text
(a line with curly quotes gets an emoji), applies code actions (a quick
fix, "disable on this line", "add to the word list"), asks for a hover,
and sends malformed messages, after each of which the server must still
answer.

Usage: client.py MTLINT   (exit status 0 when every check passes)
"""
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MTLINT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "mtlint")
WAIT = int(os.environ.get("LSP_WAIT", "60"))  # seconds: a guard against a hung server, not a measurement

failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print("lsp: FAIL: " + what, file=sys.stderr)
    return ok


class Server:
    """One `mtlint --lsp` process; a thread reads framed messages strictly:
    anything on stdout that is not a framed JSON message is a failure."""

    def __init__(self, cwd, args=()):
        self.p = subprocess.Popen([MTLINT, "--lsp", *args], cwd=cwd, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.q = queue.Queue()
        self.next_id = 1
        self.junk = None
        self.backlog = []
        self.stderr = b""
        self.readers = [threading.Thread(target=f, daemon=True) for f in (self._read, self._read_err)]
        for t in self.readers:
            t.start()

    def _read_err(self):
        self.stderr = self.p.stderr.read()

    def _read(self):
        out = self.p.stdout
        while True:
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                c = out.read(1)
                if not c:
                    if head:
                        self.junk = head
                    self.q.put(None)
                    return
                head += c
            fields = dict(l.split(b": ", 1) for l in head[:-4].split(b"\r\n"))
            if set(fields) != {b"Content-Length"}:
                self.junk = head
            body = out.read(int(fields[b"Content-Length"]))
            try:
                self.q.put(json.loads(body))
            except ValueError:
                self.junk = body
                self.q.put(None)
                return

    def write(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    @staticmethod
    def frame(msg):
        body = json.dumps(msg).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def notify(self, method, params):
        self.write(self.frame({"jsonrpc": "2.0", "method": method, "params": params}))

    def request(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.write(self.frame(msg))
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)

    def wait(self, match):
        """The first message that matches, in the order they came; others
        are kept for later waits (a reload publishes before it answers)."""
        for i, m in enumerate(self.backlog):
            if match(m):
                return self.backlog.pop(i)
        while True:
            m = self.q.get(timeout=WAIT)
            if m is None:
                raise EOFError("server closed stdout")
            if match(m):
                return m
            self.backlog.append(m)

    def diagnostics(self, uri, version=None):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri
                         and (version is None or m["params"].get("version") == version))["params"]

    def finish(self):
        """Waits for the server to end, with all of its output read."""
        rc = self.p.wait(timeout=WAIT)
        for t in self.readers:
            t.join(WAIT)
        return rc

    def close(self):
        """shutdown, exit: the status must be 0 (under a sanitizer, also
        no error found)."""
        if self.p.poll() is None:
            try:
                self.request("shutdown")
                self.notify("exit", None)
            except (EOFError, BrokenPipeError, queue.Empty):
                pass
        rc = self.finish()
        check(rc == 0, "server exit status %d after shutdown and exit: %s" % (rc, self.stderr[-2000:]))
        return rc


# ---- expected diagnostics from the command line ----

def cli_findings(cwd, name, text=None):
    """The command line's findings for file `name`, or for `text` read from
    standard input as that file (as editors pass unsaved text)."""
    args = [MTLINT, "--format", "json"] + (["--stdin-filename", name, "-"] if text is not None else [name])
    r = subprocess.run(args, cwd=cwd, input=text.encode() if text is not None else None,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return json.loads(r.stdout)["files"][0]["findings"]


def line_starts(data):
    starts, i = [0], 0
    while i < len(data):
        if data[i:i + 2] == b"\r\n":
            i += 1
        if data[i:i + 1] in (b"\n", b"\r"):
            starts.append(i + 1)
        i += 1
    return starts


UNITS = {
    "utf-8": lambda s: len(s.encode()),
    "utf-16": lambda s: len(s.encode("utf-16-le")) // 2,
    "utf-32": lambda s: len(s),
}


def position(data, starts, offset, enc):
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return {"line": line, "character": UNITS[enc](data[starts[line]:offset].decode())}


def offset_of(data, starts, pos, enc):
    start = starts[pos["line"]]
    line = data[start:].split(b"\n")[0].decode()
    for k in range(len(line) + 1):
        if UNITS[enc](line[:k]) == pos["character"]:
            return start + len(line[:k].encode())
    raise ValueError("position inside a character: %r" % pos)


SEVERITY = {"error": 1, "warning": 2, "info": 3}


def expected(findings, text, enc, links):
    data = text.encode()
    starts = line_starts(data)
    out = []
    for f in findings:
        d = {"range": {"start": position(data, starts, f["offset"], enc),
                       "end": position(data, starts, f["offset"] + f["length"], enc)},
             "severity": SEVERITY[f["severity"]], "code": f["rule"], "source": "mtlint",
             "message": f["message"]}
        if f["rule"] in links:
            d["codeDescription"] = {"href": links[f["rule"]]}
        out.append(d)
    return out


def apply_edits(text, edits, enc):
    data = text.encode()
    starts = line_starts(data)
    spans = sorted(((offset_of(data, starts, e["range"]["start"], enc),
                     offset_of(data, starts, e["range"]["end"], enc), e["newText"]) for e in edits),
                   reverse=True)
    for s, e, new in spans:
        data = data[:s] + new.encode() + data[e:]
    return data.decode()


def show_diff(got, want):
    for g, w in zip(got, want):
        if g != w:
            return "first difference: got %s, want %s" % (json.dumps(g), json.dumps(w))
    return "got %d diagnostics, want %d" % (len(got), len(want))


# ---- the scenarios ----

def setup(tmp):
    rules = os.path.join(ROOT, "tests", "data", "rules", "good")
    with open(os.path.join(tmp, ".mtlint.yml"), "w") as f:
        f.write("source: es\nrules: [%s]\n" % rules)
    shutil.copy(os.path.join(ROOT, "tests", "samples", "summit-es.txt"), tmp)
    links = {}
    r = subprocess.run([MTLINT, "--list-rules", "--format", "json"], cwd=tmp, stdout=subprocess.PIPE)
    # the listing has no links: they are read from the rule files
    for rule in json.loads(r.stdout)["rules"]:
        if rule["path"].endswith(".yml"):
            for line in open(rule["path"], encoding="utf-8"):
                if line.startswith("link: "):
                    links[rule["id"]] = line[6:].strip()
    return links


def initialize(srv, tmp, encodings=None):
    caps = {"general": {"positionEncodings": encodings}} if encodings else {}
    r = srv.request("initialize", {"processId": None, "rootUri": "file://" + tmp, "capabilities": caps})
    srv.notify("initialized", {})
    return r["result"]["capabilities"]


def uri_of(path):
    return "file://" + path


def open_doc(srv, path, text, lang="plaintext", version=1):
    uri = uri_of(path)
    srv.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": lang, "version": version,
                                                         "text": text}})
    return uri


def with_emoji(text):
    """The sample with an emoji (one code point, two UTF-16 units, four
    bytes) before the opening curly quote of its third line."""
    changed = text.replace("bloc. \u201cWe must", "bloc. \U0001F30E \u201cWe must")
    check(changed != text, "the sample has the line with curly quotes")
    return changed


def sample_against_cli(tmp, links):
    """Every position encoding: the sample's diagnostics are the CLI's."""
    path = os.path.join(tmp, "summit-es.txt")
    text = open(path, encoding="utf-8").read()
    findings = cli_findings(tmp, path)
    check(any(f["rule"] in links for f in findings), "the sample has a finding of a rule with a link")
    emoji_text = with_emoji(text)
    emoji_findings = cli_findings(tmp, path, emoji_text)
    cases = [(None, "utf-16"), (["utf-8", "utf-16"], "utf-8"), (["utf-32"], "utf-32"), (["latin-1"], "utf-16")]
    for offered, chosen in cases:
        srv = Server(tmp)
        caps = initialize(srv, tmp, offered)
        check(caps.get("positionEncoding") == chosen, "offered %s: chose %s" % (offered, caps.get("positionEncoding")))
        uri = open_doc(srv, path, text)
        got = srv.diagnostics(uri, 1)["diagnostics"]
        want = expected(findings, text, chosen, links)
        check(got == want, "%s: sample diagnostics differ from the CLI's: %s" % (chosen, show_diff(got, want)))
        # the same with an emoji before the curly quote of line 3
        srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                              "contentChanges": [{"text": emoji_text}]})
        got = srv.diagnostics(uri, 2)["diagnostics"]
        want = expected(emoji_findings, emoji_text, chosen, links)
        check(got == want, "%s: with the emoji, diagnostics differ from the CLI's: %s" % (chosen, show_diff(got, want)))
        check(srv.close() == 0, "%s: exit status after shutdown and exit" % chosen)


def edit_session(tmp, links):
    path = os.path.join(tmp, "summit-es.txt")
    text = open(path, encoding="utf-8").read()
    srv = Server(tmp)
    caps = initialize(srv, tmp)
    sync = caps["textDocumentSync"]
    check(sync["change"] == 1 and sync["openClose"], "full text sync: %s" % sync)
    check(caps["hoverProvider"] is True and "quickfix" in caps["codeActionProvider"]["codeActionKinds"],
          "hover and quick fix capabilities")
    uri = open_doc(srv, path, text)
    srv.diagnostics(uri, 1)

    # an emoji (two UTF-16 units, one code point) before the curly quote
    # of line 3: positions after it on that line differ from the CLI's
    # code point columns by one
    changed = with_emoji(text)
    srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"text": changed}]})
    got = srv.diagnostics(uri, 2)["diagnostics"]
    findings = cli_findings(tmp, path, changed)
    want = expected(findings, changed, "utf-16", links)
    check(got == want, "after the change: diagnostics differ from the CLI's: " + show_diff(got, want))
    emoji_col = changed.split("\n")[2].index("\U0001F30E") + 1
    on_line = [(f, d) for f, d in zip(findings, got) if f["line"] == 3 and f["column"] > emoji_col]
    check(len(on_line) >= 3 and all(d["range"]["start"]["character"] == f["column"] for f, d in on_line),
          "UTF-16 characters after the emoji: %s" % [(f["column"], d["range"]["start"]) for f, d in on_line])

    # the quick fix for "the the", applied
    dw = next(d for d in got if d["code"] == "MT.DoubledWord")
    r = srv.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": dw["range"],
                                                "context": {"diagnostics": [dw]}})
    fixes = [a for a in r["result"] if a.get("isPreferred") and a["diagnostics"][0]["code"] == "MT.DoubledWord"]
    check(len(fixes) == 1 and fixes[0]["kind"] == "quickfix", "one preferred quick fix: %s" % r["result"])
    fixed = apply_edits(changed, fixes[0]["edit"]["changes"][uri], "utf-16")
    check("for that the region" in fixed and "the the" not in fixed, "the fix deletes one 'the'")
    srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                          "contentChanges": [{"text": fixed}]})
    got = srv.diagnostics(uri, 3)["diagnostics"]
    want = expected(cli_findings(tmp, path, fixed), fixed, "utf-16", links)
    check(got == want and not any(d["code"] == "MT.DoubledWord" for d in got),
          "after the fix: " + show_diff(got, want))

    # hover on a finding of a rule with a description, examples and a link
    ruler = next(d for d in got if d["code"] in links)
    r = srv.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": ruler["range"]["start"]})
    value = r["result"]["contents"]["value"]
    check(r["result"]["contents"]["kind"] == "markdown" and ruler["code"] in value and "flagged:" in value
          and "passes:" in value and links[ruler["code"]] in value and "calque of el mandatario" in value,
          "hover: %r" % value)
    r = srv.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 0}})
    check(r["result"] is None, "hover on a blank line: %s" % r["result"])

    # a burst of changes sent at once is checked once, as its last text
    burst = b"".join(srv.frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                                "params": {"textDocument": {"uri": uri, "version": v},
                                           "contentChanges": [{"text": "It was the the end %d.\n" % v}]}})
                     for v in (4, 5, 6))
    srv.write(burst)
    p = srv.diagnostics(uri)
    last = "It was the the end 6.\n"
    want = expected(cli_findings(tmp, path, last), last, "utf-16", links)
    check(p["version"] == 6 and p["diagnostics"] == want, "burst: the first diagnostics are of version 6: %s" % p)

    # a client that sends ranges though full sync was asked for: applied
    # in the negotiated encoding (after the emoji: two UTF-16 units)
    base = "Hi \U0001F30E the the end.\n"
    srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 7},
                                          "contentChanges": [{"text": base}]})
    srv.diagnostics(uri, 7)
    edit = {"range": {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 10}}, "text": ""}
    srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 8}, "contentChanges": [edit]})
    got = srv.diagnostics(uri, 8)["diagnostics"]
    now = "Hi \U0001F30E the end.\n"
    want = expected(cli_findings(tmp, path, now), now, "utf-16", links)
    check(apply_edits(base, [{"range": edit["range"], "newText": ""}], "utf-16") == now and got == want,
          "a ranged change: " + show_diff(got, want))

    srv.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    p = srv.diagnostics(uri)
    check(p["diagnostics"] == [], "closing clears the diagnostics")
    check(srv.close() == 0, "exit status")


def markdown_disable(tmp, links):
    """In Markdown and HTML, "disable RULE on this line" inserts the comment
    the markup reads, and only that finding goes."""
    path = os.path.join(tmp, "note.md")
    text = ("---\ntitle: Ministers Meet In Lima\n---\n\n# Ministers meet in Lima\n\n"
            "The ruler of Peru opened the meeting.\n\nExports grew 2,5 percent\nin the first semester.\n\n"
            "```\ncode\n```\nThe Ministry of Foreign Relations spoke.\n\n"
            "> \u201cWe must act together,\u201d said the the minister \U0001F44D.\n")
    srv = Server(tmp)
    initialize(srv, tmp)
    uri = open_doc(srv, path, text, "markdown")
    got = srv.diagnostics(uri, 1)["diagnostics"]
    want = expected(cli_findings(tmp, path, text), text, "utf-16", links)
    check(got == want, "markdown: " + show_diff(got, want))
    # (rule, the text around the comment): a line of its own after a blank
    # line or a code fence; at the end of the line before inside a
    # paragraph; none in the front matter (YAML)
    cases = [("MT.DoubledWord", "\n\n<!-- mtlint-disable-next-line MT.DoubledWord -->\n> \u201cWe must"),
             ("Test.Ruler", "\n\n<!-- mtlint-disable-next-line Test.Ruler -->\nThe ruler"),
             ("EsEn.Economy", " percent <!-- mtlint-disable-next-line EsEn.Economy -->\nin the first"),
             ("EsEn.Institutions", "```\n<!-- mtlint-disable-next-line EsEn.Institutions -->\nThe Ministry"),
             ("Layout.HeadlineCase", None)]
    for code, around in cases:
        d = next((d for d in got if d["code"] == code), None)
        if not check(d is not None, "markdown: a %s finding" % code):
            continue
        r = srv.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                                    "context": {"diagnostics": [d]}})
        act = [a for a in r["result"] if a["title"] == "Disable %s on this line" % code]
        if around is None:
            check(not act, "markdown: no disable action in the front matter: %s" % act)
            continue
        if not check(len(act) == 1, "markdown: one disable action for %s: %s" % (code, r["result"])):
            continue
        new = apply_edits(text, act[0]["edit"]["changes"][uri], "utf-16")
        check(around in new, "%s: the comment is inserted: %r" % (code, new))
        srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                              "contentChanges": [{"text": new}]})
        after = srv.diagnostics(uri, 2)["diagnostics"]
        left = [x["code"] for x in got if x["code"] != code]
        check([x["code"] for x in after] == left, "%s disabled, the rest stays: %s" % (code, after))
        srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 1},
                                              "contentChanges": [{"text": text}]})
        srv.diagnostics(uri, 1)
    # HTML reads the same comments; a paragraph's lines stay one text
    hpath = os.path.join(tmp, "page.html")
    html = ("<html><body>\n<p>The minister spoke to the press\nand met the the delegates. "
            "\u201cWe must act,\nsaid the minister.</p>\n</body></html>\n")
    huri = open_doc(srv, hpath, html, "html")
    got = srv.diagnostics(huri, 1)["diagnostics"]
    want = expected(cli_findings(tmp, hpath, html), html, "utf-16", links)
    check(got == want and "MT.DoubledWord" in [d["code"] for d in got], "html: " + show_diff(got, want))
    d = next(d for d in got if d["code"] == "MT.DoubledWord")
    r = srv.request("textDocument/codeAction", {"textDocument": {"uri": huri}, "range": d["range"],
                                                "context": {"diagnostics": [d]}})
    act = [a for a in r["result"] if a["title"] == "Disable MT.DoubledWord on this line"]
    if check(len(act) == 1, "html: a disable action: %s" % r["result"]):
        new = apply_edits(html, act[0]["edit"]["changes"][huri], "utf-16")
        check("press <!-- mtlint-disable-next-line MT.DoubledWord -->\nand met" in new, "html: the comment: %r" % new)
        srv.notify("textDocument/didChange", {"textDocument": {"uri": huri, "version": 2},
                                              "contentChanges": [{"text": new}]})
        after = [x["code"] for x in srv.diagnostics(huri, 2)["diagnostics"]]
        check(after == [x["code"] for x in got if x["code"] != "MT.DoubledWord"], "html: disabled: %s" % after)
    # plain text has no comment syntax: no disable action there
    tpath = os.path.join(tmp, "note.txt")
    turi = open_doc(srv, tpath, "It was the the end.\n")
    d = srv.diagnostics(turi, 1)["diagnostics"][0]
    r = srv.request("textDocument/codeAction", {"textDocument": {"uri": turi}, "range": d["range"],
                                                "context": {"diagnostics": [d]}})
    check(not any(a["title"].startswith("Disable") for a in r["result"]), "no disable action in plain text")
    srv.close()


def add_word(tmp, links):
    """"Add WORD to the project word list": with a configuration that has
    no words file, .mtlint-words.txt is created beside it and named in it."""
    path = os.path.join(tmp, "words.txt")
    text = "The minister zorbled the plan.\n"
    srv = Server(tmp)
    initialize(srv, tmp)
    uri = open_doc(srv, path, text)
    got = srv.diagnostics(uri, 1)["diagnostics"]
    sp = [d for d in got if d["code"] == "Spelling.Unknown"]
    if not check(len(sp) == 1, "one unknown word: %s" % got):
        return srv.close()
    r = srv.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": sp[0]["range"],
                                                "context": {"diagnostics": sp}})
    act = [a for a in r["result"] if "word list" in a["title"]]
    if not check(len(act) == 1 and act[0]["command"]["command"] == "mtlint.addWord",
                 "an add-word action: %s" % r["result"]):
        return srv.close()
    cmd = act[0]["command"]
    r = srv.request("workspace/executeCommand", {"command": cmd["command"], "arguments": cmd["arguments"]})
    check("error" not in r, "executeCommand: %s" % r)
    after = srv.diagnostics(uri)["diagnostics"]
    check(not any(d["code"] == "Spelling.Unknown" for d in after), "the word is accepted: %s" % after)
    words = open(os.path.join(tmp, ".mtlint-words.txt")).read()
    config = open(os.path.join(tmp, ".mtlint.yml")).read()
    check(words == "zorbled\n", "the word list: %r" % words)
    check(config.endswith("\nwords: [.mtlint-words.txt]\n"), "the configuration names it: %r" % config)
    # a second word goes to the same list; the configuration is not touched again
    srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"text": "They glorbed.\n"}]})
    sp = [d for d in srv.diagnostics(uri, 2)["diagnostics"] if d["code"] == "Spelling.Unknown"]
    r = srv.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": sp[0]["range"],
                                                "context": {"diagnostics": sp}})
    cmd = next(a for a in r["result"] if "word list" in a["title"])["command"]
    srv.request("workspace/executeCommand", {"command": cmd["command"], "arguments": cmd["arguments"]})
    check(open(os.path.join(tmp, ".mtlint-words.txt")).read() == "zorbled\nglorbed\n", "the second word")
    check(open(os.path.join(tmp, ".mtlint.yml")).read() == config, "the configuration is left alone")
    r = srv.request("workspace/executeCommand", {"command": "mtlint.addWord", "arguments": [uri, "two words"]})
    check(r.get("error", {}).get("code") == -32602, "a bad word is refused: %s" % r)
    srv.close()


def add_word_targets():
    """Where the word goes, by what the project has: (what, files before,
    files after, JSON-RPC error code or None). Each case in a directory of
    its own, outside any other configuration."""
    cases = [
        ("the configuration names a word list", {".mtlint.yml": "words: [names.txt]\n", "names.txt": "Torres"},
         {".mtlint.yml": "words: [names.txt]\n", "names.txt": "Torres\nzorbled\n"}, None),
        ("no configuration: both are created in the workspace folder", {},
         {".mtlint.yml": "words: [.mtlint-words.txt]\n", ".mtlint-words.txt": "zorbled\n"}, None),
        ("a configuration the added key would break is left as it was", {".mtlint.yml": "{dialect: any}\n"},
         {".mtlint.yml": "{dialect: any}\n"}, -32803),
    ]
    for what, before, after, code in cases:
        d = tempfile.mkdtemp(prefix="mtlint-lsp-words-")
        try:
            for name, text in before.items():
                with open(os.path.join(d, name), "w") as f:
                    f.write(text)
            srv = Server(d)
            initialize(srv, d)
            uri = open_doc(srv, os.path.join(d, "a.txt"), "They zorbled.\n")
            sp = [x for x in srv.diagnostics(uri, 1)["diagnostics"] if x["code"] == "Spelling.Unknown"]
            r = srv.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": sp[0]["range"],
                                                        "context": {"diagnostics": sp}})
            cmd = next(a for a in r["result"] if "word list" in a["title"])["command"]
            r = srv.request("workspace/executeCommand", {"command": cmd["command"], "arguments": cmd["arguments"]})
            check(r.get("error", {}).get("code") == code, "%s: answer %s" % (what, r))
            files = {n: open(os.path.join(d, n)).read() for n in os.listdir(d) if n != "a.txt"}
            check(files == after, "%s: files %s" % (what, files))
            check(srv.close() == 0, "%s: exit status" % what)
        finally:
            shutil.rmtree(d, ignore_errors=True)


def malformed(tmp):
    """Each bad message gets its JSON-RPC error, and the server goes on."""
    srv = Server(tmp)
    cases = [
        # (what, bytes sent, expected error code, expected id)
        ("request before initialize", srv.frame({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover",
                                                 "params": {}}), -32002, 7),
        ("body not JSON", b"Content-Length: 9\r\n\r\n{not json", -32700, None),
        ("no Content-Length", b"Content-Type: x\r\n\r\n", -32700, None),
        ("Content-Length not a number", b"Content-Length: ten\r\n\r\n", -32700, None),
        ("a JSON array", srv.frame([1, 2]), -32600, None),
        ("an id that is an object", srv.frame({"jsonrpc": "2.0", "id": {}, "method": "shutdown"}), -32600, None),
        ("method not a string", srv.frame({"jsonrpc": "2.0", "id": 8, "method": 5}), -32600, 8),
    ]
    initialized = False
    for what, data, code, rid in cases:
        srv.write(data)
        m = srv.wait(lambda m: "error" in m)
        check(m["error"]["code"] == code and m.get("id") == rid, "%s: %s" % (what, m))
        if not initialized:
            initialize(srv, tmp)
            initialized = True
    after_init = [
        ("unknown method", "textDocument/rename", {}, -32601),
        ("hover on a document not open", "textDocument/hover",
         {"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}, -32602),
        ("code action without a range", "textDocument/codeAction",
         {"textDocument": {"uri": "file:///nowhere.txt"}}, -32602),
        ("initialize twice", "initialize", {"capabilities": {}}, -32600),
        ("unknown command", "workspace/executeCommand", {"command": "rm"}, -32602),
    ]
    for what, method, params, code in after_init:
        r = srv.request(method, params)
        check(r.get("error", {}).get("code") == code, "%s: %s" % (what, r))
    # a string id is echoed as it came
    srv.write(srv.frame({"jsonrpc": "2.0", "id": "req-\u00e9", "method": "textDocument/rename", "params": {}}))
    m = srv.wait(lambda m: m.get("id") == "req-\u00e9")
    check(m.get("error", {}).get("code") == -32601, "string id: %s" % m)
    # a document with a NUL byte: not checked, and it says why
    uri = open_doc(srv, os.path.join(tmp, "nul.txt"), "a\u0000b\n")
    p = srv.diagnostics(uri, 1)["diagnostics"]
    check(len(p) == 1 and p[0]["severity"] == 1 and "binary" in p[0]["message"], "NUL document: %s" % p)
    # still serving: a hover on it answers
    r = srv.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
    check("result" in r, "the server still answers: %s" % r)
    r = srv.request("shutdown")
    r = srv.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
    check(r.get("error", {}).get("code") == -32600, "a request after shutdown: %s" % r)
    srv.notify("exit", None)
    check(srv.finish() == 0, "exit after shutdown: status 0")
    check(srv.junk is None, "nothing but framed messages on stdout: %r" % srv.junk)


def vanishing_client(tmp):
    """A client that goes away ends the server (status 1: no shutdown)."""
    srv = Server(tmp)
    initialize(srv, tmp)
    srv.p.stdin.close()
    check(srv.finish() == 1, "EOF ends the server with status 1")


def server_options_and_warnings():
    """Options on the server's command line apply to every document, as on
    the command line; a rule that gives up on a text is logged, as the
    command line says it on stderr, and the other findings still come."""
    d = tempfile.mkdtemp(prefix="mtlint-lsp-opts-")
    try:
        opts = ["--no-default-rules", "--no-spell", "--disable", "Layout",
                "--rules", os.path.join(ROOT, "tests", "data", "rules", "costly")]
        text = open(os.path.join(ROOT, "tests", "golden", "rules-costly-pattern", "stdin"), encoding="utf-8").read()
        path = os.path.join(d, "costly.txt")
        srv = Server(d, opts)
        initialize(srv, d)
        uri = open_doc(srv, path, text)
        got = srv.diagnostics(uri, 1)["diagnostics"]
        log = srv.wait(lambda m: m.get("method") == "window/logMessage")["params"]
        check(log["type"] == 2 and "Costly.Nested" in log["message"] and "gave up" in log["message"],
              "the give-up warning is logged: %s" % log)
        r = subprocess.run([MTLINT, "--format", "json", *opts, "--stdin-filename", path, "-"], cwd=d,
                           input=text.encode(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        want = expected(json.loads(r.stdout)["files"][0]["findings"], text, "utf-16", {})
        check(got == want, "server options: " + show_diff(got, want))
        srv.close()
    finally:
        shutil.rmtree(d, ignore_errors=True)


def untitled(tmp):
    """An unsaved buffer (no file) is read in the syntax of its language:
    inline code is skipped in Markdown, checked in plain text."""
    srv = Server(tmp)
    initialize(srv, tmp)
    text = "Run `the the` here.\n"
    for k, (language, codes) in enumerate([("markdown", []), ("plaintext", ["MT.DoubledWord"]), ("html", [])]):
        uri = "untitled:Untitled-%d" % k
        srv.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": 1,
                                                             "text": text if language != "html" else
                                                             "<p>Run <code>the the</code> here.</p>\n"}})
        got = [d["code"] for d in srv.diagnostics(uri, 1)["diagnostics"]]
        check(got == codes, "an unsaved %s buffer: %s" % (language, got))
    srv.close()


def parent_gone(tmp):
    """A client whose process has ended, though the server's stdin stays
    open (another process holds it), ends the server: LSP's processId."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    srv = Server(tmp)
    srv.request("initialize", {"processId": dead.pid, "capabilities": {}})
    srv.notify("initialized", {})
    check(srv.finish() == 1, "the server ends when its client's process is gone")


def broken_config(tmp, links):
    """A broken .mtlint.yml: the documents say so, stdout stays protocol,
    and the server checks again once the file is mended."""
    d = os.path.join(tmp, "broken")
    os.mkdir(d)
    cfg = os.path.join(d, ".mtlint.yml")
    with open(cfg, "w") as f:
        f.write("source: es\nbogus: 1\n")
    srv = Server(d)
    initialize(srv, d)
    shown = srv.wait(lambda m: m.get("method") == "window/showMessage")
    check("bogus" in shown["params"]["message"], "the problem is shown: %s" % shown)
    uri = open_doc(srv, os.path.join(d, "a.txt"), "It was the the end.\n")
    p = srv.diagnostics(uri, 1)["diagnostics"]
    check(len(p) == 1 and "bogus" in p[0]["message"], "the document says why it is not checked: %s" % p)
    with open(cfg, "w") as f:
        f.write("source: es\n")
    srv.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri_of(cfg), "type": 2}]})
    p = srv.diagnostics(uri, 1)["diagnostics"]
    check([x["code"] for x in p] == ["MT.DoubledWord"], "after the repair: %s" % p)
    srv.close()
    check(srv.junk is None and b"bogus" in srv.stderr, "stdout stays protocol, the problem goes to stderr")

    # a broken configuration below a good one: every check of a document
    # it governs says why, not only the first
    sub = os.path.join(tmp, "sub")
    os.mkdir(sub)
    with open(os.path.join(sub, ".mtlint.yml"), "w") as f:
        f.write("bogus: 1\n")
    srv = Server(tmp)
    initialize(srv, tmp)
    uri = open_doc(srv, os.path.join(sub, "b.txt"), "It was the the end.\n")
    for version in (1, 2):
        if version == 2:
            srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                  "contentChanges": [{"text": "Still the the end.\n"}]})
        p = srv.diagnostics(uri, version)["diagnostics"]
        check(len(p) == 1 and "bogus" in p[0]["message"], "sub-directory configuration, check %d: %s" % (version, p))
    srv.close()


def reload_triggers(tmp):
    """Each way an editor reports a changed configuration reloads it."""
    d = os.path.join(tmp, "reload")
    os.mkdir(d)
    cfg = os.path.join(d, ".mtlint.yml")
    with open(cfg, "w") as f:
        f.write("source: es\n")
    srv = Server(d)
    r = srv.request("initialize", {"processId": None, "rootUri": uri_of(d), "capabilities": {
        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}})
    srv.notify("initialized", {})
    reg = srv.wait(lambda m: m.get("method") == "client/registerCapability")
    globs = [w["globPattern"] for w in reg["params"]["registrations"][0]["registerOptions"]["watchers"]]
    check("**/.mtlint.yml" in globs, "the server asks to watch configurations: %s" % globs)
    srv.write(srv.frame({"jsonrpc": "2.0", "id": reg["id"], "result": None}))  # the client's answer
    uri = open_doc(srv, os.path.join(d, "a.txt"), "It was the the end.\n")
    check([x["code"] for x in srv.diagnostics(uri, 1)["diagnostics"]] == ["MT.DoubledWord"], "before the reloads")
    cfg_uri = open_doc(srv, cfg, "source: es\n", "yaml")
    check(srv.diagnostics(cfg_uri)["diagnostics"] == [], "a configuration is not checked as prose")
    triggers = [
        ("didChangeWatchedFiles", "workspace/didChangeWatchedFiles", {"changes": [{"uri": uri_of(cfg), "type": 2}]}),
        ("didChangeConfiguration", "workspace/didChangeConfiguration", {"settings": {}}),
        ("didSave of .mtlint.yml", "textDocument/didSave", {"textDocument": {"uri": cfg_uri}}),
    ]
    for k, (what, method, params) in enumerate(triggers):
        off = k % 2 == 0
        with open(cfg, "w") as f:
            f.write("source: es\n" + ("disable: [MT.DoubledWord]\n" if off else ""))
        srv.notify(method, params)
        codes = [x["code"] for x in srv.diagnostics(uri, 1)["diagnostics"]]
        check(codes == ([] if off else ["MT.DoubledWord"]), "%s reloads the configuration: %s" % (what, codes))
    srv.close()


def main():
    tmp = tempfile.mkdtemp(prefix="mtlint-lsp-")
    try:
        links = setup(tmp)
        for scenario in (lambda: sample_against_cli(tmp, links), lambda: edit_session(tmp, links),
                         lambda: markdown_disable(tmp, links), lambda: add_word(tmp, links), add_word_targets, server_options_and_warnings,
                         lambda: malformed(tmp), lambda: vanishing_client(tmp), lambda: parent_gone(tmp), lambda: untitled(tmp),
                         lambda: broken_config(tmp, links), lambda: reload_triggers(tmp)):
            try:
                scenario()
            except (EOFError, queue.Empty, StopIteration, KeyError, IndexError, BrokenPipeError) as e:
                check(False, "scenario stopped: %r" % e)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("lsp client: %d checks, %d failed" % (checks, len(failures)), file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
