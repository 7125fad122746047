#!/usr/bin/env bash
# inkstone compile: the sample volume checked from its PDF: contents numbers equal the pages where
# the articles start, every contents entry is a link, the outline has every article, running heads
# and folios on the article pages, page labels (roman, then arabic), deterministic bytes.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

vol=$ROOT/samples/volume.yaml
pdf=$WORK/volume.pdf
rc=0
"$BIN" compile "$vol" -o "$pdf" 2> "$WORK/stderr" || rc=$?
if [ "$rc" -ne 0 ]; then
    fail "compile of samples/volume.yaml exits $rc"
    detail "$(cat "$WORK/stderr")"
    finish
fi
check "compile exits 0 with no warning" [ ! -s "$WORK/stderr" ]
check "qpdf --check is clean" bash -c "qpdf --check '$pdf' > /dev/null 2>&1"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
labels=$(page_labels "$pdf" "$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')")
nlabels=$(echo "$labels" | grep -c .)
check "every page has a label ($nlabels of $pages)" [ "$nlabels" -eq "$pages" ]
check "front matter is numbered in roman" [ "$(echo "$labels" | head -1)" = "i" ]
first_arabic=$(echo "$labels" | grep -n '^1$' | head -1 | cut -d: -f1)
check "arabic folios start at 1 after the front matter (physical page $first_arabic)" [ -n "$first_arabic" ]

# The contents page: each article title with its number; the number must be the folio of the page
# where the article's title appears first.
contents_page=$(for p in $(seq 1 "$pages"); do if pdftotext -f "$p" -l "$p" "$pdf" - | grep -q '^Contents'; then echo "$p"; break; fi; done)
check "a contents page exists" [ -n "$contents_page" ]
toc=$(pdftotext -layout -f "$contents_page" -l "$contents_page" "$pdf" -)
n=0
while IFS= read -r article; do
    title=$(fm_scalar "$ROOT/samples/$article" title)
    line=$(grep -F -- "${title:0:8}" <<< "$toc" | head -1)
    number=$(grep -o '[0-9]\+ *$' <<< "$line" | tr -d ' ')
    start=""
    for p in $(seq $((first_arabic)) "$pages"); do
        if pdftotext -f "$p" -l "$p" "$pdf" - | tr -d ' \n' | grep -qF -- "$(tr -d ' ' <<< "${title:0:10}")"; then start=$p; break; fi
    done
    folio=$(echo "$labels" | sed -n "${start:-0}p")
    # One test command for check (a bare "[ ] && [ ]" would give check only the first, and a
    # wrong number would end the suite under set -e instead of failing this check).
    check "contents: '${title:0:24}' -> $number, starts on the page labelled ${folio:-?}" [ -n "$number" -a "$number" = "$folio" ]
    n=$((n + 1))
done < <(grep -o '[a-z0-9*-]*\.md' "$vol" | while read -r g; do ls "$ROOT/samples"/$g | xargs -n1 basename; done)
check "contents list every article ($n)" [ "$n" -eq 6 ]

# Links: the contents page carries a /Link with a /Dest for every entry (title and number).
links=$(qpdf --qdf --object-streams=disable "$pdf" - 2>/dev/null | grep -a -c '/Dest (a[0-9]*-title)' || true)
check "contents entries are links to the articles ($links link annotations)" [ "$links" -ge 8 ]
outline=$(qpdf --json=2 --json-key=outlines "$pdf" | grep -o '"title": "[^"]*"')
for article in "Rethinking Water" "数字贸易规则" "能源轉型" "成熟制程" "Who Pays When" "城市更新的钱"; do
    check "outline has '$article'" grep -qF -- "$article" <<< "$outline"
done
check "outline has the sections" grep -qF "Regional affairs" <<< "$outline"

# The cover: issue label, title, subtitle, the cover image, publisher and date, in that order.
cover_text=$(pdftotext -f 1 -l 1 "$pdf" - | tr '\n' '|')
check "the cover reads issue, title, subtitle, publisher, date" \
    bash -c "grep -qE '2026 Q1.*Policy Review.*Selected briefings.*Institute of International Studies.*31 March 2026' <<< \"\$1\"" _ "$cover_text"
cover_images=$(pdfimages -list -f 1 -l 1 "$pdf" | tail -n +3 | wc -l)
check "the cover carries the manifest's cover image ($cover_images image)" [ "$cover_images" -eq 1 ]
img_w=$(pdfimages -list -f 1 -l 1 "$pdf" | awk 'NR == 3 {print $4}')
check "the image is embedded at its own resolution (width $img_w px)" [ "${img_w:-0}" -eq 900 ]

# Running heads: publication on left-hand pages, the article title on right-hand pages, folios.
p2=$((first_arabic + 1))
check "a left-hand page carries the publication" bash -c "pdftotext -f $p2 -l $p2 '$pdf' - | grep -q 'Policy Review'"
p3=$((first_arabic + 2))
check "a right-hand page carries the article title" bash -c "pdftotext -f $p3 -l $p3 '$pdf' - | grep -q 'Rethinking Water Diplomacy'"

# Determinism and atomic output.
"$BIN" compile "$vol" -o "$WORK/again.pdf" -j 1
check "two compiles (-j 2 and -j 1) give identical bytes" cmp -s "$pdf" "$WORK/again.pdf"
printf 'title: Broken\nsections:\n  - title: A\n    articles: [nope.md]\n' > "$WORK/bad.yaml"
cp "$pdf" "$WORK/keep.pdf"
set +e
"$BIN" compile "$WORK/bad.yaml" -o "$WORK/keep.pdf" 2> "$WORK/err"
rc=$?
set -e
check "a missing article is exit 2 with file:line:col ($rc)" bash -c "[ $rc -eq 2 ] && grep -q 'bad.yaml:4:[0-9]*: error: article' '$WORK/err'"
check "the earlier output is left untouched" cmp -s "$pdf" "$WORK/keep.pdf"
# An editor's note: after the cover, before the contents, numbered in roman, in the outline.
printf -- "---\ntitle: \"Editor's note\"\nauthors:\n  - name: The Editors\n---\n\nThis issue gathers briefings on water, energy and trade.\n" > "$WORK/note.md"
printf 'title: Noted volume\nissue: 2026 Q2\neditors-note: note.md\nstyle: quarterly\nsections:\n  - title: All\n    articles: [%s, %s]\n' \
    "$ROOT/samples/en-mekong-water.md" "$ROOT/samples/zh-hans-digital-trade.md" > "$WORK/noted.yaml"
"$BIN" compile "$WORK/noted.yaml" -o "$WORK/noted.pdf" -q
note_page=$(for p in 1 2 3 4 5 6; do if pdftotext -f "$p" -l "$p" "$WORK/noted.pdf" - | grep -q "gathers briefings"; then echo "$p"; break; fi; done)
contents_at=$(for p in 1 2 3 4 5 6 7 8; do if pdftotext -f "$p" -l "$p" "$WORK/noted.pdf" - | grep -q '^Contents'; then echo "$p"; break; fi; done)
note_label=$(page_labels "$WORK/noted.pdf" "$(pdfinfo "$WORK/noted.pdf" | awk '/^Pages:/ {print $2}')" | sed -n "${note_page:-0}p")
check "the editor's note follows the cover (page ${note_page:-?}, label ${note_label:-?}) and precedes the contents (page ${contents_at:-?})" \
    [ -n "$note_page" -a -n "$contents_at" -a "${note_page:-0}" -gt 1 -a "${note_page:-0}" -lt "${contents_at:-0}" -a "$note_label" = "iii" ]
check "the outline has the editor's note" bash -c "qpdf --json=2 --json-key=outlines '$WORK/noted.pdf' | grep -qF \"Editor's note\""
check "qpdf --check is clean with a note" bash -c "qpdf --check '$WORK/noted.pdf' > /dev/null 2>&1"

# A cover that is not a PNG: exit 2, naming the manifest, and no output.
printf 'not an image' > "$WORK/cover.png"
printf 'title: T\ncover: cover.png\nsections:\n  - title: A\n    articles: [%s]\n' "$ROOT/samples/en-mekong-water.md" > "$WORK/badcover.yaml"
set +e
"$BIN" compile "$WORK/badcover.yaml" -o "$WORK/badcover.pdf" -q 2> "$WORK/err"
rc=$?
set -e
check "a cover that is not a PNG is exit 2 with the manifest named ($rc)" \
    bash -c "[ $rc -eq 2 ] && grep -q 'badcover.yaml:2:[0-9]*: error: cover image' '$WORK/err' && [ ! -e '$WORK/badcover.pdf' ]"
# A title longer than the contents line wraps; its number stays on the last line, inside the page.
printf -- '---\ntitle: "A deliberately long title about transboundary water governance, cascades of dams and the politics of sharing data"\n---\nBody.\n' > "$WORK/long.md"
printf 'title: Narrow\nstyle: quarterly\nsections:\n  - title: S\n    articles: [long.md, %s]\n' "$ROOT/samples/en-mekong-water.md" > "$WORK/long.yaml"
"$BIN" compile "$WORK/long.yaml" -o "$WORK/long.pdf" -q
ltoc=$(pdftotext -layout -f 3 -l 3 "$WORK/long.pdf" -)
first_line=$(grep -F 'A deliberately long title' <<< "$ltoc" || true)
check "a long contents title wraps (its first line holds no page number)" bash -c "[ -n \"\$1\" ] && ! grep -qE '[0-9]\$' <<< \"\$1\"" _ "$first_line"
check "...and its number ends the last line of the title" grep -qE 'sharing data[ .]+1$' <<< "$ltoc"

# The volume's structure (compile --format layout): a Document; the front matter a Part first
# (cover, contents as a TOC with a TOCI per section title and per article, each article's a Link);
# a Sect per section holding its articles as Arts; every item tagged or an artifact.
"$BIN" compile "$vol" --format layout -o "$WORK/volume.layout" -q
lay=$WORK/volume.layout
arts=$(grep -c '^      - ' "$vol" || true)
sections=$(grep -c '^  - title:' "$vol" || true)
check "layout dump: one Document root" [ "$(grep -c '^node [0-9]* Document parent=-1' "$lay")" -eq 1 ]
check "layout dump: the front matter is a Part, the Document's first child" grep -q '^node 1 Part parent=0' "$lay"
check "layout dump: a Sect per section ($sections)" [ "$(grep -c '^node [0-9]* Sect parent=0' "$lay")" -eq "$sections" ]
check "layout dump: an Art per article ($arts), each in a Sect" \
    bash -c "[ \$(grep '^node [0-9]* Art ' '$lay' | wc -l) -eq $arts ] && ! grep '^node [0-9]* Art ' '$lay' | grep -q 'parent=[01] '"
check "layout dump: the contents are a TOC with a TOCI per article and section title, each article's a Link" \
    bash -c "[ \$(grep -c '^node [0-9]* TOCI ' '$lay') -eq $((arts + sections)) ] && [ \$(grep -c '^node [0-9]* TOC ' '$lay') -eq 1 ] && grep -q 'TOCI#[0-9]* +Link#' '$lay'"
check "layout dump: nothing untagged; leaders, rules, running heads and folios are artifacts" \
    bash -c "! grep -q untagged '$lay' && grep -q artifact=leader '$lay' && grep -q artifact=folio '$lay'"
check "layout dump: the pages are the PDF's (same count)" [ "$(grep -c '^page ' "$lay")" -eq "$pages" ]
finish
