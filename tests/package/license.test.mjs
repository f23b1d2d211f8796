// The rate-limit tier: learnt from GET /v1/mgmt/license once per process (a Worker
// isolate) for each base URL and project ID, shared by every client, and sent as
// x-descope-license on every call. Each test uses an emulator of its own, so its base URL
// is one this process has not asked about yet.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement } = await import("descope-mgmt");

const KIM = "kim-license@example.com";

async function withEmulator(body) {
  const emu = await startEmulator([]);
  try {
    const seeder = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "given" });
    await seeder.user.create(KIM, { email: KIM });
    await emu.admin("requests", { method: "DELETE" });
    const log = async () => (await emu.admin("requests")).requests;
    await body(emu, log);
  } finally {
    await emu.stop();
  }
}

test("the tier is learnt once and sent on every call, by every view", async () => {
  await withEmulator(async (emu, log) => {
    const learner = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url });
    await learner.user.load(KIM);
    await learner.with({ timeoutMs: 5000 }).user.load(KIM);
    const entries = await log();
    assert.deepEqual(entries.map((r) => r.path), ["/v1/mgmt/license", "/v1/mgmt/user", "/v1/mgmt/user"]);
    // The emulator answers the handshake with tier2.
    assert.deepEqual(entries.slice(1).map((r) => r.headers["x-descope-license"]), ["tier2", "tier2"]);
  });
});

test("a client built per request (a Worker's habit) asks once per process, not once per client", async () => {
  await withEmulator(async (emu, log) => {
    for (let i = 0; i < 5; i++) {
      const perRequest = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url });
      await perRequest.user.load(KIM);
    }
    const entries = await log();
    assert.equal(entries.filter((r) => r.path === "/v1/mgmt/license").length, 1);
    const loads = entries.filter((r) => r.path === "/v1/mgmt/user");
    assert.equal(loads.length, 5);
    assert.ok(loads.every((r) => r.headers["x-descope-license"] === "tier2"), "every later client sends the learnt tier");
    // Another base URL for the same emulator (localhost) is another cache entry: asked again.
    const other = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url.replace("127.0.0.1", "localhost") });
    await other.user.load(KIM);
    assert.equal((await log()).filter((r) => r.path === "/v1/mgmt/license").length, 2);
  });
});

test("a failing license handshake is ignored and not asked again, by any client", async () => {
  await withEmulator(async (emu, log) => {
    await emu.admin("faults", { method: "POST", body: JSON.stringify({ kind: "status", status: 500, pathPrefix: "/v1/mgmt/license" }) });
    const learner = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url });
    assert.equal((await learner.user.load(KIM)).loginIds[0], KIM);
    await learner.user.load(KIM);
    await new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url }).user.load(KIM);
    const entries = await log();
    assert.equal(entries.filter((r) => r.path === "/v1/mgmt/license").length, 1);
    assert.ok(entries.filter((r) => r.path === "/v1/mgmt/user").every((r) => !("x-descope-license" in r.headers)));
  });
});

test("a given licenseTier skips the handshake and is not shared", async () => {
  await withEmulator(async (emu, log) => {
    const given = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "tier7" });
    await given.user.load(KIM);
    const entries = await log();
    assert.deepEqual(entries.map((r) => [r.path, r.headers["x-descope-license"]]), [["/v1/mgmt/user", "tier7"]]);
  });
});
