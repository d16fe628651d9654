// @ts-check
// A wasm-bindgen snippet: timers for any delay. Engines keep a timer's delay in 32 bits: Node
// fires a longer one after 1 ms (with a warning), browsers wrap it (30 days fires at once, 60
// days after about 10). So a `timeoutMs` of 30 days timed out at once, and an embedded portal
// whose link lives 30 days refreshed it in a loop.

/** The longest delay a timer takes (about 24.8 days). */
const MAX_DELAY = 2 ** 31 - 1;

/** @typedef {{ id: ReturnType<typeof setTimeout> | undefined, fire: () => void }} Timer */

/**
 * Calls `callback` after `ms` milliseconds, waiting out delays beyond a timer's limit in
 * steps. Returns a handle for `cancelTimer` and `hurryTimer`; its `id` is undefined once the
 * timer has fired or been cancelled.
 * @param {() => void} callback
 * @param {number} ms
 * @returns {Timer}
 */
export function startTimer(callback, ms) {
  /** @type {Timer} */
  const timer = {
    id: undefined,
    fire: () => {
      timer.id = undefined;
      callback();
    },
  };
  /** @param {number} left */
  const wait = (left) => {
    timer.id = left > MAX_DELAY ? setTimeout(() => wait(left - MAX_DELAY), MAX_DELAY) : setTimeout(timer.fire, left);
  };
  wait(ms);
  return timer;
}

/**
 * Cancels a timer `startTimer` made.
 * @param {Timer} timer
 */
export function cancelTimer(timer) {
  clearTimeout(timer.id);
  timer.id = undefined;
}

/**
 * Makes a pending timer fall due now, in a task of its own; nothing for one that has fired or
 * been cancelled (whose callback Rust may have dropped).
 * @param {Timer} timer
 */
export function hurryTimer(timer) {
  if (timer.id === undefined) return;
  clearTimeout(timer.id);
  timer.id = setTimeout(timer.fire, 0);
}
