// Vercel Edge: its bundler turns a `?module` import into a compiled WebAssembly.Module
// (compiling bytes at run time is forbidden there), so instantiate it synchronously.
import wasmModule from "../dist/descope_mgmt_bg.wasm?module";
import { initSync } from "../dist/descope_mgmt.js";

initSync({ module: wasmModule });
