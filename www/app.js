// Entry point: connects to the package, then wires the views (users, tenants, roles and
// permissions, access keys) and, for users, the filters, table, user panel and bulk actions.
// State that matters across reloads lives in the URL: `view`, then that view's own keys.
import { h, debounce } from "./dom.js";
import { errorBox, showError } from "./views/error-box.js";
import { renderRows, renderPager } from "./views/users-table.js";
import { createUserPanel } from "./views/user-panel.js";
import { createBulk } from "./views/bulk.js";
import { createDirectory } from "./views/directory.js";
import { createTenantsView } from "./views/tenants.js";
import { createRolesView } from "./views/roles.js";
import { createAccessKeysView } from "./views/access-keys.js";

const $ = (id) => document.getElementById(id);
const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;

// ---------------------------------------------------------------- state and URL

const state = { text: "", status: "", tenant: "", role: "", sort: "", page: 0, pageSize: DEFAULT_PAGE_SIZE, user: null };
let current = { users: [], total: 0 };
let loading = false;
let listFailed = false;
const selection = new Map(); // userId → user, kept across pages and searches

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.text = p.get("q") ?? "";
  state.status = p.get("status") ?? "";
  state.tenant = p.get("tenant") ?? "";
  state.role = p.get("role") ?? "";
  state.sort = p.get("sort") ?? "";
  state.page = Math.max(0, (parseInt(p.get("page"), 10) || 1) - 1);
  const size = parseInt(p.get("size"), 10);
  state.pageSize = PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE;
  state.user = p.get("user");
}

// The users view's URL, for its link while another view is shown. Kept for the tab's life, so
// a reload on another view still leads back to the list as it was.
const USERS_QUERY = "descope-admin.users-query";
let usersQuery = sessionStorage.getItem(USERS_QUERY) ?? "";

function writeUrl() {
  if (currentView() !== "users") return;
  const p = new URLSearchParams();
  for (const [key, name] of [["text", "q"], ["status", "status"], ["tenant", "tenant"], ["role", "role"], ["sort", "sort"]]) {
    if (state[key]) p.set(name, state[key]);
  }
  if (state.page) p.set("page", String(state.page + 1));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) p.set("size", String(state.pageSize));
  if (state.user) p.set("user", state.user);
  const query = p.toString();
  usersQuery = query;
  sessionStorage.setItem(USERS_QUERY, query);
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

// ---------------------------------------------------------------- tenants and roles for the filters

// The filters suggest the project's tenants and roles (tenant.loadAll, role.loadAll), plus
// any that users carry (so they still work when those lists cannot be read).
const catalog = {
  tenants: new Map(), // tenantId → name
  roles: new Set(),
  /** The project's lists replace what was learnt (a deleted tenant is no longer offered). */
  know(tenants, roles) {
    if (tenants) this.tenants = new Map(tenants.map((t) => [t.id, t.name || t.id]));
    if (roles) this.roles = new Set(roles.map((r) => r.name));
    this.render();
  },
  learn(users) {
    const before = this.tenants.size + this.roles.size;
    for (const user of users) {
      for (const role of user.roleNames ?? []) this.roles.add(role);
      for (const t of user.userTenants ?? []) {
        this.tenants.set(t.tenantId, t.tenantName || this.tenants.get(t.tenantId) || t.tenantId);
        for (const role of t.roleNames ?? []) this.roles.add(role);
      }
    }
    if (this.tenants.size + this.roles.size !== before) this.render();
  },
  render() {
    const tenants = [...this.tenants].sort((a, b) => a[1].localeCompare(b[1]));
    $("tenant-options").replaceChildren(...tenants.map(([id, name]) => h("option", { value: id }, name)));
    $("role-options").replaceChildren(...[...this.roles].sort().map((r) => h("option", { value: r })));
  },
  /** Accepts a tenant's ID or its name. */
  tenantId(text) {
    const wanted = text.trim();
    for (const [id, name] of this.tenants) if (name.toLowerCase() === wanted.toLowerCase()) return id;
    return wanted;
  },
};

// ---------------------------------------------------------------- the list

let api = null;
let panel = null;
let bulk = null;
let searchSeq = 0;

function searchRequest() {
  const request = { page: state.page, limit: state.pageSize };
  if (state.text) request.text = state.text;
  if (state.status) request.statuses = [state.status];
  if (state.tenant) request.tenantIds = [state.tenant];
  if (state.role) request.roles = [state.role];
  if (state.sort) request.sort = [{ field: state.sort.replace(/^-/, ""), desc: state.sort.startsWith("-") }];
  return request;
}

async function loadUsers() {
  const mine = ++searchSeq; // only the latest search may paint
  setLoading(true);
  try {
    const { users, total } = await api.users.search(searchRequest());
    if (mine !== searchSeq) return;
    if (!users.length && total > 0 && state.page > 0) {
      // A page past the end (stale URL, or users removed): show the last page instead.
      state.page = Math.ceil(total / state.pageSize) - 1;
      writeUrl();
      return loadUsers();
    }
    current = { users, total };
    listFailed = false;
    showError($("list-error"), null);
    catalog.learn(users);
  } catch (err) {
    if (mine !== searchSeq) return;
    listFailed = true;
    showError($("list-error"), err, { title: "Could not load users", onRetry: () => loadUsers() });
  }
  setLoading(false);
  render();
}

function setLoading(on) {
  loading = on;
  $("loading-bar").hidden = !on;
  $("users-table").setAttribute("aria-busy", String(on));
  if (on && !current.users.length) render();
}

function render() {
  const empty = !loading && !listFailed && current.users.length === 0;
  renderRows($("users-body"), current.users, {
    loading,
    isSelected: (u) => selection.has(u.userId),
    onToggle: toggleUser,
    onOpen: (user, button) => openUser(user, button),
  });
  $("users-table").hidden = empty;
  $("empty").hidden = !empty;
  renderPager(
    { range: $("page-range"), label: $("page-label"), prev: $("page-prev"), next: $("page-next") },
    { page: state.page, pageSize: state.pageSize, total: current.total, count: current.users.length },
  );
  syncSelection();
}

function applyFilters() {
  const form = $("filters");
  state.text = form.elements.text.value.trim();
  state.status = form.elements.status.value;
  // Kept as the tenant's ID (a typed name is resolved), so a reloaded URL means the same.
  state.tenant = catalog.tenantId(form.elements.tenant.value);
  form.elements.tenant.value = state.tenant;
  state.role = form.elements.role.value.trim();
  state.sort = form.elements.sort.value;
  state.page = 0;
  writeUrl();
  loadUsers();
}

function fillFilters() {
  const form = $("filters");
  form.elements.text.value = state.text;
  form.elements.status.value = state.status;
  form.elements.tenant.value = state.tenant;
  form.elements.role.value = state.role;
  form.elements.sort.value = state.sort;
  $("page-size").value = String(state.pageSize);
}

function clearFilters() {
  Object.assign(state, { text: "", status: "", tenant: "", role: "", sort: "" });
  fillFilters();
  applyFilters();
  $("f-text").focus();
}

// ---------------------------------------------------------------- selection

function toggleUser(user, on) {
  if (on) selection.set(user.userId, user);
  else selection.delete(user.userId);
  syncSelection();
}

/** Updates checkboxes and counts in place (no re-render, so focus stays where it is). */
function syncSelection() {
  let onPage = 0;
  for (const row of $("users-body").querySelectorAll("tr[data-user-id]")) {
    const on = selection.has(row.dataset.userId);
    row.classList.toggle("selected", on);
    row.querySelector("input[type=checkbox]").checked = on;
    if (on) onPage++;
  }
  const all = $("select-page");
  all.checked = onPage > 0 && onPage === current.users.length;
  all.indeterminate = onPage > 0 && onPage < current.users.length;
  all.disabled = current.users.length === 0;
  const total = `${current.total} ${current.total === 1 ? "user" : "users"}`;
  $("users-summary").textContent = selection.size ? `${total} · ${selection.size} selected` : total;
  bulk?.update(selection.size);
}

// ---------------------------------------------------------------- the user panel

function openUser(user, button) {
  state.user = user.userId;
  writeUrl();
  panel.open({ initial: user, from: button });
}

function userChanged(user) {
  const i = current.users.findIndex((u) => u.userId === user.userId);
  if (i >= 0) {
    current.users[i] = user;
    render();
  }
  if (selection.has(user.userId)) selection.set(user.userId, user);
  catalog.learn([user]);
}

/** Back to the row the panel was opened from (rows may have been re-rendered meanwhile). */
function panelClosed(userId) {
  state.user = null;
  writeUrl();
  const button = $("users-body").querySelector(`tr[data-user-id="${CSS.escape(userId ?? "")}"] .user-name`);
  button?.focus();
  return Boolean(button);
}

// ---------------------------------------------------------------- start

function showProject(config) {
  const where =
    config.mode === "emulator"
      ? h("span", { class: "pill warn" }, "Local emulator")
      : h("span", { class: "pill ok" }, config.apiHost ?? "Descope");
  $("project").replaceChildren(h("span", { class: "muted" }, "Project "), h("code", null, config.projectId), " ", where);
}

function wire() {
  const form = $("filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    applyFilters();
  });
  $("f-text").addEventListener(
    "input",
    debounce(() => form.elements.text.value.trim() !== state.text && applyFilters(), 350),
  );
  for (const id of ["f-status", "f-sort", "f-tenant", "f-role"]) $(id).addEventListener("change", applyFilters);
  $("f-clear").addEventListener("click", clearFilters);
  $("empty-clear").addEventListener("click", clearFilters);

  $("page-prev").addEventListener("click", () => {
    state.page = Math.max(0, state.page - 1);
    writeUrl();
    loadUsers();
  });
  $("page-next").addEventListener("click", () => {
    state.page += 1;
    writeUrl();
    loadUsers();
  });
  $("page-size").addEventListener("change", (e) => {
    state.pageSize = Number(e.target.value);
    state.page = 0;
    writeUrl();
    loadUsers();
  });
  $("select-page").addEventListener("change", (e) => {
    for (const user of current.users) {
      if (e.target.checked) selection.set(user.userId, user);
      else selection.delete(user.userId);
    }
    syncSelection();
  });

  // "/" jumps to the view's search box, as on many admin consoles.
  document.addEventListener("keydown", (e) => {
    const typing = e.target.closest?.("input, select, textarea, dialog[open]");
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      document.querySelector(".view:not([hidden]) input[type=search]")?.focus();
    }
  });
}

// ---------------------------------------------------------------- views

const VIEWS = ["users", "tenants", "roles", "keys"];
const views = {}; // the other views, made when first shown
let directory = null;
let usersStarted = false;

function currentView() {
  const v = new URLSearchParams(location.search).get("view");
  return VIEWS.includes(v) ? v : "users";
}

/** The view's own URL keys (empty ones left out), after `view`. */
function setViewParams(name, params) {
  if (currentView() !== name) return; // a late write from a view that is no longer shown
  const p = new URLSearchParams({ view: name });
  for (const [key, value] of Object.entries(params)) if (value) p.set(key, value);
  history.replaceState(null, "", `?${p}`);
}

function makeView(name) {
  const root = $(`view-${name}`);
  const common = { root, directory, setParams: (params) => setViewParams(name, params), navigate };
  if (name === "tenants") {
    return createTenantsView({ ...common, tenant: api.group("tenant"), accessKey: api.group("accessKey"), users: api.users });
  }
  if (name === "roles") return createRolesView({ ...common, role: api.group("role"), permission: api.group("permission") });
  return createAccessKeysView({ ...common, accessKey: api.group("accessKey") });
}

/** Shows the view the URL names; `focus` moves to its heading (after a navigation). */
async function route({ focus = false } = {}) {
  const name = currentView();
  for (const v of VIEWS) $(`view-${v}`).hidden = v !== name;
  for (const link of $("sections").querySelectorAll("a[data-view]")) {
    if (link.dataset.view === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  // Dialogs belong to the view they were opened on (Back may leave it).
  for (const d of document.querySelectorAll("dialog[open]:not(#user-panel)")) d.close();
  if (name !== "users") {
    panel?.close();
    // Back on the list, the panel that was open stays closed.
    const p = new URLSearchParams(usersQuery);
    p.delete("user");
    usersQuery = p.toString();
    sessionStorage.setItem(USERS_QUERY, usersQuery);
  }
  $("sections").querySelector('a[data-view="users"]').href = usersQuery ? `?${usersQuery}` : "./";
  let heading;
  if (name === "users") {
    heading = $("users-heading");
    document.title = "Users · Descope admin";
    readUrl();
    fillFilters();
    if (focus) heading.focus();
    await loadUsers();
    if (state.user && panel.userId !== state.user) panel.open({ userId: state.user });
    if (!usersStarted) {
      usersStarted = true;
      warmCatalog();
    }
  } else {
    views[name] ??= makeView(name);
    heading = views[name].heading;
    document.title = `${views[name].title} · Descope admin`;
    views[name].show(new URLSearchParams(location.search));
    if (focus) heading.focus();
  }
  $("skip-link").href = `#${heading.id}`;
}

function navigate(name, params = {}) {
  const p = new URLSearchParams(name === "users" ? usersQuery : { view: name });
  for (const [key, value] of Object.entries(params)) if (value) p.set(key, value);
  const query = p.toString();
  history.pushState(null, "", query ? `?${query}` : location.pathname);
  route({ focus: true });
}

function wireSections() {
  $("sections").addEventListener("click", (e) => {
    const link = e.target.closest("a[data-view]");
    if (!link || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (link.dataset.view === currentView()) return;
    navigate(link.dataset.view);
  });
  window.addEventListener("popstate", () => route());
}

async function start() {
  // The users view reads its state from the URL when it is shown (route).
  if (currentView() === "users") {
    usersQuery = location.search.slice(1);
    sessionStorage.setItem(USERS_QUERY, usersQuery);
  }
  try {
    // Imported here, not statically, so a package that fails to load is explained on the page.
    const { connect } = await import("./api.js");
    api = await connect();
  } catch (err) {
    $("project").textContent = "Not connected";
    $("startup-error").replaceChildren(
      errorBox(err, { title: "The admin page could not connect", onRetry: () => location.reload() }),
    );
    document.body.classList.add("offline");
    return;
  }
  showProject(api.config);
  directory = createDirectory({ tenant: api.group("tenant"), role: api.group("role"), permission: api.group("permission") });
  const learnDirectory = () =>
    Promise.allSettled([directory.tenants(), directory.roles()]).then(([t, r]) =>
      catalog.know(t.value, r.value),
    );
  directory.subscribe(() => learnDirectory());
  learnDirectory();

  // Definitions are loaded once and shared; a failure is forgotten so "Try again" refetches.
  let definitions = null;
  const attributes = () =>
    (definitions ??= api.users.getCustomAttributes().catch((err) => {
      definitions = null;
      throw err;
    }));

  panel = createUserPanel({
    dialog: $("user-panel"),
    users: api.users,
    attributes,
    audit: api.group("audit"),
    directory,
    onChanged: userChanged,
    onClosed: panelClosed,
  });
  bulk = createBulk({
    section: $("bulk"),
    users: api.users,
    attributes,
    selection: () => [...selection.values()],
    onClear: () => {
      selection.clear();
      syncSelection();
      $("users-heading").focus();
    },
    onDone: () => loadUsers(),
  });
  wire();
  wireSections();
  await route();
}

/** Fills the tenant and role suggestions from a few more pages, in the background. */
async function warmCatalog() {
  try {
    let pages = 0;
    for await (const { users } of api.users.searchPages({}, { pageSize: 100 })) {
      catalog.learn(users);
      if (++pages >= 3) break;
    }
  } catch {
    // Suggestions only: the filters still accept any typed value.
  }
}

start();
