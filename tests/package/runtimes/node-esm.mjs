// Node 20, ES modules: `import` resolves the package's `node` → `import` export.
import * as pkg from "descope-mgmt";
import DescopeClient from "descope-mgmt/compat";
import { smoke } from "./smoke.mjs";

console.log(await smoke({ ...pkg, DescopeClient }, { ...process.env, RUNTIME: "node-esm" }));
