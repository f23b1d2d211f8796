// The roles and permissions view: project and tenant-scoped roles (list by scope, create,
// edit, delete) and the project's permissions (create, edit, delete; system ones are fixed).
import { h, announce } from "../dom.js";
import { showError } from "./error-box.js";
import { openModal, confirmAction } from "./modal.js";
import { field, checkbox, checkboxGroup, select, formCheck } from "./forms.js";
import { byName } from "./directory.js";

const PROJECT = "project"; // the scope filter's value for project roles

/** `role`, `permission`: the package's groups; `directory`: shared lists; `setParams`: URL state. */
export function createRolesView({ root, role, permission, directory, setParams }) {
  let roles = [];
  let permissions = [];
  let tenants = [];
  let scope = ""; // "" all, PROJECT, or a tenant ID
  let query = "";

  const heading = h("h1", { id: "roles-heading", tabindex: "-1" }, "Roles & permissions");

  // ---------------------------------------------------------------- roles card

  const scopeSelect = h("select", { id: "roles-scope" });
  const search = h("input", { type: "search", id: "roles-search", placeholder: "Role name or description", autocomplete: "off" });
  const rolesError = h("div");
  const rolesBody = h("tbody");
  const rolesSummary = h("p", { class: "muted small", role: "status" });
  const rolesTable = h(
    "table",
    { class: "data", "aria-labelledby": "roles-title" },
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        ["Role", "Scope", "Description", "Permissions", "Default"].map((c) => h("th", { scope: "col" }, c)),
        h("th", { scope: "col", class: "col-actions" }, h("span", { class: "sr-only" }, "Actions")),
      ),
    ),
    rolesBody,
  );

  // ---------------------------------------------------------------- permissions card

  const permsError = h("div");
  const permsBody = h("tbody");
  const permsTable = h(
    "table",
    { class: "data", "aria-labelledby": "permissions-title" },
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "Permission"), h("th", { scope: "col" }, "Description"), h("th", { scope: "col", class: "col-actions" }, h("span", { class: "sr-only" }, "Actions")))),
    permsBody,
  );

  root.append(
    h("div", { class: "page-head" }, heading),
    h(
      "section",
      { class: "card table-card", "aria-labelledby": "roles-title" },
      h(
        "div",
        { class: "card-head" },
        h("h2", { id: "roles-title" }, "Roles"),
        rolesSummary,
        h("button", { type: "button", class: "btn primary", onclick: () => openRole(null) }, "New role"),
      ),
      h(
        "form",
        { class: "toolbar", role: "search", "aria-label": "Filter roles", onsubmit: (e) => e.preventDefault() },
        h("div", { class: "field" }, h("label", { for: "roles-scope" }, "Scope"), scopeSelect),
        h("div", { class: "field grow" }, h("label", { for: "roles-search" }, "Search roles"), search),
      ),
      rolesError,
      h("div", { class: "table-scroll" }, rolesTable),
    ),
    h(
      "section",
      { class: "card table-card", "aria-labelledby": "permissions-title" },
      h(
        "div",
        { class: "card-head" },
        h("h2", { id: "permissions-title" }, "Permissions"),
        h("p", { class: "muted small" }, "Roles bundle permissions; the system ones are Descope's own."),
        h("button", { type: "button", class: "btn primary", onclick: () => openPermission(null) }, "New permission"),
      ),
      permsError,
      h("div", { class: "table-scroll" }, permsTable),
    ),
  );

  scopeSelect.addEventListener("change", () => {
    scope = scopeSelect.value;
    writeParams();
    renderRoles();
  });
  search.addEventListener("input", () => {
    query = search.value.trim();
    writeParams();
    renderRoles();
  });
  const writeParams = () => setParams({ scope, q: query });

  // ---------------------------------------------------------------- loading

  let loadSeq = 0;
  async function load() {
    const mine = ++loadSeq; // only the latest load may paint
    root.setAttribute("aria-busy", "true");
    const loadingRow = (n, text) => h("tr", { class: "loading-row" }, h("td", { colspan: n }, h("span", { class: "spinner" }), ` ${text}`));
    if (!roles.length) rolesBody.replaceChildren(loadingRow(6, "Loading roles…"));
    if (!permissions.length) permsBody.replaceChildren(loadingRow(3, "Loading permissions…"));
    const [r, p, t] = await Promise.allSettled([directory.roles(), directory.permissions(), directory.tenants()]);
    if (mine !== loadSeq) return;
    tenants = t.status === "fulfilled" ? [...t.value].sort(byName) : [];
    renderScopes();
    if (r.status === "fulfilled") {
      roles = [...r.value];
      showError(rolesError, null);
    } else {
      roles = [];
      showError(rolesError, r.reason, { title: "Could not load roles", onRetry: () => load() });
    }
    if (p.status === "fulfilled") {
      permissions = [...p.value].sort(byName);
      showError(permsError, null);
    } else {
      permissions = [];
      showError(permsError, p.reason, { title: "Could not load permissions", onRetry: () => load() });
    }
    renderRoles();
    renderPermissions();
    root.setAttribute("aria-busy", "false");
  }

  const tenantName = (id) => tenants.find((t) => t.id === id)?.name || id;

  function renderScopes() {
    const known = new Set(tenants.map((t) => t.id));
    scopeSelect.replaceChildren(
      h("option", { value: "" }, "All roles"),
      h("option", { value: PROJECT }, "Project roles"),
      ...tenants.map((t) => h("option", { value: t.id }, `Roles of ${t.name}`)),
      // A scope from the URL whose tenant is unknown still shows as chosen.
      scope && scope !== PROJECT && !known.has(scope) ? h("option", { value: scope }, `Roles of ${scope}`) : null,
    );
    scopeSelect.value = scope;
  }

  function inScope(r) {
    if (scope === PROJECT) return !r.tenantId;
    if (scope) return r.tenantId === scope;
    return true;
  }

  function matches(r) {
    if (!query) return true;
    const q = query.toLowerCase();
    return [r.name, r.description].some((s) => String(s ?? "").toLowerCase().includes(q));
  }

  // Project roles first, then by tenant name, then by name.
  const roleOrder = (a, b) =>
    Number(Boolean(a.tenantId)) - Number(Boolean(b.tenantId)) ||
    tenantName(a.tenantId ?? "").localeCompare(tenantName(b.tenantId ?? "")) ||
    byName(a, b);

  const roleLabel = (r) => (r.tenantId ? `${r.name} (${tenantName(r.tenantId)})` : r.name);

  function renderRoles() {
    const shown = roles.filter((r) => inScope(r) && matches(r)).sort(roleOrder);
    rolesSummary.textContent = `${shown.length} of ${roles.length} roles`;
    if (!shown.length) {
      rolesBody.replaceChildren(h("tr", { class: "empty-row" }, h("td", { colspan: 6 }, roles.length ? "No roles match." : "No roles yet.")));
      return;
    }
    rolesBody.replaceChildren(
      ...shown.map((r) =>
        h(
          "tr",
          { dataset: { roleId: r.id ?? "", roleName: r.name, tenantId: r.tenantId ?? "" } },
          h("td", null, h("button", { type: "button", class: "link role-name", "aria-haspopup": "dialog", "aria-label": `Edit role ${roleLabel(r)}`, onclick: () => openRole(r) }, r.name)),
          h("td", null, r.tenantId ? h("span", { class: "chip", title: r.tenantId }, tenantName(r.tenantId)) : h("span", { class: "muted" }, "Project")),
          h("td", null, r.description || h("span", { class: "muted" }, "—")),
          h("td", null, r.permissionNames?.length ? h("ul", { class: "chips" }, r.permissionNames.map((p) => h("li", { class: "chip" }, p))) : h("span", { class: "muted" }, "—")),
          h("td", null, r.default ? h("span", { class: "badge status-invited" }, "Default") : null),
          h("td", { class: "col-actions" }, h("button", { type: "button", class: "btn small danger", "aria-label": `Delete role ${roleLabel(r)}`, onclick: () => deleteRole(r) }, "Delete")),
        ),
      ),
    );
  }

  function renderPermissions() {
    if (!permissions.length) {
      permsBody.replaceChildren(h("tr", { class: "empty-row" }, h("td", { colspan: 3 }, "No permissions.")));
      return;
    }
    permsBody.replaceChildren(
      ...permissions.map((p) =>
        h(
          "tr",
          { dataset: { permissionName: p.name } },
          h(
            "td",
            null,
            p.systemDefault
              ? h("span", { class: "perm-name" }, p.name, " ", h("span", { class: "badge test" }, "System"))
              : h("button", { type: "button", class: "link permission-name", "aria-haspopup": "dialog", "aria-label": `Edit permission ${p.name}`, onclick: () => openPermission(p) }, p.name),
          ),
          h("td", null, p.description || h("span", { class: "muted" }, "—")),
          h(
            "td",
            { class: "col-actions" },
            p.systemDefault
              ? h("span", { class: "muted small" }, "Built in")
              : h("button", { type: "button", class: "btn small danger", "aria-label": `Delete permission ${p.name}`, onclick: () => deletePermission(p) }, "Delete"),
          ),
        ),
      ),
    );
  }

  async function refresh(kind) {
    directory.changed(kind);
    await load();
  }

  /** The row's name button after a repaint, else the heading. */
  function focusAfter(selector) {
    (root.querySelector(selector) ?? heading).focus();
  }

  // ---------------------------------------------------------------- role dialog

  function openRole(existing) {
    const name = h("input", { type: "text", value: existing?.name ?? "", autocomplete: "off" });
    const description = h("input", { type: "text", value: existing?.description ?? "", autocomplete: "off" });
    const scopeField = select(tenants.map((t) => ({ value: t.id, label: t.name })), {
      prompt: "Project (usable in every tenant)",
      value: existing ? existing.tenantId ?? "" : scope && scope !== PROJECT ? scope : "",
    });
    // A role's scope is part of what it is: it cannot move.
    scopeField.disabled = Boolean(existing);
    const perms = checkboxGroup(
      "Permissions",
      permissions.map((p) => ({ value: p.name, label: p.name })),
      existing?.permissionNames ?? [],
      { empty: "The project has no permissions yet." },
    );
    const isDefault = checkbox("Default role (given to new users created without a role)", Boolean(existing?.default));
    const errorSlot = h("div", { class: "error-slot" });
    const submitLabel = existing ? "Save role" : "Create role";
    const submit = h("button", { type: "submit", class: "btn primary" }, submitLabel);
    const form = h(
      "form",
      { class: "modal-form", novalidate: true },
      field("Name", name),
      field("Description", description),
      field("Scope", scopeField, existing ? "A role's scope cannot change." : "A tenant's role is usable only in that tenant."),
      perms.el,
      isDefault.el,
      h("div", { class: "form-foot" }, submit),
      errorSlot,
    );
    const modal = openModal({ title: existing ? `Edit role ${existing.name}` : "New role", content: form, fallbackFocus: () => heading });
    name.focus();
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      showError(errorSlot, null);
      const v = { name: name.value.trim(), description: description.value.trim(), tenantId: scopeField.value || undefined, perms: perms.values(), default: isDefault.input.checked };
      submit.disabled = true;
      submit.textContent = "Saving…";
      try {
        if (!v.name) throw formCheck("A role needs a name.");
        if (!existing) {
          await role.create(v.name, v.description, v.perms, v.tenantId, v.default);
        } else if (existing.id) {
          // Update replaces the role: every field is sent, the unchanged ones as they were.
          await role.updateWithId(existing.id, v.name, v.description, v.perms, existing.tenantId || undefined, v.default);
        } else {
          await role.update(existing.name, v.name, v.description, v.perms, existing.tenantId || undefined, v.default);
        }
        modal.close();
        await refresh("roles");
        announce(existing ? `Saved role ${v.name}` : `Created role ${v.name}`);
        focusAfter(`tr[data-role-name="${CSS.escape(v.name)}"][data-tenant-id="${CSS.escape(v.tenantId ?? existing?.tenantId ?? "")}"] .role-name`);
      } catch (err) {
        if (err.name === "FormCheck") errorSlot.replaceChildren(h("p", { class: "form-error", role: "alert" }, err.message));
        else showError(errorSlot, err, { title: existing ? "Could not save the role" : "Could not create the role" });
        submit.disabled = false;
        submit.textContent = submitLabel;
      }
    });
  }

  async function deleteRole(r) {
    const where = r.tenantId ? `the tenant ${tenantName(r.tenantId)}'s role` : "the project role";
    const done = await confirmAction({
      title: `Delete role ${r.name}?`,
      message: `Delete ${where} ${r.name}? Users and access keys that have it lose it.`,
      confirmLabel: "Delete role",
      errorTitle: "Could not delete the role",
      doneMessage: `Deleted role ${r.name}`,
      action: () => (r.id ? role.deleteWithId(r.id, r.tenantId || undefined) : role.delete(r.name, r.tenantId || undefined)),
    });
    if (done) {
      await refresh("roles");
      heading.focus();
    }
  }

  // ---------------------------------------------------------------- permission dialog

  function openPermission(existing) {
    const name = h("input", { type: "text", value: existing?.name ?? "", autocomplete: "off" });
    const description = h("input", { type: "text", value: existing?.description ?? "", autocomplete: "off" });
    const errorSlot = h("div", { class: "error-slot" });
    const submitLabel = existing ? "Save permission" : "Create permission";
    const submit = h("button", { type: "submit", class: "btn primary" }, submitLabel);
    const form = h(
      "form",
      { class: "modal-form", novalidate: true },
      field("Name", name, existing ? "Renaming keeps it in every role that has it." : null),
      field("Description", description),
      h("div", { class: "form-foot" }, submit),
      errorSlot,
    );
    const modal = openModal({ title: existing ? `Edit permission ${existing.name}` : "New permission", content: form, fallbackFocus: () => heading });
    name.focus();
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      showError(errorSlot, null);
      const v = { name: name.value.trim(), description: description.value.trim() };
      submit.disabled = true;
      submit.textContent = "Saving…";
      try {
        if (!v.name) throw formCheck("A permission needs a name.");
        if (existing) await permission.update(existing.name, v.name, v.description);
        else await permission.create(v.name, v.description);
        modal.close();
        await refresh("permissions");
        announce(existing ? `Saved permission ${v.name}` : `Created permission ${v.name}`);
        focusAfter(`tr[data-permission-name="${CSS.escape(v.name)}"] .permission-name`);
      } catch (err) {
        if (err.name === "FormCheck") errorSlot.replaceChildren(h("p", { class: "form-error", role: "alert" }, err.message));
        else showError(errorSlot, err, { title: existing ? "Could not save the permission" : "Could not create the permission" });
        submit.disabled = false;
        submit.textContent = submitLabel;
      }
    });
  }

  async function deletePermission(p) {
    const users = roles.filter((r) => r.permissionNames?.includes(p.name));
    const done = await confirmAction({
      title: `Delete permission ${p.name}?`,
      message: users.length
        ? `Delete ${p.name}? ${users.length} ${users.length === 1 ? "role loses" : "roles lose"} it: ${users.map(roleLabel).join(", ")}.`
        : `Delete ${p.name}? No role has it.`,
      confirmLabel: "Delete permission",
      errorTitle: "Could not delete the permission",
      doneMessage: `Deleted permission ${p.name}`,
      action: () => permission.delete(p.name),
    });
    if (done) {
      await refresh("permissions");
      heading.focus();
    }
  }

  return {
    heading,
    title: "Roles & permissions",
    show(params) {
      scope = params.get("scope") ?? "";
      query = params.get("q") ?? "";
      search.value = query;
      load();
    },
  };
}
