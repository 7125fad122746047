#!/usr/bin/env bash
# Whole-process render time of every sample (median of 5 after one warm-up run) and peak memory,
# beside the figures of the previous run on this machine (kept in out/bench-samples.tsv).
# Usage: bash bench/samples.sh [build/inkstone] [style]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/inkstone}
style=${2:-briefing}
prev=out/bench-samples.tsv
mkdir -p out
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now=$tmp/now.tsv
printf '%-32s %6s %10s %9s   %s\n' sample pages median_s peak_MiB "previous (median_s peak_MiB)"
for f in samples/*.md; do
  name=$(basename "$f" .md)
  "$bin" render "$f" --style "$style" -o "$tmp/w.pdf"  # warm-up
  times=()
  for _ in 1 2 3 4 5; do
    s=$(date +%s%N)
    "$bin" render "$f" --style "$style" -o "$tmp/o.pdf"
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000 )))
  done
  med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  peak=-
  if [ -x /usr/bin/time ]; then
    kb=$( { /usr/bin/time -f '%M' "$bin" render "$f" --style "$style" -o "$tmp/o.pdf"; } 2>&1 | tail -1)
    peak=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
  fi
  pages=$(pdfinfo "$tmp/o.pdf" | awk '/^Pages:/ {print $2}')
  secs=$(awk -v u="$med" 'BEGIN { printf "%.3f", u / 1e6 }')
  old=$(awk -v n="$name" -v s="$style" '$1 == n && $2 == s {print $4 " " $5}' "$prev" 2>/dev/null || true)
  printf '%-32s %6s %10s %9s   %s\n' "$name" "$pages" "$secs" "$peak" "${old:--}"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$style" "$pages" "$secs" "$peak" >> "$now"
done
cp "$now" "$prev"
