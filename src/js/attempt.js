// The JavaScript half of a call. `attempt` sends one attempt, started by the wasm for the npm
// package's `drive` (pkg/core.js) and for the Rust transport's futures (a Rust wasm app);
// `step` makes a step of a call for `drive`; `kindOf`, `put` and `get` let the engine read
// and build values in one call each.
//
// One attempt of a call, in one promise: the client's `fetch` option
// or the global `fetch` (never `window`; no credentials/mode/cache, which workerd rejects), the deadline, and the body
// read. It resolves to [status, retryAfter, body] — body parsed with Response.json() for a
// 2xx answer when `json` is set, else the text — and rejects with TIMEOUT when `ms` runs
// out (the request is then abandoned, not aborted), or with the runtime's error.
// A string: nothing fetch rejects with looks like it.
const TIMEOUT = "descope-mgmt: timeout";

export function attempt(url, method, headers, body, signal, ms, json, fetcher) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(reject, ms, TIMEOUT);
    const init = { method, headers };
    if (body !== undefined) init.body = body;
    if (signal) init.signal = signal;
    // Two reactions and no promise returned from a reaction (each of those costs the
    // microtask queue two more turns), where a then-chain with finally took five. No
    // closure here is bound to a name: the bundler's keep-names would name each one at
    // every attempt (an Object.defineProperty apiece).
    (fetcher ?? fetch)(url, init).then(
      (res) => {
        try {
          const { status } = res;
          const retryAfter = res.headers.get("retry-after");
          const ok = status >= 200 && status < 300;
          (ok && json ? res.json() : res.text()).then(
            (data) => {
              clearTimeout(timer);
              resolve([status, retryAfter, data]);
            },
            (err) => settleFailed(timer, reject, err),
          );
        } catch (err) {
          // A host fetch that resolved to something other than a Response.
          settleFailed(timer, reject, err);
        }
      },
      (err) => settleFailed(timer, reject, err),
    );
  });
}

function settleFailed(timer, reject, err) {
  clearTimeout(timer);
  reject(err);
}

// A step of a call for `drive` (below): `[what, a, b, c]`, made in one call.
export function step(what, a, b, c) {
  return [what, a, b, c];
}

// The kind of a value the engine reads, in one call (src/js/value.rs numbers them so): 0
// undefined, 1 null, 2 boolean, 3 number, 4 string, 5 array, 6 any other object, 7 the rest
// (functions, symbols, bigints).
export function kindOf(v) {
  switch (typeof v) {
    case "undefined":
      return 0;
    case "boolean":
      return 2;
    case "number":
      return 3;
    case "string":
      return 4;
    case "object":
      return v === null ? 1 : Array.isArray(v) ? 5 : 6;
    default:
      return 7;
  }
}

// Sets a key of a plain object the wasm made (a body, the headers).
export function put(obj, key, value) {
  obj[key] = value;
}

// Reads a key of an object the caller gave; a getter that throws reads as undefined.
export function get(obj, key) {
  try {
    return obj[key];
  } catch {
    return undefined;
  }
}

// JSON.parse and JSON.stringify returning what they threw, as an Error (neither ever
// returns one). wasm-bindgen's `catch` imports would cost a wrapper per call and, at
// instantiation, a compiled V8 stub each (see "Imports" in src/transport.rs).
const thrown = (e) => (e instanceof Error ? e : new Error(String(e)));

export function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return thrown(e);
  }
}

export function toJson(value) {
  try {
    return JSON.stringify(value);
  } catch (e) {
    return thrown(e);
  }
}
