#!/usr/bin/env bash
# import.sh: `inkstone import` and `inkstone check` (issue 5).
# - Every page in samples/web/ imports to its expected article byte for byte (UTF-8, UTF-8 with BOM,
#   GB18030, Big5, HTML), renders without a warning, and `check` finds nothing in it.
# - --explain lists what was removed as chrome; the default output goes beside the page.
# - Bad input: exit 2, file:line:col, no output written, an earlier output left alone.
# - Guesses it cannot make are warnings, and the article is still valid input.
# - `check` warns (file:line) about chrome left in the body, empty sections, a pull quote that
#   repeats no text, a missing date; exit 1 when it found something.
# - With ../shared/corpus present: every real page imports and renders, with its chrome gone and the
#   fields the corpus README names.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WEB=$ROOT/samples/web
for page in "$WEB"/*.txt "$WEB"/*.html; do
    name=$(basename "${page%.*}")
    expected=$WEB/$name.expected.md
    out=$("$BIN" import "$page" -o - 2>"$WORK/$name.err") && rc=0 || rc=$?
    check "$name: imports (exit $rc)" [ "$rc" -eq 0 ]
    check "$name: no warning ($(head -c 200 "$WORK/$name.err"))" [ ! -s "$WORK/$name.err" ]
    printf '%s\n' "$out" >"$WORK/$name.md"
    if cmp -s "$WORK/$name.md" "$expected"; then pass "$name: the expected article, byte for byte"; else
        fail "$name: the expected article, byte for byte"
        detail "$(diff "$WORK/$name.md" "$expected" | head -20)"
    fi
    "$BIN" render "$expected" -o "$WORK/$name.pdf" 2>"$WORK/$name.render.err" && rc=0 || rc=$?
    check "$name: the article renders without a warning" [ "$rc" -eq 0 ] && [ ! -s "$WORK/$name.render.err" ]
    msg=$("$BIN" check "$expected" 2>&1) && rc=0 || rc=$?
    check "$name: check finds nothing (exit $rc) $msg" [ "$rc" -eq 0 ] && [ -z "$msg" ]
done

# Encodings as detected (what --explain shows is not needed for this: the output's text is).
check "GB18030 page: Chinese text decoded" grep -q '东南亚跨境电网互联提速' "$WORK/portal-zh-hans.md"
check "Big5 page: Chinese text decoded" grep -q '南部水庫進帳不如預期' "$WORK/news-zh-hant.md"
check "UTF-8 BOM page: no BOM in the title" grep -qx 'title: 城市地下管网改造要算好“长远账”' "$WORK/portal-zh-hans-utf8bom.md"
for chrome in 'Back to Top' 'You might also like' 'Language :' '分享到' '返回顶部' '责任编辑' '核稿編輯' '回到頁首' '請繼續往下閱讀' '广告' 'Share:' 'Related' '©'; do
    check "no '$chrome' left in any imported article" bash -c "! grep -q -- '$chrome' '$WORK'/*.md"
done

# --explain: every removed line with its line number and reason.
explain=$("$BIN" import "$WEB/seed-shape.txt" -o "$WORK/x.md" --explain 2>&1)
check "--explain lists the related list" contains "$explain" "removed (related list): You might also like"
check "--explain lists Back to Top with its line" bash -c "grep -Eq 'seed-shape.txt:[0-9]+: removed \(back to top\): Back to Top' <<< \"\$1\"" _ "$explain"
check "--explain lists the language switcher" contains "$explain" "removed (language switcher)"
# Default output: beside the page, .md.
cp "$WEB/seed-shape.txt" "$WORK/page.txt"
"$BIN" import "$WORK/page.txt" 2>/dev/null
check "default output beside the page (page.md)" cmp -s "$WORK/page.md" "$WEB/seed-shape.expected.md"
# stdin
out=$("$BIN" import - < "$WEB/news-zh-hant.txt" 2>/dev/null)
check "stdin (-) imports too" contains "$out" "title: 南部水庫進帳不如預期"

# Bad input: neither UTF-8 nor GB18030 nor Big5 (0x80 and 0xFF bytes are no lead byte in either).
printf 'Title\n\nSome text \x80\xff\x80 here.\n' > "$WORK/bad.txt"
printf 'earlier output\n' > "$WORK/bad.md"
err=$("$BIN" import "$WORK/bad.txt" -o "$WORK/bad.md" 2>&1) && rc=0 || rc=$?
check "undecodable page: exit 2 (got $rc)" [ "$rc" -eq 2 ]
check "undecodable page: file:line:col: error ($err)" bash -c "grep -Eq 'bad.txt:3:[0-9]+: error: ' <<< \"\$1\"" _ "$err"
check "undecodable page: the earlier output is untouched" grep -qx 'earlier output' "$WORK/bad.md"
check "undecodable page: no temporary file left" bash -c "! ls -A '$WORK' | grep -q '^\.bad'"
err=$("$BIN" import "$WORK/missing.txt" -o "$WORK/m.md" 2>&1) && rc=0 || rc=$?
check "missing page: exit 2 and an error" [ "$rc" -eq 2 ] && contains "$err" "missing.txt: error: cannot read"

# Guesses: a page with no date, no byline -> warnings, and the article still renders.
printf 'A Short Note on Ports\n\nPorts matter because ships are large and patience is short, and every port manager knows it well by now.\n\nThey will matter more when the next trade cycle turns and freight rates climb again across the region.\n' > "$WORK/nodate.txt"
err=$("$BIN" import "$WORK/nodate.txt" -o "$WORK/nodate.md" 2>&1) && rc=0 || rc=$?
check "no date: exit 0 with a warning" [ "$rc" -eq 0 ] && contains "$err" "warning: no date found"
check "no author: a warning" contains "$err" "warning: no author found"
check "...and the article still renders" "$BIN" render "$WORK/nodate.md" -o "$WORK/nodate.pdf"
check "...with the title it found" grep -qx 'title: A Short Note on Ports' "$WORK/nodate.md"

# Big inputs: a 1.2 MB corpus record on one line (std::regex once overflowed the stack here).
long='这是一个很长的测试文本，'
for _ in $(seq 15); do long=$long$long; done  # 36 bytes x 2^15
printf '<doc>\n<url>x</url>\n<contenttitle>标题</contenttitle>\n<content>%s</content>\n</doc>\n' "$long" > "$WORK/big.txt"
"$BIN" import "$WORK/big.txt" -o "$WORK/big.md" 2>/dev/null && rc=0 || rc=$?
check "a 1.2 MB one-line record imports (exit $rc)" [ "$rc" -eq 0 ]
check "...with its title" grep -qx 'title: 标题' "$WORK/big.md"

# HTML in Big5 (declared by a meta charset), with a site-wide lang="zh-CN" the text contradicts,
# and one in Hong Kong Traditional Chinese.
printf '<html lang="zh-CN"><head><meta charset="big5"><title>x</title></head><body><article><h1>%s</h1><p>%s</p></article></body></html>\n' \
    '水庫蓄水偏低' '調度中心表示，南部地區降雨明顯偏少，這是近年少見的情況，將啟動應變機制。' | iconv -f UTF-8 -t BIG5 > "$WORK/big5.html"
out=$("$BIN" import "$WORK/big5.html" -o - 2>/dev/null)
check "Big5 HTML (meta charset): decoded" contains "$out" "title: 水庫蓄水偏低"
check "lang from the text, not the page's zh-CN attribute" contains "$out" "lang: zh-Hant"
printf '<html lang="zh-HK"><body><article><h1>%s</h1><p>%s</p></article></body></html>\n' \
    '港口發展的新階段' '這個港口的貨運量在過去十年增長了三成，說明區域貿易的結構正在改變，當局將檢討發展策略。' > "$WORK/hk.html"
out=$("$BIN" import "$WORK/hk.html" -o - 2>/dev/null)
check "zh-HK page in Traditional characters: lang zh-Hant-HK" contains "$out" "lang: zh-Hant-HK"

# An article without a summary (most imported pages) still closes its head with the summary's rule
# and space: the first line of text comes after a rule, below the date.
"$BIN" render "$WEB/portal-zh-hans.expected.md" --format layout -o "$WORK/nosummary.layout"
after=$(awk '/\|2014年12月3日\|/ { getline; print; exit }' "$WORK/nosummary.layout")
check "no summary: a rule closes the head, under the date ($after)" starts_with "$after" "  rule "

# Adversarial pages (found by fuzzing): no crash, nothing lost, output the renderer reads back.
body_text() { "$BIN" render "$1" --format layout -o - 2>/dev/null | sed -nE 's/^  line .*\|(.*)\|$/\1/p' | tr '\n' ' '; }
deep=$(printf '<div>%.0s' $(seq 19000))
printf '<html><body><article><h1>Deep</h1>%sdeep text here</article></body></html>\n' "$deep" > "$WORK/deep.html"
err=$( { /usr/bin/time -f '%M' "$BIN" import "$WORK/deep.html" -o "$WORK/deep.md"; } 2>&1) && rc=0 || rc=$?
peak=$(tail -n 1 <<< "$err")
# The bound is for a plain build (about 21 MB measured); under AddressSanitizer its quarantine of
# freed blocks (256 MB by default) and shadow memory make the peak 150-210 MB whatever the code
# does, so a sanitized build gets a bound that still catches a runaway.
limit=200000
# (ldd's output read whole: `ldd | grep -q` under pipefail fails when grep's early exit cuts ldd off,
# the more likely the more libraries the binary links)
if [[ $(ldd "$BIN" 2>/dev/null) == *libasan* ]]; then limit=400000; fi
check "19,000 unclosed <div>s: imports (exit $rc) within $((limit / 1000)) MB (peak ${peak} KB)" \
    bash -c "[ '$rc' -eq 0 ] && [ '${peak:-0}' -lt $limit ]"
check "...warns that deep markup is read as plain text" contains "$err" "nested more than 200 levels deep"
check "...and keeps the text" grep -q 'deep text here' "$WORK/deep.md"
cat > "$WORK/inline.html" <<'HTML'
<html><body><article><h1>Inline</h1>
<div>Hello <b>world</b> again, <a href="/rel">link text</a> and <span>span text</span>.</div>
<p>Ranges such as 1~2 years &amp;amp; more, and !<a href="http://example.com/x.png">a photo</a> link.</p>
<p><strong>Note:</strong>the meeting moved; 这是<strong>「重要」</strong>的; <em>well</em> said.</p>
<p> - not a list item</p>
<p>:<span>::</span> not a fence</p>
<p>See <a href="http://example.com/a b">the report</a> here.</p>
</article></body></html>
HTML
"$BIN" import "$WORK/inline.html" -o "$WORK/inline.md" 2>/dev/null
text=$(body_text "$WORK/inline.md")
check "inline elements in a <div> keep their text" contains "$text" "Hello world again, link text and span text."
check "a tilde range is no strikethrough, an entity stays literal" contains "$text" "Ranges such as 1~2 years &amp; more"
check "'!' before a link is no image" contains "$text" "and !a photo link."
check "emphasis CommonMark would not read is dropped, text kept" contains "$text" "Note:the meeting moved; 这是「重要」的; well said."
check "emphasis it reads is kept" grep -q '\*well\* said' "$WORK/inline.md"
check "a paragraph starting '- ' stays a paragraph" contains "$text" "- not a list item"
check "':::' assembled from inline pieces is no fence" contains "$text" "::: not a fence"
check "a link whose address has a space" grep -q '(http://example.com/a%20b)' "$WORK/inline.md"
printf 'Title\n\nBody text with a NUL \000 byte and \001 controls, long enough to be read as a paragraph here.\n' > "$WORK/nul.txt"
"$BIN" import "$WORK/nul.txt" -o "$WORK/nul.md" 2>/dev/null && rc=0 || rc=$?
check "control bytes are dropped (exit $rc), the article renders" \
    bash -c "[ '$rc' -eq 0 ] && '$BIN' render '$WORK/nul.md' -o '$WORK/nul.pdf' 2>/dev/null"
"$BIN" import "$WEB/seed-shape.txt" -o - --lang xx >/dev/null 2>&1 && rc=0 || rc=$?
check "--lang xx: exit 2 (got $rc)" [ "$rc" -eq 2 ]
mkdir -p "$WORK/adir"
"$BIN" import "$WORK/adir" -o "$WORK/adir.md" >/dev/null 2>&1 && rc=0 || rc=$?
check "a folder as the page: exit 2 (got $rc), nothing written" bash -c "[ '$rc' -eq 2 ] && [ ! -e '$WORK/adir.md' ]"
"$BIN" import "$WEB/seed-shape.txt" -o "$WORK/$(printf 'a%.0s' $(seq 300)).md" >/dev/null 2>&1 && rc=0 || rc=$?
check "an output name too long: exit 2 (got $rc)" [ "$rc" -eq 2 ]

# A labelled standfirst in a text page is the summary.
printf '城市更新的三个误区\n\n2021年5月6日\n作者：顾明远\n\n摘要：城市更新不是推倒重来，而是在保留城市记忆的前提下改善居住条件，本文讨论三个常见误区。\n\n　　近年来，各地城市更新项目快速增加，但一些地方仍然把更新理解为大规模拆建，忽视了原有社区的社会网络和历史建筑的价值。\n' > "$WORK/summary.txt"
out=$("$BIN" import "$WORK/summary.txt" -o - 2>&1)
check "摘要： becomes the summary" contains "$out" "summary: 城市更新不是推倒重来"
check "...and leaves the body" bash -c "[ \$(grep -c '城市更新不是推倒重来' <<< \"\$1\") -eq 1 ]" _ "$out"

# check: lint with file:line.
cat > "$WORK/lint.md" <<'MD'
---
title: A linted article
lang: en
---

Ports matter because ships are large and patience is short.

Back to Top

## An empty section

## A full section

Customs yards at rail junctions cut the waiting time of containers.

分享到：微信 微博

::: pullquote
Nothing in the text says this at all, not even close.
— Someone
:::

::: pullquote
ships are large and patience is short
:::
MD
msg=$("$BIN" check "$WORK/lint.md" 2>&1) && rc=0 || rc=$?
check "check: exit 1 when it finds something (got $rc)" [ "$rc" -eq 1 ]
check "check: chrome left in the body, at its line" contains "$msg" "lint.md:8:1: warning: web chrome left in the body (back to top): Back to Top"
check "check: a Chinese share bar left in" contains "$msg" "lint.md:16:1: warning: web chrome left in the body (share bar)"
check "check: an empty section" contains "$msg" "lint.md:10:1: warning: empty section"
check "check: a pull quote that repeats no text" contains "$msg" "lint.md:18:1: warning: the pull quote repeats no text"
check "check: a pull quote that does repeat text is fine" bash -c "! grep -q 'lint.md:23:' <<< \"\$1\"" _ "$msg"
check "check: a missing date" contains "$msg" "lint.md:1:1: warning: no date in the front matter"
printf -- '---\ntitle: [broken\n---\n' > "$WORK/broken.md"
"$BIN" check "$WORK/broken.md" 2>/dev/null && rc=0 || rc=$?
check "check: an article that cannot be read is an error (exit 2, got $rc)" [ "$rc" -eq 2 ]

# The block classifier (issue 10) on pages written for the test (tests/import/pages: 27 pages in
# the shapes of different kinds of site, with the facts a careful editor would take from them):
# sentences kept in the rendered PDF, chrome strings left, fields right (tests/import_eval.py).
# The thresholds are the figures this code reaches; a change that loses ground fails here.
if out=$(python3 "$ROOT/tests/import_eval.py" --inkstone "$BIN" --pages "$ROOT/tests/import/pages" \
        --min-sentences 1.0 --max-chrome 4 --min-fields 0.99 --verbose 2>&1); then
    pass "test pages: $(tail -n 1 <<< "$out")"
else
    fail "test pages: $(tail -n 1 <<< "$out")"
    detail "$(grep -v '^ok' <<< "$out" | tail -n 40)"
fi
# Twelve more pages (tests/import/holdout) were written after the classifier, by someone who had
# not seen it, and scored before any rule was changed for them: 191/194 sentences, 48 chrome strings
# left, 71/106 fields (before this classifier: 186/194, 95, 50/106). They are kept as a second set.
if out=$(python3 "$ROOT/tests/import_eval.py" --inkstone "$BIN" --pages "$ROOT/tests/import/holdout" \
        --min-sentences 0.98 --max-chrome 4 --min-fields 0.91 --verbose 2>&1); then
    pass "held-out pages: $(tail -n 1 <<< "$out")"
else
    fail "held-out pages: $(tail -n 1 <<< "$out")"
    detail "$(grep -v '^ok' <<< "$out" | tail -n 40)"
fi
# A listing page (a section index) is no article: exit 2, the reason, nothing written.
printf 'earlier output\n' > "$WORK/listing.md"
err=$("$BIN" import "$ROOT/tests/import/pages/t-listing.txt" -o "$WORK/listing.md" 2>&1) && rc=0 || rc=$?
check "listing page: exit 2 (got $rc)" [ "$rc" -eq 2 ]
check "listing page: says how many articles it lists ($err)" contains "$err" "error: this page lists 7 articles, not one"
check "listing page: the earlier output is untouched" grep -qx 'earlier output' "$WORK/listing.md"
# --explain: every block with its place (head, body, tail), class, role, reason and features.
explain=$("$BIN" import "$ROOT/tests/import/pages/t-portal-no-blanks.txt" -o "$WORK/x2.md" --explain 2>&1)
check "--explain: a summary line with the body region" bash -c "grep -Eq 't-portal-no-blanks.txt: [0-9]+ blocks; body region [0-9]+-[0-9]+' <<< \"\$1\"" _ "$explain"
check "--explain: the title's score and its reasons" bash -c "grep -Eq '\] heading -> title \(removed\): .*\[title score' <<< \"\$1\"" _ "$explain"
check "--explain: the name+position line read as the author" bash -c "grep -Eq 'byline \(removed\): .*' <<< \"\$1\" && grep -q 'name+position' <<< \"\$1\"" _ "$explain"
check "--explain: features under each block" bash -c "grep -Eq '^    chars [0-9]+, sentences [0-9]+' <<< \"\$1\"" _ "$explain"
check "--explain: a menu line is chrome with its reason" bash -c "grep -Eq 'chrome -> chrome \(removed\): navigation' <<< \"\$1\"" _ "$explain"
explain=$("$BIN" import "$ROOT/tests/import/pages/t-listing.txt" -o "$WORK/x3.md" --explain 2>&1) || true
check "--explain on a listing page marks the teasers' headlines" bash -c "[ \$(grep -c \"a teaser's headline\" <<< \"\$1\") -eq 7 ]" _ "$explain"

# Inputs fuzzing found (tests/fuzz/, replayed by fuzz/run.sh too) go through the normal binary:
# a user's error (exit 2 with file:line:col) or success, never a crash; an imported article renders.
for f in "$ROOT"/tests/fuzz/article/* "$ROOT"/tests/fuzz/render/*; do
    [ -e "$f" ] || continue
    err=$("$BIN" render "$f" -o "$WORK/fz.pdf" 2>&1) && rc=0 || rc=$?
    check "fuzz regression $(basename "$f"): exit 0 or 2 with a located error (got $rc)" \
        bash -c '[ "$1" -eq 0 ] || { [ "$1" -eq 2 ] && grep -Eq ":[0-9]+:[0-9]+: error: " <<< "$2"; }' _ "$rc" "$err"
done
for f in "$ROOT"/tests/fuzz/style/*; do
    [ -e "$f" ] || continue
    err=$("$BIN" render "$ROOT/samples/en-mekong-water.md" -o "$WORK/fz.pdf" --style "$f" 2>&1) && rc=0 || rc=$?
    check "fuzz regression $(basename "$f") as a style: exit 0 or 2 with an error (got $rc)" \
        bash -c '[ "$1" -eq 0 ] || { [ "$1" -eq 2 ] && grep -q ": error: " <<< "$2"; }' _ "$rc" "$err"
done
err=$("$BIN" render "$ROOT/samples/en-mekong-water.md" -o "$WORK/fz.pdf" --style "$WORK" 2>&1) && rc=0 || rc=$?
check "a folder as the style: exit 2 and says so (got $rc: $err)" bash -c '[ "$1" -eq 2 ] && grep -q "a folder, not a style file" <<< "$2"' _ "$rc" "$err"
for f in "$ROOT"/tests/fuzz/import/*; do
    [ -e "$f" ] || continue
    "$BIN" import "$f" -o "$WORK/fz.md" 2>/dev/null && rc=0 || rc=$?
    check "fuzz regression $(basename "$f"): imports (exit $rc) to an article that renders" \
        bash -c '[ "$1" -eq 2 ] || { [ "$1" -eq 0 ] && "$2" render "$3" -o "$4" 2>/dev/null; }' _ "$rc" "$BIN" "$WORK/fz.md" "$WORK/fz.pdf"
done

# The real pages of ../shared/corpus, where present.
CORPUS=$ROOT/../shared/corpus
if [ -d "$CORPUS" ]; then
    # Every sentence of every record kept (found in the rendered PDF), chrome left and fields, as
    # tests/import/corpus*.ann mark them (by line and offset: no text of the records is copied here).
    if out=$(python3 "$ROOT/tests/import_eval.py" --inkstone "$BIN" --corpus "$CORPUS" --ann "$ROOT/tests/import/corpus.ann" \
            --ann "$ROOT/tests/import/corpus-zh.ann" --min-sentences 1.0 --max-chrome 4 --min-fields 0.92 --verbose 2>&1); then
        pass "corpus: $(tail -n 1 <<< "$out")"
    else
        fail "corpus: $(tail -n 1 <<< "$out")"
        detail "$(tail -n 40 <<< "$out")"
    fi
    for page in "$CORPUS"/*.txt; do
        name=$(basename "$page" .txt)
        "$BIN" import "$page" -o "$WORK/c-$name.md" 2>"$WORK/c-$name.err" && rc=0 || rc=$?
        check "corpus $name: imports (exit $rc)" [ "$rc" -eq 0 ]
        "$BIN" render "$WORK/c-$name.md" -o "$WORK/c-$name.pdf" 2>"$WORK/c-$name.render.err" && rc=0 || rc=$?
        check "corpus $name: renders without a warning" [ "$rc" -eq 0 ] && [ ! -s "$WORK/c-$name.render.err" ]
        msg=$("$BIN" check "$WORK/c-$name.md" 2>&1 | grep -v 'no date in the front matter' || true)
        check "corpus $name: check finds no chrome left ($msg)" [ -z "$msg" ]
    done
    f=$WORK/c-zh-hant-04-ltn-defense-budget-2024.md
    check "corpus LTN: date from '2023/08/24 11:19'" grep -qx 'date: 2023-08-24' "$f"
    check "corpus LTN: the reporter from 〔記者陳政宇／台北報導〕" grep -qx '  - name: 陳政宇' "$f"
    check "corpus LTN: the photo caption and app promotion gone" bash -c "! grep -q -e '（資料照）' -e 'APP' '$f'"
    f=$WORK/c-zh-hant-01-businessweekly-beijing-free-bikes.md
    check "corpus Business Weekly: editors are not authors" bash -c "! grep -q -e 'authors:' -e '倪旻勤' -e '陳瑋鴻' '$f'"
    check "corpus Business Weekly: 廣告 and photo credits gone" bash -c "! grep -q -e '^廣告' -e '(來源：' '$f'"
    f=$WORK/c-zh-hans-11-sogouca-ye-tan-rate-cut-gb18030.md
    check "corpus Sogou GB18030 record: title from <contenttitle>" grep -qx 'title: 叶檀：央行降息是倒逼的结果' "$f"
    check "corpus Sogou: full-width Latin and digits set as ASCII (CPI, 2012)" bash -c "grep -q 'CPI' '$f' && grep -q '2012年' '$f'"
    f=$WORK/c-zh-hans-01-thucnews-us-china-s-and-ed-2009.md
    check "corpus THUCNews: the fused title split from the dateline" grep -qx 'title: 首轮中美战略与经济对话今日举行' "$f"
    check "corpus THUCNews: the reporter from （记者温宪）" grep -qx '  - name: 温宪' "$f"
    f=$WORK/c-en-02-washtimes-opinion-wisconsin-court.md
    check "corpus Washington Times: OPINION: is the section" grep -qx 'section: Opinion' "$f"
    f=$WORK/c-zh-hant-06-ettoday-hsinchu-stadium-report.md
    check "corpus ETtoday: the reporter from 記者歐建智／綜合報導" grep -qx '  - name: 歐建智' "$f"
    check "corpus ETtoday: ▲ captions and [廣告] gone" bash -c "! grep -q -e '▲' -e '廣告' '$f'"
    f=$WORK/c-en-05-wapo-ohtani-wbc-final.md
    check "corpus Washington Post: toolbars gone" bash -c "! grep -q -e 'Gift Article' -e 'Listen 8 min' '$f'"
else
    echo "skip: ../shared/corpus not present"
fi
SEED=$(ls "$ROOT"/../shared/seed/*.txt 2>/dev/null | head -n 1 || true)
if [ -n "$SEED" ]; then
    "$BIN" import "$SEED" -o "$WORK/seed.md" 2>"$WORK/seed.err" && rc=0 || rc=$?
    f=$WORK/seed.md
    check "seed page: imports without a warning (exit $rc)" [ "$rc" -eq 0 ] && [ ! -s "$WORK/seed.err" ]
    check "seed page: section, date, author" bash -c "grep -qx 'section: Foreign Policy' '$f' && grep -qx 'date: 2013-03-25' '$f' && grep -qx '  - name: Su Xiaohui' '$f'"
    check "seed page: position and organization split" bash -c "grep -qx '    organization: CIIS' '$f'"
    check "seed page: both unmarked subheadings" [ "$(grep -c '^## ' "$f")" -eq 2 ]
    check "seed page: the author's note is the bio" grep -q '^bio: |' "$f"
    check "seed page: no chrome" bash -c "! grep -q -e 'Language :' -e 'You might also like' -e 'Back to Top' '$f'"
    check "seed page: renders" "$BIN" render "$f" -o "$WORK/seed.pdf"
else
    echo "skip: ../shared/seed not present"
fi

finish
