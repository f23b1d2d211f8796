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
