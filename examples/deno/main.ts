// Deno: prints the users matching a text, then renames one of them.
//   deno run --allow-env --allow-read --allow-net main.ts ann@example.com "Ann Deno"
// Credentials come from the environment: DESCOPE_PROJECT_ID, DESCOPE_MANAGEMENT_KEY
// (and DESCOPE_BASE_URI for a local emulator).
import { DescopeManagement, DescopeError } from "descope-mgmt";

const [loginId = "ann@example.com", displayName = "Ann from Deno"] = Deno.args;
const descope = DescopeManagement.fromEnv(Deno.env.toObject());

try {
  const { users, total } = await descope.user.search({ text: loginId.split("@")[0], limit: 5 });
  console.log(`${total} matching user(s):`);
  for (const u of users) console.log(`  ${u.loginIds?.[0]}  ${u.name}  ${u.status}`);
  const renamed = await descope.user.updateDisplayName(loginId, displayName);
  console.log(`renamed ${loginId} to ${renamed.name}`);
} catch (err) {
  if (!(err instanceof DescopeError)) throw err;
  console.error(`failed: ${err.message}`);
  Deno.exit(1);
}
