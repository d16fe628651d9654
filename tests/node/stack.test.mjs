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
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

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
  withDefaults: ["fr-FR"],
  supportedLocales: ["10"],
  builder: ["fr-FR"],
  submit: ["sent"],
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
    assert.deepEqual(afterwards, { case: answers[0], validate: "ok", validateJson: "ok" });
  });
}

for (const [name, answer] of [["validate", "ok"], ["validate, not plain data", "ok"], ["every function in turn", undefined]]) {
  test(`${name}: thousands of calls that run out of stack in one process leave it working`, () => {
    const { outcomes, afterwards } = run(name, "1000", "500", "3000");
    assert.ok(outcomes[RAN_OUT] > 3000, `${outcomes[RAN_OUT]} calls ran out of stack: more than the ~2 000 that used to break it`);
    for (const outcome of Object.keys(outcomes)) assert.ok(!outcome.includes("RuntimeError"), `${outcome}: ${outcomes[outcome]} calls`);
    assert.equal(typeof afterwards, "object", String(afterwards));
    const { case: answered, ...others } = afterwards;
    if (answer) assert.equal(answered, answer);
    assert.deepEqual(others, { validate: "ok", validateJson: "ok" });
  });
}
