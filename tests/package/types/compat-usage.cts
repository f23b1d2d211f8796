// The same from CommonJS (a .cts file): TypeScript reads compat.d.cts.
import DescopeClient = require("descope-mgmt/compat");
import Default from "descope-mgmt/compat";

export async function fromRequire(): Promise<void> {
  const { management } = DescopeClient.default({ projectId: "P2x", managementKey: "k" });
  const res = await management.user.load("a@b.c");
  if (res.ok) res.data.loginIds?.map((id) => id.toUpperCase());
  await Default({ projectId: "P2x" }).management.user.create("a@b.c", "a@b.c");
}
