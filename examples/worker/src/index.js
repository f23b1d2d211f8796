// A Cloudflare Worker exposing a small admin API over Descope users:
//   GET /users?text=ann          search (first page)
//   GET /users/:loginId          load one user
//   PUT /users/:loginId/picture  {"picture": "https://…"}
// Credentials come from the Worker's env (secrets), never from the caller; callers must
// present the ADMIN_TOKEN secret. No `nodejs_compat` flag is needed.
import { DescopeManagement, DescopeError } from "descope-mgmt";

const json = (body, status = 200) => Response.json(body, { status });

async function route(request, descope) {
  const url = new URL(request.url);
  const [, collection, id, field] = url.pathname.split("/").map(decodeURIComponent);
  if (collection !== "users") return json({ error: "not found" }, 404);
  if (request.method === "GET" && !id) {
    return json(await descope.user.search({ text: url.searchParams.get("text") ?? undefined, limit: 20 }));
  }
  if (request.method === "GET" && id && !field) return json(await descope.user.load(id));
  if (request.method === "PUT" && id && field === "picture") {
    const { picture } = await request.json();
    return json(await descope.user.updatePicture(id, picture));
  }
  return json({ error: "method not allowed" }, 405);
}

// One client per isolate, built at the first request (a Worker sees `env` only there) and
// kept at module scope: the rate-limit tier is learnt once, not once per request.
let descope;

export default {
  async fetch(request, env) {
    if (!env.ADMIN_TOKEN || request.headers.get("authorization") !== `Bearer ${env.ADMIN_TOKEN}`) {
      return json({ error: "unauthorized" }, 401);
    }
    try {
      descope ??= DescopeManagement.fromEnv(env);
      return await route(request, descope);
    } catch (err) {
      if (!(err instanceof DescopeError)) throw err;
      // The error carries Descope's code and description, never the key.
      return json({ code: err.code, description: err.description }, err.status || 502);
    }
  },
};
