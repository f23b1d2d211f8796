// `descope-mgmt/compat`: node-sdk's `DescopeClient(...)` on top of the package, for a
// migration by import swap. Runtime-independent: each entry next to this file hands in the
// DescopeManagement class of its runtime (so that compat and the package share one wasm
// instance). Nothing here calls into wasm while modules load.

// Where node-sdk has a positional form besides the options form, the keys its positional
// arguments fill, in order, after the first one (node-sdk 2.13.0, lib/management/user.ts).
// node-sdk takes the positional form exactly when the second argument is a string.
const USER_FIELDS = ["email", "phone", "displayName", "roles", "userTenants", "customAttributes", "picture", "verifiedEmail", "verifiedPhone"];
const NAME_FIELDS = ["givenName", "middleName", "familyName", "additionalLoginIds"];
const POSITIONAL = {
  user: {
    create: [...USER_FIELDS, ...NAME_FIELDS],
    createTestUser: [...USER_FIELDS, ...NAME_FIELDS],
    update: [...USER_FIELDS, ...NAME_FIELDS],
    invite: [...USER_FIELDS, "inviteUrl", "sendMail", "sendSMS", ...NAME_FIELDS, "templateId", "locale"],
  },
};

// The package's own additions, which are not node-sdk functions.
const NOT_NODE_SDK = new Set(["searchPages"]);

// The package's client-side codes: no HTTP answer carries them.
const CLIENT_CODES = new Set(["invalid_argument", "http_error", "network_error", "timeout", "aborted", "decode_error"]);

/** node-sdk's positional call as the package's options call; any other call as it is. */
function optionsForm(keys, args) {
  if (typeof args[1] !== "string") {
    // node-sdk's options form, which ignores any further argument.
    return args.slice(0, 2);
  }
  const options = {};
  keys.forEach((key, i) => {
    // A position left undefined is a key left out, as in node-sdk's JSON body.
    if (args[i + 1] !== undefined) options[key] = args[i + 1];
  });
  return [args[0], options];
}

/** `errorMessage` from the package's message: `Descope [code] description[: errorMessage] (HTTP n)`. */
function errorMessage(err) {
  const head = `Descope [${err.code}] ${err.description}`;
  const tail = ` (HTTP ${err.status})`;
  const { message } = err;
  if (message.startsWith(`${head}: `) && message.endsWith(tail)) {
    return message.slice(head.length + 2, message.length - tail.length);
  }
  // The package leaves out an errorMessage that repeats the description.
  return err.description;
}

/** A non-2xx body that is JSON but no Descope error (the package quotes it whole when short). */
function jsonBody(err) {
  const head = `HTTP ${err.status} with a body that is not a Descope error: "`;
  if (!err.description.startsWith(head) || !err.description.endsWith('"')) return undefined;
  try {
    return { value: JSON.parse(err.description.slice(head.length, -1)) };
  } catch {
    return undefined; // not JSON, or cut short: node-sdk's JSON parse would throw too
  }
}

/** An error answer as node-sdk's SdkResponse; anything node-sdk would throw on is thrown. */
function failed(err, DescopeError) {
  if (!(err instanceof DescopeError)) throw err;
  let error;
  if (!CLIENT_CODES.has(err.code)) {
    error = { errorCode: err.code, errorDescription: err.description, errorMessage: errorMessage(err) };
  } else if (err.code === "invalid_argument") {
    // Refused before sending: node-sdk would have sent it and had the service's 400 back.
    error = { errorCode: err.code, errorDescription: err.description, errorMessage: err.description, argument: err.argument };
  } else if (err.code === "http_error") {
    const body = jsonBody(err);
    if (body === undefined) throw err;
    error = body.value;
  } else {
    // No answer (network, timeout, abort) or an unreadable 2xx: node-sdk rejects as well.
    throw err;
  }
  // node-sdk adds `retryAfter` (seconds, 0 when the header is missing) to a 429's error.
  if (err.status === 429 && error !== null && typeof error === "object") {
    error.retryAfter = err.retryAfter ?? 0;
  }
  return { code: err.status, ok: false, error };
}

function sdkFunction(fn, keys, DescopeError) {
  return async (...args) => {
    try {
      const data = await fn(...(keys ? optionsForm(keys, args) : args));
      return { code: 200, ok: true, data };
    } catch (err) {
      return failed(err, DescopeError);
    }
  };
}

// node-sdk's `DescopeClient.DescopeErrors`, for code that switches on them.
const DESCOPE_ERRORS = Object.freeze({
  badRequest: "E011001",
  missingArguments: "E011002",
  invalidRequest: "E011003",
  invalidArguments: "E011004",
  wrongOTPCode: "E061102",
  tooManyOTPAttempts: "E061103",
  enchantedLinkPending: "E062503",
  userNotFound: "E062108",
});

/** node-sdk's default export, `DescopeClient(options)`, built on `DescopeManagement`. */
export function compatClient(DescopeManagement, DescopeError) {
  function DescopeClient(options) {
    const descope = new DescopeManagement(options);
    // Plain objects, not frozen: as node-sdk's, for tests that stub a function on them.
    const management = {};
    for (const [group, functions] of Object.entries(descope)) {
      const api = {};
      for (const [name, fn] of Object.entries(functions)) {
        if (!NOT_NODE_SDK.has(name)) api[name] = sdkFunction(fn, POSITIONAL[group]?.[name], DescopeError);
      }
      management[group] = api;
    }
    return { management };
  }
  DescopeClient.DescopeErrors = DESCOPE_ERRORS;
  return DescopeClient;
}
