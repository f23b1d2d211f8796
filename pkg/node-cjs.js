// Source of dist/node.cjs (built by tools/build.sh); not loaded directly.
import "./init/node-cjs.js";
export { DescopeManagement, DescopeError, wasmMemoryBytes } from "./core.js";
