#!/usr/bin/env bash
# pdfcheck.sh: inkstone_pdfcheck, the independent PDF/UA-1 and PDF/A-2 checker of issue 14
# (tests/pdfcheck/), is tested on small hand-made PDFs (its hidden `--make KIND`): the good one
# passes --ua and --pdfa and prints its structure tree as written, and every broken one fails with
# the checkpoint of what it breaks (exit 1); an unreadable file exits 2. qpdf --check passes on each
# test file. (tests/tagged.sh runs it on inkstone's PDFs.)
#
#   bash tests/pdfcheck.sh build/inkstone build/inkstone_pdfcheck
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CHECK=${2:-$(dirname "$BIN")/inkstone_pdfcheck}
FONT=$ROOT/tests/fonts/InkTest.ttf

# run FILE FLAGS...: the checker's output in OUT, its exit status in RC.
run() {
    local f=$1
    shift
    RC=0
    OUT=$("$CHECK" "$@" "$f" 2>&1) || RC=$?
}

# make KIND: writes $WORK/KIND.pdf and checks qpdf reads it cleanly.
make_pdf() {
    "$CHECK" --make "$1" "$WORK/$1.pdf" "$FONT"
    if ! qpdf --check "$WORK/$1.pdf" > /dev/null 2>&1; then
        fail "qpdf --check on the hand-made $1.pdf"
        detail "$(qpdf --check "$WORK/$1.pdf" 2>&1 | tail -5)"
    fi
}

# ---- the checker on hand-made PDFs ----

make_pdf good
run "$WORK/good.pdf" --ua --pdfa
if [[ $RC -eq 0 && $OUT == *"good.pdf: "*" checks, 0 failures" ]]; then pass "good.pdf passes --ua and --pdfa"; else
    fail "good.pdf passes --ua and --pdfa (exit $RC)"; detail "$OUT"; fi

run "$WORK/good.pdf" --tree
expected_tree='Document
  H1: Tide tables
  Para->P: Tides rise twice a day.
  H2: Sources
  L
    LI
      Lbl: 1.
      LBody: Harbour gauges
  Table
    TR
      TH: Port
      TH: Height
    TR
      TD: Dover
      TD: 6.1 m
  Figure alt="A curve rising through the morning": 
  P
    Span: See 
    Link: the tide office
  Note: Heights in metres.'
tree=$(printf '%s\n' "$OUT" | sed '$d')  # without the summary line
if [[ $RC -eq 0 && $tree == "$expected_tree" ]]; then pass "--tree prints good.pdf's structure with its text"; else
    fail "--tree prints good.pdf's structure with its text"; detail "$OUT"; fi

# Kinds that pass, and a line their --tree must show: ActualText replaces the glyphs' text; the
# text of a form XObject drawn inside a tagged sequence is that sequence's.
while IFS='|' read -r kind line; do
    make_pdf "$kind"
    run "$WORK/$kind.pdf" --ua --tree
    if [[ $RC -eq 0 && $'\n'$OUT$'\n' == *$'\n'"$line"$'\n'* ]]; then pass "$kind passes --ua; --tree shows: $line"; else
        fail "$kind passes --ua; --tree shows: $line (exit $RC)"; detail "$OUT"; fi
done <<'EOF'
actual-text|  Para->P: Tides rise twice daily.
form-in-figure|  Figure alt="A curve rising through the morning": scale
EOF

# KIND  FLAGS  CODE that must be reported (each kind breaks one thing of good.pdf)
while read -r kind flags code; do
    [[ -z $kind || $kind == \#* ]] && continue
    make_pdf "$kind"
    run "$WORK/$kind.pdf" $flags
    if [[ $RC -eq 1 && $OUT == *"$kind.pdf: $code: "* ]]; then pass "$kind: $code (exit 1)"; else
        fail "$kind: $code (exit 1; got $RC)"; detail "$OUT"; fi
done <<'EOF'
untagged-text        --ua    01-005
form-untagged        --ua    01-005
duplicate-mcid       --ua    ISO32000-1:14.7.4.2
tagged-in-artifact   --ua    01-004
artifact-in-tagged   --ua    01-003
unbalanced           --ua    ISO32000-1:14.6
figure-no-alt        --ua    13-004
skipped-heading      --ua    14-003
first-heading-h2     --ua    14-002
no-lang              --ua    11-001
bad-lang             --ua    11-001
bad-element-lang     --ua    11-001
unmapped-role        --ua    02-001
circular-role        --ua    02-003
remapped-standard    --ua    02-004
th-no-scope          --ua    15-003
td-in-table          --ua    09-004
li-outside-list      --ua    09-005
note-no-id           --ua    19-003
note-duplicate-id    --ua    19-004
link-not-tagged      --ua    28-011
link-no-contents     --ua    28-012
no-tabs              --ua    28-008
wrong-parent-tree    --ua    ISO32000-1:14.7.4.4
no-struct-parents    --ua    ISO32000-1:14.7.4.4
no-markinfo          --ua    ISO14289-1:6.2
suspects             --ua    01-007
no-display-doc-title --ua    07-001
no-pdfuaid           --ua    06-002
no-dc-title          --ua    06-003
font-not-embedded    --ua    31-009
no-tounicode         --ua    31-027
font-not-embedded    --pdfa  A2:6.2.11.4.1
no-tounicode         --pdfa  A2:6.2.11.7.2
cmyk                 --pdfa  A2:6.2.4.3
info-mismatch        --pdfa  A2:6.6.3
no-extension-schema  --pdfa  A2:6.6.2.3.1
javascript           --pdfa  A2:6.5.1
annot-not-printed    --pdfa  A2:6.3.2
blend-mode           --pdfa  A2:6.2.10
no-output-intent     --pdfa  A2:6.2.3
filtered-metadata    --pdfa  A2:6.6.2.1
no-id                --pdfa  A2:6.1.3
no-binary-header     --pdfa  A2:6.1.2
EOF

# The PDF/A-only breaks stay out of --ua's way, and the other way round.
for pair in "cmyk --ua" "no-binary-header --ua" "figure-no-alt --pdfa" "skipped-heading --pdfa"; do
    set -- $pair
    run "$WORK/$1.pdf" "$2"
    if [[ $RC -eq 0 ]]; then pass "$1 passes $2"; else fail "$1 passes $2 (exit $RC)"; detail "$OUT"; fi
done

printf 'not a PDF\n' > "$WORK/text.pdf"
run "$WORK/text.pdf" --ua
check "an unreadable file exits 2 (got $RC)" test "$RC" -eq 2
run "$WORK/good.pdf" --no-such-flag
check "a wrong flag exits 2 (got $RC)" test "$RC" -eq 2

# The checker on our writer's PDFs: tests/tagged.sh.

finish
