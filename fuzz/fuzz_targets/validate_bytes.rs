//! The validator on arbitrary bytes: never panics, and its report is consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seam_portal::validate::json_out::to_json;
use seam_portal::validate::validate_json;

fuzz_target!(|data: &[u8]| {
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
