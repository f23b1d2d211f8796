// Failure handling through the built package against a private emulator with injected
// faults: typed errors, retries, timeouts, cancellation, the license header, secrecy.
import { before, after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
let descope;
const KIM = "kim@example.com";

before(async () => {
  emu = await startEmulator([]);
  descope = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "tier2" });
  await descope.user.create(KIM, { email: KIM });
});
after(() => emu?.stop());
beforeEach(async () => {
  await emu.admin("faults", { method: "DELETE" });
  await emu.admin("requests", { method: "DELETE" });
});

const fault = (rule) => emu.admin("faults", { method: "POST", body: JSON.stringify(rule) });
const log = async (path) => (await emu.admin("requests")).requests.filter((r) => !path || r.path === path);
const PIC = "/v1/mgmt/user/update/picture";
const fast = (more = {}) => descope.with({ retry: { maxDelayMs: 20 }, ...more });

async function failure(promise) {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DescopeError, `not a DescopeError: ${err}`);
    return err;
  }
  assert.fail("expected a rejection");
}

// Every error seen in this file, for the secrecy check at the end.
const seen = [];
async function failing(promise) {
  const err = await failure(promise);
  seen.push(err);
  return err;
}

test("429 without opt-in rejects at once with retryAfter", async () => {
  await fault({ kind: "rateLimit", limit: 0, windowSecs: 60, retryAfterSecs: 7, pathPrefix: PIC });
  const err = await failing(descope.user.updatePicture(KIM, "a"));
  assert.deepEqual([err.status, err.code, err.retryAfter], [429, "E130429", 7]);
  assert.equal((await log(PIC)).length, 1);
});

test("429 with on429 waits Retry-After and succeeds", async () => {
  await fault({ kind: "rateLimit", limit: 1, windowSecs: 1, retryAfterSecs: 1, pathPrefix: PIC });
  const d = descope.with({ retry: { on429: true, maxAttempts: 5, maxDelayMs: 1500 } });
  await d.user.updatePicture(KIM, "first");
  const started = Date.now();
  const user = await d.user.updatePicture(KIM, "second");
  assert.equal(user.picture, "second");
  assert.ok(Date.now() - started >= 500, "it waited before retrying");
  const statuses = (await log(PIC)).map((r) => r.status);
  assert.deepEqual(statuses.slice(0, 2), [200, 429]);
  assert.equal(statuses.at(-1), 200);
});

test("503 is retried (3 attempts by default) and 500 is not", async () => {
  await fault({ kind: "status", status: 503, count: 2, pathPrefix: PIC });
  assert.equal((await fast().user.updatePicture(KIM, "after-503")).picture, "after-503");
  assert.deepEqual((await log(PIC)).map((r) => r.status), [503, 503, 200]);

  await emu.admin("requests", { method: "DELETE" });
  await fault({ kind: "status", status: 503, count: 5, pathPrefix: PIC });
  const err = await failing(fast().user.updatePicture(KIM, "x"));
  assert.deepEqual([err.status, err.code], [503, "E130500"]);
  assert.equal((await log(PIC)).length, 3);

  await emu.admin("faults", { method: "DELETE" });
  await emu.admin("requests", { method: "DELETE" });
  await fault({ kind: "status", status: 500, count: 1, pathPrefix: PIC });
  const err500 = await failing(fast().user.updatePicture(KIM, "x"));
  assert.equal(err500.status, 500);
  assert.equal((await log(PIC)).length, 1);
});

test("an HTML error page keeps its status and a snippet", async () => {
  await fault({ kind: "html", status: 502, count: 1, pathPrefix: PIC });
  const err = await failing(descope.user.updatePicture(KIM, "x"));
  assert.deepEqual([err.status, err.code], [502, "http_error"]);
  assert.match(err.description, /html/i);
});

test("a truncated success body is a decode_error naming the path", async () => {
  await fault({ kind: "truncate", count: 1, pathPrefix: PIC });
  const err = await failing(descope.user.updatePicture(KIM, "x"));
  assert.deepEqual([err.status, err.code], [200, "decode_error"]);
  assert.match(err.message, /not JSON/);
});

test("a 2xx answer is node-sdk's data only when it holds it: otherwise a decode_error naming what is wrong", async () => {
  // pkg/core.js takes a plain answer's data itself and hands anything else back to the
  // wasm: each answer here goes one way or the other.
  const answering = (text) =>
    new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: "http://127.0.0.1:9", licenseTier: "tier2", fetch: async () => new Response(text, { status: 200 }) });
  assert.deepEqual(await answering('{"user":{"userId":"U1"}}').user.load(KIM), { userId: "U1" });
  assert.equal(await answering('{"user":null}').user.load(KIM), null);
  for (const [text, path, message] of [
    ["{}", "user", /missing/],
    ['{"users":[]}', "user", /missing/],
    ["[]", ".", /expected a JSON object/],
    ["null", ".", /expected a JSON object/],
    ["7", ".", /expected a JSON object/],
  ]) {
    const err = await failing(answering(text).user.load(KIM));
    assert.deepEqual([err.status, err.code], [200, "decode_error"], text);
    assert.match(err.message, message, text);
    assert.ok(err.message.includes(path), `${text}: ${err.message}`);
  }
  // The whole answer, whatever it is (user.createBatch resolves it as it came).
  assert.deepEqual(await answering('{"createdUsers":[],"failedUsers":[]}').user.createBatch([{ loginId: KIM }]), { createdUsers: [], failedUsers: [] });
  assert.deepEqual(await answering("[1]").user.createBatch([{ loginId: KIM }]), [1]);
});

test("a dropped connection is retried for an update but never for a create", async () => {
  await fault({ kind: "drop", count: 1, pathPrefix: PIC });
  assert.equal((await fast().user.updatePicture(KIM, "after-drop")).picture, "after-drop");
  assert.equal((await log(PIC)).length, 2);

  await fault({ kind: "drop", count: 1, pathPrefix: "/v1/mgmt/user/create" });
  const err = await failing(fast().user.create("dropped@example.com"));
  assert.deepEqual([err.status, err.code], [0, "network_error"]);
  assert.equal((await log("/v1/mgmt/user/create")).length, 1, "a create is sent once");
});

test("timeoutMs bounds the call, retries included", async () => {
  await fault({ kind: "latency", ms: 1000, pathPrefix: PIC });
  let started = Date.now();
  let err = await failing(descope.with({ timeoutMs: 200 }).user.updatePicture(KIM, "slow"));
  assert.deepEqual([err.status, err.code], [0, "timeout"]);
  assert.ok(Date.now() - started < 900, `took ${Date.now() - started} ms`);

  await emu.admin("faults", { method: "DELETE" });
  await fault({ kind: "status", status: 503, pathPrefix: PIC });
  started = Date.now();
  err = await failing(descope.with({ timeoutMs: 1000 }).user.updatePicture(KIM, "x"));
  // 100 ms then 5 s of backoff: the second retry would pass the timeout, so it is not made.
  assert.equal(err.status, 503);
  assert.ok(Date.now() - started < 900, `took ${Date.now() - started} ms`);
  assert.equal((await log(PIC)).filter((r) => r.status === 503).length, 2);
});

test("an AbortSignal cancels the call", async () => {
  await fault({ kind: "latency", ms: 2000, pathPrefix: PIC });
  const controller = new AbortController();
  const started = Date.now();
  const pending = descope.with({ signal: controller.signal }).user.updatePicture(KIM, "aborted");
  setTimeout(() => controller.abort(), 50);
  const err = await failing(pending);
  assert.deepEqual([err.status, err.code], [0, "aborted"]);
  assert.ok(Date.now() - started < 1000);
  const already = AbortSignal.abort();
  assert.equal((await failing(descope.with({ signal: already }).user.load(KIM))).code, "aborted");
});

test("bad view options are named", () => {
  for (const [options, argument] of [
    [{ timeoutMs: 0 }, "timeoutMs"],
    [{ timeoutMs: 1.5 }, "timeoutMs"],
    [{ retry: { maxAttempts: 0 } }, "retry.maxAttempts"],
    [{ signal: "soon" }, "options.signal"],
    [{ timeout: 5 }, "options.timeout"],
    [{ retry: { attempts: 2 } }, "options.retry.attempts"],
  ]) {
    assert.throws(() => descope.with(options), (err) => err instanceof DescopeError && err.argument === argument, JSON.stringify(options));
  }
});

// The license handshake (learnt once per process for each base URL and project ID) is
// tested in license.test.mjs, against emulators of its own.

test("the key never appears in any error, string or JSON form", async () => {
  const wrong = new DescopeManagement({ projectId: PROJECT_ID, managementKey: `${FAKE_KEY}-wrong`, baseUrl: emu.url });
  seen.push(await failure(wrong.user.load(KIM)));
  seen.push(await failure(descope.user.updatePicture("", "x")));
  assert.ok(seen.length >= 12, `only ${seen.length} errors collected`);
  for (const err of seen) {
    for (const text of [err.message, String(err), JSON.stringify(err), err.stack ?? "", err.description]) {
      assert.ok(!text.includes(FAKE_KEY), `key leaked in ${err.code}: ${text}`);
    }
  }
  for (const text of [JSON.stringify(descope), String(descope), JSON.stringify(descope.with({ timeoutMs: 5 }))]) {
    assert.ok(!text.includes(FAKE_KEY), text);
  }
});

test("a call leaves no timer and no abort listener behind: key, attempts and retry waits", async () => {
  const { getEventListeners } = await import("node:events");
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
  const controller = new AbortController();
  // A host key function (asked within the deadline) and a long timeout: a timer left
  // running would hold the process for a minute. The fetch is given no signal, so that the
  // listeners counted are the client's own (undici's stay until its requests are collected).
  const unsignalled = (url, init) => fetch(url, { ...init, signal: undefined });
  const keyed = new DescopeManagement({ projectId: PROJECT_ID, managementKey: async () => FAKE_KEY, baseUrl: emu.url, licenseTier: "tier2", timeoutMs: 60_000, fetch: unsignalled });
  const view = keyed.with({ signal: controller.signal, retry: { maxDelayMs: 20 } });
  const before = timers();
  await fault({ kind: "status", status: 503, count: 2, pathPrefix: PIC });
  assert.equal((await view.user.updatePicture(KIM, "no-leftovers")).picture, "no-leftovers");
  assert.deepEqual((await log(PIC)).map((r) => r.status), [503, 503, 200]);
  assert.equal((await view.user.load(KIM)).picture, "no-leftovers");
  assert.equal(timers(), before, "a timer outlived its call");
  assert.equal(getEventListeners(controller.signal, "abort").length, 0, "an abort listener outlived its call");
});
