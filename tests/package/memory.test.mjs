// 10,000 calls from Node: the wasm memory after the last call stays within 1 MiB of what
// it was after the first 100 (no leak per call).
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, wasmMemoryBytes } = await import("descope-mgmt");

let emu;
before(async () => {
  emu = await startEmulator([]);
});
after(() => emu?.stop());

test("wasm memory is flat over 10,000 calls", { timeout: 180_000 }, async () => {
  const descope = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "tier1" });
  const id = "mem@example.com";
  await descope.user.create(id, { email: id });
  let afterFirst100 = 0;
  for (let i = 1; i <= 10_000; i++) {
    // A mix: updates with bodies, loads, and rejected arguments (error paths).
    if (i % 3 === 0) await descope.user.load(id);
    else await descope.user.updateCustomAttribute(id, "nickname", `n${i}`);
    if (i % 10 === 0) await descope.user.updatePicture("", "x").catch(() => {});
    if (i === 100) afterFirst100 = wasmMemoryBytes();
  }
  const afterAll = wasmMemoryBytes();
  const growth = afterAll - afterFirst100;
  console.log(`# memory: wasm ${afterFirst100} bytes after 100 calls, ${afterAll} after 10,000 (growth ${growth})`);
  assert.ok(afterFirst100 > 0);
  assert.ok(growth <= 1024 * 1024, `wasm memory grew by ${growth} bytes`);
  assert.equal((await descope.user.load(id)).customAttributes.nickname, "n10000");
});
