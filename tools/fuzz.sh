#!/usr/bin/env bash
# Runs the cargo-fuzz targets (response/error decoding, argument reading) for SECONDS each
# (default 600). Not part of the test command: the bounded twin is tests/robustness.rs.
# cargo-fuzz wants nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECONDS_EACH=${1:-600}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in decode arguments; do
  mkdir -p "corpus/$target"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" -- -max_total_time="$SECONDS_EACH" -max_len=4096 2>&1 \
    | tee "../target/fuzz-$target.log" | grep -E '^(#[0-9]+ +DONE|Done|==|SUMMARY|artifact)' || true
done
