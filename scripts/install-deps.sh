#!/usr/bin/env bash
# Installs the Debian 12 packages inkstone needs to build, test and render, when any is missing.
# (icc-profiles-free: /usr/share/color/icc/sRGB.icc, the output intent of PDF/A files.
# fonts-urw-base35: the metric clones of the PDF standard fonts (Nimbus Sans for Helvetica ...),
# with which poppler redraws a PDF figure whose fonts are not embedded. mupdf-tools: a second
# reader of the vertical text tests, MuPDF's structured text. jq: the batch tests merge shard
# reports with the one-liner docs/SHARDING.md gives. chromium, nodejs: the browser tests of
# `inkstone serve`; libcpp-httplib-dev: its HTTP server.)
# Needs root (or sudo) only when something is actually missing.
set -euo pipefail
pkgs=(
  cmake g++ make pkg-config
  libpango1.0-dev libcairo2-dev libfontconfig-dev libharfbuzz-dev libglib2.0-dev
  libyaml-cpp-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libqpdf-dev libdeflate-dev libmimalloc-dev libgumbo-dev
  libjpeg62-turbo-dev librsvg2-dev libpoppler-glib-dev libopencc-dev libopencc-data opencc
  doctest-dev libcli11-dev nlohmann-json3-dev libhyphen-dev hyphen-en-us libcpp-httplib-dev
  fonts-noto-core fonts-noto-cjk fonts-noto-mono
  qpdf poppler-utils python3 mupdf-tools jq scdoc bash-completion man-db chromium nodejs
  icc-profiles-free fonts-urw-base35
)
# --fuzz: also the fuzzing toolchain (clang and its libFuzzer and sanitizer runtimes).
if [ "${1:-}" = "--fuzz" ]; then pkgs+=(clang libclang-rt-14-dev); fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# npm: Debian's own package when node came from Debian (another node brings its npm with it).
if ! command -v npm > /dev/null; then
  $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
# The browser tests' driver (tests/web.sh): puppeteer-core from the npm registry, as locked; it
# drives Debian's chromium and downloads no browser.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$here/tests/web/node_modules/puppeteer-core" ]; then
  (cd "$here/tests/web" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
