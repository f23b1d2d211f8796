#!/usr/bin/env bash
# Installs what is missing (tools/install.sh), then runs every test against a local
# emulator on 127.0.0.1: native cargo tests (crate + emulator, and the crate's reqwest
# transport), the build against the wasm-bindgen floor, wasm-bindgen tests in Node
# and headless Chromium, the built package in Node (every method, failures, credentials,
# packaging), the publishers' checks (tools/check-package.sh: publint, arethetypeswrong,
# npm and cargo publish dry runs, docs.rs, the MSRV), the package in every runtime (Node
# ESM/CJS, Deno, edge-runtime, Chromium, workerd), the admin page end to end (Playwright),
# and the examples (JavaScript, Deno, a Worker, a Rust Worker, an axum server).
# Ends with one line "N passed, N failed"; exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
./tools/install.sh
export PATH="$ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR=never NO_COLOR=1 CHROMEDRIVER=/usr/bin/chromedriver
# Chromium's capabilities for the wasm browser tests (flags that keep its background
# connections off); wasm-bindgen-test-runner reads this instead of ./webdriver.json.
export WASM_BINDGEN_TEST_WEBDRIVER_JSON=$ROOT/tests/wasm/webdriver.json
LOG=$ROOT/target/test-logs
rm -rf "$LOG" && mkdir -p "$LOG"
step() { printf '\n=== [%4ss] %s\n' "$SECONDS" "$*"; }

# ---------------------------------------------------------------- the emulator
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${DESCOPE_EMULATOR_PORT:-8791}
if ! port_free "$PORT"; then
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
port_free "$PORT" || { echo "no free port for the emulator" >&2; exit 1; }
# The wasm-bindgen test runner's server (headless Chromium) on a fixed origin: its page reads
# the emulator's admin endpoints, which send CORS headers only to --admin-cors-origin.
WB_PORT=${DESCOPE_WASM_TEST_PORT:-8792}
if [ "$WB_PORT" = "$PORT" ] || ! port_free "$WB_PORT"; then
  WB_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
[ "$WB_PORT" != "$PORT" ] && port_free "$WB_PORT" || { echo "no free port for the wasm test runner" >&2; exit 1; }
export WASM_BINDGEN_TEST_ADDRESS=127.0.0.1:$WB_PORT
# Fake credentials: the emulator checks them; no real key is ever used by the tests.
export DESCOPE_EMULATOR_PROJECT_ID=P2emulatorProject00000000001
export DESCOPE_EMULATOR_KEY=K2emulator-fake-management-key
export DESCOPE_EMULATOR_URL=http://127.0.0.1:$PORT

step "build and start the emulator on $DESCOPE_EMULATOR_URL"
cargo build -q -p descope-emulator
target/debug/descope-emulator --port "$PORT" --project-id "$DESCOPE_EMULATOR_PROJECT_ID" \
  --management-key "$DESCOPE_EMULATOR_KEY" --admin-cors-origin "http://127.0.0.1:$WB_PORT" \
  > "$LOG/emulator.log" 2>&1 &
EMU_PID=$!
trap 'kill $EMU_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" "$LOG/emulator.log" && break; sleep 0.1; done
grep -q "listening on $DESCOPE_EMULATOR_URL" "$LOG/emulator.log" || { cat "$LOG/emulator.log"; exit 1; }
kill -0 "$EMU_PID"

# ---------------------------------------------------------------- tests
status=0
run() { # run NAME CMD...: log to $LOG/NAME.log, remember a failure, keep going
  local name=$1; shift
  step "$name"
  if ! "$@" > "$LOG/$name.log" 2>&1; then status=1; echo "FAILED: $name"; fi
  grep -E '^test result:|^# (pass|fail) |^(PASS|FAIL) |^(failures|---- )|^lint clean|^size:' "$LOG/$name.log" || true
}

lint() { # `set -e` does not apply inside a function run as a condition: chain with &&
  cargo fmt --all -- --check &&
    cargo clippy -q --workspace --all-targets -- -D warnings &&
    cargo clippy -q --workspace --all-targets --features reqwest -- -D warnings &&
    cargo clippy -q --target wasm32-unknown-unknown --all-targets -- -D warnings &&
    cargo clippy -q --target wasm32-unknown-unknown --all-targets --features js -- -D warnings &&
    cargo clippy -q --target wasm32-unknown-unknown --lib --features worker -- -D warnings &&
    RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps -p descope-mgmt --target wasm32-unknown-unknown --features js &&
    echo "lint clean"
}
run lint lint
run native cargo test --workspace
# The native transport (reqwest) against this emulator: effects, faults, timeouts, the key.
run native-reqwest cargo test -p descope-mgmt --features reqwest --test native_transport
# wasm-bindgen is a range: the crate still builds against its floor (in a scratch copy).
run floor ./tools/check-floor.sh
run wasm-node wasm-pack test --mode no-install --node -- --features js
run wasm-chrome wasm-pack test --mode no-install --headless --chrome -- --features js
run build-pkg ./tools/build.sh
run facade ./tools/check-facade.sh
run publish ./tools/check-package.sh
run package-node node --test --test-reporter=tap tests/package/
run e2e node tests/e2e/run.mjs
run runtimes node tests/package/runtimes/run.mjs
run examples node tests/examples/run.mjs
run differential node tests/differential/run.mjs
run bench-smoke node bench/smoke.mjs
run size ./tools/size.sh

# ---------------------------------------------------------------- summary
passed=0; failed=0
while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  cat "$LOG"/native.log "$LOG"/native-reqwest.log "$LOG"/wasm-node.log "$LOG"/wasm-chrome.log \
    | sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1 \2/p'
  for f in "$LOG"/package-*.log; do
    echo "$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$f" | tail -1) $(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$f" | tail -1)"
  done
  cat "$LOG"/facade.log "$LOG"/floor.log "$LOG"/publish.log "$LOG"/e2e.log "$LOG"/runtimes.log "$LOG"/examples.log "$LOG"/differential.log "$LOG"/bench-smoke.log | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p'
)
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1   # a step that crashed counts as a failure
step "done (logs in target/test-logs/)"
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
