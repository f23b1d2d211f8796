// Vercel's edge-runtime: the package's `edge-light` export, bundled the way Vercel's
// bundler does it (a `?module` wasm import becomes a compiled WebAssembly.Module), then run
// inside the EdgeRuntime VM, which has no Node globals.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { EdgeRuntime } from "edge-runtime";

const here = dirname(fileURLToPath(import.meta.url));

const wasmModuleImports = {
  name: "wasm-module",
  setup(build) {
    build.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/\?module$/, "")),
      namespace: "wasm-module",
    }));
    // The bytes are handed to the VM, which compiles them when the bundle loads.
    build.onLoad({ filter: /.*/, namespace: "wasm-module" }, () => ({
      contents: "export default new WebAssembly.Module(globalThis.__DESCOPE_WASM_BYTES__);",
      loader: "js",
    }));
  },
};

const bundle = await esbuild.build({
  stdin: {
    contents: `import * as pkg from "descope-mgmt"; import DescopeClient from "descope-mgmt/compat";
               import { smoke } from "./smoke.mjs";
               globalThis.__runSmoke = (env) => smoke({ ...pkg, DescopeClient }, env);`,
    resolveDir: here,
    sourcefile: "edge-entry.js",
  },
  bundle: true,
  format: "iife",
  platform: "neutral",
  conditions: ["edge-light"],
  mainFields: ["module", "main"],
  plugins: [wasmModuleImports],
  write: false,
  logLevel: "warning",
  logOverride: { "empty-import-meta": "silent" },
});

const wasmPath = resolve(here, "../node_modules/descope-mgmt/dist/descope_mgmt_bg.wasm");
const bytes = new Uint8Array(await readFile(wasmPath));
const runtime = new EdgeRuntime({
  extend: (context) => Object.assign(context, { __DESCOPE_WASM_BYTES__: bytes }),
});
runtime.evaluate(bundle.outputFiles[0].text);
const env = { ...process.env, RUNTIME: "edge-runtime" };
// Only the variables the smoke test reads enter the VM.
const picked = Object.fromEntries(
  ["DESCOPE_PROJECT_ID", "DESCOPE_MANAGEMENT_KEY", "DESCOPE_BASE_URI", "RUNTIME"].map((k) => [k, env[k]]),
);
console.log(await runtime.context.__runSmoke(picked));
