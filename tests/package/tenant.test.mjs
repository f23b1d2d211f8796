// descope.tenant against the emulator's stateful tenants: names joined into users at read
// time, sub-tenants, full-overwrite updates, settings, cascading deletes, and SSO setup links.
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

test("create a tenant, add a user, rename the tenant: the user shows the new name; cascade delete removes the user", async () => {
  const { id } = await descope.tenant.create("Pencil Works", ["acme.example"], undefined, false, false);
  assert.match(id, /^T/);
  const kept = await descope.user.create("kept@acme.example", { email: "kept@acme.example" });
  const member = await descope.user.create("only@acme.example", {
    email: "only@acme.example",
    userTenants: [{ tenantId: id, roleNames: [] }],
  });
  assert.equal(member.userTenants[0].tenantName, "Pencil Works");
  await descope.tenant.update(id, "Pencil Works Ltd", ["acme.example"]);
  assert.equal((await descope.tenant.load(id)).name, "Pencil Works Ltd");
  const reloaded = await descope.user.load("only@acme.example");
  assert.equal(reloaded.userTenants[0].tenantName, "Pencil Works Ltd", "tenant names are joined at read time");
  assert.deepEqual(await descope.tenant.delete(id, true), {});
  await assert.rejects(descope.user.load("only@acme.example"), (err) => err instanceof DescopeError && err.status >= 400);
  assert.equal((await descope.user.load("kept@acme.example")).userId, kept.userId, "a user without tenants is untouched");
  assert.equal((await descope.tenant.loadAll()).some((t) => t.id === id), false);
});

test("without cascade the user stays and loses only that tenant", async () => {
  const a = await descope.tenant.createWithId("tenant-a", "Tenant A");
  assert.deepEqual(a, { id: "tenant-a" });
  await descope.tenant.createWithId("tenant-b", "Tenant B");
  await descope.user.create("two@t.example", {
    userTenants: [{ tenantId: "tenant-a", roleNames: [] }, { tenantId: "tenant-b", roleNames: [] }],
  });
  await descope.tenant.delete("tenant-a");
  const user = await descope.user.load("two@t.example");
  assert.deepEqual(user.userTenants.map((t) => t.tenantId), ["tenant-b"]);
});

test("IDs and names are unique; update is a full overwrite", async () => {
  await descope.tenant.createWithId("uniq", "Unique", ["u.example"], { plan: "pro" }, true);
  await assert.rejects(descope.tenant.createWithId("uniq", "Other"), (err) => err instanceof DescopeError && err.status === 400);
  await assert.rejects(descope.tenant.create("Unique"), (err) => err instanceof DescopeError && err.status === 400);
  let t = await descope.tenant.load("uniq");
  assert.deepEqual(t.selfProvisioningDomains, ["u.example"]);
  assert.equal(t.enforceSSO, true);
  await descope.tenant.update("uniq", "Unique");
  t = await descope.tenant.load("uniq");
  assert.deepEqual(t.selfProvisioningDomains ?? [], [], "left out is cleared");
  assert.equal(t.enforceSSO ?? false, false);
});

test("sub-tenants: the parent lists its successors; searchAll filters by parent, name and ID", async () => {
  const { id: parent } = await descope.tenant.create("Parent Co");
  const { id: child } = await descope.tenant.create("Child Co", undefined, undefined, undefined, undefined, parent);
  assert.equal((await descope.tenant.load(child)).parent, parent);
  assert.deepEqual((await descope.tenant.load(parent)).successors, [child]);
  const children = await descope.tenant.searchAll(undefined, undefined, undefined, undefined, parent);
  assert.deepEqual(children.map((t) => t.id), [child]);
  const byName = await descope.tenant.searchAll(undefined, ["Parent Co"]);
  assert.deepEqual(byName.map((t) => t.id), [parent]);
  const byId = await descope.tenant.searchAll([child, parent]);
  assert.deepEqual(byId.map((t) => t.id).sort(), [child, parent].sort());
});

test("settings round-trip; node-sdk's InactivityTime spelling is sent as the service's", async () => {
  const { id } = await descope.tenant.create("Settings Co");
  await descope.tenant.configureSettings(id, {
    enabled: true,
    sessionTokenExpiration: 15,
    sessionTokenExpirationUnit: "minutes",
    refreshTokenExpiration: 2,
    refreshTokenExpirationUnit: "weeks",
    enableInactivity: true,
    InactivityTime: 30,
    InactivityTimeUnit: "minutes",
  });
  const settings = await descope.tenant.getSettings(id);
  assert.equal(settings.sessionTokenExpiration, 15);
  assert.equal(settings.refreshTokenExpirationUnit, "weeks");
  assert.equal(settings.inactivityTime, 30);
  assert.equal(settings.enabled, true);
  const sent = (await emu.admin("requests")).requests.filter((r) => r.path === "/v1/mgmt/tenant/settings" && r.method === "POST").at(-1);
  const body = typeof sent.body === "string" ? JSON.parse(sent.body) : sent.body;
  assert.equal(body.inactivityTime, 30);
  assert.equal("InactivityTime" in body, false);
  assert.equal(body.tenantId, id);
});

test("default roles must be project roles and are kept", async () => {
  await descope.role.create("tenant-default");
  const { id } = await descope.tenant.create("Defaults Co");
  await descope.tenant.updateDefaultRoles(id, ["tenant-default"]);
  assert.deepEqual((await descope.tenant.load(id)).defaultRoles, ["tenant-default"]);
  await descope.tenant.updateDefaultRoles(id, []);
  assert.deepEqual((await descope.tenant.load(id)).defaultRoles ?? [], []);
});

test("an SSO setup link is made and revoked", async () => {
  const { id } = await descope.tenant.create("Link Co");
  const { adminSSOConfigurationLink } = await descope.tenant.generateSSOConfigurationLink(id, 3600);
  assert.match(adminSSOConfigurationLink, /^https?:\/\//);
  assert.deepEqual(await descope.tenant.revokeSSOConfigurationLink(id), {});
});

test("bad arguments are named before anything is sent", async () => {
  const before = (await emu.admin("requests")).count;
  await assert.rejects(descope.tenant.create(""), invalid("name"));
  await assert.rejects(descope.tenant.create("x", "acme.example"), invalid("selfProvisioningDomains"));
  await assert.rejects(descope.tenant.create("x", [], { seats: {} }), invalid("customAttributes.seats"));
  await assert.rejects(descope.tenant.create("x", [], {}, false, false, undefined, "sometimes"), invalid("roleInheritance"));
  await assert.rejects(descope.tenant.configureSettings("t", { sessionTokenExpirationUnit: "years" }), invalid("settings.sessionTokenExpirationUnit"));
  await assert.rejects(descope.tenant.configureSettings("t", { inactivityTimeout: 3 }), invalid("settings.inactivityTimeout"));
  await assert.rejects(descope.tenant.generateSSOConfigurationLink("t", -1), invalid("expireDuration"));
  await assert.rejects(descope.tenant.load(), invalid("id"));
  assert.equal((await emu.admin("requests")).count, before);
});
