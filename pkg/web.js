import "./init/web.js";
export { DescopeManagement, DescopeError, wasmMemoryBytes } from "./core.js";
