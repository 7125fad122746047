#!/usr/bin/env bash
# Mozilla Readability (Firefox Reader View) as a baseline for `inkstone import`: converts every
# DIR/*.html to OUTDIR/NAME.md with bench/readability/readability.mjs (same front matter + text
# body format as the importer), then scores them with tests/import_eval.py when it exists.
# Needs Node >= 20.19 and npm (the first run installs bench/readability/node_modules with npm ci).
# Usage: bash bench/readability.sh DIR OUTDIR [scorer options, e.g. --verbose]
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: bash bench/readability.sh DIR OUTDIR [scorer options]" >&2; exit 2; fi
dir=$(realpath -m "$1") out=$(realpath -m "$2")  # before the cd to the repository
shift 2
cd "$(dirname "$0")/.."
here=bench/readability
if [ ! -d "$here/node_modules/@mozilla/readability" ] || [ ! -d "$here/node_modules/jsdom" ]; then
    (cd "$here" && npm ci --no-audit --no-fund)
fi
mkdir -p "$out"
n=0
for f in "$dir"/*.html; do
    [ -e "$f" ] || continue
    rm -f "$out/$(basename "$f" .html).md"
    # exit 1 = no article found: no NAME.md, which the scorer reads as "not an article"
    node "$here/readability.mjs" "$f" "$out/$(basename "$f" .html).md" && n=$((n + 1)) || true
done
echo "readability.sh: $n page(s) converted into $out"
# Scored from the Markdown (--via md), HTML pages only (Readability reads no .txt); the scorer
# wants --inkstone but runs nothing when given --outputs.
if [ -f tests/import_eval.py ]; then
    python3 tests/import_eval.py --inkstone build/inkstone --pages "$dir" --outputs "$out" --via md \
        --only '*.html' "$@"
fi
