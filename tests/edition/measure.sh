#!/usr/bin/env bash
# Word-list accuracy of the Simplified → Traditional conversion, per target and per group (issue 15).
#
#   bash tests/edition/measure.sh [--with-dictionary [FILE]] [--list FILE] [--failures FILE]
#
# For every case of the word list (tests/edition/wordlist.tsv) it converts the Simplified `source` with
# the opencc CLI, once per target, and compares the result with the expected column:
#   zh-Hant     opencc -c s2t     (back: t2s)
#   zh-Hant-TW  opencc -c s2twp   (back: tw2sp)
#   zh-Hant-HK  opencc -c s2hk    (back: hk2s)
# It prints a table of correct cases per group and in total, the round trip (s→t→s gives the source back)
# of the `roundtrip` group, and writes every failure (target, group, source, got, expected, note) to a
# TSV file (default out/edition/failures.tsv, or failures-dictionary.tsv with the dictionary).
#
# --with-dictionary [FILE]  first apply the phrase overrides of FILE (default:
#   styles/dictionaries/zh-editions.yaml, the shipped default): at each position of the source the
#   longest Simplified phrase that has a value for the target is replaced by a placeholder that opencc
#   leaves alone, opencc converts the rest, and the placeholders become the dictionary's value. A phrase
#   without a value for a target is left to opencc for that target. Entries that never matched are listed.
#
# Needs: bash, opencc (Debian: opencc + libopencc-data), awk, perl (perl-base). No python.
set -euo pipefail
export LC_ALL=C.UTF-8

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LIST=$HERE/wordlist.tsv
DICT=
FAILURES=

while [[ $# -gt 0 ]]; do
    case $1 in
        --with-dictionary)
            if [[ $# -gt 1 && $2 != --* ]]; then DICT=$2; shift; else DICT=$ROOT/styles/dictionaries/zh-editions.yaml; fi ;;
        --with-dictionary=*) DICT=${1#*=} ;;
        --list) LIST=$2; shift ;;
        --failures) FAILURES=$2; shift ;;
        -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "measure.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done

command -v opencc >/dev/null || { echo "measure.sh: opencc not found (apt-get install opencc libopencc-data)" >&2; exit 2; }
[[ -r $LIST ]] || { echo "measure.sh: cannot read $LIST" >&2; exit 2; }
if [[ -n $DICT && ! -r $DICT ]]; then echo "measure.sh: cannot read $DICT" >&2; exit 2; fi
if [[ -z $FAILURES ]]; then
    mkdir -p "$ROOT/out/edition"
    if [[ -n $DICT ]]; then FAILURES=$ROOT/out/edition/failures-dictionary.tsv; else FAILURES=$ROOT/out/edition/failures.tsv; fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/edition-measure.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The cases: no header, no comments, no blank lines; check the shape as we go.
awk -F'\t' -v list="$LIST" '
    NR == 1 && $1 == "group" { next }
    /^#/ || /^[ \t]*$/ { next }
    NF != 6 { printf "%s:%d: expected 6 tab-separated fields, found %d\n", list, NR, NF > "/dev/stderr"; bad = 1; next }
    $2 == "" || $3 == "" || $4 == "" || $5 == "" { printf "%s:%d: empty source or expected value\n", list, NR > "/dev/stderr"; bad = 1; next }
    { print }
    END { exit bad }' "$LIST" > "$WORK/cases.tsv"
cut -f2 "$WORK/cases.tsv" > "$WORK/source.txt"
N=$(wc -l < "$WORK/cases.tsv")

# The dictionary reader and the protect / restore steps (perl: UTF-8 aware, always on Debian).
cat > "$WORK/dict.pl" <<'PERL'
# perl dict.pl MODE DICT TARGET FILE [MAPFILE]
#   protect: print FILE with the longest dictionary phrases replaced by placeholders (U+E000 + entry
#            number); print the entries that matched to MAPFILE ("index<TAB>phrase<TAB>value").
#   restore: replace the placeholders in FILE by the values in MAPFILE.
#   check:   validate DICT (file:line errors); print "N entries" per target.
use strict; use warnings;
my ($mode, $dict, $target, $file, $map) = @ARGV;
my %allowed = map { $_ => 1 } qw(zh-Hant zh-Hant-TW zh-Hant-HK);
sub load {
    open(my $fh, '<:encoding(UTF-8)', $dict) or die "$dict: $!\n";
    my (%val, $phrase, $in_phrases, @err, %seen);
    while (my $line = <$fh>) {
        chomp $line;
        (my $text = $line) =~ s/\s+#.*$//;
        next if $text =~ /^\s*(#.*)?$/;
        if ($text =~ /^phrases:\s*$/) { $in_phrases = 1; next }
        if ($text =~ /^[A-Za-z_-]+:/) { $in_phrases = 0; next }   # other top-level keys (version, ...)
        next unless $in_phrases;
        if ($text =~ /^  (\S+):\s*$/) {
            $phrase = $1;
            push @err, "$dict:$.: duplicate phrase $phrase" if $seen{$phrase}++;
            push @err, "$dict:$.: a single character is not a phrase: $phrase" if length($phrase) < 2;
            next;
        }
        if ($text =~ /^    (\S+):\s*(\S*)\s*$/) {
            my ($t, $v) = ($1, $2);
            if (!defined $phrase) { push @err, "$dict:$.: target without a phrase"; next }
            if (!$allowed{$t}) { push @err, "$dict:$.: unknown target $t (zh-Hant, zh-Hant-TW or zh-Hant-HK)"; next }
            if ($v eq '') { push @err, "$dict:$.: empty value for $phrase / $t"; next }
            $val{$t}{$phrase} = $v;
            next;
        }
        push @err, "$dict:$.: cannot read this line";
    }
    die join("\n", @err) . "\n" if @err;
    return \%val;
}
binmode(STDOUT, ':encoding(UTF-8)'); binmode(STDERR, ':encoding(UTF-8)');
my $val = load();
if ($mode eq 'check') { printf "%s: %d phrases\n", $_, scalar keys %{$val->{$_} || {}} for sort keys %allowed; exit 0 }
my %v = %{$val->{$target} || {}};
my @phrases = sort { length($b) <=> length($a) || $a cmp $b } keys %v;
my %index; @index{@phrases} = (0 .. $#phrases);
die "too many phrases\n" if @phrases > 6400;
open(my $in, '<:encoding(UTF-8)', $file) or die "$file: $!\n";
if ($mode eq 'protect') {
    my $alt = join '|', map { quotemeta } @phrases;
    my %used;
    while (my $line = <$in>) {
        if (@phrases) { $line =~ s/($alt)/$used{$1}++; chr(0xE000 + $index{$1})/ge }
        print $line;
    }
    open(my $out, '>:encoding(UTF-8)', $map) or die "$map: $!\n";
    print $out join("\t", $index{$_}, $_, $v{$_}, $used{$_} || 0), "\n" for @phrases;
} elsif ($mode eq 'restore') {
    open(my $m, '<:encoding(UTF-8)', $map) or die "$map: $!\n";
    my %by;
    while (<$m>) { chomp; my ($i, $p, $x) = split /\t/; $by{chr(0xE000 + $i)} = $x }
    while (my $line = <$in>) { $line =~ s/([\x{E000}-\x{F8FF}])/exists $by{$1} ? $by{$1} : $1/ge; print $line }
} else { die "unknown mode $mode\n" }
PERL

if [[ -n $DICT ]]; then
    perl "$WORK/dict.pl" check "$DICT" - - > "$WORK/dict-summary.txt"
fi

TARGETS=(zh-Hant zh-Hant-TW zh-Hant-HK)
declare -A FWD=([zh-Hant]=s2t [zh-Hant-TW]=s2twp [zh-Hant-HK]=s2hk)
declare -A BACK=([zh-Hant]=t2s [zh-Hant-TW]=tw2sp [zh-Hant-HK]=hk2s)
for t in "${TARGETS[@]}"; do
    if [[ -n $DICT ]]; then
        perl "$WORK/dict.pl" protect "$DICT" "$t" "$WORK/source.txt" "$WORK/map-$t.tsv" > "$WORK/protected-$t.txt"
        opencc -c "${FWD[$t]}" -i "$WORK/protected-$t.txt" -o "$WORK/raw-$t.txt"
        perl "$WORK/dict.pl" restore "$DICT" "$t" "$WORK/raw-$t.txt" "$WORK/map-$t.tsv" > "$WORK/got-$t.txt"
    else
        opencc -c "${FWD[$t]}" -i "$WORK/source.txt" -o "$WORK/got-$t.txt"
    fi
    opencc -c "${BACK[$t]}" -i "$WORK/got-$t.txt" -o "$WORK/back-$t.txt"
    n=$(wc -l < "$WORK/got-$t.txt")
    [[ $n -eq $N ]] || { echo "measure.sh: opencc ${FWD[$t]} returned $n lines for $N cases" >&2; exit 1; }
done

paste "$WORK/cases.tsv" "$WORK/got-zh-Hant.txt" "$WORK/got-zh-Hant-TW.txt" "$WORK/got-zh-Hant-HK.txt" \
    "$WORK/back-zh-Hant.txt" "$WORK/back-zh-Hant-TW.txt" "$WORK/back-zh-Hant-HK.txt" > "$WORK/joined.tsv"

VERSION=$(dpkg-query -W -f '${Version}' opencc 2>/dev/null || opencc --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -1 || true)
if [[ -n $DICT ]]; then
    echo "opencc ${VERSION:-?} with the dictionary ${DICT#"$ROOT"/}"
else
    echo "opencc ${VERSION:-?} alone (no dictionary)"
fi

mkdir -p "$(dirname "$FAILURES")"
# Fields of joined.tsv: 1 group, 2 source, 3-5 expected (Hant, TW, HK), 6 note, 7-9 got, 10-12 back.
awk -F'\t' -v failures="$FAILURES" '
    BEGIN {
        OFS = "\t"; split("zh-Hant zh-Hant-TW zh-Hant-HK", tname, " "); split("s2t s2twp s2hk", conf, " ")
        split("t2s tw2sp hk2s", back, " ")
        print "target", "group", "source", "got", "expected", "note" > failures
    }
    {
        g = $1
        if (!(g in cases)) order[++ngroups] = g
        cases[g]++; total++
        for (i = 1; i <= 3; i++) {
            got = $(6 + i); want = $(2 + i)
            if (got == want) { ok[g, i]++; okt[i]++ }
            else print tname[i], g, $2, got, want, $6 > failures
            if ($1 ~ /roundtrip/ || $6 ~ /roundtrip/) { if ($(9 + i) == $2) rt[i]++; else rtfail[i] = rtfail[i] "  " tname[i] ": " $2 " -> " got " -> " $(9 + i) "\n" }
        }
        if ($1 ~ /roundtrip/ || $6 ~ /roundtrip/) nrt++
        for (i = 1; i <= 3; i++) if ($(9 + i) == $2) allrt[i]++
    }
    function cell(k, n) { return sprintf("%4d/%-4d %5.1f%%", k, n, n ? 100 * k / n : 0) }
    END {
        printf "%-15s %6s  %-17s  %-17s  %-17s\n", "group", "cases", "zh-Hant (s2t)", "zh-Hant-TW (s2twp)", "zh-Hant-HK (s2hk)"
        for (j = 1; j <= ngroups; j++) {
            g = order[j]
            printf "%-15s %6d  %-17s  %-17s  %-17s\n", g, cases[g], cell(ok[g, 1] + 0, cases[g]), cell(ok[g, 2] + 0, cases[g]), cell(ok[g, 3] + 0, cases[g])
        }
        printf "%-15s %6d  %-17s  %-17s  %-17s\n", "total", total, cell(okt[1] + 0, total), cell(okt[2] + 0, total), cell(okt[3] + 0, total)
        printf "\nround trip of the roundtrip cases (s -> t -> s gives the source back):\n"
        for (i = 1; i <= 3; i++) printf "  %-10s %s -> %-5s %s\n", tname[i], conf[i], back[i], cell(rt[i] + 0, nrt)
        for (i = 1; i <= 3; i++) if (rtfail[i] != "") printf "%s", rtfail[i]
        printf "round trip of every case (information only): zh-Hant %s, zh-Hant-TW %s, zh-Hant-HK %s\n", cell(allrt[1] + 0, total), cell(allrt[2] + 0, total), cell(allrt[3] + 0, total)
    }' "$WORK/joined.tsv"

if [[ -n $DICT ]]; then
    echo
    echo "dictionary: $(tr '\n' ';' < "$WORK/dict-summary.txt" | sed 's/;$//; s/;/, /g')"
    for t in "${TARGETS[@]}"; do
        unused=$(awk -F'\t' '$4 == 0 { printf " %s", $2 }' "$WORK/map-$t.tsv")
        [[ -z $unused ]] || echo "  $t: never matched in the word list:$unused"
    done
fi
echo
echo "failures: ${FAILURES#"$ROOT"/} ($(($(wc -l < "$FAILURES") - 1)) lines)"
