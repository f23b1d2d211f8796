// Node: read the wasm file next to the package and instantiate it synchronously.
import { readFileSync } from "node:fs";
import { initSync } from "../dist/descope_mgmt.js";

initSync({ module: readFileSync(new URL("../dist/descope_mgmt_bg.wasm", import.meta.url)) });
