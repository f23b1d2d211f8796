// JSON.stringify as node-sdk sends arguments, except that NaN and ±Infinity — which
// JSON.stringify silently turns into null, clearing a value — are refused.
function finiteOnly(key, value) {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new RangeError(`${key ? `\`${key}\`` : "the value"} is ${value}; only finite numbers can be sent`);
  }
  return value;
}

export function toJson(value) {
  return JSON.stringify(value, finiteOnly);
}
