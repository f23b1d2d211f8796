// The runtime-independent JavaScript surface. Each entry (node.js, web.js, workerd.js)
// first initializes the wasm module its own way, then re-exports this file.
// Nothing here may call into wasm while modules load: in browsers and Deno the entry's
// top-level `await init()` may still be running when this module is evaluated.
import { Client, functions, wasmMemoryBytes } from "./dist/descope_mgmt.js";
import { DescopeError } from "./dist/error.js";

/** Bytes of wasm memory the module holds (a diagnostic, for leak checks). */
export { wasmMemoryBytes };

/** The error every call rejects with (an `Error` subclass). */
export { DescopeError };

let catalogue; // [[group, [name, …]], …], read from the wasm at the first client

function invalidArgument(argument, reason) {
  const description = `${argument} ${reason}`;
  return new DescopeError(`Descope [invalid_argument] ${description}`, {
    status: 0,
    code: "invalid_argument",
    description,
    argument,
  });
}

// Walks every page of `search`: pages of `pageSize`, stopping at `total` or a short page.
// The same walk as the Rust `SearchPager`.
async function* searchPages(client, request, options) {
  const pageSize = options?.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize <= 0) throw invalidArgument("pageSize", "must be a positive integer");
  if (request != null && (typeof request !== "object" || Array.isArray(request))) {
    throw invalidArgument("request", "must be an object");
  }
  let page = request?.page ?? 0;
  let seen = 0;
  for (;;) {
    const { users, total } = await client.call("user", "search", [{ ...request, page, limit: pageSize, offset: undefined }]);
    yield { users, total, page };
    seen += users.length;
    page += 1;
    if (users.length < pageSize || seen >= total) return;
  }
}

// Lets `with` build a view around an existing wasm client.
const VIEW = Symbol("descope-mgmt view");

/** A client for Descope's Management API. */
export class DescopeManagement {
  #client;

  constructor(options) {
    this.#client = options?.[VIEW] ?? new Client(options);
    const client = this.#client;
    catalogue ??= functions();
    for (const [group, names] of catalogue) {
      const api = {};
      // Plain closures, so `const { load } = descope.user` works as with node-sdk.
      for (const name of names) api[name] = (...args) => client.call(group, name, args);
      if (group === "user") api.searchPages = (request, options) => searchPages(client, request, options);
      Object.defineProperty(this, group, { value: Object.freeze(api), enumerable: true });
    }
  }

  /**
   * A client configured from the host's environment: any object holding
   * `DESCOPE_PROJECT_ID`, `DESCOPE_MANAGEMENT_KEY` and optionally `DESCOPE_BASE_URI` (a
   * Worker's `env`, `Deno.env.toObject()`, `process.env`). `options` adds or overrides
   * the other options.
   */
  static fromEnv(env, options = {}) {
    if (env === null || typeof env !== "object") {
      throw invalidArgument("env", "must be an object such as a Worker's env, Deno.env.toObject() or process.env");
    }
    const read = (name) => (typeof env[name] === "string" && env[name] !== "" ? env[name] : undefined);
    const projectId = read("DESCOPE_PROJECT_ID");
    const managementKey = read("DESCOPE_MANAGEMENT_KEY");
    const baseUrl = read("DESCOPE_BASE_URI");
    const missing = [];
    if (!projectId && !options.projectId) missing.push("DESCOPE_PROJECT_ID");
    if (!managementKey && !options.managementKey && !baseUrl && !options.baseUrl) missing.push("DESCOPE_MANAGEMENT_KEY");
    if (missing.length > 0) {
      throw invalidArgument(`env.${missing[0]}`, `is missing (${missing.join(" and ")} must be set in the host's environment)`);
    }
    return new DescopeManagement({ projectId, managementKey, baseUrl, ...options });
  }

  /**
   * A view of this client whose calls use other options: `{ timeoutMs, signal, retry }`.
   * It shares the configuration and the learnt rate-limit tier.
   */
  with(options) {
    return new DescopeManagement({ [VIEW]: this.#client.with(options) });
  }
}
