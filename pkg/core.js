// The runtime-independent JavaScript surface. Each entry (node.js, web.js, workerd.js)
// first initializes the wasm module its own way, then re-exports this file.
import { Client, userMethods, descopeErrorClass, wasmMemoryBytes } from "./dist/descope_mgmt.js";

/** Bytes of wasm memory the module holds (a diagnostic, for leak checks). */
export { wasmMemoryBytes };

/** The error every call rejects with (an `Error` subclass). */
export const DescopeError = descopeErrorClass();

const USER_METHODS = userMethods();

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
    const { users, total } = await client.callUser("search", [{ ...request, page, limit: pageSize, offset: undefined }]);
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
    const user = {};
    // Plain closures, so `const { load } = descope.user` works as with node-sdk.
    for (const name of USER_METHODS) user[name] = (...args) => client.callUser(name, args);
    user.searchPages = (request, options) => searchPages(client, request, options);
    Object.defineProperty(this, "user", { value: Object.freeze(user), enumerable: true });
  }

  /**
   * A view of this client whose calls use other options: `{ timeoutMs, signal, retry }`.
   * It shares the configuration and the learnt rate-limit tier.
   */
  with(options) {
    return new DescopeManagement({ [VIEW]: this.#client.with(options) });
  }
}
