# Shared helpers for the tests/*.sh suites. Sourced, never run on its own.
#
# Every suite: `bash tests/NAME.sh /path/to/inkstone` from the repository root. This file gives it
#   BIN     the inkstone binary as an absolute path (argument 1, absolute or relative to the root)
#   ROOT    the repository root (found from this file, not from the working directory)
#   WORK    a fresh mktemp -d directory, removed on exit
#   pass/fail/finish   one line per check, then "N passed, M failed" and the exit status
# plus small readers for the front matter of the sample articles (bash, sed and awk only: python3
# may be absent on CI).

# UTF-8 everywhere: bash ${s:i:n} then counts characters, not bytes (Chinese fragments), and sed/grep
# match characters. C.UTF-8 is built into glibc, so it exists on any Debian/Ubuntu machine.
export LC_ALL=C.UTF-8

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [[ $# -lt 1 || -z ${1:-} ]]; then
    echo "usage: bash $0 /path/to/inkstone" >&2
    exit 2
fi
case $1 in
    /*) BIN=$1 ;;
    *) BIN=$PWD/$1 ;;
esac
if [[ ! -x $BIN ]]; then
    echo "$0: not an executable: $BIN" >&2
    exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/inkstone-test.XXXXXX")
# Only the suite's own shell removes it: a subshell (a background job or command substitution)
# can run an inherited EXIT trap too, and would remove it under the running suite.
TOP_PID=$$
trap '[ "$BASHPID" = "$TOP_PID" ] && rm -rf "$WORK"' EXIT

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); printf 'ok   %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL %s\n' "$*"; }
# detail TEXT...: indented context under the check that just failed (each line of each argument).
detail() { local l; printf '%s\n' "$@" | while IFS= read -r l; do printf '       %s\n' "$l"; done; }
# check DESCRIPTION COMMAND...: pass when the command succeeds.
check() { local d=$1; shift; if "$@"; then pass "$d"; else fail "$d"; fi; }
# contains STRING PART / starts_with STRING PREFIX: for check.
contains() { [[ $1 == *"$2"* ]]; }
starts_with() { [[ $1 == "$2"* ]]; }
finish() {
    echo "$PASSED passed, $FAILED failed"
    [[ $FAILED -eq 0 ]]
}

# The 8-byte PNG signature, as `od -An -tx1` prints it.
PNG_SIGNATURE="89 50 4e 47 0d 0a 1a 0a"
is_png() { [[ $(head -c 8 "$1" | od -An -tx1 | tr -s ' ' | sed 's/^ //; s/ $//') == "$PNG_SIGNATURE" ]]; }
is_pdf() { [[ -s $1 && $(head -c 5 "$1") == "%PDF-" ]]; }

# ---- front matter readers (enough YAML for the samples: scalars, flow lists, `- name:` items) ----

# front_matter FILE: the lines between the opening and the closing `---`.
front_matter() { awk 'NR == 1 { if ($0 != "---") exit; next } $0 == "---" { exit } { print }' "$1"; }

# body FILE: the Markdown after the front matter.
body() { awk 'done { print; next } NR > 1 && $0 == "---" { done = 1 }' "$1"; }

# unquote: strip YAML "double" or 'single' quotes from a scalar on stdin.
unquote() {
    sed -e 's/^[[:space:]]*//; s/[[:space:]]*$//' \
        -e '/^".*"$/ { s/^"//; s/"$//; s/\\"/"/g; s/\\\\/\\/g; }' \
        -e "/^'.*'\$/ { s/^'//; s/'\$//; s/''/'/g; }"
}

# fm_scalar FILE KEY: a top-level scalar (empty when absent).
fm_scalar() {
    front_matter "$1" | sed -n "s/^$2:[[:space:]]*//p" | head -n 1 | unquote
}

# fm_authors FILE: one author name a line.
fm_authors() { front_matter "$1" | sed -n 's/^[[:space:]]*-[[:space:]]*name:[[:space:]]*//p' | unquote; }

# fm_keywords FILE: one keyword a line, from `keywords: [a, b]`.
fm_keywords() {
    fm_scalar "$1" keywords | sed 's/^\[//; s/\]$//' | tr ',' '\n' | unquote | sed '/^$/d'
}

# fm_block FILE KEY: a `KEY: |` block scalar, joined into one line.
fm_block() {
    front_matter "$1" | awk -v key="$2" '
        inblock && /^[^ ]/ { exit }
        inblock { sub(/^ +/, ""); printf "%s%s", sep, $0; sep = " " }
        $0 ~ "^" key ":[ ]*[|>]" { inblock = 1 }
        END { if (sep != "") print "" }'
}

# page_labels PDF PAGES: the page labels, one a line, from the /PageLabels ranges (a literal prefix
# /P, decimal numbering /S /D from /St).
page_labels() {
    { qpdf --json=2 --json-key=pagelabels "$1" 2> /dev/null || true; } | tr -d ' \n' |
        { grep -o '{"index":[0-9]*,"label":{[^}]*}}' || true; } |
        awk -v pages="$2" '
            { match($0, /"index":[0-9]+/); idx[NR] = substr($0, RSTART + 8, RLENGTH - 8) + 0
              pre[NR] = ""; dec[NR] = 0; st[NR] = 1
              if (match($0, /"\/P":"u:[^"]*"/)) pre[NR] = substr($0, RSTART + 8, RLENGTH - 9)
              if ($0 ~ /"\/S":"\/D"/) dec[NR] = 1
              if (match($0, /"\/St":[0-9]+/)) st[NR] = substr($0, RSTART + 6, RLENGTH - 6) + 0
              n = NR }
            END { for (p = 0; p < pages; p++) { r = 0; for (i = 1; i <= n; i++) if (idx[i] <= p) r = i
                  print pre[r] (dec[r] ? st[r] + p - idx[r] : "") } }'
}
