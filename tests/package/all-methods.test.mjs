// Every descope.user method through the built package against a private emulator, each
// change checked again through load, search or the emulator's admin view.
import { before, after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

const SEED = fileURLToPath(new URL("./fixtures/seed.json", import.meta.url));
const KIM = "kim@example.com";
const KIM_ID = "U2kimkimkimkimkimkimkimkimki";
const TESS = "tess-test";

let emu;
let user;
let n = 0;
const fresh = (tag) => `${tag}-${++n}@example.org`;

before(async () => {
  emu = await startEmulator(["--seed", SEED]);
  user = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url }).user;
});
after(() => emu?.stop());

const adminView = (id) => emu.admin(`users/${encodeURIComponent(id)}`);

async function rejectsWith(promise, code) {
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof DescopeError, String(err));
    assert.equal(err.code, code, err.message);
    return true;
  });
}

test("the JavaScript surface has every node-sdk management.user function", () => {
  const expected = [
    "create", "createTestUser", "invite", "inviteBatch", "createBatch", "update", "patch", "patchBatch",
    "delete", "deleteByUserId", "deleteBatch", "deleteAllTestUsers", "load", "loadByUserId", "loadUsers",
    "logoutUser", "logoutUserByUserId", "search", "searchTestUsers", "searchAll", "getProviderToken",
    "activate", "deactivate", "updateLoginId", "updateEmail", "updatePhone", "updateDisplayName",
    "updateUserNames", "updatePicture", "updateCustomAttribute", "setRoles", "addRoles", "removeRoles",
    "addTenant", "removeTenant", "setTenantRoles", "addTenantRoles", "removeTenantRoles", "addSSOapps",
    "setSSOapps", "removeSSOapps", "setTemporaryPassword", "setActivePassword", "setPassword",
    "expirePassword", "removeAllPasskeys", "removePasskey", "listPasskeys", "removeTOTPSeed",
    "removeRecoveryCodes", "generateOTPForTestUser", "generateMagicLinkForTestUser",
    "generateEnchantedLinkForTestUser", "generateEmbeddedLink", "generateSignUpEmbeddedLink", "history",
    "import", "updateRecoveryEmail", "updateRecoveryPhone", "getCustomAttributes", "createCustomAttributes",
    "deleteCustomAttributes", "listTrustedDevices", "removeTrustedDevices", "searchPages",
  ];
  assert.deepEqual(Object.keys(user).sort(), expected.sort());
  for (const name of expected) assert.equal(typeof user[name], "function", name);
});

test("a client's groups are enumerable, made once when first read, and frozen", () => {
  const descope = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url });
  const groups = Object.keys(descope);
  assert.ok(groups.includes("user") && groups.includes("tenant") && groups.includes("analytics"), groups.join());
  assert.equal(descope.tenant, descope.tenant, "the same functions at every read");
  assert.ok(Object.isFrozen(descope.tenant));
  const { load } = descope.user;
  assert.equal(load, descope.user.load);
  // Another client's functions call through that client.
  assert.notEqual(descope.user.load, user.load);
});

describe("create, invite and batches", () => {
  test("create stores every option", async () => {
    const id = fresh("create");
    const created = await user.create(id, {
      email: "c@example.org", phone: "+15550001", displayName: "Cee", givenName: "C", middleName: "M",
      familyName: "Dee", roles: ["editor"], userTenants: [{ tenantId: "t-globex", roleNames: ["viewer"] }],
      customAttributes: { seats: 3, plan: "pro", beta: true, teams: ["a", "b"], nickname: "cee" },
      picture: "https://cdn.example.org/c.png", verifiedEmail: true, verifiedPhone: false,
      additionalLoginIds: [`alt-${id}`], ssoAppIds: ["app1"],
    });
    const u = await user.load(id);
    assert.equal(u.userId, created.userId);
    assert.deepEqual(u.loginIds, [id, `alt-${id}`]);
    assert.equal(u.email, "c@example.org");
    assert.equal(u.phone, "+15550001");
    assert.deepEqual([u.name, u.givenName, u.middleName, u.familyName], ["Cee", "C", "M", "Dee"]);
    assert.deepEqual(u.roleNames, ["editor"]);
    assert.deepEqual(u.userTenants.map((t) => [t.tenantId, t.tenantName, t.roleNames]), [["t-globex", "Globex", ["viewer"]]]);
    assert.deepEqual(u.customAttributes, { seats: 3, plan: "pro", beta: true, teams: ["a", "b"], nickname: "cee" });
    assert.equal(u.picture, "https://cdn.example.org/c.png");
    assert.equal(u.verifiedEmail, true);
    assert.deepEqual(u.ssoAppIds, ["app1"]);
    assert.equal(u.status, "enabled");
    await rejectsWith(user.create(id), "E062107");
  });

  test("createTestUser makes a test user that deleteAllTestUsers removes", async () => {
    const id = fresh("tester");
    const keep = fresh("keeper");
    await user.create(keep);
    assert.equal((await user.createTestUser(id, { email: "t@example.org" })).test, true);
    assert.equal((await user.load(id)).test, true);
    const found = await user.searchTestUsers({ loginIds: [id] });
    assert.deepEqual(found.users.map((u) => u.loginIds[0]), [id]);
    assert.equal(found.total, 1);
    await user.deleteAllTestUsers();
    await rejectsWith(user.load(id), "E112102");
    await rejectsWith(user.load(TESS), "E112102");
    assert.equal((await user.load(keep)).loginIds[0], keep);
  });

  test("invite creates an invited user and re-invites by user ID", async () => {
    const id = fresh("invitee");
    const u = await user.invite(id, { email: "i@example.org", inviteUrl: "https://app.example.org/invite", sendMail: true });
    assert.equal((await user.load(id)).status, "invited");
    await user.invite(u.userId, { sendMail: true });
    assert.equal((await adminView(id)).invitesSent, 2);
  });

  test("createBatch creates each user and reports duplicates", async () => {
    const [a, b] = [fresh("batch-a"), fresh("batch-b")];
    const res = await user.createBatch([
      { loginIdOrUserId: a, email: "a@example.org", roles: ["viewer"], password: "Cleartext-1" },
      { loginId: b, hashedPassword: { bcrypt: { hash: "$2a$10$abcdefghijklmnopqrstuu5OB7nHkUc3m2lqgVXC1eCg2A9Hd2i6" } } },
      { loginId: KIM },
    ]);
    assert.deepEqual(res.createdUsers.map((u) => u.loginIds[0]).sort(), [a, b].sort());
    assert.equal(res.failedUsers.length, 1);
    assert.equal(res.failedUsers[0].user.loginIds?.[0] ?? res.failedUsers[0].user.loginId, KIM);
    const loaded = await user.load(a);
    assert.deepEqual([loaded.roleNames, loaded.password], [["viewer"], true]);
    assert.equal((await user.load(b)).password, true);
  });

  test("inviteBatch invites every user", async () => {
    const [a, b] = [fresh("ib-a"), fresh("ib-b")];
    const res = await user.inviteBatch([{ loginIdOrUserId: a, email: "a@x.org" }, { loginIdOrUserId: b }], "https://app.example.org/i", true, false, { k: "v" }, undefined, "fr-FR");
    assert.equal(res.createdUsers.length, 2);
    for (const id of [a, b]) assert.equal((await user.load(id)).status, "invited");
    assert.equal((await adminView(a)).lastInvite.locale, "fr-FR");
  });
});

describe("update and patch", () => {
  test("update overwrites: fields left out are cleared", async () => {
    const id = fresh("upd");
    await user.create(id, { email: "u@example.org", phone: "+15550002", displayName: "Before", customAttributes: { seats: 1 } });
    const u = await user.update(id, { email: "new@example.org", displayName: "After", roles: ["admin"] });
    assert.equal(u.email, "new@example.org");
    const loaded = await user.load(id);
    assert.deepEqual([loaded.email, loaded.name, loaded.phone, loaded.roleNames], ["new@example.org", "After", "", ["admin"]]);
    assert.deepEqual(loaded.customAttributes, {});
  });

  test("patch changes only the keys given", async () => {
    const id = fresh("patch");
    await user.create(id, { email: "p@example.org", phone: "+15550003", displayName: "Pat", customAttributes: { seats: 2, plan: "free" } });
    await user.patch(id, { displayName: "Patty", customAttributes: { plan: "pro" }, status: "disabled", scim: true, additionalIdentifiers: [`extra-${id}`] });
    const u = await user.load(id);
    assert.deepEqual([u.name, u.email, u.phone, u.status, u.SCIM], ["Patty", "p@example.org", "+15550003", "disabled", true]);
    assert.deepEqual(u.customAttributes, { seats: 2, plan: "pro" });
    assert.deepEqual(u.loginIds, [id, `extra-${id}`]);
  });

  test("patchBatch patches each user and reports unknown ones", async () => {
    const [a, b] = [fresh("pb-a"), fresh("pb-b")];
    await user.create(a);
    await user.create(b);
    const res = await user.patchBatch([
      { loginIdOrUserId: a, displayName: "A" },
      { loginId: b, picture: "https://cdn.example.org/b.png" },
      { loginIdOrUserId: fresh("ghost"), displayName: "nobody" },
    ]);
    assert.equal(res.patchedUsers.length, 2);
    assert.equal(res.failedUsers.length, 1);
    assert.equal((await user.load(a)).name, "A");
    assert.equal((await user.load(b)).picture, "https://cdn.example.org/b.png");
    await rejectsWith(user.patchBatch([{ displayName: "no id" }]), "invalid_argument");
  });
});

describe("delete, load and logout", () => {
  test("delete, deleteByUserId and deleteBatch remove users", async () => {
    const ids = [fresh("del-a"), fresh("del-b"), fresh("del-c"), fresh("del-d")];
    const users = [];
    for (const id of ids) users.push(await user.create(id));
    await user.delete(ids[0]);
    await user.deleteByUserId(users[1].userId);
    await user.deleteBatch([users[2].userId, users[3].userId]);
    for (const id of ids) await rejectsWith(user.load(id), "E112102");
  });

  test("loadByUserId and loadUsers find users by user ID", async () => {
    const a = await user.create(fresh("lu-a"));
    const b = await user.create(fresh("lu-b"));
    assert.deepEqual((await user.loadByUserId(a.userId)).loginIds, a.loginIds);
    const many = await user.loadUsers([a.userId, b.userId]);
    assert.deepEqual(many.map((u) => u.userId).sort(), [a.userId, b.userId].sort());
    await user.deactivate(b.loginIds[0]);
    assert.deepEqual((await user.loadUsers([a.userId, b.userId])).map((u) => u.userId), [a.userId]);
    assert.equal((await user.loadUsers([a.userId, b.userId], true)).length, 2);
  });

  test("logoutUser and logoutUserByUserId are recorded", async () => {
    await user.logoutUser(KIM);
    await user.logoutUserByUserId(KIM_ID);
    const view = await adminView(KIM);
    assert.equal(view.logoutCount, 2);
    assert.ok(view.lastLogout > 0);
  });
});

describe("single-field updates", () => {
  test("activate and deactivate change the status", async () => {
    const id = fresh("status");
    await user.create(id);
    assert.equal((await user.deactivate(id)).status, "disabled");
    assert.equal((await user.load(id)).status, "disabled");
    await user.activate(id);
    assert.equal((await user.load(id)).status, "enabled");
  });

  test("updateLoginId renames a login ID; the last one cannot be removed", async () => {
    const id = fresh("login");
    const renamed = fresh("renamed");
    await user.create(id);
    await user.updateLoginId(id, renamed);
    assert.deepEqual((await user.load(renamed)).loginIds, [renamed]);
    await rejectsWith(user.load(id), "E112102");
    await rejectsWith(user.updateLoginId(renamed), "E011003");
  });

  test("updateEmail and updatePhone, with failOnConflict", async () => {
    const id = fresh("contact");
    await user.create(id);
    await user.updateEmail(id, "contact@example.org", true);
    await user.updatePhone(id, "+15550004", false);
    const u = await user.load(id);
    assert.deepEqual([u.email, u.verifiedEmail, u.phone, u.verifiedPhone], ["contact@example.org", true, "+15550004", false]);
    await rejectsWith(user.updateEmail(id, KIM, true, true), "E062107");
    assert.equal((await user.load(id)).email, "contact@example.org");
  });

  test("names, picture and custom attributes of every type", async () => {
    const id = fresh("fields");
    await user.create(id, { displayName: "Old" });
    await user.updateDisplayName(id, "New Name", "New", undefined, "Name");
    await user.updateUserNames(id, "Newer");
    await user.updatePicture(id, "https://cdn.example.org/f.png");
    for (const [k, v] of [["seats", 7], ["plan", "enterprise"], ["beta", false], ["teams", ["x"]], ["nickname", "nn"]]) {
      await user.updateCustomAttribute(id, k, v);
    }
    await rejectsWith(user.updateCustomAttribute(id, "seats", "many"), "E011003");
    const u = await user.load(id);
    assert.deepEqual([u.name, u.givenName, u.familyName, u.picture], ["New Name", "Newer", "Name", "https://cdn.example.org/f.png"]);
    assert.deepEqual(u.customAttributes, { seats: 7, plan: "enterprise", beta: false, teams: ["x"], nickname: "nn" });
    await user.updateCustomAttribute(id, "nickname", null);
    assert.equal("nickname" in (await user.load(id)).customAttributes, false);
  });

  test("recovery email and phone", async () => {
    await user.updateRecoveryEmail(KIM, "kim.recovery@example.org", true);
    await user.updateRecoveryPhone(KIM, "+15550005");
    const view = await adminView(KIM);
    assert.deepEqual([view.recoveryEmail, view.recoveryEmailVerified, view.recoveryPhone], ["kim.recovery@example.org", true, "+15550005"]);
  });
});

describe("roles, tenants and SSO apps", () => {
  test("project roles: set, add, remove", async () => {
    const id = fresh("roles");
    await user.create(id);
    await user.setRoles(id, ["viewer"]);
    await user.addRoles(id, ["editor"]);
    assert.deepEqual((await user.load(id)).roleNames.sort(), ["editor", "viewer"]);
    await user.removeRoles(id, ["viewer"]);
    assert.deepEqual((await user.load(id)).roleNames, ["editor"]);
    await rejectsWith(user.addRoles(id, ["no-such-role"]), "E011003");
  });

  test("tenants and tenant roles", async () => {
    const id = fresh("tenants");
    await user.create(id);
    await user.addTenant(id, "t-acme");
    await user.setTenantRoles(id, "t-acme", ["viewer"]);
    await user.addTenantRoles(id, "t-acme", ["admin"]);
    await user.removeTenantRoles(id, "t-acme", ["viewer"]);
    let u = await user.load(id);
    assert.deepEqual(u.userTenants.map((t) => [t.tenantId, t.tenantName, t.roleNames]), [["t-acme", "Acme", ["admin"]]]);
    await user.removeTenant(id, "t-acme");
    u = await user.load(id);
    assert.deepEqual(u.userTenants, []);
  });

  test("SSO apps: add, set, remove", async () => {
    const id = fresh("sso");
    await user.create(id);
    await user.addSSOapps(id, ["a1"]);
    await user.setSSOapps(id, ["a2", "a3"]);
    await user.removeSSOapps(id, ["a2"]);
    assert.deepEqual((await user.load(id)).ssoAppIds, ["a3"]);
  });
});

describe("passwords and authenticators", () => {
  test("set temporary, active and deprecated passwords, and expire them", async () => {
    for (const method of ["setTemporaryPassword", "setActivePassword", "setPassword"]) {
      const id = fresh(method);
      await user.create(id);
      assert.equal((await user.load(id)).password, false);
      assert.deepEqual(await user[method](id, "S3cret-pass!"), {}, "node-sdk resolves the answer's {}");
      assert.equal((await user.load(id)).password, true);
      assert.equal((await adminView(id)).passwordExpired, method !== "setActivePassword");
    }
    const id = fresh("expire");
    await user.create(id);
    await user.setActivePassword(id, "S3cret-pass!");
    await user.expirePassword(id);
    assert.equal((await adminView(id)).passwordExpired, true);
  });

  test("passkeys: list, remove one, remove all", async () => {
    const listed = await user.listPasskeys(KIM);
    assert.deepEqual(listed.map((p) => p.id), ["cred-1", "cred-2"]);
    await user.removePasskey(KIM, "cred-1");
    assert.deepEqual((await user.listPasskeys(KIM)).map((p) => p.id), ["cred-2"]);
    await user.removeAllPasskeys(KIM);
    assert.deepEqual(await user.listPasskeys(KIM), []);
    assert.equal((await user.load(KIM)).webauthn, false);
  });

  test("TOTP seed and recovery codes", async () => {
    assert.equal((await user.load(KIM)).TOTP, true);
    await user.removeTOTPSeed(KIM);
    assert.equal((await user.load(KIM)).TOTP, false);
    await user.removeRecoveryCodes(KIM);
    assert.equal((await adminView(KIM)).recoveryCodes, false);
  });

  test("trusted devices: list and remove", async () => {
    const devices = await user.listTrustedDevices([KIM]);
    assert.deepEqual(devices.map((d) => d.id), ["d1", "d2"]);
    await user.removeTrustedDevices(KIM, ["d1"]);
    assert.deepEqual((await user.listTrustedDevices([KIM_ID])).map((d) => d.id), ["d2"]);
  });

  test("provider token, with and without refresh token", async () => {
    const t = await user.getProviderToken(KIM, "google");
    assert.deepEqual([t.provider, t.accessToken, t.refreshToken], ["google", "fake-access", undefined]);
    const withRefresh = await user.getProviderToken(KIM, "google", { withRefreshToken: true });
    assert.equal(withRefresh.refreshToken, "fake-refresh");
    await rejectsWith(user.getProviderToken(KIM, "github"), "E011003");
  });
});

describe("test users, links, history, import and schema", () => {
  test("generate OTP, magic link and enchanted link for test users only", async () => {
    const id = fresh("gen");
    await user.createTestUser(id);
    const otp = await user.generateOTPForTestUser("sms", id, { stepup: false });
    assert.equal(otp.loginId, id);
    assert.match(otp.code, /^\d{6}$/);
    const ml = await user.generateMagicLinkForTestUser("email", id, "https://app.example.org/verify");
    assert.ok(ml.link.startsWith("https://app.example.org/verify"), ml.link);
    const el = await user.generateEnchantedLinkForTestUser(id, "https://app.example.org/e");
    assert.ok(el.link.startsWith("https://app.example.org/e") && el.pendingRef, JSON.stringify(el));
    await rejectsWith(user.generateOTPForTestUser("email", KIM), "E011003");
  });

  test("embedded sign-in and sign-up links", async () => {
    const signIn = await user.generateEmbeddedLink(KIM, { role: "x" }, 60);
    assert.ok(signIn.token.length > 10);
    const id = fresh("signup");
    const signUp = await user.generateSignUpEmbeddedLink(id, { name: "New One", email: "n@example.org" }, true, false, { mfa: true }, 30);
    assert.ok(signUp.token.length > 10);
  });

  test("history returns the seeded logins", async () => {
    const h = await user.history([KIM_ID]);
    assert.deepEqual(h.map((e) => e.city), ["Oslo", "Bergen"]);
  });

  test("import: a dry run stores nothing, a real run does", async () => {
    const id = fresh("imported");
    const payload = Buffer.from(JSON.stringify([{ loginId: id, email: "imp@example.org" }])).toString("base64");
    const dry = await user.import("Auth0", payload, undefined, true);
    assert.equal(dry.users.length, 1);
    await rejectsWith(user.load(id), "E112102");
    await user.import("Auth0", payload);
    assert.equal((await user.load(id)).email, "imp@example.org");
  });

  test("custom attribute definitions: get, create, delete", async () => {
    const names = (list) => list.map((a) => a.name).sort();
    assert.ok(names(await user.getCustomAttributes()).includes("seats"));
    const created = await user.createCustomAttributes([{ name: "region", type: 1, displayName: "Region" }]);
    assert.ok(names(created).includes("region"));
    const id = fresh("schema");
    await user.create(id);
    await user.updateCustomAttribute(id, "region", "eu");
    const remaining = await user.deleteCustomAttributes(["region"]);
    assert.ok(!names(remaining).includes("region"));
    assert.ok(!names(await user.getCustomAttributes()).includes("region"));
    await rejectsWith(user.updateCustomAttribute(id, "region", "eu"), "E011003");
  });
});
