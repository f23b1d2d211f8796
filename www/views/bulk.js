// Bulk actions on the selected users. The API has one call per user, so a job is a queue run
// by a few workers: a failure is recorded against its user and the rest go on; failed users
// can be retried as many times as needed.
import { h, nextId, announce, displayName, primaryLogin } from "../dom.js";
import { errorLine } from "../errors.js";
import { errorBox } from "./error-box.js";
import { attributeEditor, attributeLabel } from "./attribute-editors.js";

const WORKERS = 4; // enough to be quick, few enough to stay polite to rate limits

const ACTIONS = {
  attribute: "Set a custom attribute",
  role: "Add a role",
  deactivate: "Deactivate",
};

/**
 * `section`: the <section> to fill; `users`: `descope.user`; `attributes()`: promise of the
 * definitions; `selection()`: the selected users; `onClear()`, `onDone()`.
 */
export function createBulk({ section, users, attributes, selection, onClear, onDone }) {
  let job = null; // { title, items: [{ user, state, message, el }], running }
  let editor = null;

  const headingId = "bulk-heading";
  const countText = h("span", { class: "bulk-count", "aria-live": "polite" });
  const clearButton = h("button", { type: "button", class: "btn ghost small", onclick: () => onClear() }, "Clear selection");

  const actionId = nextId("bulk-action");
  const action = h(
    "select",
    { id: actionId },
    Object.entries(ACTIONS).map(([value, label]) => h("option", { value }, label)),
  );
  const attrId = nextId("bulk-attr");
  const attrSelect = h("select", { id: attrId });
  const attrField = h("div", { class: "field" }, h("label", { for: attrId }, "Attribute"), attrSelect);
  const valueSlot = h("div", { class: "bulk-value" });
  const roleId = nextId("bulk-role");
  const roleInput = h("input", { id: roleId, type: "text", list: "role-options", autocomplete: "off", placeholder: "Role name" });
  const roleField = h("div", { class: "field" }, h("label", { for: roleId }, "Role to add"), roleInput);
  const roleError = h("p", { class: "field-error", hidden: true });
  const apply = h("button", { type: "submit", class: "btn primary" }, "Apply");
  const formError = h("div", { class: "error-slot" });
  const form = h(
    "form",
    { class: "bulk-form", novalidate: true, "aria-labelledby": headingId },
    h("div", { class: "field" }, h("label", { for: actionId }, "Action"), action),
    attrField,
    valueSlot,
    h("div", null, roleField, roleError),
    h("div", { class: "field actions" }, apply),
  );

  const progress = h("progress", { max: 1, value: 0, "aria-label": "Bulk progress" });
  const summary = h("p", { class: "bulk-summary", role: "status" });
  const results = h("ol", { class: "results", "aria-label": "Result per user" });
  const retry = h("button", { type: "button", class: "btn", onclick: () => retryFailed() }, "Retry failed");
  const dismiss = h("button", { type: "button", class: "btn ghost", onclick: () => dismissJob() }, "Dismiss results");
  const jobTitle = h("h3", null);
  const run = h(
    "div",
    { class: "bulk-run", hidden: true },
    jobTitle,
    h("div", { class: "progress-line" }, progress, summary),
    results,
    h("div", { class: "bulk-run-actions" }, retry, dismiss),
  );

  section.replaceChildren(
    h("div", { class: "bulk-head" }, h("h2", { id: headingId }, "Bulk actions"), countText, clearButton),
    form,
    formError,
    run,
  );

  // ------------------------------------------------------------ form

  let defs = [];
  function showValueEditor() {
    const def = defs.find((d) => d.name === attrSelect.value);
    editor = def ? attributeEditor(def, null, { label: "Value", idPrefix: "bulk" }) : null;
    valueSlot.replaceChildren(editor ? editor.element : "");
  }
  function showActionFields() {
    const kind = action.value;
    attrField.hidden = valueSlot.hidden = kind !== "attribute";
    roleField.parentElement.hidden = kind !== "role";
  }
  action.addEventListener("change", showActionFields);
  attrSelect.addEventListener("change", showValueEditor);
  showActionFields();

  function loadDefinitions() {
    attributes().then(
      (list) => {
        defs = list;
        attrSelect.replaceChildren(...defs.map((d) => h("option", { value: d.name }, attributeLabel(d))));
        showValueEditor();
        formError.replaceChildren();
      },
      (err) => formError.replaceChildren(errorBox(err, { title: "Could not load the attribute definitions", onRetry: loadDefinitions })),
    );
  }
  loadDefinitions();

  /** The work for one user, and a title, from the form; null (with errors shown) if invalid. */
  function plan() {
    const kind = action.value;
    if (kind === "attribute") {
      if (!editor) return null;
      editor.setError(null);
      let value;
      try {
        value = editor.read();
      } catch (err) {
        editor.setError(err.message);
        editor.focus();
        return null;
      }
      const name = attrSelect.value;
      const label = attributeLabel(editor.attr);
      return {
        title: `Set ${label} to ${JSON.stringify(value)}`,
        call: (login) => users.updateCustomAttribute(login, name, value),
      };
    }
    if (kind === "role") {
      const role = roleInput.value.trim();
      roleError.hidden = Boolean(role);
      roleError.textContent = role ? "" : "Enter a role name";
      if (!role) {
        roleInput.focus();
        return null;
      }
      return { title: `Add role ${role}`, call: (login) => users.addRoles(login, [role]) };
    }
    return { title: "Deactivate", call: (login) => users.deactivate(login) };
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (job?.running) return;
    const chosen = selection();
    const work = chosen.length && plan();
    if (!work) return;
    job = {
      title: `${work.title} · ${chosen.length} ${chosen.length === 1 ? "user" : "users"}`,
      call: work.call,
      items: chosen.map((user) => ({ user, state: "pending", message: "Waiting" })),
    };
    jobTitle.textContent = job.title;
    results.replaceChildren(...job.items.map((item) => (item.el = h("li"))));
    run.hidden = false;
    execute(job.items);
  });

  // ------------------------------------------------------------ running

  function renderItem(item) {
    const icon = { pending: "•", running: "…", ok: "✓", fail: "✕" }[item.state];
    item.el.className = `result ${item.state}`;
    item.el.replaceChildren(
      h("span", { class: "result-icon", "aria-hidden": "true" }, icon),
      h("span", { class: "result-name" }, displayName(item.user), " ", h("span", { class: "muted small" }, primaryLogin(item.user))),
      h("span", { class: "result-message" }, item.message),
    );
  }

  function renderProgress() {
    const items = job.items;
    const ok = items.filter((i) => i.state === "ok").length;
    const failed = items.filter((i) => i.state === "fail").length;
    progress.max = items.length;
    progress.value = ok + failed;
    summary.textContent = job.running
      ? `Working… ${ok + failed} of ${items.length} done${failed ? `, ${failed} failed` : ""}`
      : `Finished: ${ok} succeeded, ${failed} failed`;
    retry.hidden = job.running || failed === 0;
    retry.textContent = `Retry failed (${failed})`;
    dismiss.disabled = job.running;
    apply.disabled = job.running;
  }

  async function execute(items) {
    job.running = true;
    for (const item of items) {
      item.state = "pending";
      item.message = "Waiting";
      renderItem(item);
    }
    renderProgress();
    const queue = [...items];
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        item.state = "running";
        item.message = "Working…";
        renderItem(item);
        try {
          await job.call(primaryLogin(item.user));
          item.state = "ok";
          item.message = "Done";
        } catch (err) {
          item.state = "fail";
          item.message = `Failed · ${errorLine(err)}`;
        }
        renderItem(item);
        renderProgress();
      }
    };
    await Promise.all(Array.from({ length: Math.min(WORKERS, items.length) }, worker));
    job.running = false;
    renderProgress();
    announce(summary.textContent);
    (retry.hidden ? dismiss : retry).focus();
    onDone?.();
  }

  function retryFailed() {
    if (!job || job.running) return;
    execute(job.items.filter((i) => i.state === "fail"));
  }

  function dismissJob() {
    job = null;
    run.hidden = true;
    results.replaceChildren();
    update(selection().length);
    (section.hidden ? document.getElementById("users-heading") : action).focus();
  }

  /** Called when the selection changes. */
  function update(count) {
    countText.textContent = `${count} ${count === 1 ? "user" : "users"} selected`;
    apply.textContent = `Apply to ${count} ${count === 1 ? "user" : "users"}`;
    apply.disabled = count === 0 || Boolean(job?.running);
    section.hidden = count === 0 && !job;
  }

  update(0);
  return { update };
}
