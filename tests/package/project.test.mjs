// descope.project, flow, theme, inboundApplication, outboundApplication and analytics
// against the emulator: snapshots round-trip its state, tokens uploaded are what fetch
// answers, secrets are answered once.
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

test("export, wipe the emulator, import: the users and tenants are back", async () => {
  await descope.tenant.createWithId("snap-t", "Snapshot Tenant");
  await descope.user.create("snapshot@example.com", { userTenants: [{ tenantId: "snap-t", roleNames: [] }] });
  const files = await descope.project.export();
  assert.ok(Object.keys(files).length > 0);
  const validation = await descope.project.validateSnapshot({ files });
  assert.equal(validation.ok, true, JSON.stringify(validation));
  await emu.admin("reset", { method: "POST" });
  await assert.rejects(descope.user.load("snapshot@example.com"), (err) => err instanceof DescopeError);
  await descope.project.import(files);
  const user = await descope.user.load("snapshot@example.com");
  assert.equal(user.userTenants[0].tenantName, "Snapshot Tenant");
  assert.equal((await descope.tenant.load("snap-t")).name, "Snapshot Tenant");
});

test("flows and themes are stored; run answers the configured output", async () => {
  const flow = { id: "pkg-flow", name: "Package flow", dsl: { startTask: "t" }, disabled: false };
  await descope.flow.import("pkg-flow", flow, []);
  assert.equal((await descope.flow.export("pkg-flow")).flow.name, "Package flow");
  assert.ok((await descope.flow.list()).flows.some((f) => f.id === "pkg-flow"));
  assert.equal(typeof (await descope.flow.run("pkg-flow")), "object");
  await descope.flow.delete(["pkg-flow"]);
  assert.equal((await descope.flow.list()).flows.some((f) => f.id === "pkg-flow"), false);
  await descope.theme.import({ id: "theme", cssTemplate: { light: { colors: { primary: "#123456" } } } });
  assert.equal((await descope.theme.export()).theme.cssTemplate.light.colors.primary, "#123456");
});

test("inbound applications: the client secret once, rotate, consents", async () => {
  const created = await descope.inboundApplication.createApplication({ name: "Partner", permissionsScopes: [{ name: "read", description: "Read" }] });
  assert.ok(created.cleartext.length >= 16);
  const loaded = await descope.inboundApplication.loadApplication(created.id);
  assert.equal(loaded.clientId, created.clientId);
  assert.equal(JSON.stringify(loaded).includes(created.cleartext), false);
  const { cleartext } = await descope.inboundApplication.rotateApplicationSecret(created.id);
  assert.notEqual(cleartext, created.cleartext);
  assert.equal((await descope.inboundApplication.getApplicationSecret(created.id)).cleartext, cleartext);
  await descope.inboundApplication.patchApplication({ id: created.id, description: "patched" });
  const patched = await descope.inboundApplication.loadApplication(created.id);
  assert.equal(patched.description, "patched");
  assert.equal(patched.name, "Partner", "patch keeps the rest");
  assert.ok(Array.isArray(await descope.inboundApplication.searchConsents({ appId: created.id })));
  await descope.inboundApplication.deleteApplication(created.id);
  await assert.rejects(descope.inboundApplication.loadApplication(created.id), (err) => err instanceof DescopeError);
});

test("outbound applications: a token uploaded for a user is what fetchToken answers", async () => {
  const app = await descope.outboundApplication.createApplication({ name: "Calendar", clientId: "cal", clientSecret: "cal-secret" });
  assert.equal(JSON.stringify(await descope.outboundApplication.loadApplication(app.id)).includes("cal-secret"), false);
  const user = await descope.user.create("outbound@example.com");
  await descope.outboundApplication.uploadUserToken({ appId: app.id, userId: user.userId, accessToken: "at-123", refreshToken: "rt-456", scopes: ["cal.read"] });
  const token = await descope.outboundApplication.fetchToken(app.id, user.userId);
  assert.equal(token.accessToken, "at-123");
  assert.deepEqual(await descope.outboundApplication.listAppsWithUserToken(user.userId), [app.id]);
  await descope.outboundApplication.deleteUserTokens(app.id, user.userId);
  await assert.rejects(descope.outboundApplication.fetchToken(app.id, user.userId), (err) => err instanceof DescopeError);
  await assert.rejects(descope.outboundApplication.deleteUserTokens(), (err) => err.code === "invalid_argument" && err.argument === "appId");
});

test("analytics are computed from the audit trail", async () => {
  await descope.user.create("analytics@example.com");
  const records = await descope.analytics.search({ groupByAction: true });
  assert.ok(records.some((r) => r.action === "mgmt.user.create" && Number(r.cnt) >= 1), JSON.stringify(records));
});
