// Browser end-to-end tests of the admin page (www/) through the demo server.
//
//   node tests/e2e/run.mjs
//   E2E_ONLY='bulk|real mode' node tests/e2e/run.mjs     # only the tests whose names match
//
// Needs the package built (./tools/build.sh) and the emulator built
// (cargo build -p descope-emulator); builds nothing itself. Starts the demo server on a free
// port (emulator mode, then "real" mode against a stub Descope on 127.0.0.1), drives headless
// Chromium through playwright-core, saves screenshots in target/screenshots/, stops
// everything, and ends with one line "N passed, M failed" (exit 1 on any failure).
//
// Fault injection uses status 500, which the client never retries (503 may be retried one
// day), with `count: 1`: exactly one request fails.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT, createRunner, freePort, launchBrowser, sleep, startDemoServer, until } from "./helpers.mjs";
import { startStubDescope } from "./stub-descope.mjs";
import { registerAdminTests } from "./admin.mjs";

const SHOTS = join(ROOT, "target/screenshots");
const VIEWPORT = { width: 1360, height: 900 };
const WATCHDOG_MS = 480_000; // a hung browser must not hang CI

const cleanups = [];
let browser;
let demo; // the emulator-mode demo server
let projectId;
let page; // the current test's page, for failure screenshots
const stamp = Date.now().toString(36);

// ---------------------------------------------------------------- API helpers (through the demo server)

/** The raw answer, error or not: `{ status, body }`. */
async function apiAnswer(method, path, body) {
  const res = await fetch(demo.url + path, {
    method,
    headers: { "content-type": "application/json", "x-descope-project-id": projectId },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function api(method, path, body) {
  const { status, body: json } = await apiAnswer(method, path, body);
  if (status < 200 || status > 299) throw new Error(`${method} ${path}: HTTP ${status} ${JSON.stringify(json)}`);
  return json;
}
const search = (request) => api("POST", "/v2/mgmt/user/search", request);
const loadUser = async (userId) => (await api("GET", `/v1/mgmt/user?userId=${encodeURIComponent(userId)}`)).user;
const createUser = async (loginId, options = {}) => (await api("POST", "/v1/mgmt/user/create", { loginId, email: loginId, ...options })).user;
const addFault = (rule) => api("POST", "/emulator/faults", rule);
const clearFaults = () => api("DELETE", "/emulator/faults");
const requestLog = async () => (await api("GET", "/emulator/requests")).requests;
const changeLoginId = (loginId, newLoginId) => api("POST", "/v1/mgmt/user/update/loginid", { loginId, newLoginId });
/** The patchBatch requests logged since `before`. */
const patchBatches = async (before) =>
  (await requestLog()).slice(before).filter((r) => r.method === "PATCH" && r.path === "/v1/mgmt/user/patch/batch");
const CHUNK = 100; // www/views/bulk.js: users per patchBatch request

// ---------------------------------------------------------------- page helpers

async function newPage() {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(10000);
  page = await context.newPage();
  page.errors = [];
  page.log = [];
  page.on("pageerror", (err) => page.errors.push(err.message));
  page.on("console", (msg) => page.log.push(`console.${msg.type()}: ${msg.text()}`));
  page.on("requestfailed", (req) => page.log.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`));
  return page;
}

async function closePage() {
  const errors = page?.errors ?? [];
  await page?.context().close();
  page = null;
  assert.deepEqual(errors, [], "uncaught errors in the page");
}

const isSearch = (res) => res.url().endsWith("/v2/mgmt/user/search") && res.request().method() === "POST";
// The page also walks a few pages of 100 to learn tenants and roles (tests that wait for a
// list search never use 100), and bulk "add role" reads its users afresh by ID.
const isListSearch = (res) => {
  const body = JSON.parse(res.request().postData() ?? "{}");
  return isSearch(res) && body.limit !== 100 && !body.userIds;
};

async function idle(p) {
  await p.waitForFunction(() => document.getElementById("users-table")?.getAttribute("aria-busy") === "false");
}

/** Does `action` and waits for the list search it triggers to be painted. */
async function searched(p, action) {
  await Promise.all([p.waitForResponse(isListSearch), action()]);
  await idle(p);
}

async function gotoList(p, query = "") {
  // Fail at once, with the page's words, if it could not start (e.g. the package is missing).
  const startupError = p.locator("#startup-error .error-box");
  const loaded = searched(p, () => p.goto(`${demo.url}/${query}`));
  const failed = startupError.waitFor().then(async () => {
    throw new Error(`the page could not start: ${await startupError.textContent()}`);
  });
  // The loser of the race rejects later (when the page closes): that is expected.
  loaded.catch(() => {});
  failed.catch(() => {});
  await Promise.race([loaded, failed]);
}

const rows = (p) => p.locator("#users-body tr[data-user-id]");
const rangeText = (p) => p.locator("#page-range").textContent();
const panel = (p) => p.locator("dialog#user-panel");

async function panelReady(p) {
  await until(
    async () => (await panel(p).isVisible()) && (await p.locator("#panel-title").textContent()) !== "Loading user…",
    "the user panel",
  );
}

async function openUserFromList(p, name) {
  await p.locator("#users-body").getByRole("button", { name, exact: true }).click();
  await panelReady(p);
}

async function shot(name, target = page) {
  await target.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The visible controls with no accessible name (label, aria-label or text). */
function unnamedControls(p) {
  return p.evaluate(() =>
    [...document.querySelectorAll("input, select, button, textarea, [role=switch]")]
      .filter((el) => el.getClientRects().length && !el.closest("[hidden]"))
      .filter((el) => {
        const labelled = el.getAttribute("aria-labelledby")?.split(" ").map((id) => document.getElementById(id)?.textContent).join("");
        const name = el.getAttribute("aria-label") || labelled || [...(el.labels ?? [])].map((l) => l.textContent).join("") || (el.tagName === "BUTTON" ? el.textContent : "");
        return !name.trim();
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** Section of the open panel by its heading. */
const section = (p, heading) => panel(p).locator("section.panel-section", { has: p.getByRole("heading", { name: heading, exact: true }) });

async function saveSection(p, heading, buttonName) {
  const s = section(p, heading);
  await s.getByRole("button", { name: buttonName }).click();
  await until(async () => (await section(p, heading).locator(".saved").textContent()).includes("✓"), `"${heading}" saved`);
}

// ---------------------------------------------------------------- tests

const runner = createRunner({
  only: process.env.E2E_ONLY,
  onFailure: async (name) => {
    if (!page) return;
    const lines = [...page.errors.map((e) => `page error: ${e}`), ...page.log];
    if (lines.length) console.log(`        page said:\n          ${lines.join("\n          ")}`);
    await shot(`FAILED-${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`).catch(() => {});
    await page.context().close().catch(() => {});
    page = null;
  },
});
const { test } = runner;

test("the list shows users with the total, and paginates", async () => {
  const p = await newPage();
  const all = await search({ page: 0, limit: 25 });
  const second = await search({ page: 1, limit: 25 });
  await gotoList(p);
  assert.equal(await rows(p).count(), 25);
  assert.equal(await rangeText(p), `Showing 1–25 of ${all.total} users`);
  assert.equal(await p.locator("#page-label").textContent(), `Page 1 of ${Math.ceil(all.total / 25)}`);

  // Each row: picture, display name, login ID, status, tenants.
  const first = rows(p).first();
  const u0 = all.users[0];
  assert.equal(await first.getAttribute("data-user-id"), u0.userId);
  assert.equal(await first.locator("img.avatar").getAttribute("src"), u0.picture);
  assert.equal(await first.locator(".user-name").textContent(), u0.name);
  assert.match(await first.textContent(), new RegExp(u0.loginIds[0].replace(/\./g, "\\.")));
  const label = { enabled: "Enabled", disabled: "Disabled", invited: "Invited", expired: "Expired" }[u0.status];
  assert.equal(await first.locator(".badge").first().textContent(), label);
  const withTenants = all.users.findIndex((u) => u.userTenants.length);
  assert.match(await rows(p).nth(withTenants).locator("td").nth(4).textContent(), new RegExp(all.users[withTenants].userTenants[0].tenantName));
  await shot("01-users-list");

  await searched(p, () => p.getByRole("button", { name: "Next ›" }).click());
  assert.equal(await rangeText(p), `Showing 26–50 of ${all.total} users`);
  assert.equal(await rows(p).first().getAttribute("data-user-id"), second.users[0].userId);
  assert.match(p.url(), /[?&]page=2/);

  // The page is in the URL: a reload shows the same page.
  await searched(p, () => p.reload());
  assert.equal(await rangeText(p), `Showing 26–50 of ${all.total} users`);
  assert.ok(await p.getByRole("button", { name: "‹ Previous" }).isEnabled());

  await searched(p, () => p.getByLabel("Rows per page").selectOption("10"));
  assert.equal(await rangeText(p), `Showing 1–10 of ${all.total} users`);
  assert.equal(await rows(p).count(), 10);
  assert.ok(await p.getByRole("button", { name: "‹ Previous" }).isDisabled());
  await closePage();
});

test("search text, status, tenant and role filters, and sort agree with the API", async () => {
  const p = await newPage();
  await gotoList(p);
  const { users } = await search({ limit: 50 });
  const family = users.find((u) => u.familyName && u.status === "enabled").familyName;

  // Text (Enter submits at once).
  const byText = await search({ text: family, limit: 25 });
  await searched(p, async () => {
    await p.getByLabel("Search", { exact: true }).fill(family);
    await p.getByLabel("Search", { exact: true }).press("Enter");
  });
  assert.match(await rangeText(p), new RegExp(`of ${byText.total} user`));
  for (const text of await rows(p).allTextContents()) assert.match(text, new RegExp(family, "i"));

  // Status.
  await p.getByLabel("Search", { exact: true }).fill("");
  await searched(p, () => p.getByLabel("Status").selectOption("disabled"));
  const disabled = await search({ statuses: ["disabled"], limit: 25 });
  assert.match(await rangeText(p), new RegExp(`of ${disabled.total} users`));
  assert.deepEqual(new Set(await rows(p).locator(".badge[class*=status-]").allTextContents()), new Set(["Disabled"]));

  // Tenant, by name (the page maps it to the tenant ID), with the status filter still on.
  const acme = await search({ statuses: ["disabled"], tenantIds: ["t-acme"], limit: 25 });
  await searched(p, async () => {
    await p.getByLabel("Tenant", { exact: true }).fill("Acme");
    await p.getByLabel("Tenant", { exact: true }).press("Tab");
  });
  assert.match(await rangeText(p), new RegExp(`of ${acme.total} user`));
  for (const text of await rows(p).locator("td:nth-child(5)").allTextContents()) assert.match(text, /Acme/);
  assert.match(p.url(), /tenant=t-acme/, "the typed name is kept as the tenant's ID");
  assert.equal(await p.getByLabel("Tenant", { exact: true }).inputValue(), "t-acme");
  await shot("02-users-filtered");

  // Role.
  await searched(p, () => p.getByLabel("Status").selectOption(""));
  await searched(p, async () => {
    await p.getByLabel("Tenant", { exact: true }).fill("");
    await p.getByLabel("Role", { exact: true }).fill("admin");
    await p.getByLabel("Role", { exact: true }).press("Enter");
  });
  const admins = await search({ roleNames: ["admin"], limit: 25 }); // the wire name of `roles`
  assert.match(await rangeText(p), new RegExp(`of ${admins.total} user`));
  assert.deepEqual(
    await rows(p).evaluateAll((trs) => trs.map((tr) => tr.dataset.userId)),
    admins.users.map((u) => u.userId),
  );

  // Sort.
  await searched(p, () => p.getByRole("button", { name: "Clear filters" }).first().click());
  await searched(p, () => p.getByLabel("Sort by").selectOption("-name"));
  const zToA = await search({ sort: [{ field: "name", desc: true }], limit: 25 });
  assert.deepEqual(await rows(p).locator(".user-name").allTextContents(), zToA.users.map((u) => u.name));

  // Empty state, and its way out.
  await searched(p, async () => {
    await p.getByLabel("Search", { exact: true }).fill(`nobody-${stamp}`);
    await p.getByLabel("Search", { exact: true }).press("Enter");
  });
  assert.ok(await p.getByRole("heading", { name: "No users match" }).isVisible());
  assert.equal(await rangeText(p), "No users");
  await shot("03-empty-state");
  await searched(p, () => p.locator("#empty").getByRole("button", { name: "Clear filters" }).click());
  assert.equal(await rows(p).count(), 25);
  await closePage();
});

test("a loading indicator shows while a search is slow", async () => {
  const p = await newPage();
  await addFault({ kind: "latency", ms: 1200, count: 1, pathPrefix: "/v2/mgmt/user/search" });
  const loaded = p.waitForResponse(isListSearch);
  loaded.catch(() => {}); // awaited below; must not crash the run if the test fails first
  await p.goto(demo.url);
  await p.getByText("Loading users…").waitFor({ state: "visible", timeout: 3000 });
  assert.ok(await p.locator("#loading-bar").isVisible());
  assert.equal(await p.locator("#users-table").getAttribute("aria-busy"), "true");
  await loaded;
  await idle(p);
  assert.ok(await p.locator("#loading-bar").isHidden());
  assert.equal(await rows(p).count(), 25);
  await closePage();
});

const PICTURE =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#059669"/>' +
      '<text x="32" y="41" font-family="sans-serif" font-size="24" fill="white" text-anchor="middle">QA</text></svg>',
  );

let panelUser; // created once, used by the panel tests

test("open a user; change the picture (with preview) and the names; kept after reload", async () => {
  panelUser = await createUser(`quinn.${stamp}@e2e.example.com`, {
    displayName: "Quinn Panel",
    givenName: "Quinn",
    familyName: "Panel",
    userTenants: [{ tenantId: "t-globex", roleNames: ["viewer"] }],
  });
  const p = await newPage();
  await gotoList(p, `?q=${encodeURIComponent(`quinn.${stamp}`)}`);
  await openUserFromList(p, "Quinn Panel");
  assert.equal(await p.locator("#panel-title").textContent(), "Quinn Panel");
  assert.match(p.url(), new RegExp(`user=${panelUser.userId}`));

  // Picture: typing a URL previews it before saving.
  const url = panel(p).getByLabel("Picture URL");
  await url.fill(PICTURE);
  const preview = panel(p).getByRole("img", { name: "Preview of the picture URL" });
  await until(async () => (await preview.getAttribute("src")) === PICTURE, "the preview to show the new URL");
  await until(() => preview.evaluate((img) => img.complete && img.naturalWidth > 0), "the preview to load");
  await saveSection(p, "Picture", "Save picture");
  assert.equal(await panel(p).locator(".drawer-head img.avatar").getAttribute("src"), PICTURE);

  // Display name and name parts.
  await panel(p).getByLabel("Display name").fill("Quinn B. Avery");
  await panel(p).getByLabel("Given name").fill("Quinn");
  await panel(p).getByLabel("Middle name").fill("B.");
  await panel(p).getByLabel("Family name").fill("Avery");
  await saveSection(p, "Name", "Save name");
  assert.equal(await p.locator("#panel-title").textContent(), "Quinn B. Avery");
  // The row behind the panel follows.
  assert.equal(await rows(p).first().locator(".user-name").textContent(), "Quinn B. Avery");
  await shot("04-user-panel");

  // Reload: the URL reopens the panel, and every change is still there.
  await searched(p, () => p.reload());
  await panelReady(p);
  assert.equal(await p.locator("#panel-title").textContent(), "Quinn B. Avery");
  assert.equal(await panel(p).getByLabel("Picture URL").inputValue(), PICTURE);
  assert.equal(await panel(p).getByLabel("Middle name").inputValue(), "B.");
  assert.equal(await panel(p).getByLabel("Family name").inputValue(), "Avery");
  assert.equal(await rows(p).first().locator("img.avatar").getAttribute("src"), PICTURE);
  const stored = await loadUser(panelUser.userId);
  assert.deepEqual(
    [stored.picture, stored.name, stored.givenName, stored.middleName, stored.familyName],
    [PICTURE, "Quinn B. Avery", "Quinn", "B.", "Avery"],
  );
  await closePage();
});

test("custom attributes: one editor per type (text, number, boolean, select, list, date)", async () => {
  const p = await newPage();
  await gotoList(p, `?user=${panelUser.userId}`);
  await panelReady(p);
  const attrs = section(p, "Custom attributes");
  await attrs.getByLabel("Nickname").waitFor();
  assert.equal(await attrs.getByLabel("Seats").getAttribute("type"), "number");
  assert.equal(await attrs.getByLabel("Renewal date").getAttribute("type"), "date");
  assert.equal(await attrs.getByLabel("Plan").evaluate((el) => el.tagName), "SELECT");

  await attrs.getByLabel("Nickname").fill("Ace");
  await attrs.getByLabel("Seats").fill("42");
  await attrs.getByRole("switch", { name: /Beta features/ }).check();
  await attrs.getByLabel("Plan").selectOption("enterprise");
  const teams = attrs.getByRole("group", { name: /Teams/ });
  await teams.getByLabel("platform").check();
  await teams.getByLabel("design").check();
  await attrs.getByLabel("Renewal date").fill("2027-03-15");
  await saveSection(p, "Custom attributes", "Save attributes");
  await attrs.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await shot("05-custom-attributes");

  const want = { nickname: "Ace", seats: 42, beta: true, plan: "enterprise", renewal: Date.UTC(2027, 2, 15) };
  const stored = await loadUser(panelUser.userId);
  for (const [k, v] of Object.entries(want)) assert.deepEqual(stored.customAttributes[k], v, `stored ${k}`);
  assert.deepEqual([...stored.customAttributes.teams].sort(), ["design", "platform"]);

  await p.reload();
  await panelReady(p);
  await attrs.getByLabel("Nickname").waitFor();
  assert.equal(await attrs.getByLabel("Nickname").inputValue(), "Ace");
  assert.equal(await attrs.getByLabel("Seats").inputValue(), "42");
  assert.ok(await attrs.getByRole("switch", { name: /Beta features/ }).isChecked());
  assert.equal(await attrs.getByLabel("Plan").inputValue(), "enterprise");
  assert.ok(await teams.getByLabel("platform").isChecked());
  assert.ok(await teams.getByLabel("design").isChecked());
  assert.ok(!(await teams.getByLabel("growth").isChecked()));
  assert.equal(await attrs.getByLabel("Renewal date").inputValue(), "2027-03-15");

  // Changing back works too (and only the changed attribute is sent).
  const before = (await requestLog()).length;
  await attrs.getByRole("switch", { name: /Beta features/ }).uncheck();
  await saveSection(p, "Custom attributes", "Save attributes");
  const sent = (await requestLog()).slice(before).filter((r) => r.path === "/v1/mgmt/user/update/customAttribute");
  assert.deepEqual(sent.map((r) => [r.body.attributeKey, r.body.attributeValue]), [["beta", false]]);
  await closePage();
});

test("deactivate and reactivate, each kept after reload", async () => {
  const p = await newPage();
  await gotoList(p, `?q=${encodeURIComponent(`quinn.${stamp}`)}&user=${panelUser.userId}`);
  await panelReady(p);
  const head = panel(p).locator(".drawer-head");
  assert.equal(await head.locator(".badge").first().textContent(), "Enabled");

  await section(p, "Status").getByRole("button", { name: "Deactivate user" }).click();
  await section(p, "Status").getByRole("button", { name: "Activate user" }).waitFor();
  assert.equal(await head.locator(".badge").first().textContent(), "Disabled");
  await p.reload();
  await panelReady(p);
  assert.equal(await head.locator(".badge").first().textContent(), "Disabled");
  assert.equal(await rows(p).first().locator(".badge").first().textContent(), "Disabled");
  assert.equal((await loadUser(panelUser.userId)).status, "disabled");

  await section(p, "Status").getByRole("button", { name: "Activate user" }).click();
  await section(p, "Status").getByRole("button", { name: "Deactivate user" }).waitFor();
  await p.reload();
  await panelReady(p);
  assert.equal(await head.locator(".badge").first().textContent(), "Enabled");
  assert.equal((await loadUser(panelUser.userId)).status, "enabled");
  await closePage();
});

test("roles and tenants: picked from the project's lists, added and removed; a stale pick's error is shown in place with its code", async () => {
  // A role the list offers, deleted behind the page's back: choosing it fails at Descope.
  const stale = `gone-${stamp}`;
  await api("POST", "/v1/mgmt/role/create", { name: stale });
  const p = await newPage();
  await gotoList(p, `?user=${panelUser.userId}`);
  await panelReady(p);
  const roles = section(p, "Roles");
  const rolePicker = roles.getByLabel("Add a role");
  assert.equal(await rolePicker.evaluate((el) => el.tagName), "SELECT", "roles are picked, not typed");
  await until(async () => (await rolePicker.locator("option").allTextContents()).some((t) => t.startsWith("support")), "the project's roles in the picker");
  await rolePicker.selectOption("support");
  await saveSection(p, "Roles", "Add role");
  await roles.getByRole("button", { name: "Remove role support" }).waitFor();
  assert.ok(!(await roles.getByLabel("Add a role").locator("option").allTextContents()).some((t) => t.startsWith("support")), "an assigned role is not offered again");

  await api("POST", "/v1/mgmt/role/delete", { name: stale });
  await roles.getByLabel("Add a role").selectOption(stale);
  await roles.getByRole("button", { name: "Add role" }).click();
  const alert = roles.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /E011003/);
  assert.match(await alert.textContent(), new RegExp(stale));
  assert.match(await alert.textContent(), /HTTP 400/);
  await shot("06-error-in-place");

  await roles.getByRole("button", { name: "Remove role support" }).click();
  await until(async () => !(await roles.getByRole("button", { name: "Remove role support" }).count()), "role removed");

  const tenants = section(p, "Tenants");
  assert.equal(await tenants.getByLabel("Add to tenant").evaluate((el) => el.tagName), "SELECT", "tenants are picked, not typed");
  await until(async () => (await tenants.getByLabel("Add to tenant").locator("option").allTextContents()).includes("Acme"), "the tenants in the picker");
  await tenants.getByLabel("Add to tenant").selectOption({ label: "Acme" });
  await saveSection(p, "Tenants", "Add to tenant");
  await tenants.getByRole("button", { name: "Remove from tenant Acme" }).waitFor();
  await p.reload();
  await panelReady(p);
  await tenants.getByRole("button", { name: "Remove from tenant Acme" }).click();
  await until(async () => !(await tenants.getByRole("button", { name: "Remove from tenant Acme" }).count()), "tenant removed");
  const stored = await loadUser(panelUser.userId);
  assert.deepEqual(stored.roleNames, []);
  assert.deepEqual(stored.userTenants.map((t) => t.tenantId), ["t-globex"]);
  await closePage();
});

const XSS = "<img src=x onerror=alert(1)>";

test("markup in a user's names and attributes is shown as text, never parsed", async () => {
  const login = `xss.${stamp}@e2e.example.com`;
  const user = await createUser(login, { displayName: XSS, givenName: XSS, middleName: XSS, familyName: XSS, customAttributes: { nickname: XSS } });
  const p = await newPage();
  const dialogs = [];
  p.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  const injected = () => p.evaluate(() => document.querySelectorAll('img[src="x"]').length);

  await gotoList(p, `?q=${encodeURIComponent(`xss.${stamp}`)}`);
  const row = rows(p).first();
  assert.equal(await row.getAttribute("data-user-id"), user.userId);
  assert.equal(await injected(), 0, "the list made an img from the name");
  assert.equal(await row.locator(".user-name").textContent(), XSS);
  assert.ok((await row.textContent()).includes(XSS));

  await openUserFromList(p, XSS);
  await section(p, "Custom attributes").getByLabel("Nickname").waitFor();
  assert.equal(await injected(), 0, "the panel made an img from a user field");
  assert.equal(await p.locator("#panel-title").textContent(), XSS);
  assert.ok((await panel(p).textContent()).includes(XSS));
  assert.equal(await panel(p).getByLabel("Display name").inputValue(), XSS);
  assert.equal(await panel(p).getByLabel("Given name").inputValue(), XSS);
  assert.equal(await panel(p).getByLabel("Family name").inputValue(), XSS);
  assert.equal(await section(p, "Custom attributes").getByLabel("Nickname").inputValue(), XSS);

  // Select it for a bulk job too: its result line names the user.
  await p.keyboard.press("Escape");
  await panel(p).waitFor({ state: "hidden" });
  await row.getByRole("checkbox").check();
  await p.locator("#bulk").getByLabel("Action", { exact: true }).selectOption("deactivate");
  await searched(p, () => p.locator("#bulk").getByRole("button", { name: "Apply to 1 user" }).click());
  assert.ok((await p.locator("#bulk li.result").textContent()).includes(XSS));

  await sleep(300); // an onerror would fire about now
  assert.equal(await injected(), 0, "an img was made from a user field");
  assert.deepEqual(dialogs, [], "a dialog fired");
  await closePage();
});

test("a failed search is shown with its code, and can be retried", async () => {
  const p = await newPage();
  await gotoList(p);
  // The page's background walk for tenant/role suggestions also searches: let it finish, so
  // the fault hits the search the button sends.
  await p.waitForLoadState("networkidle");
  await addFault({ kind: "status", statuses: [500], count: 1, pathPrefix: "/v2/mgmt/user/search" });
  await searched(p, () => p.getByRole("button", { name: "Search", exact: true }).click());
  const box = p.locator("#list-error").getByRole("alert");
  assert.match(await box.textContent(), /Could not load users/);
  assert.match(await box.textContent(), /E130500/);
  assert.match(await box.textContent(), /HTTP 500/);
  await searched(p, () => box.getByRole("button", { name: "Try again" }).click());
  assert.equal(await p.locator("#list-error").textContent(), "");
  assert.equal(await rows(p).count(), 25);
  await closePage();
});

/** Waits for the bulk job to finish and returns its summary line. */
async function bulkFinished(bulk, timeoutMs = 20000) {
  const summary = bulk.locator(".bulk-summary");
  await until(async () => /^Finished/.test(await summary.textContent()), "the bulk job to finish", timeoutMs);
  return summary.textContent();
}

test("bulk: set an attribute on 25 users in one patchBatch; a per-user failure is shown, retried, then applied", async () => {
  const p = await newPage();
  const value = `bulk-${stamp}`;
  await gotoList(p, "?sort=email");
  const ids = await rows(p).evaluateAll((trs) => trs.map((tr) => tr.dataset.userId));
  assert.equal(ids.length, 25);
  await p.getByLabel("Select all users on this page").check();
  const bulk = p.locator("#bulk");
  assert.match(await bulk.textContent(), /25 users selected/);
  await bulk.getByLabel("Action", { exact: true }).selectOption("attribute");
  await bulk.getByLabel("Attribute", { exact: true }).selectOption("nickname");
  await bulk.getByLabel("Value").fill(value);

  // The 6th user's login ID changes behind the page's back: patchBatch fails that entry
  // ("User not found") and applies the 24 others.
  const failedLogin = (await loadUser(ids[5])).loginIds[0];
  await changeLoginId(failedLogin, `moved-${stamp}@e2e.example.com`);
  const before = (await requestLog()).length;
  await bulk.getByRole("button", { name: "Apply to 25 users" }).click();
  assert.equal(await bulkFinished(bulk), "Finished: 24 succeeded, 1 failed");
  assert.deepEqual(await bulk.locator("progress").evaluate((el) => [el.value, el.max]), [25, 25]);
  const failedItem = bulk.locator("li.result.fail");
  assert.equal(await failedItem.count(), 1);
  assert.match(await failedItem.textContent(), /User not found/);
  assert.equal((await failedItem.locator(".result-name .muted").textContent()).trim(), failedLogin);
  assert.equal(await bulk.locator("li.result.ok").count(), 24);
  await shot("07-bulk-one-failure");
  const first = await patchBatches(before);
  assert.equal(first.length, 1, "25 users are one patchBatch request");
  assert.equal(first[0].body.users.length, 25);
  assert.deepEqual(first[0].body.users[0], { loginId: first[0].body.users[0].loginId, customAttributes: { nickname: value } });

  // Put the login ID back; only the failed user is sent again.
  await changeLoginId(`moved-${stamp}@e2e.example.com`, failedLogin);
  await bulk.getByRole("button", { name: "Retry failed (1)" }).click();
  assert.equal(await bulkFinished(bulk), "Finished: 25 succeeded, 0 failed");
  assert.equal(await bulk.locator("li.result.ok").count(), 25);
  await shot("08-bulk-retried");
  const all = await patchBatches(before);
  assert.equal(all.length, 2);
  assert.deepEqual(all[1].body.users.map((u) => u.loginId), [failedLogin]);
  const updates = (await requestLog()).slice(before).filter((r) => r.path.startsWith("/v1/mgmt/user/update") && !r.path.endsWith("/loginid"));
  assert.deepEqual(updates, [], "no per-user update calls");

  // After a reload: the API finds the 25, and the once-failed user's panel shows the value.
  await searched(p, () => p.reload());
  assert.ok(await p.locator("#bulk").isHidden(), "selection is not kept across reloads");
  const tagged = await search({ customAttributes: { nickname: value }, limit: 100 });
  assert.deepEqual(tagged.users.map((u) => u.userId).sort(), [...ids].sort());
  await p.goto(`${demo.url}/?sort=email&user=${ids[5]}`);
  await panelReady(p);
  const nickname = section(p, "Custom attributes").getByLabel("Nickname");
  await nickname.waitFor();
  assert.equal(await nickname.inputValue(), value);
  await closePage();
});

// 120 users of their own (created once, in one createBatch), for the chunking tests.
const LOAD_USERS = 120;
let loadUsersMade = null;
function loadTestUsers() {
  loadUsersMade ??= api("POST", "/v1/mgmt/user/create/batch", {
    users: Array.from({ length: LOAD_USERS }, (_, i) => {
      const login = `load${String(i).padStart(3, "0")}.${stamp}@load.example.com`;
      return { loginId: login, email: login, displayName: `Load User ${i}` };
    }),
  }).then((answer) => {
    assert.equal(answer.createdUsers.length, LOAD_USERS);
    return answer.createdUsers;
  });
  return loadUsersMade;
}

/** Opens the list of the 120 load users and selects them all (three pages of 50). */
async function selectLoadUsers(p) {
  await loadTestUsers();
  await gotoList(p, `?q=${encodeURIComponent(`.${stamp}@load`)}&size=50&sort=email`);
  assert.equal(await rangeText(p), `Showing 1–50 of ${LOAD_USERS} users`);
  await p.getByLabel("Select all users on this page").check();
  for (let page = 2; page <= 3; page++) {
    await searched(p, () => p.getByRole("button", { name: "Next ›" }).click());
    await p.getByLabel("Select all users on this page").check();
  }
  const bulk = p.locator("#bulk");
  assert.match(await bulk.textContent(), new RegExp(`${LOAD_USERS} users selected`));
  return bulk;
}

async function setNickname(bulk, value) {
  await bulk.getByLabel("Action", { exact: true }).selectOption("attribute");
  await bulk.getByLabel("Attribute", { exact: true }).selectOption("nickname");
  await bulk.getByLabel("Value").fill(value);
  await bulk.getByRole("button", { name: `Apply to ${LOAD_USERS} users` }).click();
}

test(`bulk over ${LOAD_USERS} users sends at most ceil(${LOAD_USERS}/${CHUNK}) patchBatch requests; a failed chunk fails only its users`, async () => {
  const p = await newPage();
  const bulk = await selectLoadUsers(p);
  const value = `load-${stamp}`;
  const before = (await requestLog()).length;
  await setNickname(bulk, value);
  assert.equal(await bulkFinished(bulk), `Finished: ${LOAD_USERS} succeeded, 0 failed`);
  const sent = await patchBatches(before);
  assert.ok(sent.length <= Math.ceil(LOAD_USERS / CHUNK), `${sent.length} patchBatch requests`);
  assert.ok(sent.every((r) => r.applied && r.body.users.length <= CHUNK));
  const logins = sent.flatMap((r) => r.body.users.map((u) => u.loginId));
  assert.equal(new Set(logins).size, LOAD_USERS, "each user sent once");
  assert.equal((await requestLog()).slice(before).filter((r) => r.path.startsWith("/v1/mgmt/user/update")).length, 0);
  assert.equal((await search({ customAttributes: { nickname: value }, limit: 1 })).total, LOAD_USERS);

  // A 500 on the second request: the users of that chunk fail, the others are done.
  await bulk.getByRole("button", { name: "Dismiss results" }).click();
  const again = (await requestLog()).length;
  await addFault({ kind: "status", statuses: [500], count: 1, after: 1, pathPrefix: "/v1/mgmt/user/patch/batch" });
  await setNickname(bulk, `${value}-2`);
  assert.equal(await bulkFinished(bulk), `Finished: ${CHUNK} succeeded, ${LOAD_USERS - CHUNK} failed`);
  assert.match(await bulk.locator("li.result.fail").first().textContent(), /E130500/);
  await bulk.getByRole("button", { name: `Retry failed (${LOAD_USERS - CHUNK})` }).click();
  assert.equal(await bulkFinished(bulk), `Finished: ${LOAD_USERS} succeeded, 0 failed`);
  const second = await patchBatches(again);
  assert.deepEqual(second.map((r) => [r.body.users.length, r.injected]), [[CHUNK, null], [LOAD_USERS - CHUNK, "status"], [LOAD_USERS - CHUNK, null]]);
  assert.equal((await search({ customAttributes: { nickname: `${value}-2` }, limit: 1 })).total, LOAD_USERS);
  await closePage();
});

test("bulk: a 429 with Retry-After pauses the job, shows the wait, then resends that chunk; all users applied", async () => {
  const p = await newPage();
  const bulk = await selectLoadUsers(p);
  const value = `limited-${stamp}`;
  // The page's own view of the wire: when the 429 came, what it said, when the retry went.
  const batches = [];
  p.on("response", async (res) => {
    if (!res.url().endsWith("/v1/mgmt/user/patch/batch")) return;
    const entry = { status: res.status(), sentAt: res.request().timing().startTime };
    batches.push(entry);
    entry.retryAfter = await res.headerValue("retry-after");
  });
  const before = (await requestLog()).length;
  // One patchBatch per 2 s window: the second chunk is refused with Retry-After.
  await addFault({ kind: "rateLimit", limit: 1, windowSecs: 2, pathPrefix: "/v1/mgmt/user/patch/batch" });
  try {
    await setNickname(bulk, value);
    const wait = bulk.locator(".bulk-wait");
    await wait.waitFor({ state: "visible", timeout: 5000 });
    assert.match(await wait.textContent(), /^Rate limited, resuming in \d+ s$/);
    assert.match(await bulk.locator(".bulk-summary").textContent(), new RegExp(`^Working… ${CHUNK} of ${LOAD_USERS} done$`));
    assert.equal(await bulk.locator("li.result", { hasText: "Waiting · rate limited" }).count(), LOAD_USERS - CHUNK);
    await shot("08b-bulk-rate-limited");
    assert.equal(await bulkFinished(bulk, 15000), `Finished: ${LOAD_USERS} succeeded, 0 failed`);
    assert.ok(await wait.isHidden());
  } finally {
    await clearFaults();
  }
  assert.deepEqual(batches.map((b) => b.status), [200, 429, 200]);
  const retryAfter = Number(batches[1].retryAfter);
  assert.ok(retryAfter >= 1, `Retry-After: ${batches[1].retryAfter}`);
  assert.ok(batches[2].sentAt - batches[1].sentAt >= retryAfter * 1000 - 100, "the retry waited Retry-After");
  const logged = await patchBatches(before);
  assert.deepEqual(logged.map((r) => r.injected), [null, "rateLimit", null]);
  assert.deepEqual(logged[1].body, logged[2].body, "the same chunk is sent again");

  // After a reload: every user carries the value, including one from the rate-limited chunk.
  await searched(p, () => p.reload());
  assert.equal((await search({ customAttributes: { nickname: value }, limit: 1 })).total, LOAD_USERS);
  const last = (await loadTestUsers()).at(-1);
  await p.goto(`${demo.url}/?q=${encodeURIComponent(`.${stamp}@load`)}&user=${last.userId}`);
  await panelReady(p);
  const nickname = section(p, "Custom attributes").getByLabel("Nickname");
  await nickname.waitFor();
  assert.equal(await nickname.inputValue(), value);
  await closePage();
});

test("bulk: add a role (kept with the roles users had) and deactivate, each one patchBatch", async () => {
  const logins = [1, 2, 3].map((n) => `bulk${n}.${stamp}@e2e.example.com`);
  for (const [i, login] of logins.entries()) {
    await createUser(login, { displayName: `Bulk User ${i + 1}`, roleNames: i === 0 ? ["viewer"] : [] });
  }
  const p = await newPage();
  await gotoList(p, `?q=${encodeURIComponent(`.${stamp}@e2e`)}&sort=email`);
  // Pick them one by one (the panel user also matches the search).
  for (const login of logins) {
    await rows(p).filter({ hasText: login }).getByRole("checkbox").check();
  }
  const bulk = p.locator("#bulk");
  assert.match(await bulk.textContent(), /3 users selected/);
  const before = (await requestLog()).length;
  await bulk.getByLabel("Action", { exact: true }).selectOption("role");
  await bulk.getByLabel("Role to add").fill("billing");
  await bulk.getByRole("button", { name: "Apply to 3 users" }).click();
  assert.equal(await bulkFinished(bulk), "Finished: 3 succeeded, 0 failed");
  await bulk.getByRole("button", { name: "Dismiss results" }).click();
  await bulk.getByLabel("Action", { exact: true }).selectOption("deactivate");
  await searched(p, () => bulk.getByRole("button", { name: "Apply to 3 users" }).click());
  assert.equal(await bulkFinished(bulk), "Finished: 3 succeeded, 0 failed");
  const [addRole, deactivate] = await patchBatches(before);
  assert.deepEqual(addRole.body.users.map((u) => u.roleNames), [["viewer", "billing"], ["billing"], ["billing"]]);
  assert.deepEqual(deactivate.body.users.map((u) => [u.loginId, u.status]), logins.map((l) => [l, "disabled"]));
  assert.equal((await patchBatches(before)).length, 2);

  await searched(p, () => p.reload());
  for (const login of logins) {
    const row = rows(p).filter({ hasText: login });
    assert.equal(await row.locator(".badge").first().textContent(), "Disabled");
    assert.match(await row.locator("td").nth(5).textContent(), /billing/);
  }
  assert.match(await rows(p).filter({ hasText: logins[0] }).locator("td").nth(5).textContent(), /viewer/);
  await closePage();
});

test("keyboard only: search, open a user, close it, select a row; every control is named", async () => {
  const p = await newPage();
  await gotoList(p);
  // "/" focuses the search box.
  await p.keyboard.press("/");
  assert.equal(await p.evaluate(() => document.activeElement.id), "f-text");
  await searched(p, async () => {
    await p.keyboard.type(`quinn.${stamp}`);
    await p.keyboard.press("Enter");
  });
  // Tab to the user's name button and open it with Enter.
  await until(async () => {
    await p.keyboard.press("Tab");
    return p.evaluate(() => document.activeElement.classList.contains("user-name"));
  }, "focus on the user's name");
  await p.keyboard.press("Enter");
  await panelReady(p);
  assert.ok(await p.evaluate(() => document.getElementById("user-panel").contains(document.activeElement)), "focus moves into the panel");
  await p.keyboard.press("Escape");
  await panel(p).waitFor({ state: "hidden" });
  await until(() => !/user=/.test(p.url()), "the URL to forget the user");
  assert.ok(await p.evaluate(() => document.activeElement.classList.contains("user-name")), "focus returns to the row");
  // Shift+Tab to the row's checkbox, Space selects it.
  await p.keyboard.press("Shift+Tab");
  await p.keyboard.press("Space");
  await p.locator("#bulk").waitFor({ state: "visible" });

  // Every visible control has an accessible name (label, aria-label or text).
  const check = () => unnamedControls(p);
  assert.deepEqual(await check(), [], "unnamed controls on the list");
  await p.locator("#users-body .user-name").first().click();
  await panelReady(p);
  await section(p, "Custom attributes").getByLabel("Nickname").waitFor();
  assert.deepEqual(await check(), [], "unnamed controls in the panel");
  await closePage();
});

// Tenants, roles and permissions, access keys, and the panel's pickers and audit trail.
registerAdminTests({
  test,
  api,
  apiAnswer,
  loadUser,
  createUser,
  newPage,
  closePage,
  gotoList,
  searched,
  panel,
  panelReady,
  section,
  saveSection,
  shot,
  unnamedControls,
  stamp,
  demoUrl: () => demo.url,
  demoOutput: () => demo.output(),
  pageLog: () => page?.log ?? [],
});

test("emulator mode needs no session token: the plain URL, /config.json and the API answer", async () => {
  assert.equal(demo.token, null);
  assert.equal(demo.openUrl, `${demo.url}/`);
  assert.doesNotMatch(demo.output(), /token=/);
  assert.equal((await fetch(`${demo.url}/config.json`)).status, 200);
  assert.equal((await fetch(`${demo.url}/?token=anything`)).status, 200, "a stray ?token= changes nothing");
  assert.equal((await search({ limit: 1 })).users.length, 1);
});

test("the demo server refuses cross-site API calls and unknown files", async () => {
  const post = (headers) =>
    fetch(`${demo.url}/v2/mgmt/user/search`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: "{}" });
  assert.equal((await post({ "x-descope-project-id": projectId, origin: "https://evil.example" })).status, 403);
  assert.equal((await post({})).status, 400, "without the client's project header");
  assert.equal((await post({ "x-descope-project-id": projectId })).status, 200);
  assert.equal((await fetch(`${demo.url}/pkg/../Cargo.toml`)).status, 404);
  assert.equal((await fetch(`${demo.url}/pkg/%2e%2e/Cargo.toml`)).status, 404);
  const busy = await startDemoServer({ PORT: new URL(demo.url).port }).then(
    () => assert.fail("a second server on a busy port started"),
    (err) => err.message,
  );
  assert.match(busy, /already in use/);
});

/** A stub Descope and a demo server in real mode in front of it. */
async function startRealMode() {
  const fakeProjectId = "P2e2eFakeProject000000000000"; // 28 chars: default base URL rule
  assert.equal(fakeProjectId.length, 28);
  const fakeKey = `K2fake-e2e-${randomBytes(12).toString("hex")}`;
  const stub = await startStubDescope({ projectId: fakeProjectId, managementKey: fakeKey });
  cleanups.push(() => stub.stop());
  const real = await startDemoServer({
    PORT: String(await freePort()),
    DESCOPE_PROJECT_ID: fakeProjectId,
    DESCOPE_MANAGEMENT_KEY: fakeKey,
    DESCOPE_BASE_URL: stub.url,
  });
  cleanups.push(() => real.stop());
  return { fakeProjectId, fakeKey, stub, real };
}

/** `fetch` to the real-mode server as another local process would (`cookie`: a raw Cookie header). */
function rawCall(real, path, { method = "POST", cookie, projectId: pid = "P2e2eFakeProject000000000000", body = "{}" } = {}) {
  const headers = { "content-type": "application/json", "x-descope-project-id": pid };
  if (cookie) headers.cookie = cookie;
  return fetch(real.url + path, { method, headers, body: method === "GET" ? undefined : body, redirect: "manual" });
}

/** The session cookie the printed URL sets, as the server sent it. */
async function sessionCookie(real) {
  const res = await fetch(real.openUrl, { redirect: "manual" });
  assert.equal(res.status, 303);
  const setCookie = res.headers.get("set-cookie");
  const [pair] = setCookie.split(";");
  return { res, setCookie, pair, name: pair.split("=")[0] };
}

test("real mode: without the session cookie every API call and /config.json is refused, and nothing is forwarded", async () => {
  const { stub, real } = await startRealMode();
  assert.match(real.token, /^[A-Za-z0-9_-]{43}$/, "256 bits, base64url");
  assert.equal(real.openUrl, `${real.url}/?token=${real.token}`);
  const refused = async (res, what) => {
    assert.equal(res.status, 403, what);
    const body = await res.json();
    assert.equal(body.errorCode, "E_DEMO_FORBIDDEN", what);
    assert.equal(typeof body.errorDescription, "string", what);
  };
  // What `curl` reached before: key-minting and exporting endpoints, and the page's own calls.
  for (const path of ["/v1/mgmt/accesskey/create", "/v1/mgmt/project/export", "/v2/mgmt/user/search", "/v1/mgmt/user/logout"]) {
    await refused(await rawCall(real, path), `${path} without a cookie`);
  }
  await refused(await rawCall(real, "/v1/mgmt/user?userId=x", { method: "GET" }), "GET without a cookie");
  await refused(await rawCall(real, "/config.json", { method: "GET" }), "/config.json without a cookie");

  // Wrong tokens: in the cookie, of the right length, with the token as a query on the API.
  const { name } = await sessionCookie(real);
  const wrong = randomBytes(32).toString("base64url");
  await refused(await rawCall(real, "/v2/mgmt/user/search", { cookie: `${name}=${wrong}` }), "wrong token in the cookie");
  await refused(await rawCall(real, "/v2/mgmt/user/search", { cookie: `${name}=` }), "empty cookie");
  await refused(await rawCall(real, "/v2/mgmt/user/search", { cookie: `other_${name}=${real.token}` }), "token under another name");
  await refused(await rawCall(real, "/config.json", { method: "GET", cookie: `${name}=${real.token.slice(0, -1)}` }), "token minus a char");
  await refused(await rawCall(real, `/v2/mgmt/user/search?token=${real.token}`), "token in an API query");
  const wrongUrl = await fetch(`${real.url}/?token=${wrong}`, { redirect: "manual" });
  await refused(wrongUrl, "the page with a wrong ?token=");
  assert.equal(wrongUrl.headers.get("set-cookie"), null, "no cookie for a wrong token");
  assert.deepEqual(stub.requests, [], "the stub Descope received nothing");

  // A browser at the plain URL: the page says why it cannot connect; the stub still hears nothing.
  const p = await newPage();
  await p.goto(real.url);
  const startup = p.locator("#startup-error .error-box");
  await startup.waitFor();
  assert.match(await startup.textContent(), /HTTP 403.*URL the demo server printed/);
  await closePage();
  assert.deepEqual(stub.requests, [], "the stub Descope received nothing");

  // The token is printed once, in the start-up URL, and in no log line after.
  assert.equal(real.output().split(real.token).length - 1, 1, "the token appears exactly once in the output");
  assert.match(real.output(), new RegExp(`^Open ${real.url.replace(/\./g, "\\.")}/\\?token=${real.token}  \\(Ctrl-C to stop\\)$`, "m"));
  const { code } = await real.stop();
  assert.equal(code, 0);
});

test("real mode: the printed URL sets an HttpOnly SameSite=Strict cookie; the page loads users, and a reload works by the cookie", async () => {
  const { stub, real } = await startRealMode();
  // The raw answer to the printed URL: the cookie, and a redirect that drops the token.
  const { res, setCookie, pair, name } = await sessionCookie(real);
  assert.equal(res.headers.get("location"), "/");
  assert.equal(pair, `${name}=${real.token}`);
  const attributes = setCookie.split(";").slice(1).map((a) => a.trim().toLowerCase());
  for (const want of ["httponly", "samesite=strict", "path=/"]) assert.ok(attributes.includes(want), `Set-Cookie has ${want}: ${setCookie}`);
  assert.equal((await rawCall(real, "/config.json", { method: "GET", cookie: pair })).status, 200);
  assert.equal((await rawCall(real, "/v2/mgmt/user/search", { cookie: pair })).status, 200);
  assert.deepEqual(stub.requests.map((r) => r.path), ["/v2/mgmt/user/search"], "forwarded once the cookie is there");

  const p = await newPage();
  await p.goto(real.openUrl);
  await until(async () => (await rows(p).count()) === 2, "the stub's two users");
  assert.equal(p.url(), `${real.url}/`, "the token is gone from the address bar");
  const cookies = await p.context().cookies(real.url);
  assert.equal(cookies.length, 1);
  assert.equal(cookies[0].value, real.token);
  assert.equal(cookies[0].httpOnly, true);
  assert.equal(cookies[0].sameSite, "Strict");
  assert.equal(await p.evaluate(() => document.cookie), "", "page scripts cannot read the token");

  // Reload, and the plain URL in a new tab: the cookie alone is enough.
  await searched(p, () => p.reload());
  assert.equal(await rows(p).count(), 2);
  const tab = await p.context().newPage();
  await Promise.all([tab.waitForResponse((r) => isSearch(r) && r.status() === 200), tab.goto(`${real.url}/?q=Robin`)]);
  await until(async () => (await rows(tab).count()) >= 1, "the list in a second tab");
  await tab.close();
  await closePage();
  const { code } = await real.stop();
  assert.equal(code, 0);
});

test("with real credentials the key never reaches the browser; the upstream gets the bearer", async () => {
  const { fakeProjectId, fakeKey, stub, real } = await startRealMode();

  const p = await newPage();
  const seen = []; // everything the browser received
  const pending = [];
  p.on("request", (req) => seen.push({ what: `request headers ${req.url()}`, text: JSON.stringify(req.headers()) }));
  p.on("response", (res) =>
    pending.push(
      (async () => {
        seen.push({ what: `headers ${res.url()}`, text: JSON.stringify(await res.allHeaders()) });
        seen.push({ what: `body ${res.url()}`, text: (await res.body().catch(() => Buffer.alloc(0))).toString("latin1") });
      })(),
    ),
  );
  await p.goto(real.openUrl);
  await until(async () => (await rows(p).count()) === 2, "the stub's two users");
  assert.match(await p.locator("#project").textContent(), /P2e2eFakeProject000000000000/);
  assert.match(await p.locator("#project").textContent(), new RegExp(new URL(stub.url).host));
  await shot("09-real-mode-list");
  await openUserFromList(p, "Robin Stub");
  await panel(p).getByLabel("Display name").fill("Robin Renamed");
  await saveSection(p, "Name", "Save name");
  await section(p, "Custom attributes").getByLabel("Nickname").waitFor();
  await shot("10-real-mode-panel");

  // The page sends its own Authorization: it is dropped; an upstream echo is scrubbed.
  const echoed = await p.evaluate(
    (pid) =>
      fetch("/v1/mgmt/user/logout", {
        method: "POST",
        headers: { authorization: "Bearer page:not-the-key", "content-type": "application/json", "x-descope-project-id": pid },
        body: JSON.stringify({ loginId: "robin@stub.example.com" }),
      }).then((r) => r.text()),
    fakeProjectId,
  );
  assert.match(echoed, /\[redacted\]/);
  assert.equal((await fetch(`${real.url}/emulator/health`)).status, 404, "no /emulator in real mode");
  await Promise.all(pending);

  const leaks = seen.filter((s) => s.text.includes(fakeKey)).map((s) => s.what);
  assert.deepEqual(leaks, [], "the key reached the browser");
  assert.ok(seen.some((s) => s.what.startsWith("body") && s.what.endsWith(".wasm")), "the wasm was checked too");
  assert.ok(!real.output().includes(fakeKey), "the key is not in the demo server's output");

  const paths = stub.requests.map((r) => `${r.method} ${r.path}`);
  for (const want of ["POST /v2/mgmt/user/search", "GET /v1/mgmt/user/customattributes", "POST /v1/mgmt/user/update/name", "POST /v1/mgmt/user/logout"]) {
    assert.ok(paths.includes(want), `the stub received ${want}`);
  }
  assert.ok(stub.requests.every((r) => r.authorization === `Bearer ${fakeProjectId}:${fakeKey}`), "every upstream call had the server's bearer");
  await closePage();
  const { code } = await real.stop();
  assert.equal(code, 0);
});

test("Ctrl-C stops the demo server and its emulator", async () => {
  const emulatorUrl = demo.emulatorUrl();
  assert.ok(emulatorUrl, "the start-up line names the emulator");
  assert.equal((await fetch(`${emulatorUrl}/emulator/health`)).status, 200);
  const { code } = await demo.stop("SIGINT");
  assert.equal(code, 0);
  await assert.rejects(fetch(`${emulatorUrl}/emulator/health`), "the emulator is gone");
  await assert.rejects(fetch(`${demo.url}/config.json`), "the server is gone");
});

// ---------------------------------------------------------------- main

async function main() {
  const watchdog = setTimeout(() => {
    console.log("e2e: watchdog fired, stopping everything");
    cleanup().finally(() => {
      console.log("0 passed, 1 failed");
      process.exit(1);
    });
  }, WATCHDOG_MS);
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  let result = { passed: 0, failed: 1 };
  try {
    demo = await startDemoServer({ PORT: String(await freePort()) });
    cleanups.push(() => demo.stop());
    projectId = (await (await fetch(`${demo.url}/config.json`)).json()).projectId;
    browser = await launchBrowser();
    cleanups.push(() => browser.close());
    console.log(`e2e: demo server ${demo.url}, Chromium ${browser.version()}`);
    result = await runner.run();
  } catch (err) {
    console.log(`e2e: setup failed: ${err.stack ?? err}`);
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
  console.log(`${result.passed} passed, ${result.failed} failed`);
  process.exitCode = result.failed ? 1 : 0;
}

async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    await Promise.race([Promise.resolve().then(fn), sleep(10000)]).catch(() => {});
  }
}

// A promise left behind by a failed test (its page closed) must not end the run.
process.on("unhandledRejection", (err) => console.log(`        (late rejection ignored: ${String(err?.message ?? err).split("\n")[0]})`));
process.on("uncaughtException", (err) => {
  console.log(`e2e: crashed: ${err?.stack ?? err}`);
  cleanup().finally(() => {
    console.log("0 passed, 1 failed");
    process.exit(1);
  });
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => cleanup().finally(() => process.exit(130)));
}

main();
