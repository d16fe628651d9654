//! Flattening Seam's nested `validation_errors`, on arbitrary JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seam_portal::submit::response::flatten_validation_errors;

fuzz_target!(|data: &[u8]| {
    let Ok(tree) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let flat = flatten_validation_errors(&tree);
    for entry in &flat {
        assert!(!entry.messages.is_empty());
    }
    assert_eq!(flat, flatten_validation_errors(&tree));
});
