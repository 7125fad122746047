#!/usr/bin/env python3
"""Checks a vertical-rl PDF through MuPDF's structured text (mutool draw -F stext), issue 16.

    vertical_check.py STEXT.xml TOP BOTTOM [EXPECT ...]

STEXT.xml: `mutool draw -F stext` of the PDF; TOP, BOTTOM: the body's edges on the page (points
from the top; running heads and folios lie outside). Each EXPECT is a piece of text that must
appear, in that order, in the body text read in the PDF's order (white space ignored).

Text across the page that is not a tate-chu-yoko unit (a figure's caption, a table) is a horizontal
block, left out of the line checks. Checks, printing one line per failure and exiting 1 if any:
- Han characters stand upright (MuPDF: wmode 1), Latin letters lie on their side (wmode 0,
  direction down the page), digits in groups of one to three (no letter, point or digit beside
  them) stand across the line (direction across, to the right) as one em-wide unit, longer
  numbers lie on their side;
- the characters of a vertical line (consecutive upright or sideways characters with the same
  x) go down the page, and successive lines of a page go from right to left;
- no line starts with a closing mark or a pause or stop mark;
- the EXPECT pieces appear in order.
Prints a summary line: pages, lines, upright / sideways / tate-chu-yoko characters.
"""
import sys
import xml.etree.ElementTree as ET

CLOSING = set("，。、；：？！」』）》〉】〕”’…")


def han(c):
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF


def main():
    path, top, bottom = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    expect = sys.argv[4:]
    root = ET.parse(path).getroot()
    failures = []
    counts = {"upright": 0, "sideways": 0, "tcy": 0, "lines": 0, "horizontal": 0}
    text = []
    pages = root.findall("page")
    for pno, page in enumerate(pages, 1):
        chars = []  # (c, x, y, wmode, dir, size, quad) in document order, body only
        for line in page.iter("line"):
            wmode, direction = line.get("wmode"), line.get("dir")
            for font in line.iter("font"):
                size = float(font.get("size"))
                for ch in font.iter("char"):
                    c = ch.get("c")
                    x, y = float(ch.get("x")), float(ch.get("y"))
                    q = [float(v) for v in ch.get("quad").split()]
                    ys = q[1::2]
                    if not c or c.isspace() or max(ys) < top or min(ys) > bottom:
                        continue
                    chars.append((c, x, y, wmode, direction, size, q))
        text.extend(c[0] for c in chars)
        # Text across the page (MuPDF: direction "1 0") is either a tate-chu-yoko unit of a
        # vertical line (one to three digits with vertical text on both sides) or a horizontal
        # block (a figure's caption, a table): those are left out of the line checks.
        vert = [c[3] == "1" or c[4] == "0 1" for c in chars]
        tcy = [False] * len(chars)
        i = 0
        while i < len(chars):
            if vert[i]:
                i += 1
                continue
            j = i
            while j < len(chars) and not vert[j]:
                j += 1
            run = "".join(c[0] for c in chars[i:j])
            if run.rstrip("%").isdigit() and (i > 0 and vert[i - 1]) and (j == len(chars) or vert[j]):
                for k in range(i, j):
                    tcy[k] = True
            else:
                counts["horizontal"] += j - i
            i = j
        # Digit groups in reading order: which stand across the line.
        i = 0
        while i < len(chars):
            if not chars[i][0].isdigit() or not (vert[i] or tcy[i]):
                i += 1
                continue
            j = i
            while j < len(chars) and chars[j][0].isdigit():
                j += 1
            while j < len(chars) and chars[j][0] == "%" and tcy[j]:  # a unit with the style's marks (50%)
                j += 1
            before = chars[i - 1][0] if i > 0 else ""
            after = chars[j][0] if j < len(chars) else ""
            joins = lambda s: s != "" and (s.isascii() and (s.isalnum() or s in ".,"))
            group = "".join(c[0] for c in chars[i:j])
            too_long = after == "%"  # a number with a mark that does not fit the unit (100%): on its side
            if j - i <= 3 and not joins(before) and not joins(after) and not too_long:
                for c in chars[i:j]:
                    if c[4] != "1 0":
                        failures.append(f"page {pno}: '{group}' should stand across the line (tate-chu-yoko), dir {c[4]}")
                        break
                else:
                    counts["tcy"] += j - i
                    width = max(max(c[6][0::2]) for c in chars[i:j]) - min(min(c[6][0::2]) for c in chars[i:j])
                    em = chars[i - 1][5] if i > 0 else chars[i][5]  # the line's em (a narrowed unit's own size is less)
                    if abs(width - em) > 0.08 * em:
                        failures.append(f"page {pno}: tate-chu-yoko '{group}' is {width:.2f} pt wide, not one em ({em:.2f})")
            elif j - i >= 4 or too_long:
                for c in chars[i:j]:
                    if c[3] != "0" or c[4] != "0 1":
                        failures.append(f"page {pno}: the long number '{group}' should lie on its side")
                        break
            i = j
        # Lines: upright characters with the same centre across the line (within 0.45 em) going
        # down; sideways ones and units continue the line they follow unless they go back up. A
        # line's position across the page is its upright characters' centre.
        lines = []  # [chars, centre or None, last y]
        for k, c in enumerate(chars):
            if not vert[k] and not tcy[k]:
                continue
            if tcy[k]:
                if lines:
                    lines[-1][0].append(c)
                continue
            if han(c[0]) and c[3] != "1":
                failures.append(f"page {pno}: '{c[0]}' is not upright (wmode {c[3]})")
            if c[0].isascii() and c[0].isalpha() and not (c[3] == "0" and c[4] == "0 1"):
                failures.append(f"page {pno}: the letter '{c[0]}' does not lie on its side (wmode {c[3]}, dir {c[4]})")
            counts["upright" if c[3] == "1" else "sideways"] += 1
            cx = (min(c[6][0::2]) + max(c[6][0::2])) / 2
            going_on = lines and c[2] >= lines[-1][2] - 0.5
            small = (lines and lines[-1][1] is not None and going_on and c[5] < 0.8 * max(x[5] for x in lines[-1][0]) and
                     abs(cx - lines[-1][1]) <= 0.9 * max(x[5] for x in lines[-1][0]))
            if small:  # a raised note mark beside the line: part of it
                lines[-1][0].append(c)
                continue
            if c[3] == "1":
                same = going_on and (lines[-1][1] is None or abs(lines[-1][1] - cx) <= max(2.0, 0.45 * c[5]))
            else:  # on its side: part of the line it follows (a Latin word, a raised note mark)
                same = bool(lines)
            if same:
                lines[-1][0].append(c)
                lines[-1][2] = c[2]
                if c[3] == "1" and lines[-1][1] is None:
                    lines[-1][1] = cx
            else:
                lines.append([[c], cx if c[3] == "1" else None, c[2]])
        counts["lines"] += len(lines)
        for k, (ln, _, _) in enumerate(lines):
            if ln[0][0] in CLOSING:
                failures.append(f"page {pno}: a line starts with '{ln[0][0]}': {''.join(c[0] for c in ln[:12])}")
            ys = [c[2] for c in ln if c[3] == "1"]
            if any(b < a - 0.5 for a, b in zip(ys, ys[1:])):
                failures.append(f"page {pno}: the characters of a line do not go down the page: {''.join(c[0] for c in ln[:12])}")
        placed = [(cx, ln) for ln, cx, _ in lines if cx is not None]
        for k in range(1, len(placed)):
            # A line below the line before it begins a new tier (the columns of a vertical
            # page), which starts again at the right.
            tier = min(c[2] for c in placed[k][1]) > max(c[2] for c in placed[k - 1][1])
            if placed[k][0] > placed[k - 1][0] + 0.5 and not tier:
                failures.append(f"page {pno}: a line is right of the line before it (x {placed[k][0]:.1f} > "
                                f"{placed[k - 1][0]:.1f}): " + "".join(c[0] for c in placed[k][1][:10]))
    if counts["upright"] == 0 or counts["horizontal"] > counts["upright"]:
        failures.append(f"mostly horizontal text ({counts['horizontal']} characters across the page, "
                        f"{counts['upright']} upright): not a vertical document")
    joined = "".join(text)
    at = 0
    for piece in expect:
        p = "".join(piece.split())
        found = joined.find(p, at)
        if found < 0:
            failures.append(f"the text '{piece}' is not in the body text in order")
        else:
            at = found + len(p)
    for f in failures[:40]:
        print("FAIL " + f)
    print(f"pages {len(pages)}, lines {counts['lines']}, upright {counts['upright']}, sideways {counts['sideways']}, "
          f"tate-chu-yoko {counts['tcy']}, in horizontal blocks {counts['horizontal']}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
