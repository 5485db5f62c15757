#!/usr/bin/env python3
"""Writes words.txt, the built-in word list of the dictionary equivalence
test (make dict-equiv): the words of the repository's own texts (samples,
golden inputs, rule files, README, supplement dictionaries) and, from them,
the shapes Hunspell treats specially: capitalised, ALL CAPS, possessive,
hyphen compounds of two to four parts and hyphens at the ends, ordinal and
plain numbers, dotted abbreviations, curly apostrophes, mixed case.
Deterministic: run it from the repository root to regenerate the list."""
import glob, random, re

random.seed(11)
texts = []
for pat in ["tests/samples/*", "tests/golden/*/stdin", "tests/golden/*/args", "README.md",
            "rules/**/*.yml", "tests/data/rules/**/*.yml", "dictionaries/*.dic"]:
    for f in sorted(glob.glob(pat, recursive=True)):
        texts.append(open(f, encoding="utf-8", errors="replace").read())
words = set()
for t in texts:
    for w in re.findall(r"[^\W\d_][\w'’]*", t):
        words.add(w.strip("'’"))
base = sorted(w for w in words if w and len(w.encode()) < 60)
base = sorted(random.sample(base, min(len(base), 1200)))
out = set(base)
for w in base:
    out.add(w[:1].upper() + w[1:])
    out.add(w.upper())
    out.add(w.lower())
    out.add(w + "'s")
    out.add(w + "’s")
    out.add(w + ".")
lower = [w for w in base if w.islower()]
for _ in range(500):
    k = random.choice([2, 2, 2, 3, 4])
    c = "-".join(random.choice(lower) for _ in range(k))
    out.add(c)
    out.add(c[:1].upper() + c[1:])
    out.add(c.upper())
for w in random.sample(lower, 100):
    out.add("-" + w)
    out.add(w + "-")
    out.add("non-" + w)
    out.add("Anti-" + w)
for n in list(range(0, 40)) + [100, 101, 102, 103, 111, 112, 113, 121, 1000, 2019, 2020]:
    for suf in ["", "st", "nd", "rd", "th", "s", "'s", "th's"]:
        out.add(f"{n}{suf}")
        out.add(f"{n}{suf}".upper())
out.update(["1,000", "1.000", "3,5", "3.5", "1990s", "1,000,000", "1..2", "1-2", "12-year-old",
            "U.S.", "U.K.", "e.g.", "i.e.", "etc.", "Mr.", "Dr.", "a.m.", "p.m.", "Inc.",
            "don't", "don’t", "o'clock", "O'Clock", "O'CLOCK", "rock'n'roll", "'tis",
            "McDonald", "MCDONALD", "Mcdonald", "McDonald's", "MCDONALD'S", "iPhone", "IPHONE",
            "Iphone", "eBay", "EBAY", "Ebay", "NATO", "Nato", "nato", "OPEC", "Opec", "UNICEF",
            "Unicef", "HD-DVD", "Hd-dvd", "hd-dvd", "so-and-so", "so-and-sos", "mother-in-law",
            "mothers-in-law", "well-known", "Well-Known", "WELL-KNOWN", "co-operate", "re-elect",
            "self-defence", "self-defense", "colour", "color", "Colour", "COLOR", "organise",
            "organize", "ü", "straße", "STRASSE", "Straße", "l'Europe", "L'EUROPE", "dell'anno",
            "qu'il", "aujourd'hui", "œuvre", "Œuvre", "ﬁnance", "café", "CAFÉ", "Café", "naïve",
            "niño", "NIÑO", "según", "Según", "también", "administración", "tortilla", "plazo",
            "São", "Paulo", "Bogotá", "BOGOTÁ", "bogotá", "Zürich", "-", "--", "a-", "-a", "a--b"])
with open("tests/data/dict-equiv/words.txt", "w", encoding="utf-8") as f:
    for w in sorted(out):
        if w and "\n" not in w and len(w.encode()) < 200:
            f.write(w + "\n")
