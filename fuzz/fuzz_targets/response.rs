//! The response parser: success bodies, error bodies and portal URLs, on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seam_portal::submit::response::{check_portal_url, check_success, parse_error};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(message) = check_success(&text) {
        assert!(!message.is_empty());
    }
    let _ = parse_error(&text);
    if let Err(message) = check_portal_url(&text) {
        // The reason never repeats the URL's query, which carries a token. Only its variable
        // part (after "; got") is checked: the fixed rule text may contain anything short.
        let variable = message.split_once("; got").map_or("", |(_, v)| v);
        if let Some((_, query)) = text.split_once('?') {
            if query.len() > 8 {
                assert!(!variable.contains(query), "{message}");
            }
        }
    }
});
