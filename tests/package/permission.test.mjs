// descope.permission against the emulator's stateful permissions (effects checked by
// loading them back), and the guard against an empty batch delete.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
let permission;
before(async () => {
  emu = await startEmulator([]);
  permission = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "t" }).permission;
});
after(() => emu?.stop());

const names = async () => (await permission.loadAll()).map((p) => p.name).sort();

test("create, rename, describe and delete permissions; loadAll shows each change", async () => {
  assert.deepEqual(await permission.create("docs.read", "Reads documents"), {});
  await permission.createBatch([{ name: "docs.write" }, { name: "docs.share", description: "Shares" }]);
  const created = await names();
  for (const n of ["docs.read", "docs.share", "docs.write"]) assert.ok(created.includes(n), n);
  let all = await permission.loadAll();
  assert.equal(all.find((p) => p.name === "docs.read")?.description, "Reads documents");
  assert.ok(all.some((p) => p.systemDefault), "the system permissions are there");
  await permission.update("docs.read", "docs.view");
  all = await permission.loadAll();
  assert.ok(!all.some((p) => p.name === "docs.read"));
  // An update is a full overwrite: no description given, none kept.
  assert.equal(all.find((p) => p.name === "docs.view")?.description ?? "", "");
  await permission.delete("docs.view");
  await permission.deleteBatch(["docs.write", "docs.share"]);
  const left = await names();
  for (const gone of ["docs.view", "docs.write", "docs.share"]) assert.ok(!left.includes(gone), gone);
});

test("an empty batch delete is refused before anything is sent", async () => {
  const before = (await emu.admin("requests")).count;
  for (const args of [[], [[]], [null, []], [undefined, undefined]]) {
    await assert.rejects(permission.deleteBatch(...args), (err) => err instanceof DescopeError && err.argument === "names");
  }
  assert.equal((await emu.admin("requests")).count, before);
});

test("bad arguments are named", async () => {
  await assert.rejects(permission.create(""), (err) => err.argument === "name");
  await assert.rejects(permission.createBatch([{ name: "x", descrption: "typo" }]), (err) => err.argument === "permissions[0].descrption");
  await assert.rejects(permission.updateWithId("pid", 7), (err) => err.argument === "newName");
});
