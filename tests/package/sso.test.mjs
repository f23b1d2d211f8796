// descope.sso and descope.ssoApplication against the emulator: node-sdk's reshaping of the
// settings it answers, the OIDC mapping renamed on the way out, applications enabled by
// default on create only, and application secrets answered once and kept out of errors.
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
const lastBody = async (path) => {
  const sent = (await emu.admin("requests")).requests.filter((r) => r.path === path).at(-1);
  return typeof sent.body === "string" ? JSON.parse(sent.body) : sent.body;
};

test("SAML settings: configured, loaded with node-sdk's flattened group mapping, the tenant's authType set", async () => {
  await descope.tenant.createWithId("sso-t", "SSO Tenant");
  await descope.role.create("sso-admin");
  await descope.sso.configureSAMLSettings(
    "sso-t",
    { idpUrl: "https://idp.example/sso", idpCert: "MIIC-cert", entityId: "urn:idp", roleMappings: [{ groups: ["Admins"], roleName: "sso-admin" }], attributeMapping: { email: "mail" } },
    "https://app.example/after",
    ["sso-t.example"],
  );
  const settings = await descope.sso.loadSettings("sso-t");
  assert.equal(settings.tenant.id, "sso-t");
  assert.equal(settings.saml.idpEntityId, "urn:idp");
  assert.deepEqual(settings.saml.groupsMapping, [{ groups: ["Admins"], roleName: "sso-admin" }], "flattened as node-sdk does");
  assert.equal(settings.saml.attributeMapping.email, "mail");
  assert.equal((await descope.tenant.load("sso-t")).authType, "saml");
  const all = await descope.sso.loadAllSettings("sso-t");
  assert.ok(Array.isArray(all));
  assert.deepEqual(all[0].saml.groupsMapping, settings.saml.groupsMapping);
});

test("OIDC settings: attributeMapping is sent as userAttrMapping and read back as attributeMapping; the client secret is never answered", async () => {
  await descope.tenant.createWithId("oidc-t", "OIDC Tenant");
  await descope.sso.configureOIDCSettings("oidc-t", {
    name: "Okta",
    clientId: "cid",
    clientSecret: "oidc-client-sEcReT-value",
    authUrl: "https://idp.example/auth",
    attributeMapping: { loginId: "sub", email: "email" },
    scope: ["openid"],
    prompt: ["login"],
  }, ["oidc-t.example"]);
  const body = await lastBody("/v1/mgmt/sso/oidc");
  assert.deepEqual(body.settings.userAttrMapping, { loginId: "sub", email: "email" });
  assert.equal("attributeMapping" in body.settings, false);
  const { oidc } = await descope.sso.loadSettings("oidc-t");
  assert.equal(oidc.attributeMapping.loginId, "sub");
  assert.equal(oidc.attributeMapping.email, "email");
  assert.equal("userAttrMapping" in oidc, false);
  assert.equal(JSON.stringify(oidc).includes("sEcReT"), false);
});

test("more configurations: new, redirect URLs, delete", async () => {
  await descope.tenant.createWithId("multi-t", "Multi Tenant");
  const created = await descope.sso.newSettings("multi-t", "second", "Second IdP");
  assert.equal(created.ssoId, "second");
  assert.equal(created.tenant.id, "multi-t");
  await descope.sso.configureSSORedirectURL("multi-t", "https://saml.example/back", undefined, "second");
  const body = await lastBody("/v1/mgmt/sso/redirect");
  assert.deepEqual(body, { tenantId: "multi-t", samlRedirectUrl: "https://saml.example/back", ssoId: "second" });
  assert.equal((await descope.sso.loadAllSettings("multi-t")).length, 2);
  await descope.sso.deleteSettings("multi-t", "second");
  assert.equal((await descope.sso.loadAllSettings("multi-t")).length, 1);
});

test("applications: enabled by default on create, not on update; load and loadAll; delete", async () => {
  const { id } = await descope.ssoApplication.createOidcApplication({ name: "Wiki", loginPageUrl: "https://login.example" });
  let app = await descope.ssoApplication.load(id);
  assert.equal(app.enabled, true);
  assert.equal(app.appType, "oidc");
  // An update is a full overwrite: leaving `enabled` out disables the application.
  await descope.ssoApplication.updateOidcApplication({ id, name: "Wiki 2", loginPageUrl: "https://login.example" });
  app = await descope.ssoApplication.load(id);
  assert.equal(app.name, "Wiki 2");
  assert.equal(app.enabled ?? false, false);
  const { id: samlId } = await descope.ssoApplication.createSamlApplication({ name: "CRM", loginPageUrl: "https://login.example", useMetadataInfo: true, metadataUrl: "https://crm.example/md", enabled: false });
  assert.equal((await descope.ssoApplication.load(samlId)).enabled, false);
  const { id: wsId } = await descope.ssoApplication.createWsFedApplication({ name: "Legacy", loginPageUrl: "https://login.example", realm: "urn:legacy", replyUrl: "https://legacy.example/reply" });
  const ids = (await descope.ssoApplication.loadAll()).map((a) => a.id);
  for (const want of [id, samlId, wsId]) assert.ok(ids.includes(want), want);
  await descope.ssoApplication.delete(samlId);
  assert.equal((await descope.ssoApplication.loadAll()).some((a) => a.id === samlId), false);
});

test("an application's secret: read, rotated, and never quoted by an error", async () => {
  const { id } = await descope.ssoApplication.createOidcApplication({ name: "Secret App", loginPageUrl: "https://login.example" });
  const { cleartext } = await descope.ssoApplication.getApplicationSecret(id);
  assert.ok(cleartext.length >= 16);
  const rotated = await descope.ssoApplication.rotateApplicationSecret(id);
  assert.notEqual(rotated.cleartext, cleartext);
  assert.equal((await descope.ssoApplication.getApplicationSecret(id)).cleartext, rotated.cleartext);
  // Half of `{"cleartext":"…"}` reaches the client: the error must hold none of it.
  await emu.admin("faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "truncate", count: 1, pathPrefix: "/v1/mgmt/sso/idp/app/secret" }) });
  const err = await descope.ssoApplication.getApplicationSecret(id).then(() => null, (e) => e);
  assert.ok(err instanceof DescopeError, String(err));
  assert.equal(err.code, "decode_error");
  for (const text of [err.message, err.description, String(err), JSON.stringify(err), err.stack ?? ""]) {
    for (let i = 0; i + 8 <= rotated.cleartext.length; i++) {
      assert.equal(text.includes(rotated.cleartext.slice(i, i + 8)), false, "the error holds a piece of the secret");
    }
  }
});

test("bad arguments are named before anything is sent", async () => {
  const before = (await emu.admin("requests")).count;
  await assert.rejects(descope.ssoApplication.createOidcApplication({ loginPageUrl: "https://x" }), invalid("options"));
  await assert.rejects(descope.ssoApplication.createSamlApplication({ name: "n", loginPageUrl: "u", subjectNameIdType: "fax" }), invalid("options.subjectNameIdType"));
  await assert.rejects(descope.ssoApplication.updateWsFedApplication({ name: "n", loginPageUrl: "u", realm: "r", replyUrl: "x" }), invalid("options"));
  await assert.rejects(descope.sso.configureOIDCSettings("t", { name: "n", clientId: "c", userAttrMapping: {} }), invalid("settings.userAttrMapping"));
  await assert.rejects(descope.sso.configureOIDCSettings("t", { name: "n", clientId: "c", grantType: "password" }), invalid("settings.grantType"));
  await assert.rejects(descope.sso.configureSAMLSettings("t", { idpUrl: "u", idpCert: "c" }), invalid("settings"));
  await assert.rejects(descope.sso.loadSettings(""), invalid("tenantId"));
  assert.equal((await emu.admin("requests")).count, before);
});
