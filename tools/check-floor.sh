#!/usr/bin/env bash
# Proves the lowest wasm-bindgen the crate declares (`wasm-bindgen = "FLOOR"`, a caret range, in
# Cargo.toml) still builds it: in a scratch copy, the lockfile is moved down to the floor
# (js-sys, web-sys and wasm-bindgen-futures pin wasm-bindgen exactly, so they go down to
# their releases of the same day), then one `cargo check --target wasm32-unknown-unknown`
# with default features and one with `js`. The repository's Cargo.lock is not touched: the
# npm build keeps the exact version it is tested with.
#
# The copy leaves out what does not bound the floor: the dev-dependencies (wasm-bindgen-test
# pins its own wasm-bindgen), the emulator, and the optional `worker` dependency (workers-rs
# itself needs wasm-bindgen 0.2.129 or later).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FLOOR=${WASM_BINDGEN_FLOOR:-}
[ -n "$FLOOR" ] || FLOOR=$(sed -n 's/^wasm-bindgen = "\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$FLOOR" ] || { echo "no wasm-bindgen version in Cargo.toml" >&2; exit 1; }
# Each wasm-bindgen 0.2.N was released with js-sys/web-sys 0.3.(N-23) and
# wasm-bindgen-futures 0.4.(N-50), which pin it exactly.
PATCH=${FLOOR##*.}
JS_SYS=0.3.$((PATCH - 23))
FUTURES=0.4.$((PATCH - 50))

SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
cp -r Cargo.toml Cargo.lock src "$SCRATCH/"
[ -f README.md ] && cp README.md "$SCRATCH/"
python3 - "$SCRATCH/Cargo.toml" <<'EOF'
import re, sys
path = sys.argv[1]
out, section = [], ""
for line in open(path).read().splitlines():
    header = re.match(r"^\[(.*)\]\s*$", line)
    if header:
        section = header.group(1)
    if "dev-dependencies" in section:
        continue
    if section == "workspace" and line.startswith("members"):
        line = 'members = ["."]'
    if section == "workspace" and line.startswith("exclude"):
        continue
    if re.match(r"^worker\s*=", line):
        if section != "features":
            continue
        line = "worker = []"
    out.append(line)
open(path, "w").write("\n".join(out) + "\n")
EOF
cd "$SCRATCH"
export CARGO_TARGET_DIR="$ROOT/target/check-floor" CARGO_TERM_COLOR=never
# The family pinned at the floor in the copy's manifest; the lockfile follows, nothing else moves.
sed -i -e "s/^wasm-bindgen = \"[^\"]*\"/wasm-bindgen = \"=$FLOOR\"/" \
  -e "s/^js-sys = \"[^\"]*\"/js-sys = \"=$JS_SYS\"/" \
  -e "s/^web-sys = { version = \"[^\"]*\"/web-sys = { version = \"=$JS_SYS\"/" \
  -e "s/^wasm-bindgen-futures = \"[^\"]*\"/wasm-bindgen-futures = \"=$FUTURES\"/" Cargo.toml
cargo update -q -p wasm-bindgen -p js-sys -p web-sys -p wasm-bindgen-futures
got=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;q}' Cargo.lock)
[ "$got" = "$FLOOR" ] || { echo "the scratch lockfile has wasm-bindgen $got, not $FLOOR" >&2; exit 1; }
echo "wasm-bindgen $FLOOR, js-sys/web-sys $JS_SYS, wasm-bindgen-futures $FUTURES"
cargo check -q --target wasm32-unknown-unknown
cargo check -q --target wasm32-unknown-unknown --features js
echo "PASS floor: wasm-bindgen $FLOOR builds the crate (default features and js)"
echo "1 passed, 0 failed"
