// descope.audit against the emulator's trail: management changes are recorded, records come
// back as node-sdk reshapes them (`loginIds`, a numeric `occurred`), events of your own, and
// webhooks with node-sdk's filter spelling sent as the service's.
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

test("a user's changes are in the trail, found by login ID, with numeric times", async () => {
  const startedAt = Date.now() - 1000;
  const user = await descope.user.create("audited@example.com", { email: "audited@example.com" });
  await descope.user.updateDisplayName("audited@example.com", "Audie");
  const records = await descope.audit.search({ loginIds: ["audited@example.com"], from: startedAt });
  const actions = records.map((r) => r.action);
  assert.ok(actions.includes("mgmt.user.create"), actions.join());
  assert.ok(actions.includes("mgmt.user.update.name"), actions.join());
  for (const r of records) {
    assert.equal(typeof r.occurred, "number");
    assert.ok(r.occurred >= startedAt);
    assert.deepEqual(r.loginIds, ["audited@example.com"]);
    assert.equal("externalIds" in r, false);
    assert.equal(r.userId, user.userId);
  }
  const page = await descope.audit.searchAll({ userIds: [user.userId], size: 1 });
  assert.equal(page.audits.length, 1);
  assert.ok(page.total >= 2);
  assert.equal(typeof page.audits[0].occurred, "number");
});

test("an event of your own is recorded and searchable", async () => {
  await descope.tenant.createWithId("audit-t", "Audit Tenant");
  assert.deepEqual(await descope.audit.createEvent({ action: "pencil.sharpened", type: "warn", actorId: "robot", tenantId: "audit-t", data: { pencils: 2 } }), {});
  const [record] = await descope.audit.search({ actions: ["pencil.sharpened"] });
  assert.equal(record.type, "warn");
  assert.equal(record.actorId, "robot");
  assert.deepEqual(record.tenants, ["audit-t"]);
  assert.equal(record.data.pencils, 2);
});

test("a webhook's filters are sent as filterType, whichever spelling is given", async () => {
  await descope.audit.createAuditWebhook({
    name: "siem",
    url: "https://siem.example/hook",
    authentication: { bearerToken: "hook-bearer-sEcReT" },
    hmacSecret: "hook-hmac-sEcReT",
    filters: [{ key: "actions", operator: "includes", values: ["mgmt.user.create"] }],
  });
  const sent = (await emu.admin("requests")).requests.filter((r) => r.path === "/v2/mgmt/connector/audit/web/set").at(-1);
  const body = typeof sent.body === "string" ? JSON.parse(sent.body) : sent.body;
  assert.deepEqual(body.filters, [{ filterType: "actions", operator: "includes", values: ["mgmt.user.create"] }]);
  const { webhooks } = await emu.admin("audit");
  const hook = webhooks.find((w) => w.name === "siem");
  assert.equal(hook.filters[0].filterType, "actions");
  assert.equal(JSON.stringify(webhooks).includes("sEcReT"), false);
});

test("bad arguments are named before anything is sent", async () => {
  const before = (await emu.admin("requests")).count;
  await assert.rejects(descope.audit.search({ externalIds: ["x"] }), invalid("searchOptions.externalIds"));
  await assert.rejects(descope.audit.search({ devices: ["Phone"] }), invalid("searchOptions.devices[0]"));
  await assert.rejects(descope.audit.search({ from: "yesterday" }), invalid("searchOptions.from"));
  await assert.rejects(descope.audit.createEvent({ action: "a", type: "debug", actorId: "x", tenantId: "t" }), invalid("options.type"));
  await assert.rejects(descope.audit.createEvent({ action: "a", type: "info", actorId: "x" }), invalid("options"));
  await assert.rejects(descope.audit.createAuditWebhook({ url: "https://x" }), invalid("options"));
  await assert.rejects(descope.audit.createAuditWebhook({ name: "n", filters: [{ filterType: "users" }] }), invalid("options.filters[0].filterType"));
  assert.equal((await emu.admin("requests")).count, before);
});
