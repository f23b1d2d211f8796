// Node: read the wasm file next to the package and instantiate it synchronously.
import { initSync } from "../dist/descope_mgmt.js";

// process.getBuiltinModule (Node 20.16 and later) skips the ES module wrapper Node builds
// for an imported `node:fs` (a tenth of a cold start); older Nodes import it.
const { readFileSync } = globalThis.process.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));
initSync({ module: readFileSync(new URL("../dist/descope_mgmt_bg.wasm", import.meta.url)) });
