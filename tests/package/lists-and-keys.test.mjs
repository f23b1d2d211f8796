// descope.list, managementKey, descoper, engine, jwtTemplate and scopeClaimMapping against
// the emulator's stores: effects read back, secrets answered once and never again.
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
const fails = (err) => err instanceof DescopeError && err.status >= 400;

test("an IP list: create, add (duplicates ignored), check, remove, clear; names are unique", async () => {
  const list = await descope.list.create({ name: "office", description: "Office IPs", type: "ips", data: ["203.0.113.7"] });
  assert.equal(list.name, "office");
  await descope.list.addIPs(list.id, ["10.0.0.0/8", "203.0.113.7"]);
  assert.deepEqual((await descope.list.load(list.id)).data, ["203.0.113.7", "10.0.0.0/8"]);
  assert.equal(await descope.list.checkIP(list.id, "203.0.113.7"), true);
  assert.equal(await descope.list.checkIP(list.id, "198.51.100.1"), false);
  await descope.list.removeIPs(list.id, ["203.0.113.7"]);
  assert.equal(await descope.list.checkIP(list.id, "203.0.113.7"), false);
  assert.equal((await descope.list.loadByName("office")).id, list.id);
  await assert.rejects(descope.list.create({ name: "office", type: "ips" }), fails);
  await descope.list.clear(list.id);
  const cleared = await descope.list.load(list.id);
  assert.deepEqual(cleared.data, []);
  assert.equal(cleared.description, "Office IPs", "clear keeps the rest");
  await descope.list.delete(list.id);
  await assert.rejects(descope.list.load(list.id), fails);
});

test("a text list; import creates or replaces by ID; bad input is refused before sending", async () => {
  const words = await descope.list.create({ name: "words", type: "texts", data: ["a"] });
  await descope.list.addTexts(words.id, ["b", "a"]);
  assert.equal(await descope.list.checkText(words.id, "b"), true);
  await descope.list.removeTexts(words.id, ["b"]);
  assert.equal(await descope.list.checkText(words.id, "b"), false);
  await descope.list.import([{ id: words.id, name: "words", type: "texts", data: ["z"] }]);
  assert.deepEqual((await descope.list.load(words.id)).data, ["z"]);
  assert.ok((await descope.list.loadAll()).some((l) => l.id === words.id));
  const before = (await emu.admin("requests")).count;
  await assert.rejects(descope.list.addIPs(words.id, []), invalid("ips"));
  await assert.rejects(descope.list.create({ type: "ips" }), invalid("request"));
  await assert.rejects(descope.list.load(""), invalid("id"));
  assert.equal((await emu.admin("requests")).count, before);
});

test("a list ID with / or ? stays in its own path", async () => {
  await assert.rejects(descope.list.load("a/b?c"), fails);
  const sent = (await emu.admin("requests")).requests.at(-1);
  assert.equal(sent.path, "/v1/mgmt/list/a%2Fb%3Fc");
});

test("management keys: the cleartext once; update, search, delete", async () => {
  const { key, cleartext } = await descope.managementKey.create("deploy", { companyRoles: ["company-full-access"] }, "CI", 0, ["10.0.0.0/8"]);
  assert.ok(cleartext.length >= 16);
  assert.equal(key.status, "active");
  const loaded = await descope.managementKey.load(key.id);
  assert.equal("cleartext" in loaded, false);
  assert.equal(JSON.stringify(await descope.managementKey.search()).includes(cleartext), false);
  const updated = await descope.managementKey.update(key.id, "deploy-2", "CI 2", "inactive");
  assert.equal(updated.status, "inactive");
  assert.equal((await descope.managementKey.load(key.id)).name, "deploy-2");
  assert.deepEqual(await descope.managementKey.delete([key.id]), { total: 1 });
  await assert.rejects(descope.managementKey.load(key.id), fails);
  await assert.rejects(descope.managementKey.delete([]), invalid("ids"));
});

test("descopers: create, update keeps what it leaves out, list, delete", async () => {
  const { descopers } = await descope.descoper.create([{ loginId: "ops@example.com", attributes: { displayName: "Ops", email: "ops@example.com" }, rbac: { isCompanyAdmin: false, projects: [{ projectIds: [PROJECT_ID], role: "developer" }] } }]);
  const id = descopers[0].id;
  const updated = await descope.descoper.update(id, { displayName: "Ops Team" });
  assert.equal(updated.attributes.displayName, "Ops Team");
  assert.equal(updated.rbac.projects[0].role, "developer", "rbac left out is kept");
  assert.ok((await descope.descoper.list()).descopers.some((d) => d.id === id));
  await descope.descoper.delete(id);
  await assert.rejects(descope.descoper.load(id), fails);
});

test("engines: the secret on create and rotate only", async () => {
  const engine = await descope.engine.create("risk");
  assert.ok(engine.secret.length >= 16);
  assert.equal((await descope.engine.load(engine.id)).secret ?? "", "");
  const { secret } = await descope.engine.rotateSecret(engine.id);
  assert.notEqual(secret, engine.secret);
  assert.equal(JSON.stringify(await descope.engine.loadAll()).includes(secret), false);
  await descope.engine.update(engine.id, "fraud");
  assert.equal((await descope.engine.load(engine.id)).name, "fraud");
  await descope.engine.delete(engine.id);
  await assert.rejects(descope.engine.load(engine.id), fails);
});

test("JWT templates, from scratch and from the library; the scope-claim mapping", async () => {
  const t = await descope.jwtTemplate.create({ name: "Hasura", template: { "x-hasura-user-id": "{{user.userId}}" } });
  assert.equal((await descope.jwtTemplate.load(t.id)).name, "Hasura");
  await descope.jwtTemplate.update({ id: t.id, name: "Hasura 2" });
  assert.ok((await descope.jwtTemplate.list()).some((x) => x.name === "Hasura 2"));
  const library = await descope.jwtTemplate.listLibrary();
  assert.ok(library.length > 0);
  const applied = await descope.jwtTemplate.applyFromLibrary({ libraryEntryId: library[0].id, nameOverride: "From library" });
  assert.equal(applied.name, "From library");
  await descope.jwtTemplate.delete(t.id);
  await assert.rejects(descope.jwtTemplate.load(t.id), fails);
  await descope.scopeClaimMapping.set([{ scope: "profile", claims: { name: "user.name" } }]);
  assert.deepEqual((await descope.scopeClaimMapping.get()).map((m) => m.scope), ["profile"]);
  await descope.scopeClaimMapping.delete();
  assert.deepEqual(await descope.scopeClaimMapping.get(), []);
});
