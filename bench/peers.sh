#!/usr/bin/env bash
# Side by side with Typst 0.14 (the fastest peer of ../shared/bench/PEERS.md), alternating runs so
# that both see the same machine: the three bench articles and the 60-article volume, whole
# process, median of N (default 7) after one warm-up each. Prints both times and the ratio.
#
# Needs ../shared/bench and Node with @myriaddreamin/typst-ts-node-compiler@0.7.0 installed in the
# folder named by TYPST_NODE_MODULES (default /tmp/typst/node_modules), e.g.
#   mkdir -p /tmp/typst && (cd /tmp/typst && npm install @myriaddreamin/typst-ts-node-compiler@0.7.0)
# Usage: bash bench/peers.sh [build/inkstone] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/inkstone}")
runs=${2:-7}
shared=$(realpath ../shared/bench 2>/dev/null || true)
mods=${TYPST_NODE_MODULES:-/tmp/typst/node_modules}
if [ -z "$shared" ] || [ ! -d "$shared/typst014" ]; then echo "peers.sh: ../shared/bench not found; skipped"; exit 0; fi
if [ ! -d "$mods/@myriaddreamin/typst-ts-node-compiler" ] || ! command -v node > /dev/null; then
    echo "peers.sh: Typst (node module) not found in $mods; skipped"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ms() {  # wall milliseconds of a command
    local s e
    s=$(date +%s%N)
    "$@" > /dev/null 2>&1
    e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

compare() {  # NAME TYPST-ARGS... -- INKSTONE-ARGS...
    local name=$1
    shift
    local typst=() ink=()
    while [ "$1" != "--" ]; do typst+=("$1"); shift; done
    shift
    ink=("$@")
    NODE_PATH=$mods node "$shared/typst-node.js" "${typst[@]}" > /dev/null 2>&1  # warm-up
    "$bin" "${ink[@]}" > /dev/null 2>&1
    local t=() i=()
    for _ in $(seq "$runs"); do
        t+=("$(NODE_PATH=$mods ms node "$shared/typst-node.js" "${typst[@]}")")
        i+=("$(ms "$bin" "${ink[@]}")")
    done
    local tm im
    tm=$(printf '%s\n' "${t[@]}" | median)
    im=$(printf '%s\n' "${i[@]}" | median)
    printf '%-16s typst %6d ms   inkstone %6d ms   inkstone is %5.2fx faster\n' "$name" "$tm" "$im" \
        "$(awk -v a="$tm" -v b="$im" 'BEGIN { print a / b }')"
}

in=$shared/inkstone
ty=$shared/typst014
for a in article-en article-zh article-zh-hant; do
    compare "$a" "$ty/$a.typ" "$tmp/t.pdf" -- render "$in/$a.md" -o "$tmp/i.pdf" --style "$in/bench.yaml"
done
compare quarterly-60 "$ty/quarterly.typ" "$tmp/t.pdf" -- compile "$in/quarterly.yaml" -o "$tmp/i.pdf" -q
