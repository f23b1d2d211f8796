// Type-checks descope-mgmt/compat as a node-sdk user's code would use it (tsc --noEmit; never
// run). compat-fail.ts must not compile.
import DescopeClient, { type SdkResponse, type User } from "descope-mgmt/compat";

export async function asNodeSdk(): Promise<void> {
  const descopeClient = DescopeClient({ projectId: "P2x", managementKey: "k", baseUrl: "http://127.0.0.1:8791" });
  const m = descopeClient.management;
  // Both forms of the four functions that have two.
  const created: SdkResponse<User> = await m.user.create("a@b.c", { email: "a@b.c", roles: ["r"] });
  await m.user.create("a@b.c", "a@b.c", null, "A", ["r"], [{ tenantId: "t", roleNames: ["r"] }], { n: 1 }, undefined, true, false, "G", "M", "F", ["alias"]);
  await m.user.createTestUser("t", "t@b.c");
  await m.user.invite("i", "i@b.c", undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, "https://invite", true, false);
  await m.user.invite("i", { inviteUrl: "https://invite", templateOptions: { k: "v" } });
  await m.user.update("a@b.c", "new@b.c", "+1");
  if (created.ok) {
    const name: string | undefined = created.data.name;
    name?.toUpperCase();
  } else {
    const code: string = created.error.errorCode;
    const retry: number | undefined = created.error.retryAfter;
    code.toUpperCase();
    retry?.toFixed();
  }
  // node-sdk style: check `error`, then read `data` with `?.`.
  const res = await m.tenant.loadAll();
  if (res.error) throw new Error(res.error.errorDescription);
  res.data?.forEach((t) => t.name.toUpperCase());
  const status: number = res.code;
  status.toFixed();
  // Every other group, one call each.
  await m.permission.create("p", "d");
  await m.role.search({ roleNames: ["r"] });
  await m.accessKey.create("k", 0, undefined, [{ tenantId: "t" }]);
  await m.sso.loadSettings("t");
  await m.ssoApplication.loadAll();
  await m.jwt.signIn("a");
  await m.audit.search({ actions: ["LoginSucceed"] });
  await m.group.loadAllGroups("t");
  await m.password.getSettings("t");
  DescopeClient.DescopeErrors.userNotFound.toUpperCase();
}
