// @ts-check
// A wasm-bindgen snippet: the JSON text of a value, when JSON carries it faithfully.
//
// `validate(object)` reads this text in one piece rather than walking the object property by
// property across the Wasm boundary. It is only used when nothing would be changed by
// serialising: every value that JSON.stringify alters (a Date or other toJSON, NaN or an
// infinity, boxed or not, a function or symbol, `undefined` in an array) or that makes it throw
// (a BigInt, a cycle, a throwing getter) sends `validate` down the walk instead, which reports
// such values precisely. Lone surrogates need no check: JSON.stringify escapes them (`"\ud800"`), and the
// Rust parser flags escaped ones as the walk does.
//
// The check is a separate loop rather than a JSON.stringify replacer: a replacer is a call per
// value and doubled the time of serialising (5.5 ms against 2.9 ms for a 1 MB request; the loop
// takes 0.4 ms).

/**
 * @param {unknown} value
 * @returns {string | undefined} the JSON text, or undefined when it would not be faithful
 */
export function faithfulJson(value) {
  if (typeof value !== "object" || value === null) return undefined;
  // Anything that throws (a BigInt, a cycle, a proxy's trap, a getter that fails the second
  // time it is read) sends validate down the walk, which reports it where it is.
  try {
    const text = JSON.stringify(value);
    return carriesFaithfully(value, text.length) ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether JSON.stringify leaves every value under `root` as it is. Runs after a successful
 * JSON.stringify, so the values form no cycle; `budget` (the text's length: each value takes at
 * least one character of it) still bounds the loop should getters answer differently the
 * second time they are read.
 * @param {object} root
 * @param {number} budget
 */
function carriesFaithfully(root, budget) {
  if (typeof (/** @type {any} */ (root).toJSON) === "function") return false;
  /** @type {any[]} */
  const stack = [root];
  while (stack.length > 0) {
    const container = stack.pop();
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i++) {
        const item = container[i];
        // `undefined` in an array is sent as null.
        if (item === undefined || !faithfulLeaf(item, stack)) return false;
      }
      budget -= container.length + 1;
    } else {
      for (const key in container) {
        if (!Object.prototype.hasOwnProperty.call(container, key)) continue;
        const item = container[key];
        // `undefined` in an object is dropped, which is how the walk treats it too.
        if (item === undefined) continue;
        if (!faithfulLeaf(item, stack)) return false;
        budget -= 1;
      }
      budget -= 1;
    }
    if (budget < 0) return false;
  }
  return true;
}

/**
 * Whether one value is sent as it is; objects and arrays are pushed to be checked in turn.
 * @param {unknown} value
 * @param {unknown[]} stack
 */
function faithfulLeaf(value, stack) {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      if (value === null) return true;
      if (typeof (/** @type {any} */ (value).toJSON) === "function") return false;
      // A boxed NaN or infinity is sent as null, as the number is. (Other boxed primitives are
      // sent as the primitive, which is what the walk reads too.) `instanceof` answers for this
      // realm's objects; one from another realm (an iframe, `vm`) is recognised by its tag, and
      // an object that only claims the tag costs a walk.
      if (value instanceof Number ? !Number.isFinite(Number(value)) : !(value instanceof Object) && isForeignBoxedNonFinite(value)) return false;
      stack.push(value);
      return true;
    default:
      // bigint, symbol, function
      return false;
  }
}

/**
 * Whether `value`, an object of another realm (or with no prototype), is a boxed NaN or
 * infinity.
 * @param {object} value
 */
function isForeignBoxedNonFinite(value) {
  return Object.prototype.toString.call(value) === "[object Number]" && !Number.isFinite(Number(value));
}

/**
 * The primitive inside a boxed number, string, boolean or BigInt (`new Number(5)`,
 * `Object(1n)`), as JSON.stringify unwraps it: by ToNumber and ToString for numbers and
 * strings, by the internal value for booleans and BigInts. `undefined` for any other object.
 * The walk asks this of every object that is not an array or a Date; plain objects answer
 * first, without an exception to catch. Whatever throws (a proxy's trap, a valueOf) leaves the
 * value an object, which the walk then reads and reports.
 * @param {object} value
 * @returns {number | string | boolean | bigint | undefined}
 */
export function unboxed(value) {
  try {
    const prototype = Object.getPrototypeOf(value);
    if (prototype === Object.prototype || prototype === null) return undefined;
    for (const [type, unwrap] of BOXES) {
      try {
        // Throws unless `value` has the type's internal slot, whatever its prototype says.
        type.prototype.valueOf.call(value);
      } catch {
        continue;
      }
      return unwrap(value);
    }
  } catch {
    // A proxy or a throwing valueOf: left as an object.
  }
  return undefined;
}

/** @type {Array<[{ prototype: { valueOf(): unknown } }, (value: any) => number | string | boolean | bigint]>} */
const BOXES = [
  [Number, (value) => Number(value)],
  [String, (value) => String(value)],
  [Boolean, (value) => Boolean.prototype.valueOf.call(value)],
  [BigInt, (value) => BigInt.prototype.valueOf.call(value)],
];

/**
 * The result of a valid `validateJson`, whose `value` is the parsed `text`, parsed when first
 * read: callers who only want the verdict (the common use of `validateJson`) do not pay for
 * building the object. `value` sits between `ok` and `warnings` as for `validate`, is enumerable
 * (so spreading, `JSON.stringify` and `structuredClone` see it), and becomes a plain data
 * property once read or assigned. An object literal with an accessor, rather than
 * Object.defineProperty on a finished object, because it is several times cheaper in V8.
 * @param {string} text JSON text the validator accepted, which JSON.parse therefore accepts
 * @param {unknown[]} warnings
 */
export function validParsedOnFirstRead(text, warnings) {
  /** @param {object} target @param {unknown} value */
  const settle = (target, value) =>
    Object.defineProperty(target, "value", { value, writable: true, enumerable: true, configurable: true });
  return {
    ok: true,
    get value() {
      const value = JSON.parse(text);
      settle(this, value);
      return value;
    },
    set value(value) {
      settle(this, value);
    },
    warnings,
  };
}
