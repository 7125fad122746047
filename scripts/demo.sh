#!/usr/bin/env bash
# Renders every sample article to out/ as PDF plus a PNG of page 1, and every sample volume
# (samples/*.yaml) as a compilation, and every web page of samples/web/ imported and rendered (make demo).
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
# Web pages (samples/web/): imported to articles, then rendered.
mkdir -p "$out/web"
for page in samples/web/*.txt samples/web/*.html; do
  name=$(basename "${page%.*}")
  "$bin" import "$page" -o "$out/web/$name.md"
  "$bin" render "$out/web/$name.md" -o "$out/web/$name.pdf"
  "$bin" render "$out/web/$name.md" --format png --dpi 110 --last-page 1 -o "$out/web/$name.png"
  echo "$out/web/$name.md -> $out/web/$name.pdf ($(pdfinfo "$out/web/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages), imported from $page"
done
