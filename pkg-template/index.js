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

// What `init` loads the module from: a URL to fetch, a Response (or a promise of one), the
// bytes, or a compiled module; or wasm-bindgen's own form, an object holding one as
// `module_or_path`.
/** @typedef {string | URL | Request | Response | BufferSource | WebAssembly.Module | Promise<Response>} Source */

/**
 * Loads and initialises the WebAssembly module. Call it once before using the package; later
 * calls return the same promise. By default the `.wasm` is fetched from beside this file.
 * @param {Source | { module_or_path: Source }} [source]
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

const SOURCES = "a URL (a string or a URL), a Request, a Response or a promise of one, the bytes, a WebAssembly.Module, or { module_or_path } holding one of those";

/** @param {Parameters<typeof init>[0]} given */
async function load(given) {
  // wasm-bindgen's own loaders take `{ module_or_path }`: code written for them works here.
  // `any`: TypeScript reduces the union of sources to WebAssembly.Module, an empty interface
  // that every object fits, and then refuses `instanceof` on it.
  /** @type {any} */
  const source = typeof given === "object" && given !== null && "module_or_path" in given ? given.module_or_path : given;
  const imports = guardImports(generatedImports);
  /** @type {WebAssembly.Instance} */
  let instance;
  try {
    if (source instanceof WebAssembly.Module) {
      instance = await WebAssembly.instantiate(source, imports);
    } else if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
      instance = (await WebAssembly.instantiate(/** @type {BufferSource} */ (source), imports)).instance;
    } else {
      const response = await (source === undefined || typeof source === "string" || source instanceof URL || source instanceof Request
        ? fetch(source ?? new URL("./wasm/seam_portal_bg.wasm", import.meta.url))
        : source);
      // Any Response-like object (a polyfill's too); not, say, a number read as a status.
      if (typeof response !== "object" || response === null || typeof response.ok !== "boolean" || typeof response.arrayBuffer !== "function") {
        throw new TypeError(`seam-portal: init() takes ${SOURCES}; got ${response === null ? "null" : typeof response === "object" ? "another object" : `a ${typeof response}`}`);
      }
      if (!response.ok) throw new Error(`seam-portal: fetching the .wasm failed with HTTP ${response.status}`);
      instance = await instantiateResponse(response, imports);
    }
  } catch (error) {
    if (error instanceof WebAssembly.CompileError) {
      throw new Error(`seam-portal: what init() loaded is not WebAssembly (a server's HTML page where the .wasm was not found?): ${error.message}`, { cause: error });
    }
    if (error instanceof WebAssembly.LinkError) throw new Error(`seam-portal: ${NOT_OURS}: ${error.message}`, { cause: error });
    throw error;
  }
  // A module that needs nothing this glue lacks still links (an empty one does): without the
  // package's exports, every call would fail later, and init() could not be tried again.
  if (!(instance.exports.memory instanceof WebAssembly.Memory) || typeof instance.exports.validate !== "function") throw new Error(`seam-portal: ${NOT_OURS}`);
  connect(bindings, instance);
}

const NOT_OURS = "the .wasm given to init() is not the one this copy of seam-portal was built with (one of another version, kept by a cache or a CDN, or another module)";

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
