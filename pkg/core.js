// The runtime-independent JavaScript surface. Each entry (node.js, browser.js, workerd.js)
// first initializes the wasm module its own way, then re-exports this file.
import { Client, userMethods, descopeErrorClass } from "./dist/descope_mgmt.js";

/** The error every call rejects with (an `Error` subclass). */
export const DescopeError = descopeErrorClass();

const USER_METHODS = userMethods();

/** A client for Descope's Management API. */
export class DescopeManagement {
  #client;

  constructor(options) {
    this.#client = new Client(options);
    const client = this.#client;
    const user = {};
    // Plain closures, so `const { load } = descope.user` works as with node-sdk.
    for (const name of USER_METHODS) user[name] = (...args) => client.callUser(name, args);
    Object.defineProperty(this, "user", { value: Object.freeze(user), enumerable: true });
  }
}
