// The page's one connection to Descope: the descope-mgmt package, pointed at this page's own
// origin. The host (tools/demo-server.mjs) forwards /v1 and /v2 to Descope and adds the
// management bearer on its side, so the page never holds a key.
//
// `../pkg/` resolves to /pkg/ when served, and to the package next to www/ on disk.

/**
 * Loads the package's browser entry. Its wasm initialization (`init/web.js`, a top-level
 * await) is loaded first on purpose: ES modules do not wait for a *sibling* import's
 * top-level await, so importing `web.js` alone lets `core.js` run before the wasm is ready
 * (it then fails reading `descopeErrorClass`). Harmless once the entry orders this itself.
 */
async function loadPackage() {
  await import("../pkg/init/web.js");
  return import("../pkg/web.js");
}

/** Reads the host's public config and builds a keyless client. */
export async function connect() {
  const res = await fetch("/config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`GET /config.json answered HTTP ${res.status}`);
  const config = await res.json();
  if (!config?.projectId) throw new Error("/config.json has no projectId");
  const { DescopeManagement } = await loadPackage();
  // No managementKey: the host adds the bearer on its side of the wire.
  const descope = new DescopeManagement({ projectId: config.projectId, baseUrl: location.origin });
  return { config, users: descope.user };
}
