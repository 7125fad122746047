#!/usr/bin/env bash
# Compilation benchmark: builds 60- and 600-article volumes from the sample articles (English only,
# and mixed English/Chinese), compiles each (whole process, 5 runs after a warm-up) and reports
# pages/s (median, and best: on a shared machine whose speed drifts, the best run is the steadiest
# estimate of the program's own speed) and peak memory beside the previous run's figures
# (out/bench-volume.tsv).
# With ../shared/bench present, the peers' 60-article volume is measured too.
# Usage: bash bench/volume.sh [build/inkstone]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/inkstone}")
prev=out/bench-volume.tsv
mkdir -p out
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now=$tmp/now.tsv

make_volume() {  # NAME COUNT FILES...
  local name=$1 count=$2
  shift 2
  local files=("$@")
  {
    echo "title: Benchmark volume"
    echo "issue: bench"
    echo "publisher: inkstone"
    echo "date: 2026-03-31"
    echo "style: quarterly"
    echo "sections:"
    echo "  - title: All articles"
    echo "    articles:"
    for ((i = 0; i < count; i++)); do echo "      - $(realpath "${files[i % ${#files[@]}]}")"; done
  } > "$tmp/$name.yaml"
  echo "$tmp/$name.yaml"
}

measure() {  # NAME MANIFEST
  local name=$1 manifest=$2 times=() peak=- s e
  "$bin" compile "$manifest" -o "$tmp/out.pdf" -q  # warm-up
  for _ in 1 2 3 4 5; do
    s=$(date +%s%N)
    "$bin" compile "$manifest" -o "$tmp/out.pdf" -q
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000 )))
  done
  if [ -x /usr/bin/time ]; then
    peak=$( { /usr/bin/time -f '%M' "$bin" compile "$manifest" -o "$tmp/out.pdf" -q; } 2>&1 | tail -1)
    peak=$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')
  fi
  local med best pages secs rate bestRate old
  med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  best=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 1p)
  pages=$(pdfinfo "$tmp/out.pdf" | awk '/^Pages:/ {print $2}')
  secs=$(awk -v u="$med" 'BEGIN { printf "%.2f", u / 1e6 }')
  rate=$(awk -v p="$pages" -v u="$med" 'BEGIN { printf "%.0f", p / (u / 1e6) }')
  bestRate=$(awk -v p="$pages" -v u="$best" 'BEGIN { printf "%.0f", p / (u / 1e6) }')
  old=$(awk -v n="$name" '$1 == n {print $3 " (best " ($5 == "" ? "-" : $5) ") pages/s, " $4 " MiB"}' "$prev" 2>/dev/null || true)
  printf '%-12s %5s pages %6s s %5s pages/s (best %5s) %4s MiB   previous: %s\n' "$name" "$pages" "$secs" "$rate" "$bestRate" "$peak" "${old:--}"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$pages" "$rate" "$peak" "$bestRate" >> "$now"
}

en=(samples/en-mekong-water.md)
mixed=(samples/en-mekong-water.md samples/zh-hans-digital-trade.md samples/zh-hant-energy-transition.md samples/mixed-semiconductor-supply.md)
measure en-60 "$(make_volume en60 60 "${en[@]}")"
measure mixed-60 "$(make_volume mixed60 60 "${mixed[@]}")"
measure en-600 "$(make_volume en600 600 "${en[@]}")"
measure mixed-600 "$(make_volume mixed600 600 "${mixed[@]}")"
if [ -f ../shared/bench/inkstone/quarterly.yaml ]; then
  measure peers-60 ../shared/bench/inkstone/quarterly.yaml
fi
cp "$now" "$prev"
