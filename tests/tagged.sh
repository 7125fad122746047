#!/usr/bin/env bash
# tagged.sh: accessible and archival PDFs (issue 14), read with tools that are not our writer:
# inkstone_pdfcheck (tests/pdfcheck: the machine-checkable conditions of PDF/UA-1's Matterhorn
# Protocol and of PDF/A-2, written from the standards), poppler's `pdfinfo -struct-text` compared
# with the page model (tests/tagged_tree.py), pdftotext and qpdf.
#   - every sample, tagged by default: PDF/UA-1 conditions hold, qpdf --check is clean, poppler's
#     tree is the page model's (roles and text in reading order, heading texts, every tagged
#     character, the word space at the end of a line of English);
#     with --pdfa (2b) and --pdfa=2u the PDF/A-2 conditions hold too;
#   - languages: the catalog's, and marked content in another language (a Traditional Chinese
#     quotation in an English article, English terms in a Chinese one);
#   - a hyphen the line break added is a soft hyphen in the extracted text, not a hyphen;
#   - --no-tags and the style's `pdf: {tagged: false}`: no tree, no marked content, smaller;
#   - the sample volume (Part, TOC/TOCI/Link, Sect, Art) and batch output, tagged and PDF/A;
#   - figures: alternative text in /Alt, a warning without it; PDF/A with a CMYK JPEG and a PDF
#     figure whose fonts are not embedded (both made conforming), the CMYK kept without --pdfa;
#   - Cairo's fallback writer still writes the samples (it cannot tag: README).
#
#   bash tests/tagged.sh build/inkstone build/inkstone_pdfcheck [build/inkstone_make_figures]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CHECK=${2:-$(dirname "$BIN")/inkstone_pdfcheck}
MAKE_FIGURES=${3:-$(dirname "$BIN")/inkstone_make_figures}
TREE="python3 $ROOT/tests/tagged_tree.py"

# conforms LABEL PDF FLAGS...: inkstone_pdfcheck FLAGS passes (its report shown when not).
conforms() {
    local label=$1 pdf=$2 out rc=0
    shift 2
    out=$("$CHECK" "$@" "$pdf" 2>&1) || rc=$?
    if [[ $rc -eq 0 ]]; then pass "$label ($(tail -1 <<< "$out" | sed 's/.*: //'))"; else fail "$label"; detail "$out"; fi
}
# qdf PDF: the file with its streams uncompressed and no object streams (for grep).
qdf() { qpdf --qdf --object-streams=disable "$1" - 2>/dev/null; }
# rendered CMD...: runs inkstone, fails the check list on a warning or error it did not expect.
rendered() {
    local err=$WORK/stderr rc=0
    "$BIN" "$@" 2>"$err" || rc=$?
    if [[ $rc -ne 0 || -s $err ]]; then fail "inkstone $* (exit $rc)"; detail "$(cat "$err")"; return 1; fi
}

# ---- every sample ----
for md in "$ROOT"/samples/*.md; do
    name=$(basename "$md" .md)
    pdf=$WORK/$name.pdf
    rendered render "$md" -o "$pdf" || continue
    rendered render "$md" --format layout -o "$WORK/$name.layout" || continue
    check "$name: qpdf --check is clean" bash -c "qpdf --check '$pdf' > /dev/null 2>&1"
    conforms "$name: PDF/UA-1 conditions hold" "$pdf" --ua
    pdfinfo -struct-text "$pdf" > "$WORK/$name.struct" 2>/dev/null
    out=$($TREE "$WORK/$name.layout" "$WORK/$name.struct" 2>&1) && rc=0 || rc=$?
    if [[ $rc -eq 0 ]]; then pass "$name: poppler's tree is the page model's ($(tail -1 <<< "$out"))"; else
        fail "$name: poppler's tree is the page model's"; detail "$out"; fi
    rendered render "$md" --pdfa -o "$WORK/$name-a2b.pdf" && conforms "$name --pdfa: PDF/UA-1 and PDF/A-2b" "$WORK/$name-a2b.pdf" --ua --pdfa
    rendered render "$md" --pdfa=2u -o "$WORK/$name-a2u.pdf" && {
        conforms "$name --pdfa=2u: PDF/UA-1 and PDF/A-2u" "$WORK/$name-a2u.pdf" --ua --pdfa
        check "$name --pdfa=2u: claims conformance U" grep -aq 'pdfaid:conformance>U<\|pdfaid:conformance="U"' "$WORK/$name-a2u.pdf"
    }
done

# ---- languages ----
en=$WORK/en-coastal-flood-insurance.pdf
qdf "$en" > "$WORK/en.qdf"
check "catalog /Lang is the article's (en)" grep -aq '/Lang (en)' "$WORK/en.qdf"
check "the Traditional Chinese quotation is marked /Lang (zh-Hant-HK)" grep -aq '/Lang (zh-Hant-HK)>> BDC' "$WORK/en.qdf"
qdf "$WORK/mixed-semiconductor-supply.pdf" > "$WORK/mixed.qdf"
check "a Chinese article's catalog /Lang is zh-Hans" grep -aq '/Lang (zh-Hans)' "$WORK/mixed.qdf"
check "...and its English terms are marked /Lang (en)" grep -aq '/Lang (en)>> BDC' "$WORK/mixed.qdf"

# ---- a hyphen the line break added ----
# The hyphenated lines of the page model ("...rein-"): the word's first part is followed in the
# extracted text by a soft hyphen (U+00AD), never by "-".
grep ' hyphen ' "$WORK/en-coastal-flood-insurance.layout" | sed 's/.*[ |]\([[:alpha:]]*\)-|$/\1/' > "$WORK/hyphenated"
pdftotext "$en" "$WORK/en.txt"
total=$(wc -l < "$WORK/hyphenated")
soft=0 hard=0
while IFS= read -r part; do
    [[ -z $part ]] && continue
    grep -q "${part}"$'\u00ad' "$WORK/en.txt" && soft=$((soft + 1))
    grep -q "${part}-\$" "$WORK/en.txt" && hard=$((hard + 1))
done < "$WORK/hyphenated"
check "$total hyphenated lines: the added hyphen is a soft hyphen in the text ($soft), never '-' ($hard)" \
    test "$total" -gt 0 -a "$soft" -eq "$total" -a "$hard" -eq 0

# ---- untagged on request ----
rendered render "$ROOT/samples/en-coastal-flood-insurance.md" --no-tags -o "$WORK/plain.pdf" || true
qdf "$WORK/plain.pdf" > "$WORK/plain.qdf"
check "--no-tags: no structure tree, no marked content, no PDF/UA claim" \
    bash -c "! grep -aq 'StructTreeRoot\|BDC\|pdfuaid' '$WORK/plain.qdf'"
check "--no-tags: smaller ($(stat -c %s "$WORK/plain.pdf") bytes, tagged $(stat -c %s "$en"))" \
    test "$(stat -c %s "$WORK/plain.pdf")" -lt "$(stat -c %s "$en")"
printf 'extends: briefing\npdf:\n  tagged: false\n' > "$WORK/untagged.yaml"
rendered render "$ROOT/samples/en-mekong-water.md" --style "$WORK/untagged.yaml" -o "$WORK/plain2.pdf" || true
qdf "$WORK/plain2.pdf" > "$WORK/plain2.qdf"
check "style pdf.tagged: false: no structure tree" bash -c "! grep -aq StructTreeRoot '$WORK/plain2.qdf'"

# ---- the sample volume and batch output ----
vol=$WORK/volume.pdf
rendered compile "$ROOT/samples/volume.yaml" -o "$vol" -q || true
rendered compile "$ROOT/samples/volume.yaml" --format layout -o "$WORK/volume.layout" -q || true
conforms "volume: PDF/UA-1 conditions hold" "$vol" --ua
pdfinfo -struct-text "$vol" > "$WORK/volume.struct" 2>/dev/null
out=$($TREE "$WORK/volume.layout" "$WORK/volume.struct" 2>&1) && rc=0 || rc=$?
if [[ $rc -eq 0 ]]; then pass "volume: poppler's tree is the page model's ($(tail -1 <<< "$out"))"; else
    fail "volume: poppler's tree is the page model's"; detail "$out"; fi
roles=$(grep -v '^ *"' "$WORK/volume.struct" | awk '{print $1}' | sort -u | tr '\n' ' ')
for r in Document Part TOC TOCI Link Sect Art H1 H2 BlockQuote Table Figure Note; do
    check "volume: the tree has $r" grep -qw -- "$r" <<< "$roles"
done
check "volume: one Art per article (6)" test "$(grep -c '^ *Art$' "$WORK/volume.struct")" -eq 6
rendered compile "$ROOT/samples/volume.yaml" --pdfa -o "$WORK/volume-a.pdf" -q || true
conforms "volume --pdfa: PDF/UA-1 and PDF/A-2b" "$WORK/volume-a.pdf" --ua --pdfa
mkdir -p "$WORK/batch"
rendered batch "$ROOT"/samples/*.md -o "$WORK/batch" --pdfa -q || true
n=0
for pdf in "$WORK"/batch/*.pdf; do
    conforms "batch --pdfa: $(basename "$pdf")" "$pdf" --ua --pdfa
    n=$((n + 1))
done
check "batch wrote every sample ($n)" test "$n" -eq "$(ls "$ROOT"/samples/*.md | wc -l)"

# ---- figures ----
F=$WORK/figs
mkdir -p "$F"
"$MAKE_FIGURES" "$F" > /dev/null
printf -- '---\ntitle: Figures\nlang: en\n---\n\nText.\n\n![A proof in two inks.](cmyk.jpg){width=30%% alt="Two blocks, cyan and magenta."}\n\n![Rain by month.](chart.pdf){width=50%% alt="Three bars."}\n' > "$F/a.md"
"$BIN" render "$F/a.md" -o "$F/plain-a.pdf" 2> "$F/err" || true
check "a PDF figure without embedded fonts: a warning that it is redrawn with substitutes" grep -q "redrawn with substitutes" "$F/err"
conforms "figures: PDF/UA-1 conditions hold (the figure's fonts embedded)" "$F/plain-a.pdf" --ua
check "figures: without --pdfa a CMYK JPEG stays CMYK" grep -aq '/DeviceCMYK' "$F/plain-a.pdf"
"$BIN" render "$F/a.md" --pdfa -o "$F/a.pdf" 2>/dev/null
conforms "figures --pdfa: PDF/A-2b with a CMYK JPEG (stored as RGB) and the redrawn PDF figure" "$F/a.pdf" --ua --pdfa
check "figures: /Alt is the alt text" bash -c "'$CHECK' --tree '$F/a.pdf' | grep -q 'Figure alt=\"Two blocks, cyan and magenta.\"'"
printf -- '---\ntitle: No alt\nlang: en\n---\n\nText.\n\n![A proof.](cmyk.jpg){width=30%%}\n' > "$F/b.md"
"$BIN" render "$F/b.md" -o "$F/b.pdf" 2> "$F/err" || true
check "a figure without alt text: a warning at its line" grep -q "b.md:8:1: warning: figure 'cmyk.jpg' has no alternative text" "$F/err"
check "...and its caption stands in as /Alt" bash -c "'$CHECK' --tree '$F/b.pdf' | grep -q 'Figure alt=\"A proof.\"'"
"$BIN" check "$F/b.md" > /dev/null 2> "$F/err" || true
check "inkstone check lints it too" grep -q "b.md:8:1: warning: figure 'cmyk.jpg' has no alternative text" "$F/err"

# ---- Cairo's fallback writer: still writes PDFs, untagged ----
export INKSTONE_PDF_WRITER=cairo
rendered render "$ROOT/samples/en-mekong-water.md" -o "$WORK/cairo.pdf" || true
unset INKSTONE_PDF_WRITER
check "Cairo's fallback writes the sample, untagged (it cannot tag)" \
    bash -c "qpdf --check '$WORK/cairo.pdf' > /dev/null 2>&1 && ! qpdf --qdf --object-streams=disable '$WORK/cairo.pdf' - | grep -aq StructTreeRoot"

finish
