// Side-by-side conformance: node-sdk 2.13.0 (the reference) and descope-mgmt make the same
// call with the same arguments against one loopback recorder, which gives both the same canned
// answer. Compared: the requests on the wire (method, path as received, decoded query, JSON
// body, authorization, x-descope-project-id) and the resolved values (node-sdk's `.data`).
//
//   cd tests/differential && npm ci && node run.mjs
//   DIFF_ONLY='update|search' node run.mjs     # only the calls whose "group.name" matches
//
// Needs the package built (./tools/build.sh). Every vector is one test; ends with one line
// "N passed, M failed" (exit 1 on any failure). Groups of node-sdk-management-requests.json that
// the package does not have yet are counted as pending, not run.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { isDeepStrictEqual } from "node:util";

const PROJECT_ID = "P2publicVectorsProject000001"; // the vectors' fake credentials, never a real key
const MANAGEMENT_KEY = "K2public-vectors-key";
const CALL_TIMEOUT_MS = 10_000;
const ONLY = process.env.DIFF_ONLY ? new RegExp(process.env.DIFF_ONLY) : null;

const readJson = (rel) => JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8"));
const USER_VECTORS = readJson("../vectors/node-sdk-requests.json");
// A copy of ../shared/conformance/node-sdk-management-requests.json (the other 24 groups).
const MANAGEMENT_VECTORS = readJson("../vectors/node-sdk-management-requests.json");

// ---------------------------------------------------------------- canned answers of user calls
// The user vectors record no responses: realistic Descope bodies by path (reference §4, §5).
const USER = {
  userId: "U2userDifferential00000001",
  loginIds: ["lid", "lid-alias"],
  name: "Name",
  givenName: "Given",
  middleName: "",
  familyName: "Family",
  email: "a@b.c",
  verifiedEmail: true,
  phone: "+1234",
  verifiedPhone: false,
  roleNames: ["r1"],
  userTenants: [{ tenantId: "t1", tenantName: "Tenant One", roleNames: ["tr"], permissions: ["read"] }],
  permissions: ["read"],
  status: "enabled",
  picture: "https://pic",
  test: false,
  customAttributes: { n: 1, flag: true, list: ["x", "y"], nickname: null },
  createdTime: 1700000000,
  TOTP: false,
  SAML: false,
  SCIM: false,
  OIDC: false,
  OAuth: { google: true },
  webauthn: false,
  password: true,
  push: false,
  editable: true,
  externalIds: ["lid"],
  ssoAppIds: ["app"],
  consentExpiration: 0,
};
const OTHER_USER = { ...USER, userId: "U2userDifferential00000002", loginIds: ["lid2"], email: "two@b.c", status: "invited" };
const TEST_USER = { ...USER, userId: "U2userDifferentialTest0001", test: true };
const single = (user = USER) => ({ user });
const ATTRIBUTES = {
  data: [
    { name: "attr1", type: 1, displayName: "Attr 1", options: [], viewPermissions: [], editPermissions: ["admin"] },
    { name: "plan", type: 4, displayName: "Plan", options: [{ value: "pro", label: "Pro" }], defaultValue: "pro", viewPermissions: [], editPermissions: [] },
  ],
};
const USER_ANSWERS = {
  "POST /v1/mgmt/user/create": { user: USER, created: true }, // newer servers add `created`
  "POST /v1/mgmt/user/create/test": single(TEST_USER),
  "POST /v1/mgmt/user/create/batch": {
    createdUsers: [USER],
    failedUsers: [{ failure: "user already exists", user: OTHER_USER }],
    additionalErrors: {},
  },
  "POST /v1/mgmt/user/update": single(),
  "PATCH /v1/mgmt/user/patch": single(),
  "PATCH /v1/mgmt/user/patch/batch": { patchedUsers: [USER, OTHER_USER], failedUsers: [], additionalErrors: {} },
  "POST /v1/mgmt/user/delete": {},
  "POST /v1/mgmt/user/delete/batch": {},
  "DELETE /v1/mgmt/user/test/delete/all": {},
  "GET /v1/mgmt/user": single(),
  "POST /v1/mgmt/users/load": { users: [USER, OTHER_USER], total: 2 },
  "POST /v1/mgmt/user/logout": {},
  "POST /v2/mgmt/user/search": { users: [USER, OTHER_USER], total: 2 },
  "POST /v2/mgmt/user/search/test": { users: [TEST_USER], total: 1 },
  "GET /v1/mgmt/user/provider/token": {
    provider: "google",
    providerUserId: "104807396283611458292",
    accessToken: "ya29.a0-fake-access-token",
    expiration: 1700003600,
    scopes: ["openid", "email"],
    refreshToken: "1//0g-fake-refresh-token",
  },
  "POST /v1/mgmt/user/update/status": single(),
  "POST /v1/mgmt/user/update/loginid": single(),
  "POST /v1/mgmt/user/update/email": single(),
  "POST /v1/mgmt/user/update/phone": single(),
  "POST /v1/mgmt/user/update/name": single(),
  "POST /v1/mgmt/user/update/picture": single(),
  "POST /v1/mgmt/user/update/customAttribute": single(),
  "POST /v1/mgmt/user/update/role/set": single(),
  "POST /v2/mgmt/user/update/role/add": single(),
  "POST /v1/mgmt/user/update/role/remove": single(),
  "POST /v1/mgmt/user/update/tenant/add": single(),
  "POST /v1/mgmt/user/update/tenant/remove": single(),
  "POST /v1/mgmt/user/update/ssoapp/add": single(),
  "POST /v1/mgmt/user/update/ssoapp/set": single(),
  "POST /v1/mgmt/user/update/ssoapp/remove": single(),
  "POST /v1/mgmt/user/update/recovery/email": single(),
  "POST /v1/mgmt/user/update/recovery/phone": single(),
  "POST /v1/mgmt/tests/generate/otp": { loginId: "lid", code: "123456" },
  "POST /v1/mgmt/tests/generate/magiclink": { loginId: "lid", link: "https://uri?t=fake-magic-token" },
  "POST /v1/mgmt/tests/generate/enchantedlink": { loginId: "lid", link: "https://uri?t=fake-enchanted", pendingRef: "pref-1" },
  "POST /v1/mgmt/user/signin/embeddedlink": { token: "fake-embedded-token" },
  "POST /v1/mgmt/user/signup/embeddedlink": { token: "fake-signup-token", maskedEmail: "a***@b.c" },
  "POST /v1/mgmt/user/password/set/temporary": {},
  "POST /v1/mgmt/user/password/set/active": {},
  "POST /v1/mgmt/user/password/set": {},
  "POST /v1/mgmt/user/password/expire": {},
  "POST /v1/mgmt/user/passkeys/delete": {},
  "POST /v1/mgmt/user/passkey/delete": {},
  "POST /v1/mgmt/user/totp/delete": {},
  "POST /v1/mgmt/user/recovery-codes/delete": {},
  "POST /v1/mgmt/user/passkeys/list": {
    passkeys: [{ id: "pk1", rpId: "example.com", kind: "platform", displayName: "MacBook", createdTime: 1700000000 }],
  },
  // History answers a bare array.
  "POST /v1/mgmt/user/history": [
    { userId: "u1", loginTime: 1700000000, city: "Tel Aviv", country: "Israel", ip: "203.0.113.7" },
    { userId: "u2", loginTime: 1700000500, city: "Berlin", country: "Germany", ip: "198.51.100.4" },
  ],
  "POST /v1/mgmt/user/import": { users: [USER], failures: [{ user: "bad@b.c", reason: "invalid hash" }] },
  "GET /v1/mgmt/user/customattributes": ATTRIBUTES,
  "POST /v1/mgmt/user/customattribute/create": ATTRIBUTES,
  "POST /v1/mgmt/user/customattribute/delete": { data: [ATTRIBUTES.data[1]] },
  "POST /v1/mgmt/user/trusteddevices/list": {
    devices: [{ id: "d1", name: "Chrome on Mac", deviceType: "desktop", lastLoginTime: 1700000000, expirationTime: 1702592000, lastLocation: "Tel Aviv, Israel" }],
  },
  "POST /v1/mgmt/user/trusteddevices/remove": {},
};
const userAnswer = (req) => {
  const body = USER_ANSWERS[`${req.method} ${req.path}`];
  return body === undefined
    ? { status: 404, body: { errorCode: "E011001", errorDescription: `recorder: no canned answer for ${req.method} ${req.path}` } }
    : { status: 200, body };
};

// ---------------------------------------------------------------- where node-sdk is not the reference
const wire = (method, path, body, query = {}) => ({
  method, path, query, body, authorization: `Bearer ${PROJECT_ID}:${MANAGEMENT_KEY}`, projectHeader: PROJECT_ID,
});

/** Calls node-sdk 2.13.0 lacks: our request is asserted against the reference's form. */
const REFERENCE_ONLY = [
  {
    group: "user", name: "removeRecoveryCodes", args: ["lid"],
    reason: "not in node-sdk 2.13.0 (added in 2.14.0): reference §4.7",
    requests: [wire("POST", "/v1/mgmt/user/recovery-codes/delete", { loginId: "lid" })],
    data: {}, // node-sdk passes a void call's `{}` through as data
  },
];

/**
 * Expected differences: node-sdk's bytes are wrong here (conformance README); `check` asserts
 * our correct form instead and returns the problems found. `args` narrows to one vector.
 */
/** `value` with every key `from` renamed `to`, at any depth (node-sdk's spelling → the service's). */
function respell(value, from, to) {
  if (Array.isArray(value)) return value.map((v) => respell(v, from, to));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === from ? to : k, respell(v, from, to)]));
}

/** An expected difference that is only a respelling of keys in the body. */
function respelled(key, reason, pairs) {
  return {
    key,
    reason,
    check: (node, ours) => {
      const body = pairs.reduce((b, [from, to]) => respell(b, from, to), node.requests[0].body);
      return [...compareRequests([{ ...node.requests[0], body }], ours.requests, "reference", "ours"), ...compareResults(node.result, ours.result)];
    },
  };
}

const EXPECTED = [
  respelled("tenant.configureSettings", "node-sdk's type spells InactivityTime/InactivityTimeUnit; the service reads inactivityTime/inactivityTimeUnit, which ours sends", [
    ["InactivityTime", "inactivityTime"],
    ["InactivityTimeUnit", "inactivityTimeUnit"],
  ]),
  respelled("audit.createAuditWebhook", "node-sdk's type names the filter discriminator key; the service reads filterType, which ours sends", [["key", "filterType"]]),
  {
    key: "password.configureSettings",
    reason: "node-sdk's type spells nonAlphaNumeric; the service reads nonAlphanumeric, which ours sends",
    check: (node, ours) => {
      const { nonAlphaNumeric, ...rest } = node.requests[0].body;
      const body = { ...rest, nonAlphanumeric: nonAlphaNumeric };
      return [...compareRequests([{ ...node.requests[0], body }], ours.requests, "reference", "ours"), ...compareResults(node.result, ours.result)];
    },
  },
  {
    key: "permission.deleteBatch", args: [],
    reason: "node-sdk sends an empty batch delete ({}); the service may read no filter as all, so ours refuses it before sending",
    check: (_node, ours) =>
      ours.result.error?.code === "invalid_argument" && ours.requests.length === 0
        ? []
        : [`expected no request and an invalid_argument error, got ${show(ours.result.error ?? ours.result.value)} after ${ours.requests.length} request(s)`],
  },
  {
    key: "outboundApplication.loadApplication", args: ["a/b?c"],
    reason: "node-sdk puts the ID into the path unencoded; every path ID must be percent-encoded",
    check: (node, ours) => [
      ...compareRequests([{ ...node.requests[0], path: "/v1/mgmt/outbound/app/a%2Fb%3Fc", query: {} }], ours.requests, "reference", "ours"),
      ...compareResults(node.result, ours.result),
    ],
  },
  {
    key: "outboundApplication.deleteUserTokens", args: ["appid"],
    reason: 'node-sdk sends the missing userId as the query value "undefined"; left out, or invalid_argument before sending',
    check: (node, ours) => {
      if (ours.result.error) {
        return ours.result.error.code === "invalid_argument" && ours.requests.length === 0
          ? []
          : [`expected no request and an invalid_argument error, got ${show(ours.result.error)} after ${ours.requests.length} request(s)`];
      }
      const { userId: _sentAsUndefined, ...query } = node.requests[0].query;
      return [...compareRequests([{ ...node.requests[0], query }], ours.requests, "reference", "ours"), ...compareResults(node.result, ours.result)];
    },
  },
];

/**
 * node-sdk also takes create/createTestUser/invite/update positionally; descope-mgmt offers the
 * options form only (README "Methods"), and the vectors use it. Here node-sdk's positional call
 * and our options call must send the same bytes and resolve alike, and our positional call must
 * be refused (invalid_argument) before anything is sent rather than lose its arguments.
 */
const TENANTS = [{ tenantId: "t1", roleNames: ["tr"] }];
const POSITIONAL = [
  {
    name: "create",
    positional: ["lid", "a@b.c", null, null, ["r1", "r2"], null, { a: "a", b: 1, c: true }, undefined, undefined, undefined, undefined, undefined, undefined, ["id-1", "id-2"]],
    options: ["lid", { email: "a@b.c", phone: null, displayName: null, roles: ["r1", "r2"], userTenants: null, customAttributes: { a: "a", b: 1, c: true }, additionalLoginIds: ["id-1", "id-2"] }],
  },
  {
    name: "createTestUser",
    positional: ["lid", "a@b.c", "+1234", "Name", ["r1"], TENANTS, { n: 1 }, "https://pic", true, false, "Given", "Mid", "Family", ["alias"]],
    options: ["lid", { email: "a@b.c", phone: "+1234", displayName: "Name", roles: ["r1"], userTenants: TENANTS, customAttributes: { n: 1 }, picture: "https://pic", verifiedEmail: true, verifiedPhone: false, givenName: "Given", middleName: "Mid", familyName: "Family", additionalLoginIds: ["alias"] }],
  },
  {
    name: "invite",
    positional: ["lid", "a@b.c", "+1234", "Name", ["r1"], TENANTS, { n: 1 }, "https://pic", true, false, "https://invite", true, false, "Given", "Mid", "Family", ["alias"], "tpl", "fr"],
    options: ["lid", { email: "a@b.c", phone: "+1234", displayName: "Name", roles: ["r1"], userTenants: TENANTS, customAttributes: { n: 1 }, picture: "https://pic", verifiedEmail: true, verifiedPhone: false, inviteUrl: "https://invite", sendMail: true, sendSMS: false, givenName: "Given", middleName: "Mid", familyName: "Family", additionalLoginIds: ["alias"], templateId: "tpl", locale: "fr" }],
  },
  {
    name: "update",
    positional: ["lid", "a@b.c", null, "Name", undefined, TENANTS, undefined, "https://pic", true],
    options: ["lid", { email: "a@b.c", phone: null, displayName: "Name", userTenants: TENANTS, picture: "https://pic", verifiedEmail: true }],
  },
];

/**
 * Real bugs of descope-mgmt found here, tolerated until fixed so that the run passes: only the
 * listed `aspect` ("requests" or "value") may differ, with `ours` (when given) the value we
 * resolve today; an entry that no longer reproduces fails (remove it). `args` narrows to one call.
 */
const KNOWN_BUGS = [];

// ---------------------------------------------------------------- the recorder
function startRecorder() {
  const state = { log: [], answer: () => ({ status: 500, body: {} }) };
  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const q = req.url.indexOf("?");
      const query = {};
      for (const [k, v] of new URLSearchParams(q < 0 ? "" : req.url.slice(q + 1))) {
        query[k] = k in query ? [].concat(query[k], v) : v; // a repeated key becomes an array
      }
      let body = null;
      if (raw !== "") {
        try { body = JSON.parse(raw); } catch { body = { "<not JSON>": raw }; }
      }
      const rec = {
        method: req.method,
        path: q < 0 ? req.url : req.url.slice(0, q), // as received: still percent-encoded
        query,
        body,
        authorization: req.headers.authorization ?? null,
        projectHeader: req.headers["x-descope-project-id"] ?? null,
      };
      const { status, body: answer } = state.answer(rec, state.log.length);
      state.log.push(rec);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    });
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => {
      ok({
        url: `http://127.0.0.1:${server.address().port}`,
        state,
        /** Runs `fn` with a fresh log answered by `answer`; resolves to `{requests, result}`. */
        async capture(answer, fn) {
          state.log = [];
          state.answer = answer;
          let result;
          try {
            result = await Promise.race([
              fn(),
              new Promise((_, no) => setTimeout(() => no(new Error(`no answer in ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS).unref()),
            ]);
          } catch (error) {
            result = { error: errorFields(error) };
          }
          return { requests: state.log, result };
        },
        stop: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
      });
    }),
  );
}

// ---------------------------------------------------------------- comparing
const show = (v) => (v === undefined ? "undefined" : JSON.stringify(v));
const errorFields = (e) => ({ name: e?.name, code: e?.code, status: e?.status, message: String(e?.message ?? e) });

/** Lists where two JSON values differ ("at request 0.body.roleNames: X vs Y"); absent ≠ null. */
function diff(a, b, at, out = []) {
  if (out.length >= 8 || isDeepStrictEqual(a, b)) return out;
  const isObj = (v) => v !== null && typeof v === "object";
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b) && Object.getPrototypeOf(a) === Object.getPrototypeOf(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const where = `${at}${Array.isArray(a) ? `[${k}]` : `.${k}`}`;
      if (!(k in a)) out.push(`at ${where}: absent vs ${show(b[k])}`);
      else if (!(k in b)) out.push(`at ${where}: ${show(a[k])} vs absent`);
      else diff(a[k], b[k], where, out);
    }
    if (out.length === 0) out.push(`at ${at}: ${show(a)} vs ${show(b)} (same JSON, other shape: ${a?.constructor?.name} vs ${b?.constructor?.name})`);
  } else {
    out.push(`at ${at}: ${show(a)} vs ${show(b)}`);
  }
  return out;
}

function compareRequests(want, got, wantName = "node-sdk", gotName = "ours") {
  if (want.length !== got.length) {
    return [`${wantName} sent ${want.length} request(s), ${gotName} ${got.length}:\n${wantName}: ${show(want)}\n${gotName}: ${show(got)}`];
  }
  return want.flatMap((w, i) => {
    const d = diff(w, got[i], `request ${i}`);
    return d.length ? [`request ${i} differs (${wantName} vs ${gotName}):\n  ${d.join("\n  ")}\n${wantName}: ${show(w)}\n${gotName}: ${show(got[i])}`] : [];
  });
}

/** A key set to undefined inside a value is as good as absent (node-sdk builds some, e.g.
 * `{users, total}` of a search); a value that is undefined as a whole is not `{}`. */
const definedKeys = (v) =>
  Array.isArray(v) ? v.map(definedKeys)
  : v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype
    ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, definedKeys(x)]))
    : v;

function compareResults(want, ours, wantName = "node-sdk") {
  if (want.error) return [`${wantName} failed: ${show(want.error)}`];
  if (ours.error) return [`ours rejected, ${wantName} resolved ${show(want.value)}: ${show(ours.error)}`];
  const d = diff(definedKeys(want.value), definedKeys(ours.value), "value");
  return d.length ? [`resolved values differ (${wantName} vs ours):\n  ${d.join("\n  ")}\n${wantName}: ${show(want.value)}\nours: ${show(ours.value)}`] : [];
}

// ---------------------------------------------------------------- the clients
/** Waits until the package imports in a child process: ./tools/build.sh may be rewriting pkg/dist. */
async function importPackage() {
  for (let i = 0; ; i++) {
    try {
      execFileSync(process.execPath, ["--input-type=module", "-e", 'await import("descope-mgmt")'], { cwd: new URL(".", import.meta.url), stdio: "pipe" });
      return await import("descope-mgmt");
    } catch (err) {
      if (i >= 30) throw err;
      await new Promise((ok) => setTimeout(ok, 2000));
    }
  }
}

const matchesArgs = (entry, args) => !entry.args || isDeepStrictEqual(entry.args, args);
const find = (list, key, args) => list.find((e) => e.key === key && matchesArgs(e, args));
const label = (group, name, args) => {
  const text = `${group}.${name}(${JSON.stringify(args, (_, v) => (v === undefined ? "<undefined>" : v)).slice(1, -1)})`;
  return text.length > 110 ? `${text.slice(0, 107)}...` : text;
};

// ---------------------------------------------------------------- run
const recorder = await startRecorder();
let passed = 0;
let failed = 0;
const knownBugsSeen = [];
const report = (ok, name, lines = []) => {
  ok ? passed++ : failed++;
  console.log(`${ok ? "PASS" : "FAIL"} ${name}`);
  for (const line of lines) console.log(line.replace(/^/gm, "    "));
};
const watchdog = setTimeout(() => {
  console.log(`watchdog: the run took too long\n${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, 180_000).unref();

/** Reports one test from its problems by aspect, tolerating a KNOWN_BUGS entry's aspect only. */
function judge(testName, key, args, byAspect, oursResult) {
  const bug = find(KNOWN_BUGS, key, args);
  const all = Object.values(byAspect).flat();
  if (!bug) return report(all.length === 0, testName, all);
  const other = Object.entries(byAspect).filter(([aspect]) => aspect !== bug.aspect).flatMap(([, p]) => p);
  if (other.length) return report(false, `${testName} [known bug "${bug.issue}", and more]`, all);
  if (byAspect[bug.aspect].length === 0) return report(false, `${testName} [KNOWN_BUGS entry no longer reproduces: remove it]`, [bug.issue]);
  if ("ours" in bug && (oursResult.error || !isDeepStrictEqual(oursResult.value, bug.ours))) {
    return report(false, `${testName} [known bug "${bug.issue}" changed: ours no longer resolves ${show(bug.ours)}]`, all);
  }
  knownBugsSeen.push(`${label(...key.split("."), args)}: ${bug.issue}`);
  return report(true, `${testName} [KNOWN BUG: ${bug.issue}]`);
}

try {
  const [{ default: DescopeClient }, { DescopeManagement }] = await Promise.all([import("@descope/node-sdk"), importPackage()]);

  // node-sdk sends GET /v1/mgmt/license once at construction (fire-and-forget): let it land
  // before the first call, and answer it so that it logs no error.
  recorder.state.answer = (r) => (r.path === "/v1/mgmt/license" ? { status: 200, body: { rateLimitTier: "x" } } : { status: 500, body: {} });
  const node = DescopeClient({ projectId: PROJECT_ID, managementKey: MANAGEMENT_KEY, baseUrl: recorder.url });
  for (let i = 0; i < 100 && !recorder.state.log.some((r) => r.path === "/v1/mgmt/license"); i++) await new Promise((ok) => setTimeout(ok, 20));
  // licenseTier set: ours sends no handshake, so every request it makes is the call's own.
  const ours = new DescopeManagement({ projectId: PROJECT_ID, managementKey: MANAGEMENT_KEY, baseUrl: recorder.url, licenseTier: "x" });

  // node-sdk's own extra requests (the license handshake, anything outside the management API)
  // are not the call's; ours are all kept: it must send nothing but the call.
  const nodeCallRequests = (rs) => rs.filter((r) => /^\/v[12]\/mgmt\//.test(r.path) && r.path !== "/v1/mgmt/license");
  const callNode = (group, name, args, answer) =>
    recorder.capture(answer, async () => {
      const res = await node.management[group][name](...structuredClone(args));
      return res?.ok ? { value: res.data } : { error: { ok: res?.ok, code: res?.code, error: res?.error } };
    }).then((run) => ({ ...run, requests: nodeCallRequests(run.requests) }));
  const callOurs = (group, name, args, answer) =>
    recorder.capture(answer, async () => ({ value: await ours[group][name](...structuredClone(args)) }));

  /** One vector side by side; `vector` holds node-sdk's recorded requests (and data) to check the harness. */
  async function sideBySide({ group, name, args, answer, vector }) {
    const key = `${group}.${name}`;
    const testName = label(group, name, args);
    const nodeRun = await callNode(group, name, args, answer);
    const oursRun = await callOurs(group, name, args, answer);

    // The harness first: node-sdk here must still do what it did when the vector was captured.
    const harness = compareRequests(vector.requests, nodeRun.requests, "vector", "node-sdk");
    if (nodeRun.result.error) harness.push(`node-sdk failed: ${show(nodeRun.result.error)}`);
    else if ("data" in vector) {
      const got = nodeRun.result.value === undefined ? undefined : JSON.parse(JSON.stringify(nodeRun.result.value));
      harness.push(...diff(vector.dataUndefined ? undefined : vector.data, got, "data (vector vs node-sdk)"));
    }
    if (harness.length) return report(false, testName, ["harness: node-sdk does not reproduce its vector", ...harness]);

    const expected = find(EXPECTED, key, args);
    if (expected) {
      const problems = expected.check(nodeRun, oursRun);
      return report(problems.length === 0, `${testName} [expected difference: ${expected.reason}]`, problems);
    }
    const byAspect = { requests: compareRequests(nodeRun.requests, oursRun.requests), value: compareResults(nodeRun.result, oursRun.result) };
    return judge(testName, key, args, byAspect, oursRun.result);
  }

  // 1. The user group: every vector, canned answers from the table above.
  for (const v of USER_VECTORS) {
    if (ONLY && !ONLY.test(`user.${v.name}`)) continue;
    await sideBySide({ group: "user", name: v.name, args: v.args, answer: userAnswer, vector: v });
  }

  // 2. Calls node-sdk lacks: ours against the reference's wire form.
  for (const c of REFERENCE_ONLY) {
    const key = `${c.group}.${c.name}`;
    if (ONLY && !ONLY.test(key)) continue;
    const run = await callOurs(c.group, c.name, c.args, userAnswer);
    const byAspect = { requests: compareRequests(c.requests, run.requests, "reference", "ours"), value: compareResults({ value: c.data }, run.result, "reference") };
    judge(`${label(c.group, c.name, c.args)} [reference only: ${c.reason}]`, key, c.args, byAspect, run.result);
  }

  // 3. node-sdk's positional forms against our options form (see POSITIONAL).
  for (const c of POSITIONAL) {
    if (ONLY && !ONLY.test(`user.${c.name}`)) continue;
    const nodeRun = await callNode("user", c.name, c.positional, userAnswer);
    const oursRun = await callOurs("user", c.name, c.options, userAnswer);
    const refused = await callOurs("user", c.name, c.positional, userAnswer);
    const problems = [...compareRequests(nodeRun.requests, oursRun.requests, "node-sdk positional", "ours options"), ...compareResults(nodeRun.result, oursRun.result)];
    if (refused.requests.length || refused.result.error?.code !== "invalid_argument") {
      problems.push(`ours, called positionally, must send nothing and reject with invalid_argument; sent ${refused.requests.length} request(s), ${refused.result.error ? `rejected ${show(refused.result.error)}` : `resolved ${show(refused.result.value)}`}`);
    }
    report(problems.length === 0, `${label("user", c.name, c.positional)} [positional form: ours takes the options form only]`, problems);
  }

  // 4. The other groups: side by side where the package has the function, pending otherwise.
  // Each vector carries node-sdk's recorded answers (one per request) and its `data`.
  const pending = new Map(); // group -> Set of function names
  let pendingCalls = 0;
  for (const v of MANAGEMENT_VECTORS) {
    if (ONLY && !ONLY.test(`${v.group}.${v.name}`)) continue;
    if (typeof ours[v.group]?.[v.name] !== "function") {
      pendingCalls++;
      if (!pending.has(v.group)) pending.set(v.group, new Set());
      pending.get(v.group).add(v.name);
      continue;
    }
    const args = v.args.map((a, i) => (v.undefinedArgs?.includes(i) ? undefined : v.dateArgs?.includes(i) ? new Date(a) : a));
    const answer = (_, i) => v.responses[i] ?? { status: 500, body: { errorCode: "E011001", errorDescription: "recorder: more requests than the vector answers" } };
    await sideBySide({ group: v.group, name: v.name, args, answer, vector: v });
  }
  if (pendingCalls) {
    const functions = [...pending.values()].reduce((n, names) => n + names.size, 0);
    console.log(`pending: ${pendingCalls} calls (${functions} functions) of ${pending.size} groups not in the package yet: ${[...pending.keys()].join(", ")}`);
  }
} catch (err) {
  report(false, "runner", [String(err?.stack ?? err)]);
} finally {
  await recorder.stop();
  clearTimeout(watchdog);
}

if (knownBugsSeen.length) {
  console.log(`KNOWN_BUGS: ${knownBugsSeen.length} tolerated until fixed (see KNOWN_BUGS in run.mjs):`);
  for (const line of knownBugsSeen) console.log(`  ${line}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
