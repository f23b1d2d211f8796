// Shared by the package tests. The shared emulator's address and fake credentials come from
// the environment the test command sets (tools/test.sh); `startEmulator` starts a private
// one (its own state, on a port the OS picks free) for tests that need a known state.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { once } from "node:events";
import { createInterface } from "node:readline";

export const EMULATOR_URL = process.env.DESCOPE_EMULATOR_URL ?? "http://127.0.0.1:8791";
export const PROJECT_ID = process.env.DESCOPE_EMULATOR_PROJECT_ID ?? "P2emulatorProject00000000001";
export const FAKE_KEY = process.env.DESCOPE_EMULATOR_KEY ?? "K2emulator-fake-management-key";
const EMULATOR_BIN =
  process.env.DESCOPE_EMULATOR_BIN ?? fileURLToPath(new URL("../../target/debug/descope-emulator", import.meta.url));

export function uniqueLoginId(tag) {
  return `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@pkg.example.com`;
}

export async function requestCount(url = EMULATOR_URL) {
  const res = await fetch(`${url}/emulator/requests`);
  return (await res.json()).count;
}

/** Starts a private emulator; resolves to `{ url, admin(path), stop() }`. */
export async function startEmulator(args = []) {
  const child = spawn(
    EMULATOR_BIN,
    ["--port", "0", "--project-id", PROJECT_ID, "--management-key", FAKE_KEY, ...args],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout });
  const [line] = await Promise.race([
    once(lines, "line"),
    once(child, "exit").then(([code]) => {
      throw new Error(`descope-emulator exited with ${code} before listening`);
    }),
  ]);
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
  if (!url) throw new Error(`unexpected emulator output: ${line}`);
  return {
    url,
    async admin(path, init) {
      const res = await fetch(`${url}/emulator/${path}`, init);
      if (!res.ok) throw new Error(`admin ${path}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    },
    async stop() {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
