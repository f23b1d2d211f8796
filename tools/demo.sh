#!/usr/bin/env bash
# The demo: installs what is missing, builds the package, starts the emulator on 127.0.0.1
# with sample users, and runs examples/node/demo.mjs through the built package (load a
# user, update picture, display name and a custom attribute, print before and after);
# then serves the admin page (www/) on http://127.0.0.1:8080 (PORT to change) until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install.sh --no-browser
./tools/build.sh
cargo build -q -p descope-emulator

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=8792
port_free "$PORT" || PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DESCOPE_PROJECT_ID=P2emulatorProject00000000001
export DESCOPE_MANAGEMENT_KEY=K2emulator-fake-management-key   # the emulator's fake key
export DESCOPE_BASE_URI=http://127.0.0.1:$PORT
mkdir -p target
target/debug/descope-emulator --port "$PORT" --seed examples/demo-seed.json --sample-users 200 \
  --project-id "$DESCOPE_PROJECT_ID" --management-key "$DESCOPE_MANAGEMENT_KEY" > target/demo-emulator.log 2>&1 &
EMU_PID=$!
trap 'kill $EMU_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" target/demo-emulator.log && break; sleep 0.1; done
grep "listening on" target/demo-emulator.log
node examples/node/demo.mjs
kill "$EMU_PID" 2>/dev/null || true
echo
# The admin page, with an emulator of its own (200 sample users); credentials stay here.
[ -t 0 ] || [ "${DEMO_SERVE:-}" = 1 ] || { echo "(not a terminal: skipping the admin page; run: node tools/demo-server.mjs)"; exit 0; }
exec env -u DESCOPE_PROJECT_ID -u DESCOPE_MANAGEMENT_KEY -u DESCOPE_BASE_URI -u DESCOPE_BASE_URL node tools/demo-server.mjs
