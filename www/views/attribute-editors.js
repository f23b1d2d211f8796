// One editor per custom attribute type, as `getCustomAttributes` declares them:
// 1 text, 2 number, 3 boolean, 4 single select (`options`), 5 multi select / list, 6 date (ms).
import { h, nextId } from "../dom.js";

export const TYPE = { TEXT: 1, NUMBER: 2, BOOLEAN: 3, SELECT: 4, LIST: 5, DATE: 6 };
const TYPE_NAMES = { string: 1, text: 1, number: 2, numeric: 2, boolean: 3, bool: 3, singleselect: 4, multiselect: 5, date: 6 };
const TYPE_LABELS = { 1: "Text", 2: "Number", 3: "Yes / no", 4: "Choice", 5: "List", 6: "Date" };

/** The numeric type of a definition (some SDKs name types instead of numbering them). */
export function attributeType(attr) {
  if (typeof attr.type === "number") return attr.type;
  return TYPE_NAMES[String(attr.type).toLowerCase().replace(/[^a-z]/g, "")] ?? TYPE.TEXT;
}

export const typeLabel = (attr) => TYPE_LABELS[attributeType(attr)] ?? "Text";
export const attributeLabel = (attr) => attr.displayName || attr.name;

const options = (attr) => (attr.options ?? []).map((o) => (typeof o === "string" ? { value: o, label: o } : o));

// Compare by meaning: list order and "unset vs. false" do not count as changes.
function normalize(type, value) {
  if (type === TYPE.BOOLEAN) return Boolean(value);
  if (type === TYPE.LIST) return JSON.stringify([...(Array.isArray(value) ? value : [])].map(String).sort());
  return value === "" || value === undefined ? null : value;
}

const msToDateInput = (ms) => (typeof ms === "number" && Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : "");
const dateInputToMs = (text) => {
  const [y, m, d] = text.split("-").map(Number);
  return Date.UTC(y, m - 1, d); // a date attribute is midnight UTC, in milliseconds
};

/**
 * An editor for `attr` showing `value`. Returns `{ element, read(), dirty(), focus() }`;
 * `read()` throws an Error with a message for the user when the input is not valid.
 * `label` overrides the visible label (the bulk form says "Value").
 */
export function attributeEditor(attr, value, { label = attributeLabel(attr), idPrefix = "attr" } = {}) {
  const type = attributeType(attr);
  const id = nextId(`${idPrefix}-${attr.name}`);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  let control; // the focusable element
  let read;
  let body;

  const labelled = (el) => {
    el.id = id;
    el.setAttribute("aria-describedby", `${hintId} ${errorId}`);
    return el;
  };
  const hint = h("span", { class: "type-hint", id: hintId }, typeLabel(attr));

  switch (type) {
    case TYPE.NUMBER: {
      control = labelled(h("input", { type: "number", step: "any", inputmode: "decimal", value: value ?? "" }));
      read = () => {
        const text = control.value.trim();
        if (text === "") return null;
        const n = Number(text);
        if (!Number.isFinite(n)) throw new Error("Enter a number");
        return n;
      };
      break;
    }
    case TYPE.BOOLEAN: {
      control = labelled(h("input", { type: "checkbox", class: "switch", role: "switch", checked: value === true }));
      read = () => control.checked;
      break;
    }
    case TYPE.SELECT: {
      const choices = options(attr);
      // Keep a stored value that is no longer an option, so opening the panel changes nothing.
      if (value != null && !choices.some((o) => o.value === value)) choices.push({ value, label: `${value} (not an option)` });
      control = labelled(
        h(
          "select",
          null,
          h("option", { value: "" }, "— Not set —"),
          choices.map((o) => h("option", { value: o.value, selected: o.value === value }, o.label || o.value)),
        ),
      );
      read = () => control.value || null;
      break;
    }
    case TYPE.LIST: {
      const current = Array.isArray(value) ? value.map(String) : [];
      const choices = options(attr);
      if (choices.length) {
        for (const v of current) if (!choices.some((o) => o.value === v)) choices.push({ value: v, label: v });
        const boxes = choices.map((o) => {
          const box = h("input", { type: "checkbox", value: o.value, checked: current.includes(o.value) });
          return { box, el: h("label", { class: "check" }, box, h("span", null, o.label || o.value)) };
        });
        control = boxes[0]?.box ?? h("span");
        read = () => boxes.filter((b) => b.box.checked).map((b) => b.box.value);
        // A group: the legend is its accessible name.
        body = h(
          "fieldset",
          { class: "field attr-field", "aria-describedby": `${hintId} ${errorId}`, dataset: { attribute: attr.name } },
          h("legend", null, label, " ", hint),
          h("div", { class: "check-group" }, boxes.map((b) => b.el)),
          error,
        );
      } else {
        control = labelled(h("input", { type: "text", value: current.join(", "), placeholder: "value, value, …" }));
        hint.textContent = "List · separate values with commas";
        read = () =>
          control.value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean);
      }
      break;
    }
    case TYPE.DATE: {
      control = labelled(h("input", { type: "date", value: msToDateInput(value) }));
      read = () => {
        if (control.value === "") return null;
        const ms = dateInputToMs(control.value);
        if (!Number.isFinite(ms)) throw new Error("Enter a date");
        return ms;
      };
      break;
    }
    default: {
      control = labelled(h("input", { type: "text", value: value == null ? "" : String(value) }));
      read = () => (control.value === "" ? null : control.value);
    }
  }

  if (!body) {
    const labelEl = h("label", { for: id }, label, " ", hint);
    body =
      type === TYPE.BOOLEAN
        ? h("div", { class: "field attr-field inline", dataset: { attribute: attr.name } }, control, labelEl, error)
        : h("div", { class: "field attr-field", dataset: { attribute: attr.name } }, labelEl, control, error);
  }

  let original = normalize(type, value);
  return {
    attr,
    element: body,
    read,
    dirty() {
      try {
        return normalize(type, read()) !== original;
      } catch {
        return true; // invalid input is a change the user has to resolve
      }
    },
    /** The current input is now what is stored. */
    markSaved() {
      original = normalize(type, read());
    },
    setError(message) {
      error.textContent = message ?? "";
      error.hidden = !message;
      body.classList.toggle("invalid", Boolean(message));
    },
    focus: () => control.focus(),
  };
}
