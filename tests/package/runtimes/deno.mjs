// Deno runner: resolves "descope-mgmt" through node_modules and package.json "exports"
// (the `deno` condition).
import * as pkg from "descope-mgmt";
import DescopeClient from "descope-mgmt/compat";
import { smoke } from "./smoke.mjs";

console.log(await smoke({ ...pkg, DescopeClient }, { ...Deno.env.toObject(), RUNTIME: "deno" }));
