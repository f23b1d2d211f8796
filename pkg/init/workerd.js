// Cloudflare Workers / workerd: the wasm arrives as a compiled module (compiling bytes at
// run time is forbidden there), so instantiate it synchronously.
import wasmModule from "../dist/descope_mgmt_bg.wasm";
import { initSync } from "../dist/descope_mgmt.js";

initSync({ module: wasmModule });
