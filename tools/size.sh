#!/usr/bin/env bash
# Prints what a browser or edge runtime downloads — the wasm plus the JavaScript glue and
# façade of the `browser`/`workerd` entries — raw and gzip -9, and compares the gzip total
# with the budget of the catalogue issue (35 KB for the user API). Reports; never fails (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/../pkg"
[ -f dist/descope_mgmt_bg.wasm ] || { echo "size: pkg/ is not built (tools/build.sh)" >&2; exit 1; }
BUDGET=35000
files=(dist/descope_mgmt_bg.wasm dist/descope_mgmt.js dist/error.js core.js web.js init/web.js dist/snippets/*/src/js/*.js)
raw=0; gz=0
for f in "${files[@]}"; do
  r=$(stat -c %s "$f"); g=$(gzip -9c "$f" | wc -c)
  raw=$((raw + r)); gz=$((gz + g))
  printf '  %-60s %8d raw %8d gzip -9\n' "$f" "$r" "$g"
done
verdict=$([ "$gz" -le "$BUDGET" ] && echo "met" || echo "NOT met")
printf 'size: wasm + glue %d bytes raw, %d bytes gzip -9; budget %d gzip: %s\n' "$raw" "$gz" "$BUDGET" "$verdict"
