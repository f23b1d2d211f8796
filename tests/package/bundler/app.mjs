// A small app that imports the package by name; bundled by esbuild (packaging.test.mjs)
// and the bundle run, as a Worker build would do it.
import * as pkg from "descope-mgmt";
import DescopeClient from "descope-mgmt/compat";
import { smoke } from "../runtimes/smoke.mjs";

console.log(await smoke({ ...pkg, DescopeClient }, { ...process.env, RUNTIME: "esbuild-bundle" }));
