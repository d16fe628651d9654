// @ts-check
// Hands a Wasm instance to wasm-bindgen's glue, shared by the Node and browser entries.
//
// An exception that leaves Wasm (the stack running out under a caller's deep recursion, most
// likely: any call can meet it, anywhere) runs no more of its code, so Rust's shadow stack
// pointer (`__stack_pointer`, a global the module exports for this: build.rs) is never moved
// back: each such call leaked a few hundred bytes of the 1 MiB shadow stack, and after about
// 2 000 of them the stack grew into the module's own data and every call trapped. Each export
// is called through a wrapper that puts the pointer back when an exception passes.

/**
 * @param {{ __wbg_set_wasm(exports: WebAssembly.Exports): void }} bindings wasm-bindgen's glue
 * @param {WebAssembly.Instance} instance
 */
export function connect(bindings, instance) {
  const exports = /** @type {Record<string, any>} */ (instance.exports);
  const stackPointer = exports.__stack_pointer;
  /** @type {Record<string, any>} */
  const guarded = {};
  for (const [name, value] of Object.entries(exports)) {
    guarded[name] = typeof value === "function" && stackPointer instanceof WebAssembly.Global ? restoringStack(value, stackPointer) : value;
  }
  bindings.__wbg_set_wasm(guarded);
  guarded.__wbindgen_start?.();
}

/**
 * @param {(...args: any[]) => any} exported
 * @param {WebAssembly.Global} stackPointer
 */
function restoringStack(exported, stackPointer) {
  return (/** @type {any[]} */ ...args) => {
    const saved = stackPointer.value;
    try {
      return exported(...args);
    } catch (error) {
      stackPointer.value = saved;
      throw error;
    }
  };
}
