import "./init/node.js";
export { DescopeManagement, DescopeError, wasmMemoryBytes } from "./core.js";
