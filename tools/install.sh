#!/usr/bin/env bash
# Installs what building and testing descope-mgmt needs, skipping what is already there:
# the wasm32 target, wasm-pack, wasm-bindgen-cli (the Cargo.lock version), worker-build, Debian's
# Chromium + ChromeDriver, the npm tools in tools/ (binaryen's wasm-opt 132, workerd, publint,
# arethetypeswrong) and the MSRV toolchain (Cargo.toml's rust-version, for its `cargo check`).
# Nothing is downloaded from outside crates.io, npm and Debian, but the MSRV toolchain, which
# comes from rustup's own server when it can be reached.
# `tools/install.sh --no-browser` skips Chromium (the demo does not need it).
set -euo pipefail
WANT_BROWSER=1
[ "${1:-}" = "--no-browser" ] && WANT_BROWSER=0
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
WASM_PACK_VERSION=0.15.1
say() { printf '=== install: %s\n' "$*"; }

rustup target list --installed | grep -qx wasm32-unknown-unknown || { say "rust wasm32 target"; rustup target add wasm32-unknown-unknown; }

# The MSRV, with wasm32, for tools/check-package.sh; if rustup cannot fetch it, that check
# says it is skipped rather than failing the run.
MSRV=$(sed -n 's/^rust-version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
if [ -n "$MSRV" ] && ! rustup target list --installed --toolchain "$MSRV" 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rust $MSRV (the MSRV) with wasm32 (~30 s)"
  rustup toolchain install "$MSRV" --profile minimal --target wasm32-unknown-unknown ||
    say "could not install rust $MSRV: tools/check-package.sh skips the MSRV check"
fi

if [ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  say "wasm-pack $WASM_PACK_VERSION (~2 min)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi

# wasm-pack only uses a wasm-bindgen whose version equals Cargo.lock's; otherwise it tries
# GitHub (unreachable here). `--locked` fails for this version on the reachable index.
WB=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;q}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB" ]; then
  say "wasm-bindgen-cli $WB (2-5 min)"
  cargo install wasm-bindgen-cli --version "$WB" --force
fi

# The Rust Worker example (examples/workers-rs) is built with worker-build; pointed at the
# local wasm-bindgen, wasm-opt and esbuild (tests/examples/run.mjs does), it downloads nothing.
WORKER_BUILD_VERSION=0.8.7
if [ "$(worker-build --version 2>/dev/null || true)" != "$WORKER_BUILD_VERSION" ]; then
  say "worker-build $WORKER_BUILD_VERSION (5-15 min)"
  cargo install worker-build --version "$WORKER_BUILD_VERSION" --locked \
    || cargo install worker-build --version "$WORKER_BUILD_VERSION" --force
fi

if [ "$WANT_BROWSER" = 1 ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  say "chromium + chromedriver (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q chromium chromium-driver
fi

npm_ci() { # npm ci in $1 unless its lockfile is unchanged since the last install
  local stamp
  stamp=$(sha256sum "$1/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$1/node_modules/.install-stamp" 2>/dev/null || true)" != "$stamp" ]; then
    say "npm ci in $1"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error) && echo "$stamp" > "$1/node_modules/.install-stamp"
  fi
}
npm_ci tools
npm_ci tests/package
npm_ci examples/node
npm_ci examples/worker
npm_ci bench
npm_ci tests/differential

# Never Debian's binaryen (wasm-opt 108 breaks wasm-bindgen output): ours must come first.
[ "$(command -v wasm-opt)" = "$PWD/tools/node_modules/.bin/wasm-opt" ] || { echo "wrong wasm-opt: $(command -v wasm-opt)" >&2; exit 1; }
