// Credentials from the host, three ways: the options object, DescopeManagement.fromEnv,
// and a key function (a rotating secret); and no key at all behind a proxy.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
before(async () => {
  emu = await startEmulator([]);
  const d = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "tier1" });
  await d.user.create("cred@example.com");
});
after(() => emu?.stop());

const lastAuth = async () => (await emu.admin("requests")).requests.at(-1);

test("fromEnv reads a Worker-style env object, Deno.env.toObject() or process.env alike", async () => {
  const env = { DESCOPE_PROJECT_ID: PROJECT_ID, DESCOPE_MANAGEMENT_KEY: FAKE_KEY, DESCOPE_BASE_URI: emu.url, OTHER: "x" };
  const descope = DescopeManagement.fromEnv(env, { licenseTier: "tier1" });
  assert.equal((await descope.user.load("cred@example.com")).loginIds[0], "cred@example.com");
  const entry = await lastAuth();
  assert.equal(entry.authorized, true);
});

test("fromEnv names what is missing", () => {
  for (const [env, argument, mention] of [
    [{}, "env.DESCOPE_PROJECT_ID", /DESCOPE_PROJECT_ID and DESCOPE_MANAGEMENT_KEY/],
    [{ DESCOPE_PROJECT_ID: PROJECT_ID }, "env.DESCOPE_MANAGEMENT_KEY", /DESCOPE_MANAGEMENT_KEY/],
    [{ DESCOPE_MANAGEMENT_KEY: FAKE_KEY }, "env.DESCOPE_PROJECT_ID", /DESCOPE_PROJECT_ID/],
    [{ DESCOPE_PROJECT_ID: "", DESCOPE_MANAGEMENT_KEY: FAKE_KEY }, "env.DESCOPE_PROJECT_ID", /DESCOPE_PROJECT_ID/],
  ]) {
    assert.throws(() => DescopeManagement.fromEnv(env), (err) => {
      assert.ok(err instanceof DescopeError);
      assert.equal(err.argument, argument);
      assert.match(err.message, mention);
      assert.ok(!err.message.includes(FAKE_KEY));
      return true;
    });
  }
  assert.throws(() => DescopeManagement.fromEnv(undefined), (err) => err.argument === "env");
});

test("a key function is asked at every call, and may return a promise", async () => {
  let calls = 0;
  const descope = new DescopeManagement({
    projectId: PROJECT_ID,
    baseUrl: emu.url,
    licenseTier: "tier1",
    managementKey: async () => {
      calls++;
      return FAKE_KEY;
    },
  });
  await descope.user.load("cred@example.com");
  await descope.user.load("cred@example.com");
  assert.equal(calls, 2, "the key is not cached between calls");
  // A rotation takes effect at the next call.
  let key = "K2rotated-away-fake-key";
  const rotating = new DescopeManagement({ projectId: PROJECT_ID, baseUrl: emu.url, licenseTier: "tier1", managementKey: () => key });
  await assert.rejects(rotating.user.load("cred@example.com"), (err) => err.status === 401 && !err.message.includes(key));
  key = FAKE_KEY;
  assert.equal((await rotating.user.load("cred@example.com")).loginIds[0], "cred@example.com");
});

test("a failing or empty key function rejects the call, naming managementKey", async () => {
  for (const managementKey of [() => { throw new Error("vault down"); }, async () => "", () => 42]) {
    const d = new DescopeManagement({ projectId: PROJECT_ID, baseUrl: emu.url, licenseTier: "tier1", managementKey });
    await assert.rejects(d.user.load("cred@example.com"), (err) => err instanceof DescopeError && err.argument === "managementKey");
  }
  assert.throws(() => new DescopeManagement({ projectId: PROJECT_ID, managementKey: 12 }), (err) => err.argument === "managementKey");
});

test("without a key, behind a proxy baseUrl, no Authorization header is sent", async () => {
  await emu.admin("requests", { method: "DELETE" });
  const proxied = new DescopeManagement({ projectId: PROJECT_ID, baseUrl: emu.url });
  // The emulator tells a missing header from a wrong one.
  await assert.rejects(proxied.user.load("cred@example.com"), (err) => err.status === 401 && /missing Authorization header/.test(err.description));
  const [entry] = (await emu.admin("requests")).requests;
  assert.equal(entry.path, "/v1/mgmt/user", "no license handshake without a key");
  assert.equal(entry.authorized, false);
  assert.equal(entry.headers["x-descope-project-id"], PROJECT_ID);
});
