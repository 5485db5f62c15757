#!/usr/bin/env python3
"""Checks a DOM that headless Chromium rendered from mtlint's html report
(--dump-dom) against the JSON report of the same run:
  - every file of the JSON report has one element with its data-path and
    data-score (its score): a section, or, for a file without findings
    and without its text, its row of the overview; the section of a file
    with findings holds one distinct data-finding index per finding;
  - the text of every finding's marks, pieces joined in page order, is its
    `match` (whitespace runs read as one space, as in the JSON);
  - --inert: no markup from the input or the rules became an element or an
    attribute, and no script but the report's own ran.
Usage: html_check.py DOM JSON [--inert]; prints what is wrong, exit 1."""
import json
import re
import sys
from html.parser import HTMLParser

# end tags the report leaves out: a start tag closes these open elements
IMPLIED = {"li": {"li"}, "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr", "td", "th"},
           "tbody": {"thead", "tr", "td", "th"}}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPACE = re.compile(r"[ \t\n\r\f\v\x85\u2028\u2029]+")


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.kids = tag, dict(attrs), parent, []

    def text(self):
        return "".join(k if isinstance(k, str) else k.text() for k in self.kids)

    def walk(self):
        yield self
        for k in self.kids:
            if isinstance(k, Node):
                yield from k.walk()


class Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        while self.cur.tag in IMPLIED.get(tag, ()):
            self.cur = self.cur.parent
        n = Node(tag, attrs, self.cur)
        self.cur.kids.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.kids.append(data)


def main():
    dom_path, json_path = sys.argv[1], sys.argv[2]
    inert = "--inert" in sys.argv[3:]
    b = Builder()
    with open(dom_path, encoding="utf-8") as f:
        b.feed(f.read())
    with open(json_path, encoding="utf-8") as f:
        report = json.load(f)
    bad = []
    holders = [n for n in b.root.walk() if "data-path" in n.attrs]
    if sorted(n.attrs["data-path"] for n in holders) != sorted(f["path"] for f in report["files"]):
        bad.append("data-path elements %r, files %r" % ([n.attrs["data-path"] for n in holders],
                                                        [f["path"] for f in report["files"]]))
    by_path = {n.attrs["data-path"]: n for n in holders}
    checked = 0
    for f in report["files"]:
        sec = by_path.get(f["path"])
        if sec is None:
            bad.append("%s: no element with its data-path" % f["path"])
            continue
        if "findings" not in f:
            continue
        value, got = f["score"]["value"], sec.attrs.get("data-score")
        if (got != "") if value is None else (not got or float(got) != value):
            bad.append("%s: data-score %r, json %r" % (f["path"], sec.attrs.get("data-score"), value))
        if f["findings"] and sec.tag != "section":
            bad.append("%s: %d findings but no section" % (f["path"], len(f["findings"])))
            continue
        pieces = {}
        for m in sec.walk():
            if m.tag == "mark" and "data-finding" in m.attrs:
                pieces.setdefault(int(m.attrs["data-finding"]), []).append(m)
        if sorted(pieces) != list(range(len(f["findings"]))):
            bad.append("%s: %d findings in json, mark indices %s" % (f["path"], len(f["findings"]), sorted(pieces)))
        for i, fd in enumerate(f["findings"]):
            marks = pieces.get(i, [])
            got = SPACE.sub(" ", "".join(m.text() for m in marks))
            if got != fd["match"]:
                bad.append("%s: finding %d (%s): marks read %r, match is %r" % (f["path"], i, fd["rule"], got, fd["match"]))
            if any(m.attrs.get("data-rule") != fd["rule"] or m.attrs.get("data-severity") != fd["severity"] for m in marks):
                bad.append("%s: finding %d: data-rule/data-severity differ from the json" % (f["path"], i))
            checked += 1
    if inert:
        nodes = list(b.root.walk())
        tags = {n.tag for n in nodes}
        for t in ("img", "textarea", "b", "iframe", "object"):
            if t in tags:
                bad.append("inert: a <%s> element was created from the input" % t)
        scripts = [n for n in nodes if n.tag == "script"]
        if len(scripts) != 1:
            bad.append("inert: %d script elements, the report has one" % len(scripts))
        for n in nodes:
            for a in n.attrs:
                if a.startswith("on") or a == "data-pwned":
                    bad.append("inert: <%s %s=...> in the page" % (n.tag, a))
        text = b.root.text()
        for literal in ("<script>document.documentElement", "</textarea><img src=x", "<b>bold</b>",
                        "<img src=x onerror="):
            if literal not in text:
                bad.append("inert: %r is not shown as text" % literal)
    for m in bad:
        print("html_check: " + m)
    if not checked:
        print("html_check: no finding was checked")
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
