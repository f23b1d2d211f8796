// The built package in Node 20, imported by name as a user would.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, uniqueLoginId, requestCount, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
let descope;
let EMULATOR_URL;
before(async () => {
  emu = await startEmulator([]);
  EMULATOR_URL = emu.url;
  descope = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: EMULATOR_URL });
});
after(() => emu?.stop());

async function newUser(tag) {
  const loginId = uniqueLoginId(tag);
  const created = await descope.user.create(loginId, { email: "pkg@example.com", displayName: "Pkg Test" });
  assert.deepEqual(created.loginIds, [loginId]);
  return loginId;
}

test("updatePicture, updateDisplayName and updateCustomAttribute change what load returns", async () => {
  const loginId = await newUser("seed");
  const before = await descope.user.load(loginId);
  assert.equal(before.name, "Pkg Test");

  const pic = await descope.user.updatePicture(loginId, "https://cdn.example.com/a.png");
  assert.equal(pic.picture, "https://cdn.example.com/a.png");
  await descope.user.updateDisplayName(loginId, "Ann Lee", "Ann", undefined, "Lee");
  await descope.user.updateCustomAttribute(loginId, "seats", 42);

  const after = await descope.user.load(loginId);
  assert.equal(after.picture, "https://cdn.example.com/a.png");
  assert.equal(after.name, "Ann Lee");
  assert.equal(after.givenName, "Ann");
  assert.equal(after.familyName, "Lee");
  assert.equal(after.customAttributes.seats, 42);
  assert.equal(Object.getPrototypeOf(after), Object.prototype, "a plain object, not a wasm class");
});

test("an unknown user rejects with DescopeError E112102", async () => {
  await assert.rejects(descope.user.updatePicture(uniqueLoginId("ghost"), "x"), (err) => {
    assert.ok(err instanceof DescopeError);
    assert.ok(err instanceof Error);
    assert.equal(err.code, "E112102");
    assert.equal(err.status, 400);
    assert.match(err.message, /E112102/);
    return true;
  });
});

test("a wrong key rejects with status 401 and never shows the key", async () => {
  const wrongKey = "K2not-the-right-fake-key";
  const other = new DescopeManagement({ projectId: PROJECT_ID, managementKey: wrongKey, baseUrl: EMULATOR_URL });
  await assert.rejects(other.user.load("anyone@example.com"), (err) => {
    assert.ok(err instanceof DescopeError);
    assert.equal(err.status, 401);
    for (const text of [err.message, String(err), JSON.stringify(err), err.stack ?? ""]) {
      assert.ok(!text.includes(wrongKey), text);
    }
    return true;
  });
  assert.ok(!JSON.stringify(other).includes(wrongKey));
});

test("bad arguments reject naming the argument, and no request is sent", async () => {
  const sent = await requestCount(EMULATOR_URL);
  const cases = [
    [() => descope.user.updatePicture("", "x"), "loginIdOrUserId"],
    [() => descope.user.updatePicture(undefined, "x"), "loginIdOrUserId"],
    [() => descope.user.updatePicture("a@b.c", 5), "picture"],
    [() => descope.user.updateCustomAttribute("a@b.c", "", 1), "attributeKey"],
    [() => descope.user.updateCustomAttribute("a@b.c", "k", { nested: true }), "attributeValue"],
  ];
  for (const [call, argument] of cases) {
    await assert.rejects(call(), (err) => {
      assert.ok(err instanceof DescopeError);
      assert.equal(err.code, "invalid_argument");
      assert.equal(err.argument, argument);
      assert.match(err.message, new RegExp(argument));
      return true;
    });
  }
  assert.equal(await requestCount(EMULATOR_URL), sent);
});

test("a missing projectId throws synchronously with a DescopeError", () => {
  assert.throws(() => new DescopeManagement({ managementKey: FAKE_KEY }), (err) => {
    assert.ok(err instanceof DescopeError);
    assert.match(err.message, /projectId/);
    return true;
  });
});
