import type { ValidationIssue } from "./wasm/seam_portal.js";

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
