// Runs every example against a private emulator seeded like the demo: the Node script,
// the Deno script, the Cloudflare Worker (bundled as wrangler bundles it, served by
// workerd without nodejs_compat, called over HTTP), the Rust Worker (workers-rs, built
// with worker-build, served by workerd) and the axum server (the crate's native
// transport). Prints "N passed, M failed".
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
    child.on("error", (err) => done({ code: -1, text: `${cmd}: ${err.message}` }));
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

/** Serves `modules` ([name, kind, file]) with workerd on a free port; `vars` become text bindings. */
async function serveWorker(dir, modules, vars) {
  mkdirSync(dir, { recursive: true });
  for (const [name, , file] of modules) copyFileSync(file, join(dir, name));
  const port = await freePort();
  writeFileSync(join(dir, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .w), (name = "loopback", network = (allow = ["local"])) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const w :Workerd.Worker = (
  modules = [ ${modules.map(([name, kind]) => `(name = "${name}", ${kind} = embed "${name}")`).join(", ")} ],
  bindings = [ ${Object.entries(vars).map(([k, v]) => `(name = "${k}", text = ${JSON.stringify(v)})`).join(", ")} ],
  compatibilityDate = "2025-01-01",
  globalOutbound = "loopback",
);
`);
  const server = spawn(join(bin, "workerd"), ["serve", join(dir, "config.capnp")], { stdio: ["ignore", "pipe", "pipe"] });
  const log = { text: "" };
  server.stdout.on("data", (d) => (log.text += d));
  server.stderr.on("data", (d) => (log.text += d));
  return { base: `http://127.0.0.1:${port}`, log, stop: () => server.kill("SIGTERM") };
}

/**
 * The admin API every server example offers (GET /users?text=, GET /users/:loginId,
 * PUT /users/:loginId/picture, an admin token), checked over HTTP: `picture` marks this
 * example's update.
 */
async function checkAdminApi(base, adminToken, picture, log) {
  const auth = { authorization: `Bearer ${adminToken}` };
  let res;
  for (let i = 0; i < 100; i++) {
    res = await fetch(`${base}/users/ann%40example.com`, { headers: auth }).catch(() => null);
    if (res) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  if (!res || res.status !== 200) throw new Error(`load: ${res?.status} ${log.text}`);
  if ((await res.json()).loginIds?.[0] !== "ann@example.com") throw new Error("load: not Ann");
  const put = await fetch(`${base}/users/ann%40example.com/picture`, { method: "PUT", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ picture }) });
  if ((await put.json()).picture !== picture) throw new Error(`picture not updated ${log.text}`);
  const search = await (await fetch(`${base}/users?text=ann`, { headers: auth })).json();
  if (!search.users?.some((u) => u.picture === picture)) throw new Error("search does not show the update");
  const missing = await fetch(`${base}/users/nobody%40example.com`, { headers: auth });
  if (missing.status !== 400 || (await missing.json()).code !== "E112102") throw new Error("unknown user not reported");
  if ((await fetch(`${base}/users/ann%40example.com`)).status !== 401) throw new Error("no admin token, yet answered");
}

const ADMIN_TOKEN = "example-admin-token";
const workerVars = (env) => ({ DESCOPE_PROJECT_ID: env.DESCOPE_PROJECT_ID, DESCOPE_MANAGEMENT_KEY: env.DESCOPE_MANAGEMENT_KEY, DESCOPE_BASE_URI: env.DESCOPE_BASE_URI, ADMIN_TOKEN });

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
    outfile: join(dir, "bundle.js"),
    logLevel: "error",
    plugins: [{
      name: "wasm-module",
      setup(build) {
        build.onResolve({ filter: /\.wasm$/ }, () => ({ path: "./descope_mgmt_bg.wasm", external: true }));
      },
    }],
  });
  const worker = await serveWorker(dir, [
    ["worker.js", "esModule", join(dir, "bundle.js")],
    ["descope_mgmt_bg.wasm", "wasm", join(root, "pkg/dist/descope_mgmt_bg.wasm")],
  ], workerVars(env));
  try {
    await checkAdminApi(worker.base, ADMIN_TOKEN, "https://cdn.example.com/worker.png", worker.log);
  } finally {
    worker.stop();
  }
}

// The Rust examples build into one target dir of their own (their own workspaces).
const cargoEnv = { CARGO_TARGET_DIR: join(root, "target/examples-rs"), CARGO_TERM_COLOR: "never" };

async function cargo(dir, args, env = {}) {
  const { code, text } = await run("cargo", args, { ...cargoEnv, ...env }, { cwd: dir });
  if (code !== 0) throw new Error(`cargo ${args.join(" ")} in ${dir}:\n${text.split("\n").filter((l) => !/^\s+Compiling /.test(l)).join("\n")}`);
}

/** workers-rs: built by worker-build with the local wasm-bindgen, wasm-opt and esbuild (it downloads nothing then). */
function workerBuildEnv() {
  const cargoBin = join(process.env.CARGO_HOME ?? join(process.env.HOME, ".cargo"), "bin");
  return { ...cargoEnv, WASM_BINDGEN_BIN: join(cargoBin, "wasm-bindgen"), WASM_OPT_BIN: join(bin, "wasm-opt"), ESBUILD_BIN: join(bin, "esbuild"), PATH: `${bin}:${cargoBin}:${process.env.PATH}` };
}

async function workersRsExample(env) {
  const dir = join(root, "examples/workers-rs");
  const { code, text } = await run("worker-build", ["--release"], workerBuildEnv(), { cwd: dir });
  if (code !== 0) throw new Error(`worker-build --release:\n${text.split("\n").filter((l) => !/^\s+Compiling /.test(l)).join("\n")}`);
  const worker = await serveWorker(join(out, "workers-rs"), [
    ["index.js", "esModule", join(dir, "build/index.js")],
    ["index_bg.wasm", "wasm", join(dir, "build/index_bg.wasm")],
  ], workerVars(env));
  try {
    await checkAdminApi(worker.base, ADMIN_TOKEN, "https://cdn.example.com/workers-rs.png", worker.log);
  } finally {
    worker.stop();
  }
}

async function axumExample(env) {
  const dir = join(root, "examples/axum");
  await cargo(dir, ["build", "--quiet"]);
  const port = await freePort();
  const server = spawn(join(cargoEnv.CARGO_TARGET_DIR, "debug/descope-axum-example"), [], {
    env: { ...process.env, ...env, ADMIN_TOKEN, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = { text: "" };
  server.stdout.on("data", (d) => (log.text += d));
  server.stderr.on("data", (d) => (log.text += d));
  try {
    await checkAdminApi(`http://127.0.0.1:${port}`, ADMIN_TOKEN, "https://cdn.example.com/axum.png", log);
    if (!/listening on http:\/\/127\.0\.0\.1:/.test(log.text)) throw new Error(`no listening line: ${log.text}`);
  } finally {
    server.kill("SIGTERM");
  }
}

const emu = await startEmulator(["--seed", join(root, "examples/demo-seed.json"), "--sample-users", "20"]);
const env = { DESCOPE_PROJECT_ID: PROJECT_ID, DESCOPE_MANAGEMENT_KEY: FAKE_KEY, DESCOPE_BASE_URI: emu.url };
let passed = 0;
let failed = 0;
for (const [name, example] of [["node", nodeExample], ["deno", denoExample], ["worker", workerExample], ["workers-rs", workersRsExample], ["axum", axumExample]]) {
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
