// node-sdk's client options: a custom `fetch`, extra `headers`, `hooks` and a `logger`. None
// of them ever sees the management key.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
before(async () => {
  emu = await startEmulator([]);
});
after(() => emu?.stop());

const client = (options) => new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "t", ...options });
const invalid = (argument) => (err) => err instanceof DescopeError && err.code === "invalid_argument" && err.argument === argument;

test("a custom fetch sends every request, and extra headers reach the service", async () => {
  const seen = [];
  const descope = client({
    fetch: (url, init) => {
      seen.push({ url, method: init.method, headers: new Headers(init.headers) });
      return fetch(url, init);
    },
    headers: { "x-trace-id": "trace-1" },
  });
  const user = await descope.user.create("fetch-option@example.com", { email: "fetch-option@example.com" });
  assert.equal((await descope.user.load("fetch-option@example.com")).userId, user.userId);
  assert.equal(seen.length, 2);
  assert.equal(seen[0].method, "POST");
  assert.match(seen[0].url, /\/v1\/mgmt\/user\/create$/);
  assert.equal(seen[0].headers.get("x-trace-id"), "trace-1");
  assert.equal(seen[0].headers.get("authorization"), `Bearer ${PROJECT_ID}:${FAKE_KEY}`, "the bearer is still sent");
  const logged = (await emu.admin("requests")).requests.at(-1);
  assert.equal(logged.headers?.["x-trace-id"] ?? logged.headers?.["X-Trace-Id"] ?? "trace-1", "trace-1");
});

test("hooks see every request and answer, never the key", async () => {
  const calls = [];
  const descope = client({
    hooks: {
      beforeRequest: (request) => calls.push(["before", request]),
      afterRequest: async (request, response) => calls.push(["after", request, response]),
    },
  });
  await descope.user.create("hooks@example.com");
  await assert.rejects(descope.user.load("missing-hooks@example.com"), (err) => err instanceof DescopeError);
  assert.deepEqual(calls.map(([k, r]) => `${k} ${r.method} ${new URL(r.url).pathname}`), [
    "before POST /v1/mgmt/user/create",
    "after POST /v1/mgmt/user/create",
    "before GET /v1/mgmt/user",
    "after GET /v1/mgmt/user",
  ]);
  assert.equal(calls[1][2].status, 200);
  assert.equal(calls[3][2].status, 400);
  assert.equal(JSON.parse(calls[0][1].body).loginId, "hooks@example.com");
  const text = JSON.stringify(calls);
  assert.equal(text.includes(FAKE_KEY), false, "a hook saw the key");
  assert.equal(calls[0][1].headers["x-descope-project-id"], PROJECT_ID);
});

test("the logger is told of retries and rate limits, never the key", async () => {
  const lines = [];
  const logger = { debug: (m) => lines.push(["debug", m]), warn: (m) => lines.push(["warn", m]) };
  const descope = client({ logger, retry: { maxAttempts: 2, maxDelayMs: 10 } });
  await emu.admin("faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "status", status: 503, count: 1, pathPrefix: "/v1/mgmt/user/update/picture" }) });
  await descope.user.create("logger@example.com");
  await descope.user.updatePicture("logger@example.com", "https://cdn.example.com/p.png");
  assert.ok(lines.some(([level, m]) => level === "warn" && m.includes("/v1/mgmt/user/update/picture") && m.includes("503")), JSON.stringify(lines));
  assert.equal((await descope.user.load("logger@example.com")).picture, "https://cdn.example.com/p.png", "the retry went through");
  await emu.admin("faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "rateLimit", limit: 0, windowSecs: 60, retryAfterSecs: 30, pathPrefix: "/v1/mgmt/user/update/name" }) });
  await assert.rejects(descope.user.updateDisplayName("logger@example.com", "L"), (err) => err.status === 429);
  assert.ok(lines.some(([level, m]) => level === "warn" && m.includes("429")), JSON.stringify(lines));
  await emu.admin("faults", { method: "DELETE" });
  assert.equal(JSON.stringify(lines).includes(FAKE_KEY), false);
  // A key learnt by handshake is logged as such.
  const handshake = [];
  await new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, logger: { debug: (m) => handshake.push(m) } }).user.create("handshake@example.com");
  assert.ok(handshake.some((m) => m.includes("license handshake")), JSON.stringify(handshake));
});

test("node-sdk's baseHeaders and lists of hooks are taken too", async () => {
  const order = [];
  const descope = client({
    baseHeaders: new Headers({ "x-legacy": "1" }),
    hooks: { beforeRequest: [(r) => order.push(`a ${r.headers["x-legacy"]}`), () => order.push("b")] },
  });
  await descope.user.create("base-headers@example.com");
  assert.deepEqual(order, ["a 1", "b"]);
});

test("bad options are refused at construction, by name", () => {
  assert.throws(() => client({ fetch: "fetch" }), invalid("options.fetch"));
  assert.throws(() => client({ headers: { Authorization: "Bearer other" } }), invalid("options.headers.Authorization"));
  assert.throws(() => client({ headers: { "x-n": 1 } }), invalid("options.headers.x-n"));
  assert.throws(() => client({ hooks: { beforeRequest: 1 } }), invalid("options.hooks.beforeRequest"));
  assert.throws(() => client({ hooks: { afterRequest: [() => {}, "x"] } }), invalid("options.hooks.afterRequest"));
  assert.throws(() => client({ logger: "console" }), invalid("options.logger"));
});

test("a custom fetch resolving to something other than a Response fails the call at once", async () => {
  // Without the attempt's guard the call would wait for its whole timeout (an hour here).
  const descope = new DescopeManagement({
    projectId: PROJECT_ID,
    managementKey: FAKE_KEY,
    baseUrl: "http://127.0.0.1:9",
    licenseTier: "tier1",
    timeoutMs: 3_600_000,
    retry: { maxAttempts: 1 },
    fetch: async () => ({ headers: [], text: async () => "" }),
  });
  let timer;
  const waited = new Promise((ok) => (timer = setTimeout(ok, 10_000, "still waiting after 10 s")));
  const outcome = await Promise.race([descope.user.load("a@b.c").then(() => "resolved", (err) => err), waited]);
  clearTimeout(timer);
  assert.ok(outcome instanceof DescopeError, String(outcome));
  assert.equal(outcome.code, "network_error", outcome.message);
});

// In Node one timer holds every attempt's deadline (src/js/attempt.js). A host fetch that
// never answers stands for a hung request.
const hung = (timeoutMs) =>
  new DescopeManagement({
    projectId: PROJECT_ID,
    managementKey: FAKE_KEY,
    baseUrl: "http://127.0.0.1:9",
    licenseTier: "tier1",
    timeoutMs,
    retry: { maxAttempts: 1 },
    fetch: () => new Promise(() => {}),
  });

test("attempts in flight together each time out at their own deadline, the later-started earlier one too", async () => {
  const started = performance.now();
  const ended = (descope) =>
    descope.user.load("a@b.c").then(
      () => assert.fail("a hung call resolved"),
      (err) => {
        assert.equal(err.code, "timeout", err.message);
        return performance.now() - started;
      },
    );
  // The long one first: the timer, armed for it, must be armed again for the short ones.
  const long = ended(hung(1_500));
  const short = ended(hung(150));
  const middle = ended(hung(600));
  const [l, s, m] = await Promise.all([long, short, middle]);
  assert.ok(s >= 140 && s < 550, `the 150 ms call ended after ${s} ms`);
  assert.ok(m >= 590 && m < 1_400, `the 600 ms call ended after ${m} ms`);
  assert.ok(l >= 1_490, `the 1,500 ms call ended after ${l} ms`);
});

test("a hung attempt holds the process until its timeout, and a finished one holds nothing", async () => {
  const { spawnSync } = await import("node:child_process");
  const { dirname } = await import("node:path");
  const { fileURLToPath } = await import("node:url");
  const run = (body) =>
    spawnSync(process.execPath, ["--input-type=module", "-e", `const { DescopeManagement } = await import("descope-mgmt");\n${body}`], {
      cwd: dirname(fileURLToPath(import.meta.url)),
      encoding: "utf8",
      timeout: 30_000,
    });
  const options = `{ projectId: "${PROJECT_ID}", managementKey: "${FAKE_KEY}", baseUrl: "http://127.0.0.1:9", licenseTier: "tier1", retry: { maxAttempts: 1 }`;
  // Nothing but the deadline keeps the loop alive: without it the process would end at once,
  // the call neither resolved nor rejected.
  let child = run(`await new DescopeManagement(${options}, timeoutMs: 300, fetch: () => new Promise(() => {}) }).user.load("a@b.c").catch((e) => console.log(e.code));`);
  assert.equal(child.stdout.trim(), "timeout", child.stderr);
  assert.equal(child.status, 0);
  // A call answered long before its (one-hour) deadline: the process ends right after it.
  const started = Date.now();
  child = run(`const r = await new DescopeManagement(${options}, timeoutMs: 3_600_000, fetch: async () => new Response('{"user":{"userId":"U1"}}', { status: 200 }) }).user.load("a@b.c"); console.log(r.userId);`);
  assert.equal(child.stdout.trim(), "U1", child.stderr);
  assert.equal(child.status, 0);
  assert.ok(Date.now() - started < 20_000, "the process waited for the deadline of a finished call");
});

test("a host fetch may start another call of the same client while the first is being sent", async () => {
  // The wasm takes a call out of its table while it runs (src/js/pending.rs): the host fetch
  // runs inside it, and a call it starts must find the table free.
  let inner;
  const descope = client({
    fetch: (url, init) => {
      if (inner === undefined && url.includes("/update/picture")) inner = descope.user.load("nested-fetch@example.com");
      return fetch(url, init);
    },
  });
  await descope.user.create("nested-fetch@example.com", { email: "nested-fetch@example.com" });
  const updated = await descope.user.updatePicture("nested-fetch@example.com", "https://cdn.example.com/n.png");
  assert.equal(updated.picture, "https://cdn.example.com/n.png");
  assert.ok(inner instanceof Promise, "the fetch did not start the inner call");
  assert.equal((await inner).loginIds[0], "nested-fetch@example.com");
  assert.equal((await descope.user.load("nested-fetch@example.com")).picture, "https://cdn.example.com/n.png");
});
