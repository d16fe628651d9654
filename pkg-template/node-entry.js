// @ts-check
// Entry point for Node, bundled by esbuild into node.cjs (and re-exported by node.mjs). The
// Wasm is compiled and instantiated synchronously on load: nothing to await.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as bindings from "./wasm/seam_portal_bg.js";
import { imports } from "./wasm/imports.js";
import { connect, guardImports } from "./instance.js";
import { bundledWithout } from "./bundled.js";
import "./setup.js";

export * from "./api.js";

// In the CJS bundle, __dirname is the package's folder (or a bundle's, if one took this in).
const bytes = readWasm(join(__dirname, "wasm", "seam_portal_bg.wasm"));
connect(bindings, new WebAssembly.Instance(new WebAssembly.Module(bytes), guardImports(imports)));

/** @param {string} path */
function readWasm(path) {
  try {
    return readFileSync(path);
  } catch (error) {
    throw /** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT" ? bundledWithout("its WebAssembly module", path, error) : error;
  }
}

/**
 * Does nothing in Node, where the package initialises itself on load; present so that code
 * shared with browsers can always `await init()`.
 * @returns {Promise<void>}
 */
export function init() {
  return Promise.resolve();
}

export default init;
