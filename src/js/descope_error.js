// The error every descope-mgmt call rejects with. Built by the wasm module (src/js/mod.rs)
// and re-exported by the package, so `err instanceof DescopeError` holds everywhere.
export class DescopeError extends Error {
  constructor(message, fields = {}) {
    // A network failure keeps the runtime's error as the standard `cause`.
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = "DescopeError";
    this.status = fields.status ?? 0;
    this.code = fields.code ?? "";
    this.description = fields.description ?? message;
    this.retryAfter = fields.retryAfter;
    if (fields.argument !== undefined) this.argument = fields.argument;
  }

  toJSON() {
    const { name, message, status, code, description, retryAfter, argument } = this;
    return { name, message, status, code, description, retryAfter, argument };
  }
}

// `fields`: status, code and description, and retryAfter, argument and cause when known.
export function makeDescopeError(message, fields) {
  return new DescopeError(message, fields);
}
