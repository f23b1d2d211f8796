// A storm: 1000 updateCustomAttribute calls, 50 at a time, against an emulator that allows
// 100 requests a second (about a tenth of the rate the client reaches unthrottled here),
// with on429 retries. Every update must be applied exactly once and none may fail.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement } = await import("descope-mgmt");

const CALLS = 1000;
const CONCURRENCY = 50;
const PATH = "/v1/mgmt/user/update/customAttribute";

let emu;
before(async () => {
  emu = await startEmulator(["--sample-users", String(CALLS)]);
});
after(() => emu?.stop());

test("1000 rate-limited updates, each applied exactly once", { timeout: 120_000 }, async () => {
  const users = (await emu.admin("users")).users.map((v) => v.user.loginIds[0]);
  assert.equal(users.length, CALLS);
  await emu.admin("requests", { method: "DELETE" });
  await emu.admin("faults", {
    method: "POST",
    body: JSON.stringify({ kind: "rateLimit", limit: 100, windowSecs: 1, pathPrefix: PATH }),
  });

  const descope = new DescopeManagement({
    projectId: PROJECT_ID,
    managementKey: FAKE_KEY,
    baseUrl: emu.url,
    licenseTier: "tier2",
    retry: { on429: true, maxAttempts: 100, maxDelayMs: 1000 },
  });
  const errors = [];
  let next = 0;
  const started = Date.now();
  async function worker() {
    while (next < CALLS) {
      const i = next++;
      try {
        await descope.user.updateCustomAttribute(users[i], "seats", i);
      } catch (err) {
        errors.push(`${users[i]}: ${err.message}`);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;
  assert.deepEqual(errors, []);

  const log = (await emu.admin("requests")).requests.filter((r) => r.path === PATH);
  const applied = new Map();
  for (const r of log.filter((r) => r.applied)) applied.set(r.body.loginId, (applied.get(r.body.loginId) ?? 0) + 1);
  const rejected = log.filter((r) => r.status === 429).length;
  assert.equal(applied.size, CALLS);
  assert.ok([...applied.values()].every((n) => n === 1), "an update was applied twice");
  assert.ok(rejected > 0, "the rate limit never bit: the test proves nothing");

  const state = new Map((await emu.admin("users")).users.map((v) => [v.user.loginIds[0], v.user.customAttributes.seats]));
  users.forEach((id, i) => assert.equal(state.get(id), i, id));
  console.log(`# storm: ${CALLS} updates in ${seconds.toFixed(1)} s, ${rejected} answers of 429 retried, each update applied once`);
});
