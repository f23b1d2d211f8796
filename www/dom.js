// Small DOM helpers. Elements are built from data with properties and text nodes, never
// innerHTML, so nothing a user record contains is ever parsed as HTML.

// Set as properties (they are live state), everything else as attributes.
const PROPERTIES = new Set(["value", "checked", "disabled", "selected", "indeterminate", "hidden", "multiple", "open"]);

/** `h("button", { class: "btn", onclick }, "Save")` */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (PROPERTIES.has(key)) el[key] = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return el;
}

let uid = 0;
/** A unique element ID, for label/aria wiring. */
export const nextId = (prefix = "id") => `${prefix}-${++uid}`;

/** Tells screen-reader users what just happened (the visible UI shows it too). */
export function announce(message) {
  const region = document.getElementById("announcer");
  region.textContent = "";
  // A fresh text node in a later task is announced even when the text repeats.
  setTimeout(() => (region.textContent = message), 50);
}

const STATUS_LABELS = { enabled: "Enabled", disabled: "Disabled", invited: "Invited", expired: "Expired" };

export function statusBadge(status) {
  return h("span", { class: `badge status-${status ?? "unknown"}` }, STATUS_LABELS[status] ?? status ?? "Unknown");
}

/** The name to show for a user: display name, else the name parts, else the login ID. */
export function displayName(user) {
  const parts = [user.givenName, user.middleName, user.familyName].filter(Boolean).join(" ");
  return user.name || parts || primaryLogin(user) || user.userId || "Unnamed user";
}

/** What the API calls a user by: its first login ID, else its user ID. */
export function primaryLogin(user) {
  return user.loginIds?.[0] || user.userId;
}

function initials(user) {
  const words = displayName(user).replace(/@.*/, "").split(/[\s._-]+/).filter(Boolean);
  return (words[0]?.[0] ?? "?").toUpperCase() + (words[1]?.[0] ?? "").toUpperCase();
}

/** The user's picture, or their initials when there is none (or it fails to load). */
export function avatar(user, size = 36) {
  const fallback = h("span", { class: "avatar fallback", "aria-hidden": "true" }, initials(user));
  fallback.style.setProperty("--size", `${size}px`);
  if (!user.picture) return fallback;
  const img = h("img", {
    class: "avatar",
    src: user.picture,
    alt: "",
    width: size,
    height: size,
    loading: "lazy",
    referrerpolicy: "no-referrer",
  });
  img.style.setProperty("--size", `${size}px`);
  img.addEventListener("error", () => img.replaceWith(fallback), { once: true });
  return img;
}

export function formatDate(seconds) {
  if (!seconds) return "—";
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
