// The package as users get it: an esbuild bundle of an app that imports it, `npm pack`
// installed into a fresh project, and its TypeScript declarations.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import * as esbuild from "esbuild";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const run = promisify(execFile);
const here = fileURLToPath(new URL(".", import.meta.url));
const pkgDir = fileURLToPath(new URL("../../pkg", import.meta.url));

let emu;
let scratch;
let env;
before(async () => {
  emu = await startEmulator([]);
  scratch = await mkdtemp(join(tmpdir(), "descope-mgmt-"));
  env = { ...process.env, DESCOPE_PROJECT_ID: PROJECT_ID, DESCOPE_MANAGEMENT_KEY: FAKE_KEY, DESCOPE_BASE_URI: emu.url };
});
after(async () => {
  await emu?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test("an esbuild bundle of an app using the package runs", async () => {
  const outfile = join(scratch, "bundle.mjs");
  await esbuild.build({
    entryPoints: [join(here, "bundler/app.mjs")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    // As wrangler bundles a Worker: the `worker` export, the wasm file as bytes.
    conditions: ["worker"],
    mainFields: ["module", "main"],
    loader: { ".wasm": "binary" },
    target: "es2022", // esbuild otherwise decodes the wasm with Uint8Array.fromBase64, absent in Node 20
    outfile,
    logLevel: "error",
  });
  const { stdout } = await run("node", [outfile], { env });
  assert.match(stdout, /esbuild-bundle: updated .* and read it back/);
});

test("npm pack, installed into a fresh project, works by name", async () => {
  const { stdout } = await run("npm", ["pack", "--pack-destination", scratch, "--json"], { cwd: pkgDir });
  const [{ filename, files }] = JSON.parse(stdout);
  const packed = files.map((f) => f.path);
  for (const must of ["package.json", "index.d.ts", "node.js", "web.js", "workerd.js", "edge-light.js", "dist/descope_mgmt_bg.wasm", "dist/node.cjs", "dist/node.mjs", "dist/error.js"]) {
    assert.ok(packed.includes(must), `${must} is not in the tarball`);
  }
  assert.equal(packed.filter((p) => p.endsWith(".wasm")).length, 1, "one wasm file, shared by every runtime");
  assert.ok(!packed.some((p) => p.startsWith("init/node-cjs") || p === "node-cjs.js"), "build-only sources are left out");

  const project = join(scratch, "app");
  await run("mkdir", ["-p", project]);
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  await run("npm", ["install", "--no-audit", "--no-fund", "--offline", join(scratch, filename)], { cwd: project });
  assert.ok((await readdir(join(project, "node_modules"))).includes("descope-mgmt"));
  await writeFile(
    join(project, "main.mjs"),
    `import { DescopeManagement } from "descope-mgmt";
     const d = DescopeManagement.fromEnv(process.env);
     const u = await d.user.create("packed@example.com", { displayName: "Packed" });
     console.log(JSON.stringify(await d.user.load(u.userId)));`,
  );
  const out = await run("node", ["main.mjs"], { cwd: project, env });
  assert.equal(JSON.parse(out.stdout).name, "Packed");
  await writeFile(join(project, "main.cjs"), `require("descope-mgmt").DescopeManagement.fromEnv(process.env).user.load("packed@example.com").then((u) => console.log(u.name));`);
  assert.equal((await run("node", ["main.cjs"], { cwd: project, env })).stdout.trim(), "Packed");
});

test("the TypeScript declarations type every method, and reject a wrong argument", async () => {
  const tsc = join(here, "node_modules/.bin/tsc");
  await run(tsc, ["-p", join(here, "types/tsconfig.json")]);
  const failed = await run(tsc, ["-p", join(here, "types/tsconfig.fail.json")]).then(
    () => null,
    (err) => err,
  );
  assert.ok(failed, "fail.ts compiled: the types accept anything");
  assert.match(failed.stdout, /fail\.ts\(5,\d+\): error TS2345: Argument of type 'number' is not assignable to parameter of type 'string'/);
});
