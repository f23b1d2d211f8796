// The holes a review found (issue 10), each shut and guarded here: key pieces in errors,
// creates re-sent after 520/524, early 429 retries, timeouts that waited for the host's
// key, HTML 5xx pages not retried, network errors without their cause, and node-sdk's
// handling of empty lists and positional nulls.
import { before, after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { once } from "node:events";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
let descope;
const KIM = "kim-security@example.com";
// A long fake key (as real ones are), so that a cut inside it leaves long pieces.
const LONG_KEY = "K2fakeSecurityKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";

before(async () => {
  emu = await startEmulator([]);
  descope = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "tier2" });
  await descope.user.create(KIM, { email: KIM, displayName: "Kim Before" });
});
after(() => emu?.stop());
beforeEach(async () => {
  await emu.admin("faults", { method: "DELETE" });
  await emu.admin("requests", { method: "DELETE" });
});

const fault = (rule) => emu.admin("faults", { method: "POST", body: JSON.stringify(rule) });
const log = async (path) => (await emu.admin("requests")).requests.filter((r) => !path || r.path === path);
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

/** Every text of `err` a caller could print, checked for any 8-character piece of `key`. */
function assertNoPiece(err, key, label) {
  const texts = [err.message, err.description, String(err), JSON.stringify(err), err.stack ?? ""];
  for (let i = 0; i + 8 <= key.length; i++) {
    const piece = key.slice(i, i + 8);
    for (const text of texts) assert.ok(!text.includes(piece), `${label}: ${piece} in ${text}`);
  }
}

/** A server that answers every request with `answer(req, body)` → [status, contentType, text]. */
async function stub(answer) {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const [status, type, text] = answer(req, Buffer.concat(chunks).toString("utf8"));
    res.writeHead(status, { "content-type": type });
    res.end(text);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

test("a key echoed by an error page leaves no piece behind, wherever the 256-character cut falls", async () => {
  // A proxy's 502 page that echoes the Authorization header after `picture` characters.
  const server = await stub((req, body) => {
    const offset = Number(JSON.parse(body).picture);
    return [502, "text/html", `${"x".repeat(offset)}${req.headers.authorization}${"y".repeat(300)}`];
  });
  try {
    const client = new DescopeManagement({ projectId: PROJECT_ID, managementKey: LONG_KEY, baseUrl: server.url, licenseTier: "t" });
    // "Bearer <projectId>:" comes first, so the key starts later than the offset.
    const start = 256 - `Bearer ${PROJECT_ID}:`.length - LONG_KEY.length - 4;
    for (let offset = start; offset < 256 + 4; offset++) {
      const err = await failure(client.user.updatePicture(KIM, String(offset)));
      assert.deepEqual([err.status, err.code], [502, "http_error"]);
      assertNoPiece(err, LONG_KEY, `offset ${offset}`);
    }
  } finally {
    server.close();
  }
});

test("a 2xx body that is not JSON and echoes the key is redacted too", async () => {
  // V8's JSON error quotes the start of the body: here, the key.
  const server = await stub((req) => [200, "application/json", `${req.headers.authorization.split(":")[1]} not json`]);
  try {
    const client = new DescopeManagement({ projectId: PROJECT_ID, managementKey: LONG_KEY, baseUrl: server.url, licenseTier: "t" });
    const err = await failure(client.user.load(KIM));
    assert.equal(err.code, "decode_error");
    assertNoPiece(err, LONG_KEY, "decode");
  } finally {
    server.close();
  }
});

test("a create is never re-sent after 520 or 524 (JSON or Cloudflare's HTML page)", async () => {
  const CREATE = "/v1/mgmt/user/create";
  for (const rule of [
    { kind: "status", status: 520 },
    { kind: "status", status: 524 },
    { kind: "html", status: 520 },
    { kind: "html", status: 524 },
  ]) {
    await emu.admin("requests", { method: "DELETE" });
    await fault({ ...rule, count: 1, pathPrefix: CREATE });
    const err = await failure(fast().user.create(`c-${rule.kind}-${rule.status}@example.com`));
    assert.equal(err.status, rule.status);
    assert.equal((await log(CREATE)).length, 1, `${JSON.stringify(rule)}: the create was sent once`);
    // Also createBatch and invite.
    await emu.admin("requests", { method: "DELETE" });
    await fault({ ...rule, count: 1, pathPrefix: "/v1/mgmt/user/create/batch" });
    await failure(fast().user.createBatch([{ loginId: `b-${rule.kind}-${rule.status}@example.com` }]));
    assert.equal((await log("/v1/mgmt/user/create/batch")).length, 1, JSON.stringify(rule));
  }
  // An update is still retried after them.
  await fault({ kind: "html", status: 524, count: 1, pathPrefix: "/v1/mgmt/user/update/picture" });
  assert.equal((await fast().user.updatePicture(KIM, "after-524")).picture, "after-524");
});

test("a create is re-sent after 503, 521, 522, 523 and 530, where Descope was not reached", async () => {
  const CREATE = "/v1/mgmt/user/create";
  for (const status of [503, 521, 522, 523, 530]) {
    await emu.admin("requests", { method: "DELETE" });
    await fault({ kind: "status", status, count: 1, pathPrefix: CREATE });
    const loginId = `resent-${status}@example.com`;
    assert.equal((await fast().user.create(loginId)).loginIds[0], loginId);
    assert.deepEqual((await log(CREATE)).map((r) => r.status), [status, 200], String(status));
  }
});

test("HTML 5xx pages are retried like JSON ones", async () => {
  const PIC = "/v1/mgmt/user/update/picture";
  await fault({ kind: "html", status: 503, count: 2, pathPrefix: PIC });
  assert.equal((await fast().user.updatePicture(KIM, "after-html")).picture, "after-html");
  assert.deepEqual((await log(PIC)).map((r) => r.status), [503, 503, 200]);
});

test("a Retry-After longer than maxDelayMs rejects at once with retryAfter, never re-sending early", async () => {
  const PIC = "/v1/mgmt/user/update/picture";
  await fault({ kind: "rateLimit", limit: 0, windowSecs: 60, retryAfterSecs: 30, pathPrefix: PIC });
  const started = Date.now();
  const err = await failure(descope.with({ retry: { on429: true, maxAttempts: 5, maxDelayMs: 2000 } }).user.updatePicture(KIM, "x"));
  assert.deepEqual([err.status, err.retryAfter], [429, 30]);
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  assert.equal((await log(PIC)).length, 1, "sent once");
  // Longer than the time left before timeoutMs: the same.
  await emu.admin("requests", { method: "DELETE" });
  const err2 = await failure(descope.with({ timeoutMs: 1500, retry: { on429: true, maxDelayMs: 60_000 } }).user.updatePicture(KIM, "y"));
  assert.deepEqual([err2.status, err2.retryAfter], [429, 30]);
  assert.equal((await log(PIC)).length, 1);
});

test("timeoutMs and an AbortSignal cover the wait for the host's key", async () => {
  const slowKey = () => new Promise((resolve) => setTimeout(() => resolve(FAKE_KEY), 2000));
  const client = new DescopeManagement({ projectId: PROJECT_ID, managementKey: slowKey, baseUrl: emu.url, licenseTier: "t" });
  let started = Date.now();
  const err = await failure(client.with({ timeoutMs: 200 }).user.load(KIM));
  assert.equal(err.code, "timeout");
  assert.ok(Date.now() - started < 1000, `timeout took ${Date.now() - started} ms`);

  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  started = Date.now();
  const aborted = await failure(client.with({ timeoutMs: 10_000, signal: controller.signal }).user.load(KIM));
  assert.equal(aborted.code, "aborted");
  assert.ok(Date.now() - started < 1000, `abort took ${Date.now() - started} ms`);
  assert.equal((await log("/v1/mgmt/user")).length, 0, "nothing was sent");
});

test("a network error keeps its cause and the runtime's code", async () => {
  const server = await stub(() => [200, "application/json", "{}"]);
  const { url } = server;
  server.close(); // a port that was just free: connections are refused
  const client = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: url, licenseTier: "t" });
  const err = await failure(client.with({ retry: { maxAttempts: 1 } }).user.load(KIM));
  assert.deepEqual([err.status, err.code], [0, "network_error"]);
  assert.ok(err.cause instanceof Error, `cause: ${err.cause}`);
  assert.match(err.description, /ECONNREFUSED/);
  assert.ok(!JSON.stringify(err).includes(FAKE_KEY));
});

test("createBatch([]) and history([]) are sent, as node-sdk sends them", async () => {
  await descope.user.createBatch([]).catch(() => {});
  await descope.user.history([]).catch(() => {});
  const [batch] = await log("/v1/mgmt/user/create/batch");
  assert.deepEqual(batch.body, { users: [] });
  const [history] = await log("/v1/mgmt/user/history");
  assert.deepEqual(history.body, []);
  // An empty batch delete stays refused: the service may read an empty filter as "all".
  await assert.rejects(descope.user.deleteBatch([]), (err) => err.argument === "userIds");
});

test("a positional null in updateDisplayName is sent as null and leaves the name as it was", async () => {
  await descope.user.updateDisplayName(KIM, null, "Given", null);
  const [sent] = await log("/v1/mgmt/user/update/name");
  assert.deepEqual(sent.body, { loginId: KIM, displayName: null, givenName: "Given", middleName: null });
  const loaded = await descope.user.load(KIM);
  assert.equal(loaded.name, "Kim Before");
  assert.equal(loaded.givenName, "Given");
  await descope.user.updateUserNames(KIM, null, "Mid");
  const [names] = await log("/v1/mgmt/user/update/name").then((l) => l.slice(-1));
  assert.deepEqual(names.body, { loginId: KIM, givenName: null, middleName: "Mid" });
  assert.equal((await descope.user.load(KIM)).givenName, "Given");
});
