//! The JSON tape parser against serde_json, as a differential oracle on arbitrary bytes: both
//! accept and refuse the same texts, and read the same values from what they accept.
//!
//! A lone number is also compared with std's correctly rounded parser, bit for bit: serde_json may
//! be an ulp off, and the tape reads most numbers with a fast path of its own.
//!
//! Known, intended differences: escaped lone surrogates (`"\ud800"`), which JSON.parse and the
//! tape accept (as U+FFFD, flagged) and serde_json refuses; nesting, where serde_json stops at
//! 127 levels and the tape at 128; and numbers at the very end of a double's range, where
//! serde_json's inexact parsing errs both ways: it overflows where the exact value rounds to the
//! largest double (`1.7976931348623158e308`, which JSON.parse reads as Number.MAX_VALUE), and
//! reads a finite value where the exact one rounds to an infinity (`-1.79769313486231598e308`,
//! -Infinity to JSON.parse). The tape follows std's correctly rounded parser, which judges
//! these when the document is a lone number.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seam_portal::validate::{JsonNode, Kind, Node, Tape};
use serde_json::Value;

/// Compares a tape value with serde_json's reading of the same text; false when they differ.
fn same(node: &JsonNode, value: &Value) -> bool {
    match (node.kind(), value) {
        (Kind::Null, Value::Null) => true,
        (Kind::Bool, Value::Bool(b)) => node.as_bool() == Some(*b),
        (Kind::Number, Value::Number(n)) => {
            let (ours, theirs) = (node.as_f64().unwrap_or(f64::NAN), n.as_f64().unwrap_or(f64::NAN));
            // serde_json's default float parsing may be off by an ulp (ours is checked exactly
            // below, and in tests/fuzz_regressions.rs): relatively, or by whole ulps where one is
            // relatively large, below a double's smallest normal (an ulp of 1.1e-309 is 4.4e-15
            // of it: `1111111111111111222222e-330`, which the tape reads as std does).
            let ulps = ours.to_bits().abs_diff(theirs.to_bits());
            ours == theirs || (ours - theirs).abs() <= theirs.abs() * 1e-15 || (ours.signum() == theirs.signum() && ulps <= 2)
        }
        (Kind::String, Value::String(s)) => node.as_str().as_deref() == Some(s.as_str()),
        (Kind::Array, Value::Array(items)) => {
            let mut ok = true;
            let mut count = 0;
            let _ = node.for_each_item(|i, item| {
                count += 1;
                ok &= items.get(i).is_some_and(|v| same(&item.unwrap(), v));
            });
            ok && count == items.len()
        }
        (Kind::Object, Value::Object(map)) => {
            // serde_json keeps the last of duplicate keys, as `get` does.
            let mut ok = true;
            let _ = node.for_each_entry(|key, _| ok &= map.contains_key(key));
            ok && map.iter().all(|(k, v)| node.get(k).is_some_and(|n| same(&n, v)))
        }
        _ => false,
    }
}

fn depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0, false, false);
    for b in text.bytes() {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (false, _, b'"') => in_string = true,
            (false, _, b'[' | b'{') => {
                depth += 1;
                max = max.max(depth);
            }
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// A lone number, against std's correctly rounded parser, bit for bit: the tape reads most
/// numbers with a fast path of its own.
fn lone_number_reads_exactly(tape: &Tape, text: &str) {
    if let Some(n) = tape.root().as_f64() {
        assert_eq!(n.to_bits(), text.trim_matches([' ', '\t', '\n', '\r']).parse::<f64>().unwrap().to_bits(), "{text:?}");
    }
}

/// For a document that is one number: whether std's correctly rounded parser makes it an
/// infinity (which the tape refuses as out of range).
fn lone_number_overflows(text: &str) -> Option<bool> {
    text.trim_matches([' ', '\t', '\n', '\r']).parse::<f64>().ok().map(f64::is_infinite)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = Tape::parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(tape), Ok(value)) => {
            assert!(same(&tape.root(), value), "different values for {text:?}");
            lone_number_reads_exactly(tape, text);
        }
        (Err(e), Ok(_)) => assert!(
            depth(text) >= 127 || (e.what.starts_with("number out of range") && lone_number_overflows(text) != Some(false)),
            "refused what serde_json accepts: {e} in {text:?}"
        ),
        (Ok(tape), Err(e)) => {
            assert!(
                text.to_ascii_lowercase().contains("\\ud") || depth(text) >= 127 || e.to_string().starts_with("number out of range"),
                "accepted what serde_json refuses ({e}): {text:?}"
            );
            lone_number_reads_exactly(tape, text);
        }
        (Err(e), Err(_)) => assert!(e.line >= 1 && e.column >= 1 && !e.what.is_empty()),
    }
});
