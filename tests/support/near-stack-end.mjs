// @ts-check
// Run by tests/node/stack.test.mjs, in a fresh process: calls one of the package's functions
// at each of the last `calls` depths a recursion can reach before the stack runs out (the first
// calls the package ever gets, so nothing is warm), `rounds` times over, then prints what each
// call gave and whether the package still works afterwards, as JSON.
//
//   node tests/support/near-stack-end.mjs <case> [rounds = 1] [calls = 3000] [ranOut = 0]
//
// With `ranOut`, rounds continue (up to `rounds`) until that many calls have run out of stack:
// how many do in a round depends on how much stack each call needs, which varies with what the
// engine has compiled so far.
import { PortalRequestBuilder, submit, supportedLocales, validate, validateJson, withDefaults } from "seam-portal";

const valid = () => ({ customer_data: { customer_key: "c", spaces: [{ space_key: "s1", name: "Space 1" }] }, locale: /** @type {const} */ ("fr-FR") });
/** @type {any} */
let deep = {};
for (let i = 0; i < 120; i++) deep = { a: deep };

/** Each case: a call, and how its answer is summed up. @type {Record<string, () => unknown>} */
const cases = {
  validate: () => validate(valid()),
  "validate, not plain data": () => validate({ ...valid(), sent_at: new Date(0) }),
  "validate, nested 120 levels": () => validate({ ...valid(), extra: deep }),
  "validate, invalid": () => validate({ ...valid(), locale: "xx-XX" }),
  validateJson: () => validateJson(JSON.stringify(valid())),
  "validateJson, bytes": () => validateJson(new TextEncoder().encode(JSON.stringify(valid()))),
  "validateJson, bytes not UTF-8": () => validateJson(Uint8Array.of(0x7b, 0xff, 0x7d)),
  withDefaults: () => withDefaults(valid()).locale,
  supportedLocales: () => supportedLocales().length,
  builder: () => new PortalRequestBuilder("c").locale("fr-FR").build().locale,
  submit: () => {
    // Everything up to fetch runs within the call; the fetch never answers, and times out.
    submit(valid(), { apiKey: "seam_test", fetch: () => new Promise(() => {}), timeoutMs: 1 }).catch(() => {});
    return "sent";
  },
  "submit, fetch aborted by the deadline, at every depth": () => {
    // Here fetch honours its signal, as fetch does: the deadline aborts it, and it rejects. A
    // few frames more each time, so that the stack runs out at more points of submit's
    // synchronous start than the recursion's own frames, a larger step, reach.
    const fetch = (/** @type {string} */ _, /** @type {RequestInit} */ init) =>
      new Promise((_, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    /** @param {number} frames @returns {string} */
    const deeper = (frames) => {
      if (frames > 0) return deeper(frames - 1);
      submit(valid(), { apiKey: "seam_test", fetch, timeoutMs: 1 }).catch(() => {});
      return "sent";
    };
    return deeper(depth++ % 64);
  },
};
let depth = 0;

// And every case in turn, one call each.
const every = Object.values(cases);
let turn = 0;
cases["every function in turn"] = () => every[turn++ % every.length]();

const [name, rounds = "1", calls = "3000", ranOut = "0"] = process.argv.slice(2);
const call = cases[name];
if (!call) throw new Error(`no case ${name}`);

/** @param {unknown} value */
function summary(value) {
  if (value && typeof value === "object" && "ok" in value) {
    const result = /** @type {{ ok: boolean, issues?: Array<{ path: string, code: string, message: string }> }} */ (value);
    return result.ok ? "ok" : `invalid: ${result.issues?.map((i) => `${i.path}:${i.code}: ${i.message}`).join("; ")}`;
  }
  return String(value);
}

/** @type {Record<string, number>} */
const outcomes = {};
/** Recurses until the stack runs out, then makes a call at each depth on the way back up. */
function nearTheEnd(/** @type {{ calls: number }} */ left) {
  try {
    nearTheEnd(left);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  if (left.calls-- <= 0) return;
  let outcome;
  try {
    outcome = summary(call());
  } catch (error) {
    outcome = `threw ${/** @type {Error} */ (error).constructor.name}: ${/** @type {Error} */ (error).message}`;
  }
  outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
}
const RAN_OUT = "threw RangeError: Maximum call stack size exceeded";
for (let round = 0; round < Number(rounds) && !(round > 0 && (outcomes[RAN_OUT] ?? 0) >= Number(ranOut)); round++) {
  nearTheEnd({ calls: Number(calls) });
}

/** What the package answers afterwards, with room on the stack; `submit`, once it settles. */
let afterwards;
try {
  afterwards = { case: summary(call()), validate: summary(validate(valid())), validateJson: summary(validateJson(JSON.stringify(valid()))), submit: await settled() };
} catch (error) {
  afterwards = `threw ${error}`;
}

/** A submit with a fetch that answers at once: "ok", or "hung" when it has not settled in 5 s. */
function settled() {
  const portal = { url: "https://connect.getseam.com/p?token=x", customer_key: "c", expires_at: "2030-01-01T00:00:00Z", workspace_id: "123e4567-e89b-12d3-a456-426614174000", created_at: "2025-01-01T00:00:00Z" };
  const fetch = async () => Response.json({ customer_portal: portal, magic_link: {}, ok: true });
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const hung = new Promise((resolve) => (timer = setTimeout(() => resolve("hung"), 5000)));
  const answer = submit(valid(), { apiKey: "seam_test", fetch }).then(() => "ok", (/** @type {Error} */ e) => `rejected: ${e.name}: ${e.message}`);
  return Promise.race([answer, hung]).finally(() => clearTimeout(timer));
}
console.log(JSON.stringify({ outcomes, afterwards }));
