// A Cloudflare worker that uses the package the way a deployed one would: credentials from
// `env`, the wasm imported as a module. Run by `workerd test` (tests/workerd/run.mjs).
import * as pkg from "./descope-mgmt/workerd.js";
import DescopeClient from "./descope-mgmt/compat/workerd.js";
import { smoke } from "./smoke.mjs";

const { DescopeManagement, DescopeError } = pkg;

function client(env) {
  return new DescopeManagement({
    projectId: env.DESCOPE_PROJECT_ID,
    managementKey: env.DESCOPE_MANAGEMENT_KEY,
    baseUrl: env.DESCOPE_BASE_URL,
  });
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}

export default {
  async fetch(request, env) {
    const loginId = new URL(request.url).searchParams.get("loginId");
    try {
      return Response.json(await client(env).user.load(loginId));
    } catch (err) {
      return Response.json({ code: err.code }, { status: err.status || 500 });
    }
  },

  async test(_controller, env) {
    // The package's runtime test (tests/package/runtimes/smoke.mjs), then the worker's own.
    console.log(await smoke({ ...pkg, DescopeClient }, { ...env, RUNTIME: "workerd", DESCOPE_BASE_URI: env.DESCOPE_BASE_URL }));
    const descope = client(env);
    const loginId = `worker-${Date.now()}-${Math.random().toString(36).slice(2)}@workerd.example.com`;
    await descope.user.create(loginId, { email: "w@example.com" });
    const updated = await descope.user.updatePicture(loginId, "https://cdn.example.com/worker.png");
    check(updated.picture === "https://cdn.example.com/worker.png", `update answered ${JSON.stringify(updated)}`);
    const loaded = await descope.user.load(loginId);
    check(loaded.picture === "https://cdn.example.com/worker.png", `load answered ${JSON.stringify(loaded)}`);

    let rejected = null;
    try {
      await descope.user.load(`missing-${loginId}`);
    } catch (err) {
      rejected = err;
    }
    check(rejected instanceof DescopeError && rejected.code === "E112102", `expected E112102, got ${rejected}`);
  },
};
