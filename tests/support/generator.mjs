// @ts-check
// A seeded generator of create_portal bodies from the spec's schema: valid ones that use every
// field, and mutations of them that break (or bend) one constraint at a time. Used by the
// reference test and the benchmark.

/**
 * A small, fast, seeded PRNG (mulberry32): the same seed gives the same bodies.
 * @param {number} seed
 */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** @param {number} n */
    int: (n) => Math.floor(next() * n),
    /** @template T @param {readonly T[]} items @returns {T} */
    pick: (items) => items[Math.floor(next() * items.length)],
    /** @param {number} p */
    chance: (p) => next() < p,
  };
}

// Strings that stress lengths and trimming in every way the two references count.
const TEXTS = ["", "Lobby", "Zimmer 12 – Süd", "😀 suite", "e\u0301", "\u0085nel", "東京", "a".repeat(40)];
const KEYS = ["k1", "unit-2", "Ünïcødé", "😀key", "a", "key with spaces", "x".repeat(64)];
const DATE_TIMES = ["2025-06-01T15:00:00Z", "2024-02-29T23:59:59.999Z", "2025-12-31T00:00:00.1Z", "0001-01-01T00:00:00Z"];

/**
 * A valid sample of `schema`; optional properties are present with probability `presence`.
 * @param {ReturnType<typeof rng>} r
 * @param {any} schema
 * @param {string} key the property's name, which picks realistic samples
 * @param {number} presence
 * @returns {any}
 */
export function sample(r, schema, key, presence = 0.6) {
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((/** @type {any} */ s) => sample(r, s, key, presence)));
  if (key === "manage" && schema.oneOf) {
    const branches = schema.oneOf.flatMap((/** @type {any} */ g) => g.oneOf);
    const branch = r.pick(branches);
    return { [branch.required[0]]: r.pick(KEYS) };
  }
  if (schema.oneOf) return sample(r, r.pick(schema.oneOf), key, presence);
  if (schema.enum) return r.pick(schema.enum);
  switch (schema.type) {
    case "object": {
      if (schema.additionalProperties) {
        /** @type {Record<string, unknown>} */
        const record = {};
        for (let i = r.int(4); i > 0; i--) record[r.pick(["region", "vip", "floor", "😀", "a".repeat(40)])] = r.pick(["EU", true, false, null, "é".repeat(500)]);
        return record;
      }
      /** @type {Record<string, unknown>} */
      const out = {};
      const required = new Set(schema.required ?? []);
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (required.has(name) || r.chance(presence)) out[name] = sample(r, property, name, presence);
      }
      return out;
    }
    case "array": {
      const items = [];
      for (let i = r.int(4); i > 0; i--) items.push(sample(r, schema.items, key, presence));
      return items;
    }
    case "boolean":
      return r.chance(0.5);
    case "integer":
      return 1 + r.int(600);
    case "number":
      return (r.next() - 0.5) * 360;
    case "string":
      if (schema.nullable && r.chance(0.2)) return null;
      if (schema.format === "uuid") return r.pick(["123e4567-e89b-12d3-a456-426614174000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"]);
      if (schema.format === "date-time") return r.pick(DATE_TIMES);
      if (schema.pattern?.startsWith("^([01]")) return r.pick(["15:00", "09:30:15", "23:59"]);
      if (schema.pattern) return r.pick(["region", "_vip", "Floor2"]);
      return schema.minLength ? r.pick(KEYS) : r.pick(TEXTS);
  }
  throw new Error(`no sample for ${JSON.stringify(schema).slice(0, 80)}`);
}

/** The mutations, by name: each bends one value. */
export const MUTATIONS = {
  wrongType: (/** @type {ReturnType<typeof rng>} */ r) => r.pick([0, 1.5, true, null, [], {}, "x"]),
  empty: () => "",
  leadingSpace: (/** @type {ReturnType<typeof rng>} */ r) => r.pick([" k", "\tk", "\u3000k", "\ufeffk", "k\n", "k\u2028"]),
  notTrimmedByJs: () => "\u0085k",
  tooLong: (/** @type {ReturnType<typeof rng>} */ r) => r.pick(["a".repeat(501), "😀".repeat(251), "é".repeat(500)]),
  offsetDateTime: (/** @type {ReturnType<typeof rng>} */ r) => r.pick(["2025-06-01T15:00:00+02:00", "2025-06-01t15:00:00z", "2025-06-01 15:00:00Z", "2025-06-30T23:59:60Z", "2025-06-01T15:00:00-0130"]),
  badDateTime: (/** @type {ReturnType<typeof rng>} */ r) => r.pick(["2025-02-29T00:00:00Z", "2025-06-01", "2025-06-01T24:00:00Z", "2025-13-01T00:00:00Z", "tomorrow", "2025-06-01T15:00:00.Z"]),
  badUuid: (/** @type {ReturnType<typeof rng>} */ r) => r.pick(["urn:uuid:123e4567-e89b-12d3-a456-426614174000", "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400g"]),
  badPattern: (/** @type {ReturnType<typeof rng>} */ r) => r.pick(["25:00", "9:00", "１２:00", "12:00\n", "1field", "a-b", "é", "région"]),
  badNumber: (/** @type {ReturnType<typeof rng>} */ r) => r.pick([0, -1, 1.5, 1e308, -0]),
  badEnum: (/** @type {ReturnType<typeof rng>} */ r) => r.pick(["en-GB", "EN-US", "partial", "device", "!=", ""]),
  remove: () => undefined,
};

/**
 * Every path (of objects, arrays and values) in a body, with a way to replace each value.
 * @param {any} value
 * @param {string} path
 * @param {Array<{ path: string, set: (v: any) => void, value: any }>} out
 */
export function slots(value, path = "", out = []) {
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      out.push({
        path: p,
        value: v,
        set: (n) => {
          if (n === undefined && !Array.isArray(value)) delete value[k];
          else value[k] = n;
        },
      });
      slots(v, p, out);
    }
  }
  return out;
}

/**
 * A body from the spec, mutated 0 to 3 times; returns it with the mutations applied.
 * @param {ReturnType<typeof rng>} r
 * @param {any} schema
 */
export function body(r, schema) {
  const value = sample(r, schema, "", r.pick([0.3, 0.6, 0.9]));
  value.customer_data ??= { customer_key: "c1" };
  /** @type {string[]} */
  const applied = [];
  for (let n = r.pick([0, 0, 1, 1, 2, 3]); n > 0; n--) {
    const targets = slots(value);
    if (targets.length === 0) break;
    const target = r.pick(targets);
    if (r.chance(0.1)) {
      // Properties the spec does not define are allowed: mutate by adding one.
      if (target.value && typeof target.value === "object" && !Array.isArray(target.value)) {
        target.value[r.pick(["customer_date", "read_only", "extra", "__proto__"])] = r.pick([1, "x", { deep: [1] }]);
        applied.push(`unknown@${target.path}`);
      }
      continue;
    }
    const name = /** @type {keyof typeof MUTATIONS} */ (r.pick(Object.keys(MUTATIONS)));
    target.set(MUTATIONS[name](r));
    applied.push(`${name}@${target.path}`);
  }
  if (r.chance(0.05)) {
    // Two landing pages: the spec refuses it, Seam's zod schema does not.
    value.landing_page = { manage: { space_key: "a", reservation_key: "b" } };
    applied.push("twoLandingPages");
  }
  if (r.chance(0.05)) {
    /** @type {Record<string, boolean | string>} */
    const metadata = Object.fromEntries(Array.from({ length: r.pick([50, 51]) }, (_, i) => [`k${i}`, true]));
    metadata[r.pick(["é".repeat(40), "é".repeat(41), "😀".repeat(20), "😀".repeat(21)])] = "v";
    value.customer_data = { customer_key: "c1", reservations: [{ reservation_key: "r", custom_metadata: metadata }] };
    applied.push("metadataLimits");
  }
  return { value, applied };
}
