// Turns a failure into what the page shows: Descope's code and description. Kept apart from
// api.js so the page can still explain itself when the package itself fails to load.

/** `{ code, status, description, retryAfter }` of any thrown value. */
export function describeError(err) {
  // DescopeError by name: this module does not import the package (see above).
  if (err?.name === "DescopeError") {
    return {
      code: err.code || "error",
      status: err.status ?? 0,
      description: err.description || err.message,
      retryAfter: err.retryAfter,
    };
  }
  return { code: "client_error", status: 0, description: String(err?.message ?? err) };
}

/** One-line form, for result lists. */
export function errorLine(err) {
  const { code, description } = describeError(err);
  return `${code}: ${description}`;
}
