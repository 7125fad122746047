#!/usr/bin/env bash
# inkstone serve in a real browser (issue 18): tests/web/serve.test.mjs drives Debian's chromium
# with puppeteer-core (installed by scripts/install-deps.sh with `npm ci` from the lock file;
# nothing is downloaded here). Skips, saying why, on a machine without chromium, node or the
# installed package. WEB_SCREENSHOTS=DIR keeps the screenshots of each screen.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
chromium=${CHROMIUM:-$(command -v chromium || true)}
if [[ -z $chromium ]] || ! command -v node > /dev/null || [[ ! -d $ROOT/tests/web/node_modules/puppeteer-core ]]; then
    echo "SKIP: needs chromium, node and tests/web/node_modules (scripts/install-deps.sh installs them)"
    exit 0
fi
mkdir -p "$WORK/root"
shots=${WEB_SCREENSHOTS:-}
[[ -n $shots ]] && mkdir -p "$shots"
CHROMIUM=$chromium node "$ROOT/tests/web/serve.test.mjs" "$BIN" "$WORK/root" $shots
