//! `Tape::from_js`, which reads the tape the JS glue writes for `validate(object)`. It must
//! refuse or safely read anything at all (the glue is ours, but the check is what makes reading
//! the tape without bounds checks sound), and what the glue would write for a document must
//! read exactly as the document parsed from text does.
//!
//! Input: the first byte picks the mode. Mode 0: the rest is JSON text, parsed, turned into
//! what the glue would write, and read back. Otherwise the rest is split into text, entries and
//! numbers as given, and the mode also says which entries are listed as strings with a lone
//! surrogate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seam_portal::validate::{validate, JsonNode, Node, Tape};

/// Every value, key and count of two documents, in order.
fn reading(node: JsonNode, out: &mut Vec<String>) {
    out.push(format!(
        "{:?} {:?} {:?} {:?} {:?} {} {}",
        node.kind(),
        node.as_bool(),
        node.as_f64().map(f64::to_bits),
        node.str(),
        node.size_hint(),
        node.has_lone_surrogate(),
        node.holds_only_json()
    ));
    let items = node.for_each_item(|_, item| match item {
        Ok(item) => reading(item, out),
        Err(_) => out.push("unreadable".to_owned()),
    });
    let entries = node.for_each_entry_checking_keys(|key, lone, value| {
        out.push(format!("{key} {lone}"));
        match value {
            Ok(value) => reading(value, out),
            Err(_) => out.push("unreadable".to_owned()),
        }
    });
    out.push(format!("{items:?} {entries:?}"));
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode == 0 {
        let Ok(text) = std::str::from_utf8(rest) else { return };
        let Ok(parsed) = Tape::parse(text) else { return };
        let parts = parsed.js_parts();
        let from_js = parts.tape().expect("the glue's tape of a parsed document is accepted");
        let (mut a, mut b) = (Vec::new(), Vec::new());
        reading(parsed.root(), &mut a);
        reading(from_js.root(), &mut b);
        // The one intended difference: JSON text can say -0; a JS value's JSON cannot.
        let zero = |s: &String| s.replace(&format!("Some({})", (-0f64).to_bits()), "Some(0)");
        assert_eq!(a.iter().map(zero).collect::<Vec<_>>(), b, "{text:?}");
        assert_eq!(validate(&parsed.root()), validate(&from_js.root()));
    } else {
        // text length, then entries (8 bytes each) and numbers (8 bytes each), split by `mode`.
        let text_len = (rest.first().copied().unwrap_or(0) as usize).min(rest.len().saturating_sub(1));
        let (text, tail) = rest.get(1..).unwrap_or_default().split_at(text_len);
        let Ok(text) = std::str::from_utf8(text) else { return };
        let numbers_len = (mode as usize % 4) * 8;
        let (raw, numbers) = tail.split_at(tail.len().saturating_sub(numbers_len.min(tail.len())));
        let word = |c: &[u8]| u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        let entries: Vec<[u32; 2]> = raw.chunks_exact(8).map(|c| [word(&c[..4]), word(&c[4..])]).collect();
        let numbers: Vec<f64> = numbers.chunks_exact(8).map(|c| f64::from_le_bytes(c.try_into().unwrap())).collect();
        let every = usize::from(mode >> 2);
        let lone: Vec<u32> = (0..entries.len() as u32).filter(|&i| every != 0 && i as usize % every == 0).collect();
        if let Some(tape) = Tape::from_js(text, entries, numbers, lone) {
            let mut out = Vec::new();
            reading(tape.root(), &mut out);
            // Reports of JS values (Dates, lone surrogates, markers) are parsed from this text
            // in the package (JSON.parse, no catch): it is serde_json's.
            let report = validate(&tape.root());
            for list in [&report.issues, &report.warnings] {
                assert_eq!(seam_portal::validate::json_out::to_json(list).ok(), serde_json::to_string(list).ok());
            }
        }
    }
});
