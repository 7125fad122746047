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
finish
