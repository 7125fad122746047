#!/usr/bin/env bash
# edition.sh: editions of the Chinese samples (issue 15): `render --edition` for each
# target writes the converted text (OpenCC, Taiwan's vocabulary with zh-Hant-TW), in the edition's
# faces (CJK tc / hk), with its quotation marks and its /Lang; English articles and text stay as
# they are; the Simplified edition of the Traditional sample; `batch` and `compile` take it too;
# --characters-only leaves the vocabulary; a bad edition is an error (exit 2, nothing written).
#
#   bash tests/edition.sh build/inkstone
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

text() { pdftotext "$1" - 2>/dev/null | tr -d ' \n'; }
fonts() { pdffonts "$1" 2>/dev/null | awk 'NR > 2 {print $1}' | sed 's/.*+//' | sort -u | tr '\n' ' '; }
lang() { qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | grep -a -m1 -o '/Lang ([^)]*)' || true; }

ur=$ROOT/samples/zh-hans-urban-renewal.md
# The title in each edition: Taiwan writes 裡, Hong Kong and OpenCC's standard forms 裏.
declare -A TITLE=([zh-Hant-TW]=城市更新的錢從哪裡來 [zh-Hant-HK]=城市更新的錢從哪裏來 [zh-Hant]=城市更新的錢從哪裏來)
for ed in zh-Hant-TW zh-Hant-HK zh-Hant; do
    "$BIN" render "$ur" --edition "$ed" -o "$WORK/ur-$ed.pdf" 2> "$WORK/err" || true
    check "$ed: renders without a warning" bash -c "[ ! -s '$WORK/err' ] && [ -s '$WORK/ur-$ed.pdf' ]"
    t=$(text "$WORK/ur-$ed.pdf")
    check "$ed: the title converted (${TITLE[$ed]})" contains "$t" "${TITLE[$ed]}"
    check "$ed: no Simplified title left" bash -c "! grep -q '城市更新的钱从哪里来' <<< '$t'"
    check "$ed: the catalog says zh-Hant" bash -c "[[ '$(lang "$WORK/ur-$ed.pdf")' == '/Lang (zh-Hant'* ]]"
done
check "zh-Hant-TW: Taiwan's faces (CJK tc)" contains "$(fonts "$WORK/ur-zh-Hant-TW.pdf")" "NotoSerifCJKtc-Regular"
check "zh-Hant-HK: Hong Kong's faces (CJK hk)" contains "$(fonts "$WORK/ur-zh-Hant-HK.pdf")" "NotoSerifCJKhk-Regular"
check "zh-Hant-HK: /Lang (zh-Hant-HK)" test "$(lang "$WORK/ur-zh-Hant-HK.pdf")" = "/Lang (zh-Hant-HK)"

mx=$ROOT/samples/mixed-semiconductor-supply.md
"$BIN" render "$mx" --edition zh-Hant-TW -o "$WORK/mx-tw.pdf"
t=$(text "$WORK/mx-tw.pdf")
check "zh-Hant-TW: curly quotes become corner brackets (「先進製程」)" contains "$t" "「先進製程」"
check "zh-Hant-TW: English terms untouched (mature nodes, High-NA EUV)" bash -c "grep -q 'maturenodes' <<< '$t' && grep -q 'High-NAEUV' <<< '$t'"
printf 'extends: briefing\nedition:\n  quotes: curly\n' > "$WORK/curly.yaml"
"$BIN" render "$mx" --edition zh-Hant-TW --style "$WORK/curly.yaml" -o "$WORK/mx-tw-curly.pdf"
check "the style's edition: {quotes: curly} keeps curly quotes in a Taiwan edition (“先進製程”)" \
    bash -c "pdftotext '$WORK/mx-tw-curly.pdf' - | tr -d ' ' | grep -q '“先進製程”'"
printf 'extends: briefing\nedition:\n  quotes: round\n' > "$WORK/bad-quotes.yaml"
rc=0
"$BIN" render "$mx" --edition zh-Hant-TW --style "$WORK/bad-quotes.yaml" -o "$WORK/bq.pdf" 2> "$WORK/err" || rc=$?
check "...and an unknown value is an error at its line ($rc)" bash -c "[ $rc -eq 2 ] && grep -q 'bad-quotes.yaml:3:' '$WORK/err'"
"$BIN" render "$mx" --edition zh-Hant-TW --characters-only -o "$WORK/mx-tw-chars.pdf"
check "--characters-only: the same characters, no regional vocabulary (晶片 only with phrases)" \
    bash -c "[[ \$(pdftotext '$WORK/mx-tw.pdf' - | grep -c 晶片) -gt 0 ]] && [[ \$(pdftotext '$WORK/mx-tw-chars.pdf' - | grep -c 晶片) -eq 0 ]]"

"$BIN" render "$ROOT/samples/zh-hant-energy-transition.md" --edition zh-Hans -o "$WORK/et-hans.pdf"
check "zh-Hans edition of the Traditional sample: Simplified faces (CJK sc), /Lang zh-Hans" \
    bash -c "[[ '$(fonts "$WORK/et-hans.pdf")' == *NotoSerifCJKsc* && '$(lang "$WORK/et-hans.pdf")' == '/Lang (zh-Hans)' ]]"

en=$ROOT/samples/en-mekong-water.md
"$BIN" render "$en" -o "$WORK/en.pdf"
"$BIN" render "$en" --edition zh-Hant-TW -o "$WORK/en-tw.pdf"
check "an English article is the same in every edition" test "$(text "$WORK/en.pdf")" = "$(text "$WORK/en-tw.pdf")"

mkdir -p "$WORK/batch"
"$BIN" batch "$ur" "$mx" -o "$WORK/batch" --edition zh-Hant-HK -q
check "batch --edition: both articles in the Hong Kong edition" \
    bash -c "[[ '$(lang "$WORK/batch/zh-hans-urban-renewal.pdf")' == '/Lang (zh-Hant-HK)' && '$(lang "$WORK/batch/mixed-semiconductor-supply.pdf")' == '/Lang (zh-Hant-HK)' ]]"
"$BIN" compile "$ROOT/samples/volume.yaml" --edition zh-Hant-TW -o "$WORK/vol-tw.pdf" -q
check "compile --edition: the volume's Chinese articles converted" contains "$(text "$WORK/vol-tw.pdf")" "城市更新的錢從哪裡來"
text "$WORK/vol-tw.pdf" > "$WORK/vol-tw.txt"
check "...and its own fields (the section 區域事務, the title 政策評論)" \
    bash -c "grep -q 區域事務 '$WORK/vol-tw.txt' && grep -q 政策評論 '$WORK/vol-tw.txt'"

# A dictionary of phrase overrides: it wins over OpenCC's tables; an entry that matched nothing is
# a warning at its line; a mistake is an error at its line; a dictionary without an edition too.
printf -- '---\ntitle: 信息安全\nlang: zh-Hans\n---\n\n计算机的信息安全。\n' > "$WORK/d.md"
printf 'version: 1\nphrases:\n  信息安全:\n    zh-Hant-TW: 資訊安全\n  计算机:\n    zh-Hant-TW: 電腦\n  没有的词:\n    zh-Hant-TW: 沒有的詞\n' > "$WORK/dict.yaml"
printf 'extends: briefing\nedition: {dictionary: none}\n' > "$WORK/bare.yaml"
"$BIN" render "$WORK/d.md" --edition zh-Hant-TW --style "$WORK/bare.yaml" -o "$WORK/d0.pdf" 2>/dev/null
"$BIN" render "$WORK/d.md" --edition zh-Hant-TW --style "$WORK/bare.yaml" --dictionary "$WORK/dict.yaml" -o "$WORK/d1.pdf" 2> "$WORK/err"
check "OpenCC alone (a style without dictionaries): 資訊保安, 計算機" bash -c "grep -q 計算機的資訊保安 <<< \"\$(pdftotext '$WORK/d0.pdf' - | tr -d ' ')\""
check "with the dictionary: 電腦的資訊安全 (and the title)" bash -c "t=\$(pdftotext '$WORK/d1.pdf' - | tr -d ' '); grep -q 電腦的資訊安全 <<< \"\$t\" && ! grep -q 資訊保安 <<< \"\$t\""
check "an entry that matched nothing: a warning at its line" grep -q "dict.yaml:7:3: warning: the dictionary's '没有的词' matched no text" "$WORK/err"
printf 'phrases:\n  信息安全:\n    zh-TW-X: 資訊安全\n' > "$WORK/bad-dict.yaml"
rc=0
"$BIN" render "$WORK/d.md" --edition zh-Hant-TW --dictionary "$WORK/bad-dict.yaml" -o "$WORK/d2.pdf" 2> "$WORK/err" || rc=$?
check "a bad dictionary: exit 2 ($rc) at its line, nothing written" \
    bash -c "[ $rc -eq 2 ] && grep -q 'bad-dict.yaml:3:5: error: unknown edition' '$WORK/err' && [ ! -e '$WORK/d2.pdf' ]"
rc=0
"$BIN" render "$WORK/d.md" --edition zh-Hant-TW --dictionary "$WORK" -o "$WORK/d5.pdf" 2> "$WORK/err" || rc=$?
check "a folder given as the dictionary: exit 2 ($rc), an error naming it" bash -c "[ $rc -eq 2 ] && grep -q 'error: cannot read file: it is a folder' '$WORK/err'"
rc=0
"$BIN" render "$WORK/d.md" --dictionary "$WORK/dict.yaml" -o "$WORK/d3.pdf" 2> "$WORK/err" || rc=$?
check "a dictionary without an edition: exit 2 ($rc)" test "$rc" -eq 2

# The shipped default dictionary (named by briefing, inherited by every shipped style): 支持 keeps
# its general sense in a Taiwan edition (OpenCC's TWPhrases: 支援), 信息安全 is 資訊安全; a style with
# `dictionary: none` has OpenCC's tables alone; its entries that matched nothing are no warnings.
printf -- '---\ntitle: 支持\nlang: zh-Hans\n---\n\n民众支持这项计算机信息安全政策。\n' > "$WORK/s.md"
"$BIN" render "$WORK/s.md" --edition zh-Hant-TW -o "$WORK/s1.pdf" 2> "$WORK/err"
check "the shipped dictionary: 民眾支持 and 資訊安全 in the Taiwan edition, no warning" \
    bash -c "t=\$(pdftotext '$WORK/s1.pdf' - | tr -d ' \n'); grep -q 民眾支持這項電腦資訊安全政策 <<< \"\$t\" && [ ! -s '$WORK/err' ]"
printf 'extends: briefing\nedition:\n  dictionary: none\n' > "$WORK/nodict.yaml"
"$BIN" render "$WORK/s.md" --edition zh-Hant-TW --style "$WORK/nodict.yaml" -o "$WORK/s2.pdf"
check "...and a style with 'dictionary: none': OpenCC's tables alone (支援, 資訊保安)" \
    bash -c "t=\$(pdftotext '$WORK/s2.pdf' - | tr -d ' \n'); grep -q 民眾支援 <<< \"\$t\" && grep -q 資訊保安 <<< \"\$t\""
printf 'version: 1\nphrases:\n  支持:\n    zh-Hant-TW: 擁護\n' > "$WORK/own.yaml"
printf 'extends: briefing\nedition:\n  dictionary: [%s, own.yaml]\n' "$ROOT/styles/dictionaries/zh-editions.yaml" > "$WORK/own-style.yaml"
"$BIN" render "$WORK/s.md" --edition zh-Hant-TW --style "$WORK/own-style.yaml" -o "$WORK/s3.pdf"
check "...a style's own dictionary after the default wins over it (支持: 擁護), the default's other entries kept" \
    bash -c "t=\$(pdftotext '$WORK/s3.pdf' - | tr -d ' \n'); grep -q 民眾擁護這項電腦資訊安全政策 <<< \"\$t\""
"$BIN" render "$WORK/s.md" --edition zh-Hant-TW --style "$WORK/own-style.yaml" --dictionary "$WORK/dict.yaml" -o "$WORK/s4.pdf" 2>/dev/null
check "...and the run's --dictionary over both (计算机: 電腦, its own entry)" \
    bash -c "t=\$(pdftotext '$WORK/s4.pdf' - | tr -d ' \n'); grep -q 民眾擁護這項電腦資訊安全政策 <<< \"\$t\""

# The review report: every phrase the tables (or the dictionary) decided and every character
# with several forms, with the choice and its context; JSON, or HTML grouped by article.
"$BIN" render "$ur" --edition zh-Hant-TW --edition-report "$WORK/review.json" -o "$WORK/r.pdf"
check "review (JSON): the title's 里 chosen as 裡, in its context" \
    grep -q '"source": "里",' "$WORK/review.json"
check "...phrases the Taiwan table decided (项目 -> 專案) and characters (发 -> 發)" \
    bash -c "grep -q '\"result\": \"專案\"' '$WORK/review.json' && grep -q '\"source\": \"发\"' '$WORK/review.json' && grep -q '【发】' '$WORK/review.json'"
"$BIN" render "$WORK/d.md" --edition zh-Hant-TW --dictionary "$WORK/dict.yaml" --edition-report "$WORK/d.json" -o "$WORK/d4.pdf" 2>/dev/null
check "...the dictionary's choices listed as such" grep -q '"kind": "dictionary"' "$WORK/d.json"
"$BIN" compile "$ROOT/samples/volume.yaml" --edition zh-Hant-TW --edition-report "$WORK/review.html" -o "$WORK/vol-tw2.pdf" -q
check "review (HTML) of the volume: a section per converted article (3), its own title converted, the other 3 named" \
    bash -c "[ \$(grep -c '<h2>' '$WORK/review.html') -eq 3 ] && grep -q '<h2>城市更新的錢從哪裡來</h2>' '$WORK/review.html' && grep -q 'Nothing converted.*Rethinking Water Diplomacy.*能源轉型.*Who Pays' '$WORK/review.html'"
check "...one row per decision, with how often it was made (数字贸易 → 數位貿易 10 times)" \
    grep -q '<td>数字贸易</td><td>數位貿易</td><td class="n">10</td>' "$WORK/review.html"
# A manifest's editions: one PDF (and report) per edition, each with its own text and language;
# the manifest's dictionary; an unknown edition is an error at its line.
cat > "$WORK/ed.yaml" <<EOF
title: 政策评论
lang: zh-Hans
date: 2026-03-31
editions: [zh-Hant-TW, zh-Hant-HK]
dictionary: dict.yaml
sections:
  - title: 城市与发展
    articles: [$ur, $mx]
EOF
"$BIN" compile "$WORK/ed.yaml" -o "$WORK/ed.pdf" --edition-report "$WORK/ed.json" -q 2> "$WORK/err" || true
check "editions: one PDF and one report per edition" \
    bash -c "[ -s '$WORK/ed.zh-Hant-TW.pdf' ] && [ -s '$WORK/ed.zh-Hant-HK.pdf' ] && [ -s '$WORK/ed.zh-Hant-TW.json' ] && [ -s '$WORK/ed.zh-Hant-HK.json' ] && [ ! -e '$WORK/ed.pdf' ]"
check "...each in its language (zh-Hant, zh-Hant-HK), its own contents (政策評論, 城市與發展)" \
    bash -c "[[ '$(lang "$WORK/ed.zh-Hant-TW.pdf")' == '/Lang (zh-Hant)' && '$(lang "$WORK/ed.zh-Hant-HK.pdf")' == '/Lang (zh-Hant-HK)' ]] && pdftotext '$WORK/ed.zh-Hant-HK.pdf' - | tr -d ' ' | grep -q 城市與發展"
check "...Taiwan's 裡 in one, Hong Kong's 裏 in the other" \
    bash -c "pdftotext '$WORK/ed.zh-Hant-TW.pdf' - | tr -d ' ' | grep -q 城市更新的錢從哪裡來 && pdftotext '$WORK/ed.zh-Hant-HK.pdf' - | tr -d ' ' | grep -q 城市更新的錢從哪裏來"
check "...the manifest's dictionary read (its unused Taiwan entry a warning once)" test "$(grep -c "没有的词' matched no text" "$WORK/err")" -eq 1
sed 's/zh-Hant-HK\]/zh-Hant-XX]/' "$WORK/ed.yaml" > "$WORK/ed-bad.yaml"
rc=0
"$BIN" compile "$WORK/ed-bad.yaml" -o "$WORK/edb.pdf" -q 2> "$WORK/err" || rc=$?
check "an unknown edition in the manifest: exit 2 ($rc) at its line" bash -c "[ $rc -eq 2 ] && grep -q 'ed-bad.yaml:4:.*unknown edition' '$WORK/err'"

# import --edition: the article written in the edition (front matter values, body, lang).
"$BIN" import "$ROOT/samples/web/portal-zh-hans.txt" -o "$WORK/imp.md" 2>/dev/null
"$BIN" import "$ROOT/samples/web/portal-zh-hans.txt" --edition zh-Hant-TW -o "$WORK/imp-tw.md" 2>/dev/null
check "import --edition zh-Hant-TW: lang zh-Hant, the title and body converted, the same lines" \
    bash -c "grep -q '^lang: zh-Hant\$' '$WORK/imp-tw.md' && grep -q '^title: 東南亞跨境電網' '$WORK/imp-tw.md' && grep -q '^## 一、互聯專案' '$WORK/imp-tw.md' && [ \$(wc -l < '$WORK/imp.md') -eq \$(wc -l < '$WORK/imp-tw.md') ]"
"$BIN" render "$WORK/imp-tw.md" -o "$WORK/imp-tw.pdf" 2> "$WORK/err"
check "...and it renders without a warning" bash -c "[ ! -s '$WORK/err' ] && [ -s '$WORK/imp-tw.pdf' ]"

rc=0
"$BIN" render "$ur" --edition-report "$WORK/x.json" -o "$WORK/x.pdf" 2> "$WORK/err" || rc=$?
check "a review report without an edition: exit 2 ($rc)" test "$rc" -eq 2

rc=0
"$BIN" render "$ur" --edition fr -o "$WORK/bad.pdf" 2> "$WORK/err" || rc=$?
check "an unknown edition: exit 2 ($rc), a message naming it, nothing written" \
    bash -c "[ $rc -eq 2 ] && grep -q \"unknown edition 'fr'\" '$WORK/err' && [ ! -e '$WORK/bad.pdf' ]"

finish
