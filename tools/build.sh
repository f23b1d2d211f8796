#!/usr/bin/env bash
# Builds the npm package in pkg/: the wasm module and its glue go to pkg/dist/ (ignored by
# git); the hand-written entries in pkg/ load it. Needs tools/install.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# wasm-pack takes the first wasm-opt on PATH: it must be npm binaryen 132, never Debian's 108.
[ "$(command -v wasm-opt)" = "$PWD/tools/node_modules/.bin/wasm-opt" ] || { echo "wrong wasm-opt: $(command -v wasm-opt)" >&2; exit 1; }
rm -rf pkg/dist
mkdir -p target
if ! wasm-pack --quiet build --mode no-install --release --target web --out-dir pkg/dist \
     --out-name descope_mgmt --no-pack > target/build-pkg.log 2>&1; then
  cat target/build-pkg.log >&2
  exit 1
fi
# wasm-pack writes a `*` .gitignore, which would also hide dist/ from `npm pack`.
rm -f pkg/dist/.gitignore pkg/dist/*.d.ts
printf 'built pkg/: wasm %d bytes (%d gzip -9)\n' "$(stat -c %s pkg/dist/descope_mgmt_bg.wasm)" "$(gzip -9c pkg/dist/descope_mgmt_bg.wasm | wc -c)"
