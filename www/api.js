// The page's one connection to Descope: the descope-mgmt package, pointed at this page's own
// origin. The host (tools/demo-server.mjs) forwards /v1 and /v2 to Descope and adds the
// management bearer on its side, so the page never holds a key.
//
// `../pkg/web.js` resolves to /pkg/web.js when served, and to the package next to www/ on disk.
import { DescopeManagement } from "../pkg/web.js";

/** Reads the host's public config and builds a keyless client. */
export async function connect() {
  const res = await fetch("/config.json", { cache: "no-store" });
  if (!res.ok) {
    // The host explains itself in Descope's error shape (e.g. a missing session token).
    const why = (await res.json().catch(() => null))?.errorDescription;
    throw new Error(`GET /config.json answered HTTP ${res.status}${why ? `: ${why}` : ""}`);
  }
  const config = await res.json();
  if (!config?.projectId) throw new Error("/config.json has no projectId");
  // No managementKey: the host adds the bearer on its side of the wire.
  const descope = new DescopeManagement({ projectId: config.projectId, baseUrl: location.origin });
  return { config, users: descope.user, group: (name) => group(descope, name) };
}

/**
 * `descope.<name>`, or a stand-in whose every call rejects with a clear message, so a package
 * built before that group existed still loads the page and explains itself where it is used.
 */
function group(descope, name) {
  if (descope[name]) return descope[name];
  const missing = () =>
    Promise.reject(new Error(`this build of descope-mgmt has no descope.${name}: rebuild the package (./tools/build.sh)`));
  // `then` stays undefined, so the stand-in is never mistaken for a promise.
  return new Proxy({}, { get: (_, key) => (key === "then" ? undefined : missing) });
}
