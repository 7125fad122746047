#!/usr/bin/env bash
# golden.sh: the layout of every sample in every style matches its reviewed golden dump
# (tests/golden/SAMPLE.STYLE.layout: one positioned item a line, rounded). Any change in line
# breaks, page breaks or positions shows up here as a diff. When the change is intended, run
# `make golden` (tests/update-golden.sh) and review the diff before committing.
#
#   bash tests/golden.sh build/inkstone
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$ROOT" # relative input paths, exactly as update-golden.sh renders them
GOLDEN=tests/golden

expected=()
for md in samples/*.md; do
    for st in styles/*.yaml; do
        name=$(basename "$md" .md).$(basename "$st" .yaml).layout
        expected+=("$name")
        if [[ ! -f $GOLDEN/$name ]]; then
            fail "$name: no golden file (run make golden and review the diff)"
            continue
        fi
        rc=0
        "$BIN" render "$md" --style "$(basename "$st" .yaml)" --format layout -o "$WORK/$name" \
            2>"$WORK/err" || rc=$?
        if [[ $rc -ne 0 ]]; then
            fail "$name: render failed (exit $rc)"
            detail "$(head -n 3 "$WORK/err")"
        elif diff -u "$GOLDEN/$name" "$WORK/$name" >"$WORK/diff"; then
            pass "$name matches the golden layout"
        else
            fail "$name differs from the golden layout: run make golden and review the diff"
            head -n 40 "$WORK/diff"
        fi
    done
done

# A golden without a sample or style is stale: the set must be exactly samples x styles.
for g in "$GOLDEN"/*.layout; do
    [[ -e $g ]] || continue
    name=$(basename "$g")
    if [[ " ${expected[*]} " != *" $name "* ]]; then
        fail "$name: stale golden (no such sample or style); run make golden"
    fi
done

finish || exit 1
