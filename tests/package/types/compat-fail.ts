// Must NOT compile (see compat.test.mjs): a number where the email (a string) belongs, and
// `data` read before `ok` is checked.
import DescopeClient from "descope-mgmt/compat";

const { management } = DescopeClient({ projectId: "P2x", managementKey: "k" });
export const wrong = management.user.create("a@b.c", 42);
const res = await management.user.load("a@b.c");
export const name = res.data.name;
