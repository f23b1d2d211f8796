// The runtime-independent JavaScript surface. Each entry (node.js, web.js, workerd.js)
// first initializes the wasm module its own way, then re-exports this file.
// Nothing here may call into wasm while modules load: in browsers and Deno the entry's
// top-level `await init()` may still be running when this module is evaluated.
import { Client, callEnd, callNext, functions, wasmMemoryBytes } from "./dist/descope_mgmt.js";
import { DescopeError } from "./dist/error.js";

/** Bytes of wasm memory the module holds (a diagnostic, for leak checks). */
export { wasmMemoryBytes };

/** The error every call rejects with (an `Error` subclass). */
export { DescopeError };

let catalogue; // [[group, name, …], …], read from the wasm at the first client
let searchAt; // where user.search is in it: the wasm calls a function by its place

function invalidArgument(argument, reason) {
  const description = `${argument} ${reason}`;
  return new DescopeError(`Descope [invalid_argument] ${description}`, {
    status: 0,
    code: "invalid_argument",
    description,
    argument,
  });
}

// What a call's next step asks for, and how it ended (see src/js/pending.rs).
const KEY = 0, SEND = 1, WAIT = 2, DONE = 3;
const OK = 1, REJECTED = 2, STOPPED = 3;

// Settles with [OK, value] or [REJECTED, error] as `work` does, or with [STOPPED] when `ms`
// pass or `signal` aborts first; its timer and listener are always removed.
function within(work, ms, signal) {
  return new Promise((resolve) => {
    const end = (outcome) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", stop);
      resolve(outcome);
    };
    const stop = () => end([STOPPED]);
    const timer = setTimeout(stop, ms);
    signal?.addEventListener("abort", stop);
    work?.then((value) => end([OK, value]), (error) => end([REJECTED, error]));
  });
}

// Runs a call to its end from its first step (`Client.callAt`'s): the wasm decides every
// step (the key, each attempt, each wait before a retry) and this loop only does it, one
// promise per step and no Rust future in the wasm. Resolves to the call's result or
// rejects with its DescopeError; the call is always ended.
async function drive(asked) {
  const call = asked[4];
  try {
    for (;;) {
      let how, value;
      switch (asked[0]) {
        case KEY:
          // The host's key function: a value, or a promise of one.
          [how, value] = await within(new Promise((ok) => ok(asked[1]())), asked[2], asked[3]);
          break;
        case SEND: {
          // The attempt the wasm started (attempt.js's `attempt`), awaited as it is.
          try {
            value = await asked[1];
            how = OK;
          } catch (e) {
            value = e;
            how = REJECTED;
          }
          // A 2xx answer whose data is plain is taken here (`plain_data` in
          // src/js/pending.rs says how): true all of it, a key the value under it.
          // Anything else goes back to the wasm, which decides and names errors.
          const plain = asked[2];
          if (how === OK && plain !== undefined && value[0] >= 200 && value[0] < 300) {
            const data = value[2];
            if (plain === true) return data;
            if (typeof data === "object" && data !== null && !Array.isArray(data) && data[plain] !== undefined) return data[plain];
          }
          break;
        }
        case WAIT:
          [how, value] = await within(undefined, asked[1], asked[2]);
          break;
        case DONE:
          return asked[1];
        default:
          throw asked[1];
      }
      asked = callNext(call, how, value);
    }
  } finally {
    callEnd(call);
  }
}

// Walks every page of `search`: pages of `pageSize`, stopping at `total` or a short page.
// The same walk as the Rust `SearchPager`.
async function* searchPages(client, request, options) {
  if (searchAt === undefined) throw new Error("descope-mgmt: the user group has no search");
  const pageSize = options?.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize <= 0) throw invalidArgument("pageSize", "must be a positive integer");
  if (request != null && (typeof request !== "object" || Array.isArray(request))) {
    throw invalidArgument("request", "must be an object");
  }
  let page = request?.page ?? 0;
  let seen = 0;
  for (;;) {
    const { users, total } = await drive(client.callAt(searchAt, [{ ...request, page, limit: pageSize, offset: undefined }], Date.now()));
    yield { users, total, page };
    seen += users.length;
    page += 1;
    if (users.length < pageSize || seen >= total) return;
  }
}

// Headers the client sets itself: extra `headers` may not replace them.
const OWN_HEADERS = new Set(["authorization", "x-descope-project-id", "x-descope-sdk-name", "x-descope-sdk-version", "x-descope-license", "content-type"]);

/**
 * node-sdk's client options `fetch`, `headers`, `hooks` and `logger`, as one `fetch` the wasm
 * calls for every attempt (the license handshake included). Hooks and the logger see the
 * method, URL, status and headers, never the Authorization header (the key).
 */
function hostFetch({ fetch: custom, headers, baseHeaders, hooks, logger }) {
  // node-sdk's name for the extra headers, in any form a HeadersInit takes.
  if (headers === undefined && baseHeaders !== undefined && baseHeaders !== null) {
    headers = typeof baseHeaders === "object" && !Array.isArray(baseHeaders) && !(baseHeaders instanceof Headers) ? baseHeaders : Object.fromEntries(new Headers(baseHeaders));
  }
  if (custom === undefined && headers === undefined && hooks === undefined && logger === undefined) return undefined;
  if (custom !== undefined && typeof custom !== "function") throw invalidArgument("options.fetch", "must be a function (a fetch)");
  const extra = Object.entries(headers ?? {});
  if (headers !== undefined && (headers === null || typeof headers !== "object" || Array.isArray(headers))) {
    throw invalidArgument("options.headers", "must be an object of header names and values");
  }
  for (const [name, value] of extra) {
    if (typeof value !== "string") throw invalidArgument(`options.headers.${name}`, "must be a string");
    if (OWN_HEADERS.has(name.toLowerCase())) throw invalidArgument(`options.headers.${name}`, "is set by the client and cannot be replaced");
  }
  if (hooks !== undefined && (hooks === null || typeof hooks !== "object")) throw invalidArgument("options.hooks", "must be an object");
  // A hook or a list of them (node-sdk takes both).
  const hookList = (name) => {
    const h = hooks?.[name];
    const list = h === undefined ? [] : Array.isArray(h) ? h : [h];
    if (list.some((f) => typeof f !== "function")) throw invalidArgument(`options.hooks.${name}`, "must be a function or a list of functions");
    return list;
  };
  const before = hookList("beforeRequest");
  const after = hookList("afterRequest");
  if (logger !== undefined && (logger === null || typeof logger !== "object")) throw invalidArgument("options.logger", "must be an object with debug, info, warn or error functions");
  const log = (level, message) => {
    const f = logger?.[level] ?? (level === "info" ? logger?.log : undefined);
    if (typeof f === "function") {
      try {
        f.call(logger, message);
      } catch {
        // A logger that throws must not fail the call.
      }
    }
  };
  // What a hook may see of a request: everything but the key.
  const visible = (url, init, headers) => {
    const shown = {};
    headers.forEach((value, name) => {
      if (name !== "authorization") shown[name] = value;
    });
    return { url: String(url), method: init.method ?? "GET", headers: shown, body: init.body };
  };
  return async (url, init) => {
    const all = new Headers(init.headers);
    for (const [name, value] of extra) all.set(name, value);
    const request = visible(url, init, all);
    const path = new URL(request.url).pathname;
    for (const hook of before) await hook(request);
    const started = Date.now();
    let response;
    try {
      response = await (custom ?? globalThis.fetch)(url, { ...init, headers: all });
    } catch (err) {
      log("warn", `descope-mgmt: ${request.method} ${path} failed before an answer (${err?.name ?? "error"}); it may be re-sent`);
      throw err;
    }
    const status = response.status;
    if (path === "/v1/mgmt/license") log("debug", `descope-mgmt: license handshake answered ${status}`);
    else if (status === 429) log("warn", `descope-mgmt: ${request.method} ${path} was rate limited (429, Retry-After ${response.headers.get("retry-after") ?? "none"})`);
    else if ([503, 520, 521, 522, 523, 524, 530].includes(status)) log("warn", `descope-mgmt: ${request.method} ${path} answered ${status}; it may be re-sent`);
    else log("debug", `descope-mgmt: ${request.method} ${path} answered ${status}`);
    const info = { status, headers: Object.fromEntries(response.headers), durationMs: Date.now() - started };
    for (const hook of after) await hook(request, info);
    return response;
  };
}

// Client.make and Client.with give undefined and put the DescopeError here (see `or_put`
// in src/js/mod.rs: a Result would cost the cold start a compiled wrapper).
const thrown = [];
function made(client) {
  if (client !== undefined) return client;
  const err = thrown[0];
  thrown[0] = undefined;
  throw err;
}

// Lets `with` build a view around an existing wasm client.
const VIEW = Symbol("descope-mgmt view");

/** A client for Descope's Management API. */
export class DescopeManagement {
  #client;

  constructor(options) {
    if (options?.[VIEW]) {
      this.#client = options[VIEW];
    } else {
      const { fetch, headers, baseHeaders, hooks, logger, ...rest } = options ?? {};
      // hostFetch only when one of its options is given: its first run compiles it, ~0.2 ms
      // of a cold start.
      const wanted = fetch !== undefined || headers !== undefined || baseHeaders !== undefined || hooks !== undefined || logger !== undefined;
      const host = wanted && options !== null && typeof options === "object" ? hostFetch({ fetch, headers, baseHeaders, hooks, logger }) : undefined;
      this.#client = made(Client.make(host ? { ...rest, fetch: host } : options, thrown));
    }
    const client = this.#client;
    catalogue ??= functions()
      .split("\n")
      .map((line) => line.split(" "));
    let index = 0; // of each function in the catalogue's order, which the wasm calls it by
    for (const [group, ...names] of catalogue) {
      const first = index;
      index += names.length;
      if (group === "user" && names.includes("search")) searchAt = first + names.indexOf("search");
      // Each group's functions are made when the group is first read: a client costs
      // nothing for the groups it never uses (a sixth of a cold start).
      let api;
      const made = () => {
        api = {};
        // Plain closures, so `const { load } = descope.user` works as with node-sdk.
        names.forEach((name, i) => {
          api[name] = (...args) => drive(client.callAt(first + i, args, Date.now()));
        });
        if (group === "user") api.searchPages = (request, options) => searchPages(client, request, options);
        return Object.freeze(api);
      };
      Object.defineProperty(this, group, { get: () => api ?? made(), enumerable: true });
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
    return new DescopeManagement({ [VIEW]: made(this.#client.with(options, thrown)) });
  }
}
