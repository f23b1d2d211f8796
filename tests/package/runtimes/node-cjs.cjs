// Node 20, CommonJS: `require` resolves the package's `node` → `require` export.
const pkg = require("descope-mgmt");
const DescopeClient = require("descope-mgmt/compat");

import("./smoke.mjs")
  .then(({ smoke }) => smoke({ ...pkg, DescopeClient }, { ...process.env, RUNTIME: "node-cjs" }))
  .then((line) => console.log(line))
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
