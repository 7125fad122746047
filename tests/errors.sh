#!/usr/bin/env bash
# errors.sh: bad input is reported the way PRODUCT.md sections 1-3 promise: exit 2, a
# "FILE:LINE:COL: error: ..." line pointing at the culprit (or "FILE: error: ..." where no position
# applies), and no output: neither a new file nor a change to an existing one (outputs are written
# atomically). Warnings (unknown front matter key, a character no font has) leave a PDF and exit 0.
#
#   bash tests/errors.sh build/inkstone
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Fixtures are written into $WORK/case and inkstone runs there, so diagnostics name files exactly as
# given on the command line (a.md, style.yaml). Outputs go to $WORK/case/out/, which must stay empty
# (no output, no leftover temporary file) or unchanged.
CASE=$WORK/case
OUTDIR=$CASE/out
mkdir -p "$CASE" "$OUTDIR"
SENTINEL=$WORK/sentinel.pdf
printf '%%PDF-1.4\n%% an earlier output that a failed run must leave alone\n' >"$SENTINEL"

# article FILE LINES...: writes an article fixture, one argument a line.
article() { local f=$1; shift; printf '%s\n' "$@" >"$CASE/$f"; }
# A valid front matter for the cases that break something else (5 lines).
FM=('---' 'title: A valid title' 'date: 2026-01-02' 'lang: en' '---')

# expect_error NAME PATTERN ARGS...: `inkstone ARGS... -o out/out.pdf` (run in $CASE) must exit 2,
# print a stderr line matching the extended regex PATTERN, and write nothing; run again with an
# existing out.pdf, which must come out byte-identical.
expect_error() {
    local name=$1 pattern=$2 rc
    shift 2
    rm -rf "$OUTDIR" && mkdir -p "$OUTDIR"
    rc=0
    (cd "$CASE" && "$BIN" "$@" -o out/out.pdf) >/dev/null 2>"$WORK/err" || rc=$?
    local problems=""
    [[ $rc -eq 2 ]] || problems+="exit $rc (want 2); "
    grep -qE -- "$pattern" "$WORK/err" || problems+="no stderr line matching /$pattern/; "
    [[ -z $(ls -A "$OUTDIR") ]] || problems+="left files: $(ls -A "$OUTDIR" | tr '\n' ' '); "
    # Second run over an existing output.
    cp "$SENTINEL" "$OUTDIR/out.pdf"
    rc=0
    (cd "$CASE" && "$BIN" "$@" -o out/out.pdf) >/dev/null 2>/dev/null || rc=$?
    cmp -s "$SENTINEL" "$OUTDIR/out.pdf" || problems+="existing out.pdf was changed; "
    [[ $(ls -A "$OUTDIR") == out.pdf ]] || problems+="second run left: $(ls -A "$OUTDIR" | tr '\n' ' '); "
    if [[ -z $problems ]]; then
        pass "$name"
    else
        fail "$name: $problems"
        detail "stderr: $(head -n 3 "$WORK/err")"
    fi
}

# ---- front matter (PRODUCT.md section 1: errors with file:line:col) ----

# Malformed YAML: the line of the unclosed bracket (2), not where the parser gave up.
article bad-yaml.md '---' 'title: [unclosed' 'lang: en' 'date: 2026-01-02' '---' '' 'Body.'
expect_error "malformed YAML names line 2" '^bad-yaml\.md:2:[0-9]+: error: ' render bad-yaml.md

article no-fm.md 'Just a paragraph, no front matter.' '' 'Another one.'
expect_error "no front matter" '^no-fm\.md(:1:[0-9]+)?: error: ' render no-fm.md

article unclosed-fm.md '---' 'title: Never closed' 'lang: en' '' 'Body text.'
expect_error "front matter never closed names line 1" '^unclosed-fm\.md:1:[0-9]+: error: ' render unclosed-fm.md

article no-title.md '---' 'lang: en' 'date: 2026-01-02' '---' '' 'Body.'
expect_error "missing title" '^no-title\.md(:1:[0-9]+)?: error: .*title' render no-title.md

article title-list.md '---' 'lang: en' 'title: [one, two]' '---' '' 'Body.'
expect_error "title that is a list names line 3" '^title-list\.md:3:[0-9]+: error: .*title' render title-list.md

article bad-date.md '---' 'title: T' 'lang: en' 'date: 2026-02-30' '---' '' 'Body.'
expect_error "date 2026-02-30 (no such day) names line 4" '^bad-date\.md:4:[0-9]+: error: ' render bad-date.md

article words-date.md '---' 'title: T' 'date: March 5' '---' '' 'Body.'
expect_error "date 'March 5' names line 3" '^words-date\.md:3:[0-9]+: error: ' render words-date.md

article bad-lang.md '---' 'title: T' 'date: 2026-01-02' 'section: S' 'lang: xx' '---' '' 'Body.'
expect_error "lang xx names line 5" '^bad-lang\.md:5:[0-9]+: error: .*xx' render bad-lang.md

# ---- the body ----

# An invalid UTF-8 byte (0xFF) on line 7.
{ printf '%s\n' "${FM[@]}" ''; printf 'Caf\xff au lait on line seven.\n'; } >"$CASE/bad-utf8.md"
expect_error "invalid UTF-8 names line 7" '^bad-utf8\.md:7:[0-9]+: error: ' render bad-utf8.md

# Pull quotes are fenced divs; one never closed names the line that opens it (7).
article open-pq.md "${FM[@]}" '' '::: pullquote' 'A quote that never ends.' '' 'More text.'
expect_error "'::: pullquote' never closed names line 7" '^open-pq\.md:7:[0-9]+: error: ' render open-pq.md
article open-pq2.md "${FM[@]}" '' ':::  pullquote' 'Two spaces after the colons.' '' 'More text.'
expect_error "':::  pullquote' never closed names line 7" '^open-pq2\.md:7:[0-9]+: error: ' render open-pq2.md

# Images resolve relative to the article and never outside its folder tree. ../x.png exists here
# (a real 1x1 PNG), so only the containment rule can refuse it.
PNG_1X1='iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
base64 -d <<<"$PNG_1X1" >"$WORK/x.png"
base64 -d <<<"$PNG_1X1" >"$CASE/ok.png"
article img-missing.md "${FM[@]}" '' '![cap](nope.png)'
expect_error "missing image names line 7" '^img-missing\.md:7:[0-9]+: error: .*nope\.png' render img-missing.md
article img-escape.md "${FM[@]}" '' '![x](../x.png)'
expect_error "image outside the article's folder names line 7" '^img-escape\.md:7:[0-9]+: error: ' render img-escape.md
article img-http.md "${FM[@]}" '' '![chart](https://example.org/chart.png)'
expect_error "an image address (https://) is refused, saying no download" '^img-http\.md:7:[0-9]+: error: .*never downloaded' render img-http.md
# Control: an image inside the folder renders, so the refusals above are about the path.
article img-ok.md "${FM[@]}" '' '![A caption](ok.png)'
rc=0
(cd "$CASE" && "$BIN" render img-ok.md -o "$WORK/img-ok.pdf") 2>"$WORK/err" || rc=$?
if [[ $rc -eq 0 ]] && is_pdf "$WORK/img-ok.pdf"; then pass "control: an image beside the article renders"
else fail "control: an image beside the article renders (exit $rc)"; detail "$(head -n 3 "$WORK/err")"; fi

# A table too wide for its column even at the style's smallest table type (and, in a two-column
# style, across both columns) is refused, naming the table's line (9); a control with fewer
# columns of the same words renders.
WIDE_ROW='| Internationalisation | Internationalisation | Internationalisation | Internationalisation | Internationalisation | Internationalisation | Internationalisation | Internationalisation | Internationalisation |'
article wide-table.md "${FM[@]}" '' 'Text.' '' '| a | b | c | d | e | f | g | h | i |' '|---|---|---|---|---|---|---|---|---|' "$WIDE_ROW"
expect_error "a table too wide even at tables.min-font-size names its line (9)" \
    '^wide-table\.md:9:1: error: the table is too wide: its columns need [0-9]+pt at the smallest type size \(7pt\), the column is' \
    render wide-table.md
expect_error "...and in a two-column style, too wide across both columns" \
    '^wide-table\.md:9:1: error: the table is too wide: .*, the text is [0-9]+pt wide' render wide-table.md --style quarterly
article wide-ok.md "${FM[@]}" '' '| a | b | c | d |' '|---|---|---|---|' '| Internationalisation | Internationalisation | Internationalisation | Internationalisation |'
rc=0
(cd "$CASE" && "$BIN" render wide-ok.md -o "$WORK/wide-ok.pdf") 2>"$WORK/err" || rc=$?
if [[ $rc -eq 0 && ! -s $WORK/err ]] && is_pdf "$WORK/wide-ok.pdf"; then pass "control: a table of four such columns renders without a warning"
else fail "control: a table of four such columns renders without a warning (exit $rc)"; detail "$(head -n 3 "$WORK/err")"; fi

# A missing input file: no position applies.
expect_error "missing input file" '^missing\.md: error: ' render missing.md

# ---- styles (PRODUCT.md section 2: unknown keys are errors naming the key path) ----
article ok.md "${FM[@]}" '' 'A plain paragraph.'

expect_error "unknown style name" '^[^:]+: error: .*nosuch' render ok.md --style nosuch

printf '%s\n' 'extends: briefing' 'page:' '  size: A4' 'body: {font-sise: 10pt}' >"$CASE/typo.yaml"
expect_error "style with unknown key names typo.yaml, line 4 and body.font-sise" \
    '^typo\.yaml:4:[0-9]+: error: .*body\.font-sise' render ok.md --style typo.yaml

printf '%s\n' '# body text in pixels' 'extends: briefing' 'body:' '  font-size: 10px' >"$CASE/px.yaml"
expect_error "style with length 10px names px.yaml line 4" '^px\.yaml:4:[0-9]+: error: .*10px' render ok.md --style px.yaml

printf '%s\n' 'extends: cycle-b.yaml' 'body:' '  font-size: 10pt' >"$CASE/cycle-a.yaml"
printf '%s\n' 'extends: cycle-a.yaml' >"$CASE/cycle-b.yaml"
expect_error "style extends cycle names a style file's extends line" \
    '^cycle-[ab]\.yaml:1:[0-9]+: error: ' render ok.md --style cycle-a.yaml

# A YAML escape that makes a control character: no text (Pango would abort on a NUL).
article nul-title.md '---' 'title: "bad\x00title"' 'lang: en' '---' '' 'Body.'
expect_error "a control character in the title (YAML \\x00) names line 2" \
    '^nul-title\.md:2:[0-9]+: error: .*control character U\+0000' render nul-title.md

# ---- warnings: reported with a position, and the PDF still comes out ----

# expect_warning NAME PATTERN FILE: exit 0, a stderr line matching PATTERN, a valid PDF.
expect_warning() {
    local name=$1 pattern=$2 file=$3 rc=0
    rm -rf "$OUTDIR" && mkdir -p "$OUTDIR"
    (cd "$CASE" && "$BIN" render "$file" -o out/out.pdf) >/dev/null 2>"$WORK/err" || rc=$?
    local problems=""
    [[ $rc -eq 0 ]] || problems+="exit $rc (want 0); "
    grep -qE -- "$pattern" "$WORK/err" || problems+="no stderr line matching /$pattern/; "
    is_pdf "$OUTDIR/out.pdf" && qpdf --check "$OUTDIR/out.pdf" >/dev/null 2>&1 || problems+="no valid PDF; "
    if [[ -z $problems ]]; then pass "$name"; else fail "$name: $problems"; detail "stderr: $(head -n 3 "$WORK/err")"; fi
}

article unknown-key.md '---' 'title: T' 'lang: en' 'colour: red' '---' '' 'Body.'
expect_warning "unknown front matter key: warning naming line 4 and the key, PDF written" \
    '^unknown-key\.md:4:[0-9]+: warning: .*colour' unknown-key.md

# U+1F600 (grinning face): no configured font has it.
article emoji.md "${FM[@]}" '' $'A smile \xf0\x9f\x98\x80 on line seven.'
expect_warning "U+1F600 no font has: warning naming U+1F600 and line 7, PDF written" \
    '^emoji\.md:7:[0-9]+: warning: .*U\+1F600' emoji.md

finish || exit 1
