// @ts-check
// A wasm-bindgen snippet: listening to the caller's AbortSignal. In Node, an EventTarget given
// more than 10 listeners prints "MaxListenersExceededWarning: Possible EventTarget memory leak
// detected", but a signal shared by the calls in flight (one signal for a page, or for a batch
// of calls) is no leak: each call removes its listener when it ends. Node's own fetch (undici)
// raises the limit of the signals it is given for that reason, in the same way; so does this.

/** `node:events`, where it can be had without an import (Node 20.16 and later); else undefined. */
const events = (() => {
  try {
    return /** @type {any} */ (globalThis).process?.getBuiltinModule?.("node:events");
  } catch {
    return undefined;
  }
})();

/**
 * `signal.addEventListener("abort", listener)`, after raising Node's listener limit of a signal
 * still at the default. Never throws (a look-alike signal may): the call then goes on without
 * listening, as it did before.
 * @param {AbortSignal} signal
 * @param {() => void} listener
 */
export function listenForAbort(signal, listener) {
  try {
    if (events && events.getMaxListeners(signal) === events.defaultMaxListeners) events.setMaxListeners(1500, signal);
  } catch {
    // Not an EventTarget Node knows.
  }
  try {
    signal.addEventListener("abort", listener);
  } catch {
    // A look-alike whose addEventListener throws.
  }
}
