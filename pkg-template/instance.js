// @ts-check
// Hands a Wasm instance to wasm-bindgen's glue, shared by the Node and browser entries.
//
// An exception that leaves Wasm (the stack running out under a caller's deep recursion, most
// likely: any call can meet it, anywhere) runs no more of its code, and two things it would
// have put back stay as they are:
// - Rust's shadow stack pointer (`__stack_pointer`, a global the module exports for this:
//   build.rs). Each such call leaked a few hundred bytes of the 1 MiB shadow stack, and after
//   about 2 000 of them the stack grew into the module's own data and every call trapped. Each
//   export is called through a wrapper that puts the pointer back when an exception passes.
// - The slots of wasm-bindgen's table of JS values that the call's Rust code held (about five
//   for a `validate`). They are lost, and the table's free list runs out sooner. When it has run
//   out, the next slot taken grows it, calling Rust's allocator with the table's state borrowed;
//   should the stack run out there, that borrow is never given back and every later call traps.
//   So growth is kept away from the stack's end: at start-up, and again after each exception
//   that left Wasm (at the next call with room for it), slots are taken and given back until at
//   least SPARE are free, which grows the table then if it must. Between two such moments, only
//   calls cut short by the stack can lose slots, a few each, far fewer than SPARE.

/** Free slots kept in wasm-bindgen's table of JS values after start-up and after each exception. */
const SPARE = 1024;

/**
 * @param {{ __wbg_set_wasm(exports: WebAssembly.Exports): void }} bindings wasm-bindgen's glue
 * @param {WebAssembly.Instance} instance
 */
export function connect(bindings, instance) {
  const exports = /** @type {Record<string, any>} */ (instance.exports);
  const stackPointer = exports.__stack_pointer;
  const { __externref_table_alloc: take, __externref_table_dealloc: giveBack } = exports;
  const slots = typeof take === "function" && typeof giveBack === "function" ? { take, giveBack } : undefined;
  const state = { cutShort: false };
  /** @type {Record<string, any>} */
  const guarded = {};
  for (const [name, value] of Object.entries(exports)) {
    guarded[name] = typeof value === "function" && stackPointer instanceof WebAssembly.Global ? guard(value, stackPointer, slots, state) : value;
  }
  bindings.__wbg_set_wasm(guarded);
  guarded.__wbindgen_start?.();
  if (slots) keepSpareSlots(slots);
}

/**
 * An export, called so that an exception leaving it puts the shadow stack pointer back and has
 * the next call first keep SPARE slots free.
 * @param {(...args: any[]) => any} exported
 * @param {WebAssembly.Global} stackPointer
 * @param {{ take(): number, giveBack(slot: number): void } | undefined} slots
 * @param {{ cutShort: boolean }} state
 */
function guard(exported, stackPointer, slots, state) {
  return (/** @type {any[]} */ ...args) => {
    if (state.cutShort && slots && hasRoom()) {
      keepSpareSlots(slots);
      state.cutShort = false;
    }
    const saved = stackPointer.value;
    try {
      return exported(...args);
    } catch (error) {
      stackPointer.value = saved;
      state.cutShort = true;
      throw error;
    }
  };
}

/**
 * Takes SPARE slots and gives them back: the table grows now, if it must, rather than in a
 * later call near the stack's end.
 * @param {{ take(): number, giveBack(slot: number): void }} slots
 */
function keepSpareSlots({ take, giveBack }) {
  const taken = new Uint32Array(SPARE);
  for (let i = 0; i < SPARE; i++) taken[i] = take();
  for (let i = SPARE - 1; i >= 0; i--) giveBack(taken[i]);
}

/**
 * Whether the stack has room for growing the table (a few calls deep into Rust's allocator),
 * with a wide margin: a recursion of 256 small frames, about 25 KiB. Asked only after an
 * exception left Wasm.
 */
function hasRoom() {
  try {
    descend(256);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {number} n
 * @returns {number}
 */
function descend(n) {
  return n === 0 ? 0 : 1 + descend(n - 1);
}
