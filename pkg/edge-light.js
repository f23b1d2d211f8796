import "./init/edge-light.js";
export { DescopeManagement, DescopeError, wasmMemoryBytes } from "./core.js";
