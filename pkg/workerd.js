import "./init/workerd.js";
export { DescopeManagement, DescopeError } from "./core.js";
