//! The validator on arbitrary bytes, as bytes and as the text they decode to: never panics, and
//! its report is consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seam_portal::validate::json_out::to_json;
use seam_portal::validate::{validate_json, validate_json_bytes, IssueCode};

fuzz_target!(|data: &[u8]| {
    // The bytes themselves (validateJson given a Uint8Array): UTF-8 is validated as the text
    // it is; anything else is one invalid_json issue, with its line and column.
    let as_bytes = validate_json_bytes(data);
    match core::str::from_utf8(data) {
        Ok(text) => assert_eq!(as_bytes, validate_json(text)),
        Err(_) => {
            assert!(as_bytes.warnings.is_empty() && as_bytes.issues.len() == 1);
            assert_eq!((as_bytes.issues[0].path.as_str(), as_bytes.issues[0].code), ("", IssueCode::InvalidJson));
            assert!(as_bytes.issues[0].message.contains("UTF-8 (") || as_bytes.issues[0].message.contains("UTF-16"));
            assert!(as_bytes.issues[0].message.ends_with(')'));
        }
    }
    let text = String::from_utf8_lossy(data);
    let report = validate_json(&text);
    // Deterministic, and every issue says what and where.
    assert_eq!(report, validate_json(&text));
    for issue in report.issues.iter().chain(&report.warnings) {
        assert!(!issue.message.is_empty());
    }
    // The text the package's results are parsed from (JSON.parse, no catch) is serde_json's,
    // whatever keys and values the messages and paths quote.
    for list in [&report.issues, &report.warnings] {
        assert_eq!(to_json(list).ok(), serde_json::to_string(list).ok());
    }
});
