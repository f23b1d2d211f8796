#!/usr/bin/env bash
# Prints what a browser or edge runtime downloads — the wasm plus the JavaScript glue and
# façade of the `browser`/`workerd` entries — raw and gzip -9, as shipped and as a bundler
# ships them, and compares the bundled total with the budget of the management-API issue
# (45 KB for the whole API). Reports; never fails (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/../pkg"
[ -f dist/descope_mgmt_bg.wasm ] || { echo "size: pkg/ is not built (tools/build.sh)" >&2; exit 1; }
BUDGET=45000
files=(dist/descope_mgmt_bg.wasm dist/descope_mgmt.js dist/error.js core.js web.js init/web.js dist/snippets/*/src/js/*.js)
raw=0; gz=0
for f in "${files[@]}"; do
  r=$(stat -c %s "$f"); g=$(gzip -9c "$f" | wc -c)
  raw=$((raw + r)); gz=$((gz + g))
  printf '  %-60s %8d raw %8d gzip -9\n' "$f" "$r" "$g"
done
printf 'size: wasm + glue as shipped %d bytes raw, %d bytes gzip -9\n' "$raw" "$gz"
# What a bundler ships (esbuild --bundle --minify), as node-sdk's size is measured.
wasm_gz=$(gzip -9c dist/descope_mgmt_bg.wasm | wc -c)
bundle_gz=$(../tools/node_modules/.bin/esbuild web.js --bundle --minify --format=esm --log-level=error | gzip -9c | wc -c)
total=$((wasm_gz + bundle_gz))
verdict=$([ "$total" -le "$BUDGET" ] && echo "met" || echo "NOT met")
printf 'size: wasm + glue bundled and minified %d bytes gzip -9 (wasm %d, glue %d); budget %d gzip (the whole API): %s\n' \
  "$total" "$wasm_gz" "$bundle_gz" "$BUDGET" "$verdict"
