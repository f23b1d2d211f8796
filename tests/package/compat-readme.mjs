// node-sdk 2.13.0's README management examples ("Manage Tenants", "Manage Password", "Manage
// SSO applications", "Manage Users" with "Set or Expire User Password", "Manage Access Keys",
// "Manage SSO Setting", "Manage Permissions", "Manage Roles", "Query SSO Groups", "Manage
// JWTs", "Impersonate", "Embedded Links", "Audit" and the e2e utils), written as one
// scenario for a node-sdk-shaped client: compat.test.mjs runs it through node-sdk itself and
// through descope-mgmt/compat, each against its own fresh emulator, and compares the records.
//
// The calls and arguments are the README's. Where the README has a placeholder that cannot
// exist ('<user-ID>', 'key-id', 'my-app-id'), the value an earlier call answered is used;
// where it refers to a tenant or role it never made ('tenant-ID1', 'role-name1'), a setup
// call makes it first. Its typos are kept where node-sdk would send them as written and fixed
// where they would not run at all (`tenantID` for `tenantId`); `idpURL`/`entityID` are
// node-sdk's documented `idpUrl`/`entityId`.

/** Runs the examples; resolves to one record per call: `{ step, ok, code, data?, error? }`. */
export async function readmeExamples(descopeClient) {
  const records = [];
  const m = descopeClient.management;
  // Every call's SdkResponse, kept in order; `response` (node-sdk's fetch Response) is not compared.
  const step = async (name, call) => {
    const res = await call();
    const { response, ...rest } = res;
    records.push({ step: name, ...rest });
    return res;
  };

  // ---- setup: what the README's examples assume exists
  await step("setup tenant.createWithId", () => m.tenant.createWithId("tenant-ID1", "Tenant One"));
  await step("setup role.create", () => m.role.create("role-name1", "first"));
  await step("setup role.create", () => m.role.create("role-name2", "second"));
  await step("setup user.create", () => m.user.create("other@descope.com", { email: "other@descope.com", userTenants: [{ tenantId: "tenant-ID1", roleNames: ["role-name1"] }] }));

  // ---- Manage Tenants
  await step("tenant.create", () => m.tenant.create("My Tenant", ["domain.com"], { customAttributeName: "val" }));
  await step("tenant.createWithId", () => m.tenant.createWithId("my-custom-id", "My Tenant", ["domain.com"], { customAttributeName: "val" }));
  await step("tenant.createWithId (a name not taken)", () => m.tenant.createWithId("my-custom-id", "My Custom Tenant", ["custom.com"]));
  await step("tenant.update", () => m.tenant.update("my-custom-id", "My Tenant", ["domain.com", "another-domain.com"], { customAttributeName: "val" }));
  await step("tenant.updateDefaultRoles", () => m.tenant.updateDefaultRoles("my-custom-id", ["role1", "role2"]));
  await step("tenant.load", () => m.tenant.load("my-custom-id"));
  await step("tenant.loadAll", () => m.tenant.loadAll());
  await step("tenant.searchAll", () => m.tenant.searchAll(["my-custom-id"]));
  await step("tenant.getSettings", () => m.tenant.getSettings("my-custom-id"));
  await step("tenant.configureSettings", () =>
    m.tenant.configureSettings("my-custom-id", {
      domains: ["domain1.com"],
      selfProvisioningDomains: ["domain1.com"],
      sessionSettingsEnabled: true,
      refreshTokenExpiration: 12,
      refreshTokenExpirationUnit: "days",
      sessionTokenExpiration: 10,
      sessionTokenExpirationUnit: "minutes",
      enableInactivity: true,
      JITDisabled: false,
      InactivityTime: 10,
      InactivityTimeUnit: "minutes",
    }),
  );
  await step("tenant.getSettings (after configureSettings)", () => m.tenant.getSettings("my-custom-id"));
  await step("tenant.generateSSOConfigurationLink", () => m.tenant.generateSSOConfigurationLink("my-custom-id", 60 * 60 * 24));
  await step("tenant.generateSSOConfigurationLink (actor)", () =>
    m.tenant.generateSSOConfigurationLink("my-custom-id", 60 * 60 * 24, undefined, undefined, undefined, "my-admin-actor-id"),
  );

  // ---- Manage Password
  await step("password.getSettings", () => m.password.getSettings("my-custom-id"));
  await step("password.configureSettings", () =>
    m.password.configureSettings("my-custom-id", {
      enabled: true,
      minLength: 8,
      expiration: true,
      expirationWeeks: 4,
      lock: true,
      lockAttempts: 5,
      reuse: true,
      reuseAmount: 6,
      lowercase: true,
      uppercase: false,
      number: true,
      nonAlphaNumeric: false,
    }),
  );
  await step("password.getSettings (after configureSettings)", () => m.password.getSettings("my-custom-id"));

  // ---- Manage SSO applications
  const oidc = await step("ssoApplication.createOidcApplication", () =>
    m.ssoApplication.createOidcApplication({ name: "My OIDC app name", loginPageUrl: "http://dummy.com/login" }),
  );
  const saml = await step("ssoApplication.createSamlApplication", () =>
    m.ssoApplication.createSamlApplication({
      name: "My SAML app name",
      loginPageUrl: "http://dummy.com/login",
      useMetadataInfo: true,
      metadataUrl: "http://dummy.com/metadata",
    }),
  );
  const wsfed = await step("ssoApplication.createWsFedApplication", () =>
    m.ssoApplication.createWsFedApplication({
      name: "My WS-Fed app name",
      loginPageUrl: "http://dummy.com/login",
      realm: "urn:myapp:realm",
      replyUrl: "http://dummy.com/reply",
    }),
  );
  const oidcId = oidc.data?.id ?? "my-app-id";
  const samlId = saml.data?.id ?? "my-app-id";
  const wsfedId = wsfed.data?.id ?? "my-app-id";
  await step("ssoApplication.updateOidcApplication", () =>
    m.ssoApplication.updateOidcApplication({ id: oidcId, name: "My OIDC app name", loginPageUrl: "http://dummy.com/login" }),
  );
  await step("ssoApplication.updateSamlApplication", () =>
    m.ssoApplication.updateSamlApplication({
      id: samlId,
      name: "My SAML app name",
      loginPageUrl: "http://dummy.com/login",
      enabled: true,
      useMetadataInfo: false,
      entityId: "entity1234",
      aceUrl: "http://dummy.com/acs",
      certificate: "certificate",
    }),
  );
  await step("ssoApplication.updateWsFedApplication", () =>
    m.ssoApplication.updateWsFedApplication({
      id: wsfedId,
      name: "My WS-Fed app name",
      loginPageUrl: "http://dummy.com/login",
      enabled: true,
      realm: "urn:myapp:realm",
      replyUrl: "http://dummy.com/reply",
    }),
  );
  await step("ssoApplication.delete", () => m.ssoApplication.delete(wsfedId));
  await step("ssoApplication.load", () => m.ssoApplication.load(samlId));
  await step("ssoApplication.load (deleted)", () => m.ssoApplication.load(wsfedId));
  await step("ssoApplication.loadAll", () => m.ssoApplication.loadAll());

  // ---- Manage Users
  await step("user.create", () =>
    m.user.create("desmond@descope.com", {
      email: "desmond@descope.com",
      displayName: "Desmond Copeland",
      userTenants: [{ tenantId: "tenant-ID1", roleNames: ["role-name1"] }],
    }),
  );
  await step("user.invite", () =>
    m.user.invite("desmond@descope.com", {
      email: "desmond@descope.com",
      displayName: "Desmond Copeland",
      userTenants: [{ tenantId: "tenant-ID1", roleNames: ["role-name1"] }],
      inviteUrl: "<invite-url>",
      templateOptions: { k1: "v1", k2: "v2" },
    }),
  );
  await step("user.invite (a new user, a real invite URL)", () =>
    m.user.invite("invited@descope.com", {
      email: "invited@descope.com",
      displayName: "Ivy Invited",
      userTenants: [{ tenantId: "tenant-ID1", roleNames: ["role-name1"] }],
      inviteUrl: "https://my-app.com/invite",
      templateOptions: { k1: "v1", k2: "v2" },
    }),
  );
  const batchUser = (loginId) => ({
    loginId,
    email: loginId,
    phone: "+123456789123",
    displayName: "Desmond Copeland",
    userTenants: [{ tenantId: "tenant-ID1", roleNames: ["role-name1"] }],
    hashedPassword: { bcrypt: { hash: "$2a$..." } },
  });
  await step("user.inviteBatch", () => m.user.inviteBatch([batchUser("desmond@descope.com")], "<invite_url>", true, false));
  await step("user.inviteBatch (new users)", () =>
    m.user.inviteBatch([batchUser("batch1@descope.com")], "https://my-app.com/invite", true, false),
  );
  await step("user.createBatch", () => m.user.createBatch([batchUser("desmond@descope.com")]));
  await step("user.createBatch (new users)", () => m.user.createBatch([batchUser("batch2@descope.com")]));
  await step("user.update", () =>
    m.user.update("desmond@descope.com", {
      email: "desmond@descope.com",
      displayName: "Desmond Copeland",
      userTenants: [{ tenantId: "tenant-ID1", roleNames: ["role-name1"] }],
    }),
  );
  await step("user.updatePhone", () => m.user.updatePhone("desmond@descope.com", "+18005551234", true));
  await step("user.updateLoginId", () => m.user.updateLoginId("desmond@descope.com", "bane@descope.com"));
  await step("user.removeTenantRoles", () => m.user.removeTenantRoles("desmond@descope.com", "tenant-ID1", "role-name2"));
  await step("user.removeTenantRoles (the new login ID)", () => m.user.removeTenantRoles("bane@descope.com", "tenant-ID1", ["role-name2"]));
  await step("user.patch", () => m.user.patch("bane@descope.com", { displayName: "Desmond Copeland Jr." }));
  const loaded = await step("user.load", () => m.user.load("bane@descope.com"));
  const userId = loaded.data?.userId ?? "<user-ID>";
  await step("user.loadByUserId", () => m.user.loadByUserId(userId));
  await step("user.loadUsers", () => m.user.loadUsers([userId]));
  await step("user.search", () => m.user.search({ tenantIds: ["tenant-ID1"], verifiedEmail: true, verifiedPhone: false }));
  await step("user.search (all of the tenant)", () => m.user.search({ tenantIds: ["tenant-ID1"] }));
  await step("user.logoutUser", () => m.user.logoutUser("my-custom-id"));
  await step("user.logoutUser (a user)", () => m.user.logoutUser("bane@descope.com"));
  await step("user.logoutUserByUserId", () => m.user.logoutUserByUserId(userId));
  await step("user.history", () => m.user.history([userId, "user-id-2"]));
  await step("user.setTemporaryPassword", () => m.user.setTemporaryPassword("bane@descope.com", "Temp-Passw0rd!"));
  await step("user.setActivePassword", () => m.user.setActivePassword("bane@descope.com", "Activ3-Passw0rd!"));
  await step("user.expirePassword", () => m.user.expirePassword("bane@descope.com"));
  await step("user.generateEmbeddedLink", () => m.user.generateEmbeddedLink("bane@descope.com", { key1: "value1" }));
  const other = await step("user.load (the other user)", () => m.user.load("other@descope.com"));
  await step("user.delete", () => m.user.delete("bane@descope.com"));
  await step("user.load (deleted)", () => m.user.load("bane@descope.com"));
  await step("user.deleteBatch", () => m.user.deleteBatch([other.data?.userId ?? "<user-ID-1>", "<user-ID-2>"]));
  await step("user.load (batch-deleted)", () => m.user.load("other@descope.com"));

  // ---- Utils for your e2e tests
  await step("user.createTestUser", () =>
    m.user.createTestUser("desmond@descope.com", {
      email: "desmond@descope.com",
      displayName: "Desmond Copeland",
      userTenants: [{ tenantId: "tenant-ID1", roleNames: ["role-name1"] }],
    }),
  );
  const testUsers = await step("user.searchTestUsers", () => m.user.searchTestUsers({}));
  await step("user.searchTestUsers (by ID)", () => m.user.searchTestUsers({ userIds: [testUsers.data?.users?.[0]?.userId ?? "id"] }));
  await step("user.generateOTPForTestUser", () => m.user.generateOTPForTestUser("sms", "desmond@descope.com"));
  await step("user.generateMagicLinkForTestUser", () => m.user.generateMagicLinkForTestUser("email", "desmond@descope.com", ""));
  await step("user.generateEnchantedLinkForTestUser", () => m.user.generateEnchantedLinkForTestUser("desmond@descope.com", ""));

  // ---- Manage Access Keys
  const key = await step("accessKey.create", () =>
    m.accessKey.create(
      "key-name",
      123456789,
      null,
      [{ tenantId: "tenant-ID1", roleNames: ["role-name1"] }],
      undefined,
      undefined,
      undefined,
      undefined,
      { attributeName: "attributeValue" },
    ),
  );
  const keyId = key.data?.key?.id ?? "key-id";
  await step("accessKey.load", () => m.accessKey.load(keyId));
  await step("accessKey.searchAll", () => m.accessKey.searchAll(["tenant-ID1"]));
  await step("accessKey.update", () => m.accessKey.update(keyId, "new-key-name", "new-description"));
  await step("accessKey.deactivate", () => m.accessKey.deactivate(keyId));
  await step("accessKey.load (deactivated)", () => m.accessKey.load(keyId));
  await step("accessKey.activate", () => m.accessKey.activate(keyId));
  await step("accessKey.delete", () => m.accessKey.delete(keyId));
  await step("accessKey.load (deleted)", () => m.accessKey.load(keyId));

  // ---- Manage SSO Setting
  const tenantId = "tenant-ID1";
  await step("sso.loadSettings (none yet)", () => m.sso.loadSettings(tenantId));
  await step("sso.loadAllSettings", () => m.sso.loadAllSettings(tenantId));
  const idpUrl = "https://idp.com";
  const entityId = "my-idp-entity-id";
  const idpCert = "<your-cert-here>";
  const redirectURL = "https://my-app.com/handle-sso";
  const domains = ["tenant-users.com"];
  await step("sso.configureSAMLSettings", () => m.sso.configureSAMLSettings(tenantId, { idpUrl, entityId, idpCert }, redirectURL, domains));
  await step("sso.loadSettings", () => m.sso.loadSettings(tenantId));
  await step("sso.configureSAMLByMetadata", () =>
    m.sso.configureSAMLByMetadata(tenantId, { idpMetadataUrl: "https://idp.com/my-idp-metadata" }, redirectURL, domains),
  );
  const name = "some-name";
  const clientId = "client id of OIDC";
  const clientSecret = "client secret";
  const redirectUrl = redirectURL;
  await step("sso.configureOIDCSettings", () => m.sso.configureOIDCSettings(tenantId, { name, clientId, clientSecret, redirectUrl }, domains));
  await step("sso.loadSettings (OIDC)", () => m.sso.loadSettings(tenantId));
  await step("sso.newSettings", () => m.sso.newSettings(tenantId, "my-new-additional-sso-id", "My additional SSO configuration"));
  await step("sso.loadAllSettings (two)", () => m.sso.loadAllSettings(tenantId));
  await step("sso.deleteSettings", () => m.sso.deleteSettings(tenantId));
  await step("sso.loadAllSettings (after delete)", () => m.sso.loadAllSettings(tenantId));

  // ---- Manage Permissions
  let description = "Optional description to briefly explain what this permission allows.";
  await step("permission.create", () => m.permission.create("My Permission", description));
  description = "A revised description";
  await step("permission.update", () => m.permission.update("My Permission", "My Updated Permission", description));
  await step("permission.loadAll", () => m.permission.loadAll());
  await step("permission.create (Another Permission)", () => m.permission.create("Another Permission"));

  // ---- Manage Roles
  const permissionNames = ["My Updated Permission"];
  description = "Optional description to briefly explain what this role allows.";
  await step("role.create", () => m.role.create("My Role", description, permissionNames, tenantId));
  description = "A revised description";
  permissionNames.push("Another Permission");
  await step("role.update", () => m.role.update("My Role", "My Updated Role", description, permissionNames, tenantId));
  await step("role.loadAll", () => m.role.loadAll());
  await step("role.search", () => m.role.search({ tenantIds: ["t1", "t2"], roleNames: ["role1"] }));
  await step("role.search (the tenant's)", () => m.role.search({ tenantIds: [tenantId], roleNames: ["My Updated Role"] }));
  await step("role.delete", () => m.role.delete("My Updated Role", tenantId));
  await step("permission.delete", () => m.permission.delete("My Updated Permission"));
  await step("permission.loadAll (after delete)", () => m.permission.loadAll());

  // ---- Query SSO Groups
  await step("group.loadAllGroups", () => m.group.loadAllGroups(tenantId));
  await step("group.loadAllGroupsForMember", () => m.group.loadAllGroupsForMember(tenantId, ["user-id-1", "user-id-2"]));
  await step("group.loadAllGroupsForMember (login IDs)", () => m.group.loadAllGroupsForMember(tenantId, [], ["login-id-1", "login-id-2"]));
  await step("group.loadAllGroupMembers", () => m.group.loadAllGroupMembers(tenantId, "group-id"));

  // ---- Manage JWTs, Impersonate
  await step("user.create (dummy)", () => m.user.create("dummy", { email: "dummy@descope.com" }));
  const signIn = await step("jwt.signIn", () => m.jwt.signIn("dummy"));
  await step("jwt.signUp", () => m.jwt.signUp("dummy-new"));
  await step("jwt.signUpOrIn", () => m.jwt.signUpOrIn("dummy"));
  await step("jwt.update", () => m.jwt.update(signIn.data?.sessionJwt ?? "original-jwt", { customKey1: "custom-value1", customKey2: "custom-value2" }));
  await step("jwt.update (not a JWT)", () => m.jwt.update("original-jwt", { customKey1: "custom-value1" }));
  await step("jwt.generateClientAssertionJwt", () =>
    m.jwt.generateClientAssertionJwt("https://example.com/issuer", "client-id-123", ["https://example.com/token"], 300, false, "RS256"),
  );
  await step("jwt.impersonate", () => m.jwt.impersonate("impersonator-id", "login-id", true, { k1: "v1" }, "t1"));

  // ---- Audit
  await step("audit.search (text)", () => m.audit.search({ from: Date.now() - 10 * 24 * 60 * 60 * 1000, text: "some-text" }));
  await step("audit.search (actions)", () => m.audit.search({ actions: ["LoginSucceed"] }));
  await step("audit.createEvent", () =>
    m.audit.createEvent({ action: "pencil.created", type: "info", actorId: "UXXX", tenantId: "tenant-ID1", data: { some: "data" } }),
  );
  await step("audit.search (the event)", () => m.audit.search({ actions: ["pencil.created"] }));

  // ---- cleanup, as the README's e2e section ends
  await step("user.deleteAllTestUsers", () => m.user.deleteAllTestUsers());
  await step("user.searchTestUsers (none left)", () => m.user.searchTestUsers({}));
  await step("tenant.delete", () => m.tenant.delete("my-custom-id", false));
  await step("tenant.load (deleted)", () => m.tenant.load("my-custom-id"));
  return records;
}
