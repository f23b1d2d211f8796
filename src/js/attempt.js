// One attempt of a call, in one promise for the wasm to await: the client's `fetch` option
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
    (fetcher ?? fetch)(url, init)
      .then((res) => {
        const ok = res.status >= 200 && res.status < 300;
        const read = ok && json ? res.json() : res.text();
        return read.then((data) => [res.status, res.headers.get("retry-after"), data]);
      })
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}
