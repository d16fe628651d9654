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

/**
 * @typedef {{ message: string, code?: string, statusCode?: number, requestId?: string, data?: unknown,
 *   validationErrors?: Array<{ path: string, messages: string[] }>, timeoutMs?: number, cause?: unknown }} ErrorFields
 */

/** Seam answered with an error: `code` is the API's `error.type`. */
export class SeamApiError extends SeamPortalError {
  /** @param {ErrorFields} fields */
  constructor(fields) {
    super(fields.message);
    this.name = "SeamApiError";
    /** The API's error type, e.g. `invalid_input`. */
    this.code = fields.code ?? "unknown";
    /** The HTTP status. */
    this.statusCode = fields.statusCode ?? 0;
    /** The `seam-request-id` header, to quote to Seam's support. */
    this.requestId = fields.requestId ?? "";
    /** Extra data Seam sent with the error. */
    this.data = fields.data;
  }
}

/** Seam refused the credentials (HTTP 401). */
export class SeamUnauthorizedError extends SeamApiError {
  /** @param {ErrorFields} fields */
  constructor(fields) {
    super({ ...fields, code: "unauthorized", statusCode: 401 });
    this.name = "SeamUnauthorizedError";
  }
}

/** Seam refused the request's input (HTTP 400 `invalid_input`). */
export class SeamInvalidInputError extends SeamApiError {
  /** @param {ErrorFields} fields */
  constructor(fields) {
    super({ ...fields, code: "invalid_input" });
    this.name = "SeamInvalidInputError";
    /** Every field Seam complained about, nested ones included, with the validator's path style. */
    this.validationErrors = fields.validationErrors ?? [];
  }
}

/** The response could not be used: not Seam's JSON, or a success body that is malformed or unsafe. */
export class SeamInvalidResponseError extends SeamPortalError {
  /** @param {ErrorFields} fields */
  constructor(fields) {
    super(fields.message);
    this.name = "SeamInvalidResponseError";
    this.code = "invalid_response";
    /** The HTTP status of the response. */
    this.statusCode = fields.statusCode ?? 0;
    /** The `seam-request-id` header, when there was one. */
    this.requestId = fields.requestId ?? "";
  }
}

/** An attempt took longer than `timeoutMs`. (A caller's own abort rejects with its signal's reason instead.) */
export class SeamTimeoutError extends SeamPortalError {
  /** @param {ErrorFields} fields */
  constructor(fields) {
    super(fields.message);
    this.name = "SeamTimeoutError";
    this.code = "timeout";
    /** The limit that was reached, per attempt. */
    this.timeoutMs = fields.timeoutMs ?? 0;
  }
}

/** The request did not get an answer (connection refused or dropped, DNS, CORS…). Not retried: a POST may have been processed. */
export class SeamNetworkError extends SeamPortalError {
  /** @param {ErrorFields} fields */
  constructor(fields) {
    super(fields.message, { cause: fields.cause });
    this.name = "SeamNetworkError";
    this.code = "network_error";
  }
}

/** A credential of the wrong kind (its value is never repeated). */
export class SeamInvalidTokenError extends SeamPortalError {
  /** @param {ErrorFields} fields */
  constructor(fields) {
    super(fields.message);
    this.name = "SeamInvalidTokenError";
    this.code = "invalid_token";
  }
}

/** Options that cannot work: no credentials, a key in a browser, a relative endpoint in Node… */
export class SeamInvalidOptionsError extends SeamPortalError {
  /** @param {ErrorFields} fields */
  constructor(fields) {
    super(fields.message);
    this.name = "SeamInvalidOptionsError";
    this.code = "invalid_options";
  }
}

const classes = {
  SeamApiError, SeamUnauthorizedError, SeamInvalidInputError, SeamInvalidResponseError,
  SeamTimeoutError, SeamNetworkError, SeamInvalidTokenError, SeamInvalidOptionsError,
};

/**
 * Creates one of the errors above by name: how the Wasm code throws them.
 * @param {keyof typeof classes} name
 * @param {ErrorFields} fields
 */
export function createError(name, fields) {
  return new classes[name](fields);
}
