#!/usr/bin/env bash
# cli.sh: the command line contract of PRODUCT.md section 3: help and version, exit codes, where
# outputs go (beside the input, stdout, stdin), the PNG and layout formats, `inkstone fonts`, and
# front matter text printed literally (no markup injection).
#
#   bash tests/cli.sh build/inkstone
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SAMPLE=$ROOT/samples/en-mekong-water.md
# run ARGS...: runs inkstone from an empty scratch directory (so a stray output file is noticed and
# never lands in the repository); sets RC, OUT (stdout file) and ERR (stderr file).
CWD=$WORK/cwd
OUT=$WORK/stdout
ERR=$WORK/stderr
mkdir -p "$CWD"
run() {
    RC=0
    (cd "$CWD" && "$BIN" "$@") >"$OUT" 2>"$ERR" || RC=$?
}
run_stdin() { # run_stdin FILE ARGS...: the same with FILE on stdin
    local in=$1
    shift
    RC=0
    (cd "$CWD" && "$BIN" "$@") <"$in" >"$OUT" 2>"$ERR" || RC=$?
}
cwd_clean() { [[ -z $(ls -A "$CWD") ]]; }
pages_of() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

# ---- help, version, usage errors ----

# --version: "inkstone 0.x.y" on stdout, exit 0.
run --version
if [[ $RC -eq 0 && $(head -n 1 "$OUT") == "inkstone 0."* ]]; then pass "--version prints 'inkstone 0.' and exits 0"
else fail "--version prints 'inkstone 0.' and exits 0 (exit $RC, output '$(head -n 1 "$OUT")')"; fi

# --help on the program and on every command: exit 0, a usage text on stdout.
for args in "--help" "render --help" "fonts --help"; do
    # shellcheck disable=SC2086
    run $args
    if [[ $RC -eq 0 ]] && grep -qi 'usage' "$OUT"; then pass "'$args' prints usage and exits 0"
    else fail "'$args' prints usage and exits 0 (exit $RC)"; fi
done
run --help
if grep -q 'render' "$OUT" && grep -q 'fonts' "$OUT"; then pass "--help lists the render and fonts commands"
else fail "--help lists the render and fonts commands"; fi

# Bad usage exits 2 with a message on stderr (exit 1 is reserved for "some batch outputs failed").
cp "$SAMPLE" "$CWD/a.md"
for args in "" "--bogus" "frobnicate" "render" "render a.md --bogus" "render a.md --format bogus" \
    "render a.md --style"; do
    # shellcheck disable=SC2086
    run $args
    if [[ $RC -eq 2 && -s $ERR ]]; then pass "'inkstone $args' is bad usage: exit 2, message on stderr"
    else fail "'inkstone $args' is bad usage: exit 2, message on stderr (exit $RC)"; fi
done
rm -f "$CWD/a.md"
check "bad usage wrote no file" cwd_clean
rm -rf "${CWD:?}"/*

# ---- where outputs go ----

# No -o: the PDF goes beside the input, with the extension replaced, not into the working directory.
mkdir -p "$WORK/beside"
cp "$SAMPLE" "$WORK/beside/art.md"
run render "$WORK/beside/art.md"
if [[ $RC -eq 0 ]] && is_pdf "$WORK/beside/art.pdf" && cwd_clean; then
    pass "render without -o writes art.pdf beside art.md"
else
    fail "render without -o writes art.pdf beside art.md (exit $RC; beside: $(ls "$WORK/beside" | tr '\n' ' '); cwd: $(ls -A "$CWD" | tr '\n' ' '))"
fi
PAGES=$(pages_of "$WORK/beside/art.pdf")
PAGES=${PAGES:-0}

# -o -: the PDF on stdout (nothing else there), readable, and no file named "-".
run render "$SAMPLE" -o -
if [[ $RC -eq 0 ]] && is_pdf "$OUT" && [[ $(pages_of "$OUT") == "$PAGES" ]] && cwd_clean; then
    pass "-o - writes the PDF to stdout"
else
    fail "-o - writes the PDF to stdout (exit $RC, starts '$(head -c 8 "$OUT" | tr -cd '[:print:]')', cwd: $(ls -A "$CWD" | tr '\n' ' '))"
fi
# The same bytes as a file output: nothing else (a log line, a progress bar) is mixed into stdout.
if cmp -s "$OUT" "$WORK/beside/art.pdf"; then pass "-o - gives the same bytes as a file output"
else fail "-o - gives the same bytes as a file output"; fi

# Input -: the article from stdin (with -o).
run_stdin "$SAMPLE" render - -o "$WORK/stdin.pdf"
title=$(pdfinfo -enc UTF-8 "$WORK/stdin.pdf" 2>/dev/null | sed -n 's/^Title:[[:space:]]*//p')
if [[ $RC -eq 0 && $title == "$(fm_scalar "$SAMPLE" title)" ]] && cwd_clean; then
    pass "input - reads the article from stdin"
else
    fail "input - reads the article from stdin (exit $RC, Title '$title')"
    detail "$(head -n 3 "$ERR")"
fi
# stdin to stdout.
run_stdin "$SAMPLE" render - -o -
if [[ $RC -eq 0 ]] && is_pdf "$OUT" && cwd_clean; then pass "'render - -o -' pipes stdin to stdout"
else fail "'render - -o -' pipes stdin to stdout (exit $RC)"; fi
# stdin without -o has no file name to derive one from: either a usage error (exit 2) or the PDF on
# stdout, but never a stray file such as "-.pdf" or ".pdf" in the working directory.
run_stdin "$SAMPLE" render -
if { [[ $RC -eq 2 && -s $ERR ]] || { [[ $RC -eq 0 ]] && is_pdf "$OUT"; }; } && cwd_clean; then
    pass "stdin without -o: exit 2 or PDF on stdout, no stray file"
else
    fail "stdin without -o: exit 2 or PDF on stdout, no stray file (exit $RC, cwd: $(ls -A "$CWD" | tr '\n' ' '))"
fi
rm -rf "${CWD:?}"/*

# ---- PNG: one file per page, NAME-1.png, NAME-2.png, ... ----

# png_set DIR NAME: checks that DIR holds exactly NAME-1.png .. NAME-$PAGES.png, each a PNG.
png_set() {
    local dir=$1 name=$2 p expect got
    expect=$(for ((p = 1; p <= PAGES; p++)); do echo "$name-$p.png"; done | sort)
    got=$(cd "$dir" && for f in *.png; do [[ -e $f ]] && echo "$f"; done | sort)
    if [[ $PAGES -ge 1 && $got == "$expect" ]]; then
        pass "png: $name-1.png .. $name-$PAGES.png, one per PDF page"
    else
        fail "png: $name-1.png .. $name-$PAGES.png, one per PDF page (got: $(echo "$got" | tr '\n' ' '))"
    fi
    local bad=""
    for p in $got; do is_png "$dir/$p" || bad+="$p "; done
    if [[ -n $got && -z $bad ]]; then pass "png: every file has the PNG signature"
    else fail "png: every file has the PNG signature (bad: ${bad:-no files})"; fi
}
mkdir -p "$WORK/png"
run render "$SAMPLE" --format png -o "$WORK/png/art.png"
check "png: exit 0 (exit $RC)" [ "$RC" -eq 0 ]
png_set "$WORK/png" art
# Page 1 at the default 150 dpi: the pixel width is the page width in points * 150 / 72
# (A4: 1240). The PNG width is bytes 17-20 (IHDR), big-endian.
if [[ -f $WORK/png/art-1.png ]]; then
    width=$(od -An -tu1 -j16 -N4 "$WORK/png/art-1.png" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
    want=$(pdfinfo "$WORK/beside/art.pdf" | awk '/^Page size:/ { printf "%.0f", $3 * 150 / 72 }')
    check "png: page 1 is $want px wide at 150 dpi (got $width)" [ "$((width - want))" -ge -1 -a "$((width - want))" -le 1 ]
fi
# Without -o the pages go beside the input.
mkdir -p "$WORK/png2"
cp "$SAMPLE" "$WORK/png2/story.md"
run render "$WORK/png2/story.md" --format png
if [[ $RC -eq 0 ]] && cwd_clean; then pass "png without -o: exit 0, nothing in the working directory"
else fail "png without -o: exit 0, nothing in the working directory (exit $RC)"; fi
png_set "$WORK/png2" story

# ---- layout dump (what the golden tests compare) ----
run render "$SAMPLE" --format layout -o "$WORK/a.layout"
if [[ $RC -eq 0 && $(head -n 1 "$WORK/a.layout" 2>/dev/null) == "document pages="* ]]; then
    pass "--format layout writes a dump starting 'document pages='"
else
    fail "--format layout writes a dump starting 'document pages=' (exit $RC)"
fi
run render "$SAMPLE" --dump-layout -o "$WORK/b.layout"
if [[ $RC -eq 0 ]] && cmp -s "$WORK/a.layout" "$WORK/b.layout"; then pass "--dump-layout writes the same dump"
else fail "--dump-layout writes the same dump (exit $RC)"; fi
dumped=$(head -n 1 "$WORK/a.layout" 2>/dev/null | sed -n 's/^document pages=\([0-9]*\).*/\1/p')
check "layout dump page count ($dumped) equals the PDF's ($PAGES)" [ "$dumped" == "$PAGES" ]

# ---- fonts ----

# Each Chinese variant resolves to its own Noto Serif CJK face (glyph forms follow the language).
run fonts
check "fonts: exit 0 (exit $RC)" [ "$RC" -eq 0 ]
for pair in "zh-Hans:Noto Serif CJK SC" "zh-Hant:Noto Serif CJK TC" "zh-Hant-HK:Noto Serif CJK HK"; do
    lang=${pair%%:*} face=${pair#*:}
    if grep -q "^serif $lang: $face\b" "$OUT"; then pass "fonts: serif $lang is $face"
    else fail "fonts: serif $lang is $face (got: $(grep "^serif $lang:" "$OUT" || echo none))"; fi
done
# Every family the briefing style names (fonts: set -> script -> family) is the face it resolves
# to: a silent fallback (a family missing from fonts/fonts.conf) changes the typesetting.
expected=$(awk '
    /^fonts:/ { on = 1; next }
    on && /^[^ #]/ { exit }
    on && /^  [a-z-]+:[ ]*$/ { set = $1; sub(/:$/, "", set); next }
    on && /^    [A-Za-z-]+:/ {
        script = $1; sub(/:$/, "", script); fam = $0; sub(/^ *[^:]+: */, "", fam)
        if (script == "latin" || script ~ /^zh-/) print set " " script ": " fam
    }' "$ROOT/styles/briefing.yaml")
bad=""
while IFS= read -r line; do
    grep -qF -- "$line (" "$OUT" || bad+="[$line] "
done <<<"$expected"
if [[ -n $expected && -z $bad ]]; then pass "fonts: every family briefing names resolves to itself"
else
    fail "fonts: every family briefing names resolves to itself (not resolved: ${bad:-nothing parsed})"
    detail "$(cat "$OUT")"
fi
run fonts --lang zh-Hant-HK
if [[ $RC -eq 0 ]] && grep -q 'CJK HK' "$OUT" && ! grep -q 'CJK SC' "$OUT"; then
    pass "fonts --lang zh-Hant-HK lists only the HK faces"
else
    fail "fonts --lang zh-Hant-HK lists only the HK faces (exit $RC)"
fi

# ---- front matter text is printed literally, never interpreted as markup ----
mkdir -p "$WORK/lit"
cat >"$WORK/lit/lit.md" <<'EOF'
---
title: "Tariffs & Trade <b>x</b>"
date: 2026-01-02
lang: en
authors:
  - name: "A & B <i>C</i>"
---

Plain paragraph about AT&T, where 5 < 6 and 7 > 4 hold.

## R&D spending

More text in the second section.
EOF
run render "$WORK/lit/lit.md" -o "$WORK/lit/lit.pdf"
if [[ $RC -eq 0 ]] && is_pdf "$WORK/lit/lit.pdf"; then
    pass "title with & and <b>: renders (exit 0)"
    info=$(pdfinfo -enc UTF-8 "$WORK/lit/lit.pdf")
    text=$(pdftotext -raw -enc UTF-8 "$WORK/lit/lit.pdf" - | tr -d '[:space:]')
    got=$(sed -n 's/^Title:[[:space:]]*//p' <<<"$info")
    check "title with & and <b>: pdfinfo Title is literal ('$got')" [ "$got" == 'Tariffs & Trade <b>x</b>' ]
    got=$(sed -n 's/^Author:[[:space:]]*//p' <<<"$info")
    check "author with & and <i>: pdfinfo Author is literal ('$got')" [ "$got" == 'A & B <i>C</i>' ]
    check "title with & and <b>: printed literally" contains "$text" "Tariffs&Trade<b>x</b>"
    check "author with & and <i>: printed literally" contains "$text" "A&B<i>C</i>"
    check "body with & < >: printed literally" contains "$text" "AT&T,where5<6and7>4"
    outline=$(qpdf --json=2 --json-key=outlines "$WORK/lit/lit.pdf" 2>/dev/null ||
        qpdf --json --json-key=outlines "$WORK/lit/lit.pdf")
    check "outline: title bookmark is literal" contains "$outline" '"title": "Tariffs & Trade <b>x</b>"'
    check "outline: heading bookmark with & is literal" contains "$outline" '"title": "R&D spending"'
else
    fail "title with & and <b>: renders (exit $RC)"
    detail "$(head -n 3 "$ERR")"
fi

finish || exit 1
