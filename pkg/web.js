import "./init/web.js";
export { DescopeManagement, DescopeError } from "./core.js";
