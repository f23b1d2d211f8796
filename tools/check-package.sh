#!/usr/bin/env bash
# The publishers' checks, run on what would be published (pkg/ must be built: tools/build.sh).
#   npm:   `npm pack` of pkg/, then on that tarball publint (nothing to report, suggestions
#          included), @arethetypeswrong/cli (node10, node16 from CJS and from ESM, bundler)
#          and `npm publish --dry-run` (no warning but the one about not being logged in).
#   crate: the npm and crate versions agree; `cargo package --list` holds only sources, docs
#          and licenses, no file over 128 KiB; `cargo publish --dry-run`; rustdoc for each
#          docs.rs target with docs.rs's features; one `cargo check` on the MSRV
#          (`rust-version`) for both targets, skipped (and said so) if rustup could not
#          install that toolchain.
# Prints "PASS name" or "FAIL name" per check and ends with "N passed, N failed"; exits 1 if
# a check failed. Logs: target/check-package/ (under $CARGO_TARGET_DIR if set).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR=never NO_COLOR=1 FORCE_COLOR=0
OUT=${CARGO_TARGET_DIR:-$ROOT/target}/check-package
rm -rf "$OUT" && mkdir -p "$OUT"
CRATE=descope-mgmt
passed=0 failed=0

check() { # check NAME FUNCTION: the function's output goes to $OUT/NAME.log, shown on failure
  local name=$1 start=$SECONDS
  shift
  if "$@" > "$OUT/$name.log" 2>&1; then
    passed=$((passed + 1))
    echo "PASS $name ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    echo "FAIL $name ($((SECONDS - start)) s), log: $OUT/$name.log"
    tail -40 "$OUT/$name.log" | sed 's/^/  | /'
  fi
}

# `cargo metadata` of the crate, as JSON, and one value read from it by a JS expression on `p`.
cargo metadata --no-deps --format-version 1 > "$OUT/metadata.json" || exit 1
meta() { node -e 'const p = require(process.argv[1]).packages.find((p) => p.name === process.argv[2]);
  const v = eval(process.argv[3]); console.log(Array.isArray(v) ? v.join(" ") : v ?? "")' "$OUT/metadata.json" "$CRATE" "$1"; }

# ---------------------------------------------------------------- npm
TARBALL=
npm_pack() {
  [ -f pkg/dist/descope_mgmt_bg.wasm ] || { echo "pkg/ is not built: run tools/build.sh first"; return 1; }
  (cd pkg && npm pack --pack-destination "$OUT" --json --loglevel=error) > "$OUT/pack.json" || return 1
  TARBALL=$OUT/$(node -p 'require(process.argv[1])[0].filename' "$OUT/pack.json")
  tar -tzf "$TARBALL"
}
publint_tarball() {
  publint run --strict "$TARBALL" || return 1
  grep -qx 'All good!' "$OUT/publint.log" # suggestions do not fail publint: fail them here
}
attw_tarball() { attw "$TARBALL" --format table-flipped --no-color --no-emoji; }
npm_publish_dry_run() {
  npm publish --dry-run "$TARBALL" || return 1
  # The one warning a dry run cannot avoid here: it has no registry login, and needs none.
  ! grep -i '^npm warn' "$OUT/npm-publish.log" | grep -v 'requires you to be logged in'
}
check npm-pack npm_pack
if [ -n "$TARBALL" ]; then
  check publint publint_tarball
  check attw attw_tarball
  check npm-publish npm_publish_dry_run
fi

# ---------------------------------------------------------------- crate
versions_agree() {
  local npm crate
  npm=$(node -p 'require("./pkg/package.json").version') crate=$(meta p.version)
  echo "npm $npm, crate $crate"
  [ "$npm" = "$crate" ]
}
crate_files() {
  cargo package --list -p "$CRATE" --allow-dirty > "$OUT/crate-files.txt" || return 1
  cat "$OUT/crate-files.txt"
  local stray
  stray=$(grep -vE '^(src/.+\.(rs|js)|README\.md|CHANGELOG\.md|LICENSE-(MIT|APACHE)|Cargo\.(toml|toml\.orig|lock)|\.cargo_vcs_info\.json)$' "$OUT/crate-files.txt")
  [ -z "$stray" ] || { echo "not for crates.io (tests, fixtures, benchmarks or build files?):"; echo "$stray"; return 1; }
  local must
  for must in src/lib.rs README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE; do
    grep -qx "$must" "$OUT/crate-files.txt" || { echo "missing from the crate: $must"; return 1; }
  done
  local big
  big=$(grep '^src/' "$OUT/crate-files.txt" | xargs -d '\n' stat -c '%s %n' | awk '$1 > 131072')
  [ -z "$big" ] || { echo "files over 128 KiB:"; echo "$big"; return 1; }
}
cargo_publish_dry_run() {
  # --allow-dirty: check the tree as it is, uncommitted edits included (CI's clone is clean).
  # A path dev-dependency without a version (the emulator) is left out of the published
  # manifest by cargo itself.
  cargo publish --dry-run -p "$CRATE" --allow-dirty
}
docs_rs() { # each target of [package.metadata.docs.rs], with its features and rustdoc-args
  local targets features args t
  targets=$(meta 'p.metadata?.docs?.rs?.targets')
  [ -n "$targets" ] || { echo "no [package.metadata.docs.rs] targets"; return 1; }
  if [ "$(meta 'p.metadata.docs.rs["all-features"]')" = true ]; then features=--all-features
  else features="--features=$(meta 'p.metadata.docs.rs.features?.join(",")')"; fi
  args=$(meta 'p.metadata.docs.rs["rustdoc-args"]')
  for t in $targets; do
    echo "== rustdoc for $t ($features; $args)"
    RUSTDOCFLAGS="$args" cargo doc --no-deps -p "$CRATE" --lib --target "$t" "$features" || return 1
  done
}
MSRV=$(meta p.rust_version)
msrv_check() { # on the crate as crates.io gets it, outside the workspace (whose other members'
  # dependencies an older cargo may not even parse), with the versions Cargo.lock pins
  local host dir status
  host=$(rustc -vV | sed -n 's/^host: //p')
  cargo package --no-verify -p "$CRATE" --allow-dirty || return 1
  dir=$(mktemp -d)
  tar -xzf "${CARGO_TARGET_DIR:-$ROOT/target}/package/$CRATE-$(meta p.version).crate" -C "$dir" &&
    cargo "+$MSRV" --version &&
    (cd "$dir/$CRATE-$(meta p.version)" && cargo "+$MSRV" check --locked --lib --features js \
       --target "$host" --target wasm32-unknown-unknown --target-dir "${CARGO_TARGET_DIR:-$ROOT/target}/msrv")
  status=$?
  rm -rf "$dir"
  return $status
}
check versions versions_agree
check crate-files crate_files
check cargo-publish cargo_publish_dry_run
check docs-rs docs_rs
if [ -z "$MSRV" ]; then
  failed=$((failed + 1)); echo "FAIL msrv: no rust-version in Cargo.toml"
elif rustup run "$MSRV" rustc --version > /dev/null 2>&1 &&
     rustup target list --installed --toolchain "$MSRV" 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  check "msrv-$MSRV" msrv_check
else
  echo "SKIP msrv-$MSRV: rustup has no $MSRV toolchain with wasm32 here (tools/install.sh could not install it)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
