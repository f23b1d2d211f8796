import "./init/node.js";
export { DescopeManagement, DescopeError } from "./core.js";
