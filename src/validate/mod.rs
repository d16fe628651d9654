//! The validator: finds every problem in a create_portal request in one pass, each with its
//! path, a stable code and a message saying what was expected.
//!
//! A body is valid when the spec (`spec/create_portal.openapi.json`) accepts it *and* Seam's
//! own request schema would: where the server is stricter than the spec (trimmed keys, UTC
//! date-times, `custom_metadata` limits, UTF-16 lengths) the issue's message says what the
//! server expects. Unknown properties, which the spec allows, are warnings, as are problems the
//! schema cannot see (duplicate keys, references to resources that were not sent, …).
//!
//! This module is pure Rust: it reads documents through [`Node`], as tapes parsed from JSON text
//! or written by the JS glue from JS values ([`Tape::from_js`]).

mod check;
pub mod json;
pub mod json_out;
pub mod keyhash;
mod lint;
mod node;
pub mod schema;
pub mod text;

pub use check::{push_json_string, push_key};
pub use json::{JsonNode, SyntaxError, Tape};
pub use node::{Kind, Node, Unreadable};

use serde::Serialize;
use tsify::Tsify;

/// One problem found in a request.
#[derive(Tsify, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ValidationIssue {
    /// Where the problem is, written like `customer_data.spaces[2].space_key`; empty for the
    /// whole request. Keys that are not identifiers are quoted: `a["my key"]`.
    pub path: String,
    /// A stable, machine-readable code.
    pub code: IssueCode,
    /// What is wrong and what is expected, in English.
    pub message: String,
}

/// The stable codes of validation issues (errors) and warnings.
#[derive(Tsify, Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// The text is not JSON.
    InvalidJson,
    /// The value has the wrong type.
    InvalidType,
    /// A required key is missing.
    Required,
    /// A string is shorter than allowed.
    TooShort,
    /// A string is longer than allowed.
    TooLong,
    /// Seam's server refuses keys with leading or trailing whitespace.
    LeadingOrTrailingWhitespace,
    /// A string is not a valid UUID or date-time.
    InvalidFormat,
    /// A string does not match the required pattern.
    InvalidPattern,
    /// A string is not one of the allowed values.
    InvalidEnumValue,
    /// A number is not an integer.
    NotInteger,
    /// A number is too small.
    TooSmall,
    /// A number is NaN or infinite, which JSON cannot carry.
    NotFinite,
    /// `landing_page.manage` does not name exactly one resource.
    NotExactlyOne,
    /// An object has more keys than Seam's server allows.
    TooManyKeys,
    /// Reading a JS property threw (a getter or a proxy).
    Unreadable,
    /// A JS value that cannot be sent as JSON (a BigInt, a cycle, …).
    NotJson,
    /// A key the spec does not define (a warning: the spec allows them, but it is often a typo).
    UnknownProperty,
    /// The same key twice in one JSON object; the last one wins (a warning).
    DuplicateProperty,
    /// Two resources in one list share a key (a warning).
    DuplicateKey,
    /// `starts_at` is after `ends_at` (a warning).
    StartsAfterEnds,
    /// A key that names no resource in `customer_data` (a warning).
    UnknownReference,
    /// A provider both accepted and excluded (a warning).
    ProviderConflict,
    /// A default event that is not among the allowed events (a warning).
    DefaultEventNotAllowed,
    /// A deprecated option (a warning).
    Deprecated,
    /// A value that is accepted but has no effect (a warning).
    IgnoredProperty,
    /// A string, or a `custom_metadata` key, with an unpaired UTF-16 surrogate (a warning).
    LoneSurrogate,
    /// A value JSON changes when sending it, such as NaN becoming null (a warning).
    LossyValue,
    /// More errors, or warnings, were found than a report lists ([`MAX_LISTED`]): this last
    /// entry says so, and the rest are left out.
    TooManyIssues,
}

/// The most errors, and the most warnings, a report lists. 1 000 000 of them grew Wasm memory by
/// 178 MiB (measured), and take more as JS objects; without a limit, 80 MB of JSON text (an array
/// of 40 million wrong values) ran Wasm out of memory, where Rust's allocator traps.
pub const MAX_LISTED: usize = 1_000_000;

/// Everything found in one request: errors (which make it invalid) and warnings (which don't).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Problems that make the request invalid.
    pub issues: Vec<ValidationIssue>,
    /// Problems worth a look that do not change the verdict.
    pub warnings: Vec<ValidationIssue>,
}

impl Report {
    /// Whether the request is valid: no errors (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.issues.is_empty()
    }
}

/// Validates a request read through any [`Node`].
pub fn validate<N: Node>(root: &N) -> Report {
    let mut cx = check::Checker::default();
    let mut found = lint::Resources::default();
    cx.object(&schema::REQUEST, root, &mut found);
    lint::lint(&mut cx, root, found);
    cx.finish()
}

/// Validates JSON text: a parse error is one `invalid_json` issue with its line and column.
pub fn validate_json(text: &str) -> Report {
    match Tape::parse(text) {
        Ok(tape) => validate(&tape.root()),
        Err(e) => not_json(e),
    }
}

/// The report for text that is not JSON: one `invalid_json` issue saying why and where.
fn not_json(error: SyntaxError) -> Report {
    root_issue(IssueCode::InvalidJson, &format!("the text is not valid JSON: {error}"))
}

/// Validates JSON text given as bytes, which must be UTF-8: bytes that are not are one
/// `invalid_json` issue saying where the first byte is that is not.
pub fn validate_json_bytes(bytes: &[u8]) -> Report {
    match core::str::from_utf8(bytes) {
        Ok(text) => validate_json(text),
        Err(e) => not_json(json::not_utf8(bytes, e.valid_up_to())),
    }
}

/// The report for JSON text of more than [`json::MAX_LEN`] bytes, for callers that find that
/// out before holding it all (as [`validate_json`] would say, without the position).
pub fn text_too_large() -> Report {
    root_issue(IssueCode::InvalidJson, "the text is not valid JSON: it is larger than 512 MiB")
}

/// The report for a JS value whose strings alone take more than [`json::MAX_LEN`] bytes as
/// UTF-8 (more than the JSON text route takes, and more than a JS string can hold as JSON
/// text), or that holds more than 2^27 values (a tape of 1 GiB).
pub fn value_too_large() -> Report {
    root_issue(IssueCode::NotJson, "the request is too large to send as JSON, and to validate: its strings take more than 512 MiB, or it holds more than 134 million values")
}

/// The report for a JS value that `JSON.stringify` could not serialise after the validator had
/// read it without trouble: a getter or a proxy threw the second time it was read.
pub fn unreadable_when_serialised() -> Report {
    root_issue(IssueCode::Unreadable, "JSON.stringify threw while serialising the request, which validation had read without trouble (a getter or a proxy)")
}

/// The report for a JS value whose tape `Tape::from_js` refused: a bug in the glue, which the
/// tests and the fuzzing of that check look for; reported rather than thrown.
pub fn unread_tape() -> Report {
    root_issue(IssueCode::Unreadable, "the value could not be read for validation (a bug in seam-portal: please report it, with the value)")
}

fn root_issue(code: IssueCode, message: &str) -> Report {
    Report { issues: vec![ValidationIssue { path: String::new(), code, message: message.to_owned() }], warnings: Vec::new() }
}

#[cfg(test)]
mod tests;
