#!/usr/bin/env bash
# inkstone watch (issue 17): render once, then again on each save of anything the render read (the
# article, its images, the style and what it extends, an edition dictionary, a volume's manifest
# and articles); a burst of saves is one render; a broken save is reported at file:line:col while
# the last PDF stays; a volume lays out again only the article that changed; Ctrl-C ends it
# cleanly. Times are not asserted here (bench/watch.sh measures them): every wait polls for the
# expected result with a generous deadline.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

cd "$WORK"
export SOURCE_DATE_EPOCH=1764460800  # the same bytes from a watch as from a fresh render
WATCHES=()
# Without job control bash starts a background job with SIGINT ignored: env restores it.
start_watch() {  # LOG ARGS...
    local log=$1
    shift
    env --default-signal=INT,TERM "$BIN" watch "$@" 2> "$log" &
    WATCHES+=($!)
    LAST=$!
}
stop_all() { for p in "${WATCHES[@]}"; do kill -TERM "$p" 2> /dev/null || true; done; }
trap 'stop_all; [ "$BASHPID" = "$TOP_PID" ] && rm -rf "$WORK"' EXIT

# until_true SECONDS COMMAND...: polls every 50 ms.
until_true() {
    local limit=$(($1 * 20))
    shift
    for ((i = 0; i < limit; i++)); do
        if "$@" 2> /dev/null; then return 0; fi
        sleep 0.05
    done
    return 1
}
inode() { stat -c %i "$1" 2> /dev/null || echo none; }
changed_inode() { [ "$(inode "$1")" != "$2" ]; }
lines() { grep -c "$2" "$1" || true; }
more_lines() { [ "$(lines "$1" "$2")" -gt "$3" ]; }
text_of() { pdftotext "$1" - 2> /dev/null; }
has_text() { local t; t=$(text_of "$1"); [[ $t == *"$2"* ]]; }  # (grep -q in a pipe: SIGPIPE)

article() {  # FILE TITLE [BODY]
    cat > "$1" <<EOF
---
title: $2
section: Testing
date: 2026-11-30
authors:
  - name: Lin Test
---
${3:-The first paragraph of a short article that exists only for this test.}

![A chart.](fig.png){alt="A chart of nothing in particular."}
EOF
}
cp "$ROOT/samples/figures/coast-risk.png" fig.png

# 1. An article: the first render, then one per save.
article a.md "First Title"
start_watch log1 a.md -o a.pdf
w1=$LAST
check "the first render writes the PDF" until_true 20 test -s a.pdf
check "it says what it wrote and what it watches" until_true 5 grep -q "watching 3 files" log1
check "the PDF has the title" has_text a.pdf "First Title"
ino=$(inode a.pdf)
article a.md "Second Title"
check "a save replaces the PDF (a new file renamed over it)" until_true 10 changed_inode a.pdf "$ino"
check "the new PDF has the new title" has_text a.pdf "Second Title"
check "the log names the change" until_true 5 grep -q "a.md changed: wrote a.pdf (1 page)" log1

# 2. A broken save: reported at file:line:col; the PDF stays as it was.
cp a.pdf good.pdf
ino=$(inode a.pdf)
printf -- '---\ntitle: [Broken\n---\nText.\n' > a.md
check "a broken save is reported at file:line:col" until_true 10 grep -q "^a.md:2:8: error: malformed YAML" log1
check "... and says the last output stays" until_true 5 grep -q "not written (the error above); the last output stays" log1
check "the last good PDF is untouched" cmp -s a.pdf good.pdf
check "... the same file, not rewritten" [ "$(inode a.pdf)" = "$ino" ]
article a.md "Third Title"
check "the next good save writes again" until_true 10 has_text a.pdf "Third Title"

# 3. A burst of saves is one render.
until_true 5 more_lines log1 "Third Title\|changed: wrote" 2 || true
sleep 0.3
before=$(lines log1 "changed: wrote")
for i in 1 2 3 4 5; do article a.md "Burst $i"; done
check "the burst's last save is rendered" until_true 10 has_text a.pdf "Burst 5"
sleep 0.5
after=$(lines log1 "changed: wrote")
check "five saves in a burst are one render ($before -> $after)" [ "$after" -eq $((before + 1)) ]

# 4. An image the article uses, replaced.
ino=$(inode a.pdf)
cp "$ROOT/samples/cover.png" fig.png.new && mv fig.png.new fig.png
check "replacing an image renders again" until_true 10 changed_inode a.pdf "$ino"
check "the log names the image" until_true 5 grep -q "fig.png changed: wrote" log1
"$BIN" render a.md -o fresh.pdf 2> /dev/null
check "the watched PDF has the bytes a fresh render writes (warm engine, same output)" cmp -s a.pdf fresh.pdf

# 5. Ctrl-C: status 130, "stopped", no temporary file left, the PDF complete.
kill -INT "$w1"
rc=0
wait "$w1" || rc=$?
check "Ctrl-C ends the watch by SIGINT (status $rc)" [ "$rc" -eq 130 ]
check "it says it stopped" grep -q "^watch: stopped" log1
check "no temporary file is left" [ -z "$(ls -A | grep '^\.' || true)" ]
qpdf_ok() { qpdf --check "$1" > /dev/null 2>&1; }
check "the PDF is whole" qpdf_ok a.pdf

# 6. The style and the style it extends; a dictionary of an edition.
mkdir -p st
printf 'extends: base.yaml\n' > st/house.yaml
printf 'extends: briefing\npage:\n  size: A4\n' > st/base.yaml
cat > zh.md <<'EOF'
---
title: 信息安全的新规则
lang: zh-Hans
date: 2026-11-30
---
各方都支持这项信息安全政策，也在讨论新的软件标准。
EOF
printf 'phrases:\n  信息安全: {zh-Hant-TW: 資訊安全}\n' > dict.yaml
start_watch log2 zh.md -o zh.pdf --style st/house.yaml --edition zh-Hant-TW --dictionary dict.yaml
w2=$LAST
check "an edition is watched: first render" until_true 20 has_text zh.pdf "資訊安全"
check "page size from the base style (A4)" until_true 5 sh -c "pdfinfo zh.pdf | grep -q '595.* x 841'"
ino=$(inode zh.pdf)
printf 'extends: briefing\npage:\n  size: A5\n' > st/base.yaml
check "a change of the extended style renders again" until_true 10 changed_inode zh.pdf "$ino"
check "... with its page size (A5)" until_true 5 sh -c "pdfinfo zh.pdf | grep -q '419.* x 595'"
printf 'phrases:\n  信息安全: {zh-Hant-TW: 資安}\n' > dict.yaml
check "a change of the dictionary renders again with its phrase" until_true 10 has_text zh.pdf "資安政策"
printf 'phrases:\n  信息安全: [oops\n' > dict.yaml
check "a broken dictionary is reported at file:line:col" until_true 10 grep -q "^dict.yaml:[0-9]*:[0-9]*: error: malformed YAML" log2
check "... and the last PDF stays" has_text zh.pdf "資安政策"
kill -TERM "$w2"
wait "$w2" || true

# 7. A volume: a changed article is the only one laid out again; the contents follow.
mkdir -p vol/parts
for n in 1 2 3; do article "vol/parts/p$n.md" "Part $n Title"; cp fig.png vol/parts/; done
cat > vol/v.yaml <<'EOF'
title: Watch Volume
issue: 2026 Q4
publisher: Test Institute
date: 2026-12-01
style: quarterly
sections:
  - title: Everything
    articles:
      - parts/*.md
EOF
start_watch log3 vol/v.yaml -o vol/v.pdf
w3=$LAST
check "a volume: the first compile lays out every article" until_true 30 grep -q "wrote vol/v.pdf (.*3 of 3 articles laid out" log3
pages0=$(pdfinfo vol/v.pdf | awk '/^Pages:/ {print $2}')
# The page the contents give part 3 (the number ending its line).
listed() { pdftotext -layout vol/v.pdf - | grep -m1 "Part 3 Title" | grep -o '[0-9]*$'; }
label0=$(listed || true)
long=$(printf 'A sentence that adds length to the second part so that it needs more pages. %.0s' $(seq 1 400))
article vol/parts/p2.md "Part 2 Longer" "$long"
check "a changed article: 1 of 3 laid out again" until_true 20 grep -q "p2.md changed: wrote vol/v.pdf (.*1 of 3 articles laid out" log3
check "the volume has the change" has_text vol/v.pdf "Part 2 Longer"
pages1=$(pdfinfo vol/v.pdf | awk '/^Pages:/ {print $2}')
check "the volume grew ($pages0 -> $pages1 pages)" [ "$pages1" -gt "$pages0" ]
label1=$(listed || true)
check "the contents follow: part 3 moves from page ${label0:-?} to ${label1:-?}" [ "${label1:-0}" -gt "${label0:-0}" ]
qpdf --check vol/v.pdf > /dev/null && pass "the recompiled volume passes qpdf --check" || fail "qpdf --check vol/v.pdf"
article vol/parts/p4.md "Part 4 Arrives"
check "a new file matching the volume's pattern is compiled in" until_true 20 has_text vol/v.pdf "Part 4 Arrives"
check "... laid out alone (1 of 4)" grep -q "1 of 4 articles laid out" log3
"$BIN" compile vol/v.yaml -o fresh-volume.pdf 2> /dev/null
check "the watched volume has the bytes a fresh compile writes (kept layouts, same output)" cmp -s vol/v.pdf fresh-volume.pdf
printf 'title: [Broken\n' > vol/v.yaml.new && mv vol/v.yaml.new vol/v.yaml
check "a broken manifest is reported at file:line:col" until_true 10 grep -q "^vol/v.yaml:[0-9]*:[0-9]*: error: malformed YAML" log3
check "... the volume stays" has_text vol/v.pdf "Part 4 Arrives"
kill -INT "$w3"
wait "$w3" || true

# 8. PNG pages; those a shorter document no longer has are removed.
article b.md "Png Title" "$long"
start_watch log4 b.md --format png --dpi 30
w4=$LAST
check "PNG pages are written" until_true 20 test -s b-2.png
ino=$(inode b-1.png)
article b.md "Png Title Two"
check "a save replaces the PNG page" until_true 10 changed_inode b-1.png "$ino"
check "the page the document lost is removed" until_true 10 test ! -e b-2.png
kill -TERM "$w4"
wait "$w4" || true

# 9. Usage errors: exit 2 at once.
rc=0
"$BIN" watch missing.md 2> err || rc=$?
check "a missing input is an error (exit $rc)" [ "$rc" -eq 2 ]
check "... naming it" grep -q "^missing.md: error: cannot watch: no such file" err
rc=0
"$BIN" watch vol/v.yaml --format png 2> err || rc=$?
check "a volume as PNG is refused (exit $rc)" [ "$rc" -eq 2 ]

finish
