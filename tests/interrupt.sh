#!/usr/bin/env bash
# Interrupted runs leave nothing half-written (issue 11): render (PDF and PNG), compile, batch and
# import are killed with SIGINT or SIGTERM at random moments of their run. After each kill:
#   - the run ended within a few seconds, by the signal (exit 130 or 143) or having finished (0);
#   - no temporary file (".NAME.XXXXXX") is left beside the outputs;
#   - every output is byte for byte either the earlier file (or absent when there was none) or the
#     complete new one (outputs are deterministic: a reference run made them first); PNG pages all
#     earlier or all new;
#   - batch: the report lists the articles finished, each of whose PDFs is the complete new one,
#     and the rest as interrupted, with their earlier files untouched.
# INTERRUPT_SEED fixes the random moments (printed, so that a failure can be repeated);
# INTERRUPT_ROUNDS sets the kills per command (default 12).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SEED=${INTERRUPT_SEED:-$(( $(date +%s) % 100000 ))}
ROUNDS=${INTERRUPT_ROUNDS:-12}
RANDOM=$SEED
REAL_BIN=$(readlink -f "$BIN")
echo "interrupt: seed $SEED, $ROUNDS kills per command"

# Inputs: a long article (a sample's body repeated), a folder of articles, a volume, a page.
mk_long() {  # mk_long SAMPLE REPEATS OUT
    awk -v r="$2" '
        /^---$/ && n < 2 { n++; print; next }
        n < 2 { print; next }
        { body = body $0 "\n" }
        END { for (i = 0; i < r; i++) printf "%s", body }' "$1" > "$3"
}
IN=$WORK/in
mkdir -p "$IN/batch"
mk_long "$ROOT/samples/en-mekong-water.md" 40 "$IN/long.md"
k=0
for rep in 1 2 3; do
    for s in "$ROOT"/samples/*.md; do
        k=$((k + 1))
        mk_long "$s" $((rep * 2)) "$IN/batch/a$(printf %02d $k)-$(basename "$s")"
    done
done
cp "$ROOT"/samples/cover.png "$IN/batch/"
mkdir -p "$IN/batch/figures" && cp "$ROOT"/samples/figures/*.{svg,pdf,png,jpg} "$IN/batch/figures/"  # (not its README.md: no article)
{
    printf 'title: Interrupt test\nissue: 2026 Q4\ndate: 2026-12-01\ncover: cover.png\nstyle: quarterly\nsections:\n'
    printf '  - title: All\n    articles:\n'
    for f in "$IN"/batch/*.md; do printf '      - %s\n' "$(basename "$f")"; done
} > "$IN/batch/volume.yaml"
total=$(ls "$IN"/batch/*.md | wc -l)
page=$ROOT/samples/web/think-tank.html

# Each command: NAME, then the arguments with OUT standing for the output folder.
COMMANDS=(
    "render-pdf|render $IN/long.md -o OUT/long.pdf"
    "render-png|render $IN/long.md --format png --dpi 30 -o OUT/long.png"
    "compile|compile $IN/batch/volume.yaml -o OUT/volume.pdf"
    "batch|batch $IN/batch -o OUT -j 2 -q --report OUT/report.json"
    "import|import $page -o OUT/page.md"
)

# The reference outputs, and how long each command takes (the kills fall within 1.2 times that).
declare -A MS
for c in "${COMMANDS[@]}"; do
    name=${c%%|*} args=${c#*|}
    ref=$WORK/ref-$name
    mkdir -p "$ref"
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    if ! "$BIN" ${args//OUT/$ref} > /dev/null 2> "$WORK/stderr"; then
        fail "$name: the reference run fails"
        detail "$(cat "$WORK/stderr")"
        finish
    fi
    MS[$name]=$(( ($(date +%s%N) - t0) / 1000000 + 1 ))
    rm -f "$ref/report.json"  # its times differ between runs
    echo "interrupt: $name takes ${MS[$name]} ms ($(ls "$ref" | wc -l) outputs)"
done

# Earlier outputs: for every reference output, a different file of the same name, except one in
# three (so that "absent before" is tried too).
make_earlier() {  # make_earlier NAME DIR
    local f n=0
    for f in "$WORK/ref-$1"/*; do
        n=$((n + 1))
        [ $((n % 3)) -eq 0 ] && continue
        printf 'earlier %s\n' "$(basename "$f")" > "$2/$(basename "$f")"
    done
}

# same_or_earlier NAME DIR FILE: the file is the reference, or the earlier one (absent if none).
is_earlier() { [ -f "$2/$3" ] && [ "$(cat "$2/$3")" = "earlier $3" ]; }
is_new() { cmp -s "$WORK/ref-$1/$3" "$2/$3"; }
had_earlier() { [ -f "$WORK/earlier-$1/$2" ]; }

ended=0 interrupted=0 said=0
for c in "${COMMANDS[@]}"; do
    name=${c%%|*} args=${c#*|}
    bad=0
    for round in $(seq 1 "$ROUNDS"); do
        out=$WORK/out-$name-$round
        mkdir -p "$out" "$WORK/earlier-$name"
        make_earlier "$name" "$out"
        [ "$round" -eq 1 ] && make_earlier "$name" "$WORK/earlier-$name"
        delay_ms=$(( RANDOM % (MS[$name] * 12 / 10 + 1) ))
        sig=TERM; [ $((RANDOM % 2)) -eq 0 ] && sig=INT
        # Without job control bash starts a background run with SIGINT ignored: env restores it.
        # shellcheck disable=SC2086
        env --default-signal=INT,TERM "$BIN" ${args//OUT/$out} > /dev/null 2> "$WORK/stderr-$name-$round" &
        pid=$!
        # The moment counts from the exec of inkstone: a signal to the forked shell before it
        # would run that shell's EXIT trap (lib.sh's, which removes $WORK).
        for ((w = 0; w < 2000; w++)); do [ "/proc/$pid/exe" -ef "$REAL_BIN" ] && break; sleep 0.001; done
        printf -v pause '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000))
        sleep "$pause"
        kill -s "$sig" "$pid" 2> /dev/null || true
        # The run must end within the grace time (2 s) and a margin. (Polled: a watchdog job killed
        # early can be hit while still a fork of this shell, which then runs the EXIT trap.)
        for ((w = 0; w < 600; w++)); do kill -0 "$pid" 2> /dev/null || break; sleep 0.01; done
        hung=0
        if kill -0 "$pid" 2> /dev/null; then hung=1; kill -KILL "$pid" 2> /dev/null || true; fi
        rc=0
        wait "$pid" || rc=$?
        what="$name round $round ($sig after $delay_ms ms, exit $rc)"
        if [ "$hung" -eq 1 ]; then fail "$what: still running 6 s after the signal"; bad=1; continue; fi
        err=$WORK/stderr-$name-$round
        case $rc in
            0) ended=$((ended + 1)) ;;
            130 | 143) interrupted=$((interrupted + 1))
                # Stopped at a checkpoint (it says so), or killed before its handlers were set up.
                grep -q "nothing was written\|batch: interrupted" "$err" && said=$((said + 1)) ;;
            *) fail "$what: ends by the signal or finishes"; detail "$(cat "$WORK/stderr-$name-$round")"; bad=1; continue ;;
        esac
        if grep -q "stopped without finishing" "$err"; then
            fail "$what: did not stop at a checkpoint within the grace time"; detail "$(cat "$err")"; bad=1
        fi
        left=$(find "$out" -name '.*' -type f)
        if [ -n "$left" ]; then fail "$what: temporary files left"; detail "$left"; bad=1; fi
        # Every output is whole: the earlier one or the new one.
        for f in "$WORK/ref-$name"/*; do
            b=$(basename "$f")
            if is_new "$name" "$out" "$b"; then continue; fi
            if had_earlier "$name" "$b" && is_earlier "$name" "$out" "$b"; then continue; fi
            if ! had_earlier "$name" "$b" && [ ! -e "$out/$b" ]; then continue; fi
            fail "$what: $b is neither the earlier file nor the complete new one"; bad=1
        done
        if [ "$name" = render-png ]; then
            n_new=0 n_old=0
            for f in "$WORK/ref-$name"/*; do
                b=$(basename "$f")
                if is_new "$name" "$out" "$b"; then n_new=$((n_new + 1)); else n_old=$((n_old + 1)); fi
            done
            if [ "$n_new" -ne 0 ] && [ "$n_old" -ne 0 ]; then fail "$what: $n_new new PNG pages beside $n_old earlier ones"; bad=1; fi
        fi
        if [ "$name" = batch ] && [ "$rc" -ne 0 ]; then
            if [ ! -f "$out/report.json" ]; then
                # Killed before it could set up its handlers (in the first milliseconds): then it
                # finished nothing.
                for f in "$WORK/ref-$name"/*; do
                    if is_new "$name" "$out" "$(basename "$f")"; then fail "$what: no report, but $(basename "$f") was written"; bad=1; fi
                done
            else
                # Each article of the report: "ok" has the new PDF, "interrupted" the earlier state.
                awk -F'"' '/"input":/ { input = $4 } /"status":/ { print input "|" $4 }' "$out/report.json" > "$WORK/statuses"
                while IFS='|' read -r input status; do
                    b=$(basename "$input" .md).pdf
                    case $status in
                        ok) is_new "$name" "$out" "$b" || { fail "$what: $b reported ok but is not the complete PDF"; bad=1; } ;;
                        interrupted)
                            if had_earlier "$name" "$b"; then is_earlier "$name" "$out" "$b"
                            else [ ! -e "$out/$b" ]; fi || { fail "$what: $b reported interrupted but was written"; bad=1; } ;;
                        *) fail "$what: $b has status $status"; bad=1 ;;
                    esac
                done < "$WORK/statuses"
                finished=$(grep -c '"status": "ok"' "$out/report.json" || true)
                grep -q "interrupted: $finished of $total articles finished" "$WORK/stderr-$name-$round" ||
                    { fail "$what: stderr does not say that $finished of $total finished"; detail "$(cat "$WORK/stderr-$name-$round")"; bad=1; }
            fi
        fi
    done
    [ "$bad" -eq 0 ] && pass "$name: $ROUNDS kills at random moments leave every output whole and no temporary file"
done
echo "interrupt: $interrupted runs ended by the signal ($said of them said what they left), $ended had finished before it"
check "most kills land while the run works ($interrupted of $(( ${#COMMANDS[@]} * ROUNDS )))" [ "$interrupted" -ge $(( ${#COMMANDS[@]} * ROUNDS / 3 )) ]
check "most interrupted runs stop at a checkpoint and say so ($said of $interrupted)" [ "$said" -ge $(( interrupted / 2 )) ]

# A write that hangs (INKSTONE_TEST_STALL_MS: the temporary file of a layout dump, written like
# every output but the same with either PDF writer, is made, then the writer sleeps,
# deaf to the interrupt): the grace time ends the run, or a second signal at once. Either way the
# process dies by the signal (a calling shell sees it), leaves no temporary file, keeps the
# earlier output, and the second signal is quick. python3 tells a death by signal from exit(130).
stall() {  # stall SIGNALS_SECOND_DELAY... : prints "signal elapsed_ms", the run's stderr to $WORK/stall.err
    python3 - "$REAL_BIN" "$IN/long.md" "$WORK/stall/long.layout" "$@" <<'PY'
import glob, os, signal, subprocess, sys, time
binary, article, out, *second = sys.argv[1:]
env = dict(os.environ, INKSTONE_TEST_STALL_MS="20000")
p = subprocess.Popen([binary, "render", article, "--format", "layout", "-o", out], env=env, stderr=open(os.environ["WORK"] + "/stall.err", "w"))
d = os.path.dirname(out)
for _ in range(2000):  # until the temporary file exists (the writer is stalled)
    if glob.glob(d + "/.long.layout.*"): break
    time.sleep(0.005)
t0 = time.monotonic()
p.send_signal(signal.SIGINT)
if second:
    time.sleep(float(second[0]))
    p.send_signal(signal.SIGTERM)
try:
    rc = p.wait(timeout=10)
except subprocess.TimeoutExpired:
    p.kill(); rc = "hung"
print(rc, int((time.monotonic() - t0) * 1000))
PY
}
mkdir -p "$WORK/stall"
export WORK
echo "earlier" > "$WORK/stall/long.layout"
clean_and_kept() { [ -z "$(find "$WORK/stall" -name '.*' -type f)" ] && [ "$(cat "$WORK/stall/long.layout")" = earlier ]; }
graced() { [ "$1" = "-2" ] && [ "$2" -ge 1900 ] && [ "$2" -lt 4000 ]; }
quick() { [ "$1" = "-15" ] && [ "$2" -lt 1500 ]; }
stall > "$WORK/stall.out"
read -r rc ms < "$WORK/stall.out"
check "a stalled write: the grace time ends it by SIGINT (returncode $rc, after $ms ms)" graced "$rc" "$ms"
check "  and says it stopped without finishing" grep -q "stopped without finishing" "$WORK/stall.err"
check "  no temporary file is left, the earlier output is kept" clean_and_kept
stall 0.3 > "$WORK/stall.out"
read -r rc ms < "$WORK/stall.out"
check "a stalled write: a second signal ends it at once, by that signal (returncode $rc, after $ms ms)" quick "$rc" "$ms"
check "  no temporary file is left, the earlier output is kept" clean_and_kept
finish
