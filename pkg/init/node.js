// Node: read the wasm file next to the package and instantiate it synchronously.
import { initSync } from "../dist/descope_mgmt.js";

// process.getBuiltinModule (Node 20.16 and later) skips the ES module wrapper Node builds
// for an imported `node:fs` (a tenth of a cold start); older Nodes import it. The file's
// path comes from import.meta.dirname (Node 20.11 and later) where it can: a process's
// first `new URL` costs ~0.3 ms.
const { readFileSync } = globalThis.process.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));
const dir = import.meta.dirname;
initSync({ module: readFileSync(dir === undefined ? new URL("../dist/descope_mgmt_bg.wasm", import.meta.url) : `${dir}/../dist/descope_mgmt_bg.wasm`) });
