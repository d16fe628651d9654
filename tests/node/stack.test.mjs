// @ts-check
// Calls made with the caller's stack nearly used up (deep recursion) fail with the engine's
// RangeError, or answer as they would with room, or (validate) report the value unreadable for
// that reason: never a trap, and the package keeps working afterwards. Each case runs in a
// fresh process (tests/support/near-stack-end.mjs), so that the package's first calls are made
// there: a lazy static of wasm-bindgen's first made inside such a call was left poisoned, and
// every later call trapped ("unreachable", then "memory access out of bounds"). Then many such
// calls in one process: each leaked a few hundred bytes of Rust's shadow stack, and after about
// 2 000 of them every call trapped; the loader now puts the stack pointer back. And each lost a
// few slots of wasm-bindgen's table of JS values, which then grew near the stack's end, where
// running out left it borrowed and every call trapped (every function in turn: in 4 of 8 runs,
// after 2 600 to 10 000 calls had run out); the loader keeps slots spare (pkg-template/instance.js).
// And a submit cut short after calling fetch, before its future first ran, left its deadline's
// promise (and fetch's) unraced: when the deadline fired they rejected with no handler, which
// ends a Node process (every function in turn: 4 runs of 4, after two cases were added); they
// now get a handler where they are made (pkg-template/attempt.js). A process that exits other
// than cleanly fails the test. Last, js-sys's queue of futures, which an exception in
// `queueMicrotask` stopped for good (every later submit hung), or poisoned when it was being
// made (every later submit trapped): the tests at the end make that call throw, as running out
// of stack there would, and every case above ends by awaiting a submit.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { submit, validate } from "seam-portal";

const script = fileURLToPath(new URL("../support/near-stack-end.mjs", import.meta.url));
const RAN_OUT = "threw RangeError: Maximum call stack size exceeded";
const UNREADABLE = "invalid: :unreadable: reading this value threw an exception (from a getter or a proxy, or because the JavaScript stack ran out)";

/** Each case, and the answers it may give besides running out of stack. */
const cases = {
  validate: ["ok", UNREADABLE],
  "validate, not plain data": ["ok", UNREADABLE],
  "validate, nested 120 levels": ["ok", UNREADABLE],
  "validate, invalid": [`invalid: locale:invalid_enum_value: "xx-XX" is not allowed: expected one of "en-US", "pt-PT", "fr-FR", "it-IT", "es-ES", "de-DE", "nl-NL", "el-GR", "pl-PL", "ru-RU"`, UNREADABLE],
  validateJson: ["ok"],
  "validateJson, bytes": ["ok"],
  "validateJson, bytes not UTF-8": ["invalid: :invalid_json: the text is not valid JSON: it is not UTF-8 (saved as Windows-1252 or Latin-1?) (line 1, column 2)"],
  withDefaults: ["fr-FR"],
  supportedLocales: ["10"],
  builder: ["fr-FR"],
  submit: ["sent"],
  "submit, fetch aborted by the deadline, at every depth": ["sent"],
};

/**
 * @param {string} name
 * @param {string[]} args rounds, calls a round
 * @returns {{ outcomes: Record<string, number>, afterwards: unknown }}
 */
const run = (name, ...args) => JSON.parse(execFileSync(process.execPath, [script, name, ...args], { encoding: "utf8" }));

for (const [name, answers] of Object.entries(cases)) {
  test(`${name}: near the stack's end, it answers or throws RangeError, and keeps working`, () => {
    const { outcomes, afterwards } = run(name);
    const seen = Object.keys(outcomes);
    assert.ok(seen.includes(RAN_OUT), "some calls ran out of stack (else the test tests nothing)");
    assert.ok(outcomes[answers[0]] > 0, "most calls answered");
    for (const outcome of seen) assert.ok(outcome === RAN_OUT || answers.includes(outcome), `unexpected: ${outcome}`);
    assert.deepEqual(afterwards, { case: answers[0], validate: "ok", validateJson: "ok", submit: "ok" });
  });
}

for (const [name, answer] of /** @type {[string, string | undefined][]} */ ([["validate", "ok"], ["validate, not plain data", "ok"], ["every function in turn", undefined]])) {
  test(`${name}: thousands of calls that run out of stack in one process leave it working`, () => {
    const { outcomes, afterwards } = run(name, "1000", "500", "3000");
    assert.ok(outcomes[RAN_OUT] >= 3000, `${outcomes[RAN_OUT]} calls ran out of stack: more than the ~2 000 that used to break it`);
    for (const outcome of Object.keys(outcomes)) assert.ok(!outcome.includes("RuntimeError"), `${outcome}: ${outcomes[outcome]} calls`);
    assert.equal(typeof afterwards, "object", String(afterwards));
    const { case: answered, ...others } = /** @type {Record<string, unknown>} */ (afterwards);
    if (answer) assert.equal(answered, answer);
    assert.deepEqual(others, { validate: "ok", validateJson: "ok", submit: "ok" });
  });
}

const NativePromise = Promise;
const portal = { url: "https://connect.getseam.com/p?token=x", customer_key: "c", expires_at: "2030-01-01T00:00:00Z", workspace_id: "123e4567-e89b-12d3-a456-426614174000", created_at: "2025-01-01T00:00:00Z" };
/** A fetch that answers at once. */
const answering = async () => Response.json({ customer_portal: portal, magic_link: {}, ok: true });
/** A fetch that never answers and honours its signal, as fetch does: a deadline aborts it. */
const aborted = (/** @type {string} */ _, /** @type {RequestInit} */ init) =>
  new NativePromise((_, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason)));

test("submit whose queueMicrotask throws (as when the stack runs out there) rejects, and later calls still settle", async () => {
  // js-sys's futures queue marks its tick scheduled, then calls queueMicrotask: when that threw,
  // no future ran again and every later submit hung. Made to throw here, once, the way running
  // out of stack there would.
  /** @type {unknown[]} */
  const unhandled = [];
  const onUnhandled = (/** @type {unknown} */ reason) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  const queue = globalThis.queueMicrotask;
  /** @type {Promise<unknown>} */
  let cutShort;
  globalThis.queueMicrotask = () => {
    throw new RangeError("Maximum call stack size exceeded");
  };
  try {
    cutShort = submit({ customer_data: { customer_key: "c" } }, { apiKey: "seam_test", fetch: aborted, timeoutMs: 5 });
    // The next call queues the lost tick; while queueMicrotask still throws, it keeps it for
    // later rather than throwing out of a call that has nothing to do with it.
    assert.equal(validate({ customer_data: { customer_key: "c" } }).ok, true);
  } finally {
    globalThis.queueMicrotask = queue;
  }
  await assert.rejects(cutShort, RangeError);
  // Its deadline fires, aborting its fetch: neither promise is left rejected without a handler.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const later = await Promise.race([
    submit({ customer_data: { customer_key: "later" } }, { apiKey: "seam_test", fetch: answering }).then((r) => r.customer_portal.customer_key),
    new Promise((resolve) => setTimeout(resolve, 5000, "hung")),
  ]);
  process.off("unhandledRejection", onUnhandled);
  assert.equal(later, "c");
  assert.deepEqual(unhandled, []);
});

test("submit cut short after calling fetch, before its future is made: its deadline and fetch reject with handlers", async () => {
  // The call then never races them. Here `new Promise` (of the future's promise) throws, as
  // running out of stack there would; the test's own promises are made with the real one.
  /** @type {unknown[]} */
  const unhandled = [];
  const onUnhandled = (/** @type {unknown} */ reason) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  let fetched = 0;
  /** @type {unknown} */
  let thrown;
  globalThis.Promise = /** @type {any} */ (function () {
    throw new RangeError("Maximum call stack size exceeded");
  });
  try {
    submit({ customer_data: { customer_key: "c" } }, { apiKey: "seam_test", fetch: (url, init) => (fetched++, aborted(url, init)), timeoutMs: 5 });
  } catch (error) {
    thrown = error;
  } finally {
    globalThis.Promise = NativePromise;
  }
  assert.ok(thrown instanceof RangeError, String(thrown));
  assert.equal(fetched, 1, "fetch was called before the call was cut short");
  // The deadline fires and aborts fetch: both reject, and neither is left without a handler.
  await new NativePromise((resolve) => setTimeout(resolve, 50));
  process.off("unhandledRejection", onUnhandled);
  assert.deepEqual(unhandled, []);
});

test("a first submit cut short while js-sys's futures queue is made leaves later ones working (the queue is made at start-up)", () => {
  // Made lazily by the first submit, a queue cut short while being made stayed poisoned: every
  // later submit rejected with "RuntimeError: unreachable".
  const firstCall = fileURLToPath(new URL("../support/first-submit-cut-short.mjs", import.meta.url));
  const [first, ...later] = JSON.parse(execFileSync(process.execPath, [firstCall], { encoding: "utf8" }));
  assert.ok(first === "ok" || first.endsWith("RangeError"), first);
  assert.deepEqual(later, ["ok", "ok"]);
});
