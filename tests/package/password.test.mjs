// descope.password against the emulator: a tenant's policy is replaced and read back, with
// node-sdk's spelling of nonAlphanumeric accepted and the service's sent.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement } = await import("descope-mgmt");

let emu;
let descope;
before(async () => {
  emu = await startEmulator([]);
  descope = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "t" });
});
after(() => emu?.stop());

test("configure the project's policy, then read it back", async () => {
  await emu.admin("requests", { method: "DELETE" });
  assert.deepEqual(await descope.password.configureSettings("", { enabled: true, minLength: 12, nonAlphaNumeric: true, lock: true, lockAttempts: 4 }), {});
  const [sent] = (await emu.admin("requests")).requests.filter((r) => r.path === "/v1/mgmt/password/settings");
  assert.equal(sent.body.nonAlphanumeric, true, "the service's spelling is sent");
  assert.ok(!("nonAlphaNumeric" in sent.body));
  const settings = await descope.password.getSettings("");
  assert.equal(settings.minLength, 12);
  assert.equal(settings.nonAlphanumeric, true);
  assert.equal(settings.lockAttempts, 4);
});

test("bad settings are named before anything is sent", async () => {
  await assert.rejects(descope.password.configureSettings("", { minLength: -1 }), (err) => err.argument === "settings.minLength");
  await assert.rejects(descope.password.configureSettings("", { minLenght: 8 }), (err) => err.argument === "settings.minLenght");
});
