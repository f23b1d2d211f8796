// The users table and its pager. Pure rendering: the app owns the data and the selection.
import { h, avatar, displayName, primaryLogin, statusBadge } from "../dom.js";

const COLUMNS = 6;

function tenantChips(user) {
  const tenants = user.userTenants ?? [];
  if (!tenants.length) return h("span", { class: "muted" }, "—");
  return h(
    "ul",
    { class: "chips", "aria-label": "Tenants" },
    tenants.map((t) => h("li", { class: "chip", title: t.tenantId }, t.tenantName || t.tenantId)),
  );
}

function roleChips(user) {
  const roles = user.roleNames ?? [];
  if (!roles.length) return h("span", { class: "muted" }, "—");
  return h("ul", { class: "chips", "aria-label": "Roles" }, roles.map((r) => h("li", { class: "chip role" }, r)));
}

function row(user, { selected, onToggle, onOpen }) {
  const name = displayName(user);
  const login = primaryLogin(user);
  const email = user.email && user.email !== login ? user.email : null;
  return h(
    "tr",
    { dataset: { userId: user.userId }, class: selected ? "selected" : null },
    h(
      "td",
      { class: "col-check" },
      h("input", {
        type: "checkbox",
        checked: selected,
        "aria-label": `Select ${name}`,
        onchange: (e) => onToggle(user, e.target.checked),
      }),
    ),
    h(
      "td",
      null,
      h(
        "div",
        { class: "user-cell" },
        avatar(user, 36),
        h(
          "div",
          { class: "user-text" },
          h(
            "button",
            { type: "button", class: "link user-name", onclick: (e) => onOpen(user, e.currentTarget), "aria-haspopup": "dialog" },
            name,
          ),
          user.test ? h("span", { class: "badge test" }, "Test user") : null,
        ),
      ),
    ),
    h("td", null, h("div", { class: "login-cell" }, h("span", null, login), email && h("span", { class: "muted small" }, email))),
    h("td", null, statusBadge(user.status)),
    h("td", null, tenantChips(user)),
    h("td", null, roleChips(user)),
  );
}

/** Fills the table body with `users`, or a loading row when there is nothing to show yet. */
export function renderRows(tbody, users, { loading, isSelected, onToggle, onOpen }) {
  if (!users.length && loading) {
    tbody.replaceChildren(
      h(
        "tr",
        { class: "loading-row" },
        h("td", { colspan: COLUMNS }, h("span", { class: "spinner", "aria-hidden": "true" }), " Loading users…"),
      ),
    );
    return;
  }
  tbody.replaceChildren(...users.map((u) => row(u, { selected: isSelected(u), onToggle, onOpen })));
}

/** "Showing 26–50 of 190 users" and the state of the previous/next buttons. */
export function renderPager(els, { page, pageSize, total, count }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = count ? page * pageSize + 1 : 0;
  const to = page * pageSize + count;
  els.range.textContent = total
    ? `Showing ${from}–${to} of ${total} ${total === 1 ? "user" : "users"}`
    : "No users";
  els.label.textContent = `Page ${Math.min(page + 1, pages)} of ${pages}`;
  els.prev.disabled = page <= 0;
  els.next.disabled = page + 1 >= pages;
}
