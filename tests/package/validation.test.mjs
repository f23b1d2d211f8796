// Every validation rule rejects before the network: a DescopeError naming the argument,
// and the emulator's request counter does not move.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
let user;
before(async () => {
  emu = await startEmulator([]);
  user = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "tier1" }).user;
});
after(() => emu?.stop());

const count = async () => (await emu.admin("requests")).count;

const CASES = [
  // empty or missing IDs
  ["load", [""], "loginIdOrUserId"],
  ["load", ["   "], "loginIdOrUserId"],
  // White space as Rust's str::trim has it, which the native engine uses: U+0085 included.
  ["load", ["\t\u0085\u00a0\u2003\u3000"], "loginIdOrUserId"],
  ["loadByUserId", [], "userId"],
  ["updatePicture", [42, "x"], "loginIdOrUserId"],
  ["delete", [null], "loginIdOrUserId"],
  ["addTenant", ["a@b.c", ""], "tenantId"],
  ["removePasskey", ["a@b.c", ""], "credentialId"],
  ["getProviderToken", ["a@b.c", ""], "provider"],
  ["setActivePassword", ["a@b.c", ""], "password"],
  ["import", [""], "source"],
  // empty arrays the service rejects
  ["deleteBatch", [[]], "userIds"],
  ["loadUsers", [[]], "userIds"],
  ["history", [["u1", ""]], "userIds[1]"],
  ["listTrustedDevices", [[]], "loginIdsOrUserIds"],
  ["removeTrustedDevices", ["a@b.c", []], "deviceIds"],
  ["deleteCustomAttributes", [[]], "names"],
  ["createCustomAttributes", [[]], "attributes"],
  ["createBatch", [[{ loginId: "x", hashedPassword: {} }]], "users[0].hashedPassword"],
  ["createBatch", [[{ loginId: "x", password: { hashed: {} } }]], "users[0].password.hashed"],
  ["deleteBatch", [["ok", ""]], "userIds[1]"],
  // wrong types
  ["setRoles", ["a@b.c", "admin"], "roles"],
  ["updateEmail", ["a@b.c", 5, true], "email"],
  ["updateEmail", ["a@b.c", "e@x.org", "yes"], "isVerified"],
  ["create", ["a@b.c", "a@b.c"], "options"],
  // unknown option keys, positional misuse
  ["create", ["a@b.c", { emial: "x" }], "options.emial"],
  ["create", ["a@b.c", { roleNames: ["r"] }], "options.roleNames"],
  ["create", ["a@b.c", { sendMail: true }], "options.sendMail"],
  ["update", ["a@b.c", { templateId: "t" }], "options.templateId"],
  // The user goes in the first argument of patch: such keys in the options are unknown.
  ["patch", ["a@b.c", { loginId: "other" }], "options.loginId"],
  ["patch", ["a@b.c", { loginIdOrUserId: "other" }], "options.loginIdOrUserId"],
  ["patchBatch", [[{ displayName: "no id" }]], "users[0].loginIdOrUserId"],
  ["createBatch", [[{ email: "no id" }]], "users[0].loginIdOrUserId"],
  ["createBatch", [[{ loginId: "x", hashedPassword: { bcrypt: { hash: "h" }, md5: { hash: "m" } } }]], "users[0].hashedPassword"],
  // negative paging
  ["search", [{ limit: -1 }], "options.limit"],
  ["search", [{ page: -1 }], "options.page"],
  ["searchAll", [undefined, undefined, -5], "limit"], // its third positional argument
  // unknown statuses and delivery methods
  ["search", [{ statuses: ["enabled", "sleeping"] }], "options.statuses[1]"],
  ["patch", ["a@b.c", { status: "paused" }], "options.status"],
  ["createBatch", [[{ loginId: "x", status: "gone" }]], "users[0].status"],
  ["generateOTPForTestUser", ["pigeon", "a@b.c"], "deliveryMethod"],
  // attribute values the API cannot carry
  ["updateCustomAttribute", ["a@b.c", "k", { a: 1 }], "attributeValue"],
  ["updateCustomAttribute", ["a@b.c", "k", [1, 2]], "attributeValue[0]"],
  ["updateCustomAttribute", ["a@b.c", "k", NaN], "attributeValue"],
  ["updateCustomAttribute", ["a@b.c", "k", 10n], "attributeValue"],
  ["updateCustomAttribute", ["a@b.c", "k"], "attributeValue"],
  ["create", ["a@b.c", { customAttributes: { seats: Infinity } }], "options.customAttributes.seats"],
  ["create", ["a@b.c", { customAttributes: { seats: { deep: 1 } } }], "options.customAttributes.seats"],
];

test("each rule rejects with the argument named and nothing sent", async () => {
  const before = await count();
  for (const [method, args, argument] of CASES) {
    const label = `${method}(${args.map((a) => (typeof a === "bigint" ? `${a}n` : JSON.stringify(a))).join(", ")})`;
    await assert.rejects(user[method](...args), (err) => {
      assert.ok(err instanceof DescopeError, `${label}: ${err}`);
      assert.equal(err.code, "invalid_argument", `${label}: ${err.message}`);
      assert.equal(err.argument, argument, `${label}: ${err.message}`);
      assert.equal(err.status, 0);
      assert.ok(err.message.includes(argument), `${label}: ${err.message}`);
      return true;
    });
  }
  assert.equal(await count(), before, "a request left despite bad arguments");
});

test("an ID of a BOM is not white space, as in Rust's engine: it is sent", async () => {
  const before = await count();
  await assert.rejects(user.load("\ufeff"), (err) => {
    assert.ok(err instanceof DescopeError, String(err));
    assert.notEqual(err.code, "invalid_argument", err.message);
    assert.notEqual(err.status, 0, err.message);
    return true;
  });
  assert.equal(await count(), before + 1);
});

test("bad client options throw at construction, naming the option", () => {
  for (const [options, argument] of [
    [undefined, "options"],
    [{ managementKey: FAKE_KEY }, "projectId"],
    [{ projectId: "" }, "projectId"],
    [{ projectId: "P2a:b", managementKey: FAKE_KEY }, "projectId"],
    // The region rule puts the ID into the host: `Pco/x…` once sent the bearer to api.co.
    [{ projectId: "Pco/x2aAc4T2V93bddihGEx2Ryhc8e5Z", managementKey: FAKE_KEY }, "projectId"],
    [{ projectId: "Pev@l2aAc4T2V93bddihGEx2Ryhc8e5Z", managementKey: FAKE_KEY }, "projectId"],
    [{ projectId: "P2abc.evil.example", managementKey: () => FAKE_KEY }, "projectId"],
    [{ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: "https://user:pw@api.descope.com" }, "baseUrl"],
    [{ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: "https://api.descope.com@evil.example" }, "baseUrl"],
    [{ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: "https://api.descope.com/?x=1" }, "baseUrl"],
    [{ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: "https://api.descope.com#x" }, "baseUrl"],
    [{ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: "api.descope.com" }, "baseUrl"],
    [{ projectId: PROJECT_ID }, "managementKey"],
    [{ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: "ftp://x" }, "baseUrl"],
    [{ projectId: PROJECT_ID, managementKey: FAKE_KEY, timeoutMs: -1 }, "timeoutMs"],
    [{ projectId: PROJECT_ID, managementKey: FAKE_KEY, managmentKey: "typo" }, "options.managmentKey"],
  ]) {
    assert.throws(() => new DescopeManagement(options), (err) => {
      assert.ok(err instanceof DescopeError, String(err));
      assert.equal(err.argument, argument, err.message);
      assert.ok(!err.message.includes(FAKE_KEY));
      return true;
    });
  }
});

test("a value JSON cannot write rejects naming the argument, with nothing sent", async () => {
  const descope = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "tier1" });
  const cyclic = {};
  cyclic.self = cyclic;
  const before = await count();
  for (const [claims, why] of [
    [{ seats: 10n }, /BigInt/],
    [{ loop: cyclic }, /circular/i],
  ]) {
    await assert.rejects(descope.accessKey.create("ci", 0, undefined, undefined, undefined, claims), (err) => {
      assert.ok(err instanceof DescopeError, String(err));
      assert.equal(err.code, "invalid_argument", err.message);
      assert.match(err.message, /cannot be sent as JSON/);
      assert.match(err.message, why);
      return true;
    });
  }
  assert.equal(await count(), before, "a request left despite a value JSON cannot write");
});

test("an argument whose getter throws is read as absent, as Reflect.get would be caught", async () => {
  const options = { displayName: "Getter" };
  Object.defineProperty(options, "email", { enumerable: true, get: () => { throw new Error("boom"); } });
  await user.create("getter@example.com", options);
  const created = await user.load("getter@example.com");
  assert.equal(created.name, "Getter");
  assert.equal(created.email, "");
});
