#!/usr/bin/env bash
# update-golden.sh: regenerates the golden layout dumps tests/golden/SAMPLE.STYLE.layout, one for
# every samples/*.md in every styles/*.yaml (`make golden` runs this). Review `git diff tests/golden`
# before committing: every changed line is a change in where something lands on a page.
#
#   bash tests/update-golden.sh build/inkstone
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$ROOT" # relative input paths, exactly as golden.sh renders them
GOLDEN=tests/golden
mkdir -p "$GOLDEN"

# Render everything into $WORK first: a failed render must not leave a half-updated golden set.
for md in samples/*.md; do
    for st in styles/*.yaml; do
        name=$(basename "$md" .md).$(basename "$st" .yaml).layout
        rc=0
        "$BIN" render "$md" --style "$(basename "$st" .yaml)" --format layout -o "$WORK/$name" \
            2>"$WORK/err" || rc=$?
        if [[ $rc -eq 0 && -s $WORK/$name ]]; then
            pass "rendered $name"
        else
            fail "rendered $name (exit $rc)"
            detail "$(head -n 3 "$WORK/err")"
        fi
    done
done

if [[ $FAILED -eq 0 ]]; then
    # Replace the whole set, so goldens of removed samples or styles go too.
    rm -f "$GOLDEN"/*.layout
    cp "$WORK"/*.layout "$GOLDEN"/
    echo "wrote $(ls "$GOLDEN"/*.layout | wc -l) files to $GOLDEN; review them with: git diff --stat $GOLDEN"
else
    echo "nothing written: fix the failed renders first"
fi
finish || exit 1
