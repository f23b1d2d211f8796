// descope-mgmt/compat against node-sdk 2.13.0 itself: the same code run once through
// node-sdk's DescopeClient and once through compat's, each against its own fresh emulator
// (or one stub server), with the same results: node-sdk's README management examples, the
// error answers, the positional forms, 429s, and what node-sdk never answers.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";
import { readmeExamples } from "./compat-readme.mjs";

const { default: DescopeClient } = await import("descope-mgmt/compat");
const { DescopeManagement, DescopeError } = await import("descope-mgmt");

// node-sdk is installed for the differential tests (tests/differential/package.json).
const NODE_SDK = new URL("../differential/node_modules/@descope/node-sdk/dist/index.esm.js", import.meta.url);
if (!existsSync(NODE_SDK)) throw new Error("@descope/node-sdk is missing: run npm ci in tests/differential (tools/install.sh does)");
const { default: NodeSdkClient } = await import(NODE_SDK);

const clients = {
  "node-sdk": (baseUrl) => NodeSdkClient({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl }),
  // `options`: the package's own (node-sdk has no such options).
  compat: (baseUrl, options) => DescopeClient({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl, ...options }),
};
// The package retries a failed connection (node-sdk does not): once is enough here.
const ONCE = { retry: { maxAttempts: 1 } };

const emulators = [];
async function emulator() {
  const emu = await startEmulator([]);
  emulators.push(emu);
  return emu;
}
after(() => Promise.all(emulators.map((e) => e.stop())));

/** `fn(client, emu)` through node-sdk and through compat, each on its own fresh emulator. */
async function bothWays(fn) {
  const out = {};
  for (const [name, make] of Object.entries(clients)) {
    const emu = await startEmulator([]);
    try {
      out[name] = await fn(make(emu.url), emu);
    } finally {
      await emu.stop();
    }
  }
  return out;
}

/** An SdkResponse without node-sdk's fetch `Response` (compat has none). */
const plain = ({ response, ...rest }) => rest;

// What differs between two fresh emulators: clocks, random tokens and secrets.
function normalize(value, key) {
  if (typeof value === "string" && /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(value)) {
    const { iat, exp, jti, ...claims } = JSON.parse(Buffer.from(value.split(".")[1], "base64url").toString());
    return { jwt: claims, iat: typeof iat, exp: exp - iat };
  }
  // A point in time (seconds or ms since 1970), not a duration such as refreshTokenExpiration: 12.
  if (/time$|expiration$|^occurred$/i.test(key ?? "") && typeof value === "number" && value >= 1e9) return "<time>";
  if (key === "cleartext" && typeof value === "string") return value.replace(/:.+$/, ":<secret>");
  if (key === "adminSSOConfigurationLink" && typeof value === "string") return value.replace(/t=[^&]+/, "t=<token>");
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v, k)]));
  }
  return value;
}

// The README calls node-sdk sends and the service refuses, which compat refuses before
// sending (invalid_argument): a string where node-sdk's type has a list, and `aceUrl`, the
// README's misspelling of `acsUrl`.
const REFUSED_BEFORE_SENDING = {
  "user.removeTenantRoles": { nodeSdk: "E011003", argument: "roles" },
  "ssoApplication.updateSamlApplication": { nodeSdk: "E011001", argument: "options.aceUrl" },
};

// The README calls that fail on the service (the same way through both clients).
const FAILING = {
  "tenant.createWithId": "E011003", // "My Tenant" exists already
  "tenant.update": "E011003", // the same
  "tenant.updateDefaultRoles": "E011003", // roles "role1" and "role2" do not exist
  "ssoApplication.load (deleted)": "E011003",
  "user.invite": "E062107", // the user exists already
  "user.logoutUser": "E112102", // "my-custom-id" is no user
  "user.load (deleted)": "E112102",
  "user.load (batch-deleted)": "E112102",
  "accessKey.load (deleted)": "E011003",
  "group.loadAllGroupMembers": "E011003", // no group "group-id"
  "jwt.update (not a JWT)": "E011003",
  "jwt.impersonate": "E112102", // no user "impersonator-id"
  "tenant.load (deleted)": "E011003",
};

test("node-sdk's README management examples: the same results through node-sdk and through compat", async () => {
  const runs = await bothWays((client) => readmeExamples(client));
  const [sdk, ours] = [runs["node-sdk"], runs.compat];
  assert.equal(ours.length, sdk.length);
  assert.ok(sdk.length > 100, `only ${sdk.length} calls`);

  for (let i = 0; i < sdk.length; i++) {
    const [a, b] = [sdk[i], ours[i]];
    assert.equal(b.step, a.step);
    const refused = REFUSED_BEFORE_SENDING[a.step];
    if (refused) {
      assert.deepEqual([a.ok, a.code, a.error.errorCode], [false, 400, refused.nodeSdk], `node-sdk's ${a.step}`);
      assert.deepEqual([b.ok, b.code, b.error.errorCode, b.error.argument], [false, 0, "invalid_argument", refused.argument], `compat's ${b.step}`);
      continue;
    }
    assert.deepEqual(normalize(b), normalize(a), `${a.step} (call ${i + 1})`);
    const expected = FAILING[a.step];
    if (expected) {
      assert.deepEqual([a.ok, a.error?.errorCode], [false, expected], `${a.step} should fail with ${expected}`);
      assert.match(a.error.errorDescription, /\S/);
    } else {
      assert.equal(a.ok, true, `${a.step} failed: ${JSON.stringify(a.error)}`);
    }
  }

  // The effects, read back through compat (and equal to node-sdk's, checked above).
  const at = (step) => ours.find((r) => r.step === step);
  assert.equal(at("tenant.load").data.name, "My Custom Tenant");
  assert.deepEqual(at("tenant.searchAll").data.map((t) => t.id), ["my-custom-id"]);
  assert.deepEqual(at("tenant.getSettings (after configureSettings)").data.domains, ["domain1.com"]);
  assert.equal(at("tenant.getSettings (after configureSettings)").data.inactivityTime, 10);
  assert.equal(at("password.getSettings (after configureSettings)").data.minLength, 8);
  assert.equal(at("ssoApplication.loadAll").data.length, 2);
  const user = at("user.load").data;
  assert.deepEqual([user.loginIds, user.name, user.phone, user.verifiedPhone], [["bane@descope.com"], "Desmond Copeland Jr.", "+18005551234", true]);
  assert.equal(at("user.loadUsers").data[0].userId, user.userId);
  assert.deepEqual(at("user.search (all of the tenant)").data.users.map((u) => u.loginIds[0]).sort(), ["bane@descope.com", "batch1@descope.com", "batch2@descope.com", "invited@descope.com", "other@descope.com"]);
  assert.equal(at("user.searchTestUsers").data.total, 1);
  assert.equal(at("user.searchTestUsers (none left)").data.total, 0);
  assert.equal(at("accessKey.load (deactivated)").data.status, "inactive");
  assert.match(at("accessKey.create").data.cleartext, /:/);
  assert.equal(at("sso.loadSettings").data.saml.idpEntityId, "my-idp-entity-id");
  assert.equal(at("sso.loadAllSettings (two)").data.length, 2);
  assert.deepEqual(at("permission.loadAll (after delete)").data.some((p) => p.name === "My Updated Permission"), false);
  assert.deepEqual(at("role.search (the tenant's)").data[0].permissionNames, ["My Updated Permission", "Another Permission"]);
  assert.equal(normalize(at("jwt.update").data.jwt).jwt.customKey1, "custom-value1");
  assert.equal(at("audit.search (the event)").data[0].action, "pencil.created");
});

test("an error answer resolves { ok: false, code, error: { errorCode, errorDescription, errorMessage } } as node-sdk's", async () => {
  const runs = await bothWays(async ({ management: m }) => [
    plain(await m.user.load("nobody@example.com")),
    plain(await m.tenant.load("no-such-tenant")), // an errorMessage that is not the description
    plain(await m.role.create("Tenant Admin")), // a system role: exists already
  ]);
  assert.deepEqual(runs.compat, runs["node-sdk"]);
  assert.deepEqual(runs.compat[0], {
    code: 400,
    ok: false,
    error: { errorCode: "E112102", errorDescription: "User not found", errorMessage: "User not found" },
  });
  assert.equal(runs.compat[1].error.errorDescription, "Tenant not found");
  assert.equal(runs.compat[1].error.errorMessage, 'Tenant "no-such-tenant" not found');
  assert.equal(runs.compat[2].error.errorCode, "E011003");
});

test("node-sdk's positional forms of user.create, createTestUser, invite and update send what node-sdk sends", async () => {
  const tenants = [{ tenantId: "t-acme", roleNames: ["viewer"] }];
  const sent = await bothWays(async ({ management: m }, emu) => {
    const results = [
      await m.user.create("pos@example.com", "pos@example.com", null, "Pos Itional", ["editor"], null, { seats: 3 }, undefined, true, undefined, "Pos", undefined, "Itional", ["pos-alias"]),
      await m.user.createTestUser("test-pos", "test@example.com", "+15551234567", "Test Pos", undefined, tenants, undefined, "https://pic.example/t.png", true, false, "Test", "M", "Pos", undefined),
      await m.user.invite("inv@example.com", "inv@example.com", undefined, "Inv", undefined, tenants, undefined, undefined, undefined, undefined, "https://app.example/invite", true, false, "In", undefined, "Vite", undefined, undefined, "fr"),
      await m.user.update("pos@example.com", "pos2@example.com", "+15557654321", "Pos Two", ["viewer"], undefined, { seats: 4 }, "https://pic.example/p.png", false, true),
      // The options form, whose further arguments node-sdk ignores; and no options at all.
      await m.user.create("opt@example.com", { email: "opt@example.com", roles: ["viewer"] }, "ignored-phone"),
      await m.user.create("bare@example.com", undefined, "+15550000000"),
      await m.user.update("bare@example.com", null),
      await m.user.load("pos@example.com"),
    ];
    const { requests } = await emu.admin("requests");
    return {
      results: results.map(plain),
      requests: requests.filter((r) => r.path !== "/v1/mgmt/license").map(({ method, path, query, body }) => ({ method, path, query, body })),
    };
  });
  assert.deepEqual(normalize(sent.compat.requests), normalize(sent["node-sdk"].requests));
  assert.deepEqual(normalize(sent.compat.results), normalize(sent["node-sdk"].results));
  const [create] = sent.compat.requests;
  assert.deepEqual(create, {
    method: "POST",
    path: "/v1/mgmt/user/create",
    query: {},
    body: {
      loginId: "pos@example.com",
      email: "pos@example.com",
      phone: null,
      displayName: "Pos Itional",
      givenName: "Pos",
      familyName: "Itional",
      roleNames: ["editor"],
      userTenants: null,
      customAttributes: { seats: 3 },
      verifiedEmail: true,
      additionalLoginIds: ["pos-alias"],
    },
  });
  assert.equal(sent.compat.requests[5].body.phone, undefined, "node-sdk drops the phone of create(loginId, undefined, phone)");
  assert.ok(sent.compat.results.every((r) => r.ok), JSON.stringify(sent.compat.results.filter((r) => !r.ok)));
  const loaded = sent.compat.results.at(-1).data;
  assert.deepEqual([loaded.email, loaded.phone, loaded.name, loaded.picture, loaded.customAttributes.seats], ["pos2@example.com", "+15557654321", "Pos Two", "https://pic.example/p.png", 4]);
});

test("a 429 resolves { ok: false, code: 429, error: { errorCode, …, retryAfter } } as node-sdk's", async () => {
  const runs = await bothWays(async ({ management: m }, emu) => {
    await emu.admin("faults", { method: "POST", body: JSON.stringify({ kind: "rateLimit", limit: 0, windowSecs: 60, retryAfterSecs: 7, pathPrefix: "/v1/mgmt/tenant" }) });
    const res = plain(await m.tenant.loadAll());
    const { requests } = await emu.admin("requests");
    return { res, attempts: requests.filter((r) => r.path === "/v1/mgmt/tenant/all").length };
  });
  assert.deepEqual(runs.compat, runs["node-sdk"]);
  assert.equal(runs.compat.attempts, 1, "answered at once, as node-sdk does (no retry of a 429 by default)");
  assert.deepEqual([runs.compat.res.ok, runs.compat.res.code, runs.compat.res.error.errorCode, runs.compat.res.error.retryAfter], [false, 429, "E130429", 7]);
});

// ---------------------------------------------------------------- answers the emulator never gives
/** A stub Descope: `GET /v1/mgmt/license` answered, every other request with `answer`. */
async function stub(answer) {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.url === "/v1/mgmt/license") return res.writeHead(200, { "content-type": "application/json" }).end('{"rateLimitTier":"tier2"}');
      res.writeHead(answer.status, answer.headers ?? { "content-type": "application/json" }).end(answer.body);
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/** `load("x")` through both clients on a stub answering `answer`: `{ resolved }` or `{ rejected }`. */
async function againstStub(answer) {
  const server = await stub(answer);
  try {
    const out = {};
    for (const [name, make] of Object.entries(clients)) {
      out[name] = await make(server.url, ONCE).management.user.load("x").then(
        (res) => ({ resolved: plain(res) }),
        (err) => ({ rejected: err }),
      );
    }
    return out;
  } finally {
    await server.close();
  }
}

test("a 429 without Retry-After gives retryAfter 0, and a JSON error body of another shape is the error, as in node-sdk", async () => {
  const bare429 = await againstStub({ status: 429, body: '{"errorCode":"E130429","errorDescription":"rate limited","errorMessage":"slow down"}' });
  assert.deepEqual(bare429.compat, bare429["node-sdk"]);
  assert.deepEqual(bare429.compat.resolved.error, { errorCode: "E130429", errorDescription: "rate limited", errorMessage: "slow down", retryAfter: 0 });

  const proxy = await againstStub({ status: 403, body: '{"message":"Forbidden by the proxy"}' });
  assert.deepEqual(proxy.compat, proxy["node-sdk"]);
  assert.deepEqual(proxy.compat.resolved, { code: 403, ok: false, error: { message: "Forbidden by the proxy" } });
});

test("what node-sdk throws on, compat rejects on (with a DescopeError): an HTML answer, no connection", async () => {
  const html = await againstStub({ status: 502, headers: { "content-type": "text/html" }, body: "<html>Bad gateway</html>" });
  assert.ok(html["node-sdk"].rejected, "node-sdk rejects on a body that is not JSON");
  assert.ok(html.compat.rejected instanceof DescopeError);
  assert.deepEqual([html.compat.rejected.code, html.compat.rejected.status], ["http_error", 502]);

  const closed = await stub({ status: 200, body: "{}" });
  await closed.close(); // nothing listens there any more
  for (const [name, make] of Object.entries(clients)) {
    const err = await make(closed.url, ONCE).management.user.load("x").then(() => null, (e) => e);
    assert.ok(err, `${name} resolved with no server`);
    if (name === "compat") assert.deepEqual([err instanceof DescopeError, err.code, err.status], [true, "network_error", 0]);
  }

  const slow = await emulator();
  await slow.admin("faults", { method: "POST", body: JSON.stringify({ kind: "latency", ms: 1000, pathPrefix: "/v1/mgmt/user" }) });
  const impatient = DescopeClient({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: slow.url, timeoutMs: 200 });
  await assert.rejects(impatient.management.user.load("x"), (err) => err instanceof DescopeError && err.code === "timeout");
});

test("an argument the package refuses resolves { ok: false, code: 0, error: { errorCode: 'invalid_argument' } } and sends nothing", async () => {
  const emu = await emulator();
  const { management: m } = clients.compat(emu.url);
  await m.user.load("warm-up@example.com"); // the license handshake, once
  const before = (await emu.admin("requests")).count;
  const res = await m.user.addRoles("ann@example.com", "editor"); // node-sdk's type: a list of role names
  assert.deepEqual(res, {
    code: 0,
    ok: false,
    error: { errorCode: "invalid_argument", errorDescription: "roles must be an array of strings", errorMessage: "roles must be an array of strings", argument: "roles" },
  });
  assert.equal((await emu.admin("requests")).count, before, "nothing was sent");
  // A bad option of the client itself throws, as node-sdk's DescopeClient throws on a bad project ID.
  assert.throws(() => DescopeClient({ projectId: "", managementKey: FAKE_KEY }), (err) => err instanceof DescopeError && err.code === "invalid_argument");
});

// The package's functions that node-sdk 2.13.0 does not have (compat offers them too).
const PACKAGE_ONLY = ["user.removeRecoveryCodes"];

test("management has node-sdk's groups and function names: one member per group of the package", async () => {
  const { management } = clients.compat("http://127.0.0.1:1");
  const sdk = clients["node-sdk"]("http://127.0.0.1:1").management;
  const pkg = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY });
  assert.deepEqual(Object.keys(management), Object.keys(pkg));
  for (const [group, functions] of Object.entries(management)) {
    const expected = Object.keys(pkg[group]).filter((n) => n !== "searchPages"); // the package's own pager
    assert.deepEqual(Object.keys(functions), expected, group);
    const notInNodeSdk = expected.filter((name) => typeof sdk[group][name] !== "function").map((name) => `${group}.${name}`);
    assert.deepEqual(notInNodeSdk, PACKAGE_ONLY.filter((f) => f.startsWith(`${group}.`)), `${group}: functions node-sdk 2.13.0 lacks`);
    assert.deepEqual(Object.keys(sdk[group]).filter((name) => !(name in functions)), [], `${group}: node-sdk functions compat lacks`);
  }
  assert.deepEqual(DescopeClient.DescopeErrors, NodeSdkClient.DescopeErrors);
  const { load } = management.user; // plain closures, as node-sdk's
  assert.equal((await load("")).error.errorCode, "invalid_argument");
  management.user.load = async () => ({ code: 200, ok: true, data: { loginIds: ["stub"] } }); // stubbable, as node-sdk's
  assert.deepEqual((await management.user.load("x")).data.loginIds, ["stub"]);
});

test("require('descope-mgmt/compat') is node-sdk's CommonJS export: the function itself, on the package's wasm instance", async () => {
  const require = createRequire(import.meta.url);
  const CjsClient = require("descope-mgmt/compat");
  assert.equal(typeof CjsClient, "function");
  assert.equal(CjsClient.default, CjsClient);
  assert.equal(CjsClient.DescopeClient, CjsClient);
  assert.match(require.resolve("descope-mgmt/compat"), /dist\/compat\.cjs$/);
  const emu = await emulator();
  const { management } = CjsClient({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url });
  const created = await management.tenant.create("Required");
  assert.equal(created.ok, true);
  assert.equal((await management.tenant.load(created.data.id)).data.name, "Required");
  const { DescopeError: CjsError } = require("descope-mgmt");
  const err = await CjsClient({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: "http://127.0.0.1:1", ...ONCE }).management.user.load("x").catch((e) => e);
  assert.ok(err instanceof CjsError, "compat's require() entry shares require('descope-mgmt')'s DescopeError");
});

test("the TypeScript declarations of compat type both forms and the SdkResponse, for import and require", async () => {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const tsc = `${here}node_modules/.bin/tsc`;
  await promisify(execFile)(tsc, ["-p", `${here}types/tsconfig.compat.json`]).catch((err) => assert.fail(err.stdout || err.message));
  const failed = await promisify(execFile)(tsc, ["-p", `${here}types/tsconfig.compat-fail.json`]).then(() => null, (err) => err);
  assert.ok(failed, "compat-fail.ts compiled: the types accept anything");
  assert.match(failed.stdout, /compat-fail\.ts\(6,\d+\): error TS2769/); // no overload takes a number as email
  assert.match(failed.stdout, /compat-fail\.ts\(8,\d+\): error TS18048/); // no `data` before `ok` is checked
});
