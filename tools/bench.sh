#!/usr/bin/env bash
# The benchmark command (not part of the test command): builds the package, installs the
# comparison (@descope/node-sdk) in bench/, measures, and writes BENCHMARKS.md.
# `tools/bench.sh --quick` takes fewer samples.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install.sh --no-browser   # includes npm ci in bench/ (@descope/node-sdk, esbuild)
./tools/build.sh
./bench/workers-rs/build.sh   # the Rust Workers whose sizes are reported (worker-build)
./tools/size-by-group.sh > target/size-by-group.jsonl
BENCH_NOTES=bench/notes.md node bench/run.mjs "$@"
