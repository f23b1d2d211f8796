// The package's own runtime test, run unchanged in every runtime by a thin runner (see
// run.mjs): configure from the host's env, update a user on the emulator, read it back, then
// one round trip through every other group (its answer reshaped where node-sdk reshapes it),
// and two calls through descope-mgmt/compat (the runner imports it). Throws on any failure.
export async function smoke({ DescopeManagement, DescopeError, DescopeClient }, env) {
  const check = (ok, what) => {
    if (!ok) throw new Error(`${env.RUNTIME}: ${what}`);
  };
  const descope = DescopeManagement.fromEnv(env);
  const loginId = `${env.RUNTIME}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@runtime.example.com`;
  await descope.user.create(loginId, { email: "runtime@example.com", displayName: "Runtime" });
  await descope.user.updatePicture(loginId, `https://cdn.example.com/${env.RUNTIME}.png`);
  await descope.user.updateDisplayName(loginId, "Run Time", "Run", undefined, "Time");
  await descope.user.updateCustomAttribute(loginId, "seats", 12);
  const user = await descope.user.load(loginId);
  check(user.picture === `https://cdn.example.com/${env.RUNTIME}.png`, `picture is ${user.picture}`);
  check(user.name === "Run Time" && user.givenName === "Run", `name is ${user.name}`);
  check(user.customAttributes?.seats === 12, `seats is ${user.customAttributes?.seats}`);
  let error;
  try {
    await descope.user.load(`missing-${loginId}`);
  } catch (err) {
    error = err;
  }
  check(error instanceof DescopeError && error instanceof Error, `not a DescopeError: ${error}`);
  check(error.code === "E112102" && error.status === 400, `code ${error.code}`);
  check(!JSON.stringify(error).includes(env.DESCOPE_MANAGEMENT_KEY), "the key leaked into an error");
  // node-sdk's client options: a custom fetch, extra headers, hooks and a logger.
  const sent = [];
  const seen = [];
  const logged = [];
  const instrumented = DescopeManagement.fromEnv(env, {
    fetch: (url, init) => {
      sent.push(new Headers(init.headers).get("x-runtime"));
      return fetch(url, init);
    },
    headers: { "x-runtime": env.RUNTIME },
    hooks: { afterRequest: (request, response) => seen.push([request, response.status]) },
    logger: { debug: (m) => logged.push(m), warn: (m) => logged.push(m) },
  });
  check((await instrumented.user.load(loginId)).name === "Run Time", "load through a custom fetch");
  check(sent.includes(env.RUNTIME), `extra header not sent: ${JSON.stringify(sent)}`);
  check(seen.some(([, status]) => status === 200), "afterRequest not called");
  check(!JSON.stringify(seen).includes(env.DESCOPE_MANAGEMENT_KEY) && !logged.join("\n").includes(env.DESCOPE_MANAGEMENT_KEY), "a hook or the logger saw the key");
  const groups = await everyGroup(descope, loginId, check);
  const compat = await throughCompat(DescopeClient, env, loginId, check);
  return `${env.RUNTIME}: updated ${loginId} and read it back; ${groups}; ${compat}`;
}

/** descope-mgmt/compat's DescopeClient (its runtime's entry): node-sdk's SdkResponse shapes. */
async function throughCompat(DescopeClient, env, loginId, check) {
  check(typeof DescopeClient === "function", "the runner passed no DescopeClient from descope-mgmt/compat");
  const { management } = DescopeClient({ projectId: env.DESCOPE_PROJECT_ID, managementKey: env.DESCOPE_MANAGEMENT_KEY, baseUrl: env.DESCOPE_BASE_URI });
  const loaded = await management.user.load(loginId);
  check(loaded.ok === true && loaded.data.picture === `https://cdn.example.com/${env.RUNTIME}.png`, `compat load ${JSON.stringify(loaded)}`);
  const missing = await management.user.load(`missing-${loginId}`);
  check(missing.ok === false && missing.code === 400 && missing.error?.errorCode === "E112102", `compat missing ${JSON.stringify(missing)}`);
  return "compat answered";
}

/** One call (or a few) of every group but `user`, each effect read back. */
async function everyGroup(descope, loginId, check) {
  const tag = loginId.split("@")[0].replace(/[^A-Za-z0-9]/g, "");
  const perm = `perm-${tag}`;
  await descope.permission.create(perm, "runtime");
  check((await descope.permission.loadAll()).some((p) => p.name === perm), "permission not created");
  const roleName = `role-${tag}`;
  await descope.role.create(roleName, "runtime", [perm]);
  const role = (await descope.role.search({ roleNames: [roleName] }))[0];
  check(role?.permissionNames?.[0] === perm, `role permissions ${JSON.stringify(role)}`);
  const { id: tenantId } = await descope.tenant.create(`Tenant ${tag}`);
  check((await descope.tenant.load(tenantId)).name === `Tenant ${tag}`, "tenant not created");
  const created = await descope.accessKey.create(`key-${tag}`, 0, undefined, [{ tenantId, roleNames: [] }]);
  check(created.cleartext.length > 16 && created.key.keyTenants?.[0]?.tenantName === `Tenant ${tag}`, "access key");
  check(!JSON.stringify(await descope.accessKey.load(created.key.id)).includes(created.cleartext), "cleartext loaded back");
  await descope.sso.configureSAMLSettings(tenantId, { idpUrl: "https://idp.example/sso", idpCert: "cert", entityId: "urn:idp", roleMappings: [{ groups: ["G"], roleName }] });
  const sso = await descope.sso.loadSettings(tenantId);
  check(sso.saml?.groupsMapping?.[0]?.roleName === roleName, `sso groupsMapping ${JSON.stringify(sso.saml?.groupsMapping)}`);
  const { id: appId } = await descope.ssoApplication.createOidcApplication({ name: `App ${tag}`, loginPageUrl: "https://login.example" });
  check((await descope.ssoApplication.load(appId)).enabled === true, "sso application not enabled by default");
  check(Array.isArray(await descope.group.loadAllGroups(tenantId)), "groups");
  check((await descope.password.getSettings(tenantId)).minLength > 0, "password settings");
  const tokens = await descope.jwt.signIn(loginId);
  check(tokens.sessionJwt.split(".").length === 3, "jwt");
  const records = await descope.audit.search({ loginIds: [loginId] });
  check(records.length > 0 && typeof records[0].occurred === "number" && records[0].loginIds?.[0] === loginId, `audit ${JSON.stringify(records[0])}`);
  await descope.tenant.delete(tenantId, true);
  await descope.ssoApplication.delete(appId);
  await descope.role.delete(roleName);
  await descope.permission.delete(perm);
  return "every group answered";
}
