// The JavaScript half of a call. `attempt` sends one attempt, started by the wasm for the npm
// package's `drive` (pkg/core.js) and for the Rust transport's futures (a Rust wasm app);
// `step` makes a step of a call for `drive`; `kindOf`, `put` and `get` let the engine read
// and build values in one call each.
//
// One attempt of a call, in one promise: the client's `fetch` option or the global `fetch`
// (never `window`; no credentials/mode/cache, which workerd rejects), the deadline (see
// `SHARED` below), and the body read. It resolves to [status, retryAfter, body] — the
// Retry-After header of an answer other than a 2xx (else null), the body parsed with
// Response.json() for a 2xx answer when `json` is set, else the text — and rejects with
// TIMEOUT when `ms` runs out (the request is then abandoned, not aborted), or with the
// runtime's error.
// A string: nothing fetch rejects with looks like it.
const TIMEOUT = "descope-mgmt: timeout";

export function attempt(url, method, headers, body, signal, ms, json, fetcher) {
  return new Promise((resolve, reject) => {
    const deadline = SHARED ? track(Date.now() + ms, reject) : setTimeout(reject, ms, TIMEOUT);
    const init = { method, headers };
    if (body !== undefined) init.body = body;
    if (signal) init.signal = signal;
    send(url, init, json, fetcher, deadline, resolve, reject);
  });
}

// The request and its body read, awaited, settling `attempt`'s promise: V8's `await` costs
// less than a then-chain, whose reactions are closures made at every attempt. A host fetch
// that throws, or that resolves to something other than a Response, rejects it.
async function send(url, init, json, fetcher, deadline, resolve, reject) {
  try {
    const res = await (fetcher ?? fetch)(url, init);
    const { status } = res;
    const ok = status >= 200 && status < 300;
    // Read only where it counts (a 429, a 503): a header lookup is not free.
    const retryAfter = ok ? null : res.headers.get("retry-after");
    const data = await (ok && json ? res.json() : res.text());
    untrack(deadline);
    resolve([status, retryAfter, data]);
  } catch (err) {
    settleFailed(deadline, reject, err);
  }
}

// The deadlines. In Node one timer serves every attempt in flight, armed for the earliest
// deadline: a timer per attempt, set and cleared around each request, cost 4–7 % of a
// call's CPU there (bench/notes.md). It holds the event loop only while an attempt is in
// flight (unref'd when none is), as a timer per attempt would. Elsewhere each attempt has
// its own timer: a Worker's timer belongs to the request that set it, and Deno's timers
// have no unref.
const SHARED =
  typeof globalThis.process?.versions?.node === "string" &&
  globalThis.Deno === undefined &&
  globalThis.navigator?.userAgent !== "Cloudflare-Workers";
const live = new Set(); // { at, reject } of the attempts in flight
let sweeper; // the timer, armed for `sweepAt`
let sweepAt = Infinity;

function track(at, reject) {
  const deadline = { at, reject };
  live.add(deadline);
  if (at < sweepAt) arm(at);
  else if (live.size === 1) sweeper.ref();
  return deadline;
}

function untrack(deadline) {
  if (!SHARED) clearTimeout(deadline);
  else if (live.delete(deadline) && live.size === 0) sweeper?.unref();
}

function arm(at) {
  if (sweeper !== undefined) clearTimeout(sweeper);
  sweepAt = at;
  sweeper = setTimeout(sweep, at - Date.now());
}

// Rejects every attempt whose time is up, and arms the timer for the next deadline.
function sweep() {
  sweeper = undefined;
  sweepAt = Infinity;
  const now = Date.now();
  let next = Infinity;
  for (const deadline of live) {
    if (deadline.at <= now) {
      live.delete(deadline);
      deadline.reject(TIMEOUT);
    } else if (deadline.at < next) {
      next = deadline.at;
    }
  }
  if (next < Infinity) arm(next);
}

function settleFailed(deadline, reject, err) {
  untrack(deadline);
  reject(err);
}

// A step of call number `call` for pkg/core.js's `drive`: `[what, a, b, c, call]`, made in
// one call.
export function step(what, a, b, c, call) {
  return [what, a, b, c, call];
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

// Whether `v` is a string of more than white space, 1 or 0: Rust's `str::trim` has it
// (Unicode's White_Space, so U+0085 is white space and U+FEFF is not, unlike String's trim).
const NOT_WHITE = /[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
export function filled(v) {
  return typeof v === "string" && NOT_WHITE.test(v) ? 1 : 0;
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
