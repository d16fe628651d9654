//! The response parser: success bodies, error bodies and portal URLs, on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seam_portal::submit::response::{check_portal_url, check_success, parse_error, reveals_at_most_a_scheme};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(message) = check_success(&text) {
        assert!(!message.is_empty());
    }
    let _ = parse_error(&text);
    if let Err(message) = check_portal_url(&text) {
        assert!(reveals_at_most_a_scheme(&message), "{message}");
    }
});
