#!/usr/bin/env bash
# Builds the Rust Workers whose sizes BENCHMARKS.md reports — the one-route Worker using the
# crate, the same calling fetch by hand, and examples/workers-rs — with worker-build pointed
# at the local wasm-bindgen, wasm-opt and esbuild (so it downloads nothing).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
CARGO_BIN=${CARGO_HOME:-$HOME/.cargo}/bin
export PATH="$ROOT/tools/node_modules/.bin:$CARGO_BIN:$PATH"
export CARGO_TARGET_DIR="$ROOT/target/examples-rs" CARGO_TERM_COLOR=never
export WASM_BINDGEN_BIN="$CARGO_BIN/wasm-bindgen" WASM_OPT_BIN="$ROOT/tools/node_modules/.bin/wasm-opt" \
       ESBUILD_BIN="$ROOT/tools/node_modules/.bin/esbuild"
for dir in bench/workers-rs/crate bench/workers-rs/floor examples/workers-rs; do
  echo "=== worker-build --release in $dir"
  (cd "$dir" && worker-build --release 2>&1 | grep -v '^ *Compiling ')
done
