// The access keys view: list (by tenant), create, activate, deactivate, rotate and delete.
// A key's cleartext comes back once, from create and rotate: it is shown in one dialog with a
// copy button, never logged or put in the URL or storage, and dropped when the dialog closes.
import { h, announce, formatDate } from "../dom.js";
import { showError } from "./error-box.js";
import { openModal, confirmAction } from "./modal.js";
import { field, checkbox, checkboxGroup, parseList, select, formCheck } from "./forms.js";
import { projectRoles, rolesForTenant, byName } from "./directory.js";

const DAY = 86_400;
const EXPIRY = [
  ["never", "Never"],
  ["30", "In 30 days"],
  ["90", "In 90 days"],
  ["365", "In a year"],
  ["date", "On a date…"],
];

/** `accessKey`: the package's group; `directory`: shared lists; `setParams`: URL state. */
export function createAccessKeysView({ root, accessKey, directory, setParams }) {
  let keys = [];
  let tenants = [];
  let tenantFilter = "";
  let query = "";
  let failed = null;

  const heading = h("h1", { id: "keys-heading", tabindex: "-1" }, "Access keys");
  const summary = h("p", { class: "muted", role: "status" });
  const tenantSelect = h("select", { id: "keys-tenant" });
  const search = h("input", { type: "search", id: "keys-search", placeholder: "Name, description or key ID", autocomplete: "off" });
  const listError = h("div");
  const body = h("tbody");
  const table = h(
    "table",
    { class: "data", "aria-labelledby": "keys-heading" },
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        ["Access key", "Key ID", "Status", "Roles", "Expires", "Created"].map((c) => h("th", { scope: "col" }, c)),
        h("th", { scope: "col", class: "col-actions" }, h("span", { class: "sr-only" }, "Actions")),
      ),
    ),
    body,
  );
  const empty = h("div", { class: "empty", hidden: true }, h("h2", null, "No access keys"), h("p", { class: "muted" }, "None match, or none exist yet."));

  root.append(
    h(
      "div",
      { class: "page-head" },
      heading,
      summary,
      h("div", { class: "head-actions" }, h("button", { type: "button", class: "btn primary", onclick: () => openCreate() }, "New access key")),
    ),
    h(
      "form",
      { class: "filters card filters-simple", role: "search", "aria-label": "Filter access keys", onsubmit: (e) => e.preventDefault() },
      h("div", { class: "field grow" }, h("label", { for: "keys-search" }, "Search access keys"), search),
      h("div", { class: "field" }, h("label", { for: "keys-tenant" }, "Filter by tenant"), tenantSelect),
    ),
    h("section", { class: "card table-card", "aria-labelledby": "keys-heading" }, listError, h("div", { class: "table-scroll" }, table), empty),
  );
  search.addEventListener("input", () => {
    query = search.value.trim();
    setParams({ tenant: tenantFilter, q: query });
    render();
  });
  tenantSelect.addEventListener("change", () => {
    tenantFilter = tenantSelect.value;
    setParams({ tenant: tenantFilter, q: query });
    load();
  });

  // ---------------------------------------------------------------- list

  let loadSeq = 0;
  async function load() {
    const mine = ++loadSeq; // only the latest load may paint
    table.setAttribute("aria-busy", "true");
    root.setAttribute("aria-busy", "true");
    if (!keys.length) body.replaceChildren(h("tr", { class: "loading-row" }, h("td", { colspan: 7 }, h("span", { class: "spinner" }), " Loading access keys…")));
    directory.tenants().then(
      (list) => {
        tenants = [...list].sort(byName);
        renderTenants();
        render();
      },
      () => {}, // the filter then offers "Any tenant" only; the list still loads
    );
    try {
      const found = await accessKey.searchAll(tenantFilter ? [tenantFilter] : undefined);
      if (mine !== loadSeq) return;
      keys = found ?? [];
      failed = null;
      showError(listError, null);
    } catch (err) {
      if (mine !== loadSeq) return;
      failed = err;
      keys = [];
      showError(listError, err, { title: "Could not load access keys", onRetry: () => load() });
    }
    table.setAttribute("aria-busy", "false");
    render();
    root.setAttribute("aria-busy", "false");
  }

  function renderTenants() {
    tenantSelect.replaceChildren(
      h("option", { value: "" }, "Any tenant"),
      ...tenants.map((t) => h("option", { value: t.id }, t.name)),
      tenantFilter && !tenants.some((t) => t.id === tenantFilter) ? h("option", { value: tenantFilter }, tenantFilter) : null,
    );
    tenantSelect.value = tenantFilter;
  }

  const tenantName = (t) => t.tenantName || tenants.find((x) => x.id === t.tenantId)?.name || t.tenantId;

  function matches(k) {
    if (!query) return true;
    const q = query.toLowerCase();
    return [k.name, k.description, k.id].some((s) => String(s ?? "").toLowerCase().includes(q));
  }

  const expired = (k) => Number(k.expireTime) > 0 && Number(k.expireTime) * 1000 < Date.now();

  function statusBadge(k) {
    if (k.status === "inactive") return h("span", { class: "badge status-disabled" }, "Inactive");
    if (expired(k)) return h("span", { class: "badge status-expired" }, "Expired");
    return h("span", { class: "badge status-enabled" }, "Active");
  }

  function rolesCell(k) {
    const items = [
      ...(k.roleNames ?? []).map((r) => h("li", { class: "chip role" }, r)),
      ...(k.keyTenants ?? []).map((t) =>
        h("li", { class: "chip", title: t.tenantId }, `${tenantName(t)}${t.roleNames?.length ? `: ${t.roleNames.join(", ")}` : ""}`),
      ),
    ];
    return items.length ? h("ul", { class: "chips" }, items) : h("span", { class: "muted" }, "—");
  }

  function render() {
    const shown = keys.filter(matches).sort(byName);
    summary.textContent = failed ? "" : `${shown.length} ${shown.length === 1 ? "access key" : "access keys"}${query ? ` of ${keys.length}` : ""}`;
    table.hidden = Boolean(failed) || !shown.length;
    empty.hidden = Boolean(failed) || shown.length > 0;
    body.replaceChildren(...shown.map(row));
  }

  function row(k) {
    const name = k.name || k.id;
    const active = k.status !== "inactive";
    const actions = [
      h(
        "button",
        { type: "button", class: "btn small", "aria-label": `${active ? "Deactivate" : "Activate"} ${name}`, onclick: (e) => setActive(k, !active, e.currentTarget) },
        active ? "Deactivate" : "Activate",
      ),
      h("button", { type: "button", class: "btn small", "aria-label": `Rotate ${name}`, disabled: !active || expired(k), onclick: () => rotate(k) }, "Rotate"),
      h("button", { type: "button", class: "btn small danger", "aria-label": `Delete ${name}`, onclick: () => remove(k) }, "Delete"),
    ];
    return h(
      "tr",
      { dataset: { keyId: k.id } },
      h(
        "td",
        null,
        h("div", { class: "key-cell" }, h("strong", { class: "key-name" }, name), k.description && h("span", { class: "muted small" }, k.description), k.boundUserId && h("span", { class: "muted small" }, "Bound to user ", h("code", null, k.boundUserId))),
      ),
      h("td", null, h("code", null, k.id)),
      h("td", null, statusBadge(k)),
      h("td", null, rolesCell(k)),
      h("td", null, Number(k.expireTime) ? formatDate(Number(k.expireTime)) : h("span", { class: "muted" }, "Never")),
      h("td", null, formatDate(Number(k.createdTime))),
      h("td", { class: "col-actions" }, h("div", { class: "row-actions" }, actions), h("div", { class: "row-error" })),
    );
  }

  /** The row's error slot, for failures of a row action. */
  const rowError = (id) => body.querySelector(`tr[data-key-id="${CSS.escape(id)}"] .row-error`);

  function focusRow(id, which = ".key-name") {
    const el = body.querySelector(`tr[data-key-id="${CSS.escape(id)}"] ${which}`);
    return el ?? heading;
  }

  // ---------------------------------------------------------------- actions

  async function setActive(k, on, button) {
    button.disabled = true;
    const slot = rowError(k.id);
    if (slot) showError(slot, null);
    try {
      if (on) await accessKey.activate(k.id);
      else await accessKey.deactivate(k.id);
      await load();
      announce(`${on ? "Activated" : "Deactivated"} ${k.name}`);
      focusRow(k.id, "button").focus();
    } catch (err) {
      button.disabled = false;
      const again = rowError(k.id);
      if (again) showError(again, err, { title: on ? "Could not activate the key" : "Could not deactivate the key" });
    }
  }

  async function rotate(k) {
    const answer = await confirmAction({
      title: `Rotate ${k.name}?`,
      message: "A new secret is made and the current one stops working at once: whatever uses this key needs the new one.",
      confirmLabel: "Rotate key",
      errorTitle: "Could not rotate the key",
      doneMessage: `Rotated ${k.name}`,
      action: () => accessKey.rotate(k.id),
    });
    if (!answer) return;
    await load();
    reveal(answer, { title: `New secret for ${k.name}` });
  }

  async function remove(k) {
    const done = await confirmAction({
      title: `Delete ${k.name}?`,
      message: "Whatever uses this key can no longer sign in with it. This cannot be undone.",
      confirmLabel: "Delete key",
      errorTitle: "Could not delete the key",
      doneMessage: `Deleted ${k.name}`,
      action: () => accessKey.delete(k.id),
    });
    if (!done) return;
    await load();
    heading.focus();
  }

  // ---------------------------------------------------------------- create

  async function openCreate() {
    const name = h("input", { type: "text", autocomplete: "off" });
    const description = h("input", { type: "text", autocomplete: "off" });
    const expiry = select(EXPIRY.map(([value, label]) => ({ value, label })), { value: "never" });
    const date = h("input", { type: "date", min: new Date(Date.now() + DAY * 1000).toISOString().slice(0, 10) });
    const dateField = field("Expiry date", date);
    dateField.hidden = true;
    expiry.addEventListener("change", () => (dateField.hidden = expiry.value !== "date"));
    const ips = h("input", { type: "text", autocomplete: "off", placeholder: "203.0.113.0/24, 198.51.100.7" });
    const userId = h("input", { type: "text", autocomplete: "off", spellcheck: "false" });
    const rolesHolder = h("div", null, h("p", { class: "muted small" }, h("span", { class: "spinner" }), " Loading roles and tenants…"));
    const errorSlot = h("div", { class: "error-slot" });
    const submit = h("button", { type: "submit", class: "btn primary" }, "Create access key");
    const form = h(
      "form",
      { class: "modal-form", novalidate: true },
      field("Name", name),
      field("Description", description),
      h("div", { class: "grid-2" }, field("Expires", expiry), dateField),
      rolesHolder,
      field("Permitted IPs", ips, "IP addresses or CIDR ranges, separated by commas. Empty: any address."),
      field("Bound to user (user ID, optional)", userId, "A bound key acts with that user's roles instead of its own."),
      h("div", { class: "form-foot" }, submit),
      errorSlot,
    );
    const modal = openModal({ title: "New access key", content: form, fallbackFocus: () => heading });
    name.focus();

    let picker = null;
    Promise.all([directory.roles(), directory.tenants()]).then(
      ([roles, list]) => {
        picker = rolesPicker(roles, [...list].sort(byName));
        rolesHolder.replaceChildren(picker.el);
      },
      (err) => showError(rolesHolder, err, { title: "Could not load roles and tenants" }),
    );

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      showError(errorSlot, null);
      submit.disabled = true;
      submit.textContent = "Creating…";
      try {
        if (!name.value.trim()) throw formCheck("An access key needs a name.");
        const expireTime = readExpiry(expiry.value, date.value);
        const { roles, tenants: keyTenants } = picker?.read() ?? { roles: [], tenants: [] };
        const permitted = parseList(ips.value);
        const answer = await accessKey.create(
          name.value.trim(),
          expireTime,
          roles.length ? roles : undefined,
          keyTenants.length ? keyTenants : undefined,
          userId.value.trim() || undefined,
          undefined,
          description.value.trim() || undefined,
          permitted.length ? permitted : undefined,
        );
        modal.close();
        await load();
        reveal(answer, { title: `Access key ${answer?.key?.name ?? name.value.trim()} created` });
      } catch (err) {
        if (err.name === "FormCheck") errorSlot.replaceChildren(h("p", { class: "form-error", role: "alert" }, err.message));
        else showError(errorSlot, err, { title: "Could not create the access key" });
        submit.disabled = false;
        submit.textContent = "Create access key";
      }
    });
  }

  function readExpiry(choice, date) {
    if (choice === "never") return 0;
    if (choice === "date") {
      if (!date) throw formCheck("Choose the expiry date.");
      const at = Math.floor(new Date(`${date}T23:59:59`).getTime() / 1000);
      if (!(at > Date.now() / 1000)) throw formCheck("The expiry date must be in the future.");
      return at;
    }
    return Math.floor(Date.now() / 1000) + Number(choice) * DAY;
  }

  /** Project roles, and per tenant a membership with the roles usable there. */
  function rolesPicker(roles, tenantList) {
    const project = checkboxGroup(
      "Project roles",
      projectRoles(roles).sort(byName).map((r) => ({ value: r.name, label: r.name })),
      [],
      { empty: "The project has no roles." },
    );
    const rows = tenantList.map((t) => {
      const member = checkbox(t.name, false);
      const own = checkboxGroup(
        `Roles in ${t.name}`,
        rolesForTenant(roles, t.id).map((r) => ({ value: r.name, label: r.tenantId ? `${r.name} (this tenant's)` : r.name })),
      );
      own.el.hidden = true;
      member.input.addEventListener("change", () => (own.el.hidden = !member.input.checked));
      return { t, member, own, el: h("div", { class: "tenant-pick" }, member.el, own.el) };
    });
    const el = h(
      "div",
      { class: "picker" },
      project.el,
      h(
        "fieldset",
        { class: "check-fieldset" },
        h("legend", null, "Tenants"),
        rows.length ? rows.map((r) => r.el) : h("p", { class: "muted small" }, "The project has no tenants."),
      ),
    );
    return {
      el,
      read: () => ({
        roles: project.values(),
        tenants: rows.filter((r) => r.member.input.checked).map((r) => ({ tenantId: r.t.id, roleNames: r.own.values() })),
      }),
    };
  }

  // ---------------------------------------------------------------- the one showing of a cleartext

  function reveal(answer, { title }) {
    let secret = answer?.cleartext ?? "";
    const keyId = answer?.key?.id;
    const output = h("input", {
      type: "text",
      readonly: true,
      class: "secret",
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": "reveal-warning",
    });
    output.value = secret; // a property, never an attribute: it is not in the markup
    const copied = h("span", { class: "saved", role: "status" });
    const copy = h(
      "button",
      {
        type: "button",
        class: "btn primary",
        onclick: async () => {
          try {
            await navigator.clipboard.writeText(secret);
            copied.textContent = "Copied ✓";
          } catch {
            // No clipboard permission: select it for Ctrl+C instead.
            output.select();
            copied.textContent = "Selected: press Ctrl+C (⌘C) to copy";
          }
        },
      },
      "Copy",
    );
    const modal = openModal({
      title,
      content: h(
        "div",
        { class: "modal-form" },
        h("p", { class: "notice warn", id: "reveal-warning" }, "This is the only time the key is shown. Copy it now and keep it somewhere safe: it cannot be shown again."),
        field("Access key (cleartext)", output),
        h("div", { class: "form-foot" }, copy, h("button", { type: "button", class: "btn", onclick: () => modal.close() }, "Done"), copied),
      ),
      onClose: () => {
        // Gone with the dialog: nothing keeps the secret once it closes.
        output.value = "";
        secret = null;
      },
      fallbackFocus: () => (keyId ? focusRow(keyId) : heading),
    });
    output.focus();
    output.select();
  }

  return {
    heading,
    title: "Access keys",
    show(params) {
      tenantFilter = params.get("tenant") ?? "";
      query = params.get("q") ?? "";
      search.value = query;
      renderTenants();
      load();
    },
  };
}
