// descope-mgmt/compat for Vercel Edge: on the package's own entry, so that both share one wasm
// instance.
import { DescopeManagement, DescopeError } from "../edge-light.js";
import { compatClient } from "./core.js";

/** node-sdk's `DescopeClient({ projectId, managementKey, baseUrl })`: `{ management }`. */
export const DescopeClient = compatClient(DescopeManagement, DescopeError);
export default DescopeClient;
