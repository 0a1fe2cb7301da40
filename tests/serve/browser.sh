#!/bin/sh
# tests/serve/browser.sh -- run the web page's end-to-end test (browser.mjs)
# in headless Chromium, installing what it needs when missing: Debian's
# chromium (and nodejs/npm when there is no node) through
# scripts/install-deps.sh, then playwright-core from tests/serve/package-lock.json
# with `npm ci`. With a `sayso index` command, the search and speakers pages
# are tested too, on a database built from tests/serve/corpus.jsonl.
#
#   sh tests/serve/browser.sh path/to/sayso
set -eu
SAYSO=$1
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
extra="chromium fonts-noto-color-emoji"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || extra="$extra nodejs npm"
SAYSO_EXTRA_DEPS="$extra" sh "$TOP/scripts/install-deps.sh"
want=$(cd "$HERE" && node -p "require('./package-lock.json').packages['node_modules/playwright-core'].version")
have=$(cd "$HERE" && node -p "require('./node_modules/playwright-core/package.json').version" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sayso-browser.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cp "$SAYSO" "$TMP/sayso" # a private copy: the build may change meanwhile
SAYSO=$TMP/sayso
set -- "$SAYSO"
# shellcheck disable=SC2086
if "$SAYSO" index --help >/dev/null 2>&1 &&
   "$SAYSO" index ${SAYSO_SERVE_FLAGS:-} --db "$TMP/q.db" "$HERE/corpus.jsonl" >"$TMP/index.log" 2>&1; then
    set -- "$SAYSO" --db "$TMP/q.db"
fi
node "$HERE/browser.mjs" "$@"
