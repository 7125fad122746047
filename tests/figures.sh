#!/usr/bin/env bash
# figures.sh: figures of every kind (issue 13, point 2) in a PDF of our writer, of Cairo's and in PNG
# pages. The figures are made at test time by inkstone_make_figures (JPEG: RGB with a JFIF density,
# progressive grey, Adobe CMYK, EXIF orientation 6; PNG: half-transparent, 8-bit RGB, a 4-bit
# palette, 16-bit grey; PDF charts in Helvetica as R writes them, one turned by /Rotate) plus the
# hand-written tests/figures/chart.svg. Checks: each JPEG's stream is the file byte for byte
# (DCTDecode, colour space, /Decode for CMYK); each PNG without transparency is placed with its
# IDAT data byte for byte (FlateDecode, PNG predictors, colour space; no soft mask) and the
# translucent one has a soft mask; SVG and PDF figures are form XObjects whose text pdftotext finds
# where layout put the figure (turned with /Rotate); pdftoppm draws every page without a complaint;
# the pixels of the turned JPEG, the CMYK JPEG, the grey JPEG and every PNG are right in every
# output (tests/figures/pixels.py); a file drawn twice is embedded once; qpdf --check passes; bad
# figures are errors (exit 2, no output), a PNG whose compressed data are damaged under right CRCs
# too (found by the painter, naming the file).
#
#   bash tests/figures.sh build/inkstone build/inkstone_make_figures
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MAKE_FIGURES=${2:-$(dirname "$BIN")/inkstone_make_figures}
PIXELS="python3 $ROOT/tests/figures/pixels.py"

D=$WORK/article
mkdir -p "$D"
"$MAKE_FIGURES" "$D"
cp "$ROOT/tests/figures/chart.svg" "$D/"
cat >"$D/figures.md" <<'EOF'
---
title: Harbour dredging in five pictures
date: 2026-02-03
lang: en
---

The survey team sent back photographs, scans and charts in whatever format each tool wrote.

![A colour photograph of the quay](photo.jpg)

![A greyscale scan of the old survey](grey.jpg)

![Print proofs in cyan and magenta](cmyk.jpg)

![A photograph taken with the camera on its side](turned.jpg)

![A marker with a see-through band](translucent.png)

![The quay's four berths, as a drawing program saved them](quadrants.png)

![The berths again, in four colours of a palette](palette.png)

![Depth across the channel, from a sonar](grey16.png)

![Cargo by quarter, from a drawing program](chart.svg)

![Rain in the dredging season, from a statistics package](chart.pdf)

![The same kind of chart, printed sideways](turned-chart.pdf)

The first photograph again, to show that a file drawn twice is stored once.

![The quay once more](photo.jpg)
EOF

"$BIN" render "$D/figures.md" -o "$WORK/native.pdf"
check "our writer: qpdf --check passes" bash -c "qpdf --check '$WORK/native.pdf' >/dev/null 2>&1"
"$BIN" render "$D/figures.md" --format layout -o "$WORK/layout.txt"
# Each figure's page and rectangle in points: "page x y w h file".
awk '/^page / { p = $2 } /^  image / { x = $2; y = $3; w = $4; h = $5; sub(/.*=/, "", x); sub(/.*=/, "", y)
     sub(/.*=/, "", w); sub(/.*=/, "", h); print p, x, y, w, h, $6 }' "$WORK/layout.txt" >"$WORK/rects.txt"
check "the layout has all twelve figures ($(wc -l <"$WORK/rects.txt"))" [ "$(wc -l <"$WORK/rects.txt")" -eq 12 ]
rect() { awk -v f="$1" '$6 == f { print; exit }' "$WORK/rects.txt"; }

"$BIN" render "$D/figures.md" -o "$WORK/again.pdf"
check "our writer: the same bytes again (figures included)" cmp -s "$WORK/native.pdf" "$WORK/again.pdf"

# ---- JPEG streams: the file's bytes, the right colour space ----
pdfimages -list "$WORK/native.pdf" | tail -n +3 >"$WORK/images.txt"
# object FILE W H: the object number of the image of that size.
object() { awk -v w="$2" -v h="$3" '$4 == w && $5 == h && $3 == "image" { print $11; exit }' "$WORK/images.txt"; }
for spec in "photo.jpg 320 200 /DeviceRGB" "grey.jpg 200 120 /DeviceGray" "cmyk.jpg 200 100 /DeviceCMYK" \
            "turned.jpg 240 160 /DeviceRGB"; do
    set -- $spec
    n=$(object "$1" "$2" "$3")
    if [ -z "$n" ]; then fail "$1: an image of $2 x $3 in the PDF"; continue; fi
    qpdf --show-object="$n" --raw-stream-data "$WORK/native.pdf" >"$WORK/stream.bin"
    check "$1: the image stream (object $n) is the file byte for byte" cmp -s "$WORK/stream.bin" "$D/$1"
    dict=$(qpdf --show-object="$n" "$WORK/native.pdf")
    check "$1: /DCTDecode, $4" bash -c "grep -q '/Filter /DCTDecode' <<<'$dict' && grep -q '/ColorSpace $4' <<<'$dict'"
done
dict=$(qpdf --show-object="$(object cmyk.jpg 200 100)" "$WORK/native.pdf")
check "cmyk.jpg (Adobe, inverted): /Decode [1 0 1 0 1 0 1 0]" grep -q '/Decode \[ 1 0 1 0 1 0 1 0 \]' <<<"$dict"
dict=$(qpdf --show-object="$(object photo.jpg 320 200)" "$WORK/native.pdf")
check "photo.jpg: no /Decode" bash -c "! grep -q /Decode <<<'$dict'"
check "photo.jpg drawn twice, embedded once" \
    [ "$(awk '$4 == 320 && $5 == 200 { print $11 }' "$WORK/images.txt" | sort -u | wc -l)" -eq 1 ]
check "the translucent PNG has a soft mask" bash -c "awk '\$3 == \"smask\" && \$4 == 160 && \$5 == 100' '$WORK/images.txt' | grep -q ."

# ---- PNG streams without transparency: the IDAT data as they are, PNG predictors ----
idat() {  # the IDAT chunks' data of a PNG file, joined
    python3 -c 'import struct, sys
d = open(sys.argv[1], "rb").read(); i = 8; out = b""
while i < len(d):
    n, t = struct.unpack(">I4s", d[i:i + 8]); out += d[i + 8:i + 8 + n] if t == b"IDAT" else b""; i += 12 + n
sys.stdout.buffer.write(out)' "$1"
}
for spec in "quadrants.png 240 150 /DeviceRGB 3 8" "palette.png 200 80 /Indexed 1 4" "grey16.png 180 90 /DeviceGray 1 16"; do
    set -- $spec
    n=$(awk -v w="$2" -v h="$3" '$4 == w && $5 == h && $3 == "image" { print $11; exit }' "$WORK/images.txt")
    if [ -z "$n" ]; then fail "$1: an image of $2 x $3 in the PDF"; continue; fi
    qpdf --show-object="$n" --raw-stream-data "$WORK/native.pdf" >"$WORK/stream.bin"
    idat "$D/$1" >"$WORK/idat.bin"
    check "$1: the image stream (object $n) is the file's IDAT data byte for byte" cmp -s "$WORK/stream.bin" "$WORK/idat.bin"
    dict=$(qpdf --show-object="$n" "$WORK/native.pdf")
    check "$1: /FlateDecode, predictor 15 ($5 colours, $6 bits, $2 columns), $4, no soft mask" bash -c \
        "grep -q '/Filter /FlateDecode' <<<'$dict' && grep -q '/ColorSpace \[* *$4' <<<'$dict' &&
         grep -q '/DecodeParms << /BitsPerComponent $6 /Colors $5 /Columns $2 /Predictor 15 >>' <<<'$dict' && ! grep -q /SMask <<<'$dict'"
done

# ---- vector figures: form XObjects, text kept as text, where layout put them ----
forms=$(qpdf --json --json-key=qpdf "$WORK/native.pdf" | python3 -c '
import json, sys
objs = json.load(sys.stdin)["qpdf"][1]
print(sum(1 for v in objs.values() if isinstance(v, dict) and v.get("stream", {}).get("dict", {}).get("/Subtype") == "/Form"))')
check "three form XObjects (the SVG and two PDF charts; found $forms)" [ "$forms" = 3 ]
text=$(pdftotext "$WORK/native.pdf" -)
for w in Quarterly Tonnage Rainfall August "Turned chart"; do
    check "pdftotext finds '$w' in a vector figure" contains "$text" "$w"
done
# word_box PDF WORD: "page xMin yMin xMax yMax" of the first such word (points, y down).
word_box() {
    pdftotext -bbox "$1" - | awk -v w="$2" '/<page / { p++ }
        index($0, ">" w "</word>") { split($0, a, "\""); print p, a[2], a[4], a[6], a[8]; exit }'
}
# inside PDF WORD FIGURE: the word's box within the figure's rectangle; and its shape (wide|tall).
inside() {
    local box r
    box=$(word_box "$1" "$2")
    r=$(rect "$3")
    awk -v b="$box" -v r="$r" -v shape="$4" 'BEGIN { split(b, w, " "); split(r, f, " ")
        ok = w[1] == f[1] && w[2] >= f[2] - 1 && w[4] <= f[2] + f[4] + 1 && w[3] >= f[3] - 1 && w[5] <= f[3] + f[5] + 1
        tall = (w[5] - w[3]) > (w[4] - w[2])
        exit !(ok && (shape == "tall" ? tall : !tall)) }'
}
for writer in native cairo; do
    [ $writer = cairo ] && INKSTONE_PDF_WRITER=cairo "$BIN" render "$D/figures.md" -o "$WORK/cairo.pdf"
    check "$writer: 'Tonnage' (SVG) inside its figure, set across" inside "$WORK/$writer.pdf" Tonnage chart.svg wide
    check "$writer: 'month' (PDF) inside its figure, set across" inside "$WORK/$writer.pdf" month chart.pdf wide
    check "$writer: 'chart' (PDF, /Rotate 90) inside its figure, set down the page" \
        inside "$WORK/$writer.pdf" chart turned-chart.pdf tall
done

# ---- Cairo's PDF: valid, JPEGs embedded as they are where Cairo can (not CMYK) ----
check "Cairo's PDF: qpdf --check passes" bash -c "qpdf --check '$WORK/cairo.pdf' >/dev/null 2>&1"
pdfimages -list "$WORK/cairo.pdf" | tail -n +3 >"$WORK/cimages.txt"
n=$(awk '$4 == 320 && $5 == 200 && $3 == "image" { print $11; exit }' "$WORK/cimages.txt")
qpdf --show-object="$n" --raw-stream-data "$WORK/cairo.pdf" >"$WORK/stream.bin" 2>/dev/null || true
check "Cairo's PDF: photo.jpg's stream is the file byte for byte" cmp -s "$WORK/stream.bin" "$D/photo.jpg"
check "Cairo's PDF: photo.jpg drawn twice, embedded once" \
    [ "$(awk '$4 == 320 && $5 == 200 { print $11 }' "$WORK/cimages.txt" | sort -u | wc -l)" -eq 1 ]
# (Poppler draws a PDF figure's Helvetica with a substitute font, glyph by glyph at Helvetica's
# widths: pdftotext may see a gap inside a word, "R ainfall", where the widths differ most.)
ctext=$(pdftotext "$WORK/cairo.pdf" - | tr -d ' ')
for w in Tonnage Rainfall August; do check "Cairo's PDF: pdftotext finds '$w'" contains "$ctext" "$w"; done

# ---- pixels: every output drawn right ----
"$BIN" render "$D/figures.md" --format png --dpi 100 -o "$WORK/png"
for writer in native cairo png; do
    if [ $writer != png ]; then
        rm -f "$WORK"/page-*.ppm
        errs=$(pdftoppm -r 100 "$WORK/$writer.pdf" "$WORK/page" 2>&1 >/dev/null)
        check "$writer: pdftoppm draws every page without a complaint" [ -z "$errs" ]
        [ -z "$errs" ] || detail "$errs"
    fi
    for spec in "photo.jpg quadrants" "turned.jpg turned6" "cmyk.jpg cmyk" "grey.jpg grey" "translucent.png translucent" \
                "quadrants.png quadrants" "palette.png quadrants" "grey16.png grey"; do
        set -- $spec
        read -r page x y w h _ <<<"$(rect "$1")"
        if [ $writer = png ]; then img=$WORK/png-$page.png; else img=$(ls "$WORK"/page-*"$page".ppm | head -n 1); fi
        out=$($PIXELS "$img" 100 "$x" "$y" "$w" "$h" "$2" || true)
        check "$writer: $1 drawn right ($2: $out)" [ "$out" = ok ]
    done
done
read -r _ _ _ w h _ <<<"$(rect turned.jpg)"
check "turned.jpg is as tall as it is seen (EXIF 6: 160 x 240; layout $w x $h)" \
    awk -v w="$w" -v h="$h" 'BEGIN { exit !(h > w * 1.49 && h < w * 1.51) }'

# ---- bad figures: file:line:col errors, exit 2, nothing written ----
qpdf --encrypt user owner 256 -- "$D/chart.pdf" "$D/locked.pdf"
head -c 200 "$D/photo.jpg" >"$D/cut.jpg"
printf 'not a picture at all\n' >"$D/words.jpg"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g>' >"$D/broken.svg"
bad() {
    local file=$1 pattern=$2 rc=0
    printf -- '---\ntitle: A bad figure\n---\n\nSome text.\n\n![Caption](%s)\n' "$file" >"$D/bad.md"
    rm -f "$WORK/bad.pdf"
    "$BIN" render "$D/bad.md" -o "$WORK/bad.pdf" 2>"$WORK/err" >/dev/null || rc=$?
    check "$file: exit 2, '$pattern', no output ($(head -n 1 "$WORK/err"))" \
        bash -c "[ $rc -eq 2 ] && grep -qE -- \"\$1\" '$WORK/err' && [ ! -e '$WORK/bad.pdf' ]" _ "bad.md:7:1: error: image '$file' $pattern"
}
bad three-pages.pdf "has 3 pages \(a PDF figure must have one page\)"
bad locked.pdf "is an encrypted PDF"
bad cut.jpg "is a damaged JPEG: "
bad words.jpg "is not a JPEG, PNG, SVG or PDF file"
bad broken.svg "cannot be read as SVG: "
# Compressed data that do not inflate, under right CRCs: layout's probe reads the chunks only, so
# the painter finds it; the error names the file (no line: the painter does not know it).
for writer in native cairo; do
    printf -- '---\ntitle: A bad figure\n---\n\nSome text.\n\n![Caption](broken.png)\n' >"$D/bad.md"
    rm -f "$WORK/bad.pdf"
    rc=0
    INKSTONE_PDF_WRITER=$writer "$BIN" render "$D/bad.md" -o "$WORK/bad.pdf" 2>"$WORK/err" >/dev/null || rc=$?
    check "$writer: broken.png (damaged image data): exit 2, the file named, no output ($(grep error "$WORK/err"))" \
        bash -c "[ $rc -eq 2 ] && grep -qF \"broken.png: error: image '$D/broken.png' is a damaged PNG file: its compressed image data are damaged\" '$WORK/err' && [ ! -e '$WORK/bad.pdf' ]"
done

# Sizes measured for the report: the PDFs and the figure files.
echo "sizes: native $(wc -c <"$WORK/native.pdf") B, cairo $(wc -c <"$WORK/cairo.pdf") B, figures $(cat "$D"/*.jpg "$D"/*.png "$D"/chart.* "$D"/turned-chart.pdf | wc -c) B"
finish
