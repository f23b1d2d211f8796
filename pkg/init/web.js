// Browsers and Deno: fetch and instantiate the wasm file next to the package.
import init from "../dist/descope_mgmt.js";

await init({ module_or_path: new URL("../dist/descope_mgmt_bg.wasm", import.meta.url) });
