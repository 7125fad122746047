#!/usr/bin/env bash
# vertical.sh: Chinese set vertically (issue 16, `page.writing-mode: vertical-rl`, the `vertical`
# style). The vertical sample and the Simplified samples in the vertical style are read back
# through MuPDF's structured text (tests/vertical_check.py): Han upright, Latin on its side,
# one- to three-digit numbers across the line one em wide, characters down each line, lines
# right to left, no line starting with a closing mark, the text in reading order. Then the
# PDF's own parts (Identity-V fonts with /W2, the turned text matrices, /Direction /R2L), the
# pages bound on the right, the Cairo fallback's text, PNG pages, and style errors.
#
#   bash tests/vertical.sh build/inkstone
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

check() {  # check DESCRIPTION COMMAND...
    local d=$1
    shift
    if "$@" > "$WORK/out" 2>&1; then pass "$d"; else fail "$d"; detail "$(head -12 "$WORK/out")"; fi
}
command -v mutool >/dev/null || { echo "vertical.sh: mutool not found (apt-get install mupdf-tools)" >&2; exit 2; }
CHECK="python3 $ROOT/tests/vertical_check.py"
stext() { mutool draw -q -F stext -o "$2" "$1" 2>/dev/null; }
# The A5 body of the vertical style: 17 mm from the top and the bottom.
TOP=48.1 BOTTOM=547.2

hb=$ROOT/samples/zh-hant-vertical-harbour.md
"$BIN" render "$hb" -o "$WORK/hb.pdf" 2> "$WORK/err"
check "the vertical sample renders without a warning" test ! -s "$WORK/err"
check "...on A5 pages, portrait" bash -c "pdfinfo '$WORK/hb.pdf' | grep -q 'Page size: *419.5[0-9]* x 595.2'"
stext "$WORK/hb.pdf" "$WORK/hb.xml"
check "read back (MuPDF): upright Han, Latin and 2100 on their side, 30 and 4 across the line one em wide, lines down and right to left, in reading order" \
    $CHECK "$WORK/hb.xml" $TOP $BOTTOM "談到港灣城市的防災，公共討論最常問的是「海堤要蓋多高」" "以2100年的情境推估" \
    "若債券年期拉長至30年，每年的財政負擔可降低約4成" "無論採取哪一種方式"
# The same PDF, read by poppler in content-stream order.
pdftotext -raw "$WORK/hb.pdf" - | tr -d ' \n' > "$WORK/raw.txt"
check "read back (poppler, -raw): the paragraphs whole, in order" \
    bash -c "grep -q '極端水位的重現期正在縮短——原本五十年一次的高潮位' '$WORK/raw.txt' && grep -q '第三種則是保險與債券的組合' '$WORK/raw.txt'"

# The PDF's parts: upright text through Identity-V fonts with vertical metrics in the W2 form
# Ghostscript reads (c [w1 vx vy ...]), the text matrix turned a quarter anticlockwise.
qpdf --qdf --object-streams=disable "$WORK/hb.pdf" "$WORK/hb-q.pdf"
tr '\n' ' ' < "$WORK/hb-q.pdf" > "$WORK/hb-flat.txt"  # qpdf's QDF form puts array items on lines of their own
check "Identity-V fonts over the same CIDFonts, with /DW2 and /W2 in the c [...] form" \
    bash -c "grep -aq '/Encoding /Identity-V' '$WORK/hb-flat.txt' && grep -aqE '/DW2 \[ *880 +-1000 *\]' '$WORK/hb-flat.txt' &&
             grep -aqE '/W2 \[ *[0-9]+ *\[ *-1000 +500 +880' '$WORK/hb-flat.txt'"
check "upright runs: a turned text matrix (0 1 -1 0 ... Tm) in a /V font" \
    bash -c "grep -aq '^/V[0-9a-f]* [0-9.]* Tf' '$WORK/hb-q.pdf' && grep -aqE '^0 1 -1 0 [0-9.]+ [0-9.]+ Tm \[' '$WORK/hb-q.pdf'"
check "/ViewerPreferences /Direction /R2L" grep -aq '/Direction /R2L' "$WORK/hb-q.pdf"
check "the document's tags are kept (PDF/UA checker)" "$(dirname "$BIN")/inkstone_pdfcheck" --ua "$WORK/hb.pdf"

# Bound on the right: page 1 is a left-hand page, its inner margin (16 mm) on its right; page 2
# a right-hand page, its outer one (14 mm) on its right.
right_edge() {  # the right end of the body text of page $2 of stext $1
    python3 - "$1" "$2" "$TOP" "$BOTTOM" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
page = ET.parse(sys.argv[1]).getroot().findall("page")[int(sys.argv[2]) - 1]
top, bottom = float(sys.argv[3]), float(sys.argv[4])
xs = []
for ch in page.iter("char"):
    q = [float(v) for v in ch.get("quad").split()]
    if min(q[1::2]) >= top and max(q[1::2]) <= bottom:
        xs.append(max(q[0::2]))
print(f"{float(page.get('width')) - max(xs):.1f}")
PYEOF
}
m1=$(right_edge "$WORK/hb.xml" 1) m2=$(right_edge "$WORK/hb.xml" 2)
check "bound on the right: page 1's right margin is the inner one (~45 pt: $m1), page 2's the outer one (~40 pt: $m2)" \
    bash -c "awk 'BEGIN { exit !($m1 > 43 && $m1 < 48 && $m2 > 37 && $m2 < 42) }'"

# Edge cases of the number rule, and the two scripts of Chinese.
cat > "$WORK/edge.md" <<'EOF'
---
title: 邊界
lang: zh-Hant
style: vertical
---

第1條與第12條及第100條，比率為3.5，AI與GDP；2026年的目標，成長50%而非100%。
EOF
"$BIN" render "$WORK/edge.md" -o "$WORK/edge.pdf"
stext "$WORK/edge.pdf" "$WORK/edge.xml"
check "numbers: 1, 12, 100 and 50% across the line (one em each: full, half, third widths or narrowed); 3.5, 2026, 100%, AI, GDP on their side" \
    $CHECK "$WORK/edge.xml" $TOP $BOTTOM "第1條與第12條及第100條，比率為3.5，AI與GDP；2026年的目標，成長50%而非100%。"
check "...and the checker reads the units it counts (1 + 2 + 3 + 3 = 9 characters across the line)" \
    bash -c "$CHECK '$WORK/edge.xml' $TOP $BOTTOM | grep -q 'tate-chu-yoko 9'"
"$BIN" render "$WORK/edge.md" --format layout -o "$WORK/edge.layout"
check "the layout dump names the units (~tcy(12), ~tcy(50%): the vertical style's cjk.tate-chu-yoko) and the runs on their side (~side(3.5), ~side(100%))" \
    bash -c "grep -q '~tcy(12)' '$WORK/edge.layout' && grep -q '~side(3.5)' '$WORK/edge.layout' && grep -q '~tcy(100)' '$WORK/edge.layout' &&
             grep -q '~tcy(50%)' '$WORK/edge.layout' && grep -q '~side(100%)' '$WORK/edge.layout'"
printf 'extends: vertical\ncjk:\n  tate-chu-yoko: {digits: 0}\n' > "$WORK/notcy.yaml"
"$BIN" render "$WORK/edge.md" --style "$WORK/notcy.yaml" --format layout -o "$WORK/notcy.layout"
check "...and tate-chu-yoko: {digits: 0} lays every number on its side" \
    bash -c "! grep -q '~tcy(' '$WORK/notcy.layout' && grep -q '~side(12)' '$WORK/notcy.layout'"

"$BIN" render "$ROOT/samples/zh-hans-vertical-tea.md" -o "$WORK/tea.pdf" 2> "$WORK/err"
stext "$WORK/tea.pdf" "$WORK/tea.xml"
check "the Simplified vertical sample: no warning, every vertical rule holds (，。 in their top-right vertical forms)" \
    bash -c "[ ! -s '$WORK/err' ] && $CHECK '$WORK/tea.xml' $TOP $BOTTOM '每年春天，茶农在清明前后开始采摘。' '据我们在3个县的调查'"
for s in zh-hans-urban-renewal zh-hans-digital-trade; do
    "$BIN" render "$ROOT/samples/$s.md" --style vertical -o "$WORK/$s.pdf" 2> "$WORK/err"
    stext "$WORK/$s.pdf" "$WORK/$s.xml"
    check "$s (zh-Hans) in the vertical style: no warning, every vertical rule holds" \
        bash -c "[ ! -s '$WORK/err' ] && $CHECK '$WORK/$s.xml' $TOP $BOTTOM"
done

# A volume mixing horizontal and vertical articles (the vertical sample says `writing-mode:
# vertical-rl` in its front matter): in a facing style bound on the left, it starts on a left-hand
# (even) page, in two tiers (quarterly's two columns), read right to left in each.
cat > "$WORK/mix.yaml" <<EOF
title: Mixed
issue: test
publisher: inkstone
date: 2026-06-30
style: quarterly
sections:
  - title: One
    articles:
      - $ROOT/samples/en-mekong-water.md
      - $hb
      - $ROOT/samples/zh-hans-digital-trade.md
EOF
"$BIN" compile "$WORK/mix.yaml" -o "$WORK/mix.layout" --format layout -q
first=$(grep -n '^page ' "$WORK/mix.layout" | awk -v n="$(grep -n 'group m=0.00,1.00,-1.00,0.00' "$WORK/mix.layout" | head -1 | cut -d: -f1)" -F: '$1 < n { p = $0 } END { print p }' | grep -o 'label=[0-9]*' | cut -d= -f2)
check "a volume: the vertical article starts on a left-hand page (folio $first, even)" bash -c "[ -n '$first' ] && [ \$(( $first % 2 )) -eq 0 ]"
"$BIN" compile "$WORK/mix.yaml" -o "$WORK/mix.pdf" -q
page=$(pdftotext -raw "$WORK/mix.pdf" - | tr -d ' \n' | awk 'BEGIN { RS = "\f" } /港灣城市的長期帳本/ && /談到港灣/ { print NR; exit }' || true)
qpdf "$WORK/mix.pdf" --pages "$WORK/mix.pdf" "${page:-0}" -- "$WORK/mix-v.pdf" || true
stext "$WORK/mix-v.pdf" "$WORK/mix-v.xml"
check "...its page (page $page of the volume) reads vertically, tier by tier (16K: body between 45 and 682 pt)" \
    $CHECK "$WORK/mix-v.xml" 45 682 "談到港灣城市的防災" "無論採取哪一種方式"
check "...and the other articles stay horizontal (no turned group in their pages)" \
    bash -c "[ \$(grep -c 'group m=0.00,1.00,-1.00,0.00' '$WORK/mix.layout') -eq 1 ]"

# The Cairo fallback writer and PNG pages draw vertical text too (text clusters kept).
INKSTONE_PDF_WRITER=cairo "$BIN" render "$hb" -o "$WORK/hb-cairo.pdf"
check "the Cairo fallback's PDF reads in order (poppler -raw)" \
    bash -c "pdftotext -raw '$WORK/hb-cairo.pdf' - | tr -d ' \n' | grep -q '若債券年期拉長至30年，每年的財政負擔可降低約4成'"
"$BIN" render "$hb" --format png --dpi 40 -o "$WORK/hb.png"
check "PNG pages" bash -c "[ -s '$WORK/hb-1.png' ] && [ -s '$WORK/hb-2.png' ]"

# Style errors.
printf 'extends: vertical\npage:\n  writing-mode: diagonal\n' > "$WORK/bad.yaml"
rc=0
"$BIN" render "$hb" --style "$WORK/bad.yaml" -o "$WORK/bad.pdf" 2> "$WORK/err" || rc=$?
check "an unknown writing mode: exit 2 ($rc) at its line, nothing written" \
    bash -c "[ $rc -eq 2 ] && grep -q 'bad.yaml:3:' '$WORK/err' && grep -q 'vertical-rl' '$WORK/err' && [ ! -e '$WORK/bad.pdf' ]"

printf -- '---\ntitle: x\nlang: zh-Hant\nwriting-mode: sideways\n---\n\n文字。\n' > "$WORK/badfm.md"
rc=0
"$BIN" render "$WORK/badfm.md" -o "$WORK/badfm.pdf" 2> "$WORK/err" || rc=$?
check "an unknown writing-mode in the front matter: exit 2 ($rc) at its line" \
    bash -c "[ $rc -eq 2 ] && grep -q 'badfm.md:4:' '$WORK/err' && [ ! -e '$WORK/badfm.pdf' ]"
printf -- '---\ntitle: x\nlang: zh-Hant\nwriting-mode: vertical-rl\n---\n\n直排的文字。\n' > "$WORK/fm.md"
"$BIN" render "$WORK/fm.md" --format layout -o "$WORK/fm.layout"
check "writing-mode: vertical-rl in the front matter sets a briefing-style article vertically" grep -q 'group m=0.00,1.00,-1.00' "$WORK/fm.layout"

finish
