// @ts-check
// The package's error classes. This file is a wasm-bindgen snippet: the Rust code imports these
// classes to throw them, and the package's entry points re-export the very same module, so
// `instanceof` works on errors thrown from Wasm.

/** Base class of every error this package throws. */
export class SeamPortalError extends Error {
  /**
   * @param {string} message
   * @param {{ cause?: unknown }} [options]
   */
  constructor(message, options) {
    super(message, options);
    this.name = "SeamPortalError";
  }
}

/** A create_portal request failed validation; nothing was sent. */
export class PortalValidationError extends SeamPortalError {
  /**
   * @param {string} message a summary of the issues
   * @param {Array<{ path: string, code: string, message: string }>} issues every error found
   * @param {Array<{ path: string, code: string, message: string }>} warnings every warning found
   */
  constructor(message, issues, warnings) {
    super(message);
    this.name = "PortalValidationError";
    /** A stable code, as Seam's errors have. */
    this.code = "portal_validation_error";
    /** Every error found, each with its path. */
    this.issues = issues;
    /** Every warning found. */
    this.warnings = warnings;
  }
}

/**
 * Whether `error` is a {@link PortalValidationError}, also across copies of this package.
 * @param {unknown} error
 * @returns {error is PortalValidationError}
 */
export function isPortalValidationError(error) {
  return error instanceof PortalValidationError ||
    (error instanceof Error && error.name === "PortalValidationError" && Array.isArray(/** @type {any} */ (error).issues));
}
