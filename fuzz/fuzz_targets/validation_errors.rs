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
    // SeamHttpInvalidInputError's validationErrors are parsed from this text (JSON.parse, no
    // catch), made of whatever keys and messages the server sent: it is serde_json's.
    assert_eq!(seam_portal::validate::json_out::to_json(&flat).ok(), serde_json::to_string(&flat).ok());
});
