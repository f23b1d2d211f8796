#!/usr/bin/env bash
# A Rust wasm app that depends on the crate with default features must get none of the npm
# package's JavaScript exports (`Client`, `functions`, `callUser`, `wasmMemoryBytes`):
# build the cdylib without features, run wasm-bindgen on it, and look at what it exports.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build -q --release --target wasm32-unknown-unknown --lib
wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/release/descope_mgmt.wasm
if grep -nE 'functions|callUser|wasmMemoryBytes|class Client' "$out/descope_mgmt.d.ts"; then
  echo "FAIL: the JavaScript façade is compiled into a default-features build" >&2
  exit 1
fi
echo "PASS no JavaScript façade without the js feature"
cargo build -q --release --target wasm32-unknown-unknown --lib --features js
wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/release/descope_mgmt.wasm
grep -q 'class Client' "$out/descope_mgmt.d.ts" || { echo "FAIL: the js feature exports no Client" >&2; exit 1; }
echo "PASS the js feature exports the façade"
echo "2 passed, 0 failed"
