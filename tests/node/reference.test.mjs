// @ts-check
// The validator's verdict against both references, on seeded bodies: valid when the spec
// (ajv) accepts a body and Seam's own schema (zod) does. `validate` and `validateJson` must
// also agree with each other, issue for issue.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { validate, validateJson, withDefaults } from "seam-portal";
import { body, rng, sample, slots, MUTATIONS } from "../support/generator.mjs";
import { compileAjv, requestSchema, seamRequestSchema } from "../support/references.mjs";

/** A class of the caller's: JSON.stringify sends its own properties, as for a plain object. */
class Request {}

const BODIES = Number(process.env.REFERENCE_BODIES ?? 3000);
const SEED = Number(process.env.REFERENCE_SEED ?? 20261124);

test(`verdicts match ajv + Seam's zod schema on ${BODIES} seeded bodies (seed ${SEED})`, async () => {
  const ajv = compileAjv();
  const zod = await seamRequestSchema();
  const r = rng(SEED);
  const schema = requestSchema();
  let valid = 0;
  const mutationsSeen = new Set();
  for (let i = 0; i < BODIES; i++) {
    const { value, applied } = body(r, schema);
    for (const a of applied) mutationsSeen.add(a.split("@")[0]);
    const text = JSON.stringify(value);
    // The references see the body as the server would: parsed from the JSON that is sent.
    const sent = JSON.parse(text);
    const expected = ajv(sent) && zod.safeParse(sent).success;
    const fromObject = validate(sent);
    const fromText = validateJson(text);
    const context = () =>
      `body ${i} (${applied.join(", ") || "unmutated"}): ${text.slice(0, 2000)}\n` +
      `ajv: ${JSON.stringify(ajv.errors)}\nzod: ${JSON.stringify(zod.safeParse(sent).error?.issues)}\n` +
      `ours: ${JSON.stringify(fromObject)}`;
    assert.equal(fromObject.ok, expected, context());
    assert.deepEqual(fromText, fromObject.ok ? { ...fromObject, value: sent } : fromObject, `validate and validateJson differ on ${context()}`);
    // validate reads plain data as a tape (above); an object of a class through its JSON
    // text; and a Date anywhere makes it walk the object. All must report the same.
    const viaText = validate(Object.assign(new Request(), sent));
    assert.deepEqual(viaText.ok ? viaText.warnings : viaText, fromObject.ok ? fromObject.warnings : fromObject, `the text route differs on ${context()}`);
    const walked = validate({ ...sent, zz_walk: new Date(0) });
    const read = validateJson(JSON.stringify({ ...sent, zz_walk: new Date(0) }));
    assert.deepEqual(walked.ok ? walked.warnings : walked, read.ok ? read.warnings : read, `the walk differs on ${context()}`);
    if (expected) valid++;
  }
  // Both verdicts must be well represented, and every mutation exercised.
  assert.ok(valid > BODIES * 0.2 && valid < BODIES * 0.8, `${valid} of ${BODIES} valid`);
  for (const name of [...Object.keys(MUTATIONS), "unknown", "twoLandingPages", "metadataLimits"]) {
    assert.ok(mutationsSeen.has(name), `mutation ${name} was applied`);
  }
});

/**
 * What JS can put in place of a value, or beside it, that JSON.stringify treats its own way.
 * Each takes the value and its parent (with the key), and changes the parent.
 * @type {Record<string, (parent: any, key: string | number, value: any) => void>}
 */
const ODDITIES = {
  boxed: (p, k, v) => { if (v !== null && typeof v !== "object") p[k] = Object(v); },
  negativeZero: (p, k, v) => { if (v === 0) p[k] = -0; },
  nullPrototype: (p, k, v) => { if (isRecord(v)) p[k] = Object.assign(Object.create(null), v); },
  classInstance: (p, k, v) => { if (isRecord(v)) p[k] = Object.assign(new Request(), v); },
  inheritedKeys: (p, k, v) => { if (isRecord(v)) p[k] = Object.assign(Object.create({ inherited: 1n, customer_key: " x " }), v); },
  transparentProxy: (p, k, v) => { if (v !== null && typeof v === "object") p[k] = new Proxy(v, {}); },
  reorderingProxy: (p, k, v) => { if (isRecord(v)) p[k] = new Proxy(v, { ownKeys: (t) => Reflect.ownKeys(t).reverse() }); },
  frozen: (p, k, v) => { if (v !== null && typeof v === "object") Object.freeze(v); },
  arraySubclass: (p, k, v) => { if (Array.isArray(v)) p[k] = class extends Array {}.from(v); },
  arrayWithProperty: (p, k, v) => { if (Array.isArray(v)) p[k] = Object.assign(v.slice(), { extra: 1 }); },
  hole: (p, k, v) => { if (Array.isArray(v) && v.length > 0) v.length += 1; },
  getter: (p, k, v) => { Object.defineProperty(p, k, { get: () => v, enumerable: true, configurable: true }); },
  toJSON: (p, k, v) => { if (isRecord(v)) p[k] = { toJSON: () => ({ customer_key: " x ", starts_at: "no" }), ...v }; },
  arrayToJSON: (p, k, v) => { if (Array.isArray(v)) p[k] = Object.assign(v.slice(), { toJSON: () => "not a list" }); },
  date: (p, k, v) => { if (typeof v === "string") p[k] = new Date(0); },
  undefinedBeside: (p) => { if (!Array.isArray(p)) p.zz_undefined = undefined; },
  functionBeside: (p) => { if (!Array.isArray(p)) p.zz_function = () => 1; },
  nanBeside: (p) => { if (!Array.isArray(p)) p.zz_nan = NaN; },
  symbolKey: (p) => { p[Symbol("s")] = 1n; },
  hiddenKey: (p) => { if (!Array.isArray(p)) Object.defineProperty(p, "zz_hidden", { value: 1n, enumerable: false, configurable: true }); },
  loneSurrogateKey: (p) => { if (!Array.isArray(p)) p["\ud800k"] = "v"; },
  protoKey: (p) => { if (!Array.isArray(p)) Object.defineProperty(p, "__proto__", { value: { customer_key: 1 }, enumerable: true, configurable: true, writable: true }); },
  // What makes JSON.stringify throw, or that it cannot carry at all: validate must refuse it.
  cycleBeside: (p) => { if (!Array.isArray(p)) p.zz_cycle = { back: p }; },
  bigIntBeside: (p) => { if (!Array.isArray(p)) p.zz_big = [1n]; },
  throwingGetterBeside: (p) => { if (!Array.isArray(p)) Object.defineProperty(p, "zz_throws", { get() { throw new Error("no"); }, enumerable: true, configurable: true }); },
  revokedProxy: (p, k, v) => {
    if (v === null || typeof v !== "object") return;
    const { proxy, revoke } = Proxy.revocable(v, {});
    revoke();
    p[k] = proxy;
  },
  deepBeside: (p) => { if (!Array.isArray(p)) p.zz_deep = JSON.parse("[".repeat(140) + "]".repeat(140)); },
  map: (p, k, v) => { if (isRecord(v)) p[k] = new Map(Object.entries(v)); },
  loneSurrogate: (p, k, v) => { if (typeof v === "string") p[k] = `${v}\udc00`; },
  nan: (p, k, v) => { if (typeof v === "number") p[k] = NaN; },
  undefinedInArray: (p, k, v) => { if (Array.isArray(v)) v.push(undefined); },
  lossyArrayBeside: (p) => { if (!Array.isArray(p)) p.zz_lossy = [() => 1, Symbol("s"), undefined, Infinity]; },
  emptyMapBeside: (p) => { if (!Array.isArray(p)) p.zz_map = new Map(); },
};
/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isRecord = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

test(`what validate accepts is what JSON.stringify sends, on ${BODIES} valid bodies with JS oddities (seed ${SEED})`, async () => {
  // submit, withDefaults and the builder send or copy JSON.stringify's text: a value validate
  // accepts must give a valid text, and withDefaults (submit's route) must agree with validate.
  // And where validate's fast walk writes a tape (the package's snippet), it is the one the
  // careful walk writes.
  const snippets = join(dirname(createRequire(import.meta.url).resolve("seam-portal/package.json")), "wasm", "snippets");
  const { jsonTape, looseJsonTape } = await import(pathToFileURL(join(snippets, readdirSync(snippets)[0], "pkg-template", "json-text.js")).href);
  const copy = (/** @type {any} */ tape) => ({ entries: [...tape.entries], numbers: [...tape.numbers], text: [...tape.text], lone: [...tape.lone] });
  let fastWalked = 0;
  const r = rng(SEED);
  const schema = requestSchema();
  const names = Object.keys(ODDITIES);
  let accepted = 0;
  for (let i = 0; i < BODIES; i++) {
    const value = sample(r, schema, "", r.pick([0.3, 0.6, 0.9]));
    value.customer_data ??= { customer_key: "c1" };
    /** @type {Array<[any, string | number]>} */
    const places = [];
    (function collect(/** @type {any} */ v) {
      if (v !== null && typeof v === "object") for (const k of Object.keys(v)) (places.push([v, k]), collect(v[k]));
    })(value);
    const applied = [];
    for (let n = 1 + r.int(3); n > 0; n--) {
      const [parent, key] = r.pick(places);
      const name = r.pick(names);
      try {
        ODDITIES[name](parent, key, parent[key]);
        applied.push(`${name}@${key}`);
      } catch {
        // It does not fit there (a frozen parent, a key already made a getter): skipped.
      }
    }
    const fast = jsonTape(value);
    if (fast) {
      fastWalked++;
      assert.deepEqual(copy(fast), copy(looseJsonTape(value)), `the walks write different tapes for body ${i} (${applied.join(", ")})`);
    }
    const result = validate(value);
    let text;
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
    const context = `body ${i} (${applied.join(", ")}): ${JSON.stringify(result).slice(0, 1500)}`;
    if (result.ok) {
      accepted++;
      assert.ok(text !== undefined && validateJson(text).ok, `validate accepted what JSON.stringify does not send as a valid body: ${context}`);
    }
    let copied = true;
    try {
      withDefaults(/** @type {any} */ (value));
    } catch {
      copied = false;
    }
    assert.equal(copied, result.ok, `withDefaults and validate disagree: ${context}`);
  }
  assert.ok(accepted > BODIES * 0.3 && accepted < BODIES * 0.95, `${accepted} of ${BODIES} accepted`);
  assert.ok(fastWalked > BODIES * 0.3 && fastWalked < BODIES * 0.95, `${fastWalked} of ${BODIES} read by the fast walk`);
});

test("the generator covers every field of the spec", () => {
  const r = rng(SEED);
  const schema = requestSchema();
  /** @type {Set<string>} */
  const seen = new Set();
  for (let i = 0; i < 200; i++) {
    for (const slot of slots(sample(r, schema, "", 0.9))) seen.add(slot.path.replace(/\[\d+\]/g, "[]"));
  }
  /** @type {string[]} */
  const all = [];
  /** @param {any} s @param {string} path */
  const walk = (s, path) => {
    if (s.allOf) return s.allOf.forEach((/** @type {any} */ p) => walk(p, path));
    if (s.type === "array") return walk(s.items, `${path}[]`);
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      const p = path ? `${path}.${k}` : k;
      all.push(p);
      walk(v, p);
    }
  };
  walk(schema, "");
  const missing = all.filter((p) => !seen.has(p) && !p.startsWith("landing_page.manage"));
  assert.deepEqual(missing, []);
  assert.ok(all.length >= 186, `${all.length} fields`);
});
