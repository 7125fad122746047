#!/usr/bin/env bash
# Live preview benchmark (issue 17): the time from saving a file to the PDF renamed into place by
# a running `inkstone watch`, measured from outside by bench/watch_latency.cpp (it saves the way
# an editor does and waits for the PDF's rename with inotify, as a viewer does). Median, p90 and
# worst of ROUNDS saves (default 20), the watch's peak memory, beside the previous run's figures
# (out/bench-watch.tsv). Goals: 100 ms for a 3-page article, 300 ms for one changed article of a
# 60-article volume.
# Cases: a 3-page English and a 3-page Chinese sample; a 60-article volume of the samples, one
# article changed; with ../shared/bench present, the peers' 60-article volume, one article changed.
# Usage: bash bench/watch.sh [build] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
rounds=${2:-20}
bin=$build/inkstone
probe=$build/inkstone_watch_latency
prev=out/bench-watch.tsv
mkdir -p out
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$tmp"' EXIT
now=$tmp/now.tsv

measure() {  # NAME INPUT OUTPUT EDITED
    local name=$1 input=$2 output=$3 edited=$4 peak stats pages old
    "$bin" watch "$input" -o "$output" 2> "$tmp/$name.log" &
    pid=$!
    for _ in $(seq 1 400); do [ -s "$output" ] && break; sleep 0.05; done
    stats=$("$probe" "$edited" "$output" "$rounds" | tail -1)
    peak=$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
    kill "$pid"
    wait "$pid" 2> /dev/null || true
    pid=
    pages=$(pdfinfo "$output" | awk '/^Pages:/ {print $2}')
    read -r med p90 worst <<< "$stats"
    old=$(awk -v n="$name" '$1 == n {print $3 " / " $4 " / " $5 " ms, " $6 " MiB"}' "$prev" 2> /dev/null || true)
    printf '%-10s %4s pages  save->PDF median %6s ms  p90 %6s  worst %6s  peak %4s MiB   previous: %s\n' \
        "$name" "$pages" "$med" "$p90" "$worst" "$peak" "${old:--}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$pages" "$med" "$p90" "$worst" "$peak" >> "$now"
}

cp samples/en-mekong-water.md samples/zh-hans-digital-trade.md "$tmp/"
measure article-en "$tmp/en-mekong-water.md" "$tmp/en.pdf" "$tmp/en-mekong-water.md"
measure article-zh "$tmp/zh-hans-digital-trade.md" "$tmp/zh.pdf" "$tmp/zh-hans-digital-trade.md"

# 60 articles, each its own file (the samples in turn), so that one save changes one article.
mkdir -p "$tmp/v60"
cp -r samples/figures "$tmp/v60/"
samples=(samples/en-mekong-water.md samples/zh-hans-digital-trade.md samples/zh-hant-energy-transition.md
         samples/mixed-semiconductor-supply.md samples/en-coastal-flood-insurance.md samples/zh-hans-urban-renewal.md)
{
    printf 'title: Benchmark volume\nissue: bench\npublisher: inkstone\ndate: 2026-03-31\nstyle: quarterly\n'
    printf 'sections:\n  - title: All articles\n    articles:\n'
    for ((i = 0; i < 60; i++)); do
        cp "${samples[i % ${#samples[@]}]}" "$tmp/v60/a$i.md"
        echo "      - a$i.md"
    done
} > "$tmp/v60/volume.yaml"
measure volume-60 "$tmp/v60/volume.yaml" "$tmp/v60/volume.pdf" "$tmp/v60/a30.md"

if [ -f ../shared/bench/inkstone/quarterly.yaml ]; then
    cp -r ../shared/bench/inkstone "$tmp/peers"
    measure peers-60 "$tmp/peers/quarterly.yaml" "$tmp/peers/quarterly.pdf" "$tmp/peers/quarterly/a30.md"
fi
cp "$now" "$prev"
