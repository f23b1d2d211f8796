// Source of dist/compat.cjs (built by tools/build.sh); not loaded directly. `./node.cjs` is
// the path from the output, which sits next to dist/node.cjs and shares its wasm instance.
// Like node-sdk's, the export is the function itself: `const DescopeClient = require(…)`.
const { DescopeManagement, DescopeError } = require("./node.cjs");
const { compatClient } = require("./core.js");

const DescopeClient = compatClient(DescopeManagement, DescopeError);
// For `import DescopeClient from` in TypeScript or a bundler, and a named import.
DescopeClient.default = DescopeClient;
DescopeClient.DescopeClient = DescopeClient;
module.exports = DescopeClient;
