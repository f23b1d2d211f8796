// descope-mgmt/compat for Node's `import`: on dist/node.mjs, the package's Node entry, so both
// share one wasm instance.
import { DescopeManagement, DescopeError } from "../dist/node.mjs";
import { compatClient } from "./core.js";

/** node-sdk's `DescopeClient({ projectId, managementKey, baseUrl })`: `{ management }`. */
export const DescopeClient = compatClient(DescopeManagement, DescopeError);
export default DescopeClient;
