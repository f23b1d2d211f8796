// Runs every example against a private emulator seeded like the demo: the Node script,
// the Deno script, and the Cloudflare Worker (bundled as wrangler bundles it, served by
// workerd without nodejs_compat, called over HTTP). Prints "N passed, M failed".
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync, copyFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "../package/node_modules/esbuild/lib/main.js";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "../package/helpers.mjs";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const bin = join(root, "tools/node_modules/.bin");
const out = join(root, "target/examples");
mkdirSync(out, { recursive: true });

function run(cmd, args, env, opts = {}) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, cwd: opts.cwd ?? root, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("close", (code) => done({ code, text }));
  });
}

const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

async function nodeExample(env) {
  const { code, text } = await run("node", ["examples/node/demo.mjs"], env);
  if (code !== 0 || !/"name": "Ann Lee"/.test(text)) throw new Error(text);
}

async function denoExample(env) {
  const args = ["run", "--config", "examples/deno/deno.json", "--allow-env", "--allow-read", "--allow-net=127.0.0.1", "examples/deno/main.ts", "ann@example.com", "Ann Deno"];
  const { code, text } = await run(join(bin, "deno"), args, { ...env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" });
  if (code !== 0 || !/renamed ann@example.com to Ann Deno/.test(text) || !/ann@example.com/.test(text)) throw new Error(text);
}

async function workerExample(env) {
  const dir = join(out, "worker");
  mkdirSync(dir, { recursive: true });
  // As wrangler does: bundle with the worker conditions; wasm stays a module of its own.
  await esbuild.build({
    entryPoints: [join(root, "examples/worker/src/index.js")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker"],
    mainFields: ["module", "main"],
    outfile: join(dir, "worker.js"),
    logLevel: "error",
    plugins: [{
      name: "wasm-module",
      setup(build) {
        build.onResolve({ filter: /\.wasm$/ }, () => ({ path: "./descope_mgmt_bg.wasm", external: true }));
      },
    }],
  });
  copyFileSync(join(root, "pkg/dist/descope_mgmt_bg.wasm"), join(dir, "descope_mgmt_bg.wasm"));
  const port = await freePort();
  const adminToken = "example-admin-token";
  const vars = { DESCOPE_PROJECT_ID: env.DESCOPE_PROJECT_ID, DESCOPE_MANAGEMENT_KEY: env.DESCOPE_MANAGEMENT_KEY, DESCOPE_BASE_URI: env.DESCOPE_BASE_URI, ADMIN_TOKEN: adminToken };
  writeFileSync(join(dir, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .w), (name = "loopback", network = (allow = ["local"])) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const w :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js"), (name = "descope_mgmt_bg.wasm", wasm = embed "descope_mgmt_bg.wasm") ],
  bindings = [ ${Object.entries(vars).map(([k, v]) => `(name = "${k}", text = ${JSON.stringify(v)})`).join(", ")} ],
  compatibilityDate = "2025-01-01",
  globalOutbound = "loopback",
);
`);
  const server = spawn(join(bin, "workerd"), ["serve", join(dir, "config.capnp")], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stderr.on("data", (d) => (log += d));
  try {
    const base = `http://127.0.0.1:${port}`;
    const auth = { authorization: `Bearer ${adminToken}` };
    let res;
    for (let i = 0; i < 50; i++) {
      res = await fetch(`${base}/users/ann%40example.com`, { headers: auth }).catch(() => null);
      if (res) break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    if (!res || res.status !== 200) throw new Error(`load: ${res?.status} ${log}`);
    const put = await fetch(`${base}/users/ann%40example.com/picture`, { method: "PUT", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ picture: "https://cdn.example.com/worker.png" }) });
    if ((await put.json()).picture !== "https://cdn.example.com/worker.png") throw new Error("picture not updated");
    const search = await (await fetch(`${base}/users?text=ann`, { headers: auth })).json();
    if (!search.users.some((u) => u.picture === "https://cdn.example.com/worker.png")) throw new Error("search does not show the update");
    const missing = await fetch(`${base}/users/nobody%40example.com`, { headers: auth });
    if (missing.status !== 400 || (await missing.json()).code !== "E112102") throw new Error("unknown user not reported");
    if ((await fetch(`${base}/users/ann%40example.com`)).status !== 401) throw new Error("no admin token, yet answered");
  } finally {
    server.kill("SIGTERM");
  }
}

const emu = await startEmulator(["--seed", join(root, "examples/demo-seed.json"), "--sample-users", "20"]);
const env = { DESCOPE_PROJECT_ID: PROJECT_ID, DESCOPE_MANAGEMENT_KEY: FAKE_KEY, DESCOPE_BASE_URI: emu.url };
let passed = 0;
let failed = 0;
for (const [name, example] of [["node", nodeExample], ["deno", denoExample], ["worker", workerExample]]) {
  try {
    await example(env);
    passed++;
    console.log(`PASS example ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL example ${name}\n${String(err?.message ?? err).split(FAKE_KEY).join("<redacted>").replace(/^/gm, "    ")}`);
  }
}
await emu.stop();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
