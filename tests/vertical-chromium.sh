#!/usr/bin/env bash
# vertical-chromium.sh: the vertical sample against Chromium's `writing-mode: vertical-rl` (issue 16).
# The sample's body is written as HTML with the vertical style's page, font, size, line height,
# indent and tate-chu-yoko (text-combine-upright), printed by Debian's headless chromium, and the
# two PDFs are read back with MuPDF: the first five lines of the body break at the same characters
# (the same line length, em, indent and line-breaking rules); ours reads back as the characters
# written, where Chromium's PDF gives compatibility forms (﹁ for 「, ⻑ for 長) that only Unicode
# normalization turns back. Side-by-side page images are left in out/vertical-chromium/ for review.
# Skipped (passing) where chromium is not installed: it is not among the build's dependencies.
#
#   bash tests/vertical-chromium.sh build/inkstone
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $CHROMIUM ]] || ! command -v mutool >/dev/null; then
    echo "vertical-chromium.sh: skipped (chromium or mutool not installed)"
    exit 0
fi
check() {
    local d=$1
    shift
    if "$@" > "$WORK/out" 2>&1; then pass "$d"; else fail "$d"; detail "$(head -12 "$WORK/out")"; fi
}

md=$ROOT/samples/zh-hant-vertical-harbour.md
"$BIN" render "$md" -o "$WORK/ours.pdf"
# The body as HTML (the text is the sample's: no markup from it but paragraphs, headings and
# quotes, every character escaped), the style's measures as CSS.
python3 - "$md" "$WORK/harbour.html" <<'PYEOF'
import html, re, sys
src = open(sys.argv[1], encoding="utf-8").read()
body = src.split("---\n", 2)[2]
parts = []
for block in body.strip().split("\n\n"):
    b = block.strip()
    if b.startswith("## "):
        parts.append("<h2>%s</h2>" % html.escape(b[3:]))
    elif b.startswith("> "):
        parts.append("<blockquote>%s</blockquote>" % html.escape(b[2:]))
    else:
        parts.append("<p>%s</p>" % html.escape(b))
text = "\n".join(parts)
# Numbers of one to three digits (or two digits and %) upright across the line, as the style sets them.
text = re.sub(r"(?<![0-9A-Za-z.,])([0-9]{1,3}%?)(?![0-9A-Za-z.,%])",
              lambda m: m.group(1) if len(m.group(1)) > 3 else
              '<span style="text-combine-upright: all">%s</span>' % m.group(1), text)
page = """<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><style>
@page { size: 148mm 210mm; margin: 17mm 16mm 17mm 14mm; }
html { writing-mode: vertical-rl; }
body { font-family: "Noto Serif CJK TC"; font-size: 10.5pt; line-height: 18pt; margin: 0;
       text-align: justify; text-justify: inter-character; line-break: strict; }
h2 { font-family: "Noto Sans CJK TC"; font-size: 11pt; margin: 12pt 0 4pt 0; }
p { margin: 0; text-indent: 2em; }
blockquote { margin: 8pt 0; }
</style></head><body>
%s
</body></html>""" % text
open(sys.argv[2], "w", encoding="utf-8").write(page)
PYEOF
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$WORK/chromium.pdf" "file://$WORK/harbour.html" > /dev/null 2>&1 || true
check "chromium printed the HTML (vertical-rl, A5)" bash -c "pdfinfo '$WORK/chromium.pdf' | grep -q 'Page size: *42[0-9]'"

# The first five lines of the body, each PDF: characters grouped by the column they stand in
# (within 4 pt), in reading order, from the line that starts the body.
lines() {
    mutool draw -q -F stext -o "$WORK/$2.xml" "$1" 2>/dev/null
    python3 - "$WORK/$2.xml" <<'PYEOF'
import sys, unicodedata, xml.etree.ElementTree as ET
page = ET.parse(sys.argv[1]).getroot().findall("page")[0]
cols = []
for ch in page.iter("char"):
    q = [float(v) for v in ch.get("quad").split()]
    if min(q[1::2]) < 45 or max(q[1::2]) > 550:
        continue  # running heads, folios
    x = (min(q[0::2]) + max(q[0::2])) / 2
    c = ch.get("c")
    if cols and abs(cols[-1][0] - x) <= 6:
        cols[-1][1].append(c)
    else:
        cols.append([x, [c]])
out = ["".join(c) for _, c in cols]
start = next(i for i, s in enumerate(out) if s.startswith("談到"))
# Chromium's ToUnicode gives some ideographs as the CJK radicals that share their glyphs (⻑ for
# 長), which NFKC leaves alone: those of the sample, mapped back.
radicals = str.maketrans({"⻑": "長", "⻘": "青", "⻝": "食", "⻤": "鬼", "⻄": "西", "⻩": "黃", "⺠": "民", "⻆": "角", "⻅": "見"})
for s in out[start:start + 5]:
    print(unicodedata.normalize("NFKC", s).translate(radicals).replace(" ", ""))
PYEOF
}
lines "$WORK/ours.pdf" ours > "$WORK/ours.txt"
lines "$WORK/chromium.pdf" chromium > "$WORK/chromium.txt"
check "the first five lines of the body break at the same characters as Chromium's ($(wc -l < "$WORK/ours.txt") lines)" \
    bash -c "[ \$(wc -l < '$WORK/ours.txt') -eq 5 ] && diff '$WORK/ours.txt' '$WORK/chromium.txt'"
mutool draw -q -F txt -o "$WORK/ours-text.txt" "$WORK/ours.pdf" 2>/dev/null
mutool draw -q -F txt -o "$WORK/chromium-text.txt" "$WORK/chromium.pdf" 2>/dev/null
check "ours reads back as the characters written (「海堤要蓋多高」, 長), Chromium's as compatibility forms (﹁, ⻑)" \
    bash -c "tr -d '\n' < '$WORK/ours-text.txt' | grep -q '「海堤要蓋多高」' && tr -d '\n' < '$WORK/ours-text.txt' | grep -q '長期帳' &&
             tr -d '\n' < '$WORK/chromium-text.txt' | grep -q '﹁海堤要蓋多' && ! tr -d '\n' < '$WORK/chromium-text.txt' | grep -q '長期帳'"

# Side by side for review (not compared pixel by pixel: the head and Han-Latin spacing differ).
mkdir -p "$ROOT/out/vertical-chromium"
pdftoppm -r 60 -png "$WORK/ours.pdf" "$ROOT/out/vertical-chromium/ours"
pdftoppm -r 60 -png "$WORK/chromium.pdf" "$ROOT/out/vertical-chromium/chromium"
cp "$WORK/harbour.html" "$ROOT/out/vertical-chromium/"
finish
