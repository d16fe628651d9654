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
// And one import can fail the same way with state left behind: js-sys's queue of futures (which
// runs `submit`'s and embedPortal's refreshes) marks its next tick scheduled, then calls
// `queueMicrotask`. When that call threw, the mark stayed with no tick queued, and no future ran
// again: every later `submit` hung. `guardImports` keeps the tick's callback when the call
// throws, and the next call into Wasm with room queues it (a future in flight makes one as soon
// as its promise settles). (The queue itself is made at start-up: `start` in src/bindings.)

/** Free slots kept in wasm-bindgen's table of JS values after start-up and after each exception. */
const SPARE = 1024;

/** What the next call into Wasm with room has to mend. */
const state = {
  /** An exception left Wasm since the spare slots were last kept. */
  cutShort: false,
  /** Ticks of the futures queue whose `queueMicrotask` threw, not queued yet. */
  /** @type {Array<() => void>} */
  lostTicks: [],
};

/**
 * The imports for instantiating the module, with wasm-bindgen's calls of `queueMicrotask`
 * keeping the tick they could not queue (see above). Everything else is as it was.
 * @param {Record<string, Record<string, unknown>>} imports by module name
 * @returns {WebAssembly.Imports}
 */
export function guardImports(imports) {
  /** @type {Record<string, Record<string, unknown>>} */
  const guarded = {};
  for (const [module, namespace] of Object.entries(imports)) {
    guarded[module] = { ...namespace };
    for (const [name, value] of Object.entries(namespace)) {
      if (name.startsWith("__wbg_queueMicrotask_") && typeof value === "function") guarded[module][name] = keepingLostTicks(/** @type {(arg: unknown) => unknown} */ (value));
    }
  }
  return /** @type {WebAssembly.Imports} */ (guarded);
}

/**
 * wasm-bindgen makes two such imports, both taking one argument: one reads the global's
 * `queueMicrotask` (given the global object), one calls it (given the tick, a function).
 * @param {(arg: unknown) => unknown} imported
 */
function keepingLostTicks(imported) {
  return (/** @type {unknown} */ arg) => {
    try {
      return imported(arg);
    } catch (error) {
      if (typeof arg === "function") state.lostTicks.push(/** @type {() => void} */ (arg));
      throw error;
    }
  };
}

/**
 * @param {{ __wbg_set_wasm(exports: WebAssembly.Exports): void }} bindings wasm-bindgen's glue
 * @param {WebAssembly.Instance} instance
 */
export function connect(bindings, instance) {
  const exports = /** @type {Record<string, any>} */ (instance.exports);
  const stackPointer = exports.__stack_pointer;
  const { __externref_table_alloc: take, __externref_table_dealloc: giveBack } = exports;
  const slots = typeof take === "function" && typeof giveBack === "function" ? { take, giveBack } : undefined;
  /** @type {Record<string, any>} */
  const guarded = {};
  for (const [name, value] of Object.entries(exports)) {
    guarded[name] = typeof value === "function" && stackPointer instanceof WebAssembly.Global ? guard(value, stackPointer, slots) : value;
  }
  bindings.__wbg_set_wasm(guarded);
  guarded.__wbindgen_start?.();
  if (slots) keepSpareSlots(slots);
}

/**
 * An export, called so that an exception leaving it puts the shadow stack pointer back and has
 * the next call first keep SPARE slots free; a call with room also queues lost ticks.
 * @param {(...args: any[]) => any} exported
 * @param {WebAssembly.Global} stackPointer
 * @param {{ take(): number, giveBack(slot: number): void } | undefined} slots
 */
function guard(exported, stackPointer, slots) {
  return (/** @type {any[]} */ ...args) => {
    if ((state.cutShort || state.lostTicks.length > 0) && hasRoom()) {
      if (state.cutShort && slots) keepSpareSlots(slots);
      state.cutShort = false;
      for (const tick of state.lostTicks.splice(0)) {
        try {
          queueMicrotask(tick);
        } catch {
          // Kept for the next call: this one is not to fail for it.
          state.lostTicks.push(tick);
        }
      }
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
