#!/usr/bin/env bash
# samples.sh: every sample renders in every shipped style without a warning, into a PDF that keeps
# the promises of PRODUCT.md section 6: valid file, fonts embedded and subset, metadata and language
# from the front matter, an outline, every source paragraph extractable, page numbers in the footer.
#
#   bash tests/samples.sh build/inkstone
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Characters that are whitespace, hyphens or quote marks in extracted text but are not ASCII.
# (UTF-8 bytes, so that they do not depend on the locale bash starts in.)
NBSP=$'\xc2\xa0' IDSP=$'\xe3\x80\x80' SHY=$'\xc2\xad' HYPH=$'\xe2\x80\x90' ZWSP=$'\xe2\x80\x8b'
QUOTES=$'\xe2\x80\x98\xe2\x80\x99\xe2\x80\x9c\xe2\x80\x9d'

# norm STRING: drop all whitespace, hyphens (line-end hyphenation) and quote marks (smart quotes),
# so that line breaks, justification and quote styling do not matter when comparing text.
norm() {
    local s=$1
    s=${s//[[:space:]$NBSP$IDSP$ZWSP]/}
    s=${s//[-$SHY$HYPH]/}
    s=${s//[\"\'$QUOTES]/}
    printf '%s' "$s"
}

# md_blocks FILE: the body's text blocks as "KIND<TAB>text" lines; KIND is h2, h3, para, list,
# quote or footnote. Lines inside code fences and ::: divs (pull quotes) are left out.
md_blocks() {
    body "$1" | awk '
        /^[ ]{0,3}(```|~~~)/ { fence = !fence; next }
        fence { next }
        /^:::/ { div = ($0 !~ /^:::[ ]*$/); next }   # "::: name" opens, ":::" closes
        div { next }
        /^[ \t]*$/ { next }
        /^## / { sub(/^## +/, ""); sub(/ +#+ *$/, ""); print "h2\t" $0; next }
        /^### / { sub(/^### +/, ""); sub(/ +#+ *$/, ""); print "h3\t" $0; next }
        /^#/ { next }
        /^[-*+] / { sub(/^[-*+] +/, ""); print "list\t" $0; next }
        /^[0-9]+[.)] / { sub(/^[0-9]+[.)] +/, ""); print "list\t" $0; next }
        /^>/ { sub(/^> ?/, ""); if ($0 != "") print "quote\t" $0; next }
        /^\[\^[^]]+\]:/ { sub(/^\[\^[^]]+\]: */, ""); print "footnote\t" $0; next }
        /^[ \t|<]/ { next }
        { print "para\t" $0 }'
}

# strip_md: Markdown inline markup to plain text (stdin to stdout); a note reference becomes ¤.
strip_md() {
    sed -e 's/\[\^[^]]*\]/¤/g' \
        -e 's/!\[\([^]]*\)\]([^)]*)\({[^}]*}\)\{0,1\}/\1/g' \
        -e 's/\[\([^]]*\)\]([^)]*)/\1/g' \
        -e 's/<\(https\{0,1\}:[^>]*\)>/\1/g' \
        -e 's/\*\*//g; s/__//g; s/~~//g; s/`//g; s/\*//g'
}

# fragment LANG TEXT: a piece from the middle of a paragraph: 3 words (en) or 12 characters (zh).
# A note reference (¤ after strip_md) prints its number: the piece is taken from the longest
# stretch of text without one.
fragment() {
    local lang=$1 text=$2
    if [[ $text == *¤* ]]; then
        local piece longest=""
        while IFS= read -r piece; do ((${#piece} > ${#longest})) && longest=$piece; done <<<"${text//¤/$'\n'}"
        text=$longest
    fi
    if [[ $lang == en ]]; then
        local -a w
        read -ra w <<<"$text"
        local n=${#w[@]}
        if ((n <= 3)); then printf '%s' "${w[*]}"; else printf '%s' "${w[*]:$(((n - 3) / 2)):3}"; fi
    else
        local n=${#text}
        if ((n <= 12)); then printf '%s' "$text"; else printf '%s' "${text:$(((n - 12) / 2)):12}"; fi
    fi
}

# not_in_text FRAGMENTS_FILE LINES_FILE: FRAGMENTS_FILE has "NORMALIZED<TAB>LABEL" lines; print the
# LABEL of each fragment the normalized PDF text (LINES_FILE, one line of pdftotext output a line)
# does not contain.
# A paragraph may be interrupted by whole lines that belong elsewhere: running heads and page
# numbers at a page break, a pull quote set inside it. So a fragment also counts as found when it
# appears once a run of up to 12 consecutive whole lines (at most 600 bytes) is cut out of the text.
not_in_text() {
    awk -v W=12 -v G=600 -v C=240 '
        FILENAME == ARGV[1] { split($0, p, "\t"); frag[++nf] = p[1]; label[nf] = p[2]; next }
        { start[++n] = length(all) + 1; all = all $0; stop[n] = length(all) }
        END {
            for (k = 1; k <= nf; k++) {
                f = frag[k]
                if (index(all, f)) continue
                found = 0
                for (i = 1; i <= n && !found; i++)
                    for (j = i; j < i + W && j <= n && !found; j++) {
                        if (stop[j] - start[i] + 1 > G) break
                        from = start[i] - C; if (from < 1) from = 1
                        if (index(substr(all, from, start[i] - from) substr(all, stop[j] + 1, C), f)) found = 1
                    }
                if (!found) print label[k]
            }
        }' "$1" "$2"
}

# field NAME: one "Name:  value" field of the pdfinfo output in $info.
field() { sed -n "s/^$1:[[:space:]]*//p" <<<"$info" | head -n 1; }

styles=()
for s in "$ROOT"/styles/*.yaml; do styles+=("$(basename "$s" .yaml)"); done

for md in "$ROOT"/samples/*.md; do
    name=$(basename "$md" .md)
    title=$(fm_scalar "$md" title)
    lang=$(fm_scalar "$md" lang)
    lang=${lang:-en}
    summary=$(fm_scalar "$md" summary)
    blocks=$(md_blocks "$md" | strip_md)

    for style in "${styles[@]}"; do
        id="$name/$style"
        pdf=$WORK/$name.$style.pdf
        err=$WORK/$name.$style.err

        # Rendering: exit 0 and not one line on stderr ("every style renders every sample without a
        # warning", PRODUCT.md section 2).
        rc=0
        "$BIN" render "$md" --style "$style" -o "$pdf" 2>"$err" || rc=$?
        if [[ $rc -eq 0 && ! -s $err ]]; then
            pass "$id: renders, exit 0, empty stderr"
        else
            fail "$id: renders, exit 0, empty stderr (exit $rc)"
            detail "$(head -n 5 "$err")"
        fi
        if ! is_pdf "$pdf"; then
            fail "$id: no PDF written; skipping the checks of its content"
            continue
        fi

        # A structurally valid file: qpdf finds no error and no warning (it exits 3 on warnings).
        out=$(qpdf --check "$pdf" 2>&1) && rc=0 || rc=$?
        if [[ $rc -eq 0 ]] && ! grep -qi 'warning' <<<"$out"; then
            pass "$id: qpdf --check clean"
        else
            fail "$id: qpdf --check clean (exit $rc)"
            detail "$(grep -i 'warning\|error' <<<"$out" | head -n 5)"
        fi

        # Fonts embedded and subset, with a ToUnicode map (text extractable), and no Type 3 (bitmap
        # or fallback glyphs). pdffonts columns from the right: emb sub uni object-number generation.
        fonts=$(pdffonts "$pdf" | tail -n +3)
        bad=$(awk '$(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes" || /Type 3/' <<<"$fonts")
        if [[ -n $fonts && -z $bad ]]; then
            pass "$id: every font embedded, subset, with ToUnicode; no Type 3"
        else
            fail "$id: every font embedded, subset, with ToUnicode; no Type 3"
            detail "${bad:-no fonts at all}"
        fi

        # Metadata from the front matter.
        info=$(pdfinfo -enc UTF-8 "$pdf")
        check "$id: Title is the front matter title" [ "$(field Title)" == "$title" ]
        author=$(field Author)
        missing=""
        while IFS= read -r a; do [[ $author == *"$a"* ]] || missing+="$a; "; done < <(fm_authors "$md")
        if [[ -n $author && -z $missing ]]; then pass "$id: Author names every author"
        else fail "$id: Author names every author (Author: '$author', missing: $missing)"; fi
        if [[ -n $summary ]]; then
            check "$id: Subject is the summary" [ "$(field Subject)" == "$summary" ]
        fi
        keywords=$(field Keywords)
        missing=""
        while IFS= read -r k; do [[ $keywords == *"$k"* ]] || missing+="$k; "; done < <(fm_keywords "$md")
        if [[ -n $keywords && -z $missing ]]; then pass "$id: Keywords has every keyword"
        else fail "$id: Keywords has every keyword (Keywords: '$keywords', missing: $missing)"; fi
        check "$id: Creator starts with 'inkstone'" [ "$(field Creator | cut -c1-8)" == "inkstone" ]
        pages=$(field Pages)
        check "$id: at least one page (Pages: $pages)" [ "${pages:-0}" -ge 1 ]
        pages=${pages:-0}

        # Paper size on every page: briefing is A4, letter is US Letter.
        case $style in
            briefing) want="595x842" ;;
            letter) want="612x792" ;;
            *) want="" ;;
        esac
        if [[ -n $want ]]; then
            sizes=$(pdfinfo -f 1 -l "$pages" "$pdf" |
                awk '/^Page +[0-9]+ size:/ { printf "%.0fx%.0f\n", $4, $6 }' | sort -u)
            check "$id: every page is $want pt ($(echo "$sizes" | tr '\n' ' '))" [ "$sizes" == "$want" ]
        fi

        # Document language (/Lang in the catalog) is the front matter lang: screen readers and
        # hyphenation in viewers depend on it. Uncompress first so the catalog is greppable.
        qpdf --qdf --object-streams=disable "$pdf" "$WORK/qdf.pdf" 2>/dev/null || true
        hexlang=$(printf '%s' "$lang" | od -An -tx1 | tr -d ' \n')
        if grep -aq "/Lang ($lang)" "$WORK/qdf.pdf" || grep -aiq "/Lang <$hexlang>" "$WORK/qdf.pdf"; then
            pass "$id: /Lang is $lang"
        else
            fail "$id: /Lang is $lang (found: $(grep -ao '/Lang [^/>]*' "$WORK/qdf.pdf" | head -n 1))"
        fi

        # Outline: the title and every ## heading are bookmarks (any nesting).
        json=$(qpdf --json=2 --json-key=outlines "$pdf" 2>/dev/null || qpdf --json --json-key=outlines "$pdf")
        bookmarks=$(sed -n 's/^ *"title": "\(.*\)",\{0,1\}$/\1/p' <<<"$json" |
            sed 's/\\"/"/g; s/\\\//\//g; s/\\\\/\\/g')
        missing=""
        while IFS= read -r want; do
            grep -qxF -- "$want" <<<"$bookmarks" || missing+="'$want' "
        done < <(printf '%s\n' "$title"; sed -n 's/^h2\t//p' <<<"$blocks")
        if [[ -z $missing ]]; then pass "$id: outline has the title and every ## heading"
        else fail "$id: outline has the title and every ## heading (missing: $missing)"; fi

        # Every paragraph, list item, block quote and footnote of the source, and the subtitle,
        # summary and bio of the front matter, come back as text (copy-paste and search work):
        # a fragment from the middle of each must be in the extracted text.
        # pdftotext -raw keeps content-stream order: -layout would interleave the two columns of
        # quarterly line by line, and the default mode mixes them too when lines are loose.
        pdftotext -raw -enc UTF-8 "$pdf" "$WORK/text.txt"
        sed -e "s/[[:space:]$NBSP$IDSP$ZWSP]//g" -e "s/[-$SHY$HYPH\"'$QUOTES]//g" "$WORK/text.txt" >"$WORK/text.norm"
        : >"$WORK/frags"
        total=0
        while IFS=$'\t' read -r kind text; do
            [[ $kind == h2 || $kind == h3 ]] && continue
            total=$((total + 1))
            frag=$(fragment "$lang" "$text")
            printf '%s\t%s: %s\n' "$(norm "$frag")" "$kind" "$frag" >>"$WORK/frags"
        done <<<"$blocks"
        # The front matter's printed fields too: subtitle, summary (standfirst), bio (at the end).
        for key in subtitle summary bio; do
            if [[ $key == bio ]]; then text=$(fm_block "$md" bio); else text=$(fm_scalar "$md" "$key"); fi
            [[ -n $text ]] || continue
            total=$((total + 1))
            frag=$(fragment "$lang" "$text")
            printf '%s\t%s: %s\n' "$(norm "$frag")" "$key" "$frag" >>"$WORK/frags"
        done
        missing=$(not_in_text "$WORK/frags" "$WORK/text.norm")
        if [[ -z $missing ]]; then
            pass "$id: text of all $total paragraphs, list items, quotes, footnotes, subtitle, summary and bio extractable"
        else
            fail "$id: text of $(wc -l <<<"$missing") of $total paragraphs, list items, quotes, footnotes, subtitle, summary and bio missing"
            detail "$(head -n 8 <<<"$missing")"
        fi

        # Page numbers: briefing (and letter, which extends it) prints "{page} / {pages}", quarterly
        # prints "{page}". Whitespace around the slash is optional: pdftotext drops narrow spaces.
        bad=""
        for ((p = 1; p <= pages; p++)); do
            ptext=$(pdftotext -layout -enc UTF-8 -f "$p" -l "$p" "$pdf" -)
            case $style in
                quarterly) grep -qE "^[[:space:]]*${p}[[:space:]]*\$" <<<"$ptext" || bad+="$p " ;;
                *) grep -qE "(^|[^0-9])$p ?/ ?$pages([^0-9]|\$)" <<<"$ptext" || bad+="$p " ;;
            esac
        done
        if [[ $pages -ge 1 && -z $bad ]]; then pass "$id: every page's footer shows its number"
        else fail "$id: every page's footer shows its number (missing on pages: ${bad:-all})"; fi

        # Sanity: no web chrome leaked from anywhere into the output.
        if grep -qiE 'Back to Top|You might also like' "$WORK/text.txt"; then
            fail "$id: no web chrome ('Back to Top', 'You might also like') in the text"
        else
            pass "$id: no web chrome ('Back to Top', 'You might also like') in the text"
        fi
    done
done

# A long table: its header row on every page it runs over, read from the PDF; right-aligned
# numbers end on one edge (pdftotext -bbox: the right edges of the Value column's words).
{
    printf -- '---\ntitle: Long table\n---\nText.\n\n| Year | Value | Note |\n|:--|--:|:--|\n'
    for i in $(seq 1 90); do echo "| $((1930 + i)) | $((i * 37 % 1000)).$((i % 10)) | row $i |"; done
} > "$WORK/table.md"
"$BIN" render "$WORK/table.md" -o "$WORK/table.pdf" 2> "$WORK/table.err"
tpages=$(pdfinfo "$WORK/table.pdf" | awk '/^Pages:/ {print $2}')
with_header=0
for p in $(seq 1 "$tpages"); do pdftotext -f "$p" -l "$p" "$WORK/table.pdf" - | grep -q '^Year' && with_header=$((with_header + 1)); done
check "a long table ($tpages pages) has its header row on every page ($with_header)" \
    bash -c "[ '$tpages' -ge 2 ] && [ '$with_header' -eq '$tpages' ]"
edges=$(pdftotext -bbox "$WORK/table.pdf" - | grep -E '>[0-9]+\.[0-9]</word>' | sed -E 's/.*xMax="([0-9.]+)".*/\1/' | sort -u -n)
spread=$(awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.2f", hi - lo}' <<< "$edges")
check "right-aligned numbers end on one edge (spread $spread pt)" awk -v s="$spread" 'BEGIN {exit !(s < 0.1)}'
check "...rendered without a warning" [ ! -s "$WORK/table.err" ]

# Numbers aligned on their decimal points, read from the PDF: in a right-aligned (--:) column and
# in a default one (a column of numbers), numbers with one integer part ("10", "10.5", "10.25",
# "10%") start at one x whatever their fraction. A table too wide for its column is set smaller
# (briefing: inside the text area) or across both columns (quarterly), without a warning.
{
    printf -- '---\ntitle: Numbers\n---\nText.\n\n| Item | Right | Default |\n|:--|--:|---|\n'
    for v in 10 10.5 10.25 10.125 10% 1,234.5 7; do echo "| row | $v | $v |"; done
    printf '\nText between.\n\n| Responsibilities | Accountability | Transparency | Implementation | Coordination | Sustainability |\n'
    printf '|---|---|---|---|---|---|\n| Internationalisation | Decentralisation | Intergovernmental | Environmental | Infrastructure | Characterisation |\n'
} > "$WORK/numbers.md"
for st in briefing quarterly; do
    "$BIN" render "$WORK/numbers.md" --style "$st" -o "$WORK/numbers-$st.pdf" 2> "$WORK/numbers.err"
    pdftotext -bbox "$WORK/numbers-$st.pdf" "$WORK/numbers.html"
    starts=$(grep -E '>10(\.[0-9]+|%)?</word>' "$WORK/numbers.html" | sed -E 's/.*xMin="([0-9.]+)".*/\1/' | sort -n)
    # Two columns: the starts fall in two groups (right, default), each within 0.1 pt.
    spread=$(awk '{v[NR] = $1} END {
        a = v[1]; m = 0
        for (i = 2; i <= NR; i++) if (v[i] - v[i - 1] > 5) { m = (v[i - 1] - a > m) ? v[i - 1] - a : m; a = v[i] }
        m = (v[NR] - a > m) ? v[NR] - a : m; printf "%.2f", m }' <<< "$starts")
    n=$(wc -l <<< "$starts")
    check "$st: numbers of one integer part start at one x in both columns ($n numbers, spread $spread pt)" \
        awk -v s="$spread" -v n="$n" 'BEGIN {exit !(s < 0.1 && n == 10)}'
    width=$(pdfinfo "$WORK/numbers-$st.pdf" | awk '/^Page size:/ {print $3}')
    wide=$(grep -E '>(Internationalisation|Characterisation)</word>' "$WORK/numbers.html" | sed -E 's/.*xMin="([0-9.]+)".*xMax="([0-9.]+)".*/\1 \2/' |
        awk 'NR == 1 {lo = $1} {hi = $2} END {printf "%.1f %.1f", lo, hi}')
    # Word heights follow the type size: the wide table's against the numbers table's cells.
    ratio=$(awk -F'"' '/>(row|Internationalisation)<\/word>/ {h = $8 - $4; if (/>row</) r = h; else w = h}
        END {printf "%.2f", w / r}' "$WORK/numbers.html")
    if [[ $st == quarterly ]]; then
        check "$st: a table too wide for a column spans both ($wide)" awk -v w="$wide" -v pw="$width" \
            'BEGIN {split(w, a, " "); exit !(a[2] - a[1] > 0.5 * pw)}'
    else
        check "$st: a table too wide at its size is set smaller (type $ratio of the size), inside the page ($wide)" \
            awk -v w="$wide" -v pw="$width" -v r="$ratio" 'BEGIN {split(w, a, " "); exit !(r < 0.99 && a[1] > 0 && a[2] < pw - 50)}'
    fi
    check "$st: ...rendered without a warning" [ ! -s "$WORK/numbers.err" ]
done

finish || exit 1
