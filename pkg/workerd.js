import "./init/workerd.js";
export { DescopeManagement, DescopeError, wasmMemoryBytes } from "./core.js";
