// The JavaScript half of a call. `drive` (below) runs a call of the npm package step by step
// as the wasm decides them; `attempt` sends one attempt, started by the wasm for `drive` and
// for the Rust transport's futures (a Rust wasm app); `kindOf`, `put` and `get` let the
// engine read and build values in one call each.
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
    const fail = (err) => {
      clearTimeout(timer);
      reject(err);
    };
    const init = { method, headers };
    if (body !== undefined) init.body = body;
    if (signal) init.signal = signal;
    // Two reactions and no promise returned from a reaction (each of those costs the
    // microtask queue two more turns), where a then-chain with finally took five.
    (fetcher ?? fetch)(url, init).then((res) => {
      try {
        const { status } = res;
        const retryAfter = res.headers.get("retry-after");
        const ok = status >= 200 && status < 300;
        (ok && json ? res.json() : res.text()).then((data) => {
          clearTimeout(timer);
          resolve([status, retryAfter, data]);
        }, fail);
      } catch (err) {
        // A host fetch that resolved to something other than a Response.
        fail(err);
      }
    }, fail);
  });
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

// What the wasm's PendingCall asks for, and how it ended (see src/js/pending.rs).
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

// Runs one call of the npm package to its end: the wasm decides every step (the key, each
// attempt, each wait before a retry) and this loop only does it — one promise per step and
// no Rust future in the wasm. Resolves to the call's result or rejects with its DescopeError.
export async function drive(call) {
  try {
    let step = call.next(0, undefined);
    for (;;) {
      let outcome;
      switch (step[0]) {
        case KEY:
          // The host's key function: a value, or a promise of one.
          outcome = await within(new Promise((ok) => ok(step[1]())), step[2], step[3]);
          break;
        case SEND:
          // The attempt the wasm started (`attempt` above), awaited as it is.
          try {
            outcome = [OK, await step[1]];
          } catch (e) {
            outcome = [REJECTED, e];
          }
          break;
        case WAIT:
          outcome = await within(undefined, step[1], step[2]);
          break;
        case DONE:
          return step[1];
        default:
          throw step[1];
      }
      step = call.next(outcome[0], outcome[1]);
    }
  } finally {
    call.free();
  }
}
