// @ts-check
// A wasm-bindgen snippet: the iframe embedPortal shows a portal in, set up in one call. Made
// from Rust through web-sys it took a call across the boundary per attribute and style (each
// passing its strings), and 0.9 KiB of the gzipped module; the checks stay in Rust (the
// container's brand, the URL, the options), which calls this only once they have passed.

// A snippet too (src/bindings/mod.rs), which wasm-bindgen copies beside this one.
import { hurryTimer, startTimer } from "./timers.js";

/**
 * Which portal each iframe shows: the number Rust gave the latest embedPortal call that showed
 * it. A later call in the same container takes the iframe over, and the earlier portal stops
 * (its scheduled refresh would otherwise put its own link back).
 * @type {WeakMap<Element, number>}
 */
const owners = new WeakMap();

/**
 * The pending refresh of the portal each iframe shows (see `startRefreshTimer`).
 * @type {WeakMap<Element, import("./timers.js").Timer>}
 */
const refreshes = new WeakMap();

/**
 * Shows `url` in the portal iframe of `container`: the one a previous call put there, else a
 * new one, with Seam's recommended attributes (`allow="clipboard-write"`, a title, full width).
 * @param {Element} container an element (Rust has checked its brand)
 * @param {string} url checked by Rust
 * @param {string} title
 * @param {string} height a CSS height
 * @param {number} owner the portal's number, for `showsPortal`
 * @returns {HTMLIFrameElement | undefined} the iframe; `undefined` when the element marked as
 *   the portal's frame is not an iframe (an SVG element of that name)
 */
export function showFrame(container, url, title, height, owner) {
  let frame = container.querySelector("iframe[data-seam-portal]");
  if (!frame) {
    // An HTML iframe in any document (an XML document's createElement makes an element of no
    // namespace).
    frame = container.ownerDocument.createElementNS("http://www.w3.org/1999/xhtml", "iframe");
    frame.setAttribute("data-seam-portal", "");
    container.appendChild(frame);
  }
  // By namespace, not `instanceof`: a container in another same-origin document makes its
  // iframe in that document's realm.
  if (frame.namespaceURI !== "http://www.w3.org/1999/xhtml") return undefined;
  const iframe = /** @type {HTMLIFrameElement} */ (frame);
  iframe.setAttribute("allow", "clipboard-write");
  iframe.title = title;
  const style = iframe.style;
  style.width = "100%";
  style.height = height;
  style.border = "0";
  style.display = "block";
  iframe.src = url;
  owners.set(iframe, owner);
  // The portal that showed it before stops: its pending refresh falls due at once (after this
  // call), finds the iframe taken over, and lets go of what the schedule held (the portal and its
  // callbacks), which would otherwise stay until the refresh fell due, maybe days later.
  const pending = refreshes.get(iframe);
  if (pending) {
    refreshes.delete(iframe);
    hurryTimer(pending);
  }
  return iframe;
}

/**
 * Starts the timer of the automatic refresh of the portal `frame` shows, as `startTimer`
 * does, and keeps it for a later `showFrame` of the same frame to hurry.
 * @param {Element} frame
 * @param {() => void} callback
 * @param {number} ms
 */
export function startRefreshTimer(frame, callback, ms) {
  const timer = startTimer(callback, ms);
  refreshes.set(frame, timer);
  return timer;
}

/**
 * Whether the page's CSS reads `height` as a height (where there is no CSS to ask, as in a
 * DOM made for tests, any string is taken).
 * @param {string} height
 */
export function isCssHeight(height) {
  return typeof CSS === "undefined" || typeof CSS.supports !== "function" || CSS.supports("height", height);
}

/**
 * Whether `frame` still shows the portal numbered `owner` (no later embedPortal took it over).
 * @param {Element} frame
 * @param {number} owner
 */
export function showsPortal(frame, owner) {
  return owners.get(frame) === owner;
}
