// wasm-bindgen declares `[Symbol.dispose]()` on exported classes: bring in its lib, so that
// consumers compiling with an older `lib` setting need not change it.
/// <reference lib="esnext.disposable" />
// The package's types: generated from the Rust types (wasm/seam_portal.d.ts, by tsify and
// wasm-bindgen), plus the loader and the JS error classes.
export * from "./wasm/seam_portal.js";
export * from "./errors.js";

/** Where `init` loads the module from: a URL to fetch, a Response (or a promise of one), the bytes, or a compiled module. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module | Promise<Response>;

/**
 * Loads and initialises the WebAssembly module. In browsers call it once, before anything
 * else; later calls return the same promise. In Node it resolves at once: the package
 * initialises itself on load. Takes wasm-bindgen's `{ module_or_path }` form too.
 */
export declare function init(source?: WasmSource | { module_or_path: WasmSource }): Promise<void>;
export default init;
