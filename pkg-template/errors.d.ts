import type { FieldErrors, ValidationIssue } from "./wasm/seam_portal.js";

/** Base class of every error this package throws. */
export declare class SeamPortalError extends Error {
  constructor(message: string, options?: { cause?: unknown });
}

/** A create_portal request failed validation; nothing was sent. */
export declare class PortalValidationError extends SeamPortalError {
  constructor(message: string, issues: ValidationIssue[], warnings: ValidationIssue[]);
  readonly name: "PortalValidationError";
  /** A stable code, as Seam's errors have. */
  readonly code: "portal_validation_error";
  /** Every error found, each with its path. */
  readonly issues: ValidationIssue[];
  /** Every warning found. */
  readonly warnings: ValidationIssue[];
}

/** Whether `error` is a {@link PortalValidationError}, also across copies of this package. */
export declare function isPortalValidationError(error: unknown): error is PortalValidationError;

/** Seam answered with an error: `code` is the API's `error.type`. */
export declare class SeamApiError extends SeamPortalError {
  /** The API's error type, e.g. `invalid_input`. */
  readonly code: string;
  /** The HTTP status. */
  readonly statusCode: number;
  /** The `seam-request-id` header, to quote to Seam's support. */
  readonly requestId: string;
  /** Extra data Seam sent with the error. */
  readonly data?: unknown;
}

/** Seam refused the credentials (HTTP 401). */
export declare class SeamUnauthorizedError extends SeamApiError {
  readonly code: "unauthorized";
  readonly statusCode: 401;
}

/** Seam refused the request's input (HTTP 400 `invalid_input`). */
export declare class SeamInvalidInputError extends SeamApiError {
  readonly code: "invalid_input";
  /** Every field Seam complained about, nested ones included. */
  readonly validationErrors: FieldErrors[];
}

/** The response could not be used: not Seam's JSON, or a success body that is malformed or unsafe. */
export declare class SeamInvalidResponseError extends SeamPortalError {
  readonly code: "invalid_response";
  /** The HTTP status of the response (0 when there was none to speak of). */
  readonly statusCode: number;
  readonly requestId: string;
}

/** An attempt took longer than `timeoutMs`. A caller's own abort rejects with its signal's reason instead. */
export declare class SeamTimeoutError extends SeamPortalError {
  readonly code: "timeout";
  readonly timeoutMs: number;
}

/** No answer: connection refused or dropped, DNS, CORS… Not retried: a POST may have been processed. */
export declare class SeamNetworkError extends SeamPortalError {
  readonly code: "network_error";
}

/** A credential of the wrong kind (its value is never repeated). */
export declare class SeamInvalidTokenError extends SeamPortalError {
  readonly code: "invalid_token";
}

/** Options that cannot work: no credentials, a key in a browser, a relative endpoint in Node… */
export declare class SeamInvalidOptionsError extends SeamPortalError {
  readonly code: "invalid_options";
}
