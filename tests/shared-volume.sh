#!/usr/bin/env bash
# inkstone compile on the peers' 60-article benchmark volume (../shared/bench/inkstone/quarterly.yaml,
# beside the repository): the checks of compile.sh at full size. Page labels (roman front matter,
# then arabic from 1), every contents number equals the label of the page where its article starts,
# every contents entry is a link, the outline has every article, running heads and folios on every
# article page, every article on a new page, deterministic bytes (-j 1 and -j 2).
#
# 30 titles occur twice, the second time with a suffix ("… (II)", "…（续）", "…（續）"), so titles are
# matched whole: an occurrence of a title that is part of a longer title of the volume does not count.
# The volume is not part of this repository: without it the suite says so and passes.
#
#   bash tests/shared-volume.sh build/inkstone
set -euo pipefail
source "$(dirname "$0")/lib.sh"

vol=$ROOT/../shared/bench/inkstone/quarterly.yaml
if [[ ! -f $vol ]]; then
    echo "skip shared-volume: ../shared/bench/inkstone/quarterly.yaml not found (the peers' benchmark volume is not on this machine)"
    exit 0
fi
vol=$(cd "$(dirname "$vol")" && pwd)/$(basename "$vol")
voldir=$(dirname "$vol")

# ---- helpers ----

# roman N: N in lower-case roman numerals.
roman() {
    local n=$1 out="" i
    local -a val=(1000 900 500 400 100 90 50 40 10 9 5 4 1)
    local -a sym=(m cm d cd c xc l xl x ix v iv i)
    for i in "${!val[@]}"; do
        while ((n >= val[i])); do out+=${sym[i]}; n=$((n - val[i])); done
    done
    echo "$out"
}

# first_exact TITLES PAGES: for each squeezed title of the file TITLES (one a line), the number of
# the first line of the file PAGES (one squeezed page a line) holding the title whole, or 0. An
# occurrence inside another, longer title of TITLES ("勿误读中俄关系" in "勿误读中俄关系（续）") is
# not one.
first_exact() {
    awk '
        NR == FNR { t[++n] = $0; next }
        { page[++np] = $0 }
        END {
            for (i = 1; i <= n; i++) {
                # the longer titles holding title i, and where: title i at offset off[k] of t[sup[k]]
                ns = 0
                for (j = 1; j <= n; j++) {
                    if (j == i || length(t[j]) <= length(t[i])) continue
                    from = 1
                    while ((q = index(substr(t[j], from), t[i])) > 0) {
                        ns++; sup[ns] = j; off[ns] = from + q - 2; from += q
                    }
                }
                found = 0
                for (p = 1; p <= np && !found; p++) {
                    s = page[p]; from = 1
                    while (!found && (q = index(substr(s, from), t[i])) > 0) {
                        at = from + q - 1; whole = 1
                        for (k = 1; k <= ns; k++)
                            if (at - off[k] >= 1 && substr(s, at - off[k], length(t[sup[k]])) == t[sup[k]]) whole = 0
                        if (whole) found = p
                        from = at + 1
                    }
                }
                print found
            }
        }' "$1" "$2"
}

# contents_entries FILE...: the entries of contents pages (pdftotext -layout), as lines
# "SQUEEZED-CANDIDATE<TAB>NUMBER": an entry ends with a line closing on its page number (after the
# leaders); its title is that line, perhaps with the one or two lines before it (a long title
# wraps), so each of the 1-, 2- and 3-line endings is a candidate. The number follows leaders or a
# wide gap, so a running head ("… 31 March 2013") is no entry, nor is a folio ("ii / 132"). Each
# entry also gives a line "ENTRY<TAB>NUMBER", to count them.
contents_entries() {
    local f
    for f in "$@"; do
        awk '
            function sq(s) { gsub(/[ \t\f]/, "", s); return s }
            { sub(/\f/, "") }
            /^[ \t]*$/ { nprev = 0; next }
            /\/[ \t]*[0-9]+[ \t]*$/ { nprev = 0; next }
            /(\.|[ \t][ \t])[ \t]*[0-9]+[ \t]*$/ {
                line = $0
                match(line, /[0-9]+[ \t]*$/); number = substr(line, RSTART, RLENGTH); sub(/[ \t]+$/, "", number)
                line = substr(line, 1, RSTART - 1)
                sub(/([ \t]+\.+)*[ \t]*$/, "", line)   # the leaders (a final "." of the title stays)
                cand = sq(line); print cand "\t" number
                for (k = nprev; k >= 1 && k > nprev - 2; k--) { cand = sq(prev[k]) cand; print cand "\t" number }
                print "ENTRY\t" number
                nprev = 0; next
            }
            { prev[++nprev] = $0 }' "$f"
    done
}

# ---- compile ----

"$BIN" compile "$vol" -o "$WORK/volume.pdf" -j 2 2> "$WORK/stderr" && rc=0 || rc=$?
[[ $rc -eq 0 && ! -s $WORK/stderr ]] && ok=true || ok=false
check "compile exits 0 (exit $rc) with nothing on stderr ($(wc -c < "$WORK/stderr") bytes)" "$ok"
[[ -s $WORK/stderr ]] && detail "$(head -5 "$WORK/stderr")"
if ! is_pdf "$WORK/volume.pdf"; then
    fail "compile wrote a PDF"
    finish
    exit 1
fi
pdf=$WORK/volume.pdf
qpdf --check "$pdf" > "$WORK/qpdf-check" 2>&1 && rc=0 || rc=$?
check "qpdf --check is clean (exit $rc)" [ "$rc" -eq 0 ]
[[ $rc -ne 0 ]] && detail "$(grep -v '^checking\|^PDF Version\|^File is not' "$WORK/qpdf-check" | head -5)"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')

# The text of every page, once: one pdftotext call, split at its form feeds into page/P.txt; and
# squeezed, one page a line, into squeezed (line P: physical page P).
mkdir "$WORK/page"
pdftotext -layout "$pdf" "$WORK/all.txt"
awk -v dir="$WORK/page" -v pages="$pages" -v sq="$WORK/squeezed" '
    BEGIN { RS = "\f" }
    NR <= pages { f = dir "/" NR ".txt"; printf "%s", $0 > f; close(f)
                  gsub(/[ \t\n]/, ""); print > sq; n = NR }
    END { for (p = n + 1; p <= pages; p++) { printf "" > (dir "/" p ".txt"); print "" > sq } }' "$WORK/all.txt"
mapfile -t squeezed < "$WORK/squeezed"
nbreaks=$(tr -cd '\f' < "$WORK/all.txt" | wc -c)
check "pdftotext gives $pages pages of text ($nbreaks page breaks)" [ "$nbreaks" -eq "$pages" ]

# ---- 2. page labels ----

page_labels "$pdf" "$pages" > "$WORK/labels"
mapfile -t labels < "$WORK/labels"
nlabels=$(grep -c . "$WORK/labels" || true)
check "every page has a label ($nlabels of $pages)" [ "$nlabels" -eq "$pages" ]
label() { echo "${labels[$1 - 1]:-}"; }   # label P: the label of physical page P
check "the first page is labelled i ('$(label 1)')" [ "$(label 1)" = "i" ]
first_arabic=0
for ((p = 1; p <= pages; p++)); do [[ ${labels[p - 1]:-} == 1 ]] && { first_arabic=$p; break; }; done
bad_front=""
for ((p = 1; p < first_arabic; p++)); do
    r=$(roman "$p")
    [[ ${labels[p - 1]} == "$r" ]] || bad_front+=" $p:'${labels[p - 1]}'≠$r"
done
[[ $first_arabic -gt 1 && -z $bad_front ]] && ok=true || ok=false
if ((first_arabic > 0)); then span="physical pages 1-$((first_arabic - 1))"; else span="no page is labelled 1"; fi
check "front matter ($span) is labelled i, ii, … in order${bad_front:+ (wrong:$bad_front)}" \
    "$ok"
bad_arabic=""
for ((p = first_arabic; first_arabic > 0 && p <= pages; p++)); do
    [[ ${labels[p - 1]:-} == "$((p - first_arabic + 1))" ]] || bad_arabic+=" $p:'${labels[p - 1]:-}'≠$((p - first_arabic + 1))"
done
[[ $first_arabic -gt 0 && -z $bad_arabic ]] && ok=true || ok=false
if ((first_arabic > 0)); then span="1-$((pages - first_arabic + 1)) from physical page $first_arabic to the end"; else span="(no page is labelled 1)"; fi
check "arabic labels run $span${bad_arabic:+ (wrong:${bad_arabic:0:200})}" \
    "$ok"

# ---- the manifest: article files and titles ----

# The article files in manifest order (globs expanded), and their titles: the top-level `title:` of
# each front matter, as fm_scalar reads it (one awk for all 60 files rather than 60 fm_scalar).
articles=()
while IFS= read -r g; do
    for f in "$voldir"/$g; do [[ -f $f ]] && articles+=("$f"); done
done < <(grep -v '^[[:space:]]*#' "$vol" | grep -o '[A-Za-z0-9_./*-]*\.md')
mapfile -t titles < <(
    awk 'FNR == 1 { if (NR > 1 && !done) print ""; done = 0; fm = ($0 == "---"); next }
         done || !fm { next }
         $0 == "---" { fm = 0; next }
         /^title:/ { sub(/^title:[ \t]*/, ""); print; done = 1 }
         END { if (NR > 0 && !done) print "" }' "${articles[@]}" | unquote)
ntitles=${#titles[@]}
nempty=0
for t in "${titles[@]}"; do [[ -n $t ]] || nempty=$((nempty + 1)); done
ndistinct=$(printf '%s\n' "${titles[@]}" | sort -u | grep -c . || true)
[[ $ntitles -eq 60 && ${#articles[@]} -eq 60 && $ndistinct -eq 60 && $nempty -eq 0 ]] && ok=true || ok=false
check "the manifest lists 60 articles (${#articles[@]} files, $ntitles titles), each with a distinct title ($ndistinct distinct, $nempty empty)" \
    "$ok"
# keys[i]: title i squeezed, as it is compared with the PDF text.
keys=()
for t in "${titles[@]}"; do keys+=("${t//[$' \t']/}"); done
printf '%s\n' "${keys[@]}" > "$WORK/titles"

# ---- 3. contents ----

# The contents begin on the page with the contents heading alone on a line; they run over the next
# front-matter pages while these hold entries (all pages are searched when no page is labelled 1).
front_end=$( ((first_arabic > 0)) && echo $((first_arabic - 1)) || echo "$pages")
contents_first=""
for ((p = 1; p <= front_end; p++)); do
    if grep -qE '^[[:space:]]*(Contents|目录|目錄)[[:space:]]*$' "$WORK/page/$p.txt"; then contents_first=$p; break; fi
done
contents_pages=()
if [[ -n $contents_first ]]; then
    for ((p = contents_first; p <= front_end; p++)); do
        if ((p > contents_first)) && ! contents_entries "$WORK/page/$p.txt" | grep -q '^ENTRY'; then break; fi
        contents_pages+=("$p")
    done
fi
check "the contents start on a page with the contents heading (physical pages ${contents_pages[*]:-none})" \
    [ -n "$contents_first" ]
contents_files=()
for p in "${contents_pages[@]}"; do contents_files+=("$WORK/page/$p.txt"); done
((${#contents_files[@]})) || contents_files=(/dev/null)
contents_entries "${contents_files[@]}" > "$WORK/toc"
nentries=$(grep -c '^ENTRY' "$WORK/toc" || true)
check "the contents hold 60 entries ($nentries)" [ "$nentries" -eq 60 ]

# The pages from the first arabic one, squeezed, one a line; the start of each article.
if ((first_arabic > 0)); then tail -n +"$first_arabic" "$WORK/squeezed"; fi > "$WORK/body-pages"
mapfile -t found < <(first_exact "$WORK/titles" "$WORK/body-pages")
starts=()
for i in "${!titles[@]}"; do
    if [[ ${found[i]:-0} -gt 0 ]]; then starts+=($((found[i] + first_arabic - 1))); else starts+=(0); fi
done

# numbers[key]: the numbers printed after the title whose squeezed form is key.
declare -A numbers=()
while IFS=$'\t' read -r cand number; do
    [[ $cand == ENTRY ]] && continue
    [[ " ${numbers[$cand]:-} " == *" $number "* ]] || numbers[$cand]="${numbers[$cand]:+${numbers[$cand]} }$number"
done < "$WORK/toc"
nlisted=0
for i in "${!titles[@]}"; do
    title=${titles[i]}
    number=${numbers[${keys[i]}]:-}
    [[ -n $number ]] && nlisted=$((nlisted + 1))
    start=${starts[i]}
    folio=""; ((start > 0)) && folio=${labels[start - 1]:-}
    [[ -n $number && $number == "$folio" ]] && ok=true || ok=false
    check "contents: '$title' -> ${number:-missing}; it starts on physical page ${start/#0/?} labelled ${folio:-?}" \
        "$ok"
done
check "the contents list every article of the manifest ($nlisted of $ntitles found whole)" [ "$nlisted" -eq "$ntitles" ]

# ---- 4. links ----

# Every /Link annotation on the contents pages and its /Dest, from the uncompressed file: the page
# objects (after "%% Page N") list their /Annots; the annotations are objects of their own.
qpdf --qdf --object-streams=disable "$pdf" - 2> /dev/null > "$WORK/volume.qdf" || true
awk -v pagelist=" ${contents_pages[*]} " '
    /^%% Page [0-9]+$/ { pg = $3; next }
    /^[0-9]+ 0 obj$/ { obj = $1; inannots = 0; next }
    /^endobj$/ { obj = ""; pg = ""; next }
    pg != "" && /\/Annots \[/ { inannots = 1; next }
    inannots && /^ *\]/ { inannots = 0; next }
    inannots && / 0 R$/ { onpage[$1] = pg; next }
    obj != "" && /\/Subtype \/Link/ { islink[obj] = 1 }
    obj != "" && /\/Dest \(a[0-9]+-title\)/ { match($0, /a[0-9]+-title/); dest[obj] = substr($0, RSTART, RLENGTH) }
    END { for (o in islink) if ((o in dest) && index(pagelist, " " onpage[o] " ")) print dest[o] }
' "$WORK/volume.qdf" | sort > "$WORK/links"
nlinks=$(grep -c . "$WORK/links" || true)
ndests=$(sort -u "$WORK/links" | grep -c . || true)
missing_dests=""
for ((i = 1; i <= 60; i++)); do grep -qx "a$i-title" "$WORK/links" || missing_dests+=" a$i-title"; done
[[ $ndests -ge 60 && -z $missing_dests ]] && ok=true || ok=false
check "contents entries are links: $nlinks /Link annotations with /Dest on the contents pages, $ndests distinct article destinations${missing_dests:+ (missing:${missing_dests:0:200})}" \
    "$ok"

# ---- 5. outline ----

{ qpdf --json=2 --json-key=outlines "$pdf" 2> /dev/null || true; } | sed -n 's/^ *"title": "\(.*\)",\{0,1\}$/\1/p' |
    sed 's/\\"/"/g; s/\\\\/\\/g' > "$WORK/outline"
missing_outline=()
for t in "${titles[@]}"; do grep -qxF -- "$t" "$WORK/outline" || missing_outline+=("$t"); done
check "the outline has all $ntitles article titles ($((ntitles - ${#missing_outline[@]})) found among $(grep -c . "$WORK/outline" || true) items)" \
    [ "${#missing_outline[@]}" -eq 0 ]
((${#missing_outline[@]})) && detail "${missing_outline[@]:0:10}"

# ---- 6. running heads and folios ----

# Each article page (arabic label, some text) opens with a running head naming the volume or its
# article, and closes with a line carrying its folio (the label as a word of its own, not the
# "/ 132" of "1 / 132"). Blank pages (facing styles put one before a right-hand start) are skipped.
voltitle=$(sed -n 's/^title:[[:space:]]*//p' "$vol" | head -1 | unquote)
volkey=${voltitle//[$' \t']/}
# owner[P]: the index of the article physical page P belongs to (from its start to the next start).
declare -a owner=()
for i in "${!starts[@]}"; do
    ((starts[i] > 0)) || continue
    for ((p = starts[i]; p <= pages; p++)); do owner[p]=$i; done
done
bad_heads=()
nblank=0
nchecked=0
for ((p = first_arabic; first_arabic > 0 && p <= pages; p++)); do
    mapfile -t lines < "$WORK/page/$p.txt"
    if [[ -z ${squeezed[p - 1]:-} ]]; then nblank=$((nblank + 1)); continue; fi
    nchecked=$((nchecked + 1))
    head=${lines[0]//$'\f'/}
    headkey=${head//[$' \t']/}
    akey=""
    [[ -n ${owner[p]:-} ]] && akey=${keys[owner[p]]}
    last=""
    for ((j = ${#lines[@]} - 1; j >= 0; j--)); do
        l=${lines[j]//$'\f'/}
        if [[ -n ${l//[$' \t']/} ]]; then last=$l; break; fi
    done
    folio=${labels[p - 1]:-}
    read -ra words <<< "$last"
    has_folio=""
    for ((j = 0; j < ${#words[@]}; j++)); do
        [[ ${words[j]} == "$folio" && ( $j -eq 0 || ${words[j - 1]} != / ) ]] && has_folio=1
    done
    problem=""
    if [[ -z $headkey ]]; then
        problem="first line empty"
    elif [[ $headkey != *"$volkey"* && ( -z $akey || $headkey != *"$akey"* ) ]]; then
        problem="first line '$head' names neither the volume nor the article"
    fi
    [[ -n $has_folio ]] || problem+="${problem:+; }last line '$last' lacks the folio $folio"
    [[ -z $problem ]] || bad_heads+=("page $p (label $folio): $(tr -s ' ' <<< "$problem")")
done
[[ $nchecked -gt 0 && ${#bad_heads[@]} -eq 0 ]] && ok=true || ok=false
check "running heads and folios on all $nchecked article pages ($nblank blank pages skipped, ${#bad_heads[@]} wrong)" \
    "$ok"
((${#bad_heads[@]})) && detail "${bad_heads[@]:0:10}"

# ---- 7. every article on a new page ----

# The start page of each article comes after the previous article's, and the title is at the top
# of it: above its first line at most the running head and a section line.
bad_starts=()
prev=0
for i in "${!titles[@]}"; do
    start=${starts[i]}
    key=${keys[i]}
    if ((start == 0)); then bad_starts+=("'${titles[i]}': title not found"); continue; fi
    if ((start <= prev)); then
        bad_starts+=("'${titles[i]}' starts on physical page $start, the previous article on $prev")
    fi
    above=$(awk -v k="$key" '
        function sq(s) { gsub(/[ \t\f]/, "", s); return s }
        { line[NR] = sq($0) }
        END { for (i = 1; i <= NR; i++) {
                  s = ""; for (j = i; j <= NR && j < i + 4; j++) s = s line[j]
                  if (line[i] != "" && index(s, k) == 1) { print n + 0; exit }
                  if (line[i] != "") n++ }
              print -1 }' "$WORK/page/$start.txt")
    if ((above < 0 || above > 2)); then
        bad_starts+=("'${titles[i]}' is not at the top of physical page $start ($above text lines above it)")
    fi
    prev=$start
done
check "every article starts on a new page, its title at the top (${#bad_starts[@]} wrong of $ntitles)" \
    [ "${#bad_starts[@]}" -eq 0 ]
((${#bad_starts[@]})) && detail "${bad_starts[@]:0:10}"

# ---- 8. determinism ----

"$BIN" compile "$vol" -o "$WORK/again.pdf" -j 1 2> /dev/null || true
check "two compiles (-j 2 and -j 1) give identical bytes ($(wc -c < "$pdf") and $(wc -c < "$WORK/again.pdf" 2> /dev/null || echo 0) bytes)" \
    cmp -s "$pdf" "$WORK/again.pdf"
finish
