// search, searchTestUsers, searchAll and searchPages over 500 seeded sample users.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
let user;
let everyone; // every non-test sample user, from the emulator's admin view

before(async () => {
  emu = await startEmulator(["--sample-users", "500"]);
  user = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url }).user;
  everyone = (await emu.admin("users")).users.map((v) => v.user);
  assert.equal(everyone.length, 500);
});
after(() => emu?.stop());

const ids = (users) => users.map((u) => u.userId).sort();
const expected = (pred) => ids(everyone.filter(pred));

test("pages of 37 see every non-test user exactly once, with the right total", async () => {
  const want = expected((u) => !u.test);
  const seen = [];
  let total;
  for (let page = 0; ; page++) {
    const res = await user.search({ limit: 37, page });
    total ??= res.total;
    assert.equal(res.total, total, "total is stable across pages");
    seen.push(...res.users);
    if (res.users.length < 37) break;
  }
  assert.equal(total, want.length);
  assert.deepEqual(ids(seen), want);
  assert.equal(new Set(seen.map((u) => u.userId)).size, seen.length, "no user twice");
});

test("searchPages walks every page and stops by itself", async () => {
  const pages = [];
  for await (const page of user.searchPages({ statuses: ["enabled"] }, { pageSize: 37 })) pages.push(page);
  const want = expected((u) => !u.test && u.status === "enabled");
  assert.deepEqual(pages.map((p) => p.page), [...Array(Math.ceil(want.length / 37)).keys()]);
  assert.ok(pages.every((p) => p.total === want.length));
  assert.deepEqual(ids(pages.flatMap((p) => p.users)), want);
});

test("searchPages stops at total when the last page is full (no extra request)", async () => {
  const want = expected((u) => !u.test && u.status === "enabled");
  for (const pageSize of [want.length, want.length / 2].filter(Number.isInteger)) {
    await emu.admin("requests", { method: "DELETE" });
    const pages = [];
    for await (const page of user.searchPages({ statuses: ["enabled"] }, { pageSize })) pages.push(page);
    assert.equal(pages.length, want.length / pageSize, `pageSize ${pageSize}`);
    const searches = (await emu.admin("requests")).requests.filter((r) => r.path === "/v2/mgmt/user/search");
    assert.equal(searches.length, pages.length, `pageSize ${pageSize}: one request per page, none past total`);
  }
});

test("includeSubTenants reaches the service under its own name", async () => {
  // The emulator refuses unknown keys, so a misspelt key is a 400 here.
  const tenantId = everyone.find((u) => !u.test && u.userTenants.length).userTenants[0].tenantId;
  const res = await user.search({ tenantIds: [tenantId], includeSubTenants: true, limit: 1000 });
  assert.deepEqual(ids(res.users), expected((u) => !u.test && u.userTenants.some((t) => t.tenantId === tenantId)));
  const [sent] = (await emu.admin("requests")).requests.filter((r) => r.path === "/v2/mgmt/user/search").slice(-1);
  assert.equal(sent.body.includeSubTenants, true);
});

test("searchPages rejects a bad page size before sending", async () => {
  const it = user.searchPages({}, { pageSize: 0 });
  await assert.rejects(it.next(), (err) => err instanceof DescopeError && err.argument === "pageSize");
});

test("filters: text, emails, statuses, roles, tenants, custom attributes, verified flags", async () => {
  const sample = everyone.find((u) => !u.test && u.phone && u.userTenants.length && u.userTenants[0].roleNames.length);
  assert.ok(sample, "the sample users include one with a phone and a tenant role");
  const role = sample.roleNames[0] ?? sample.userTenants[0].roleNames[0];
  const cases = [
    [{ text: sample.familyName.toLowerCase() }, (u) => !u.test && [...u.loginIds, u.name, u.email, u.phone].some((f) => f.toLowerCase().includes(sample.familyName.toLowerCase()))],
    [{ emails: [sample.email.toUpperCase()] }, (u) => !u.test && u.email.toLowerCase() === sample.email.toLowerCase()],
    [{ phones: [sample.phone] }, (u) => !u.test && u.phone === sample.phone],
    [{ statuses: ["disabled", "invited"] }, (u) => !u.test && ["disabled", "invited"].includes(u.status)],
    [{ tenantIds: [sample.userTenants[0].tenantId] }, (u) => !u.test && u.userTenants.some((t) => t.tenantId === sample.userTenants[0].tenantId)],
    [{ customAttributes: { plan: ["pro", "enterprise"] } }, (u) => !u.test && ["pro", "enterprise"].includes(u.customAttributes.plan)],
    [{ customAttributes: { beta: true } }, (u) => !u.test && u.customAttributes.beta === true],
    [{ verifiedEmail: true }, (u) => !u.test && u.verifiedEmail],
    [{ loginIds: [sample.loginIds[0]] }, (u) => u.loginIds.includes(sample.loginIds[0])],
    [{ userIds: [sample.userId] }, (u) => u.userId === sample.userId],
    [{ withTestUser: true }, () => true],
    [{ fromCreatedTime: sample.createdTime * 1000 }, (u) => !u.test && u.createdTime >= sample.createdTime],
    [{ toCreatedTime: sample.createdTime * 1000 }, (u) => !u.test && u.createdTime <= sample.createdTime],
  ];
  for (const [filter, pred] of cases) {
    const res = await user.search({ ...filter, limit: 1000 });
    assert.deepEqual(ids(res.users), expected(pred), JSON.stringify(filter));
    assert.equal(res.total, expected(pred).length, JSON.stringify(filter));
  }
  const withRole = await user.search({ roles: [role], limit: 1000 });
  assert.deepEqual(ids(withRole.users), expected((u) => !u.test && (u.roleNames.includes(role) || u.userTenants.some((t) => t.roleNames.includes(role)))));
  const t = sample.userTenants[0];
  const byTenantRole = await user.search({ tenantRoleNames: { [t.tenantId]: { values: t.roleNames } }, limit: 1000 });
  assert.ok(byTenantRole.users.some((u) => u.userId === sample.userId));
});

test("sort by name, descending, is honoured", async () => {
  const res = await user.search({ sort: [{ field: "name", desc: true }], limit: 50 });
  const names = res.users.map((u) => u.name.toLowerCase());
  assert.deepEqual(names, [...names].sort().reverse());
});

test("searchTestUsers and searchAll", async () => {
  const tests = await user.searchTestUsers({ limit: 1000 });
  assert.deepEqual(ids(tests.users), expected((u) => u.test));
  assert.ok(tests.total > 0);
  const all = await user.searchAll(undefined, undefined, 5, 1);
  assert.ok(Array.isArray(all) && all.length === 5, "searchAll resolves to the users only");
});

test("negative limit or page is rejected before sending", async () => {
  const before = (await emu.admin("requests")).count;
  for (const bad of [{ limit: -1 }, { page: -2 }]) {
    await assert.rejects(user.search(bad), (err) => err.code === "invalid_argument");
  }
  await assert.rejects(user.search({ statuses: ["sleeping"] }), (err) => err.code === "invalid_argument" && err.argument.startsWith("options.statuses"));
  assert.equal((await emu.admin("requests")).count, before);
});
