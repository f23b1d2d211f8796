// Runs the package's runtime test (smoke.mjs) in every runtime the package claims: Node 20
// (ESM and CommonJS), Deno, Vercel's edge-runtime, headless Chromium and workerd. Each
// runner is a child process; prints one line per runtime and "N passed, M failed".
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const tools = fileURLToPath(new URL("../../../tools/node_modules/.bin/", import.meta.url));
const env = {
  ...process.env,
  DESCOPE_PROJECT_ID: process.env.DESCOPE_EMULATOR_PROJECT_ID ?? "P2emulatorProject00000000001",
  DESCOPE_MANAGEMENT_KEY: process.env.DESCOPE_EMULATOR_KEY ?? "K2emulator-fake-management-key",
  DESCOPE_BASE_URI: process.env.DESCOPE_EMULATOR_URL ?? "http://127.0.0.1:8791",
  DENO_NO_UPDATE_CHECK: "1",
  NO_COLOR: "1",
};

const RUNNERS = [
  ["node-esm", "node", ["node-esm.mjs"]],
  ["node-cjs", "node", ["node-cjs.cjs"]],
  ["deno", `${tools}deno`, ["run", "--no-config", "--node-modules-dir=manual", "--allow-read", "--allow-env", "--allow-net=127.0.0.1", "deno.mjs"]],
  ["edge-runtime", "node", ["edge-runtime.mjs"]],
  ["chromium", "node", ["browser.mjs"]],
  ["workerd", "node", ["../../workerd/run.mjs"]],
];

function run(name, cmd, args) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: here, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ name, ok: code === 0, out: out.split(env.DESCOPE_MANAGEMENT_KEY).join("<redacted>") });
    });
  });
}

let passed = 0;
let failed = 0;
for (const [name, cmd, args] of RUNNERS) {
  const result = await run(name, cmd, args);
  if (result.ok) passed++;
  else failed++;
  console.log(`${result.ok ? "PASS" : "FAIL"} ${name}`);
  if (!result.ok) console.log(result.out.replace(/^/gm, "    "));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
