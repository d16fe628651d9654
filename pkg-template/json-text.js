// @ts-check
// A wasm-bindgen snippet: how a JS value reaches the validator, in one piece rather than
// property by property across the Wasm boundary.
// - `jsonTape`: plain data written as the Rust parser's tape, which `validate(object)` reads.
// - `looseJsonTape`: any value written as such a tape, with what JSON cannot carry (a Date, a
//   BigInt, a cycle, a getter that threw…) recorded where it is: for the values `jsonTape`
//   does not take, and the only other way a JS value is read.
// - `faithfulJson`: the JSON text of a value, which `submit`, `withDefaults` and the builder
//   validate (and then send or copy: the text validated is the text used).
//
// `faithfulJson`'s text is only used when nothing would be changed by
// serialising: every value that JSON.stringify alters (a Date or other toJSON, NaN or an
// infinity, boxed or not, a function or symbol, `undefined` in an array, a Map or Set, which it
// sends as `{}`) or that makes it throw
// (a BigInt, a cycle, a throwing getter) is read through `looseJsonTape` instead, which reports
// such values precisely. Lone surrogates need no check: JSON.stringify escapes them (`"\ud800"`), and the
// Rust parser flags escaped ones as `looseJsonTape` does.
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
  // time it is read) sends validate to `looseJsonTape`, which reports it where it is.
  try {
    const text = JSON.stringify(value);
    return carriesFaithfully(value, text.length) ? text : undefined;
  } catch {
    return undefined;
  }
}

// The tags of `src/validate/json.rs`'s tape, in an entry's top 3 bits (null's is 0). Entries
// are written as int32 with `|`, which V8 keeps in integer registers; Wasm reads the same bits
// as u32.
const FALSE_TAG = 1 << 29, TRUE_TAG = 2 << 29, NUMBER_TAG = 3 << 29, STRING_TAG = 4 << 29, ARRAY_TAG = 6 << 29, OBJECT_TAG = 7 << 29;
/** The bits of an entry's first word that hold its tag. */
const TAG_MASK = 7 << 29;
/** The `b` of a NUMBER entry whose value is in `numbers` (`JS_NUMBER` in json.rs, u32::MAX). */
const JS_NUMBER = -1;
/** The deepest nesting the tape takes (`MAX_DEPTH` in json.rs). */
const MAX_DEPTH = 128;
/**
 * What a NULL entry's `b` says stood there, in a tape from `looseJsonTape`: the JS values JSON
 * has no literal for, and the reads that threw (the `js` module in json.rs; 0 is `null`).
 */
const UNDEFINED = 1, BIGINT = 2, SYMBOL = 3, FUNCTION = 4, DATE = 5, TO_JSON = 6, MAP_OR_SET = 7, CYCLE = 8, TOO_DEEP = 9, UNREADABLE = 10, UNLISTED_OBJECT = 11, UNLISTED_ARRAY = 12;
/** The most bytes of strings a tape holds (`MAX_LEN` in json.rs): the JSON text route's limit. */
const MAX_TEXT = (1 << 29) - 1;
/** The most words of entries a tape holds: 2^27 values, 1 GiB of entries. */
const MAX_WORDS = 1 << 28;
/** Thrown when a value has more strings or values than a tape holds; `looseJsonTape` answers `undefined`. */
const TOO_LARGE = Symbol("too large");
/**
 * A buffer larger than this many elements is kept only while calls use a quarter of it: a
 * caller validating 10 MB documents reuses it, and one that validated one such document
 * does not hold the memory after its next, smaller call.
 */
const SMALL = 1 << 16;
/**
 * Strings are gathered into a rope of about this many UTF-16 units, then encoded as UTF-8 in
 * one call. One rope for the whole document was slower than JSON.stringify from 1 MB on: its
 * hundreds of thousands of pieces outlive the young generation, and a 10 MB document took 72
 * ms against stringify's 40. One TextEncoder call per string costs 50 ns each.
 */
const CHUNK = 1 << 14;

const encoder = new TextEncoder();
// The writer's state. Module-level functions rather than closures made per call: V8 inlines and
// keeps optimised code only for a call target it has seen before, and new closures on each call
// deoptimised the walk (it took 1.5x as long).
// Buffers are reused from call to call: Wasm copies a tape before the next one is written.
let entries = new Int32Array(1024);
let numbers = new Float64Array(64);
let bytes = new Uint8Array(CHUNK * 3);
/** Entries, numbers and UTF-8 bytes written, UTF-16 units of strings seen. */
let n = 0, count = 0, written = 0, units = 0;
/** Strings not yet encoded, and the entry of the first of them. */
let pending = "";
let pendingEntry = 0;
/** Whether a tape is being written: a getter that calls `validate` must not write into it. */
let busy = false;
/** `looseJsonTape`'s `kindOnly`: containers are written without their items. */
let kindOnly = false;
/** `looseJsonTape`'s: the entries (pairs) of strings with a lone surrogate, and the objects and arrays above the value being written. */
/** @type {number[]} */
let lone = [];
/** @type {object[]} */
let ancestors = [];

/**
 * A JS value as the tape `src/validate/json.rs` reads (`Tape::from_js` says how it differs
 * from a parsed one), the fast way, or undefined when the value needs `looseJsonTape`'s careful
 * walk. This walk takes data (strings, numbers, booleans, null, arrays, objects read by their
 * own enumerable keys, class instances too) and records, as `looseJsonTape` does and where
 * they are, the values that JSON changes and that stand for no keys of their own: NaN and
 * infinities, `undefined` in an array, a BigInt, a symbol, a function, a Date or other object
 * with `toJSON`, a Map or Set, a boxed primitive; and lists strings with a lone surrogate. It
 * leaves to `looseJsonTape` (undefined) what that walk reports more precisely: an array with
 * `toJSON`, nesting deeper than the tape takes (or a cycle), and any read that throws (a getter,
 * a proxy's trap).
 *
 * `validate(object)` reads this rather than the JSON text: serialising and parsing the text back
 * costs about twice what this walk does. It reads each property once, in JSON.stringify's order.
 * `text` holds every string, keys included, one after another, as UTF-8.
 * @param {unknown} root
 * @returns {{ entries: Uint32Array, numbers: Float64Array, text: Uint8Array, lone: Uint32Array } | undefined}
 */
export function jsonTape(root) {
  if (busy || typeof root !== "object" || root === null || hasEnumerableInheritedKeys()) return undefined;
  busy = true;
  n = count = written = units = pendingEntry = 0;
  pending = "";
  lone = [];
  try {
    if (!writeValue(root, 0)) return undefined;
    flush();
  } catch {
    // A getter or a proxy's trap threw: `looseJsonTape` reports it where it is.
    return undefined;
  } finally {
    busy = false;
    pending = "";
  }
  return finishedTape();
}

/** The tape written, as views of the buffers. */
function finishedTape() {
  const tape = { entries: new Uint32Array(entries.buffer, 0, n), numbers: numbers.subarray(0, count), text: bytes.subarray(0, written), lone: Uint32Array.from(lone) };
  // Replaced, not freed: `tape` still views them until Wasm has copied it.
  if (entries.length > SMALL && n < entries.length / 4) entries = new Int32Array(1024);
  if (numbers.length > SMALL && count < numbers.length / 4) numbers = new Float64Array(64);
  if (bytes.length > SMALL && written < bytes.length / 4) bytes = new Uint8Array(CHUNK * 3);
  return tape;
}

/**
 * Writes one value; false when it is not plain JSON data.
 * @param {unknown} value
 * @param {number} depth
 * @returns {boolean}
 */
function writeValue(value, depth) {
  if (n + 2 > entries.length) growEntries();
  switch (typeof value) {
    case "string":
      writeString(value);
      return true;
    case "number":
      // NaN and infinities too: `Tape::from_js` marks the tape as holding them.
      writeNumber(value);
      return true;
    case "boolean":
      writeBoolean(value);
      return true;
    case "object": {
      if (value === null) {
        entries[n] = 0;
        entries[n + 1] = 0;
        n += 2;
        return true;
      }
      if (depth >= MAX_DEPTH) return false;
      const array = Array.isArray(value);
      // An array with toJSON is left to the careful walk (rare; it records the toJSON); an
      // object whose `toJSON` is no function is read as its keys, below.
      if (/** @type {any} */ (value).toJSON !== undefined) {
        if (array) return false;
        const replaced = writeReplaced(value, depth, writeValue);
        if (replaced !== undefined) return replaced;
      }
      // The container's entry is written when its end is known.
      const at = n;
      n += 2;
      let size = 0;
      if (array) {
        size = value.length;
        for (let i = 0; i < size; i++) {
          const item = value[i];
          // `undefined` (or a hole) in an array is sent as null.
          if (item === undefined) writeMarker(UNDEFINED);
          else if (!writeValue(item, depth + 1)) return false;
        }
      } else {
        const prototype = Object.getPrototypeOf(value);
        if (prototype === Object.prototype || prototype === null) {
          // With Object.prototype checked for enumerable keys, for…in lists exactly the own
          // enumerable string keys, in JSON.stringify's order (and faster than Object.keys).
          for (const key in value) {
            const item = /** @type {any} */ (value)[key];
            // `undefined` in an object is dropped, as JSON.stringify drops it.
            if (item === undefined) continue;
            // writeMember's body, inline on the hot path.
            if (n + 2 > entries.length) growEntries();
            writeString(key);
            if (!writeValue(item, depth + 1)) return false;
            size++;
          }
        } else {
          n = at;
          const replaced = writeReplaced(value, depth, writeValue);
          if (replaced !== undefined) return replaced;
          // Sent as its own keys (a class instance): Object.keys lists them as JSON.stringify
          // does, where for…in would add its prototypes' enumerable keys.
          n = at + 2;
          const keys = Object.keys(value);
          for (let k = 0; k < keys.length; k++) {
            const item = /** @type {any} */ (value)[keys[k]];
            if (item === undefined) continue;
            if (!writeMember(keys[k], item, depth)) return false;
            size++;
          }
        }
      }
      entries[at] = (array ? ARRAY_TAG : OBJECT_TAG) | (n >> 1);
      entries[at + 1] = size;
      return true;
    }
    default:
      // bigint, symbol, function: a NULL entry saying which (JSON drops or nulls them).
      writeLoose(value, depth);
      return true;
  }
}

/**
 * Writes an object's key and its value (not `undefined`); false when the walk gives up.
 * @param {string} key
 * @param {unknown} item
 * @param {number} depth the object's
 */
function writeMember(key, item, depth) {
  if (n + 2 > entries.length) growEntries();
  writeString(key);
  return writeValue(item, depth + 1);
}

/**
 * For an object that is not an array: writes what JSON.stringify sends in its place, as
 * `looseJsonTape` records it (a marker for a Date, another object with `toJSON`, or a Map or
 * Set; for a boxed primitive, the primitive, written by `write`). True when it did, false when
 * `write` gave up, undefined (nothing written) for an object sent as its own keys.
 * @param {object} value
 * @param {number} depth
 * @param {(value: unknown, depth: number) => boolean | void} write
 * @returns {boolean | undefined}
 */
function writeReplaced(value, depth, write) {
  let date = false;
  try {
    date = value instanceof Date;
  } catch {
    // A proxy whose getPrototypeOf trap threw: not a Date.
  }
  if (date) {
    writeMarker(DATE);
    return true;
  }
  const replacement = jsonReplacement(value);
  if (replacement === undefined) return undefined;
  if (replacement === null) writeMarker(TO_JSON);
  else if (replacement === COLLECTION) writeMarker(MAP_OR_SET);
  else return write(replacement, depth) !== false;
  return true;
}

/**
 * Writes a string (a value or a key).
 * @param {string} s
 */
function writeString(s) {
  pending += s;
  entries[n] = STRING_TAG | units;
  units += s.length;
  entries[n + 1] = units;
  n += 2;
  // Between whole strings, so a surrogate pair is never split.
  if (pending.length >= CHUNK) flush();
}

/**
 * Encodes the strings gathered so far, first listing in `lone` those with a lone surrogate, as
 * `looseJsonTape` lists them (UTF-8 writes each as U+FFFD). The strings are looked at one by one
 * only when all of them together have one: one call checks them all otherwise. (Two strings
 * that end and start with the halves of a pair pass together, and are encoded as one
 * character: `Tape::from_js` refuses the offset between them, and `looseJsonTape`, which
 * encodes them apart, writes the value instead.)
 */
function flush() {
  if (!isWellFormed(pending)) {
    const start = units - pending.length;
    for (let e = pendingEntry; e < n; e += 2) {
      if ((entries[e] & TAG_MASK) !== STRING_TAG) continue;
      if (!isWellFormed(pending.slice((entries[e] & ~TAG_MASK) - start, entries[e + 1] - start))) lone.push(e >> 1);
    }
  }
  encodePending();
}

/**
 * Encodes the strings gathered so far as UTF-8 (a lone surrogate as U+FFFD); throws TOO_LARGE
 * past what a tape holds.
 */
function encodePending() {
  // Offsets share an entry with the tag: 2^29 units of strings are more than it can say.
  if (units >= 1 << 29) throw TOO_LARGE;
  const room = Math.min(pending.length * 3, MAX_TEXT + 1 - written);
  if (written + room > bytes.length) {
    const grown = new Uint8Array(Math.min(Math.max(bytes.length * 2, written + room), MAX_TEXT + 1));
    grown.set(bytes.subarray(0, written));
    bytes = grown;
  }
  const { read, written: encoded } = encoder.encodeInto(pending, bytes.subarray(written, written + room));
  written += encoded;
  if (read < pending.length || written > MAX_TEXT) throw TOO_LARGE;
  pending = "";
  pendingEntry = n;
}

/** @param {boolean} value */
function writeBoolean(value) {
  entries[n] = value ? TRUE_TAG : FALSE_TAG;
  entries[n + 1] = 0;
  n += 2;
}

/** @param {number} value */
function writeNumber(value) {
  if (count === numbers.length) {
    const grown = new Float64Array(count * 2);
    grown.set(numbers);
    numbers = grown;
  }
  numbers[count] = value;
  entries[n] = NUMBER_TAG | count++;
  entries[n + 1] = JS_NUMBER;
  n += 2;
}

function growEntries() {
  if (entries.length >= MAX_WORDS) throw TOO_LARGE;
  const grown = new Int32Array(entries.length * 2);
  grown.set(entries);
  entries = grown;
}

/**
 * Any JS value as a tape (see `jsonTape`), for the values `jsonTape` does not take. What JSON
 * cannot carry is recorded where it is, as `src/validate/json.rs`'s `js` module says: `undefined`
 * in an array, a BigInt, a symbol, a function, a Date, another object with `toJSON`, a Map or
 * Set (which JSON sends as `{}`), an object inside itself, nesting deeper than the tape takes,
 * and each read that threw (a getter, a proxy's trap), as the value read or, when an object's
 * keys or an array's length could not be read, as that object or array. NaN and infinities are
 * written as they are, boxed primitives unwrapped as JSON.stringify unwraps them, and strings
 * with a lone surrogate listed in `lone`. Objects are read as JSON.stringify reads them: their
 * own enumerable string keys, each property once, whatever their prototype.
 *
 * A getter that calls `validate` while this is writing gets buffers of its own.
 * @param {unknown} root
 * @param {boolean} [onlyKind] write the root's kind alone: an object or array without its
 *   items, which are never read (`validateJson`, naming what it got instead of text)
 * @returns {{ entries: Uint32Array, numbers: Float64Array, text: Uint8Array, lone: Uint32Array } | undefined}
 *   undefined when the value holds more than 512 MiB of strings or 2^27 values
 */
export function looseJsonTape(root, onlyKind = false) {
  const outer = busy ? { entries, numbers, bytes, n, count, written, units, pending, pendingEntry, lone, ancestors, kindOnly } : undefined;
  if (outer) {
    entries = new Int32Array(1024);
    numbers = new Float64Array(64);
    bytes = new Uint8Array(CHUNK * 3);
  }
  busy = true;
  kindOnly = onlyKind;
  n = count = written = units = pendingEntry = 0;
  pending = "";
  lone = [];
  ancestors = [];
  /** @type {ReturnType<typeof finishedTape> | undefined} */
  let tape;
  try {
    writeLoose(root, 0);
    encodePending();
    tape = finishedTape();
  } catch (error) {
    if (error === TOO_LARGE) return undefined;
    // Nothing else should throw here (each read that runs the value's own code is caught where
    // it is made): should something (the stack running out under a caller's deep recursion),
    // the root is reported as unreadable rather than thrown through Wasm, which an exception
    // leaves without running the rest of its code (tests/node/stack.test.mjs).
    tape = { entries: Uint32Array.of(0, UNLISTED_OBJECT), numbers: new Float64Array(0), text: new Uint8Array(0), lone: new Uint32Array(0) };
  } finally {
    if (outer) {
      ({ entries, numbers, bytes, n, count, written, units, pending, pendingEntry, lone, ancestors, kindOnly } = outer);
    } else {
      busy = false;
      kindOnly = false;
      pending = "";
      ancestors = [];
    }
  }
  return tape;
}

/**
 * Writes one value, whatever it is.
 * @param {unknown} value
 * @param {number} depth
 */
function writeLoose(value, depth) {
  if (n + 2 > entries.length) growEntries();
  switch (typeof value) {
    case "string":
      return writeLooseString(value);
    case "number":
      return writeNumber(value);
    case "boolean":
      return writeBoolean(value);
    case "undefined":
      return writeMarker(UNDEFINED);
    case "bigint":
      return writeMarker(BIGINT);
    case "symbol":
      return writeMarker(SYMBOL);
    case "function":
      return writeMarker(FUNCTION);
    default:
      return value === null ? writeMarker(0) : writeLooseObject(/** @type {object} */ (value), depth);
  }
}

/**
 * Writes an object or array, or what stands for it.
 * @param {object} value
 * @param {number} depth
 */
function writeLooseObject(value, depth) {
  let array;
  try {
    array = Array.isArray(value);
  } catch {
    return writeMarker(UNLISTED_OBJECT); // a revoked proxy
  }
  if (array) {
    // JSON.stringify calls an array's toJSON as it calls any object's.
    if (hasToJSON(value)) return writeMarker(TO_JSON);
  } else if (writeReplaced(value, depth, writeLoose) !== undefined) {
    return;
  }
  if (ancestors.includes(value)) return writeMarker(CYCLE);
  if (depth >= MAX_DEPTH) return writeMarker(TOO_DEEP);
  if (kindOnly) {
    entries[n] = (array ? ARRAY_TAG : OBJECT_TAG) | ((n + 2) >> 1);
    entries[n + 1] = 0;
    n += 2;
    return;
  }
  // The container's entry is written when its end is known.
  const at = n;
  n += 2;
  let size = 0;
  ancestors.push(value);
  if (array) {
    let length;
    try {
      length = /** @type {unknown[]} */ (value).length;
    } catch {
      n = at;
      ancestors.pop();
      return writeMarker(UNLISTED_ARRAY);
    }
    // As Wasm would read a length: a number, whole, from 0 to 2^32 - 1.
    const end = typeof length === "number" ? Math.min(Math.max(Math.trunc(length), 0), 2 ** 32 - 1) : 0;
    for (let i = 0; i < end; i++) {
      let item;
      try {
        item = /** @type {unknown[]} */ (value)[i];
      } catch {
        writeMarker(UNREADABLE);
        size++;
        continue;
      }
      writeLoose(item, depth + 1);
      size++;
    }
  } else {
    let keys;
    try {
      keys = Object.keys(value);
    } catch {
      n = at;
      ancestors.pop();
      return writeMarker(UNLISTED_OBJECT);
    }
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      let item;
      let threw = false;
      try {
        item = /** @type {any} */ (value)[key];
      } catch {
        threw = true;
      }
      // `undefined` in an object is dropped, as JSON.stringify drops it.
      if (!threw && item === undefined) continue;
      writeLooseString(key);
      if (threw) writeMarker(UNREADABLE);
      else writeLoose(item, depth + 1);
      size++;
    }
  }
  ancestors.pop();
  entries[at] = (array ? ARRAY_TAG : OBJECT_TAG) | (n >> 1);
  entries[at + 1] = size;
}

/**
 * Writes a NULL entry saying what stood there (0: `null` itself).
 * @param {number} kind
 */
function writeMarker(kind) {
  if (n + 2 > entries.length) growEntries();
  entries[n] = 0;
  entries[n + 1] = kind;
  n += 2;
}

/**
 * Writes a string (a value or a key), listing it in `lone` when it has a lone surrogate.
 * @param {string} s
 */
function writeLooseString(s) {
  if (n + 2 > entries.length) growEntries();
  // A string that starts with the low half of a pair, after one that ended with the high half:
  // encoded together they would make one character of the two strings. Encoded apart, each
  // half becomes U+FFFD.
  const first = s.charCodeAt(0);
  if (first >= 0xdc00 && first <= 0xdfff && pending.length > 0) {
    const last = pending.charCodeAt(pending.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) encodePending();
  }
  if (!isWellFormed(s)) lone.push(n >> 1);
  pending += s;
  entries[n] = STRING_TAG | units;
  units += s.length;
  entries[n + 1] = units;
  n += 2;
  if (pending.length >= CHUNK) encodePending();
}


/** Whether Object.prototype has an enumerable key (someone added one), which for…in would list. */
function hasEnumerableInheritedKeys() {
  for (const _ in Object.prototype) return true;
  return false;
}

/**
 * Whether a string has no lone surrogate (`looseJsonTape` reports those; UTF-8 would hide them as
 * U+FFFD). Two strings that end and start with the halves of a pair pass here together, and
 * `Tape::from_js` refuses the offset between them.
 * @param {string} text
 */
function isWellFormed(text) {
  const native = /** @type {any} */ (text).isWellFormed;
  return typeof native === "function" ? native.call(text) : !LONE_SURROGATE.test(text);
}
/** With the `u` flag a pair is one code point, so this matches only unpaired halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

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
      let empty = true;
      for (const key in container) {
        if (!Object.prototype.hasOwnProperty.call(container, key)) continue;
        empty = false;
        const item = container[key];
        // `undefined` in an object is dropped, which is how `looseJsonTape` treats it too.
        if (item === undefined) continue;
        if (!faithfulLeaf(item, stack)) return false;
        budget -= 1;
      }
      // A Map or Set is sent as `{}`, its entries lost. Only an object without keys can be one
      // that matters: asked of those alone, it costs nothing on the way through plain data.
      if (empty && isEmptiedCollection(container)) return false;
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
      // sent as the primitive, which is what `looseJsonTape` reads too.) `instanceof` answers for this
      // realm's objects; one from another realm (an iframe, `vm`) is recognised by its tag, and
      // an object that only claims the tag costs `looseJsonTape`'s slower walk.
      if (value instanceof Number ? !Number.isFinite(Number(value)) : !(value instanceof Object) && isForeignBoxedNonFinite(value)) return false;
      stack.push(value);
      return true;
    default:
      // bigint, symbol, function
      return false;
  }
}

// Taken when the module loads, so that a page that replaces them changes nothing here.
const COLLECTION_PROBES = [Map.prototype.has, Set.prototype.has, WeakMap.prototype.has, WeakSet.prototype.has];
const COLLECTION_TAGS = new Set(["[object Map]", "[object Set]", "[object WeakMap]", "[object WeakSet]"]);

/**
 * Whether JSON.stringify sends `value` as `{}` while it holds entries: a Map, Set, WeakMap or
 * WeakSet (or of a subclass), of this realm or of another (an iframe, `vm`), without own
 * enumerable keys. (One given keys of its own is sent as those, and read as those by every
 * route, like any object.) `instanceof`, or for another realm's object its tag, says which
 * objects may be one, cheaply; the internal slot decides: each `has` throws unless `value` has
 * its kind's, whatever its prototype says.
 * @param {object} value
 */
function isEmptiedCollection(value) {
  if (Object.keys(value).length > 0) return false;
  const maybe = value instanceof Object
    ? value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet
    : COLLECTION_TAGS.has(Object.prototype.toString.call(value));
  if (!maybe) return false;
  for (const has of COLLECTION_PROBES) {
    try {
      has.call(value, undefined);
      return true;
    } catch {
      // Not this kind.
    }
  }
  return false;
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
 * What JSON.stringify puts in place of an object before reading its properties, in its order:
 * `null` when the object has a `toJSON` method, own or inherited (JSON sends what that returns,
 * which `looseJsonTape` does not call: calling it again to send could answer differently); else the
 * primitive inside a boxed number, string, boolean or BigInt (`new Number(5)`, `Object(1n)`),
 * unwrapped as JSON.stringify does (ToNumber and ToString for numbers and strings, the internal
 * value for booleans and BigInts); else `COLLECTION` for a Map or Set without keys of its own
 * (sent as `{}`, without its entries, which is reported); else `undefined`: the object is read as it is. `looseJsonTape`
 * asks this of every object that is not an array or a Date. Whatever throws (a proxy's trap, a
 * valueOf) leaves the value an object, which `looseJsonTape` then reads and reports.
 * @param {object} value
 * @returns {number | string | boolean | bigint | symbol | null | undefined}
 */
function jsonReplacement(value) {
  try {
    if (hasToJSON(value)) return null;
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
    if (isEmptiedCollection(value)) return COLLECTION;
  } catch {
    // A proxy or a throwing valueOf: left as an object.
  }
  return undefined;
}

/**
 * Whether JSON.stringify calls a `toJSON` method of `value` (own or inherited) in its place; a
 * read that throws says no (the object is then read, and what throws reported, as it is).
 * @param {object} value
 */
function hasToJSON(value) {
  try {
    return typeof (/** @type {any} */ (value).toJSON) === "function";
  } catch {
    return false;
  }
}

/** What `jsonReplacement` answers for a Map or Set: no unwrapped primitive is a symbol. */
const COLLECTION = Symbol("Map or Set");

/** @type {Array<[{ prototype: { valueOf(): unknown } }, (value: any) => number | string | boolean | bigint]>} */
const BOXES = [
  [Number, (value) => Number(value)],
  [String, (value) => String(value)],
  [Boolean, (value) => Boolean.prototype.valueOf.call(value)],
  [BigInt, (value) => BigInt.prototype.valueOf.call(value)],
];

/**
 * A validation result, shaped as `ValidationResult` (src/bindings/mod.rs) declares it, from the
 * JSON texts Wasm wrote of its issues and warnings (src/validate/json_out.rs, which says why
 * text): `issues` is undefined for a valid request, `warnings` when there are none.
 * @param {unknown} value the valid request
 * @param {string | undefined} issues
 * @param {string | undefined} warnings
 */
export function validationResult(value, issues, warnings) {
  const warned = parsedIssues(warnings);
  return issues === undefined ? { ok: true, value, warnings: warned } : { ok: false, issues: JSON.parse(issues), warnings: warned };
}

/**
 * Issues or warnings from the JSON text Wasm wrote of them; undefined (none) is `[]`.
 * @param {string | undefined} json
 * @returns {unknown[]}
 */
function parsedIssues(json) {
  return json === undefined ? [] : JSON.parse(json);
}

/** Bytes the validator has found to be UTF-8; a byte order mark would be kept (it refuses one). */
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The result of a valid `validateJson`, whose `value` is the parsed `text`, parsed when first
 * read: callers who only want the verdict (the common use of `validateJson`) do not pay for
 * building the object. `value` sits between `ok` and `warnings` as for `validate`, is enumerable
 * (so spreading, `JSON.stringify` and `structuredClone` see it), and becomes a plain data
 * property once read or assigned. An object literal with an accessor, rather than
 * Object.defineProperty on a finished object, because it is several times cheaper in V8.
 * @param {string | Uint8Array<ArrayBuffer>} text JSON text the validator accepted, which
 *   JSON.parse therefore accepts, or its UTF-8 bytes (decoded when `value` is read: decoding
 *   costs a third of validating, and it is the validator that checked them to be UTF-8)
 * @param {string | undefined} warnings their JSON text, undefined for none
 */
export function validParsedOnFirstRead(text, warnings) {
  /** @param {object} target @param {unknown} value */
  const settle = (target, value) =>
    Object.defineProperty(target, "value", { value, writable: true, enumerable: true, configurable: true });
  return {
    ok: true,
    get value() {
      const value = JSON.parse(typeof text === "string" ? text : utf8.decode(text));
      settle(this, value);
      return value;
    },
    set value(value) {
      settle(this, value);
    },
    warnings: parsedIssues(warnings),
  };
}
