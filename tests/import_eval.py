#!/usr/bin/env python3
"""import_eval.py: score `inkstone import` on real pages (corpus records + annotations) and on
test pages (NAME.html|NAME.txt + NAME.facts). Python 3 standard library only.

  python3 tests/import_eval.py --inkstone BIN --corpus ../shared/corpus --ann tests/import/corpus.ann
  python3 tests/import_eval.py --inkstone BIN --pages tests/import/pages [--via md] [--verbose]
  (--ann may be repeated; --only 'en-*' picks records; --show prints every annotated span and stops;
  --outputs DIR scores DIR/NAME.md made by another extractor; --json FILE keeps every detail)

What is scored, per page, then in total:
- fields: title, section, date, lang, each author's name, position and organization, each subheading,
  the bio. After NFKC and whitespace collapse: the title equal; section, date, lang and author names
  equal ignoring case; position/organization found (ignoring case) in the produced one; a heading
  equal to a `## ` line and the bio found in `bio`, both match-normalised (below). Facts' `(none)`:
  the key must be absent; a corpus `-`: not scored.
- sentences kept: the article text (corpus: the record minus its title/section/author/chrome/ignore
  spans, each removed span a sentence break; pages: the `keep:` lines) is split into sentences (at
  。！？；!? and at .?! followed by a space or the line end, closing quotes staying with the sentence;
  also at line breaks). Each sentence of 4 or more characters after match-normalisation (NFKC, no
  whitespace, no hyphens or soft hyphens, curly quotes made straight) must occur in the output text:
  the rendered PDF's text (`pdftotext`, running heads and page numbers removed) by default, or with
  `--via md` the article's front matter values and Markdown body with markup removed.
- chrome left: each chrome span / `drop:` string that still occurs in that output text. A span shorter
  than 2 characters, or whose text also occurs in the kept article text, is not scored.
- listing pages (`kind: listing`, `listing: N`): right when import exits 2 and says `lists N articles`.
A page whose import fails keeps 0 sentences. With --outputs a listing page is right when it has no
NAME.md. The annotation format is described in tests/import/corpus.ann.
Exit status: 0, or 1 when --min-sentences / --max-chrome / --min-fields is not met, 2 on bad input.
"""
import argparse, concurrent.futures, fnmatch, html, json, os, re, shutil, subprocess, sys, tempfile
import unicodedata

QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})
DELETED = re.compile(r"[\s\u00ad\u2010\u2011\u200b-\u200d\u2060\ufeff-]")
SENTENCE_END = re.compile(r"[。！？；!?][”’」』）)\"']*|\.[”’)\]\"']*(?=\s|$)")
SPAN = re.compile(r"L(\d+)(?:-L?(\d+))?(?::c(\d+)-(\d*))?$")

class InputError(Exception):
    pass

def norm(s):  # for matching text in the output
    return DELETED.sub("", unicodedata.normalize("NFKC", s).translate(QUOTES))

def collapse(s):  # for comparing field values
    return " ".join(unicodedata.normalize("NFKC", s or "").split())

def sentences(text):
    for line in text.split("\n"):
        start = 0
        for m in SENTENCE_END.finditer(line):
            yield line[start:m.end()].strip()
            start = m.end()
        yield line[start:].strip()

def strip_comment(line, loose):  # ann: '#' anywhere; facts: a full line, or 2+ spaces then '#'
    return re.sub(r"#.*" if loose else r"^\s*#.*|\s{2,}#.*", "", line).strip()

# ---------------------------------------------------------------- what a page should give
class Expect:
    def __init__(self, group, name, source):
        self.group, self.name, self.source = group, name, source
        self.fields = []      # (kind, expected or None for "must be absent", ref)
        self.authors = []     # {"name", "position", "organization", "ref"}
        self.sentences = []   # (ref, text)
        self.chrome = []      # (ref, text)
        self.kept = ""        # match-normalised kept text, for the chrome skip rule
        self.listing = None
        self.note = None      # "no annotation" / "no facts"

    def add_chrome(self, ref, text):
        n = norm(text)
        if len(n) >= 2 and n not in self.kept:
            self.chrome.append((ref, text.strip()))

def decode(raw):  # UTF-8, else GB18030 (the SogouCA records), line by line
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return "\n".join(decode(l) for l in raw.split(b"\n")) if b"\n" in raw else raw.decode("gb18030", "replace")

def read_record(path):
    return decode(open(path, "rb").read()).removeprefix("\ufeff").replace("\r\n", "\n").split("\n")

def parse_ann(paths):
    """{record file name: [(key, value, "file:line")]} from one or more annotation files."""
    records = {}
    for path in paths:
        current = None
        for i, raw in enumerate(open(path, encoding="utf-8"), 1):
            line, where = strip_comment(raw, True), f"{path}:{i}"
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                current = line[1:-1].strip()
                if current in records:
                    print(f"{where}: warning: {current} annotated again; the later section wins", file=sys.stderr)
                records[current] = []
            elif current is None or ":" not in line:
                raise InputError(f"{where}: error: expected [record.txt] or key: value")
            else:
                key, value = (s.strip() for s in line.split(":", 1))
                records[current].append((key, value, where))
    return records

def resolve(value, lines, where):
    """Span list `L3 L4:c0-9 L7:c12- L20-L24` -> [(line, start, end)], checked against the record."""
    spans = []
    for tok in value.split():
        m = SPAN.match(tok)
        if not m or (m[2] and m[3] is not None):
            raise InputError(f"{where}: error: bad span {tok!r}")
        first, last = int(m[1]), int(m[2] or m[1])
        if not 1 <= first <= last <= len(lines):
            raise InputError(f"{where}: error: {tok} outside the record's {len(lines)} lines")
        for n in range(first, last + 1):
            start = int(m[3]) if m[3] is not None else 0
            end = int(m[4]) if m[4] else len(lines[n - 1])
            if not start <= end <= len(lines[n - 1]):
                raise InputError(f"{where}: error: {tok}: line {n} has {len(lines[n - 1])} code points")
            spans.append((n, start, end))
    return spans

def span_text(spans, lines):
    return " ".join(lines[n - 1][s:e].strip() for n, s, e in spans)

def corpus_expect(name, path, entries):
    lines = read_record(path)
    exp, removed, chrome = Expect("corpus", name, path), {}, []
    for key, value, where in entries:
        literal = key in ("date", "lang")
        if value == "-" or key not in ("title", "section", "date", "lang", "author", "position",
                                       "organization", "heading", "bio", "chrome", "ignore"):
            if value != "-":
                print(f"{where}: warning: unknown key {key!r}", file=sys.stderr)
            continue
        spans = [] if literal else resolve(value, lines, where)
        text, ref = (value if literal else span_text(spans, lines)), (value if literal else value.split()[0])
        if key in ("title", "section", "author", "position", "organization", "chrome", "ignore"):
            for n, s, e in spans:
                removed.setdefault(n, []).append((s, e))
        if key == "author":
            exp.authors.append({"name": text, "position": None, "organization": None, "ref": ref})
        elif key in ("position", "organization"):
            if not exp.authors:
                raise InputError(f"{where}: error: {key} before any author line")
            exp.authors[-1][key] = text
        elif key == "chrome":
            chrome.extend((f"L{n}", lines[n - 1][s:e]) for n, s, e in spans)
        elif key != "ignore":
            exp.fields.append((key, text, ref))
    kept = []
    for n, line in enumerate(lines, 1):
        pos = 0
        for s, e in sorted(removed.get(n, [])) + [(len(line), len(line))]:
            if s > pos:
                kept.append(line[pos:s])
                exp.sentences += [(f"L{n}", t) for t in sentences(line[pos:s]) if len(norm(t)) >= 4]
            pos = max(pos, e)
    exp.kept = "\n".join(norm(k) for k in kept)
    for ref, text in chrome:
        exp.add_chrome(ref, text)
    return exp

def facts_expect(name, page, facts_path):
    exp, drops = Expect("pages", name, page), []
    for i, raw in enumerate(open(facts_path, encoding="utf-8"), 1):
        line, ref = strip_comment(raw, False), f"{os.path.basename(facts_path)}:{i}"
        if not line:
            continue
        key, _, value = (s.strip() for s in line.partition(":"))
        none = value == "(none)"
        if key == "kind":
            exp.listing = (exp.listing or 0) if value == "listing" else exp.listing
        elif key == "listing":
            exp.listing = int(value) if value.isdigit() else 0
        elif key in ("title", "section", "date", "lang", "bio", "heading"):
            exp.fields.append((key, None if none else value, ref))
        elif key == "author":
            parts = [p.strip() for p in value.split("|")] + ["", ""]
            exp.authors.append({"name": parts[0], "position": parts[1] or None,
                                "organization": parts[2] or None, "ref": ref})
        elif key == "keep":
            exp.sentences += [(ref, t) for t in sentences(value) if len(norm(t)) >= 4]
            exp.kept += "\n" + norm(value)
        elif key == "drop":
            drops.append((ref, value))
        else:
            print(f"{facts_path}:{i}: warning: unknown key {key!r}", file=sys.stderr)
    for ref, text in drops:
        exp.add_chrome(ref, text)
    return exp

# ---------------------------------------------------------------- what the import gave
def _scalar(s):
    s = s.strip()
    if s.startswith('"') and s.endswith('"') and len(s) >= 2:
        try:
            return json.loads(s)
        except ValueError:
            return s[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if s.startswith("'") and s.endswith("'") and len(s) >= 2:
        return s[1:-1].replace("''", "'")
    return re.sub(r"\s+#.*$", "", s)

def parse_article(text):
    """(front matter, body) for the YAML inkstone writes: scalars, `|` blocks, [a, b], lists of maps."""
    m = re.match(r"---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)(.*)", text, re.S)
    if not m:
        return {}, text
    fm, key, blocks = {}, None, set()
    for line in m[1].split("\n"):
        kv = re.match(r"([A-Za-z_][\w-]*):\s*(.*)$", line)
        if kv:  # a top-level key
            key, rest = kv[1], kv[2].strip()
            if rest[:1] in ("|", ">") or not rest:
                fm[key] = []
                blocks |= {key} if rest else set()
            else:
                fm[key] = [_scalar(x) for x in rest[1:-1].split(",") if x.strip()] if rest[0] == "[" else _scalar(rest)
        elif key in blocks:
            fm[key].append(line.strip())
        elif key and isinstance(fm[key], list) and line.strip():
            item = re.match(r"\s*(-\s*)?(?:([\w-]+):(?:\s+|$))?(.*)$", line)
            if item[1]:
                fm[key].append({} if item[2] else _scalar(item[3]))
            if item[2] and fm[key] and isinstance(fm[key][-1], dict):
                fm[key][-1][item[2]] = _scalar(item[3])
    for k in blocks:
        fm[k] = "\n".join(fm[k]).strip()
    return fm, m[2]

def values(v):  # every scalar of the front matter
    return [x for val in (v.values() if isinstance(v, dict) else v) for x in values(val)] \
        if isinstance(v, (dict, list)) else [str(v)]

def markdown_text(fm, body):
    out = values(fm)
    for line in body.split("\n"):
        if re.match(r"\s*(:::|```|~~~)|\s*([-*_]\s*){3,}$", line):
            continue
        s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~<>])", lambda m: "\ue000%04x" % ord(m[1]), line)
        s = re.sub(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$|^\s*(>\s*)+|^\s*([-*+]|\d+[.)])\s+|^\[\^[^\]]*\]:\s*", "", s)
        s = re.sub(r"!\[[^\]]*\]\([^)]*\)|\[\^[^\]]*\]|<[^>]+>|\\$", "", s)
        s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
        s = re.sub(r"\*+|`+|~~|(?<!\w)_+(?=\S)|(?<=\S)_+(?!\w)", "", s)
        out.append(html.unescape(re.sub(r"\ue000([0-9a-f]{4})", lambda m: chr(int(m[1], 16)), s)))
    return "\n".join(out)

def pdf_text(pdf, title="", section=""):
    """pdftotext's text without running heads/feet (edge lines repeated on other pages, or the
    article's title at the top of a later page) and page numbers."""
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    pages = [[l for l in p.split("\n") if l.strip()] for p in raw.split("\f")]
    pages = [p for p in pages if p]
    key = lambda l: re.sub(r"\d+", "#", l.strip())
    edge = lambda p, i: i < 2 or i >= len(p) - 3
    seen = {}
    for p in pages:
        for k in {key(l) for i, l in enumerate(p) if edge(p, i)}:
            seen[k] = seen.get(k, 0) + 1
    # A later page's first lines: the title, or a short line with no stop (the publisher's or the
    # section's running head; a paragraph's last line at a page top ends with a stop).
    head = lambda p, n, i, l: n > 0 and i < 2 and (
        (title and (l.strip() == title.strip() or (l.strip().endswith("…") and title.startswith(l.strip()[:-1]))))
        or (section and l.strip() == section.strip())
        or (i == 0 and len(l.strip()) <= (16 if re.search(r"[\u3400-\u9fff]", l) else 60) and not re.search(r"[.!?。！？]\W*$", l.strip())))
    return "\n".join(l for n, p in enumerate(pages) for i, l in enumerate(p)
                     if not (edge(p, i) and (seen[key(l)] > 1 or re.fullmatch(r"[#/\s–—-]+", key(l)) or head(p, n, i, l))))

# ---------------------------------------------------------------- running and scoring
def run(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        return p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        return 124, "timed out"
    except OSError as e:  # e.g. the binary replaced while we run
        return 126, str(e)

def evaluate(exp, args, tmp):
    r = {"name": exp.name, "group": exp.group, "status": "ok", "missing": [], "chrome_left": [],
         "fields": [], "sentences": len(exp.sentences)}
    md = os.path.join(tmp, f"{exp.group}-{exp.name}.md")
    if args.outputs:
        md = os.path.join(args.outputs, exp.name + ".md")
        rc, err = (0, "") if os.path.exists(md) else (1, "no output file")
    else:
        rc, err = run([args.inkstone, "import", exp.source, "-o", md])
    if exp.listing is not None:
        ok = rc != 0 if args.outputs else rc == 2 and f"lists {exp.listing} articles" in err
        r["fields"].append(("listing", f"lists {exp.listing} articles", f"exit {rc}", ok))
        r["status"] = "listing " + ("right" if ok else f"wrong (exit {rc})")
        return r
    fm, body, text, pdf = {}, "", "", os.path.join(tmp, f"{exp.group}-{exp.name}.pdf")
    imported = rc == 0
    if not imported:
        r["status"] = "no output file" if args.outputs else f"import failed (exit {rc}): {err.strip()[:200]}"
    else:
        fm, body = parse_article(open(md, encoding="utf-8", errors="replace").read())
        rc, err = (0, "") if args.via == "md" else run([args.inkstone, "render", md, "-o", pdf])
        try:
            text = markdown_text(fm, body) if args.via == "md" else pdf_text(pdf, str(fm.get("title", "")), str(fm.get("section", ""))) if rc == 0 else ""
        except (subprocess.SubprocessError, OSError) as e:
            rc, err = 1, f"pdftotext: {e}"
        if rc != 0:
            r["status"] = f"render failed (exit {rc}): {err.strip()[:200]}"
    out = norm(text)
    r["missing"] = [(ref, s) for ref, s in exp.sentences if not out or norm(s) not in out]
    # What the renderer itself prints in the article's head is no chrome left in: the bio's label
    # and each author's "position, organization" line (fields are scored as fields).
    chrome_out = out
    if args.via == "pdf" and out:
        made = ["About the authors", "About the author", "作者简介", "作者簡介"]
        for a in fm.get("authors") or []:
            if isinstance(a, dict):
                pos, org = str(a.get("position", "") or ""), str(a.get("organization", "") or "")
                made += [p for p in (", ".join(x for x in (pos, org) if x), pos, org) if p]
        for m in sorted({norm(x) for x in made}, key=len, reverse=True):
            if m:
                chrome_out = chrome_out.replace(m, "\0")
    r["chrome_left"] = [(ref, c) for ref, c in exp.chrome if chrome_out and norm(c) in chrome_out]
    r["fields"] = [f if imported else (*f[:3], False) for f in score_fields(exp, fm, body)]
    return r

def score_fields(exp, fm, body):
    got = lambda k: fm.get(k) if isinstance(fm.get(k), str) and fm.get(k).strip() else None
    headings = {norm(re.sub(r"\*+|`+", "", m[1])) for m in re.finditer(r"(?m)^## +(.*?)(?:\s+#+)?\s*$", body)}
    res = []
    for kind, want, ref in exp.fields:
        have = got(kind)
        if kind == "heading":  # (none): no subheadings at all
            ok = not headings if want is None else norm(want) in headings
            have = "(a ## heading)" if ok and want else "(%d ## headings)" % len(headings)
        elif want is None:
            ok = have is None
        elif have is None:
            ok = False
        elif kind == "title":
            ok = collapse(have) == collapse(want)
        elif kind == "bio":
            ok = norm(want) in norm(have)
        else:  # section, date, lang
            ok = collapse(have).casefold() == collapse(want).casefold()
        res.append((f"{kind} ({ref})", want or "(none)", have or "(none)", ok))
    produced = [a if isinstance(a, dict) else {"name": a} for a in fm.get("authors") or []]
    for a in exp.authors:
        same = lambda p: collapse(p.get("name")).casefold() == collapse(a["name"]).casefold()
        match = next((p for p in produced if same(p)), None)
        res.append((f"author ({a['ref']})", a["name"], ", ".join(str(p.get("name")) for p in produced) or "(none)",
                    match is not None))
        for k in ("position", "organization"):
            if a[k]:
                have = (match or {}).get(k) or ""
                res.append((f"{k} of {a['name']}", a[k], have or "(none)",
                            bool(have) and collapse(a[k]).casefold() in collapse(have).casefold()))
    return res

def summary(rs):
    kept = sum(r["sentences"] - len(r["missing"]) for r in rs)
    total = sum(r["sentences"] for r in rs)
    right = sum(f[3] for r in rs for f in r["fields"])
    facts = sum(len(r["fields"]) for r in rs)
    chrome = sum(len(r["chrome_left"]) for r in rs)
    return {"kept": kept, "sentences": total, "chrome_left": chrome, "fields_right": right, "fields": facts}

def show(exp, verbose):  # --show: every annotated span's text, to check the offsets by eye
    print(f"[{exp.name}]")
    for kind, want, ref in exp.fields:
        print(f"  {kind} {ref}: {want!r}")
    for a in exp.authors:
        print(f"  author {a['ref']}: {a['name']!r} position={a['position']!r} organization={a['organization']!r}")
    print("".join(f"  chrome {ref}: {c!r}\n" for ref, c in exp.chrome) + f"  {len(exp.sentences)} sentences")
    print("".join(f"    {ref}: {t}\n" for ref, t in exp.sentences) if verbose else "", end="")

def load(args):
    """Every record/page to score (those without annotation or facts only noted)."""
    exps, wanted = [], lambda f: not args.only or fnmatch.fnmatch(f, args.only)
    if args.corpus:
        ann = parse_ann(args.ann)
        for f in sorted(a for a in ann if wanted(a) and not os.path.exists(os.path.join(args.corpus, a))):
            print(f"import_eval: warning: {f} is annotated but not in {args.corpus}", file=sys.stderr)
        for f in sorted(f for f in os.listdir(args.corpus) if f.endswith(".txt") and wanted(f)):
            path = os.path.join(args.corpus, f)
            exps.append(corpus_expect(f[:-4], path, ann[f]) if f in ann else Expect("corpus", f[:-4], path))
            exps[-1].note = None if f in ann else "no annotation"
    for f in sorted(os.listdir(args.pages)) if args.pages else []:
        stem, ext = os.path.splitext(f)
        facts, path = os.path.join(args.pages, stem + ".facts"), os.path.join(args.pages, f)
        if ext in (".html", ".txt") and wanted(f):
            exps.append(facts_expect(stem, path, facts) if os.path.exists(facts) else Expect("pages", stem, path))
            exps[-1].note = None if os.path.exists(facts) else "no facts"
    return exps

def report(exps, results, args):
    print("".join(f"{e.name}: {e.note}\n" for e in exps if e.note), end="")
    for r in results:
        s, status = summary([r]), "" if r["status"] == "ok" else f" [{r['status']}]"
        print(f"{r['name']}: sentences {s['kept']}/{s['sentences']}, chrome left {s['chrome_left']}, "
              f"fields {s['fields_right']}/{s['fields']}{status}")
        if args.verbose:
            failed = r["status"] != "ok" and len(r["missing"]) == r["sentences"]  # not every sentence again
            lines = [] if failed else [f"missing {r['name']}:{ref}: {t}" for ref, t in r["missing"]]
            lines += [f"chrome left {r['name']}:{ref}: {t}" for ref, t in r["chrome_left"]]
            lines += [f"field {label}: expected {w!r}, got {h!r}" for label, w, h, ok in r["fields"]
                      if not ok and not failed]
            print("".join(f"    {l}\n" for l in lines), end="")
    totals = {}
    for group in ("corpus", "pages"):
        if any(r["group"] == group for r in results):
            t = totals[group] = summary([r for r in results if r["group"] == group])
            pct = 100.0 * t["kept"] / t["sentences"] if t["sentences"] else 100.0
            print(f"{group}: sentences {t['kept']}/{t['sentences']} ({pct:.1f}%), chrome left {t['chrome_left']}, "
                  f"fields {t['fields_right']}/{t['fields']}")
    t, failures = summary(results), []
    if args.min_sentences is not None and t["kept"] < args.min_sentences * t["sentences"]:
        failures.append(f"sentences kept {t['kept']}/{t['sentences']}, below {args.min_sentences}")
    if args.min_fields is not None and t["fields_right"] < args.min_fields * t["fields"]:
        failures.append(f"fields right {t['fields_right']}/{t['fields']}, below {args.min_fields}")
    if args.max_chrome is not None and t["chrome_left"] > args.max_chrome:
        failures.append(f"chrome left {t['chrome_left']}, above {args.max_chrome}")
    print("".join(f"FAIL: {f}\n" for f in failures), end="")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"via": args.via, "records": results, "totals": totals}, out, ensure_ascii=False, indent=1)
    return 1 if failures else 0

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inkstone", required=True)
    ap.add_argument("--corpus"), ap.add_argument("--ann", action="append", default=[])
    ap.add_argument("--pages"), ap.add_argument("--outputs", help="score DIR/NAME.md instead of importing")
    ap.add_argument("--via", choices=("pdf", "md"), default="pdf")
    ap.add_argument("--only", help="glob over record/page file names (e.g. 'en-*')")
    ap.add_argument("--verbose", action="store_true"), ap.add_argument("--json")
    ap.add_argument("--show", action="store_true", help="print the annotated spans and stop")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--min-sentences", type=float), ap.add_argument("--max-chrome", type=int)
    ap.add_argument("--min-fields", type=float, help="fraction of field facts right, 0..1")
    args = ap.parse_args()
    error = None
    if not args.corpus and not args.pages:
        error = "give --corpus DIR --ann FILE and/or --pages DIR"
    elif args.corpus and not args.ann:
        error = "--corpus needs at least one --ann FILE"
    elif not (args.show or args.outputs and args.via == "md"
              or os.path.isfile(args.inkstone) and os.access(args.inkstone, os.X_OK)):
        error = f"not an executable: {args.inkstone}"
    elif not args.show and args.via == "pdf" and not shutil.which("pdftotext"):
        error = "pdftotext not found (Debian package poppler-utils); or score with --via md"
    try:
        exps = [] if error else load(args)
    except (InputError, OSError, ValueError) as e:
        error = str(e)
    if error:
        print(f"import_eval: {error}", file=sys.stderr)
        return 2
    if args.show:
        for e in exps:
            if not e.note:
                show(e, args.verbose)
        return 0
    with tempfile.TemporaryDirectory(prefix="import-eval.") as tmp:
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
            results = list(pool.map(lambda e: evaluate(e, args, tmp), [e for e in exps if not e.note]))
    return report(exps, results, args)

if __name__ == "__main__":
    sys.exit(main())
