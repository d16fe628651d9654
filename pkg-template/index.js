// @ts-check
// Entry point for browsers and bundlers. The Wasm is fetched and compiled once, by
// `await init()`; using the package before that throws an error saying so.
import * as bindings from "./wasm/seam_portal_bg.js";
import { imports as generatedImports } from "./wasm/imports.js";
import { connect, guardImports } from "./instance.js";
import "./setup.js";

export * from "./api.js";

const NOT_READY =
  "seam-portal is not initialised: call `await init()` once before using it (in Node the package initialises itself)";

// Until init() completes, any call into the Wasm lands here instead of on `undefined`.
bindings.__wbg_set_wasm(
  new Proxy({}, {
    get() {
      throw new Error(NOT_READY);
    },
  }),
);

/** @type {Promise<void> | undefined} */
let ready;

/**
 * Loads and initialises the WebAssembly module. Call it once before using the package; later
 * calls return the same promise. By default the `.wasm` is fetched from beside this file.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module | Promise<Response>} [source]
 * @returns {Promise<void>}
 */
export function init(source) {
  ready ??= load(source).catch((error) => {
    // Let a later call try again (e.g. after a network error).
    ready = undefined;
    throw error;
  });
  return ready;
}

export default init;

/** @param {Parameters<typeof init>[0]} source */
async function load(source) {
  const imports = guardImports(generatedImports);
  /** @type {WebAssembly.Instance} */
  let instance;
  if (source instanceof WebAssembly.Module) {
    instance = await WebAssembly.instantiate(source, imports);
  } else if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    instance = (await WebAssembly.instantiate(source, imports)).instance;
  } else {
    const response = await (source === undefined || typeof source === "string" || source instanceof URL || source instanceof Request
      ? fetch(source ?? new URL("./wasm/seam_portal_bg.wasm", import.meta.url))
      : source);
    if (!response.ok) throw new Error(`seam-portal: fetching the .wasm failed with HTTP ${response.status}`);
    instance = await instantiateResponse(response, imports);
  }
  connect(bindings, instance);
}

/**
 * @param {Response} response
 * @param {WebAssembly.Imports} imports
 */
async function instantiateResponse(response, imports) {
  if (typeof WebAssembly.instantiateStreaming === "function") {
    try {
      return (await WebAssembly.instantiateStreaming(response.clone(), imports)).instance;
    } catch (error) {
      // Servers that send the .wasm without `application/wasm` make streaming fail: fall back.
      if (response.headers.get("Content-Type") === "application/wasm") throw error;
    }
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}
