// End-to-end tests of the admin page's other views — tenants, roles and permissions, access
// keys — and of the user panel's pickers and audit trail. Registered by run.mjs (the one
// entry point), which passes its runner and page helpers in. Every change is checked through
// the API and again after a reload.
//
// Access-key cleartexts are the emulator's fake secrets, checked with
// POST /emulator/accesskeys/verify; they are compared with `===` inside assert.ok, never
// passed to an assertion that would print them.
import assert from "node:assert/strict";
import { until } from "./helpers.mjs";

export function registerAdminTests(ctx) {
  const { test, api, apiAnswer, loadUser, createUser, newPage, closePage, gotoList, panel, panelReady, section, saveSection, shot, unnamedControls, stamp } = ctx;

  // ---------------------------------------------------------------- API helpers

  const allTenants = async () => (await api("GET", "/v1/mgmt/tenant/all")).tenants;
  const loadTenant = (id) => api("GET", `/v1/mgmt/tenant?id=${encodeURIComponent(id)}`);
  const tenantSettings = (id) => api("GET", `/v1/mgmt/tenant/settings?id=${encodeURIComponent(id)}`);
  const createTenant = (id, name, extra = {}) => api("POST", "/v1/mgmt/tenant/create", { id, name, ...extra });
  const allRoles = async () => (await api("GET", "/v1/mgmt/role/all")).roles;
  const allPermissions = async () => (await api("GET", "/v1/mgmt/permission/all")).permissions;
  const allKeys = async () => (await api("POST", "/v1/mgmt/accesskey/search", {})).keys;
  const createKey = (name, extra = {}) => api("POST", "/v1/mgmt/accesskey/create", { name, expireTime: 0, ...extra });
  /** `{ valid, status }` of a cleartext, by the emulator (which keeps only its hash). */
  const verifyKey = (cleartext) => api("POST", "/emulator/accesskeys/verify", { cleartext });
  const userAudit = async (userId) => (await api("POST", "/v1/mgmt/audit/search", { userIds: [userId] })).audits;
  const userGone = async (userId) => {
    const { status, body } = await apiAnswer("GET", `/v1/mgmt/user?userId=${encodeURIComponent(userId)}`);
    return status === 400 && body.errorCode === "E112102";
  };

  // ---------------------------------------------------------------- page helpers

  const view = (p, name) => p.locator(`#view-${name}`);

  /** Waits for the view to finish loading; fails at once, with the page's words, if it could not start. */
  async function viewReady(p, name) {
    const startupError = p.locator("#startup-error .error-box");
    const ready = p.locator(`#view-${name}[aria-busy="false"]`).waitFor();
    const failed = startupError.waitFor().then(async () => {
      throw new Error(`the page could not start: ${await startupError.textContent()}`);
    });
    // The loser of the race rejects later (when the page closes): that is expected.
    ready.catch(() => {});
    failed.catch(() => {});
    await Promise.race([ready, failed]);
  }

  async function gotoView(p, name, query = "") {
    await p.goto(`${ctx.demoUrl()}/?view=${name}${query}`);
    await viewReady(p, name);
  }

  async function reloadView(p, name) {
    await p.reload();
    await viewReady(p, name);
  }

  /** The open dialog (modal or drawer) whose title is `title`. */
  const dialog = (p, title) => p.locator("dialog[open]").filter({ has: p.getByRole("heading", { name: title, exact: true }) });
  const tenantRow = (p, id) => view(p, "tenants").locator(`tr[data-tenant-id="${id}"]`);
  const keyRow = (p, id) => view(p, "keys").locator(`tr[data-key-id="${id}"]`);
  const drawerSection = (d, heading) => d.locator("section.panel-section", { has: d.page().getByRole("heading", { name: heading, exact: true }) });

  async function saved(sectionLocator) {
    await until(async () => (await sectionLocator.locator(".saved").first().textContent()).includes("✓"), "the section to save");
  }

  async function openTenant(p, name) {
    await view(p, "tenants").getByRole("button", { name, exact: true }).click();
    const d = dialog(p, name);
    await drawerSection(d, "Session settings").getByLabel("Session token expiration", { exact: true }).waitFor();
    return d;
  }

  // ---------------------------------------------------------------- navigation

  test("sections: Users, Tenants, Roles & permissions and Access keys; the view is in the URL, kept on reload, and Back returns", async () => {
    const p = await newPage();
    await gotoList(p, `?q=${encodeURIComponent("example.com")}&page=2`);
    const nav = p.getByRole("navigation", { name: "Sections" });
    assert.equal(await nav.getByRole("link", { name: "Users" }).getAttribute("aria-current"), "page");
    for (const [link, name, heading] of [
      ["Tenants", "tenants", "Tenants"],
      ["Roles & permissions", "roles", "Roles & permissions"],
      ["Access keys", "keys", "Access keys"],
    ]) {
      await nav.getByRole("link", { name: link }).click();
      await viewReady(p, name);
      assert.ok(await p.getByRole("heading", { level: 1, name: heading }).isVisible());
      assert.ok(await p.locator("#view-users").isHidden(), "one view at a time");
      assert.match(p.url(), new RegExp(`\\?view=${name}$`));
      assert.equal(await p.title(), `${heading} · Descope admin`);
      assert.equal(await nav.getByRole("link", { name: link }).getAttribute("aria-current"), "page");
      assert.equal(await p.evaluate(() => document.activeElement?.textContent), heading, "focus on the view's heading");
      await reloadView(p, name);
      assert.ok(await p.getByRole("heading", { level: 1, name: heading }).isVisible(), `${heading} after a reload`);
      assert.deepEqual(await unnamedControls(p), [], `unnamed controls on ${heading}`);
      await shot(`20-view-${name}`);
    }
    // The Users link leads back to the list as it was left.
    await Promise.all([p.waitForResponse((r) => r.url().endsWith("/v2/mgmt/user/search")), nav.getByRole("link", { name: "Users" }).click()]);
    await p.locator("#users-body tr[data-user-id]").first().waitFor();
    assert.match(p.url(), /[?&]q=example\.com/);
    assert.match(p.url(), /[?&]page=2/);
    assert.equal(await p.getByLabel("Search", { exact: true }).inputValue(), "example.com");
    // Back walks the views in reverse.
    await p.goBack();
    await viewReady(p, "keys");
    assert.ok(await p.getByRole("heading", { level: 1, name: "Access keys" }).isVisible());
    await p.goBack();
    await viewReady(p, "roles");
    assert.ok(await p.getByRole("heading", { level: 1, name: "Roles & permissions" }).isVisible());
    await closePage();
  });

  // ---------------------------------------------------------------- tenants

  test("tenants: the list agrees with tenant.loadAll (markup in a name shown as text); search filters it, is kept in the URL and after reload", async () => {
    const markup = `<img src=x onerror="window.__xss=1">${stamp}`;
    await createTenant(`t-markup-${stamp}`, markup);
    const p = await newPage();
    await gotoView(p, "tenants");
    const tenants = await allTenants();
    const rows = view(p, "tenants").locator("tbody tr[data-tenant-id]");
    assert.equal(await rows.count(), tenants.length);
    for (const t of tenants) assert.equal(await tenantRow(p, t.id).locator(".tenant-name").textContent(), t.name);
    assert.match(await view(p, "tenants").getByRole("status").first().textContent(), new RegExp(`${tenants.length} tenants`));
    assert.equal(await tenantRow(p, `t-markup-${stamp}`).locator(".tenant-name").textContent(), markup);
    assert.equal(await view(p, "tenants").locator("img").count(), 0, "no markup was parsed");
    assert.equal(await p.evaluate(() => window.__xss), undefined);

    await view(p, "tenants").getByRole("searchbox", { name: "Search tenants" }).fill("glob");
    await until(async () => (await rows.count()) === 1, "one tenant left");
    assert.equal(await rows.first().getAttribute("data-tenant-id"), "t-globex");
    assert.match(p.url(), /[?&]q=glob/);
    await reloadView(p, "tenants");
    assert.equal(await view(p, "tenants").getByRole("searchbox", { name: "Search tenants" }).inputValue(), "glob");
    assert.equal(await rows.count(), 1);
    // By ID too.
    await view(p, "tenants").getByRole("searchbox", { name: "Search tenants" }).fill("t-initech");
    await until(async () => (await rows.count()) === 1 && (await rows.first().getAttribute("data-tenant-id")) === "t-initech", "search by ID");
    await closePage();
  });

  test("tenants: create (chosen ID, domains, enforce SSO, parent) and with a generated ID; a duplicate name is refused in place; kept after reload", async () => {
    const p = await newPage();
    await gotoView(p, "tenants");
    const id = `t-e2e-${stamp}`;
    const name = `E2E Tenant ${stamp}`;
    const domains = [`e2e-${stamp}.example.com`, `e2e-${stamp}.example.org`];
    await view(p, "tenants").getByRole("button", { name: "New tenant", exact: true }).click();
    const d = dialog(p, "New tenant");
    await d.getByLabel("Name", { exact: true }).fill(name);
    await d.getByLabel("Tenant ID (optional)").fill(id);
    await d.getByLabel("Self-provisioning domains").fill(domains.join(", "));
    await d.getByLabel("Parent tenant").selectOption({ label: "Acme" });
    await d.getByLabel("Enforce SSO (members sign in with SSO only)").check();
    await shot("21-tenant-create");
    await d.getByRole("button", { name: "Create tenant", exact: true }).click();
    await tenantRow(p, id).waitFor();
    assert.equal(await d.count(), 0, "the dialog closed");
    assert.equal(await p.evaluate(() => document.activeElement?.closest("tr")?.dataset.tenantId), id, "focus on the new row");

    const stored = await loadTenant(id);
    assert.equal(stored.name, name);
    assert.deepEqual(stored.selfProvisioningDomains, domains);
    assert.equal(stored.enforceSSO, true);
    assert.equal(stored.disabled, false);
    assert.equal(stored.parent, "t-acme");
    assert.ok((await loadTenant("t-acme")).successors.includes(id), "Acme lists its sub-tenant");

    // A generated ID.
    const generatedName = `Generated ${stamp}`;
    await view(p, "tenants").getByRole("button", { name: "New tenant", exact: true }).click();
    await dialog(p, "New tenant").getByLabel("Name", { exact: true }).fill(generatedName);
    await dialog(p, "New tenant").getByRole("button", { name: "Create tenant", exact: true }).click();
    await view(p, "tenants").getByRole("button", { name: generatedName, exact: true }).waitFor();
    const generated = (await allTenants()).find((t) => t.name === generatedName);
    assert.ok(generated?.id, "the tenant got an ID");

    // The same name again: Descope's error, in the dialog, which stays open.
    await view(p, "tenants").getByRole("button", { name: "New tenant", exact: true }).click();
    await dialog(p, "New tenant").getByLabel("Name", { exact: true }).fill(name);
    await dialog(p, "New tenant").getByRole("button", { name: "Create tenant", exact: true }).click();
    const alert = dialog(p, "New tenant").getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /E011003/);
    assert.match(await alert.textContent(), /already exists/);
    await p.keyboard.press("Escape");
    assert.equal((await allTenants()).filter((t) => t.name === name).length, 1);

    await reloadView(p, "tenants");
    const row = tenantRow(p, id);
    assert.equal(await row.locator(".tenant-name").textContent(), name);
    assert.deepEqual(await row.locator("td").nth(2).locator("li").allTextContents(), domains);
    assert.match(await row.textContent(), /SSO enforced/);
    assert.equal(await row.locator("td").nth(4).textContent(), "Acme");
    assert.ok(await tenantRow(p, generated.id).isVisible());
    await closePage();
  });

  test("tenants: edit name, domains, enforce SSO, disabled, session settings and default roles; the API, a member's tenant name and a reload agree", async () => {
    const id = `t-edit-${stamp}`;
    await createTenant(id, `Edit Me ${stamp}`, { selfProvisioningDomains: [`old-${stamp}.example.com`] });
    const member = await createUser(`tenant.member.${stamp}@e2e.example.com`, { userTenants: [{ tenantId: id }] });
    const p = await newPage();
    await gotoView(p, "tenants");
    let d = await openTenant(p, `Edit Me ${stamp}`);
    assert.equal(await p.evaluate(() => document.activeElement?.tagName), "H2", "focus on the drawer's title");

    const newName = `Edited ${stamp}`;
    const newDomains = [`new-${stamp}.example.com`, `more-${stamp}.example.com`];
    const general = drawerSection(d, "Tenant");
    await general.getByLabel("Name", { exact: true }).fill(newName);
    await general.getByLabel("Self-provisioning domains").fill(newDomains.join(", "));
    await general.getByLabel("Enforce SSO (members sign in with SSO only)").check();
    await general.getByLabel("Disabled (members cannot sign in to it)").check();
    // An unsaved edit in another section survives the save of this one.
    await drawerSection(d, "Session settings").getByLabel("Session token expiration", { exact: true }).fill("1");
    await general.getByRole("button", { name: "Save tenant", exact: true }).click();
    d = dialog(p, newName); // the drawer's title follows the new name
    await saved(drawerSection(d, "Tenant"));
    assert.equal(await drawerSection(d, "Session settings").getByLabel("Session token expiration", { exact: true }).inputValue(), "1");
    assert.match(await drawerSection(d, "Delete tenant").getByRole("button").textContent(), /Delete tenant/);
    assert.equal(await drawerSection(d, "Tenant roles").getByRole("button").textContent(), `Manage the roles of ${newName}`);
    await until(async () => (await tenantRow(p, id).locator(".tenant-name").textContent()) === newName, "the row to show the new name");

    // Session settings: a bad value first (Descope's rule: at least 3 minutes).
    const session = drawerSection(d, "Session settings");
    await session.getByRole("switch", { name: "Custom session settings for this tenant" }).check();
    await session.getByLabel("Session token expiration", { exact: true }).fill("1");
    await session.getByLabel("Session token expiration: unit").selectOption("minutes");
    await session.getByRole("button", { name: "Save session settings", exact: true }).click();
    const alert = session.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /E011003/);
    assert.match(await alert.textContent(), /at least 3 minutes/);
    assert.equal((await tenantSettings(id)).enabled, false, "nothing was saved");

    await session.getByLabel("Session token expiration", { exact: true }).fill("30");
    await session.getByLabel("Refresh token expiration", { exact: true }).fill("2");
    await session.getByLabel("Refresh token expiration: unit").selectOption("weeks");
    await session.getByLabel("Sign members out after a time of inactivity").check();
    await session.getByLabel("Inactivity time", { exact: true }).fill("45");
    await session.getByLabel("Disable just-in-time provisioning of SSO users").check();
    await session.getByRole("button", { name: "Save session settings", exact: true }).click();
    await saved(session);

    const defaults = drawerSection(d, "Default roles");
    await defaults.getByLabel("viewer", { exact: true }).check();
    await defaults.getByRole("button", { name: "Save default roles", exact: true }).click();
    d = dialog(p, newName);
    await drawerSection(d, "Default roles").getByLabel("viewer", { exact: true }).waitFor();
    await shot("22-tenant-drawer");

    // Through the API: every field, and the session save kept what the tenant form set.
    const stored = await loadTenant(id);
    assert.equal(stored.name, newName);
    assert.deepEqual(stored.selfProvisioningDomains, newDomains);
    assert.equal(stored.enforceSSO, true);
    assert.equal(stored.disabled, true);
    assert.deepEqual(stored.defaultRoles, ["viewer"]);
    const settings = await tenantSettings(id);
    assert.equal(settings.enabled, true);
    assert.deepEqual([settings.sessionTokenExpiration, settings.sessionTokenExpirationUnit], [30, "minutes"]);
    assert.deepEqual([settings.refreshTokenExpiration, settings.refreshTokenExpirationUnit], [2, "weeks"]);
    assert.equal(settings.enableInactivity, true);
    assert.deepEqual([settings.inactivityTime, settings.inactivityTimeUnit], [45, "minutes"]);
    assert.equal(settings.JITDisabled, true);
    assert.deepEqual(settings.selfProvisioningDomains, newDomains);
    assert.equal(settings.enforceSSO, true);
    // The rename shows on the member (names are joined when read).
    assert.equal((await loadUser(member.userId)).userTenants[0].tenantName, newName);

    // After a reload: the open drawer is in the URL and comes back, with the saved fields.
    assert.match(p.url(), new RegExp(`[?&]tenant=${id}`));
    await reloadView(p, "tenants");
    const row = tenantRow(p, id);
    assert.equal(await row.locator(".tenant-name").textContent(), newName);
    assert.match(await row.textContent(), /SSO enforced/);
    assert.match(await row.textContent(), /Disabled/);
    d = dialog(p, newName);
    await drawerSection(d, "Session settings").getByLabel("Session token expiration", { exact: true }).waitFor();
    assert.equal(await drawerSection(d, "Tenant").getByLabel("Self-provisioning domains").inputValue(), newDomains.join(", "));
    assert.ok(await drawerSection(d, "Tenant").getByLabel("Disabled (members cannot sign in to it)").isChecked());
    const s2 = drawerSection(d, "Session settings");
    assert.ok(await s2.getByRole("switch", { name: "Custom session settings for this tenant" }).isChecked());
    assert.equal(await s2.getByLabel("Session token expiration", { exact: true }).inputValue(), "30");
    assert.equal(await s2.getByLabel("Refresh token expiration: unit").inputValue(), "weeks");
    assert.equal(await s2.getByLabel("Inactivity time", { exact: true }).inputValue(), "45");
    assert.ok(await drawerSection(d, "Default roles").getByLabel("viewer", { exact: true }).isChecked());
    // The users list shows the new name too.
    await p.keyboard.press("Escape");
    await until(() => !/tenant=/.test(p.url()), "the URL to forget the closed drawer");
    assert.equal(await p.evaluate(() => document.activeElement?.closest("tr")?.dataset.tenantId), id, "focus back on the tenant's row");
    // The drawer leads to the tenant's roles.
    d = await openTenant(p, newName);
    await drawerSection(d, "Tenant roles").getByRole("button", { name: `Manage the roles of ${newName}`, exact: true }).click();
    await viewReady(p, "roles");
    assert.match(p.url(), new RegExp(`\\?view=roles&scope=${id}$`));
    assert.equal(await view(p, "roles").getByLabel("Scope").inputValue(), id);
    await gotoList(p, `?q=${encodeURIComponent(`tenant.member.${stamp}`)}`);
    assert.match(await p.locator("#users-body tr").first().locator("td").nth(4).textContent(), new RegExp(newName));
    await closePage();
  });

  test("tenants: delete asks to confirm (type the name, cascade or not); without cascade members stay, with it users and keys left with no tenant go", async () => {
    const keepId = `t-keep-${stamp}`;
    const cascadeId = `t-cascade-${stamp}`;
    await createTenant(keepId, `Keep ${stamp}`);
    await createTenant(cascadeId, `Cascade ${stamp}`);
    const onlyKeep = await createUser(`only.keep.${stamp}@e2e.example.com`, { userTenants: [{ tenantId: keepId }] });
    const onlyCascade = await createUser(`only.cascade.${stamp}@e2e.example.com`, { userTenants: [{ tenantId: cascadeId }] });
    const twoTenants = await createUser(`two.tenants.${stamp}@e2e.example.com`, { userTenants: [{ tenantId: cascadeId }, { tenantId: "t-globex" }] });
    const keyAlone = (await createKey(`alone-${stamp}`, { keyTenants: [{ tenantId: cascadeId, roleNames: [] }] })).key;
    const keyShared = (await createKey(`shared-${stamp}`, { keyTenants: [{ tenantId: cascadeId }, { tenantId: "t-globex" }] })).key;

    const p = await newPage();
    await gotoView(p, "tenants");
    let d = await openTenant(p, `Keep ${stamp}`);
    await drawerSection(d, "Delete tenant").getByRole("button", { name: "Delete tenant…", exact: true }).click();
    let confirm = dialog(p, `Delete Keep ${stamp}?`);
    await until(async () => /1 user is and 0 access keys are in this tenant/.test(await confirm.textContent()), "the member count");
    const go = confirm.getByRole("button", { name: "Delete tenant", exact: true });
    assert.ok(await go.isDisabled(), "disabled until the name is typed");
    assert.ok(await confirm.getByLabel("Keep them: they only lose their membership of this tenant").isChecked(), "keeping members is the default");
    // Cancel changes nothing.
    await confirm.getByRole("button", { name: "Cancel", exact: true }).click();
    assert.equal((await loadTenant(keepId)).id, keepId);
    await drawerSection(d, "Delete tenant").getByRole("button", { name: "Delete tenant…", exact: true }).click();
    confirm = dialog(p, `Delete Keep ${stamp}?`);
    await confirm.getByLabel(/to confirm/).fill(`Keep ${stamp}`.slice(0, -1));
    assert.ok(await go.isDisabled(), "still disabled for a wrong name");
    await confirm.getByLabel(/to confirm/).fill(`Keep ${stamp}`);
    await shot("23-tenant-delete-confirm");
    await go.click();
    await tenantRow(p, keepId).waitFor({ state: "detached" });
    assert.equal(await p.locator("dialog[open]").count(), 0, "both dialogs closed");
    assert.equal((await apiAnswer("GET", `/v1/mgmt/tenant?id=${keepId}`)).status, 400, "the tenant is gone");
    const kept = await loadUser(onlyKeep.userId);
    assert.deepEqual(kept.userTenants, [], "the member stays, without the tenant");

    d = await openTenant(p, `Cascade ${stamp}`);
    await drawerSection(d, "Delete tenant").getByRole("button", { name: "Delete tenant…", exact: true }).click();
    confirm = dialog(p, `Delete Cascade ${stamp}?`);
    await until(async () => /2 users are and 2 access keys are in this tenant/.test(await confirm.textContent()), "the member count");
    await confirm.getByLabel("Cascade: also delete the users and access keys left with no tenant").check();
    await confirm.getByLabel(/to confirm/).fill(`Cascade ${stamp}`);
    await confirm.getByRole("button", { name: "Delete tenant", exact: true }).click();
    await tenantRow(p, cascadeId).waitFor({ state: "detached" });
    assert.ok(await userGone(onlyCascade.userId), "the user whose only tenant it was is deleted");
    assert.deepEqual((await loadUser(twoTenants.userId)).userTenants.map((t) => t.tenantId), ["t-globex"]);
    const keys = await allKeys();
    assert.ok(!keys.some((k) => k.id === keyAlone.id), "the key whose only tenant it was is deleted");
    assert.deepEqual(keys.find((k) => k.id === keyShared.id).keyTenants.map((t) => t.tenantId), ["t-globex"]);

    await reloadView(p, "tenants");
    assert.equal(await tenantRow(p, keepId).count(), 0);
    assert.equal(await tenantRow(p, cascadeId).count(), 0);
    await closePage();
  });

  // ---------------------------------------------------------------- roles and permissions

  test("roles: create a project role and a tenant-scoped role, edit (a rename keeps users' assignments), filter by scope, delete; API and reload agree", async () => {
    const p = await newPage();
    await gotoView(p, "roles");
    const roles = view(p, "roles");
    const projectRole = `e2e-role-${stamp}`;
    const tenantRole = `e2e-tenant-role-${stamp}`;

    await roles.getByRole("button", { name: "New role", exact: true }).click();
    let d = dialog(p, "New role");
    await d.getByLabel("Name", { exact: true }).fill(projectRole);
    await d.getByLabel("Description", { exact: true }).fill("Made by the e2e test");
    await d.getByLabel("users.read", { exact: true }).check();
    await d.getByLabel("users.write", { exact: true }).check();
    await d.getByLabel("Default role (given to new users created without a role)").check();
    await d.getByRole("button", { name: "Create role", exact: true }).click();
    await roles.getByRole("button", { name: `Edit role ${projectRole}`, exact: true }).waitFor();

    await roles.getByRole("button", { name: "New role", exact: true }).click();
    d = dialog(p, "New role");
    await d.getByLabel("Name", { exact: true }).fill(tenantRole);
    await d.getByLabel("Scope").selectOption({ label: "Acme" });
    await d.getByLabel("billing.read", { exact: true }).check();
    await d.getByRole("button", { name: "Create role", exact: true }).click();
    await roles.getByRole("button", { name: `Edit role ${tenantRole} (Acme)`, exact: true }).waitFor();
    await shot("24-roles");

    let stored = await allRoles();
    const made = stored.find((r) => r.name === projectRole && !r.tenantId);
    assert.deepEqual([made.description, made.permissionNames, made.default], ["Made by the e2e test", ["users.read", "users.write"], true]);
    const scoped = stored.find((r) => r.name === tenantRole);
    assert.equal(scoped.tenantId, "t-acme");
    assert.deepEqual(scoped.permissionNames, ["billing.read"]);

    // A user holds the project role; the rename must not take it away.
    const holder = await createUser(`role.holder.${stamp}@e2e.example.com`, { roleNames: [projectRole] });
    const renamed = `e2e-renamed-${stamp}`;
    await roles.getByRole("button", { name: `Edit role ${projectRole}`, exact: true }).click();
    d = dialog(p, `Edit role ${projectRole}`);
    assert.ok(await d.getByLabel("Scope").isDisabled(), "the scope cannot change");
    await d.getByLabel("Name", { exact: true }).fill(renamed);
    await d.getByLabel("Description", { exact: true }).fill("Renamed by the e2e test");
    await d.getByLabel("users.write", { exact: true }).uncheck();
    await d.getByRole("button", { name: "Save role", exact: true }).click();
    await roles.getByRole("button", { name: `Edit role ${renamed}`, exact: true }).waitFor();
    stored = await allRoles();
    const after = stored.find((r) => r.name === renamed);
    assert.deepEqual([after.id, after.description, after.permissionNames, after.default], [made.id, "Renamed by the e2e test", ["users.read"], true]);
    assert.ok(!stored.some((r) => r.name === projectRole), "the old name is gone");
    assert.deepEqual((await loadUser(holder.userId)).roleNames, [renamed], "the user keeps the role, renamed");

    // A duplicate in the same scope: Descope's error in the dialog.
    await roles.getByRole("button", { name: "New role", exact: true }).click();
    d = dialog(p, "New role");
    await d.getByLabel("Name", { exact: true }).fill("admin");
    await d.getByRole("button", { name: "Create role", exact: true }).click();
    await d.getByRole("alert").waitFor();
    assert.match(await d.getByRole("alert").textContent(), /E011003/);
    await p.keyboard.press("Escape");

    // Scope filter, kept in the URL and after a reload.
    await roles.getByLabel("Scope").selectOption({ label: "Roles of Acme" });
    const names = () => roles.locator("tr[data-role-name]").evaluateAll((trs) => trs.map((tr) => [tr.dataset.roleName, tr.dataset.tenantId]));
    assert.deepEqual(await names(), stored.filter((r) => r.tenantId === "t-acme").map((r) => [r.name, "t-acme"]));
    assert.ok((await names()).some(([n]) => n === tenantRole));
    assert.match(p.url(), /[?&]scope=t-acme/);
    const filtered = await names();
    await reloadView(p, "roles");
    assert.equal(await roles.getByLabel("Scope").inputValue(), "t-acme");
    assert.deepEqual(await names(), filtered, "the same rows after a reload");
    await roles.getByLabel("Scope").selectOption({ label: "Project roles" });
    assert.ok((await names()).every(([, t]) => t === ""));

    // Edit the tenant role: it stays Acme's.
    await roles.getByLabel("Scope").selectOption({ label: "All roles" });
    await roles.getByRole("button", { name: `Edit role ${tenantRole} (Acme)`, exact: true }).click();
    d = dialog(p, `Edit role ${tenantRole}`);
    assert.equal(await d.getByLabel("Scope").inputValue(), "t-acme");
    await d.getByLabel("Description", { exact: true }).fill("Acme's own");
    await d.getByLabel("billing.write", { exact: true }).check();
    await d.getByRole("button", { name: "Save role", exact: true }).click();
    await until(async () => (await roles.locator(`tr[data-role-name="${tenantRole}"]`).textContent()).includes("Acme's own"), "the edited tenant role");
    const edited = (await allRoles()).find((r) => r.name === tenantRole);
    assert.deepEqual([edited.id, edited.tenantId, edited.description, edited.permissionNames], [scoped.id, "t-acme", "Acme's own", ["billing.read", "billing.write"]]);

    // Delete the tenant role.
    await roles.getByRole("button", { name: `Delete role ${tenantRole} (Acme)`, exact: true }).click();
    const confirm = dialog(p, `Delete role ${tenantRole}?`);
    assert.match(await confirm.textContent(), /Users and access keys that have it lose it/);
    await confirm.getByRole("button", { name: "Delete role", exact: true }).click();
    await roles.getByRole("button", { name: `Edit role ${tenantRole} (Acme)`, exact: true }).waitFor({ state: "detached" });
    assert.ok(!(await allRoles()).some((r) => r.name === tenantRole), "deleted in the API");

    await reloadView(p, "roles");
    assert.ok(await roles.getByRole("button", { name: `Edit role ${renamed}`, exact: true }).isVisible());
    assert.equal(await roles.getByRole("button", { name: `Edit role ${tenantRole} (Acme)`, exact: true }).count(), 0);
    await closePage();
  });

  test("permissions: create, rename (roles follow) and delete (roles lose it); system permissions are fixed; API and reload agree", async () => {
    const p = await newPage();
    await gotoView(p, "roles");
    const roles = view(p, "roles");
    const perm = `e2e.perm.${stamp}`;
    await roles.getByRole("button", { name: "New permission", exact: true }).click();
    let d = dialog(p, "New permission");
    await d.getByLabel("Name", { exact: true }).fill(perm);
    await d.getByLabel("Description", { exact: true }).fill("Made by the e2e test");
    await d.getByRole("button", { name: "Create permission", exact: true }).click();
    await roles.getByRole("button", { name: `Edit permission ${perm}`, exact: true }).waitFor();
    assert.equal((await allPermissions()).find((x) => x.name === perm)?.description, "Made by the e2e test");

    // A role that uses it (made through the API); the page shows it after a reload.
    const holder = `perm-holder-${stamp}`;
    await api("POST", "/v1/mgmt/role/create", { name: holder, permissionNames: [perm] });
    await reloadView(p, "roles");
    const holderRow = roles.locator(`tr[data-role-name="${holder}"]`);
    assert.match(await holderRow.textContent(), new RegExp(perm.replace(/\./g, "\\.")));

    const renamed = `e2e.perm.renamed.${stamp}`;
    await roles.getByRole("button", { name: `Edit permission ${perm}`, exact: true }).click();
    d = dialog(p, `Edit permission ${perm}`);
    await d.getByLabel("Name", { exact: true }).fill(renamed);
    await d.getByRole("button", { name: "Save permission", exact: true }).click();
    await roles.getByRole("button", { name: `Edit permission ${renamed}`, exact: true }).waitFor();
    await until(async () => (await holderRow.textContent()).includes(renamed), "the role to show the new name");
    assert.deepEqual((await allRoles()).find((r) => r.name === holder).permissionNames, [renamed]);
    // Update replaces the description: the dialog sent back the one it showed.
    assert.equal((await allPermissions()).find((x) => x.name === renamed)?.description, "Made by the e2e test");

    // System permissions: no edit, no delete.
    assert.equal(await roles.getByRole("button", { name: "Edit permission Impersonate", exact: true }).count(), 0);
    assert.equal(await roles.getByRole("button", { name: "Delete permission Impersonate", exact: true }).count(), 0);
    assert.match(await roles.locator('tr[data-permission-name="Impersonate"]').textContent(), /System/);

    await roles.getByRole("button", { name: `Delete permission ${renamed}`, exact: true }).click();
    const confirm = dialog(p, `Delete permission ${renamed}?`);
    assert.match(await confirm.textContent(), new RegExp(`1 role loses it: ${holder}`));
    await confirm.getByRole("button", { name: "Delete permission", exact: true }).click();
    await roles.getByRole("button", { name: `Edit permission ${renamed}`, exact: true }).waitFor({ state: "detached" });
    assert.ok(!(await allPermissions()).some((x) => x.name === renamed));
    assert.deepEqual((await allRoles()).find((r) => r.name === holder).permissionNames, []);

    await reloadView(p, "roles");
    assert.equal(await roles.getByRole("button", { name: `Edit permission ${renamed}`, exact: true }).count(), 0);
    assert.doesNotMatch(await holderRow.textContent(), new RegExp(renamed.replace(/\./g, "\\.")));
    await closePage();
  });

  // ---------------------------------------------------------------- access keys

  /** What the page holds once the dialog is closed: URL, storage, markup and input values. */
  const pageState = (p) =>
    p.evaluate(() => ({
      href: location.href,
      storage: JSON.stringify([{ ...localStorage }, { ...sessionStorage }]),
      html: document.documentElement.outerHTML,
      values: [...document.querySelectorAll("input, textarea")].map((el) => el.value).join("\n"),
      title: document.title,
    }));

  async function assertNoSecret(p, secret, when) {
    const state = await pageState(p);
    for (const [where, text] of Object.entries(state)) assert.ok(!text.includes(secret), `the cleartext is in the page's ${where} ${when}`);
    assert.ok(!ctx.pageLog().some((line) => line.includes(secret)), `the cleartext was logged to the console ${when}`);
    assert.ok(!ctx.demoOutput().includes(secret), `the cleartext is in the demo server's output ${when}`);
  }

  /** Reads the cleartext the dialog shows, copies it with the button, checks both agree. */
  async function takeCleartext(p, title) {
    const d = dialog(p, title);
    const output = d.getByLabel("Access key (cleartext)");
    await output.waitFor();
    assert.equal(await output.getAttribute("readonly"), "", "read-only");
    assert.equal(await output.getAttribute("value"), null, "the value is a property, not in the markup");
    assert.match(await d.textContent(), /only time the key is shown/);
    const secret = await output.inputValue();
    assert.ok(secret.length > 20, "a cleartext is shown");
    await d.getByRole("button", { name: "Copy", exact: true }).click();
    await until(async () => (await d.getByRole("status").textContent()).includes("Copied"), "the copy to be confirmed");
    const copied = await p.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied === secret, "the clipboard holds the cleartext shown");
    return { d, secret };
  }

  test("access keys: create with roles, a tenant and an expiry; the cleartext is shown once with a copy button, works, and is gone from the page, URL and storage after the dialog closes", async () => {
    const p = await newPage();
    await p.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: ctx.demoUrl() });
    await gotoView(p, "keys");
    const keys = view(p, "keys");
    const listed = await allKeys();
    assert.equal(await keys.locator("tbody tr[data-key-id]").count(), listed.length, "the list agrees with accessKey.searchAll");

    const name = `e2e-key-${stamp}`;
    await keys.getByRole("button", { name: "New access key", exact: true }).click();
    const form = dialog(p, "New access key");
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Description", { exact: true }).fill("Made by the e2e test");
    await form.getByLabel("Expires").selectOption("90");
    await form.getByLabel("viewer", { exact: true }).first().check(); // the project roles come first
    await form.getByLabel("Acme", { exact: true }).check();
    await form.getByRole("group", { name: "Roles in Acme" }).getByLabel("admin", { exact: true }).check();
    await form.getByLabel("Permitted IPs").fill("203.0.113.0/24, 198.51.100.7");
    await shot("25-access-key-create");
    const before = Math.floor(Date.now() / 1000);
    await form.getByRole("button", { name: "Create access key", exact: true }).click();

    const { d, secret } = await takeCleartext(p, `Access key ${name} created`);
    await shot("26-access-key-cleartext");
    const stored = (await allKeys()).find((k) => k.name === name);
    assert.ok(stored, "created");
    assert.equal((await verifyKey(secret)).valid, true, "the cleartext shown is the key's secret");
    assert.equal((await verifyKey(secret)).keyId, stored.id);
    assert.deepEqual(stored.roleNames, ["viewer"]);
    assert.deepEqual(stored.keyTenants.map((t) => [t.tenantId, t.roleNames]), [["t-acme", ["admin"]]]);
    assert.deepEqual(stored.permittedIps, ["203.0.113.0/24", "198.51.100.7"]);
    assert.equal(stored.description, "Made by the e2e test");
    assert.ok(Math.abs(stored.expireTime - (before + 90 * 86400)) < 120, "expires in 90 days");
    assert.equal(stored.status, "active");
    // Even while shown, it is nowhere but in the dialog's input.
    const open = await pageState(p);
    assert.ok(!open.href.includes(secret) && !open.storage.includes(secret) && !open.html.includes(secret), "only in the input");

    await d.getByRole("button", { name: "Done", exact: true }).click();
    await d.waitFor({ state: "detached" });
    assert.equal(await p.locator("dialog, input.secret").count(), 1, "only the user panel's <dialog> is left in the document");
    await assertNoSecret(p, secret, "after the dialog closed");
    const row = keyRow(p, stored.id);
    assert.match(await row.textContent(), /Active/);
    assert.match(await row.textContent(), /Acme: admin/);

    // After a reload: listed, never the cleartext.
    await reloadView(p, "keys");
    assert.match(await keyRow(p, stored.id).textContent(), new RegExp(name));
    await assertNoSecret(p, secret, "after a reload");
    const log = JSON.stringify(await api("GET", "/emulator/requests"));
    assert.ok(!log.includes(secret), "the cleartext is not in the emulator's request log");

    // A bad create is explained in the form (an unknown bound user).
    await keys.getByRole("button", { name: "New access key", exact: true }).click();
    const bad = dialog(p, "New access key");
    await bad.getByLabel("Name", { exact: true }).fill(`e2e-bad-${stamp}`);
    await bad.getByLabel("Bound to user (user ID, optional)").fill("U2nobodyNobodyNobodyNobody00");
    await bad.getByRole("button", { name: "Create access key", exact: true }).click();
    await bad.getByRole("alert").waitFor();
    assert.match(await bad.getByRole("alert").textContent(), /E112102/);
    await p.keyboard.press("Escape");
    assert.ok(!(await allKeys()).some((k) => k.name === `e2e-bad-${stamp}`));
    await closePage();
  });

  test("access keys: deactivate, activate, rotate (a new cleartext once; the old one stops working) and delete, each kept after reload and in the API", async () => {
    const name = `e2e-life-${stamp}`;
    const made = await createKey(name, { roleNames: ["viewer"] });
    const id = made.key.id;
    const first = made.cleartext;
    const p = await newPage();
    await p.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: ctx.demoUrl() });
    await gotoView(p, "keys");
    const row = keyRow(p, id);

    await row.getByRole("button", { name: `Deactivate ${name}`, exact: true }).click();
    await row.getByRole("button", { name: `Activate ${name}`, exact: true }).waitFor();
    assert.match(await row.textContent(), /Inactive/);
    assert.equal((await allKeys()).find((k) => k.id === id).status, "inactive");
    assert.equal((await verifyKey(first)).valid, false, "an inactive key does not sign in");
    assert.ok(await row.getByRole("button", { name: `Rotate ${name}`, exact: true }).isDisabled(), "only active keys rotate");
    await reloadView(p, "keys");
    assert.match(await row.textContent(), /Inactive/);

    await row.getByRole("button", { name: `Activate ${name}`, exact: true }).click();
    await row.getByRole("button", { name: `Deactivate ${name}`, exact: true }).waitFor();
    assert.equal((await allKeys()).find((k) => k.id === id).status, "active");
    assert.equal((await verifyKey(first)).valid, true);
    await reloadView(p, "keys");
    assert.match(await row.textContent(), /Active/);

    await row.getByRole("button", { name: `Rotate ${name}`, exact: true }).click();
    const confirm = dialog(p, `Rotate ${name}?`);
    assert.match(await confirm.textContent(), /stops working at once/);
    await confirm.getByRole("button", { name: "Rotate key", exact: true }).click();
    const { d, secret } = await takeCleartext(p, `New secret for ${name}`);
    assert.ok(secret !== first, "a new secret");
    assert.equal((await verifyKey(secret)).valid, true, "the new secret works");
    assert.equal((await verifyKey(first)).valid, false, "the old one stopped working");
    await d.getByRole("button", { name: "Close New secret for " + name }).click();
    await d.waitFor({ state: "detached" });
    assert.equal(await p.locator("dialog, input.secret").count(), 1, "only the user panel's <dialog> is left in the document");
    await assertNoSecret(p, secret, "after the rotation dialog closed");
    await reloadView(p, "keys");
    await assertNoSecret(p, secret, "after a reload");
    assert.equal((await verifyKey(secret)).valid, true, "still the key's secret after the reload");

    await row.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
    const del = dialog(p, `Delete ${name}?`);
    await del.getByRole("button", { name: "Delete key", exact: true }).click();
    await row.waitFor({ state: "detached" });
    assert.ok(!(await allKeys()).some((k) => k.id === id), "deleted in the API");
    assert.equal((await verifyKey(secret)).valid, false);
    await reloadView(p, "keys");
    assert.equal(await row.count(), 0);
    await closePage();
  });

  test("access keys: the tenant filter asks accessKey.searchAll for that tenant, and is kept in the URL", async () => {
    const p = await newPage();
    await gotoView(p, "keys");
    const keys = view(p, "keys");
    const searched = p.waitForRequest((r) => r.url().endsWith("/v1/mgmt/accesskey/search") && JSON.parse(r.postData() ?? "{}").tenantIds?.[0] === "t-acme");
    await keys.getByLabel("Filter by tenant").selectOption({ label: "Acme" });
    await searched;
    await viewReady(p, "keys");
    const inAcme = (await api("POST", "/v1/mgmt/accesskey/search", { tenantIds: ["t-acme"] })).keys;
    const ids = () => keys.locator("tbody tr[data-key-id]").evaluateAll((trs) => trs.map((tr) => tr.dataset.keyId).sort());
    assert.deepEqual(await ids(), inAcme.map((k) => k.id).sort());
    assert.ok(inAcme.length >= 1, "the seeded Acme key at least");
    assert.match(p.url(), /[?&]tenant=t-acme/);
    await reloadView(p, "keys");
    assert.equal(await keys.getByLabel("Filter by tenant").inputValue(), "t-acme");
    assert.deepEqual(await ids(), inAcme.map((k) => k.id).sort());
    await closePage();
  });

  // ---------------------------------------------------------------- the user panel

  test("user panel: tenant roles are picked from the tenant's and the project's roles; the audit trail shows each change, newest first, after a reload too", async () => {
    const tenantId = `t-panel-${stamp}`;
    await createTenant(tenantId, `Panel ${stamp}`);
    const ownRole = `panel-own-${stamp}`;
    await api("POST", "/v1/mgmt/role/create", { name: ownRole, tenantId });
    const user = await createUser(`panel.audit.${stamp}@e2e.example.com`, { displayName: "Audit Trail" });
    const p = await newPage();
    await gotoList(p, `?user=${user.userId}`);
    await panelReady(p);
    const activity = section(p, "Activity");
    await until(async () => /record/.test(await activity.textContent()), "the audit trail");
    assert.match(await activity.textContent(), /mgmt\.user\.create/);

    const tenants = section(p, "Tenants");
    const picker = tenants.getByLabel("Add to tenant");
    await until(async () => (await picker.locator("option").allTextContents()).includes(`Panel ${stamp}`), "the new tenant in the picker");
    await picker.selectOption({ label: `Panel ${stamp}` });
    await saveSection(p, "Tenants", "Add to tenant");
    const rolePicker = tenants.getByLabel(`Role to add in Panel ${stamp}`);
    await until(async () => (await rolePicker.locator("option").count()) > 1, "the tenant's roles");
    const offered = await rolePicker.locator("option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    const projectNames = (await allRoles()).filter((r) => !r.tenantId).map((r) => r.name);
    assert.equal(offered[0], ownRole, "the tenant's own role first");
    assert.deepEqual(new Set(offered.slice(1)), new Set(projectNames), "then the project's roles");
    assert.ok(!offered.some((n) => (n.startsWith("panel-own-") && n !== ownRole)), "no other tenant's roles");
    await rolePicker.selectOption(ownRole);
    await tenants.getByRole("button", { name: `Add the role in Panel ${stamp}`, exact: true }).click();
    await tenants.getByRole("button", { name: `Remove role ${ownRole} in Panel ${stamp}`, exact: true }).waitFor();
    await tenants.getByLabel(`Role to add in Panel ${stamp}`).selectOption("viewer");
    await tenants.getByRole("button", { name: `Add the role in Panel ${stamp}`, exact: true }).click();
    await tenants.getByRole("button", { name: `Remove role viewer in Panel ${stamp}`, exact: true }).waitFor();
    await tenants.getByRole("button", { name: `Remove role viewer in Panel ${stamp}`, exact: true }).click();
    await until(async () => !(await tenants.getByRole("button", { name: `Remove role viewer in Panel ${stamp}`, exact: true }).count()), "the role removed");
    const stored = await loadUser(user.userId);
    assert.deepEqual(stored.userTenants.map((t) => [t.tenantId, t.roleNames]), [[tenantId, [ownRole]]]);

    // Each change is in the audit trail, newest first, here and in the API.
    const expected = ["mgmt.user.update.role.remove", "mgmt.user.update.role.add", "mgmt.user.update.role.add", "mgmt.user.update.tenant.add", "mgmt.user.create"];
    const actions = () => activity.locator(".audit-action").allTextContents();
    await until(async () => (await actions()).length >= expected.length, "the trail to show the changes");
    assert.deepEqual((await actions()).slice(0, expected.length), expected);
    assert.deepEqual((await userAudit(user.userId)).map((a) => a.action).slice(0, expected.length), expected);
    assert.match(await activity.textContent(), new RegExp(`tenants: ${tenantId}`));
    await activity.scrollIntoViewIfNeeded();
    await shot("27-panel-audit");

    await p.reload();
    await panelReady(p);
    await until(async () => (await actions()).length >= expected.length, "the trail after a reload");
    assert.deepEqual((await actions()).slice(0, expected.length), expected);
    assert.ok(await section(p, "Tenants").getByRole("button", { name: `Remove role ${ownRole} in Panel ${stamp}`, exact: true }).isVisible());
    assert.deepEqual(await unnamedControls(p), [], "unnamed controls in the panel");
    await closePage();
  });
}
