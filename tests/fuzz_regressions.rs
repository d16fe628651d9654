//! Replays every input the fuzzers ever failed on (fuzz/regressions/<target>/), natively, so a
//! fixed crash stays fixed. The same checks as the fuzz targets, without libFuzzer.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use seam_portal::submit::response::{check_portal_url, check_success, flatten_validation_errors, parse_error, reveals_at_most_a_scheme};
use seam_portal::validate::validate_json;

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join("regressions").join(target);
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().starts_with('.') {
            out.push(fs::read(entry.path()).unwrap_or_default());
        }
    }
    out
}

#[test]
fn validator_regressions() {
    for data in inputs("validate_bytes") {
        let text = String::from_utf8_lossy(&data);
        assert_eq!(validate_json(&text), validate_json(&text));
    }
}

#[test]
fn json_parser_regressions() {
    let mut replayed = 0;
    for data in inputs("json_parser") {
        let text = String::from_utf8_lossy(&data);
        // The fuzz target's exact oracle: a lone number reads as std's correctly rounded parser
        // does, and is refused as out of range only where that parser makes it an infinity.
        let exact = text.trim().parse::<f64>();
        match seam_portal::validate::Tape::parse(&text) {
            Ok(tape) => {
                use seam_portal::validate::Node;
                if let Some(n) = tape.root().as_f64() {
                    assert_eq!(n.to_bits(), exact.unwrap().to_bits(), "{text:?}");
                }
                // An array of numbers: each item as std reads its literal (the fuzzer's oracle,
                // serde_json, is an ulp off at times, and once was more than its tolerance).
                // Split at commas, up to the first piece that is not a number: those are the
                // first items, one piece each.
                let inner = text.trim().strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or_default();
                let literals: Vec<f64> = inner.split(',').map_while(|l| l.trim().parse().ok()).collect();
                let _ = tape.root().for_each_item(|i, item| {
                    if let (Some(n), Some(exact)) = (item.ok().and_then(|item| item.as_f64()), literals.get(i)) {
                        assert_eq!(n.to_bits(), exact.to_bits(), "item {i} of {text:?}");
                    }
                });
            }
            Err(e) if e.what.starts_with("number out of range") => {
                assert!(exact.map_or(true, f64::is_infinite), "{text:?}");
            }
            Err(_) => {}
        }
        replayed += 1;
    }
    assert!(replayed >= 1, "the input the json_parser fuzzer failed on is kept");
}

#[test]
fn response_regressions() {
    let mut replayed = 0;
    for data in inputs("response") {
        let text = String::from_utf8_lossy(&data);
        let _ = (check_success(&text), parse_error(&text));
        if let Err(message) = check_portal_url(&text) {
            assert!(reveals_at_most_a_scheme(&message), "{message}");
        }
        replayed += 1;
    }
    assert!(replayed >= 1, "the crash the response fuzzer found is kept");
}

#[test]
fn validation_errors_regressions() {
    for data in inputs("validation_errors") {
        if let Ok(tree) = seam_portal::validate::Tape::parse(&String::from_utf8_lossy(&data)) {
            let _ = flatten_validation_errors(&tree.root());
        }
    }
}

#[test]
fn js_tape_regressions() {
    use seam_portal::validate::{validate, Tape};
    let mut replayed = 0;
    for data in inputs("js_tape") {
        let Some((0, rest)) = data.split_first() else { continue };
        let text = String::from_utf8_lossy(rest);
        let Ok(tape) = Tape::parse(&text) else { continue };
        let parts = tape.js_parts();
        let from_js = parts.tape().unwrap();
        assert_eq!(validate(&from_js.root()), validate(&tape.root()));
        replayed += 1;
    }
    assert!(replayed >= 1, "the input the js_tape fuzzer failed on is kept");
}
