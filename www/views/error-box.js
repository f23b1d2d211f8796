// An error shown where it happened: what failed, Descope's code and description, and a retry.
import { h } from "../dom.js";
import { describeError } from "../errors.js";

export function errorBox(err, { title = "Something went wrong", onRetry } = {}) {
  const { code, status, description, retryAfter } = describeError(err);
  const meta = [status ? `HTTP ${status}` : "no answer", retryAfter ? `retry after ${retryAfter} s` : null]
    .filter(Boolean)
    .join(" · ");
  return h(
    "div",
    { class: "error-box", role: "alert" },
    h("div", { class: "error-title" }, h("strong", null, title), h("code", { class: "error-code" }, code)),
    h("p", { class: "error-description" }, description),
    h("p", { class: "error-meta" }, meta),
    onRetry && h("button", { type: "button", class: "btn small", onclick: onRetry }, "Try again"),
  );
}

/** Replaces the content of `slot` with an error box (or clears it). */
export function showError(slot, err, options) {
  slot.replaceChildren(err ? errorBox(err, options) : "");
}
