#!/usr/bin/env python3
"""Sanity check for tests/import/pages: every fact is well-formed and every literal fact
(title, heading, bio, author name, keep, drop) is a substring of the page's visible text.

Visible text: the decoded page (meta charset: gb2312/gbk/gb18030 -> GB18030, big5 -> Big5,
otherwise UTF-8), minus <head>, <script>, <style>, <noscript>, <template>, <svg> and comments,
entities decoded, NBSP and runs of whitespace folded to one space, one line per block element.
Also checks that no drop string occurs inside a kept string (the facts would contradict each
other) and that a listing's count is a positive integer.

usage: check_facts.py [PAGE.html ...]   (default: every pages/*.html beside this script)
"""
import glob
import html.parser
import os
import re
import sys
import unicodedata

QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})
DELETED = re.compile(r"[\s\u00ad\u2010\u2011\u200b-\u200d\u2060\ufeff-]")


def norm(s):  # as tests/import_eval.py matches text: NFKC, no whitespace or hyphens, straight quotes
    return DELETED.sub("", unicodedata.normalize("NFKC", s).translate(QUOTES))

BLOCK = set("""address article aside blockquote body br dd details dialog div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody
td tfoot th thead tr ul option select button amp-img amp-sidebar amp-accordion""".split())
SKIP = {"head", "script", "style", "noscript", "template", "svg", "title", "iframe", "textarea"}
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed", "param", "track"}
KEYS = {"kind", "listing", "title", "section", "date", "lang", "author", "heading", "bio", "keep", "drop"}


def decode(raw):
    head = raw[:4096].decode("ascii", "replace").lower()
    m = re.search(r'charset\s*=\s*["\']?([a-z0-9_-]+)', head)
    cs = m.group(1) if m else "utf-8"
    if cs in ("gb2312", "gbk", "gb18030"):
        return raw.decode("gb18030"), "gb18030"
    if cs in ("big5", "big5-hkscs", "cp950"):
        return raw.decode("big5"), "big5"
    return raw.decode("utf-8-sig"), "utf-8"


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.cur, self.skip = [], [], []

    def flush(self):
        s = re.sub(r"\s+", " ", "".join(self.cur).replace("\u00a0", " ")).strip()
        if s:
            self.lines.append(s)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP and tag not in VOID:
            self.skip.append(tag)
        if tag in BLOCK:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if self.skip and self.skip[-1] == tag:
            self.skip.pop()
        elif tag in SKIP and tag in self.skip:
            while self.skip and self.skip.pop() != tag:
                pass
        if tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)


def check(page):
    errors, notes = [], []
    raw = open(page, "rb").read()
    try:
        doc, enc = decode(raw)
    except UnicodeDecodeError as e:
        return [f"does not decode: {e}"], []
    p = Text()
    p.feed(doc)
    p.close()
    p.flush()
    lines = p.lines
    text = "\n".join(lines)
    facts = os.path.splitext(page)[0] + ".facts"
    if not os.path.exists(facts):
        return [f"no {facts}"], []
    kept, drops, seen = [], [], {}
    for n, line in enumerate(open(facts, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.match(r"([a-z]+): (.*)$", line)
        if not m or m.group(1) not in KEYS:
            errors.append(f"{facts}:{n}: bad fact line: {line!r}")
            continue
        key, val = m.group(1), m.group(2).split("  #")[0].rstrip()
        seen.setdefault(key, []).append(val)
        lit = []
        if key in ("title", "heading", "keep"):
            lit = [val]
        elif key == "bio" and val != "(none)":
            lit = [val]
        elif key == "section" and val != "(none)":
            lit = [val]
        elif key == "author":
            parts = [x.strip() for x in val.split("|")]
            if len(parts) != 3 or not parts[0]:
                errors.append(f"{facts}:{n}: author needs 'Name | Position | Organization'")
            lit = [x for x in parts if x]
        elif key == "date" and val != "(none)" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", val):
            errors.append(f"{facts}:{n}: bad date {val!r}")
        elif key == "lang" and val not in ("en", "zh-Hans", "zh-Hant", "zh-Hant-HK"):
            errors.append(f"{facts}:{n}: bad lang {val!r}")
        elif key == "kind" and val not in ("article", "listing"):
            errors.append(f"{facts}:{n}: bad kind {val!r}")
        elif key == "listing" and not re.fullmatch(r"[1-9][0-9]*", val):
            errors.append(f"{facts}:{n}: bad listing count {val!r}")
        if key == "drop":
            drops.append((n, val))
            lit = [val]
        elif key in ("title", "heading", "keep", "bio", "author", "section"):
            kept.extend((n, x) for x in lit)
        for s in lit:
            if s not in text:
                errors.append(f"{facts}:{n}: not in the visible text: {s!r}")
        if key == "keep" and val in text and val not in lines:
            notes.append(f"{facts}:{n}: keep is part of a block, not a whole block: {val[:40]!r}")
    for n, d in drops:
        if len(norm(d)) < 2:
            notes.append(f"{facts}:{n}: drop {d!r} is shorter than 2 characters (import_eval.py does not score it)")
        for k, s in kept:
            if norm(d).lower() in norm(s).lower():
                errors.append(f"{facts}:{n}: drop {d!r} occurs (normalised, ignoring case) inside a kept string (line {k})")
    kind = seen.get("kind", ["article"])[0]
    if kind == "listing" and "listing" not in seen:
        errors.append(f"{facts}: a listing needs 'listing: N'")
    if kind == "article":
        for key in ("title", "date", "lang", "keep"):
            if key not in seen:
                errors.append(f"{facts}: no {key}")
    for key in ("title", "section", "date", "lang", "bio", "kind", "listing"):
        if len(seen.get(key, [])) > 1:
            errors.append(f"{facts}: {key} given {len(seen[key])} times")
    notes.insert(0, f"{enc}, {len(lines)} text lines, {len(seen.get('keep', []))} keep, {len(drops)} drop")
    return errors, notes


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    pages = sys.argv[1:] or sorted(glob.glob(os.path.join(here, "pages", "*.html")))
    bad = 0
    for page in pages:
        errors, notes = check(page)
        print(f"{'FAIL' if errors else 'ok  '} {os.path.basename(page)}: {notes[0] if notes else ''}")
        for e in errors:
            print("   ", e)
        for x in notes[1:]:
            print("    note:", x)
        bad += bool(errors)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
