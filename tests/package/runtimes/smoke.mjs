// The package's own runtime test, run unchanged in every runtime by a thin runner (see
// run.mjs): configure from the host's env, update a user on the emulator, read it back.
// Throws on any failure.
export async function smoke({ DescopeManagement, DescopeError }, env) {
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
  return `${env.RUNTIME}: updated ${loginId} and read it back`;
}
