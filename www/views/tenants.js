// The tenants view: list and search, create, a drawer per tenant (settings, session settings,
// default roles, its roles) and delete with a cascade choice and a confirm step.
import { h, announce, formatDate } from "../dom.js";
import { errorBox, showError } from "./error-box.js";
import { openModal, confirmAction } from "./modal.js";
import { field, checkbox, checkboxGroup, parseList, formatList, select, formSection, formCheck, durationInput } from "./forms.js";
import { projectRoles, byName } from "./directory.js";

/**
 * `root`: the view's container; `tenant`, `accessKey`: the package's groups; `users`:
 * `descope.user`; `directory`: shared lists; `setParams(params)`: the view's URL state;
 * `navigate(view, params)`: go to another view.
 */
export function createTenantsView({ root, tenant, accessKey, users, directory, setParams, navigate }) {
  let tenants = [];
  let query = "";
  let failed = null;
  let loading = false;

  const heading = h("h1", { id: "tenants-heading", tabindex: "-1" }, "Tenants");
  const summary = h("p", { class: "muted", role: "status" });
  const search = h("input", { type: "search", id: "tenants-search", placeholder: "Name, ID or domain", autocomplete: "off" });
  const listError = h("div");
  const body = h("tbody");
  const table = h(
    "table",
    { class: "data", "aria-labelledby": "tenants-heading" },
    h("thead", null, h("tr", null, ["Tenant", "ID", "Self-provisioning domains", "Settings", "Parent", "Created"].map((c) => h("th", { scope: "col" }, c)))),
    body,
  );
  const empty = h("div", { class: "empty", hidden: true }, h("h2", null, "No tenants match"), h("p", { class: "muted" }, "Try another search, or create a tenant."));

  root.append(
    h(
      "div",
      { class: "page-head" },
      heading,
      summary,
      h("div", { class: "head-actions" }, h("button", { type: "button", class: "btn primary", onclick: () => openCreate() }, "New tenant")),
    ),
    h(
      "form",
      { class: "filters card filters-simple", role: "search", "aria-label": "Search tenants", onsubmit: (e) => e.preventDefault() },
      h("div", { class: "field grow" }, h("label", { for: "tenants-search" }, "Search tenants"), search),
    ),
    h("section", { class: "card table-card", "aria-labelledby": "tenants-heading" }, listError, h("div", { class: "table-scroll" }, table), empty),
  );
  search.addEventListener("input", () => {
    query = search.value.trim();
    writeParams();
    render();
  });

  // ---------------------------------------------------------------- list

  let loadSeq = 0;
  async function load() {
    const mine = ++loadSeq; // only the latest load may paint
    loading = true;
    table.setAttribute("aria-busy", "true");
    root.setAttribute("aria-busy", "true");
    if (!tenants.length) body.replaceChildren(h("tr", { class: "loading-row" }, h("td", { colspan: 6 }, h("span", { class: "spinner" }), " Loading tenants…")));
    try {
      const list = await directory.tenants();
      if (mine !== loadSeq) return;
      tenants = [...list].sort(byName);
      failed = null;
      showError(listError, null);
    } catch (err) {
      if (mine !== loadSeq) return;
      failed = err;
      showError(listError, err, { title: "Could not load tenants", onRetry: () => load() });
    }
    loading = false;
    table.setAttribute("aria-busy", "false");
    render();
    root.setAttribute("aria-busy", "false");
  }

  function matches(t) {
    if (!query) return true;
    const q = query.toLowerCase();
    return [t.name, t.id, ...(t.selfProvisioningDomains ?? [])].some((s) => String(s ?? "").toLowerCase().includes(q));
  }

  function render() {
    if (loading) return;
    const shown = tenants.filter(matches);
    summary.textContent = failed ? "" : query ? `${shown.length} of ${tenants.length} tenants` : `${tenants.length} ${tenants.length === 1 ? "tenant" : "tenants"}`;
    body.replaceChildren(...shown.map(row));
    table.hidden = Boolean(failed) || !shown.length;
    empty.hidden = Boolean(failed) || shown.length > 0;
  }

  const nameOf = (id) => tenants.find((t) => t.id === id)?.name || id;

  function row(t) {
    const flags = [
      t.enforceSSO && h("span", { class: "badge warn" }, "SSO enforced"),
      t.disabled && h("span", { class: "badge status-disabled" }, "Disabled"),
    ].filter(Boolean);
    return h(
      "tr",
      { dataset: { tenantId: t.id } },
      h("td", null, h("button", { type: "button", class: "link tenant-name", "aria-haspopup": "dialog", onclick: () => openTenant(t.id) }, t.name || t.id)),
      h("td", null, h("code", null, t.id)),
      h("td", null, chips(t.selfProvisioningDomains)),
      h("td", null, flags.length ? h("div", { class: "chips" }, flags) : h("span", { class: "muted" }, "—")),
      h("td", null, t.parent ? nameOf(t.parent) : h("span", { class: "muted" }, "—")),
      h("td", null, formatDate(Number(t.createdTime))),
    );
  }

  const chips = (list) =>
    list?.length ? h("ul", { class: "chips" }, list.map((d) => h("li", { class: "chip" }, d))) : h("span", { class: "muted" }, "—");

  async function refresh() {
    directory.changed("tenants");
    await load();
  }

  function focusRow(id) {
    const button = body.querySelector(`tr[data-tenant-id="${CSS.escape(id)}"] .tenant-name`);
    return button ?? heading;
  }

  // ---------------------------------------------------------------- create

  function openCreate() {
    const name = h("input", { type: "text", autocomplete: "off", required: true });
    const id = h("input", { type: "text", autocomplete: "off", spellcheck: "false" });
    const domains = h("input", { type: "text", autocomplete: "off", placeholder: "acme.com, acme.io" });
    const parent = select(tenants.map((t) => ({ value: t.id, label: t.name })), { prompt: "None (a top-level tenant)" });
    const sso = checkbox("Enforce SSO (members sign in with SSO only)", false);
    const disabled = checkbox("Disabled (members cannot sign in to it)", false);
    const errorSlot = h("div", { class: "error-slot" });
    const submit = h("button", { type: "submit", class: "btn primary" }, "Create tenant");
    const form = h(
      "form",
      { class: "modal-form", novalidate: true },
      field("Name", name),
      field("Tenant ID (optional)", id, "Leave empty and Descope makes one. It cannot change later."),
      field("Self-provisioning domains", domains, "Users who sign up with an email at these domains join the tenant. Separate with commas."),
      field("Parent tenant", parent, "A sub-tenant's users can inherit roles from its parent."),
      h("div", { class: "check-stack" }, sso.el, disabled.el),
      h("div", { class: "form-foot" }, submit),
      errorSlot,
    );
    const modal = openModal({ title: "New tenant", content: form, fallbackFocus: () => heading });
    name.focus();
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      showError(errorSlot, null);
      const values = [parseList(domains.value), undefined, sso.input.checked, disabled.input.checked, parent.value || undefined];
      if (!name.value.trim()) {
        errorSlot.replaceChildren(h("p", { class: "form-error", role: "alert" }, "A tenant needs a name."));
        name.focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = "Creating…";
      try {
        const wanted = id.value.trim();
        const made = wanted
          ? await tenant.createWithId(wanted, name.value.trim(), ...values)
          : await tenant.create(name.value.trim(), ...values);
        const newId = made?.id || wanted;
        modal.close();
        await refresh();
        announce(`Created tenant ${name.value.trim()}`);
        focusRow(newId).focus();
      } catch (err) {
        showError(errorSlot, err, { title: "Could not create the tenant" });
        submit.disabled = false;
        submit.textContent = "Create tenant";
      }
    });
  }

  // ---------------------------------------------------------------- one tenant (a drawer)

  let openId = null; // the tenant whose drawer is open (in the URL, so a reload reopens it)
  const writeParams = () => setParams({ q: query, tenant: openId });

  async function openTenant(id) {
    openId = id;
    writeParams();
    const modal = openModal({
      kind: "drawer",
      title: nameOf(id),
      subtitle: id,
      content: h("p", { class: "muted" }, h("span", { class: "spinner" }), " Loading tenant…"),
      fallbackFocus: () => focusRow(id),
      onClose: () => {
        openId = null;
        writeParams();
      },
    });
    let sections = null; // key → element, once painted
    /**
     * Loads the tenant and paints the drawer; after a save (`after`: the section's key) only
     * the sections that show what changed are repainted, so unsaved edits elsewhere survive.
     */
    const reload = async (after) => {
      try {
        const t = await tenant.load(id);
        if (!modal.open) return;
        modal.setTitle(t.name || t.id, t.id);
        const build = tenantSections(t, modal, reload);
        if (!after || !sections) {
          sections = Object.fromEntries(Object.entries(build).map(([key, make]) => [key, make()]));
          modal.setContent(...Object.values(sections));
          return;
        }
        for (const key of REPAINT[after]) {
          const fresh = build[key]();
          sections[key].replaceWith(fresh);
          sections[key] = fresh;
        }
        // Focus and the "Saved" note stay with the section that saved.
        sections[after].querySelector("button[type=submit]")?.focus();
        sections[after].querySelector(".saved").textContent = "Saved ✓";
      } catch (err) {
        if (modal.open) modal.setContent(errorBox(err, { title: "Could not load this tenant", onRetry: () => reload() }));
      }
    };
    await reload();
  }

  // What a save changes on screen: the name shows in the roles and delete sections too.
  const REPAINT = { general: ["general", "roles", "remove"], defaults: ["defaults"] };

  /** The drawer's sections, as makers (so one can be repainted alone). */
  function tenantSections(t, modal, reload) {
    const saved = (key) => async () => {
      await refresh();
      await reload(key);
    };
    return {
      general: () => generalSection(t, saved("general")),
      session: () => sessionSection(t),
      defaults: () => defaultRolesSection(t, saved("defaults")),
      roles: () => rolesSection(t, modal),
      remove: () => deleteSection(t, modal),
    };
  }

  function generalSection(t, saved) {
    const name = h("input", { type: "text", value: t.name ?? "", autocomplete: "off" });
    const domains = h("input", { type: "text", value: formatList(t.selfProvisioningDomains), autocomplete: "off" });
    const sso = checkbox("Enforce SSO (members sign in with SSO only)", Boolean(t.enforceSSO));
    const disabled = checkbox("Disabled (members cannot sign in to it)", Boolean(t.disabled));
    return formSection({
      title: "Tenant",
      content: [
        field("Name", name),
        field("Self-provisioning domains", domains, "Separate with commas."),
        h("div", { class: "check-stack" }, sso.el, disabled.el),
      ],
      submitLabel: "Save tenant",
      errorTitle: "Could not save the tenant",
      save: async () => {
        const next = { name: name.value.trim(), domains: parseList(domains.value), sso: sso.input.checked, disabled: disabled.input.checked };
        if (!next.name) throw formCheck("A tenant needs a name.");
        const same =
          next.name === t.name &&
          formatList(next.domains) === formatList(t.selfProvisioningDomains) &&
          next.sso === Boolean(t.enforceSSO) &&
          next.disabled === Boolean(t.disabled);
        if (same) return null;
        // Update is a full overwrite: what this form does not edit is sent back as it was.
        await tenant.update(t.id, next.name, next.domains, t.customAttributes ?? {}, next.sso, next.disabled, t.roleInheritance || undefined);
        return true;
      },
      onSaved: saved,
    });
  }

  const SESSION_FIELDS = [
    ["sessionTokenExpiration", "Session token expiration"],
    ["refreshTokenExpiration", "Refresh token expiration"],
    ["stepupTokenExpiration", "Step-up token expiration"],
  ];

  function sessionSection(t) {
    const holder = h("div", { class: "settings-grid" }, h("p", { class: "muted" }, h("span", { class: "spinner" }), " Loading settings…"));
    let read = null;
    const el = formSection({
      title: "Session settings",
      content: holder,
      submitLabel: "Save session settings",
      errorTitle: "Could not save the session settings",
      save: async () => {
        if (!read) return null;
        // Read afresh and send everything back: configureSettings replaces all of it, and
        // the tenant section may have changed the domains meanwhile.
        const fresh = settingsToSend(await tenant.getSettings(t.id));
        const next = { ...fresh, ...read() };
        for (const key of DURATION_KEYS) {
          // No amount: the unit is not a change either (and an unset one is not sent).
          if (!next[key] && !fresh[key]) {
            if (fresh[`${key}Unit`]) next[`${key}Unit`] = fresh[`${key}Unit`];
            else delete next[`${key}Unit`];
          }
        }
        if (SETTINGS_KEYS.every((k) => next[k] === fresh[k])) return null;
        await tenant.configureSettings(t.id, next);
        return true;
      },
      onSaved: () => fill(),
    });
    const fill = async () => {
      try {
        const s = await tenant.getSettings(t.id);
        const enabled = checkbox("Custom session settings for this tenant", Boolean(s.enabled), { role: "switch", class: "switch" });
        const durations = SESSION_FIELDS.map(([key, label]) => [key, durationInput(label, s[key], s[`${key}Unit`])]);
        const inactivity = checkbox("Sign members out after a time of inactivity", Boolean(s.enableInactivity));
        const inactivityTime = durationInput("Inactivity time", s.inactivityTime, s.inactivityTimeUnit);
        const jit = checkbox("Disable just-in-time provisioning of SSO users", Boolean(s.JITDisabled));
        holder.replaceChildren(
          h("div", { class: "span-all" }, enabled.el),
          ...durations.map(([, d]) => d.el),
          h("div", { class: "span-all" }, inactivity.el),
          inactivityTime.el,
          h("div", { class: "span-all" }, jit.el),
        );
        read = () => {
          const out = { enabled: enabled.input.checked, enableInactivity: inactivity.input.checked, JITDisabled: jit.input.checked };
          for (const [key, d] of durations) [out[key], out[`${key}Unit`]] = d.read();
          [out.inactivityTime, out.inactivityTimeUnit] = inactivityTime.read();
          return out;
        };
      } catch (err) {
        read = null;
        holder.replaceChildren(errorBox(err, { title: "Could not load the session settings", onRetry: fill }));
      }
    };
    fill();
    return el;
  }

  function defaultRolesSection(t, saved) {
    const holder = h("div", null, h("p", { class: "muted" }, h("span", { class: "spinner" }), " Loading roles…"));
    let group = null;
    const el = formSection({
      title: "Default roles",
      content: [h("p", { class: "hint" }, "Project roles given to users who join this tenant."), holder],
      submitLabel: "Save default roles",
      errorTitle: "Could not save the default roles",
      save: async () => {
        if (!group) return null;
        const next = group.values();
        if (formatList([...next].sort()) === formatList([...(t.defaultRoles ?? [])].sort())) return null;
        await tenant.updateDefaultRoles(t.id, next);
        return true;
      },
      onSaved: saved,
    });
    const fill = () =>
      directory.roles().then(
        (roles) => {
          const names = projectRoles(roles).sort(byName).map((r) => ({ value: r.name, label: r.name }));
          group = checkboxGroup("Project roles", names, t.defaultRoles ?? []);
          holder.replaceChildren(group.el);
        },
        (err) => holder.replaceChildren(errorBox(err, { title: "Could not load the roles", onRetry: fill })),
      );
    fill();
    return el;
  }

  function rolesSection(t, modal) {
    const list = h("div", null, h("p", { class: "muted" }, h("span", { class: "spinner" }), " Loading roles…"));
    const manage = h(
      "button",
      {
        type: "button",
        class: "btn small",
        onclick: () => {
          modal.close();
          navigate("roles", { scope: t.id });
        },
      },
      `Manage the roles of ${t.name}`,
    );
    directory.roles().then(
      (roles) => {
        const own = roles.filter((r) => r.tenantId === t.id).sort(byName);
        list.replaceChildren(
          own.length
            ? h("ul", { class: "chips", "aria-label": `Roles of ${t.name}` }, own.map((r) => h("li", { class: "chip role" }, r.name)))
            : h("p", { class: "muted small" }, "No roles of its own: its members use project roles."),
        );
      },
      (err) => list.replaceChildren(errorBox(err, { title: "Could not load the roles" })),
    );
    return h("section", { class: "panel-section", "aria-label": "Tenant roles" }, h("h3", null, "Tenant roles"), list, h("div", null, manage));
  }

  function deleteSection(t, modal) {
    const button = h("button", { type: "button", class: "btn danger", onclick: () => confirmDelete(t, modal) }, "Delete tenant…");
    return h(
      "section",
      { class: "panel-section danger-zone", "aria-label": "Delete tenant" },
      h("h3", null, "Delete tenant"),
      h("p", { class: "small muted" }, "Its roles, SSO configuration and settings go with it. You choose what happens to its users and access keys."),
      h("div", null, button),
    );
  }

  async function confirmDelete(t, drawer) {
    const counts = h("p", { class: "small muted", "aria-live": "polite" }, "Counting its members…");
    Promise.all([users.search({ tenantIds: [t.id], limit: 1 }), accessKey.searchAll([t.id])]).then(
      ([found, keys]) => {
        const u = found?.total ?? 0;
        const k = keys?.length ?? 0;
        counts.textContent = `${u} ${u === 1 ? "user is" : "users are"} and ${k} access ${k === 1 ? "key is" : "keys are"} in this tenant.`;
      },
      () => (counts.textContent = "The members could not be counted."),
    );
    const keep = h("input", { type: "radio", name: "cascade", value: "keep", checked: true });
    const cascade = h("input", { type: "radio", name: "cascade", value: "cascade" });
    const choice = h(
      "fieldset",
      { class: "radio-group" },
      h("legend", null, "Its users and access keys"),
      h("label", { class: "check" }, keep, h("span", null, "Keep them: they only lose their membership of this tenant")),
      h("label", { class: "check" }, cascade, h("span", null, "Cascade: also delete the users and access keys left with no tenant")),
    );
    const done = await confirmAction({
      title: `Delete ${t.name}?`,
      message: [`The tenant ${t.name} (${t.id}) will be deleted. This cannot be undone.`, counts],
      extra: choice,
      requireText: t.name,
      confirmLabel: "Delete tenant",
      errorTitle: "Could not delete the tenant",
      doneMessage: `Deleted tenant ${t.name}`,
      action: () => tenant.delete(t.id, cascade.checked),
    });
    if (!done) return;
    drawer.close();
    await refresh();
    heading.focus();
  }

  return {
    heading,
    title: "Tenants",
    async show(params) {
      query = params.get("q") ?? "";
      search.value = query;
      await load();
      const wanted = params.get("tenant");
      if (wanted && !document.querySelector("dialog[open]")) openTenant(wanted);
    },
  };
}

// What configureSettings takes, in the service's spellings. Only these are sent back, and an
// unset unit ("") is left out: the service reads an absent key as unset, and refuses "".
const SETTINGS_SENT = [
  "selfProvisioningDomains",
  "domains",
  "authType",
  "enabled",
  "refreshTokenExpiration",
  "refreshTokenExpirationUnit",
  "sessionTokenExpiration",
  "sessionTokenExpirationUnit",
  "stepupTokenExpiration",
  "stepupTokenExpirationUnit",
  "enableInactivity",
  "inactivityTime",
  "inactivityTimeUnit",
  "JITDisabled",
  "ssoSetupSuiteSettings",
  "enforceSSO",
  "enforceSSOExclusions",
  "federatedAppIds",
];

function settingsToSend(settings) {
  const out = {};
  for (const key of SETTINGS_SENT) {
    const value = settings?.[key];
    if (value === undefined || value === null || (value === "" && (key.endsWith("Unit") || key === "authType"))) continue;
    out[key] = value;
  }
  return out;
}

const DURATION_KEYS = ["sessionTokenExpiration", "refreshTokenExpiration", "stepupTokenExpiration", "inactivityTime"];

// The keys the session form edits (for "nothing to save").
const SETTINGS_KEYS = [
  "enabled",
  "enableInactivity",
  "JITDisabled",
  "inactivityTime",
  "inactivityTimeUnit",
  "sessionTokenExpiration",
  "sessionTokenExpirationUnit",
  "refreshTokenExpiration",
  "refreshTokenExpirationUnit",
  "stepupTokenExpiration",
  "stepupTokenExpirationUnit",
];
