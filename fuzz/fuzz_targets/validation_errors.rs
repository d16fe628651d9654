//! Flattening Seam's nested `validation_errors`, on arbitrary JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seam_portal::submit::response::flatten_validation_errors;
use seam_portal::validate::Tape;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(tape) = Tape::parse(&text) else { return };
    let flat = flatten_validation_errors(&tape.root());
    for entry in &flat {
        assert!(!entry.messages.is_empty());
    }
    assert_eq!(flat, flatten_validation_errors(&tape.root()));
});
