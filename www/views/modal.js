// Dialogs built on <dialog>: a centred modal or a side drawer, and a confirm step. Each one is
// created when opened and removed from the document when closed, so nothing it showed (an
// access key's cleartext, for one) outlives it.
import { h, nextId, announce } from "../dom.js";
import { errorLine } from "../errors.js";
import { showError } from "./error-box.js";
import { field } from "./forms.js";

/**
 * Opens a dialog. `content` is an element or a list of them; `kind`: "modal" or "drawer";
 * `onClose()` runs after it is gone. Focus returns to what had it, or to `fallbackFocus()`.
 */
export function openModal({ title, subtitle, content, kind = "modal", onClose, fallbackFocus }) {
  const opener = document.activeElement;
  const titleId = nextId("dlg-title");
  const titleEl = h("h2", { id: titleId, tabindex: "-1" }, title);
  const subtitleEl = h("p", { class: "muted small" }, subtitle ?? "");
  const body = h("div", { class: kind === "drawer" ? "drawer-body" : "modal-body" });
  const dialog = h(
    "dialog",
    { class: kind === "drawer" ? "drawer" : "modal", "aria-labelledby": titleId },
    h(
      "div",
      { class: kind === "drawer" ? "drawer-frame" : "modal-frame" },
      h(
        "header",
        { class: kind === "drawer" ? "drawer-head" : "modal-head" },
        h("div", { class: "head-text" }, titleEl, subtitleEl),
        h("button", { type: "button", class: "icon-btn", "aria-label": `Close ${title}`, onclick: () => finish() }, "✕"),
      ),
      body,
    ),
  );
  subtitleEl.hidden = !subtitle;
  body.append(...[content].flat().filter(Boolean));

  // Every way out ends here at once: the "close" event comes a task later, and until then the
  // closed dialog (and what it showed) would still be in the document.
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    if (dialog.open) dialog.close();
    onClose?.();
    dialog.remove();
    const back = opener?.isConnected && opener !== document.body ? opener : fallbackFocus?.();
    back?.focus();
  };
  dialog.addEventListener("cancel", (e) => {
    e.preventDefault(); // Esc: closed here, not by the browser
    finish();
  });
  // A click on the backdrop lands on the <dialog> itself (the frame covers its box).
  dialog.addEventListener("click", (e) => e.target === dialog && finish());
  dialog.addEventListener("close", finish);
  document.body.append(dialog);
  dialog.showModal();
  titleEl.focus();
  return {
    dialog,
    body,
    setTitle(text, sub) {
      titleEl.textContent = text;
      subtitleEl.textContent = sub ?? "";
      subtitleEl.hidden = !sub;
    },
    setContent(...nodes) {
      body.replaceChildren(...nodes.flat().filter(Boolean));
    },
    close: () => finish(),
    get open() {
      return dialog.open;
    },
  };
}

/**
 * A confirm step that runs `action` itself: its error is shown in the dialog (with Descope's
 * code) and the dialog stays open. `requireText`: the user must type it to enable the button.
 * `extra`: more controls (e.g. a cascade choice), read by `action`. Resolves to the action's
 * result, or null when cancelled.
 */
export function confirmAction({ title, message, extra, confirmLabel, requireText, action, errorTitle, doneMessage }) {
  return new Promise((resolve) => {
    let result = null;
    const errorSlot = h("div", { class: "error-slot" });
    const go = h("button", { type: "submit", class: "btn danger-solid" }, confirmLabel);
    const cancel = h("button", { type: "button", class: "btn", onclick: () => modal.close() }, "Cancel");
    let typed = null;
    if (requireText) {
      typed = h("input", { type: "text", autocomplete: "off", spellcheck: "false" });
      go.disabled = true;
      typed.addEventListener("input", () => (go.disabled = typed.value.trim() !== requireText));
    }
    const form = h(
      "form",
      { class: "modal-form", novalidate: true },
      [message].flat().map((m) => (typeof m === "string" ? h("p", null, m) : m)),
      extra,
      typed && field(["Type ", h("strong", null, requireText), " to confirm"], typed),
      h("div", { class: "form-foot" }, go, cancel),
      errorSlot,
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (go.disabled) return;
      const label = go.textContent;
      go.disabled = true;
      go.textContent = "Working…";
      showError(errorSlot, null);
      try {
        result = (await action()) ?? true;
        announce(doneMessage ?? `${label}: done`);
        modal.close();
      } catch (err) {
        showError(errorSlot, err, { title: errorTitle ?? "That did not work" });
        announce(`${errorTitle ?? "That did not work"}: ${errorLine(err)}`);
        if (modal.open) {
          go.disabled = false;
          go.textContent = label;
        }
      }
    });
    const modal = openModal({
      title,
      content: form,
      onClose: () => {
        // Handed over, not kept (a rotation's answer holds a cleartext).
        const out = result;
        result = null;
        resolve(out);
      },
    });
    (typed ?? go).focus();
  });
}
