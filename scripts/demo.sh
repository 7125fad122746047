#!/usr/bin/env bash
# Renders every sample article to out/ as PDF plus a PNG of page 1, and every sample volume
# (samples/*.yaml) as a compilation (make demo).
set -euo pipefail
bin=${1:-build/inkstone}
out=${2:-out}
mkdir -p "$out"
for f in samples/*.md; do
  name=$(basename "$f" .md)
  "$bin" render "$f" -o "$out/$name.pdf"
  "$bin" render "$f" --format png --dpi 110 --last-page 1 -o "$out/$name.png"
  echo "$out/$name.pdf ($(pdfinfo "$out/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages), $out/$name-1.png"
done
for v in samples/*.yaml; do
  name=$(basename "$v" .yaml)
  "$bin" compile "$v" -o "$out/$name.pdf"
  echo "$out/$name.pdf ($(pdfinfo "$out/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages, a compilation)"
done
