// A stand-in for api.descope.com, for the "real credentials" test: it checks the bearer the
// demo server adds, records every request, and answers in Descope's shapes. One path echoes
// the Authorization it received, to prove the demo server scrubs what an upstream sends back.
import { createServer } from "node:http";

const picture = (initials, color) =>
  "data:image/svg+xml," +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="${color}"/>` +
      `<text x="32" y="41" font-family="sans-serif" font-size="24" fill="white" text-anchor="middle">${initials}</text></svg>`,
  );

function stubUser(n, name, login, extra = {}) {
  return {
    userId: `U2stubUser00000000000000000${n}`,
    loginIds: [login],
    name,
    givenName: name.split(" ")[0],
    middleName: "",
    familyName: name.split(" ")[1],
    email: login,
    phone: "",
    verifiedEmail: true,
    verifiedPhone: false,
    roleNames: ["admin"],
    userTenants: [{ tenantId: "t-stub", tenantName: "Stub Tenant", roleNames: [], permissions: [] }],
    status: "enabled",
    externalIds: [],
    picture: picture(name.split(" ").map((w) => w[0]).join(""), "#0f766e"),
    test: false,
    customAttributes: { nickname: "stubby" },
    createdTime: 1767225600,
    TOTP: false,
    SAML: false,
    SCIM: false,
    OIDC: false,
    OAuth: {},
    webauthn: false,
    password: true,
    push: false,
    editable: true,
    permissions: [],
    ssoAppIds: [],
    ...extra,
  };
}

export async function startStubDescope({ projectId, managementKey }) {
  const expected = `Bearer ${projectId}:${managementKey}`;
  const requests = [];
  const users = [stubUser(1, "Robin Stub", "robin@stub.example.com"), stubUser(2, "Sasha Stub", "sasha@stub.example.com")];

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url, "http://stub");
    requests.push({ method: req.method, path: url.pathname, authorization: req.headers.authorization ?? null, headers: req.headers });
    const answer = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const error = (status, code, description) =>
      answer(status, { errorCode: code, errorDescription: description, errorMessage: description });

    if (req.headers.authorization !== expected) return error(401, "E011005", "Unauthorized: wrong bearer");
    const body = text ? JSON.parse(text) : {};
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "POST /v2/mgmt/user/search":
        return answer(200, { users, total: users.length });
      case "GET /v1/mgmt/license":
        return answer(200, { rateLimitTier: "tier2" });
      case "GET /v1/mgmt/user/customattributes":
        return answer(200, { data: [{ name: "nickname", type: 1, displayName: "Nickname", options: [] }] });
      case "GET /v1/mgmt/user": {
        const user = users.find((u) => u.userId === url.searchParams.get("userId") || u.loginIds[0] === url.searchParams.get("loginId"));
        return user ? answer(200, { user }) : error(400, "E112102", "User not found");
      }
      case "POST /v1/mgmt/user/update/name": {
        const user = users.find((u) => u.loginIds[0] === body.loginId);
        if (!user) return error(400, "E112102", "User not found");
        Object.assign(user, { name: body.displayName ?? user.name });
        return answer(200, { user });
      }
      case "POST /v1/mgmt/user/logout":
        // A misbehaving upstream that echoes the credential: the demo server must scrub it.
        return error(400, "E011003", `echo: ${req.headers.authorization}`);
      default:
        return error(404, "E011404", `stub has no ${route}`);
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(done);
      }),
  };
}
