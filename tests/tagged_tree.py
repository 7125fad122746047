#!/usr/bin/env python3
"""The structure tree poppler reads from a tagged PDF against the page model's.

    python3 tests/tagged_tree.py LAYOUT_DUMP STRUCT_TEXT

LAYOUT_DUMP is `inkstone render --format layout` (its `node` lines are the page model's structure,
its items say which node each line belongs to); STRUCT_TEXT is `pdfinfo -struct-text` of the PDF
rendered from the same article. Checks, printing one line for each failure:
  - the elements, depth first, have the roles of the page model's nodes in reading order (children
    in index order), the nodes with nothing drawn left out (a table's rows and cells kept);
  - every heading's text is the text of its node's lines;
  - the tree's text, read from the start, has every node's first line in reading order;
  - where a line of English ends at a word space, the space is in the tree's text;
  - the tree's text is the text of every line the page model tagged, character for character
    (artifacts such as running heads and folios are in neither; the text inside figures, which
    only the PDF has, is left out; a soft hyphen the line break added is not text).
Exit status 0 when all hold, 1 otherwise.
"""
import collections
import re
import sys


def dump_model(path):
    nodes, lines = [], collections.defaultdict(list)  # node -> its lines' text
    hyphenated = collections.defaultdict(list)  # node -> whether each line ends in an added hyphen
    drawn = set()
    node_re = re.compile(r"^node (\d+) (\w+) parent=(-?\d+)")
    item_re = re.compile(r"^\s+(line|image|rule) .*? (\w+)#(\d+)")
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        m = node_re.match(line)
        if m:
            nodes.append((m.group(2), int(m.group(3))))
            continue
        m = item_re.match(line)
        if m:
            n = int(m.group(3))
            drawn.add(n)
            for sub in re.findall(r" \+\w+#(\d+)", line):  # links inside the line
                drawn.add(int(sub))
            if m.group(1) == "line":
                text = line[line.index("|") + 1:line.rindex("|")]
                added = " hyphen " in line and text.endswith("-")
                lines[n].append(text[:-1] if added else text)
                hyphenated[n].append(added)
    return nodes, lines, drawn, hyphenated


def preorder(nodes, drawn):
    children = collections.defaultdict(list)
    roots = []
    for i, (_, parent) in enumerate(nodes):
        (children[parent] if parent >= 0 else roots).append(i)
    kept = {}

    def keep(i):
        k = i in drawn
        for c in children[i]:
            k = keep(c) or k
        kept[i] = k or nodes[i][0] in ("Table", "THead", "TBody", "TR", "TH", "TD")
        return kept[i]

    for r in roots:
        keep(r)
    order = []

    def walk(i):
        if not kept[i]:
            return
        order.append(i)
        for c in children[i]:
            walk(c)

    for r in roots:
        walk(r)
    return order


def pdf_tree(path):
    """Elements depth first: (role, depth, own text)."""
    elements = []
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        body = line.lstrip(" ")
        depth = len(line) - len(body)
        if not body:
            continue
        if body.startswith('"'):
            if elements:
                elements[-1][2].append(body[1:-1] if body.endswith('"') else body[1:])
            continue
        if body.startswith("/") or body.startswith("Object "):
            continue  # attributes, object references
        role = body.split()[0].rstrip(":")
        elements.append([role, depth, []])
    return [(r, d, "".join(t)) for r, d, t in elements]


def squeeze(s):
    return re.sub(r"\s+", "", s).replace("\u00ad", "")


def main():
    nodes, lines, drawn, hyphenated = dump_model(sys.argv[1])
    tree = pdf_tree(sys.argv[2])
    failures = []
    if tree and tree[0][0] == "Document" and (not nodes or nodes[0][0] != "Document"):
        tree = tree[1:]
    order = preorder(nodes, drawn)
    want = [nodes[i][0] for i in order]
    got = [e[0] for e in tree]
    if want != got:
        for k, (a, b) in enumerate(zip(want, got)):
            if a != b:
                failures.append(f"element {k}: the PDF has {b}, the page model {a} (node {order[k]})")
                break
        if len(want) != len(got):
            failures.append(f"{len(got)} elements in the PDF, {len(want)} nodes drawn in the page model")
    else:
        for k, i in enumerate(order):
            if want[k] in ("H1", "H2", "H3", "H4", "H5", "H6"):
                a, b = squeeze("".join(lines[i])), squeeze(tree[k][2])
                if a != b:
                    failures.append(f"heading {want[k]} (node {i}): the PDF reads '{b}', the page model '{a}'")
        # Reading order: each node's first line comes, in the tree's text read from the start,
        # after the lines of the nodes before it.
        full = squeeze("".join(t for _, _, t in tree))
        at = 0
        for i in order:
            if not lines[i]:
                continue
            key = squeeze(lines[i][0])[:12]
            found = full.find(key, at)
            if found < 0:
                failures.append(f"node {i} ({nodes[i][0]}) '{key}' is not where reading order puts it in the tree's text")
                break
            at = found + 1
    # Word spaces at line ends: where a line of English ends at a word space, the tree's text
    # has the space between its last word and the next line's first.
    raw = "".join(t for _, _, t in tree)
    joins = 0
    for n, ls in lines.items():
        for k, (a, b) in enumerate(zip(ls, ls[1:])):
            if not a or not b or hyphenated[n][k] or not re.match(r"[A-Za-z]", b) or not re.search(r"[A-Za-z.,;:]$", a):
                continue
            pair = a.split()[-1] + " " + b.split()[0]
            joins += 1
            if pair not in raw:
                failures.append(f"node {n}: the words at a line end are not apart in the tree's text: '{pair}'")
                break
    # Text: every tagged character, and nothing else (figures' own drawings aside).
    model_text = collections.Counter(squeeze("".join(t for n in lines for t in lines[n])))
    pdf_text = collections.Counter(squeeze("".join(t for r, _, t in tree if r != "Figure")))
    if model_text != pdf_text:
        missing = model_text - pdf_text
        extra = pdf_text - model_text
        failures.append("the tree's text differs from the tagged lines': missing %r, extra %r"
                        % ("".join(sorted(missing.elements()))[:80], "".join(sorted(extra.elements()))[:80]))
    for f in failures:
        print(f)
    print(f"{len(got)} elements, {sum(model_text.values())} characters, {joins} line ends compared")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
