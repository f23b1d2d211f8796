// descope.role against the emulator's stateful roles: scoped by tenant and name, their
// permissions followed through renames, and the guard against an empty batch delete.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
let descope;
before(async () => {
  emu = await startEmulator([]);
  descope = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "t" });
});
after(() => emu?.stop());

const role = (name) => descope.role.loadAll().then((roles) => roles.find((r) => r.name === name));

test("create a role with permissions; a permission rename shows in the role; update and delete", async () => {
  await descope.permission.create("docs.read");
  assert.deepEqual(await descope.role.create("doc-reader", "Reads", ["docs.read"]), {});
  assert.deepEqual((await role("doc-reader")).permissionNames, ["docs.read"]);
  await descope.permission.update("docs.read", "docs.view");
  assert.deepEqual((await role("doc-reader")).permissionNames, ["docs.view"], "names are joined at read time");
  // update is a full overwrite: the permissions left out are gone.
  await descope.role.update("doc-reader", "doc-viewer", "Views");
  const docViewer = await role("doc-viewer");
  assert.equal(docViewer.description, "Views");
  assert.deepEqual(docViewer.permissionNames ?? [], []);
  assert.equal(await role("doc-reader"), undefined);
  const found = await descope.role.search({ roleNames: ["doc-viewer"] });
  assert.deepEqual(found.map((r) => r.name), ["doc-viewer"]);
  await descope.role.delete("doc-viewer");
  assert.equal(await role("doc-viewer"), undefined);
});

test("a role's permissions must exist", async () => {
  await assert.rejects(descope.role.create("ghost", "", ["no.such.permission"]), (err) => err instanceof DescopeError && err.status === 400);
  assert.equal(await role("ghost"), undefined);
});

test("an empty batch delete is refused before anything is sent (the service would delete every role)", async () => {
  await descope.role.create("keeper");
  const before = (await emu.admin("requests")).count;
  for (const args of [[], [[]], [[], "tid", []], [undefined, "tid"]]) {
    await assert.rejects(descope.role.deleteBatch(...args), (err) => err instanceof DescopeError && err.argument === "roleNames");
  }
  assert.equal((await emu.admin("requests")).count, before);
  assert.ok(await role("keeper"), "nothing was deleted");
});
