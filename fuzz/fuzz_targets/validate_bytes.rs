//! The validator on arbitrary bytes: never panics, and its report is consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seam_portal::validate::validate_json;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = validate_json(&text);
    // Deterministic, and every issue says what and where.
    assert_eq!(report, validate_json(&text));
    for issue in report.issues.iter().chain(&report.warnings) {
        assert!(!issue.message.is_empty());
    }
});
