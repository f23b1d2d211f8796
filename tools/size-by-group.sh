#!/usr/bin/env bash
# What each catalogue group costs the npm package's wasm: the release wasm is built once
# whole and once without each group (`--cfg descope_without="<group>"`, which only the
# final crate sees, so dependencies are built once), each run through wasm-bindgen and
# wasm-opt as tools/build.sh does; prints JSON lines `{"group", "gzip", "raw"}` of the
# difference (the whole build as group "all", and a build of the user rows alone as
# "user-only", with only the user rows' strings and schemas). Run by tools/bench.sh; slow (a
# build a group).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_DIR=$PWD/target/size-by-group
out=$CARGO_TARGET_DIR/out
mkdir -p "$out"
opt_flags=$(sed -n '/^\[package.metadata.wasm-pack.profile.release\]/,/^\[/p' Cargo.toml \
  | tr -d '\n' | sed -E 's/.*wasm-opt = \[([^]]*)\].*/\1/; s/[",]/ /g')
groups=$(sed -n 's/^    ("\([A-Za-z]*\)", [a-z_]*::ROWS),$/\1/p' src/api/catalogue/mod.rs)
measure() { # measure NAME [CFG]: bytes raw and gzip -9 of the optimized wasm
  local name=$1; shift
  cargo rustc -q --release --lib --target wasm32-unknown-unknown --features js --crate-type cdylib -- "$@" >&2
  wasm-bindgen --target web --out-dir "$out/$name" --out-name m \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/descope_mgmt.wasm"
  # The two wasm-opt passes of tools/build.sh (the second minifies the names).
  # shellcheck disable=SC2086
  wasm-opt $opt_flags "$out/$name/m_bg.wasm" -o "$out/$name/opt.wasm"
  # shellcheck disable=SC2086
  wasm-opt $opt_flags --minify-imports-and-exports-and-modules --strip-producers --strip-target-features \
    "$out/$name/opt.wasm" -o "$out/$name/opt.wasm" > /dev/null
  echo "$(stat -c %s "$out/$name/opt.wasm") $(gzip -9c "$out/$name/opt.wasm" | wc -c)"
}
read -r all_raw all_gz < <(measure all)
printf '{"group":"all","raw":%d,"gzip":%d}\n' "$all_raw" "$all_gz"
# The user API alone (the catalogue issue's budget), built from a scratch copy of the crate
# whose packed table holds the user rows and only their strings and schemas (written by the
# generator: tests/generated.rs), every other group left out.
only_user=()
for g in $groups; do [ "$g" = user ] || only_user+=(--cfg "descope_without=\"$g\""); done
scratch=$CARGO_TARGET_DIR/user-only-src
rm -rf "$scratch" && mkdir -p "$scratch"
git ls-files -co --exclude-standard -- Cargo.toml Cargo.lock src emulator | tar -cf - -T - | tar -xf - -C "$scratch"
DESCOPE_TABLE_OUT=$scratch/src/api/table.rs DESCOPE_TABLE_GROUPS=user CARGO_TARGET_DIR=$PWD/target \
  cargo test -q --test generated a_table_of_some_groups_is_written_on_request > /dev/null
grep -q '^pub(super) static POOL' "$scratch/src/api/table.rs" || { echo "size-by-group: no user-only table" >&2; exit 1; }
read -r user_raw user_gz < <(cd "$scratch" && measure user-only "${only_user[@]}")
printf '{"group":"user-only","raw":%d,"gzip":%d,"rawTotal":%d,"gzipTotal":%d}\n' \
  "$user_raw" "$user_gz" "$user_raw" "$user_gz"
for g in $groups; do
  read -r raw gz < <(measure "$g" --cfg "descope_without=\"$g\"")
  printf '{"group":"%s","raw":%d,"gzip":%d}\n' "$g" $((all_raw - raw)) $((all_gz - gz))
done
