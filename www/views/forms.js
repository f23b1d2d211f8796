// Form pieces shared by the tenant, role and access-key views: labelled fields, checkbox
// groups, and a titled form section that runs one save and shows its error in place.
import { h, nextId, announce } from "../dom.js";
import { errorLine } from "../errors.js";
import { showError } from "./error-box.js";

/** A label wired to `input` (and a hint, read out with it). */
export function field(label, input, hint) {
  const id = input.id || nextId("f");
  input.id = id;
  const hintEl = hint && h("p", { class: "hint", id: `${id}-hint` }, hint);
  if (hint) input.setAttribute("aria-describedby", `${id}-hint`);
  return h("div", { class: "field" }, h("label", { for: id }, label), input, hintEl);
}

export function checkbox(label, checked, props = {}) {
  const input = h("input", { type: "checkbox", checked, ...props });
  return { input, el: h("label", { class: "check" }, input, h("span", null, label)) };
}

/**
 * A fieldset of checkboxes. `options`: `[{ value, label }]`; `values()` gives the checked
 * ones, in the options' order.
 */
export function checkboxGroup(legend, options, selected = [], { empty = "None to choose from." } = {}) {
  const chosen = new Set(selected);
  const boxes = options.map((o) => ({ value: o.value, ...checkbox(o.label, chosen.has(o.value)) }));
  const el = h(
    "fieldset",
    { class: "check-fieldset" },
    h("legend", null, legend),
    boxes.length ? h("div", { class: "check-group" }, boxes.map((b) => b.el)) : h("p", { class: "muted small" }, empty),
  );
  return { el, values: () => boxes.filter((b) => b.input.checked).map((b) => b.value) };
}

/** "a.com, b.com\nc.com" → ["a.com", "b.com", "c.com"] (no blanks, no repeats). */
export function parseList(text) {
  return [...new Set(String(text ?? "").split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
}

export const formatList = (list) => (list ?? []).join(", ");

/** A select whose first option is a prompt with no value. */
export function select(options, { prompt, value } = {}) {
  const el = h(
    "select",
    null,
    prompt != null && h("option", { value: "" }, prompt),
    options.map((o) => h("option", { value: o.value, selected: o.value === value }, o.label)),
  );
  return el;
}

/**
 * A titled section with one form. `save()` does the change and resolves to something truthy,
 * or null when there was nothing to change; `onSaved(result)` then repaints. Errors show in
 * the form with Descope's code.
 */
export function formSection({ title, content, submitLabel, save, errorTitle, doneMessage = "Saved", onSaved, className }) {
  const headingId = nextId("h-sec");
  const errorSlot = h("div", { class: "error-slot" });
  const status = h("span", { class: "saved", role: "status" });
  const submit = submitLabel && h("button", { type: "submit", class: "btn primary" }, submitLabel);
  const form = h(
    "form",
    { novalidate: true, "aria-labelledby": headingId },
    content,
    submit && h("div", { class: "form-foot" }, submit, status),
    errorSlot,
  );
  const el = h("section", { class: `panel-section ${className ?? ""}`, "aria-labelledby": headingId }, h("h3", { id: headingId }, title), form);

  /** Runs one change with `button` busy; used by the submit button and per-item buttons. */
  el.run = async (action, { button = submit, done = doneMessage, title: failTitle = errorTitle } = {}) => {
    if (form.getAttribute("aria-busy") === "true") return;
    const label = button?.textContent;
    form.setAttribute("aria-busy", "true");
    if (button) {
      button.disabled = true;
      button.textContent = "Saving…";
    }
    showError(errorSlot, null);
    status.textContent = "";
    try {
      const result = await action();
      if (!result) {
        status.textContent = "Nothing to save";
        return;
      }
      status.textContent = `${done} ✓`;
      announce(`${title}: ${done}`);
      await onSaved?.(result, el);
    } catch (err) {
      if (err?.name === "FormCheck") {
        errorSlot.replaceChildren(h("p", { class: "form-error", role: "alert" }, err.message));
        announce(err.message);
      } else {
        showError(errorSlot, err, { title: failTitle });
        announce(`${failTitle}: ${errorLine(err)}`);
      }
    } finally {
      form.removeAttribute("aria-busy");
      if (button) {
        button.disabled = false;
        button.textContent = label;
      }
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (save) el.run(save);
  });
  el.form = form;
  el.status = status;
  return el;
}

/** An error the page finds before sending anything (e.g. a required field left empty). */
export function formCheck(message) {
  return Object.assign(new Error(message), { name: "FormCheck" });
}

/** A number of some unit ("30 minutes"): `{ el, read() → [n, unit] }`. */
export function durationInput(label, amount, unit, units = ["minutes", "hours", "days", "weeks"]) {
  const n = h("input", { type: "number", min: "0", step: "1", value: amount ? String(amount) : "", inputmode: "numeric" });
  const u = h(
    "select",
    { "aria-label": `${label}: unit` },
    units.map((x) => h("option", { value: x, selected: x === (unit || "minutes") }, x)),
  );
  const id = nextId("dur");
  n.id = id;
  return {
    el: h("div", { class: "field" }, h("label", { for: id }, label), h("div", { class: "duration" }, n, u)),
    read: () => [n.value === "" ? 0 : Number(n.value), u.value],
    inputs: [n, u],
  };
}
