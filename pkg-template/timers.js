// @ts-check
// A wasm-bindgen snippet: timers for any delay. Engines keep a timer's delay in 32 bits: Node
// fires a longer one after 1 ms (with a warning), browsers wrap it (30 days fires at once, 60
// days after about 10). So a `timeoutMs` of 30 days timed out at once, and an embedded portal
// whose link lives 30 days refreshed it in a loop.

/** The longest delay a timer takes (about 24.8 days). */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * Calls `callback` after `ms` milliseconds, waiting out delays beyond a timer's limit in
 * steps. Returns a handle for `cancelTimer`.
 * @param {() => void} callback
 * @param {number} ms
 * @returns {{ id: ReturnType<typeof setTimeout> | undefined }}
 */
export function startTimer(callback, ms) {
  /** @type {{ id: ReturnType<typeof setTimeout> | undefined }} */
  const timer = { id: undefined };
  /** @param {number} left */
  const wait = (left) => {
    timer.id = left > MAX_DELAY ? setTimeout(() => wait(left - MAX_DELAY), MAX_DELAY) : setTimeout(callback, left);
  };
  wait(ms);
  return timer;
}

/**
 * Cancels a timer `startTimer` made.
 * @param {{ id: ReturnType<typeof setTimeout> | undefined }} timer
 */
export function cancelTimer(timer) {
  clearTimeout(timer.id);
}
