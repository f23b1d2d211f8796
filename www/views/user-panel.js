// The user panel: a modal drawer with one small form per concern. Each form saves through one
// package call and re-renders only itself, so unsaved edits elsewhere in the panel survive.
import { h, nextId, announce, avatar, debounce, displayName, primaryLogin, statusBadge, formatDate } from "../dom.js";
import { errorLine } from "../errors.js";
import { errorBox, showError } from "./error-box.js";
import { attributeEditor, attributeLabel } from "./attribute-editors.js";
import { projectRoles, rolesForTenant, byName } from "./directory.js";

const AUDIT_SHOWN = 10; // records shown before "Show all"

/**
 * `users`: the package's `descope.user`; `audit`: `descope.audit`; `attributes()`: a promise
 * of the declared custom attributes; `directory`: the project's tenants and roles (the pickers
 * offer them); `onChanged(user)`; `onClosed(userId)` returns true when it has put the focus
 * somewhere itself.
 */
export function createUserPanel({ dialog, users, audit, attributes, directory, onChanged, onClosed }) {
  let user = null;
  let pendingId = null; // the user being loaded, before `user` is known
  let opener = null;
  let sections = {};
  const frame = h("div", { class: "drawer-frame" });
  dialog.replaceChildren(frame);

  // A click on the backdrop lands on the <dialog> itself (the frame covers its box).
  dialog.addEventListener("click", (e) => e.target === dialog && dialog.close());
  dialog.addEventListener("close", () => {
    const id = user?.userId ?? pendingId;
    user = null;
    // The app knows where the row is now; else back to what opened the panel.
    if (onClosed?.(id)) return;
    const back = opener?.isConnected ? opener : document.getElementById("users-heading");
    back?.focus();
  });

  const closeButton = () =>
    h("button", { type: "button", class: "icon-btn", "aria-label": "Close user panel", onclick: () => dialog.close() }, "✕");

  function show() {
    if (!dialog.open) dialog.showModal();
  }

  // ---------------------------------------------------------------- shell

  function renderLoading() {
    frame.replaceChildren(
      h("header", { class: "drawer-head" }, h("h2", { id: "panel-title" }, "Loading user…"), closeButton()),
      h("div", { class: "drawer-body", "aria-busy": "true" }, h("p", { class: "muted" }, h("span", { class: "spinner" }), " Loading…")),
    );
  }

  function renderFailure(err, retry) {
    frame.replaceChildren(
      h("header", { class: "drawer-head" }, h("h2", { id: "panel-title" }, "User"), closeButton()),
      h("div", { class: "drawer-body" }, errorBox(err, { title: "Could not load this user", onRetry: retry })),
    );
  }

  function header() {
    return h(
      "header",
      { class: "drawer-head" },
      avatar(user, 56),
      h(
        "div",
        { class: "head-text" },
        h("h2", { id: "panel-title", tabindex: "-1" }, displayName(user)),
        h("p", { class: "muted" }, primaryLogin(user)),
        h("div", { class: "head-badges" }, statusBadge(user.status), user.test && h("span", { class: "badge test" }, "Test user")),
      ),
      closeButton(),
    );
  }

  function render() {
    sections = {};
    const body = h("div", { class: "drawer-body" });
    for (const key of Object.keys(SECTIONS)) {
      sections[key] = SECTIONS[key]();
      body.append(sections[key]);
    }
    frame.replaceChildren(header(), body);
  }

  /** Takes the API's answer as the truth: header, the section that saved, and details. */
  function applyUser(next, key) {
    user = next;
    frame.querySelector(".drawer-head").replaceWith(header());
    for (const k of [key, "activity", "details"]) {
      const fresh = SECTIONS[k]();
      sections[k].replaceWith(fresh);
      sections[k] = fresh;
    }
    onChanged?.(user);
    return sections[key];
  }

  // ---------------------------------------------------------------- form plumbing

  /**
   * A titled section with a form. `save()` returns the updated user (or null when there was
   * nothing to do); errors appear in the form, with Descope's code.
   */
  function section(key, title, { content, submitLabel, save, errorTitle, className }) {
    const headingId = nextId(`h-${key}`);
    const errorSlot = h("div", { class: "error-slot" });
    const statusLine = h("span", { class: "saved", role: "status" });
    const submit = submitLabel && h("button", { type: "submit", class: "btn primary" }, submitLabel);
    const form = h(
      "form",
      { novalidate: true, "aria-labelledby": headingId },
      content,
      submit && h("div", { class: "form-foot" }, submit, statusLine),
      errorSlot,
    );
    const el = h("section", { class: `panel-section ${className ?? ""}`, "aria-labelledby": headingId }, h("h3", { id: headingId }, title), form);

    // Runs one change; used by the submit button and by the per-item buttons (remove role, …).
    el.run = async (action, { button = submit, busyLabel = "Saving…", doneMessage = "Saved", focus } = {}) => {
      if (!user || form.getAttribute("aria-busy") === "true") return;
      const who = user;
      const label = button?.textContent;
      form.setAttribute("aria-busy", "true");
      if (button) {
        button.disabled = true;
        if (busyLabel) button.textContent = busyLabel;
      }
      showError(errorSlot, null);
      statusLine.textContent = "";
      try {
        const next = await action();
        if (who !== user) return; // the panel moved on to another user meanwhile
        if (!next) {
          statusLine.textContent = "Nothing to save";
          return;
        }
        const fresh = applyUser(next, key);
        fresh.querySelector(".saved").textContent = `${doneMessage} ✓`;
        (focus?.(fresh) ?? fresh.querySelector("button[type=submit]") ?? fresh.querySelector("h3"))?.focus();
        announce(`${doneMessage}: ${displayName(next)}`);
      } catch (err) {
        if (who !== user) return;
        if (err.name === "AttributeErrors") {
          // The details are next to each attribute; here only the summary.
          errorSlot.replaceChildren(h("p", { class: "form-error", role: "alert" }, err.message));
          announce(err.message);
        } else {
          showError(errorSlot, err, { title: errorTitle });
          announce(`${errorTitle}: ${errorLine(err)}`);
        }
      } finally {
        if (el.isConnected) {
          form.removeAttribute("aria-busy");
          if (button) {
            button.disabled = false;
            button.textContent = label;
          }
        }
      }
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (save) el.run(save);
    });
    el.errorSlot = errorSlot;
    return el;
  }

  function field(label, input, hint) {
    const id = nextId("f");
    input.id = id;
    const hintEl = hint && h("p", { class: "hint", id: `${id}-hint` }, hint);
    if (hint) input.setAttribute("aria-describedby", `${id}-hint`);
    return h("div", { class: "field" }, h("label", { for: id }, label), input, hintEl);
  }

  function checkbox(label, checked) {
    const input = h("input", { type: "checkbox", checked });
    return { input, el: h("label", { class: "check" }, input, h("span", null, label)) };
  }

  const login = () => primaryLogin(user);

  /**
   * Fills `picker` from `load()` (a directory list) through `toOptions`; a failure is shown
   * in `errorSlot` with a retry. Only listed values can be chosen.
   */
  function fillPicker(picker, errorSlot, load, toOptions, { prompt, none, what }) {
    load().then(
      (all) => {
        const options = toOptions(all);
        picker.replaceChildren(
          h("option", { value: "" }, options.length ? prompt : none),
          ...options.map((o) => h("option", { value: o.value }, o.label)),
        );
        picker.disabled = !options.length;
        showError(errorSlot, null);
      },
      (err) => {
        picker.replaceChildren(h("option", { value: "" }, "Could not load the list"));
        showError(errorSlot, err, {
          title: `Could not load ${what}`,
          onRetry: () => fillPicker(picker, errorSlot, load, toOptions, { prompt, none, what }),
        });
      },
    );
  }

  // ---------------------------------------------------------------- sections

  const SECTIONS = {
    picture() {
      const url = h("input", { type: "url", value: user.picture ?? "", placeholder: "https://…", autocomplete: "off" });
      const preview = h("img", { class: "picture-preview", alt: "Preview of the picture URL", width: 88, height: 88 });
      const note = h("p", { class: "hint preview-note", "aria-live": "polite" });
      const update = () => {
        const value = url.value.trim();
        preview.hidden = !value;
        note.textContent = value ? "" : "No picture: initials are shown instead.";
        if (value && preview.getAttribute("src") !== value) preview.src = value;
      };
      preview.addEventListener("error", () => (note.textContent = "This URL does not load as an image (it can still be saved)."));
      preview.addEventListener("load", () => (note.textContent = ""));
      url.addEventListener("input", debounce(update, 200));
      update();
      return section("picture", "Picture", {
        className: "picture-section",
        content: h(
          "div",
          { class: "picture-row" },
          h("div", { class: "preview-box" }, preview),
          h("div", { class: "grow" }, field("Picture URL", url, "An https:// or data: image URL; the preview updates as you type."), note),
        ),
        submitLabel: "Save picture",
        errorTitle: "Could not save the picture",
        save: () => users.updatePicture(login(), url.value.trim()),
      });
    },

    names() {
      const inputs = {
        name: h("input", { type: "text", value: user.name ?? "", autocomplete: "off" }),
        givenName: h("input", { type: "text", value: user.givenName ?? "", autocomplete: "off" }),
        middleName: h("input", { type: "text", value: user.middleName ?? "", autocomplete: "off" }),
        familyName: h("input", { type: "text", value: user.familyName ?? "", autocomplete: "off" }),
      };
      return section("names", "Name", {
        content: h(
          "div",
          { class: "grid-3" },
          h("div", { class: "span-all" }, field("Display name", inputs.name)),
          field("Given name", inputs.givenName),
          field("Middle name", inputs.middleName),
          field("Family name", inputs.familyName),
        ),
        submitLabel: "Save name",
        errorTitle: "Could not save the name",
        save: () => {
          const v = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()]));
          if (Object.keys(v).every((k) => v[k] === (user[k] ?? ""))) return null;
          return users.updateDisplayName(login(), v.name, v.givenName, v.middleName, v.familyName);
        },
      });
    },

    contact() {
      const email = h("input", { type: "email", value: user.email ?? "", autocomplete: "off" });
      const phone = h("input", { type: "tel", value: user.phone ?? "", autocomplete: "off", placeholder: "+15551234567" });
      const emailOk = checkbox("Email verified", Boolean(user.verifiedEmail));
      const phoneOk = checkbox("Phone verified", Boolean(user.verifiedPhone));
      return section("contact", "Email and phone", {
        content: h(
          "div",
          { class: "grid-2" },
          h("div", null, field("Email", email), emailOk.el),
          h("div", null, field("Phone", phone), phoneOk.el),
        ),
        submitLabel: "Save email and phone",
        errorTitle: "Could not save email or phone",
        save: async () => {
          let next = null;
          const e = email.value.trim();
          const p = phone.value.trim();
          if (e !== (user.email ?? "") || emailOk.input.checked !== Boolean(user.verifiedEmail)) {
            next = await users.updateEmail(login(), e, emailOk.input.checked);
          }
          if (p !== (user.phone ?? "") || phoneOk.input.checked !== Boolean(user.verifiedPhone)) {
            next = await users.updatePhone(login(), p, phoneOk.input.checked);
          }
          return next;
        },
      });
    },

    status() {
      const disabled = user.status === "disabled";
      const text = {
        enabled: "This user can sign in.",
        disabled: "This user cannot sign in.",
        invited: "This user was invited and has not signed up yet.",
        expired: "This user's invitation expired.",
      }[user.status] ?? "";
      const el = section("status", "Status", {
        content: h("p", { class: "status-line" }, statusBadge(user.status), " ", text),
        errorTitle: disabled ? "Could not activate the user" : "Could not deactivate the user",
      });
      const button = h(
        "button",
        {
          type: "button",
          class: disabled ? "btn primary" : "btn danger",
          onclick: () =>
            el.run(() => (disabled ? users.activate(login()) : users.deactivate(login())), {
              button,
              doneMessage: disabled ? "Activated" : "Deactivated",
              focus: (fresh) => fresh.querySelector("button"),
            }),
        },
        disabled ? "Activate user" : "Deactivate user",
      );
      el.querySelector("form").insertBefore(h("div", { class: "form-foot" }, button, h("span", { class: "saved", role: "status" })), el.errorSlot);
      return el;
    },

    roles() {
      const roles = user.roleNames ?? [];
      const picker = h("select", { disabled: true }, h("option", { value: "" }, "Loading roles…"));
      const pickError = h("div");
      const el = section("roles", "Roles", {
        content: [
          roles.length
            ? h(
                "ul",
                { class: "chips editable", "aria-label": "Project roles" },
                roles.map((role) =>
                  h(
                    "li",
                    { class: "chip role" },
                    role,
                    h(
                      "button",
                      {
                        type: "button",
                        class: "chip-remove",
                        "aria-label": `Remove role ${role}`,
                        onclick: (e) =>
                          el.run(() => users.removeRoles(login(), [role]), {
                            button: e.currentTarget,
                            busyLabel: null,
                            doneMessage: `Removed role ${role}`,
                            focus: (fresh) => fresh.querySelector("select"),
                          }),
                      },
                      "✕",
                    ),
                  ),
                ),
              )
            : h("p", { class: "muted" }, "No project roles."),
          h("div", { class: "add-row" }, field("Add a role", picker), pickError),
        ],
        submitLabel: "Add role",
        errorTitle: "Could not change the roles",
        save: () => (picker.value ? users.addRoles(login(), [picker.value]) : null),
      });
      const have = new Set(roles);
      fillPicker(picker, pickError, () => directory.roles(), (all) =>
        projectRoles(all)
          .filter((r) => !have.has(r.name))
          .sort(byName)
          .map((r) => ({ value: r.name, label: r.description ? `${r.name} — ${r.description}` : r.name })),
        { prompt: "Choose a role", none: "Every project role is assigned", what: "the roles" },
      );
      return el;
    },

    tenants() {
      const tenants = user.userTenants ?? [];
      const picker = h("select", { disabled: true }, h("option", { value: "" }, "Loading tenants…"));
      const pickError = h("div");
      const el = section("tenants", "Tenants", {
        content: [
          tenants.length
            ? h("ul", { class: "tenant-list", "aria-label": "Tenants" }, tenants.map((t) => membership(t)))
            : h("p", { class: "muted" }, "Not in any tenant."),
          h("div", { class: "add-row" }, field("Add to tenant", picker), pickError),
        ],
        submitLabel: "Add to tenant",
        errorTitle: "Could not change the tenants",
        save: () => (picker.value ? users.addTenant(login(), picker.value) : null),
      });
      const member = new Set(tenants.map((t) => t.tenantId));
      fillPicker(picker, pickError, () => directory.tenants(), (all) =>
        all
          .filter((t) => !member.has(t.id))
          .sort(byName)
          .map((t) => ({ value: t.id, label: t.name || t.id })),
        { prompt: "Choose a tenant", none: "Already in every tenant", what: "the tenants" },
      );

      /** One membership: the tenant, its roles for this user (remove, add from the list). */
      function membership(t) {
        const name = t.tenantName || t.tenantId;
        const roles = t.roleNames ?? [];
        const rolePicker = h("select", { disabled: true, "aria-label": `Role to add in ${name}` }, h("option", { value: "" }, "Loading roles…"));
        const rolePickError = h("div");
        const add = h(
          "button",
          {
            type: "button",
            class: "btn small",
            "aria-label": `Add the role in ${name}`,
            onclick: (e) =>
              rolePicker.value &&
              el.run(() => users.addTenantRoles(login(), t.tenantId, [rolePicker.value]), {
                button: e.currentTarget,
                doneMessage: `Added role ${rolePicker.value} in ${name}`,
                focus: (fresh) => fresh.querySelector(`select[aria-label="Role to add in ${CSS.escape(name)}"]`),
              }),
          },
          "Add",
        );
        const have = new Set(roles);
        fillPicker(rolePicker, rolePickError, () => directory.roles(), (all) =>
          rolesForTenant(all, t.tenantId)
            .filter((r) => !have.has(r.name))
            .map((r) => ({ value: r.name, label: r.tenantId ? `${r.name} (tenant role)` : r.name })),
          { prompt: "Choose a role", none: "No other role to add", what: "the roles" },
        );
        return h(
          "li",
          { dataset: { tenantId: t.tenantId } },
          h(
            "div",
            { class: "membership" },
            h("div", null, h("strong", null, name), " ", h("span", { class: "muted small" }, t.tenantId)),
            roles.length
              ? h(
                  "ul",
                  { class: "chips editable", "aria-label": `Roles in ${name}` },
                  roles.map((role) =>
                    h(
                      "li",
                      { class: "chip role" },
                      role,
                      h(
                        "button",
                        {
                          type: "button",
                          class: "chip-remove",
                          "aria-label": `Remove role ${role} in ${name}`,
                          onclick: (e) =>
                            el.run(() => users.removeTenantRoles(login(), t.tenantId, [role]), {
                              button: e.currentTarget,
                              busyLabel: null,
                              doneMessage: `Removed role ${role} in ${name}`,
                            }),
                        },
                        "✕",
                      ),
                    ),
                  ),
                )
              : h("div", { class: "small muted" }, "No tenant roles"),
            h("div", { class: "inline-add" }, rolePicker, add),
            rolePickError,
          ),
          h(
            "button",
            {
              type: "button",
              class: "btn small ghost",
              "aria-label": `Remove from tenant ${name}`,
              onclick: (e) =>
                el.run(() => users.removeTenant(login(), t.tenantId), {
                  button: e.currentTarget,
                  doneMessage: `Removed from ${name}`,
                  focus: (fresh) => fresh.querySelector("select"),
                }),
            },
            "Remove",
          ),
        );
      }
      return el;
    },
    attributes() {
      const holder = h("div", { class: "attr-grid" }, h("p", { class: "muted" }, h("span", { class: "spinner" }), " Loading attributes…"));
      let editors = [];
      const el = section("attributes", "Custom attributes", {
        content: holder,
        submitLabel: "Save attributes",
        errorTitle: "Could not save attributes",
        save: async () => {
          let next = null;
          const failures = [];
          for (const editor of editors.filter((e) => e.dirty())) {
            editor.setError(null);
            let value;
            try {
              value = editor.read();
            } catch (err) {
              editor.setError(err.message);
              failures.push(editor);
              continue;
            }
            try {
              // One call per attribute: that is the API; a failure does not stop the others.
              next = await users.updateCustomAttribute(login(), editor.attr.name, value);
              editor.markSaved();
            } catch (err) {
              editor.setError(errorLine(err));
              failures.push(editor);
            }
          }
          if (failures.length) {
            if (next) {
              user = next; // keep the saved ones; the failed ones stay as typed, with their errors
              frame.querySelector(".drawer-head").replaceWith(header());
              onChanged?.(user);
            }
            failures[0].focus();
            const names = failures.map((f) => attributeLabel(f.attr)).join(", ");
            throw Object.assign(new Error(`Not saved: ${names}`), { name: "AttributeErrors" });
          }
          return next;
        },
      });
      // Attribute errors are shown next to each attribute; the form error only sums them up.
      const fill = () =>
        attributes().then(
          (defs) => {
            editors = defs.map((attr) => attributeEditor(attr, user.customAttributes?.[attr.name], { idPrefix: "panel" }));
            const declared = new Set(defs.map((d) => d.name));
            const others = Object.entries(user.customAttributes ?? {}).filter(([k]) => !declared.has(k));
            holder.replaceChildren(
              ...(editors.length ? editors.map((e) => e.element) : [h("p", { class: "muted" }, "This project declares no custom attributes.")]),
            );
            if (others.length) {
              const list = others.map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join("; ");
              holder.append(h("p", { class: "small muted span-2" }, `Values of undeclared attributes: ${list}`));
            }
          },
          (err) => holder.replaceChildren(errorBox(err, { title: "Could not load the attribute definitions", onRetry: () => fill(true) })),
        );
      fill();
      return el;
    },

    activity() {
      const holder = h("div", { class: "audit", "aria-busy": "true" }, h("p", { class: "muted" }, h("span", { class: "spinner" }), " Loading activity…"));
      const who = user;
      const headingId = nextId("h-activity");
      const refresh = h("button", { type: "button", class: "btn small ghost", onclick: () => fill() }, "Refresh");
      const el = h(
        "section",
        { class: "panel-section", "aria-labelledby": headingId },
        h("div", { class: "section-head" }, h("h3", { id: headingId }, "Activity"), refresh),
        holder,
      );
      const fill = async () => {
        holder.setAttribute("aria-busy", "true");
        try {
          const records = await audit.search({ userIds: [who.userId] });
          if (who !== user) return;
          const sorted = [...(records ?? [])].sort((a, b) => (b.occurred ?? 0) - (a.occurred ?? 0));
          holder.replaceChildren(...auditList(sorted));
        } catch (err) {
          if (who !== user) return;
          holder.replaceChildren(errorBox(err, { title: "Could not load the activity", onRetry: () => fill() }));
        }
        holder.setAttribute("aria-busy", "false");
      };
      fill();
      return el;
    },

    details() {
      const authenticators = [
        user.password && "password",
        user.webauthn && "passkey",
        user.TOTP && "authenticator app",
        user.SAML && "SAML",
        user.OIDC && "OIDC",
        ...Object.keys(user.OAuth ?? {}).filter((k) => user.OAuth[k]),
      ].filter(Boolean);
      const row = (term, value) => [h("dt", null, term), h("dd", null, value)];
      return h(
        "section",
        { class: "panel-section details", "aria-label": "Details" },
        h(
          "details",
          null,
          h("summary", null, "Details"),
          h(
            "dl",
            null,
            row("User ID", h("code", null, user.userId ?? "—")),
            row("Login IDs", (user.loginIds ?? []).join(", ") || "—"),
            row("Created", formatDate(user.createdTime)),
            row("Sign-in methods", authenticators.join(", ") || "—"),
            row("Permissions", (user.permissions ?? []).join(", ") || "—"),
          ),
        ),
      );
    },
  };

  /** The audit records, newest first: the first few, and the rest behind "Show all". */
  function auditList(records) {
    if (!records.length) return [h("p", { class: "muted" }, "No recorded activity.")];
    const item = (r) => {
      const when = Number(r.occurred);
      const where = [r.method, r.device, r.geo].filter(Boolean).join(" · ");
      const meta = [
        r.actorId && `by ${r.actorId}`,
        r.remoteAddress && `from ${r.remoteAddress}`,
        r.tenants?.length && `tenants: ${r.tenants.join(", ")}`,
        where,
      ].filter(Boolean);
      return h(
        "li",
        { class: `audit-item type-${r.type || "info"}` },
        h("div", { class: "audit-line" }, h("code", { class: "audit-action" }, r.action || "—"), r.type && r.type !== "info" && h("span", { class: "badge status-expired" }, r.type)),
        h(
          "div",
          { class: "small muted" },
          h("time", { datetime: when ? new Date(when).toISOString() : null }, when ? formatDate(when / 1000) : "—"),
          meta.length ? ` · ${meta.join(" · ")}` : "",
        ),
      );
    };
    const list = h("ol", { class: "audit-list", "aria-label": "Audit trail" }, records.slice(0, AUDIT_SHOWN).map(item));
    const out = [h("p", { class: "small muted" }, `${records.length} ${records.length === 1 ? "record" : "records"}, newest first`), list];
    if (records.length > AUDIT_SHOWN) {
      const more = h(
        "button",
        {
          type: "button",
          class: "btn small",
          onclick: () => {
            list.append(...records.slice(AUDIT_SHOWN).map(item));
            more.remove();
          },
        },
        `Show all ${records.length}`,
      );
      out.push(more);
    }
    return out;
  }

  return {
    get userId() {
      return user?.userId ?? null;
    },
    /** Opens the panel on `initial` (a user object) or loads `userId`. */
    async open({ userId, initial, from }) {
      opener = from ?? document.activeElement;
      // Render before showModal, so the dialog's initial focus lands in the new content;
      // then put focus on the title, so a screen reader announces whose panel this is.
      if (initial) {
        user = initial;
        pendingId = null;
        render();
        show();
        frame.querySelector("h2").focus();
        return;
      }
      user = null;
      pendingId = userId;
      renderLoading();
      show();
      try {
        const loaded = await users.loadByUserId(userId);
        if (!dialog.open) return;
        user = loaded;
        render();
        frame.querySelector("h2").focus();
        onChanged?.(user);
      } catch (err) {
        if (dialog.open) renderFailure(err, () => this.open({ userId, from: opener }));
      }
    },
    close: () => dialog.open && dialog.close(),
  };
}
