#!/usr/bin/env bash
# Notes and floating figures as a publication sets them (issue 13, points 1, 4 and 5), read from
# the PDFs and the layout dumps:
#   - every footnote on the page (and in the column) of its reference: the reference's link
#     annotation and the note's destination on one page, in one column;
#   - the style switch `notes.placement: end` keeps endnotes under the Notes heading;
#   - `links.addresses: footnote` prints a link's address as a note, the link still clickable;
#   - a note too long for the rest of its page goes on at the next page's foot under a full rule;
#   - a figure that does not fit where it is anchored floats on, and the text fills the space
#     left: no page but the last is left more than a line's height short.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# briefing_with NAME LINE: $WORK/NAME.yaml, the briefing style with one key's line changed.
briefing_with() { printf 'extends: briefing\n%s\n' "$2" > "$WORK/$1.yaml"; }

# notes_on_their_pages PDF COLUMNS: "ok N" (N references checked) or the references whose note is
# elsewhere (page, column).
notes_on_their_pages() {
    python3 - "$1" "${2:-1}" <<'PY'
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json=2", sys.argv[1]], capture_output=True, check=True).stdout)
objs = {k[4:]: (v.get("value") if "value" in v else v["stream"]["dict"]) for k, v in j["qpdf"][1].items() if k.startswith("obj:")}
def deref(v):
    while isinstance(v, str) and v.endswith(" R") and v in objs:
        v = objs[v]
    return v
pages = [p["object"] for p in j["pages"]]
width = float(deref(objs[pages[0]])["/MediaBox"][2])
dests = {}
def walk(node):
    node = deref(node)
    names = node.get("/Names", [])
    for i in range(0, len(names), 2):
        d = deref(names[i + 1])
        dests[names[i][2:]] = (pages.index(d[0]), float(d[2]))
    for kid in node.get("/Kids", []):
        walk(kid)
walk(deref(j["qpdf"][1]["trailer"]["value"]["/Root"])["/Names"]["/Dests"])
bad, refs = [], 0
for n, pg in enumerate(pages):
    for a in deref(objs[pg]).get("/Annots", []):
        a = deref(a)
        name = a.get("/Dest", "")[2:]
        if not name.startswith(("fn-", "fnl-")):
            continue
        refs += 1
        page, x = dests[name]
        column = lambda v: int(v > width / 2) if sys.argv[2] == "2" else 0  # two columns at most in the shipped styles
        if page != n or column(x) != column(float(a["/Rect"][0])):
            bad.append(f"{name}: reference on page {n + 1}, note on page {page + 1}")
print(f"ok {refs}" if not bad else "; ".join(bad))
PY
}

for md in "$ROOT"/samples/en-coastal-flood-insurance.md "$ROOT"/samples/zh-hans-urban-renewal.md "$ROOT"/samples/en-mekong-water.md; do
    name=$(basename "$md" .md)
    for style in briefing quarterly; do
        "$BIN" render "$md" --style "$style" -o "$WORK/$name.$style.pdf" 2>"$WORK/err"
        result=$(notes_on_their_pages "$WORK/$name.$style.pdf" "$([ $style = quarterly ] && echo 2 || echo 1)")
        check "$name/$style: every footnote on its reference's page and column (${result})" [ "${result%% *}" = ok ]
    done
done

# The references are printed in the article's language's form: [n] in Chinese, a bare
# superscript number in English, and the note's label likewise.
pdftotext -raw "$WORK/zh-hans-urban-renewal.briefing.pdf" "$WORK/zh.txt"
check "Chinese notes are numbered [1], [2], ... at the foot" [ "$(grep -c '^\[[123]\]' "$WORK/zh.txt")" -ge 3 ]

# The switch: endnotes.
briefing_with endnotes 'notes: {placement: end}'
"$BIN" render "$ROOT/samples/en-coastal-flood-insurance.md" --style "$WORK/endnotes.yaml" -o "$WORK/end.pdf" 2>"$WORK/err"
check "notes.placement: end renders without a warning" [ ! -s "$WORK/err" ]
pages=$(pdfinfo "$WORK/end.pdf" | awk '/^Pages:/ {print $2}')
pdftotext -f $((pages - 1)) -l "$pages" "$WORK/end.pdf" - | tr '\n' ' ' > "$WORK/last.txt"
check "endnotes: the Notes heading and every note at the end" \
    bash -c "grep -q 'Notes' '$WORK/last.txt' && grep -q 'never formed' '$WORK/last.txt' && grep -q 'maintenance lapses' '$WORK/last.txt'"
check "endnotes: no note at the foot of page 1" bash -c "! pdftotext -f 1 -l 1 '$WORK/end.pdf' - | grep -q 'never formed'"

# Link addresses for paper readers: the World Bank link's address as a note on its page.
briefing_with addresses 'links: {addresses: footnote}'
"$BIN" render "$ROOT/samples/en-coastal-flood-insurance.md" --style "$WORK/addresses.yaml" -o "$WORK/addr.pdf" 2>"$WORK/err"
check "links.addresses: footnote renders without a warning" [ ! -s "$WORK/err" ]
result=$(notes_on_their_pages "$WORK/addr.pdf" 1)
check "links.addresses: address notes on their links' pages too ($result)" [ "${result%% *}" = ok ]
check "links.addresses: one more note than the article's three (${result#ok })" [ "${result#ok }" = 4 ]
link_page=$(for p in $(seq 1 "$(pdfinfo "$WORK/addr.pdf" | awk '/^Pages:/ {print $2}')"); do
    if pdftotext -f "$p" -l "$p" "$WORK/addr.pdf" - | grep -q 'disasterriskmanagement'; then echo "$p"; fi; done | head -1)
check "links.addresses: the address printed (page ${link_page:-none})" [ -n "$link_page" ]
check "links.addresses: the link stays clickable" \
    bash -c "qpdf --qdf --object-streams=disable '$WORK/addr.pdf' - 2>/dev/null | grep -aq '/URI (https://www.worldbank.org/en/topic/disasterriskmanagement)'"

# A long note near the foot of a page goes on at the next page's foot, under a full-width rule.
{
    printf -- '---\ntitle: A long note\nlang: en\n---\n\n'
    for i in $(seq 1 9); do
        printf 'Paragraph %d sets out one more step of the argument, with enough words to fill two lines of the measure at the size of the body text in this style, and then some more.\n\n' "$i"
    done
    printf 'The claim that needs a long source note comes here.[^long] The text goes on after it for a while, so that the page fills.\n\n'
    for i in $(seq 10 30); do
        printf 'Paragraph %d sets out one more step of the argument, with enough words to fill two lines of the measure at the size of the body text in this style, and then some more.\n\n' "$i"
    done
    printf '[^long]: '
    for i in $(seq 1 60); do printf 'Source sentence %d of a note that is far longer than the space left at the foot of its page. ' "$i"; done
    printf '\n'
} > "$WORK/long-note.md"
"$BIN" render "$WORK/long-note.md" -o "$WORK/long-note.pdf" 2>"$WORK/err"
check "a long note renders without a warning" [ ! -s "$WORK/err" ]
"$BIN" render "$WORK/long-note.md" --format layout -o "$WORK/long-note.layout"
note_pages=$(awk '/^node [0-9]+ Note / { note[$2] = 1 } /^node [0-9]+ P parent=/ { split($4, p, "="); if (p[2] in note) np["P#" $2] = 1 }
    /^page / { page = $2 } /^  line / { for (k in np) if (index($0, " " k " ")) seen[page] = 1 }
    END { for (pg in seen) print pg }' "$WORK/long-note.layout" | sort -n | tr '\n' ' ')
check "the long note is set on two pages (pages: $note_pages)" [ "$(wc -w <<< "$note_pages")" -ge 2 ]
second=$(awk '{print $2}' <<< "$note_pages")
cont=$(awk -v pg="${second:-0}" '/^page / { page = $2 } page == pg && /^  rule .*artifact=rule/ { print }' "$WORK/long-note.layout" | head -1)
check "its continuation is under a full-width rule ($cont)" bash -c "grep -q 'w=470' <<< '$cont'"
pdftotext -raw "$WORK/long-note.pdf" "$WORK/long-note.txt"
ref_page=$(awk '/\f/ { page++ } /long source note comes here/ { print page + 1; exit }' "$WORK/long-note.txt")
first=$(awk '{print $1}' <<< "$note_pages")
check "its first part is on its reference's page ($ref_page)" [ "$first" = "$ref_page" ]

# Floating figures: paragraphs with figures between them; every page but the last is full to
# within a line's height (the figures that do not fit go on, the text fills in).
{
    printf -- '---\ntitle: Figures that float\nlang: en\n---\n\n'
    for i in $(seq 1 24); do
        printf 'Paragraph %d discusses the evidence in the figures, in sentences long enough to make a paragraph of several lines at the measure of the column in either style.\n\n' "$i"
        case $((i % 6)) in
            1) printf '![A bar chart %d.](figures/claims-by-year.svg "Chart: test"){alt="Bars rising."}\n\n' "$i" ;;
            3) printf '![A photograph %d.](figures/seawall.jpg){width=80%% alt="A wall."}\n\n' "$i" ;;
            5) printf '![A line chart %d.](figures/premiums-claims.pdf){alt="Two lines crossing."}\n\n' "$i" ;;
        esac
    done
} > "$WORK/floats.md"
mkdir -p "$WORK/figures"
cp "$ROOT"/samples/figures/*.{svg,pdf,jpg} "$WORK/figures/"
for style in briefing quarterly; do
    "$BIN" render "$WORK/floats.md" --style "$style" -o "$WORK/floats.$style.pdf" 2>"$WORK/err"
    check "floats/$style: renders without a warning" [ ! -s "$WORK/err" ]
    "$BIN" render "$WORK/floats.md" --style "$style" --format layout -o "$WORK/floats.$style.layout"
    # Per page and column: the lowest body line's baseline and the lowest figure's bottom, against
    # the lowest baseline any column reaches (a full column). Captions are lines too.
    # The article's text ends on the page of its last line outside a figure; that page and any
    # after it (figures still waiting) are not checked.
    short=$(awk '
        /^node / { split($4, pa, "="); parent[$2] = pa[2]; role[$2] = $3 }
        /^page / { page = $2; split($4, s, "[=x]"); w = s[2] }
        /^  (line|image) / && !/artifact=/ {
            x = $2; sub("x=", "", x); y = $3; sub("y=", "", y); col = (x + 0 > w / 2)
            bottom = y + 0
            if ($1 == "image") { h = $5; sub("h=", "", h); bottom = y + h + 0 }
            if (bottom > low[page, col]) low[page, col] = bottom
            if (bottom > full) full = bottom
            if ($1 == "line" && match($0, / [A-Za-z]+#[0-9]+ /)) {
                n = substr($0, RSTART + 1, RLENGTH - 2); sub(/.*#/, "", n)
                inFigure = 0
                for (k = n; k != "" && k != -1; k = parent[k]) if (role[k] == "Figure") inFigure = 1
                if (!inFigure && page + 0 > textEnd) textEnd = page + 0
            }
        }
        END {
            for (k in low) { split(k, pc, SUBSEP); if (pc[1] + 0 < textEnd && low[k] < full - 16.8 - 6) printf "page %s column %d ends at %.0fpt of %.0fpt; ", pc[1], pc[2] + 1, low[k], full }
        }' "$WORK/floats.$style.layout")
    check "floats/$style: every page but the last full to within a line (${short:-all full})" [ -z "$short" ]
    # Figures keep their order.
    order=$(grep -o '^  image .*' "$WORK/floats.$style.layout" | grep -o 'Figure#[0-9]*' | tr -d 'Figure#' | tr '\n' ' ')
    check "floats/$style: figures in their order" bash -c "[ '$(tr ' ' '\n' <<< "$order" | sed '/^$/d' | sort -n | tr '\n' ' ')' = '$order' ]"
done

# figures.placement: top puts every figure at the top of a page (one column): no body line above it
# (on page 1, the article's head is; that page is not checked).
briefing_with top 'figures: {placement: top}'
"$BIN" render "$WORK/floats.md" --style "$WORK/top.yaml" --format layout -o "$WORK/top.layout" 2>"$WORK/err"
above=$(awk '/^page / { page = $2; top[page] = 1e9 }
    /^  (line|image) / && !/artifact=/ { y = $3; sub("y=", "", y); if ($1 == "line") y -= 12; if (y + 0 < top[page]) top[page] = y + 0
        if ($1 == "image" && !(page in img)) img[page] = y + 0 }
    END { for (p in img) if (p > 1 && img[p] > top[p] + 0.5) printf "page %s: a figure at %.0fpt under text at %.0fpt; ", p, img[p], top[p] }' "$WORK/top.layout")
check "figures.placement: top sets each figure at the top of a page (${above:-all at the top})" \
    bash -c "[ -z '$above' ] && [ ! -s '$WORK/err' ] && grep -q '^  image' '$WORK/top.layout'"

# A raster printed below 150 dpi is a warning naming the pixels it needs, not an error; at a
# share of the column where it reaches 150 dpi it is not.
python3 - "$WORK/figures/small.png" <<'PY'
import struct, sys, zlib
w, h = 200, 120
raw = b"".join(b"\0" + b"".join(bytes([(x * 255) // w, (y * 255) // h, 128]) for x in range(w)) for y in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                              chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
printf -- '---\ntitle: Small\nlang: en\n---\n\nText.\n\n![A small picture.](figures/small.png){alt="A dot."}\n' > "$WORK/small.md"
rc=0
"$BIN" render "$WORK/small.md" -o "$WORK/small.pdf" 2>"$WORK/err" || rc=$?
check "a 200-pixel image across the column: exit 0 and a warning at its line" \
    bash -c "[ $rc -eq 0 ] && grep -q '^.*small.md:8:1: warning: image .figures/small.png. is 200 pixels wide, printed 471pt wide: 30 dpi, below 150; supply at least 981 pixels' '$WORK/err'"
printf -- '---\ntitle: Small\nlang: en\n---\n\nText.\n\n![A small picture.](figures/small.png){width=20%% alt="A dot."}\n' > "$WORK/small20.md"
"$BIN" render "$WORK/small20.md" -o "$WORK/small20.pdf" 2>"$WORK/err"
check "...and at width=20% (94pt, 153 dpi) no warning" [ ! -s "$WORK/err" ]
# A bad attribute is an error at the figure's line, exit 2, nothing written.
printf -- '---\ntitle: Bad\nlang: en\n---\n\nText.\n\n![A picture.](figures/small.png){width=300%%}\n' > "$WORK/bad.md"
rc=0
"$BIN" render "$WORK/bad.md" -o "$WORK/bad.pdf" 2>"$WORK/err" || rc=$?
check "width=300% is an error at its line, exit 2, no PDF" \
    bash -c "[ $rc -eq 2 ] && [ ! -e '$WORK/bad.pdf' ] && grep -q 'bad.md:8:1: error: image width .300%. must be a share of the column from 10% to 100%' '$WORK/err'"

finish
