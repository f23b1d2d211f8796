// descope.accessKey against the emulator: the cleartext answered once (create, rotate) and
// never again, activation, search filters, and the cleartext kept out of every error.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
let descope;
before(async () => {
  emu = await startEmulator([]);
  descope = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "t" });
});
after(() => emu?.stop());

const invalid = (argument) => (err) => err instanceof DescopeError && err.code === "invalid_argument" && err.argument === argument;

/** Every 8-character piece of `secret` is absent from `text`. */
function assertNoPiece(text, secret, what) {
  for (let i = 0; i + 8 <= secret.length; i++) {
    assert.equal(text.includes(secret.slice(i, i + 8)), false, `${what} holds a piece of the secret`);
  }
}

test("create answers the cleartext once; load and search never do; rotate answers a new one", async () => {
  await descope.tenant.createWithId("ak-tenant", "Key Tenant");
  await descope.role.create("ak-role");
  const created = await descope.accessKey.create("ci", 0, undefined, [{ tenantId: "ak-tenant", roleNames: [] }], undefined, { env: "ci" }, "CI key", ["10.0.0.0/8"]);
  assert.equal(typeof created.cleartext, "string");
  assert.ok(created.cleartext.length >= 16);
  const { key } = created;
  assert.equal(key.name, "ci");
  assert.equal(key.status, "active");
  assert.equal(key.keyTenants[0].tenantName, "Key Tenant");
  const loaded = await descope.accessKey.load(key.id);
  assert.equal("cleartext" in loaded, false);
  assert.equal(JSON.stringify(loaded).includes(created.cleartext), false);
  const found = await descope.accessKey.searchAll(["ak-tenant"]);
  assert.deepEqual(found.map((k) => k.id), [key.id]);
  assert.equal(JSON.stringify(found).includes(created.cleartext), false);
  const rotated = await descope.accessKey.rotate(key.id);
  assert.equal(rotated.key.id, key.id);
  assert.notEqual(rotated.cleartext, created.cleartext);
  // The tenant's rename shows in the key.
  await descope.tenant.update("ak-tenant", "Key Tenant 2");
  assert.equal((await descope.accessKey.load(key.id)).keyTenants[0].tenantName, "Key Tenant 2");
});

test("update keeps what it leaves out; deactivate and activate; delete", async () => {
  const { key } = await descope.accessKey.create("bot", 0, ["ak-role-2"].filter(() => false), undefined, undefined, undefined, "first");
  let updated = await descope.accessKey.update(key.id, "bot-renamed");
  assert.equal(updated.name, "bot-renamed");
  assert.equal(updated.description, "first", "update keeps omitted fields");
  updated = await descope.accessKey.update(key.id, "bot-renamed", "second");
  assert.equal((await descope.accessKey.load(key.id)).description, "second");
  await descope.accessKey.deactivate(key.id);
  assert.equal((await descope.accessKey.load(key.id)).status, "inactive");
  await descope.accessKey.activate(key.id);
  assert.equal((await descope.accessKey.load(key.id)).status, "active");
  const other = (await descope.accessKey.create("bot-2", 0)).key;
  await descope.accessKey.deactivateBatch([key.id, other.id]);
  assert.deepEqual([(await descope.accessKey.load(key.id)).status, (await descope.accessKey.load(other.id)).status], ["inactive", "inactive"]);
  await descope.accessKey.activateBatch([key.id, other.id]);
  assert.equal((await descope.accessKey.load(other.id)).status, "active");
  await descope.accessKey.delete(key.id);
  await assert.rejects(descope.accessKey.load(key.id), (err) => err instanceof DescopeError && err.status >= 400);
  await descope.accessKey.deleteBatch([other.id]);
  await assert.rejects(descope.accessKey.load(other.id), (err) => err instanceof DescopeError && err.status >= 400);
});

test("empty batches and bad arguments are refused before anything is sent", async () => {
  const before = (await emu.admin("requests")).count;
  await assert.rejects(descope.accessKey.deleteBatch([]), invalid("ids"));
  await assert.rejects(descope.accessKey.activateBatch([]), invalid("ids"));
  await assert.rejects(descope.accessKey.deactivateBatch(["ok", ""]), invalid("ids[1]"));
  await assert.rejects(descope.accessKey.create("x"), invalid("expireTime"));
  await assert.rejects(descope.accessKey.create("x", -5), invalid("expireTime"));
  await assert.rejects(descope.accessKey.create("x", 0, undefined, [{ roleNames: [] }]), invalid("tenants[0]"));
  await assert.rejects(descope.accessKey.create("x", 0, undefined, undefined, undefined, undefined, undefined, ["1.2.3.4", 5]), invalid("permittedIps[1]"));
  assert.equal((await emu.admin("requests")).count, before);
});

test("a key whose answer cannot be read is reported with no piece of its cleartext", async () => {
  const { key } = await descope.accessKey.create("leak-check", 0);
  // The answer is cut in half: the start of `{"key":…,"cleartext":"…"}` reaches the client.
  await emu.admin("faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "truncate", count: 1, pathPrefix: "/v1/mgmt/accesskey/rotate" }) });
  const err = await descope.accessKey.rotate(key.id).then(() => null, (e) => e);
  assert.ok(err instanceof DescopeError, String(err));
  assert.equal(err.code, "decode_error");
  // The cut answer's secret is lost with it, so the error must hold no text of the answer.
  for (const text of [err.message, err.description, String(err), JSON.stringify(err), err.stack ?? ""]) {
    assert.equal(text.includes('"cleartext"'), false, text);
    assert.equal(text.includes(key.id), false, "no text of the answer is quoted");
  }
  // The cleartext is `<keyId>:<secret>`: no piece of the secret is ever read back.
  const fresh = await descope.accessKey.rotate(key.id);
  const secret = fresh.cleartext.slice(fresh.cleartext.indexOf(":") + 1);
  assert.ok(secret.length >= 16);
  assertNoPiece(JSON.stringify(await descope.accessKey.searchAll()), secret, "searchAll");
  assertNoPiece(JSON.stringify(await descope.accessKey.load(key.id)), secret, "load");
});
