// descope.authz and descope.fga against the emulator: relations stored and answered, directly
// and through the schema's definitions; FGA checks from stored tuples.
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

const invalid = (argument) => (err) => err instanceof DescopeError && err.code === "invalid_argument" && err.argument === argument;

const schema = {
  name: "docs-v1",
  namespaces: [
    { name: "folder", relationDefinitions: [{ name: "viewer" }] },
    {
      name: "doc",
      relationDefinitions: [
        { name: "owner" },
        {
          name: "viewer",
          // A doc's viewers: those related as viewers, and its owners.
          complexDefinition: {
            nType: "union",
            children: [
              { nType: "child", expression: { neType: "self" } },
              { nType: "child", expression: { neType: "targetSet", targetRelationDefinition: "owner", targetRelationDefinitionNamespace: "doc" } },
            ],
          },
        },
      ],
    },
  ],
};

test("relate a user to a document, then hasRelations is true; derived relations too", async () => {
  await descope.authz.saveSchema(schema, true);
  assert.deepEqual((await descope.authz.loadSchema()).namespaces.map((n) => n.name).sort(), ["doc", "folder"]);
  const user = await descope.user.create("reader@example.com");
  await descope.authz.createRelations([{ resource: "doc-1", relationDefinition: "owner", namespace: "doc", target: user.userId }]);
  const [owner, viewer, other] = await descope.authz.hasRelations([
    { resource: "doc-1", relationDefinition: "owner", namespace: "doc", target: user.userId },
    { resource: "doc-1", relationDefinition: "viewer", namespace: "doc", target: user.userId },
    { resource: "doc-2", relationDefinition: "owner", namespace: "doc", target: user.userId },
  ]);
  assert.equal(owner.hasRelation, true);
  assert.equal(viewer.hasRelation, true, "an owner is a viewer through the definition");
  assert.equal(other.hasRelation, false);
  assert.deepEqual(await descope.authz.whoCanAccess("doc-1", "owner", "doc"), [user.userId]);
  assert.deepEqual((await descope.authz.whatCanTargetAccessWithRelation(user.userId, "owner", "doc")), [{ resource: "doc-1" }]);
  const stored = await descope.authz.resourceRelations("doc-1");
  assert.deepEqual(stored.map((r) => r.relationDefinition), ["owner"]);
  assert.ok((await descope.authz.whatCanTargetAccess(user.userId)).some((r) => r.resource === "doc-1"));
  await descope.authz.deleteRelations([{ resource: "doc-1", relationDefinition: "owner", namespace: "doc", target: user.userId }]);
  assert.equal((await descope.authz.hasRelations([{ resource: "doc-1", relationDefinition: "owner", namespace: "doc", target: user.userId }]))[0].hasRelation, false);
  const modified = await descope.authz.getModified(new Date(Date.now() - 60_000));
  assert.ok(modified.resources.includes("doc-1"), JSON.stringify(modified));
});

test("FGA: the DSL schema and tuples; check answers from the stored tuples", async () => {
  const dsl = "model AuthZ 1.0\n\ntype user\n\ntype doc\n  relation owner: user\n";
  await descope.fga.saveSchema({ dsl });
  assert.equal((await descope.fga.loadSchema()).dsl, dsl);
  const tuple = { resource: "doc-9", resourceType: "doc", relation: "owner", target: "u-1", targetType: "user" };
  await descope.fga.createRelations([tuple]);
  const [yes, no] = await descope.fga.check([tuple, { ...tuple, target: "u-2" }]);
  assert.equal(yes.allowed, true);
  assert.equal(no.allowed, false);
  await descope.fga.deleteRelations([tuple]);
  assert.equal((await descope.fga.check([tuple]))[0].allowed, false);
});

test("bad arguments are named before anything is sent", async () => {
  const before = (await emu.admin("requests")).count;
  await assert.rejects(descope.authz.createRelations([]), invalid("relations"));
  await assert.rejects(descope.authz.createRelations([{ resource: "d", namespace: "doc" }]), invalid("relations[0]"));
  await assert.rejects(descope.authz.saveRelationDefinition({ name: "x", complexDefinition: { nType: "xor" } }, "doc"), invalid("relationDefinition.complexDefinition.nType"));
  await assert.rejects(descope.authz.getModified("yesterday"), invalid("since"));
  await assert.rejects(descope.fga.check([{ resource: "d" }]), invalid("relations[0]"));
  assert.equal((await emu.admin("requests")).count, before);
});
