#!/usr/bin/env bash
# determinism.sh: the same input gives the same bytes (PRODUCT.md section 6), so archives can be
# re-rendered and diffed. The PDF dates come from the article's date or SOURCE_DATE_EPOCH, never
# from the clock; the output path does not leak into the file either.
#
#   bash tests/determinism.sh build/inkstone
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# CI systems often export SOURCE_DATE_EPOCH; it would hide a clock-dependent date.
unset SOURCE_DATE_EPOCH

EN=$ROOT/samples/en-mekong-water.md
ZH=$ROOT/samples/zh-hans-digital-trade.md
# A dateless article: the English sample without its date: line.
NODATE=$WORK/nodate/article.md
mkdir -p "$WORK/nodate" "$WORK/a" "$WORK/b"
grep -v '^date:' "$EN" >"$NODATE"

# twice NAME INPUT ARGS...: renders INPUT (a file, or "-" for $NODATE on stdin) twice, to
# $WORK/a/1.pdf and $WORK/b/2.pdf (different directories and names), a little over a second apart
# so that any use of the clock shows; both must be identical.
twice() {
    local name=$1 input=$2 rc1=0 rc2=0
    shift 2
    rm -f "$WORK/a/1.pdf" "$WORK/b/2.pdf"
    "$BIN" render "$input" "$@" -o "$WORK/a/1.pdf" <"$NODATE" 2>"$WORK/err" || rc1=$?
    sleep 1.1
    "$BIN" render "$input" "$@" -o "$WORK/b/2.pdf" <"$NODATE" 2>>"$WORK/err" || rc2=$?
    if [[ $rc1 -ne 0 || $rc2 -ne 0 ]] || ! is_pdf "$WORK/a/1.pdf"; then
        fail "$name: render failed (exit $rc1, $rc2)"
        detail "$(head -n 3 "$WORK/err")"
    elif cmp -s "$WORK/a/1.pdf" "$WORK/b/2.pdf"; then
        pass "$name: two renders are byte-identical"
    else
        fail "$name: two renders differ ($(cmp "$WORK/a/1.pdf" "$WORK/b/2.pdf" | head -n 1))"
    fi
}
creation_date() { pdfinfo -isodates "$1" 2>/dev/null | sed -n 's/^CreationDate:[[:space:]]*//p'; }

# An English and a Chinese article (different fonts, shaping and line breaking).
twice "English sample" "$EN"
twice "Chinese sample" "$ZH"
# The article's date is the PDF's date.
date=$(creation_date "$WORK/a/1.pdf")
check "Chinese sample: CreationDate is the front matter date 2025-11-12 ($date)" starts_with "$date" 2025-11-12

# SOURCE_DATE_EPOCH (reproducible-builds.org) sets the date: 1700000000 is 2023-11-14 22:13:20 UTC.
export SOURCE_DATE_EPOCH=1700000000
twice "SOURCE_DATE_EPOCH=1700000000, English sample" "$EN"
date=$(creation_date "$WORK/a/1.pdf")
check "SOURCE_DATE_EPOCH=1700000000: CreationDate is 2023-11-14 ($date)" starts_with "$date" 2023-11-14
twice "SOURCE_DATE_EPOCH=1700000000, article without a date" "$NODATE"
date=$(creation_date "$WORK/a/1.pdf")
check "SOURCE_DATE_EPOCH=1700000000, no date: CreationDate is 2023-11-14 ($date)" starts_with "$date" 2023-11-14
unset SOURCE_DATE_EPOCH

# No date in the front matter and no SOURCE_DATE_EPOCH: still no clock.
twice "article without a date" "$NODATE"
# ... also when the same article comes from stdin (no file, so no file time to fall back on),
twice "article without a date, from stdin" -
# ... and from a copy with another modification time: the same input is the same text, whatever
# the file system says (a fresh checkout must reproduce the archive).
cp "$NODATE" "$WORK/nodate/copy.md"
touch -d '2001-02-03 04:05:06' "$WORK/nodate/copy.md"
"$BIN" render "$NODATE" -o "$WORK/a/orig.pdf" 2>/dev/null || true
"$BIN" render "$WORK/nodate/copy.md" -o "$WORK/b/copy.pdf" 2>/dev/null || true
if is_pdf "$WORK/a/orig.pdf" && cmp -s "$WORK/a/orig.pdf" "$WORK/b/copy.pdf"; then
    pass "article without a date: a copy with another mtime renders byte-identical"
else
    fail "article without a date: a copy with another mtime renders byte-identical (CreationDate $(creation_date "$WORK/a/orig.pdf") vs $(creation_date "$WORK/b/copy.pdf"))"
fi

finish || exit 1
