// Loads a user, updates picture, display name and a custom attribute, and prints the user
// before and after. Credentials come from the environment, as a host would supply them:
//   DESCOPE_PROJECT_ID, DESCOPE_MANAGEMENT_KEY, DESCOPE_BASE_URI (optional), DEMO_LOGIN_ID
import { DescopeManagement, DescopeError } from "descope-mgmt";

const descope = DescopeManagement.fromEnv(process.env);
const loginId = process.env.DEMO_LOGIN_ID ?? "ann@example.com";

const show = ({ loginIds, name, givenName, familyName, picture, customAttributes }) =>
  JSON.stringify({ loginIds, name, givenName, familyName, picture, customAttributes }, null, 2);

try {
  console.log("before:", show(await descope.user.load(loginId)));
  await descope.user.updatePicture(loginId, "https://cdn.example.com/ann.png");
  await descope.user.updateDisplayName(loginId, "Ann Lee", "Ann", undefined, "Lee");
  await descope.user.updateCustomAttribute(loginId, "seats", 42);
  console.log("after:", show(await descope.user.load(loginId)));
} catch (err) {
  if (!(err instanceof DescopeError)) throw err;
  console.error(`failed: ${err.message}`);
  process.exitCode = 1;
}
