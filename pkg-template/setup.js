// @ts-check
// Wiring shared by every entry point, run once when the package is loaded.
import { PortalRequestBuilder } from "./wasm/seam_portal_bg.js";

// Rust cannot return the JS object that wraps a builder, so its mutators return undefined;
// here each method that does returns the builder instead, so calls chain. The generated class
// is decorated, not edited, and the rule is generic: no list of method names to keep in step.
const proto = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (PortalRequestBuilder.prototype));
for (const name of Object.getOwnPropertyNames(proto)) {
  const method = proto[name];
  if (name === "constructor" || typeof method !== "function") continue;
  proto[name] = /** @this {PortalRequestBuilder} */ function (/** @type {unknown[]} */ ...args) {
    const result = method.apply(this, args);
    return result === undefined ? this : result;
  };
}
