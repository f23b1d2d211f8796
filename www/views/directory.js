// The project's tenants, roles and permissions, loaded once and shared by every view (the user
// panel picks from them, the filters suggest them). A view that changes one of them calls
// `changed(kind)`: the next read refetches, and subscribers repaint.

// A tenant's deletion takes its roles with it; a permission's rename shows in the roles.
const KNOCK_ON = { tenants: ["roles"], permissions: ["roles"], roles: [] };

export function createDirectory({ tenant, role, permission }) {
  const loaders = {
    tenants: () => tenant.loadAll(),
    roles: () => role.loadAll(),
    permissions: () => permission.loadAll(),
  };
  const pending = {};
  const last = { tenants: [], roles: [], permissions: [] };
  const listeners = new Set();

  function get(kind) {
    // A failure is forgotten, so "Try again" refetches.
    pending[kind] ??= loaders[kind]().then(
      (list) => (last[kind] = list ?? []),
      (err) => {
        delete pending[kind];
        throw err;
      },
    );
    return pending[kind];
  }

  return {
    tenants: () => get("tenants"),
    roles: () => get("roles"),
    permissions: () => get("permissions"),
    /** Forgets `kinds` (and what depends on them) and tells the subscribers. */
    changed(...kinds) {
      const all = new Set(kinds.flatMap((k) => [k, ...KNOCK_ON[k]]));
      for (const kind of all) delete pending[kind];
      for (const fn of listeners) fn(all);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    /** The last loaded name of a tenant, else its ID. */
    tenantName(id) {
      return last.tenants.find((t) => t.id === id)?.name || id;
    },
  };
}

/** Roles usable everywhere (no tenant). */
export const projectRoles = (roles) => roles.filter((r) => !r.tenantId);

/** Roles usable inside `tenantId`: its own, then the project's (a name resolves to the tenant's first). */
export function rolesForTenant(roles, tenantId) {
  const own = roles.filter((r) => r.tenantId === tenantId);
  const names = new Set(own.map((r) => r.name));
  return [...own, ...projectRoles(roles).filter((r) => !names.has(r.name))];
}

export const byName = (a, b) => (a.name ?? "").localeCompare(b.name ?? "");
