// @ts-check
// A wasm-bindgen snippet: the JSON text of a value, when JSON carries it faithfully.
//
// `validate(object)` reads this text in one piece rather than walking the object property by
// property across the Wasm boundary. It is only used when nothing would be changed by
// serialising: every value that JSON.stringify alters (a Date or other toJSON, NaN or an
// infinity, a function or symbol, `undefined` in an array, a string with a lone surrogate) or
// that makes it throw (a BigInt, a cycle, a throwing getter) sends `validate` down the walk
// instead, which reports such values precisely.

// Node 18 has no String.prototype.isWellFormed: there, every value takes the walk.
const canCheckStrings = typeof String.prototype.isWellFormed === "function";

/**
 * @param {unknown} value
 * @returns {string | undefined} the JSON text, or undefined when it would not be faithful
 */
export function faithfulJson(value) {
  if (!canCheckStrings || typeof value !== "object" || value === null) return undefined;
  let faithful = true;
  /** @this {any} @param {string} key @param {unknown} replaced */
  function check(key, replaced) {
    const original = this[key];
    switch (typeof original) {
      case "object":
        if (original !== null && typeof original.toJSON === "function") faithful = false;
        break;
      case "number":
        if (!Number.isFinite(original)) faithful = false;
        break;
      case "string":
        if (!original.isWellFormed()) faithful = false;
        break;
      case "undefined":
        // Dropped from objects (absent, as the walk treats it), but null in arrays.
        if (Array.isArray(this)) faithful = false;
        break;
      case "boolean":
        break;
      default:
        faithful = false;
    }
    return replaced;
  }
  try {
    const text = JSON.stringify(value, check);
    return faithful ? text : undefined;
  } catch {
    return undefined;
  }
}
