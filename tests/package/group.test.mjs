// descope.group against groups seeded into a private emulator (the service has no write API
// for them): each call answers the bare array node-sdk resolves.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
let dir;
let group;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "descope-groups-"));
  const seed = join(dir, "seed.json");
  writeFileSync(seed, JSON.stringify({
    tenants: [{ id: "tg1", name: "Groups Inc" }],
    users: [{ loginId: "sam@groups.example", email: "sam@groups.example", userTenants: [{ tenantId: "tg1" }] }],
    groups: [{ tenantId: "tg1", id: "g1", display: "Admins", members: ["sam@groups.example"], source: "scim" }],
  }));
  emu = await startEmulator(["--seed", seed]);
  group = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "t" }).group;
});
after(async () => {
  await emu?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a tenant's groups, a member's groups and a group's members", async () => {
  const all = await group.loadAllGroups("tg1");
  assert.deepEqual(all.map((g) => [g.id, g.display, g.source]), [["g1", "Admins", "scim"]]);
  const forSam = await group.loadAllGroupsForMember("tg1", undefined, ["sam@groups.example"]);
  assert.deepEqual(forSam.map((g) => g.id), ["g1"]);
  const [withMembers] = await group.loadAllGroupMembers("tg1", "g1");
  assert.deepEqual(withMembers.members.map((m) => m.loginId), ["sam@groups.example"]);
});

test("a member query with no user is refused before anything is sent", async () => {
  const before = (await emu.admin("requests")).count;
  await assert.rejects(group.loadAllGroupsForMember("tg1"), (err) => err instanceof DescopeError && err.argument === "userIds");
  await assert.rejects(group.loadAllGroups(""), (err) => err.argument === "tenantId");
  assert.equal((await emu.admin("requests")).count, before);
});
