// Bulk actions on the selected users. A job is cut into chunks, and each chunk is one
// patchBatch request, sent one after the other: 1,000 users are 10 requests, far under
// Descope's 500 a minute (one call per user tripped it). patchBatch answers per user, so each
// user still gets its own result and failed users can be retried. A 429 pauses the job for
// Retry-After seconds, then the same chunk is sent again.
import { h, nextId, announce, displayName, primaryLogin } from "../dom.js";
import { describeError, errorLine } from "../errors.js";
import { errorBox } from "./error-box.js";
import { attributeEditor, attributeLabel } from "./attribute-editors.js";

// The reference documents no patchBatch size limit; 100 is also search's page size, which
// the role action's fresh read of a chunk needs (one search per chunk).
const CHUNK = 100;
const RATE_LIMIT_TRIES = 10; // 429s in a row on one chunk before its users are marked failed
const DEFAULT_WAIT_SECS = 60; // Descope's documented back-off, if an answer lacks Retry-After

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
  // The countdown is not a live region: it changes every second (announced once instead).
  const waitLine = h("p", { class: "bulk-wait", hidden: true });
  const results = h("ol", { class: "results", "aria-label": "Result per user" });
  const retry = h("button", { type: "button", class: "btn", onclick: () => retryFailed() }, "Retry failed");
  const dismiss = h("button", { type: "button", class: "btn ghost", onclick: () => dismissJob() }, "Dismiss results");
  const jobTitle = h("h3", null);
  const run = h(
    "div",
    { class: "bulk-run", hidden: true },
    jobTitle,
    h("div", { class: "progress-line" }, progress, summary, waitLine),
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
      // Patch changes only the keys given (reference §5.3): the user's other attributes stay.
      return { title: `Set ${label} to ${JSON.stringify(value)}`, patch: () => ({ customAttributes: { [name]: value } }) };
    }
    if (kind === "role") {
      const role = roleInput.value.trim();
      roleError.hidden = Boolean(role);
      roleError.textContent = role ? "" : "Enter a role name";
      if (!role) {
        roleInput.focus();
        return null;
      }
      // Patch replaces the project roles, so "add" is the user's roles plus this one, read
      // afresh just before each chunk is sent (see sendChunk); users who have it are skipped.
      return {
        title: `Add role ${role}`,
        fresh: true,
        skip: (user) => (user.roleNames ?? []).includes(role) && "Done · already had this role",
        patch: (user) => ({ roles: [...(user.roleNames ?? []), role] }),
      };
    }
    return { title: "Deactivate", patch: () => ({ status: "disabled" }) };
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (job?.running) return;
    const chosen = selection();
    const work = chosen.length && plan();
    if (!work) return;
    job = {
      title: `${work.title} · ${chosen.length} ${chosen.length === 1 ? "user" : "users"}`,
      ...work,
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

  function set(item, state, message) {
    item.state = state;
    item.message = message;
    renderItem(item);
  }

  async function execute(items) {
    job.running = true;
    for (const item of items) set(item, "pending", "Waiting");
    renderProgress();
    for (let i = 0; i < items.length; i += CHUNK) {
      await runChunk(items.slice(i, i + CHUNK));
      renderProgress();
    }
    job.running = false;
    renderProgress();
    announce(summary.textContent);
    (retry.hidden ? dismiss : retry).focus();
    onDone?.();
  }

  /** One chunk to its end: each user ok or failed; a 429 waits and sends it again. */
  async function runChunk(chunk) {
    for (let tries = 1; ; tries++) {
      for (const item of chunk) set(item, "running", "Working…");
      try {
        const outcome = await sendChunk(chunk);
        chunk.forEach((item, i) => set(item, ...outcome[i]));
        return;
      } catch (err) {
        const { status, retryAfter } = describeError(err);
        if (status === 429 && tries < RATE_LIMIT_TRIES) {
          for (const item of chunk) set(item, "pending", "Waiting · rate limited");
          await wait(retryAfter > 0 ? retryAfter : DEFAULT_WAIT_SECS);
          continue;
        }
        // The whole request failed (or stayed rate limited): every user in it can be retried.
        for (const item of chunk) set(item, "fail", `Failed · ${errorLine(err)}`);
        return;
      }
    }
  }

  /** Sends one patchBatch; resolves to [state, message] per item; throws if the request fails. */
  async function sendChunk(chunk) {
    let current = chunk.map((item) => item.user);
    if (job.fresh) {
      const { users: found } = await users.search({
        userIds: chunk.map((item) => item.user.userId),
        withTestUser: true,
        limit: chunk.length,
      });
      const byId = new Map(found.map((u) => [u.userId, u]));
      current = chunk.map((item) => byId.get(item.user.userId) ?? null);
    }
    // Settled before sending: users the fresh read did not find, and users with nothing to do.
    const outcome = current.map((user) => {
      if (!user) return ["fail", "Failed · user not found"];
      const skipped = job.skip?.(user);
      return skipped ? ["ok", skipped] : null;
    });
    const sent = current.map((user, i) => (outcome[i] ? null : primaryLogin(user)));
    const entries = sent.flatMap((id, i) => (id ? [{ loginIdOrUserId: id, ...job.patch(current[i]) }] : []));
    if (!entries.length) return outcome;

    const answer = await users.patchBatch(entries);
    // Answers name users by user ID and login IDs; a failed entry may only echo the login ID.
    const names = (u) => [u?.userId, ...(u?.loginIds ?? [])].filter(Boolean);
    const patched = new Set((answer.patchedUsers ?? []).flatMap(names));
    const failed = new Map();
    for (const f of answer.failedUsers ?? []) for (const n of names(f.user)) failed.set(n, f.failure);
    const extra = answer.additionalErrors ?? {};
    return chunk.map((_, i) => {
      if (outcome[i]) return outcome[i];
      const id = sent[i];
      const { userId } = current[i];
      const failure = failed.get(id) ?? failed.get(userId) ?? extra[id] ?? extra[userId];
      if (failure !== undefined) return ["fail", `Failed · ${failure || "Descope did not say why"}`];
      if (patched.has(id) || patched.has(userId)) return ["ok", "Done"];
      // Neither patched nor failed: do not claim success; a retry sends it again.
      return ["fail", "Failed · Descope reported no result for this user"];
    });
  }

  /** Waits out a rate limit, showing a countdown. */
  async function wait(seconds) {
    const until = Date.now() + seconds * 1000;
    announce(`Rate limited by Descope; resuming in ${seconds} seconds`);
    waitLine.hidden = false;
    for (let left = seconds; left > 0; left = Math.ceil((until - Date.now()) / 1000)) {
      waitLine.textContent = `Rate limited, resuming in ${left} s`;
      await new Promise((done) => setTimeout(done, Math.min(1000, until - Date.now())));
    }
    waitLine.hidden = true;
    waitLine.textContent = "";
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
