// Type-checks a call of every method (tsc --noEmit; never run). If the types were `any`,
// fail.ts would compile too.
import { DescopeManagement, DescopeError, type User, type SearchResponse } from "descope-mgmt";

declare const env: { DESCOPE_PROJECT_ID: string; DESCOPE_MANAGEMENT_KEY: string };

export async function everyMethod(): Promise<void> {
  const descope = new DescopeManagement({ projectId: "P2x", managementKey: () => Promise.resolve("k"), timeoutMs: 5000 });
  const fromEnv = DescopeManagement.fromEnv(env, { retry: { on429: true, maxAttempts: 5, maxDelayMs: 1000 } });
  const u = fromEnv.with({ signal: new AbortController().signal, timeoutMs: 100 }).user;
  const user: User = await u.create("a@b.c", { email: "a@b.c", roles: ["r"], customAttributes: { n: 1, s: "x", b: true, l: ["a"], z: null } });
  await u.createTestUser("t", { phone: null });
  await u.invite("i", { sendMail: true, templateOptions: { k: "v" } });
  const batch = await u.inviteBatch([{ loginIdOrUserId: "a", password: { cleartext: "p" } }], "https://x", true, false, { k: "v" }, "tpl", "en");
  batch.failedUsers.forEach((f) => f.failure.toUpperCase());
  await u.createBatch([{ loginId: "b", hashedPassword: { bcrypt: { hash: "h" } }, status: "invited" }]);
  await u.update("a", { displayName: "A" });
  await u.patch("a", { status: "disabled", scim: true, additionalIdentifiers: ["x"], phone: null });
  await u.patchBatch([{ loginIdOrUserId: "a", email: "e" }, { loginId: "b", picture: "p" }]);
  await u.delete("a");
  await u.deleteByUserId("U1");
  await u.deleteBatch(["U1"]);
  await u.deleteAllTestUsers();
  const loaded: User = await u.load("a");
  loaded.customAttributes?.["n"];
  await u.loadByUserId("U1");
  const many: User[] = await u.loadUsers(["U1"], true);
  many.length;
  await u.logoutUser("a");
  await u.logoutUserByUserId("U1");
  const found: SearchResponse = await u.search({ limit: 10, statuses: ["enabled"], customAttributes: { plan: ["pro"] }, sort: [{ field: "name", desc: true }] });
  found.total.toFixed();
  await u.searchTestUsers({ text: "x" });
  const all: User[] = await u.searchAll(["t"], ["r"], 5, 0);
  all.length;
  for await (const page of u.searchPages({ tenantIds: ["t"] }, { pageSize: 37 })) page.users.length + page.page + page.total;
  const token = await u.getProviderToken("a", "google", { withRefreshToken: true });
  token.accessToken?.length;
  await u.activate("a");
  await u.deactivate("a");
  await u.updateLoginId("a", "b");
  await u.updateEmail("a", "e", true, true);
  await u.updatePhone("a", "p", false);
  await u.updateDisplayName("a", "A", "G", undefined, "F");
  await u.updateUserNames("a", "G");
  await u.updatePicture("a", "https://p");
  await u.updateCustomAttribute("a", "k", ["x"]);
  await u.setRoles("a", ["r"]);
  await u.addRoles("a", ["r"]);
  await u.removeRoles("a", ["r"]);
  await u.addTenant("a", "t");
  await u.removeTenant("a", "t");
  await u.setTenantRoles("a", "t", ["r"]);
  await u.addTenantRoles("a", "t", ["r"]);
  await u.removeTenantRoles("a", "t", ["r"]);
  await u.addSSOapps("a", ["s"]);
  await u.setSSOapps("a", ["s"]);
  await u.removeSSOapps("a", ["s"]);
  await u.setTemporaryPassword("a", "p");
  await u.setActivePassword("a", "p");
  await u.setPassword("a", "p");
  await u.expirePassword("a");
  await u.removeAllPasskeys("a");
  await u.removePasskey("a", "c");
  (await u.listPasskeys("a")).map((p) => p.id);
  await u.removeTOTPSeed("a");
  await u.removeRecoveryCodes("a");
  (await u.generateOTPForTestUser("sms", "t", { stepup: true })).code;
  (await u.generateMagicLinkForTestUser("email", "t", "https://x")).link;
  (await u.generateEnchantedLinkForTestUser("t", "https://x", { mfa: true })).pendingRef;
  (await u.generateEmbeddedLink("a", { c: 1 }, 60)).token;
  (await u.generateSignUpEmbeddedLink("n", { name: "N" }, true, false, { mfa: true }, 12)).token;
  (await u.history(["U1"])).map((h) => h.city);
  (await u.import("Auth0", "dXNlcnM=", undefined, true)).failures;
  await u.updateRecoveryEmail("a", "r@b.c", true);
  await u.updateRecoveryPhone("a", "+1");
  (await u.getCustomAttributes()).map((a) => a.type);
  await u.createCustomAttributes([{ name: "n", type: 1 }]);
  await u.deleteCustomAttributes(["n"]);
  (await u.listTrustedDevices(["a"])).map((d) => d.deviceType);
  await u.removeTrustedDevices("a", ["d"]);
  try {
    await u.load("x");
  } catch (err) {
    if (err instanceof DescopeError) err.code.toUpperCase() + err.status.toFixed() + err.description + (err.retryAfter ?? 0);
  }
  user.loginIds?.[0];
}

/** Every function of the other groups, with its typed result. */
export async function everyGroup(descope: DescopeManagement): Promise<void> {
  const { permission, role, group, password, tenant, accessKey, ssoApplication, sso, jwt, audit } = descope;
  await permission.create("p", "d");
  await permission.createBatch([{ name: "p1", description: "d" }]);
  await permission.update("p", "p2", "d");
  await permission.updateBatch([{ name: "p1", newName: "p3" }]);
  await permission.delete("p");
  await permission.deleteBatch(["p1"], ["id"]);
  (await permission.loadAll()).map((p) => p.name.toUpperCase());
  await role.create("r", "d", ["p"], "t", true);
  (await role.createBatch([{ name: "r1" }])).map((r) => r.name);
  await role.update("r", "r2", "d", ["p"], "t", false);
  await role.updateWithId("id", "r3");
  await role.updateBatch([{ id: "id", newName: "r4" }]);
  await role.delete("r", "t");
  await role.deleteWithId("id");
  await role.deleteBatch(["r"], undefined, ["id"]);
  (await role.loadAll()).map((r) => r.permissionNames?.length);
  (await role.search({ tenantIds: ["t"], includeProjectRoles: true })).map((r) => r.tenantId);
  (await group.loadAllGroups("t")).map((g) => g.display);
  await group.loadAllGroupsForMember("t", ["u"], ["l"]);
  await group.loadAllGroupMembers("t", "g");
  (await password.getSettings("t")).minLength;
  await password.configureSettings("t", { minLength: 10, nonAlphaNumeric: true });

  const { id } = await tenant.create("n", ["d.com"], { seats: 3 }, true, false, "parent", "userOnly");
  await tenant.createWithId(id, "n");
  await tenant.update(id, "n", [], {}, false, false, "");
  await tenant.updateDefaultRoles(id, ["viewer"]);
  await tenant.delete(id, true);
  const t = await tenant.load(id);
  t.successors?.map((s) => s.toUpperCase());
  (await tenant.loadAll()).map((x) => x.parent);
  (await tenant.searchAll(["t"], ["n"], ["d.com"], { plan: "pro" }, "parent")).map((x) => x.name);
  (await tenant.getSettings(id)).sessionTokenExpiration;
  await tenant.configureSettings(id, { enabled: true, sessionTokenExpirationUnit: "minutes", InactivityTime: 3, ssoSetupSuiteSettings: { disabledFeatures: { scim: true } } });
  (await tenant.generateSSOConfigurationLink(id, 3600, "sso", "a@b.c", "tpl", "actor")).adminSSOConfigurationLink.length;
  await tenant.revokeSSOConfigurationLink(id, "sso");

  const created = await accessKey.create("k", 0, ["r"], [{ tenantId: "t", roleNames: ["r"] }], "u", { c: 1 }, "d", ["1.2.3.4"], { a: "b" });
  created.cleartext.length + created.key.id.length;
  (await accessKey.load("k")).keyTenants?.map((k) => k.tenantName);
  (await accessKey.searchAll(["t"], "u", "c", { a: 1 })).map((k) => k.status);
  (await accessKey.update("k", "n", "d", ["r"], [], {}, [], {})).name;
  await accessKey.deactivate("k");
  await accessKey.deactivateBatch(["k"]);
  await accessKey.activate("k");
  await accessKey.activateBatch(["k"]);
  await accessKey.delete("k");
  await accessKey.deleteBatch(["k"]);
  (await accessKey.rotate("k")).cleartext;

  (await ssoApplication.createOidcApplication({ name: "n", loginPageUrl: "u" })).id;
  await ssoApplication.createSamlApplication({ name: "n", loginPageUrl: "u", useMetadataInfo: false, attributeMapping: [{ name: "email", type: "string", value: "v" }], subjectNameIdType: "email" });
  await ssoApplication.createWsFedApplication({ name: "n", loginPageUrl: "u", realm: "r", replyUrl: "x" });
  await ssoApplication.updateOidcApplication({ id: "a", name: "n", loginPageUrl: "u", enabled: true });
  await ssoApplication.updateSamlApplication({ id: "a", name: "n", loginPageUrl: "u", groupsMapping: [{ name: "g", roles: [{ id: "r" }] }] });
  await ssoApplication.updateWsFedApplication({ id: "a", name: "n", loginPageUrl: "u", realm: "r", replyUrl: "x" });
  await ssoApplication.delete("a");
  (await ssoApplication.load("a")).samlSettings?.idpCert;
  (await ssoApplication.loadAll()).map((a) => a.appType);
  (await ssoApplication.getApplicationSecret("a")).cleartext;
  (await ssoApplication.rotateApplicationSecret("a")).cleartext;

  (await sso.getSettings("t")).idpEntityId;
  (await sso.newSettings("t", "s", "Name")).ssoId;
  await sso.deleteSettings("t", "s");
  await sso.configureSettings("t", "u", "c", "e", "r", ["d"]);
  await sso.configureMetadata("t", "u", "r", ["d"]);
  await sso.configureMapping("t", [{ groups: ["g"], roleName: "r" }], { email: "mail" }, ["r"]);
  await sso.configureOIDCSettings("t", { name: "n", clientId: "c", attributeMapping: { loginId: "sub" }, prompt: ["login"], grantType: "implicit" }, ["d"], "s");
  await sso.configureSAMLSettings("t", { idpUrl: "u", idpCert: "c", entityId: "e" }, "r", ["d"], "s");
  await sso.configureSAMLByMetadata("t", { idpMetadataUrl: "u" }, "r", ["d"], "s");
  await sso.configureSSORedirectURL("t", "", undefined, "s");
  await sso.recalculateSSOMappings("t", "s");
  (await sso.loadSettings("t", "s")).saml?.groupsMapping?.map((m) => m.roleName);
  (await sso.loadAllSettings("t")).map((s) => s.oidc?.attributeMapping?.loginId);

  (await jwt.update("j", { c: 1 }, 60)).jwt;
  (await jwt.impersonate("i", "l", true, {}, "t", 60)).jwt;
  (await jwt.impersonateStepup("i", "l", false)).jwt;
  (await jwt.stopImpersonation("j", {}, "t", 60)).jwt;
  (await jwt.signIn("l", { stepup: true, jwt: "j", tenantId: "t" })).sessionJwt;
  (await jwt.signUp("l", { email: "e", verifiedEmail: true }, { customClaims: { a: 1 } })).user?.userId;
  (await jwt.signUpOrIn("l")).firstSeen;
  (await jwt.anonymous({ a: 1 }, "t", 60)).refreshJwt;
  (await jwt.generateClientAssertionJwt("i", "s", ["a"], 300, true, "ES384")).jwt;

  (await audit.search({ loginIds: ["l"], devices: ["Desktop"], from: 1 })).map((r) => r.occurred.toFixed());
  (await audit.searchAll({ page: 0, size: 10 })).audits.length;
  await audit.createEvent({ action: "a", type: "info", actorId: "x", tenantId: "t", data: { k: 1 } });
  await audit.createAuditWebhook({ name: "n", filters: [{ key: "actions", operator: "includes", values: ["a"] }] });
}

/** Every function of the rest of the management API, with its typed result. */
export async function theRest(descope: DescopeManagement): Promise<void> {
  const { project, flow, theme, authz, fga, inboundApplication, outboundApplication, list, jwtTemplate, descoper, managementKey, engine, scopeClaimMapping, analytics } = descope;
  await project.updateName("n");
  await project.updateTags(["t"]);
  await project.delete();
  (await project.clone("n", "production", ["t"])).projectId;
  (await project.listProjects()).map((p) => p.environment);
  (await project.exportSnapshot()).files;
  await project.importSnapshot({ files: {}, inputSecrets: { connectors: [{ id: "c", value: "v" }] } });
  (await project.validateSnapshot({ files: {} })).ok;
  Object.keys(await project.export());
  await project.import({ "project.json": {} });

  (await flow.list()).flows.map((f) => f.id);
  await flow.delete(["f"]);
  (await flow.export("f")).flow.dsl;
  await flow.import("f", { id: "f" }, [{ id: "s" }]);
  (await flow.run("f", { input: { a: 1 }, preview: true }))["greeting"];
  (await theme.export()).theme.id;
  await theme.import({ id: "t" });

  await authz.saveSchema({ name: "s", namespaces: [{ name: "doc", relationDefinitions: [{ name: "owner" }] }] }, true);
  await authz.deleteSchema();
  (await authz.loadSchema()).namespaces.map((n) => n.name);
  await authz.saveNamespace({ name: "doc", relationDefinitions: [] }, "old", "s");
  await authz.deleteNamespace("doc", "s");
  await authz.saveRelationDefinition({ name: "editor", complexDefinition: { nType: "union", children: [{ nType: "child", expression: { neType: "self" } }] } }, "doc");
  await authz.deleteRelationDefinition("editor", "doc");
  await authz.createRelations([{ resource: "d", relationDefinition: "owner", namespace: "doc", target: "u" }]);
  await authz.deleteRelations([{ resource: "d", relationDefinition: "owner", namespace: "doc", target: "u" }]);
  await authz.deleteRelationsForResources(["d"]);
  await authz.deleteResourceRelationsForResources(["d"]);
  await authz.deleteRelationsForIds(["d"]);
  (await authz.hasRelations([{ resource: "d", relationDefinition: "owner", namespace: "doc", target: "u" }])).map((q) => q.hasRelation);
  (await authz.whoCanAccess("d", "owner", "doc")).map((t) => t.toUpperCase());
  (await authz.resourceRelations("d", true)).map((r) => r.target);
  await authz.resourceRelationsWithTargetSetsFilter("d", false);
  await authz.targetsRelations(["u"], true);
  await authz.targetsRelationsWithTargetSetsFilter(["u"]);
  await authz.whatCanTargetAccess("u");
  (await authz.whatCanTargetAccessWithRelation("u", "owner", "doc")).map((r) => r.resource);
  (await authz.getModified(new Date())).schemaChanged;
  await authz.getModified();

  await fga.saveSchema({ dsl: "model AuthZ 1.0" });
  (await fga.loadSchema()).dsl;
  (await fga.dryRunSchema({ dsl: "model AuthZ 1.0" })).deletesPreview?.hasDeletes;
  await fga.deleteSchema();
  const tuple = { resource: "d", resourceType: "doc", relation: "owner", target: "u", targetType: "user" };
  await fga.createRelations([tuple]);
  await fga.deleteRelations([tuple]);
  (await fga.check([tuple])).map((c) => c.allowed);
  await fga.checkWithContext([tuple], { ip: "1.2.3.4" });
  (await fga.loadResourcesDetails([{ resourceId: "d", resourceType: "doc" }])).map((d) => d.displayName);
  await fga.saveResourcesDetails([{ resourceId: "d", resourceType: "doc", displayName: "D" }]);
  (await fga.loadMappableSchema("t", { resourcesLimit: 10 })).mappableResources;
  (await fga.searchMappableResources("t", [{ type: "doc", queries: ["q"] }], { resourcesLimit: 5 })).map((r) => r.type);
  await fga.deleteAllRelations();

  const created = await inboundApplication.createApplication({ name: "n", permissionsScopes: [{ name: "read", description: "R" }] });
  created.cleartext.length;
  await inboundApplication.updateApplication({ id: "a", name: "n" });
  await inboundApplication.patchApplication({ id: "a", description: "d" });
  await inboundApplication.deleteApplication("a");
  await inboundApplication.deleteApplicationBatch(["a"]);
  (await inboundApplication.loadApplication("a")).clientId;
  (await inboundApplication.loadAllApplications()).map((a) => a.name);
  (await inboundApplication.getApplicationSecret("a")).cleartext;
  (await inboundApplication.rotateApplicationSecret("a")).cleartext;
  (await inboundApplication.searchConsents({ appId: "a", page: 0 })).map((c) => c.scopes);
  await inboundApplication.deleteConsents({ appId: "a" });
  await inboundApplication.deleteTenantConsents({ tenantId: "t" });

  (await outboundApplication.createApplication({ name: "n", accessType: "offline", prompt: ["consent"], authorizationUrlParams: [{ key: "k", value: "v" }] })).id;
  await outboundApplication.createApplicationByTemplate({ templateId: "google", overrides: { defaultScopes: ["s"] } });
  await outboundApplication.updateApplication({ id: "a", name: "n" });
  await outboundApplication.deleteApplication("a");
  await outboundApplication.loadApplication("a");
  await outboundApplication.loadAllApplications();
  (await outboundApplication.fetchTokenByScopes("a", "u", ["s"], { withRefreshToken: true }, "t")).accessToken;
  await outboundApplication.fetchToken("a", "u", "t", { forceRefresh: true });
  await outboundApplication.fetchTenantTokenByScopes("a", "t", ["s"]);
  await outboundApplication.fetchTenantToken("a", "t");
  await outboundApplication.deleteUserTokens("a", "u");
  await outboundApplication.deleteTokenById("tok");
  (await outboundApplication.listAppsWithUserToken("u", "t")).map((id) => id.toUpperCase());
  await outboundApplication.uploadUserApiKey("a", "u", "k", "t");
  await outboundApplication.uploadTenantApiKey("a", "t", "k");
  await outboundApplication.uploadUserToken({ appId: "a", userId: "u", accessToken: "at", verifyRefresh: false });
  await outboundApplication.uploadTenantToken({ appId: "a", tenantId: "t", accessToken: "at" });
  (await outboundApplication.batchUploadUserTokens([{ appId: "a", userId: "u", refreshToken: "r" }])).failures.length;
  await outboundApplication.batchUploadTenantTokens([{ appId: "a", tenantId: "t", accessToken: "at" }]);

  (await list.create({ name: "n", type: "ips", data: ["1.2.3.4"] })).id;
  await list.update("l", { name: "n", type: "texts" });
  await list.delete("l");
  (await list.load("l")).data;
  await list.loadByName("n");
  (await list.loadAll()).map((l) => l.type);
  await list.import([{ name: "n", type: "ips" }]);
  await list.addIPs("l", ["1.2.3.4"]);
  await list.removeIPs("l", ["1.2.3.4"]);
  const inList: boolean = await list.checkIP("l", "1.2.3.4");
  inList.valueOf();
  await list.addTexts("l", ["a"]);
  await list.removeTexts("l", ["a"]);
  await list.checkText("l", "a");
  await list.clear("l");

  (await jwtTemplate.create({ name: "n", template: { k: "v" } })).id;
  await jwtTemplate.update({ id: "j", name: "n" });
  await jwtTemplate.delete("j");
  (await jwtTemplate.list()).map((t) => t.name);
  await jwtTemplate.load("j");
  (await jwtTemplate.validate("j", { template: { k: 1 } })).valid;
  await jwtTemplate.listLibrary();
  await jwtTemplate.loadLibraryEntry("hasura");
  await jwtTemplate.applyFromLibrary({ libraryEntryId: "hasura", nameOverride: "n" });

  (await descoper.create([{ loginId: "a@b.c", rbac: { tags: [{ tags: ["t"], role: "admin" }] } }])).descopers.map((d) => d.id);
  (await descoper.update("d", { displayName: "D" }, { isCompanyAdmin: true })).rbac?.isCompanyAdmin;
  await descoper.load("d");
  await descoper.delete("d");
  (await descoper.list()).total;

  const mk = await managementKey.create("k", { companyRoles: ["admin"] }, "d", 3600, ["1.2.3.4"]);
  mk.cleartext.length + mk.key.id.length;
  (await managementKey.update("k", "n", "d", "inactive")).status;
  (await managementKey.delete(["k"])).total;
  await managementKey.load("k");
  (await managementKey.search()).map((k) => k.name);

  (await engine.create("e")).secret;
  await engine.update("e", "n");
  await engine.delete("e");
  await engine.load("e");
  (await engine.loadAll()).map((e) => e.name);
  (await engine.rotateSecret("e")).secret;
  (await scopeClaimMapping.get()).map((m) => m.scope);
  await scopeClaimMapping.set([{ scope: "profile", claims: { name: "user.name" } }]);
  await scopeClaimMapping.delete();
  (await analytics.search({ actions: ["LoginSucceed"], groupByCreated: "d" })).map((r) => r.cnt);
}
