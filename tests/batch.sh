#!/usr/bin/env bash
# inkstone batch: one PDF per article in parallel, a broken article reported while the others
# still come out, the JSON report, exit codes, and identical bytes whatever the number of workers.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

in=$WORK/in
mkdir -p "$in/nested"
cp "$ROOT"/samples/*.md "$in/"
mkdir -p "$in/figures" && cp "$ROOT"/samples/figures/*.{svg,pdf,png,jpg} "$in/figures/"  # (not its README.md: no article)
mv "$in/zh-hant-energy-transition.md" "$in/nested/"
printf -- '---\ntitle: Broken\ndate: 2026-02-30\n---\nBody.\n' > "$in/broken.md"
samples=$(ls "$ROOT"/samples/*.md | wc -l)

# 1. A broken article: exit 1, its error on stderr, every other PDF written.
set +e
"$BIN" batch "$in" -o "$WORK/out1" -j 2 --report "$WORK/report.json" > "$WORK/stdout" 2> "$WORK/stderr"
rc=$?
set -e
check "exit code 1 when an article fails (got $rc)" [ "$rc" -eq 1 ]
check "the broken article's error names file:line:col" grep -q "broken.md:3:7: error: bad date" "$WORK/stderr"
check "no progress output without a terminal" [ "$(grep -vc 'error:' "$WORK/stderr")" -eq 0 ]
check "stdout stays empty" [ ! -s "$WORK/stdout" ]
pdfs=$(ls "$WORK/out1"/*.pdf | wc -l)
check "every good article has its PDF ($pdfs of $samples), folders searched recursively" [ "$pdfs" -eq "$samples" ]
check "no PDF for the broken article" [ ! -e "$WORK/out1/broken.pdf" ]
for f in "$WORK"/out1/*.pdf; do
    qpdf --check "$f" > /dev/null 2>&1 || { fail "qpdf --check $(basename "$f")"; continue; }
done
pass "the batch PDFs pass qpdf --check"

# 2. The report: every input with status, pages, time, diagnostics.
r=$(cat "$WORK/report.json")
check "report summary counts" contains "$r" "\"failed\": 1"
check "report lists the broken input as failed" grep -q '"status": "failed"' "$WORK/report.json"
check "report carries the error message and line" contains "$r" '"line": 3'
ok=$(grep -c '"status": "ok"' "$WORK/report.json")
check "report lists $samples good articles as ok (got $ok)" [ "$ok" -eq "$samples" ]
pages=$(grep -o '"pages": [0-9]*' "$WORK/report.json" | head -1 | awk '{print $2}')
check "report summary has a page total ($pages)" [ "${pages:-0}" -gt 0 ]

# 3. The same bytes as a single render, and whatever the number of workers.
"$BIN" batch "$in/en-mekong-water.md" "$in/nested/zh-hant-energy-transition.md" -o "$WORK/out2" -j 1 -q
"$BIN" render "$in/en-mekong-water.md" -o "$WORK/single.pdf"
check "batch output equals render output byte for byte" cmp -s "$WORK/out2/en-mekong-water.pdf" "$WORK/single.pdf"
check "-j 1 and -j 2 give identical files" cmp -s "$WORK/out2/zh-hant-energy-transition.pdf" "$WORK/out1/zh-hant-energy-transition.pdf"

# 4. Usage errors: exit 2, nothing written.
cp "$in/en-mekong-water.md" "$in/nested/en-mekong-water.md"
set +e
"$BIN" batch "$in" -o "$WORK/out3" -q 2> "$WORK/err3"
rc=$?
set -e
check "two inputs writing one PDF is a usage error (exit 2, got $rc)" [ "$rc" -eq 2 ]
check "...naming both inputs" grep -q "writes the same file as" "$WORK/err3"
check "...and nothing was rendered" [ -z "$(ls "$WORK/out3" 2>/dev/null)" ]
set +e
mkdir -p "$WORK/empty"; "$BIN" batch "$WORK/empty" -o "$WORK/out4" > /dev/null 2>&1; rc=$?
set -e
check "a folder without articles is a usage error (exit 2, got $rc)" [ "$rc" -eq 2 ]

# 5. Shards (issue 17): three runs over the same inputs render disjoint shares whose union is
# every article; an article's share depends on its output's name only (not on the order of the
# inputs nor on where the folder is); the reports merge with docs/SHARDING.md's jq one-liner.
arch=$WORK/archive
mkdir -p "$arch/sub"
for i in $(seq 1 14); do printf -- '---\ntitle: Note %s\n---\n\nShort text number %s.\n' "$i" "$i" > "$arch/note$i.md"; done
for i in $(seq 15 20); do printf -- '---\ntitle: Note %s\n---\n\nShort text number %s.\n' "$i" "$i" > "$arch/sub/note$i.md"; done
for k in 1 2 3; do
    "$BIN" batch "$arch" -o "$WORK/shards/$k" -q --shard "$k/3" --report "$WORK/shard-$k.json"
    ls "$WORK/shards/$k" > "$WORK/shard-$k.txt"
done
"$BIN" batch "$arch" -o "$WORK/whole" -q
sort "$WORK"/shard-[123].txt > "$WORK/union.txt"
check "3 shards: every article exactly once ($(wc -l < "$WORK/union.txt") of $(ls "$WORK/whole" | wc -l) PDFs, none twice)" \
    bash -c "[ -z \"\$(sort '$WORK/union.txt' | uniq -d)\" ] && diff <(ls '$WORK/whole' | sort) '$WORK/union.txt'"
check "...each share has some ($(wc -l < "$WORK/shard-1.txt"), $(wc -l < "$WORK/shard-2.txt"), $(wc -l < "$WORK/shard-3.txt"))" \
    bash -c "[ -s '$WORK/shard-1.txt' ] && [ -s '$WORK/shard-2.txt' ] && [ -s '$WORK/shard-3.txt' ]"
# The inputs as files, in reverse order, from a copy of the folder elsewhere.
cp -r "$arch" "$WORK/elsewhere"
mapfile -t reversed < <(find "$WORK/elsewhere" -name '*.md' | sort -r)
"$BIN" batch "${reversed[@]}" -o "$WORK/shards/again" -q --shard 2/3
check "...the same share from the inputs in another order and another place" diff <(ls "$WORK/shards/again") "$WORK/shard-2.txt"
check "...each report names its share" bash -c "grep -q '\"index\": 2' '$WORK/shard-2.json' && grep -q '\"count\": 3' '$WORK/shard-2.json'"
if command -v jq > /dev/null; then
    # The one-liner as docs/SHARDING.md prints it (the fenced block after "## Merging the reports").
    merge=$(awk '/^## Merging the reports/ { on = 1 } on && /^```sh/ { inside = 1; next } inside && /^```/ { exit } inside { print }' \
        "$ROOT/docs/SHARDING.md" | sed "s|reports/shard-\*.json|$WORK/shard-*.json|; s| > report.json||")
    bash -c "$merge" > "$WORK/merged.json"
    check "...merged with the documented jq one-liner: 20 articles, 20 ok" \
        bash -c "[ \"\$(jq '.summary.articles' '$WORK/merged.json')\" = 20 ] && [ \"\$(jq '.summary.ok' '$WORK/merged.json')\" = 20 ] && [ \"\$(jq '.articles | length' '$WORK/merged.json')\" = 20 ]"
else
    fail "jq is not installed (scripts/install-deps.sh installs it)"
fi
for bad in 0/3 4/3 2 a/b 1/0; do
    rc=0
    "$BIN" batch "$arch" -o "$WORK/badshard" -q --shard "$bad" 2> "$WORK/err5" || rc=$?
    check "--shard $bad: exit 2 ($rc), a message, nothing written" \
        bash -c "[ $rc -eq 2 ] && grep -q -- '--shard: error:' '$WORK/err5' && [ -z \"\$(ls '$WORK/badshard' 2>/dev/null)\" ]"
done
finish
