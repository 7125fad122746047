#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (built by `make fuzz` into BUILD, default build-fuzz):
#   bash fuzz/run.sh [BUILD] [SECONDS per target] [targets...]
# 1. Every regression input under tests/fuzz/TARGET/ is run once: a finding fixed stays fixed.
# 2. Each target then fuzzes for SECONDS from a corpus seeded with the samples, the web samples,
#    the import test pages, the styles and (image) the test figures of inkstone_make_figures (kept
#    in BUILD/corpus/TARGET between runs), with its dictionary where it has one. A crash, leak,
#    timeout or sanitizer report is saved to BUILD/findings/TARGET/ and makes the run fail; copy it
#    to tests/fuzz/TARGET/ with the fix.
# FUZZ_SEED (default 0: random) fixes libFuzzer's seed, as CI does, so a run can be repeated.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-$ROOT/build-fuzz}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
SECONDS_EACH=${2:-60}
shift $(( $# >= 2 ? 2 : $# ))
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(article style import render image)
# A 16 MB quarantine (ASan's default is 256 MB) keeps freed memory poisoned long enough for one
# input and lets the render target run about 65 inputs a second instead of 40 (measured on 2 cores).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:quarantine_size_mb=16}
export LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

seed() {  # seed TARGET DIR: copy the inputs that suit TARGET into DIR
    local t=$1 d=$2
    case $t in
        article|render) cp "$ROOT"/samples/*.md "$d"/ 2>/dev/null || true
                        cp "$ROOT"/samples/web/*.expected.md "$d"/ 2>/dev/null || true ;;
        style)  cp "$ROOT"/styles/*.yaml "$d"/ ;;
        image)  "$BUILD/inkstone_make_figures" "$d" 2>/dev/null || true  # JPEGs, a PNG (and PDFs)
                cp "$ROOT"/samples/figures/*.jpg "$d"/ 2>/dev/null || true ;;
        import) cp "$ROOT"/samples/web/*.txt "$ROOT"/samples/web/*.html "$d"/
                cp "$ROOT"/tests/import/pages/*.txt "$ROOT"/tests/import/pages/*.html "$d"/ 2>/dev/null || true ;;
    esac
}

status=0
for t in "${TARGETS[@]}"; do
    bin=$BUILD/fuzz_$t
    [ -x "$bin" ] || { echo "fuzz/run.sh: no $bin (run make fuzz)" >&2; exit 2; }
    regress=$ROOT/tests/fuzz/$t
    if [ -d "$regress" ] && [ -n "$(ls -A "$regress" 2>/dev/null)" ]; then
        if "$bin" -runs=0 "$regress"/* > "$BUILD/regress-$t.log" 2>&1; then
            echo "fuzz $t: $(ls "$regress" | wc -l) regression inputs pass"
        else
            echo "FAIL fuzz $t: a regression input fails again"; tail -n 30 "$BUILD/regress-$t.log"; status=1
        fi
    fi
    corpus=$BUILD/corpus/$t findings=$BUILD/findings/$t
    mkdir -p "$corpus" "$findings"
    [ -n "$(ls -A "$corpus")" ] || seed "$t" "$corpus"
    # render: articles up to 2 KB (one or two pages) keep it above 50 inputs a second.
    max_len=65536; [ "$t" = render ] && max_len=2048; [ "$t" = import ] && max_len=16384
    log=$BUILD/fuzz-$t.log
    dict="$ROOT/fuzz/$( [ "$t" = render ] && echo article || echo "$t").dict"
    [ -f "$dict" ] || dict=""
    if "$bin" "$corpus" ${dict:+-dict="$dict"} \
        -max_total_time="$SECONDS_EACH" -max_len=$max_len -timeout=20 -rss_limit_mb=2048 -seed="${FUZZ_SEED:-0}" \
        -artifact_prefix="$findings/" -print_final_stats=1 > "$log" 2>&1; then
        stats=$(grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" | awk '{print $2}' | paste -sd ' ')
        cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1)
        echo "fuzz $t: ${SECONDS_EACH} s, executions and peak MB: $stats, $cov, corpus $(ls "$corpus" | wc -l)"
    else
        echo "FAIL fuzz $t: a finding in $findings (log $log)"; grep -E 'ERROR|SUMMARY|runtime error' "$log" | head -n 5; status=1
    fi
done
exit $status
