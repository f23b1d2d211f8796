// Node through require(): bundled by tools/build.sh into dist/node.cjs, which sits next
// to the wasm file (Node 20 cannot require() an ES module).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "../dist/descope_mgmt.js";

initSync({ module: readFileSync(join(__dirname, "descope_mgmt_bg.wasm")) });
