// Deno runner: resolves "descope-mgmt" through node_modules and package.json "exports"
// (the `deno` condition).
import * as pkg from "descope-mgmt";
import { smoke } from "./smoke.mjs";

console.log(await smoke(pkg, { ...Deno.env.toObject(), RUNTIME: "deno" }));
