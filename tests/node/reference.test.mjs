// @ts-check
// The validator's verdict against both references, on seeded bodies: valid when the spec
// (ajv) accepts a body and Seam's own schema (zod) does. `validate` and `validateJson` must
// also agree with each other, issue for issue.
import assert from "node:assert/strict";
import { test } from "node:test";
import { validate, validateJson } from "seam-portal";
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
