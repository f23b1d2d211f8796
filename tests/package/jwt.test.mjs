// descope.jwt against the emulator: the tokens it mints carry the expected claims, sign-up
// creates the user, impersonation needs the Impersonate permission, and no token is ever
// quoted by an error.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ID, FAKE_KEY, startEmulator } from "./helpers.mjs";

const { DescopeManagement, DescopeError } = await import("descope-mgmt");

let emu;
let descope;
before(async () => {
  emu = await startEmulator([]);
  descope = new DescopeManagement({ projectId: PROJECT_ID, managementKey: FAKE_KEY, baseUrl: emu.url, licenseTier: "t" });
});
after(() => emu?.stop());

const invalid = (argument) => (err) => err instanceof DescopeError && err.code === "invalid_argument" && err.argument === argument;
const claims = (jwt) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
const verify = (jwt) => emu.admin("jwt/verify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jwt }) });

test("sign-up creates the user; sign-in answers tokens of that user; update adds claims", async () => {
  const up = await descope.jwt.signUp("jwt-user@example.com", { email: "jwt-user@example.com", name: "Jay" }, { customClaims: { plan: "pro" } });
  assert.equal(up.firstSeen, true);
  assert.equal(up.user.loginIds[0], "jwt-user@example.com");
  assert.equal((await descope.user.load("jwt-user@example.com")).name, "Jay", "the user exists");
  const session = claims(up.sessionJwt);
  assert.equal(session.sub, up.user.userId);
  assert.equal(session.plan, "pro");
  assert.equal((await verify(up.sessionJwt)).valid, true);
  const inAgain = await descope.jwt.signIn("jwt-user@example.com");
  assert.equal(claims(inAgain.refreshJwt).sub, up.user.userId);
  const { jwt } = await descope.jwt.update(inAgain.sessionJwt, { seats: 3 });
  assert.equal(claims(jwt).seats, 3);
  assert.equal((await verify(jwt)).valid, true);
  const orIn = await descope.jwt.signUpOrIn("jwt-user@example.com");
  assert.equal(claims(orIn.sessionJwt).sub, up.user.userId, "an existing user is signed in unchanged");
});

test("impersonation needs the Impersonate permission; stop answers the actor's token", async () => {
  await descope.user.create("target@example.com", { email: "target@example.com" });
  const actor = await descope.user.create("support@example.com", { email: "support@example.com" });
  await assert.rejects(descope.jwt.impersonate(actor.userId, "target@example.com", false), (err) => err instanceof DescopeError && err.status === 400);
  await descope.role.create("impersonator", "", ["Impersonate"]);
  await descope.user.addRoles("support@example.com", ["impersonator"]);
  const { jwt } = await descope.jwt.impersonate(actor.userId, "target@example.com", false, { reason: "ticket" });
  const c = claims(jwt);
  assert.equal(c.act.sub, actor.userId);
  assert.equal(c.reason, "ticket");
  const stopped = await descope.jwt.stopImpersonation(jwt);
  assert.equal(claims(stopped.jwt).sub, actor.userId);
});

test("anonymous tokens and client assertions", async () => {
  const anon = await descope.jwt.anonymous({ k: "v" });
  assert.match(claims(anon.sessionJwt).sub, /^A2/);
  const { jwt } = await descope.jwt.generateClientAssertionJwt("issuer", "subject", ["https://aud.example"], 300, true, "RS256");
  const c = claims(jwt);
  assert.equal(c.iss, "issuer");
  assert.equal(c.aud, "https://aud.example", "flattenAudience makes one audience a string");
});

test("a token whose answer cannot be read is not quoted by the error", async () => {
  const { sessionJwt } = await descope.jwt.signUpOrIn("leak@example.com");
  await emu.admin("faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "truncate", count: 1, pathPrefix: "/v1/mgmt/jwt/update" }) });
  const err = await descope.jwt.update(sessionJwt).then(() => null, (e) => e);
  assert.ok(err instanceof DescopeError, String(err));
  assert.equal(err.code, "decode_error");
  const header = sessionJwt.split(".")[0]; // every token of the emulator starts with it
  for (const text of [err.message, err.description, String(err), JSON.stringify(err), err.stack ?? ""]) {
    assert.equal(text.includes(header.slice(0, 12)), false, text);
    assert.equal(text.includes('"jwt"'), false, text);
  }
});

test("bad arguments are named before anything is sent", async () => {
  const before = (await emu.admin("requests")).count;
  await assert.rejects(descope.jwt.update(""), invalid("jwt"));
  await assert.rejects(descope.jwt.impersonate("a", "b"), invalid("validateConsent"));
  await assert.rejects(descope.jwt.signIn("lid", { stepUp: true }), invalid("loginOptions.stepUp"));
  await assert.rejects(descope.jwt.signUp("lid", { email: 5 }), invalid("user.email"));
  await assert.rejects(descope.jwt.generateClientAssertionJwt("i", "s", [], 300), invalid("audience"));
  await assert.rejects(descope.jwt.generateClientAssertionJwt("i", "s", ["a"], 300, false, "HS256"), invalid("algorithm"));
  await assert.rejects(descope.jwt.anonymous(undefined, undefined, 1.5), invalid("refreshDuration"));
  assert.equal((await emu.admin("requests")).count, before);
});
