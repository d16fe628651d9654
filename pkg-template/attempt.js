// @ts-check
// A wasm-bindgen snippet: the promises of one of submit's attempts, each made here with a
// handler already attached. submit makes its first attempt within the call (fetch is called
// before it returns) and races it against its deadline only once its future first runs, in a
// microtask. A call cut short in between (the caller's stack ran out, and the exception left
// Wasm) never races them: when the deadline then fired, its promise, and fetch's (aborted by
// it), rejected with no handler, and in Node an unhandled rejection ends the process
// (tests/node/stack.test.mjs). The handlers do nothing: the race still sees every rejection.

/** Marks a rejection as handled; the promise's other handlers still receive it. */
const handled = () => {};
/** Taken when the module loads: a page may replace the global `Promise` (zone.js does). */
const NativePromise = Promise;
const then = Promise.prototype.then;

/**
 * Calls `fetch(url, init)`: `init` as one object literal (built from Rust, it took a call
 * across the boundary per property, a tenth of the time submit spends before a 1 KB request
 * reaches fetch), and a promise it returns given a handler at once. Throws what fetch throws.
 * @param {(url: string, init: RequestInit) => unknown} fetch
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {string} body
 * @param {AbortController} controller aborts the attempt (its timeout, or the caller's signal)
 * @returns {unknown} what fetch returned
 */
export function callFetch(fetch, url, headers, body, controller) {
  const fetched = fetch(url, { method: "POST", headers, body, signal: controller.signal });
  try {
    // Only promises (`then` refuses anything else): a look-alike's `then` is its own code, not
    // run twice here.
    then.call(fetched, undefined, handled);
  } catch {
    // Not a promise: nothing to mark.
  }
  return fetched;
}

/**
 * A promise for an attempt's deadline, and the function that rejects it when the time is up or
 * the caller aborts; it never resolves.
 * @returns {{ promise: Promise<never>, reject: (reason: unknown) => void }}
 */
export function deadlinePromise() {
  /** @type {(reason: unknown) => void} */
  let reject = handled;
  /** @type {Promise<never>} */
  const promise = new NativePromise((_, rejectIt) => {
    reject = rejectIt;
  });
  then.call(promise, undefined, handled);
  return { promise, reject };
}
