//! The validator on structure-aware JSON: documents built from the schema's own keys and
//! values near its constraints, so the fuzzer reaches deep into customer_data.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use seam_portal::validate::schema::{Shape, Ty, LANDING_PAGE_KEYS, REQUEST};
use seam_portal::validate::validate_json;
use serde_json::{Map, Value};

/// Strings near the schema's edges: empty, padded, date-times, UUIDs, long, astral.
const STRINGS: &[&str] = &[
    "", "k", " k", "k\u{FEFF}", "\u{85}k", "2025-06-01T15:00:00Z", "2025-06-01T15:00:00+02:00", "2024-02-29T23:59:60Z",
    "123e4567-e89b-12d3-a456-426614174000", "urn:uuid:123e4567-e89b-12d3-a456-426614174000", "23:59", "24:00", "_x1", "1x",
    "en-US", "full", "restricted", "reservation", "space", "=", "😀😀😀", "é",
];

fn string(u: &mut Unstructured) -> arbitrary::Result<String> {
    Ok(match u.int_in_range(0..=3)? {
        0 => String::arbitrary(u)?,
        1 => "😀".repeat(u.int_in_range(0..=300)?),
        _ => u.choose(STRINGS)?.to_string(),
    })
}

fn any(u: &mut Unstructured, depth: u32) -> arbitrary::Result<Value> {
    Ok(match u.int_in_range(0..=7)? {
        0 => Value::Null,
        1 => Value::Bool(bool::arbitrary(u)?),
        2 => serde_json::Number::from_f64(f64::arbitrary(u)?).map_or(Value::Null, Value::Number),
        3 => Value::from(i64::arbitrary(u)?),
        4 if depth < 6 => Value::Array((0..u.int_in_range(0..=3)?).map(|_| any(u, depth + 1)).collect::<Result<_, _>>()?),
        5 if depth < 6 => Value::Object((0..u.int_in_range(0..=3)?).map(|_| Ok((string(u)?, any(u, depth + 1)?))).collect::<arbitrary::Result<_>>()?),
        _ => Value::String(string(u)?),
    })
}

/// A value for a rule: usually a plausible one, sometimes anything at all.
fn value(u: &mut Unstructured, ty: &Ty, depth: u32) -> arbitrary::Result<Value> {
    if u.ratio(1, 8)? {
        return any(u, depth);
    }
    Ok(match ty {
        Ty::Bool => Value::Bool(bool::arbitrary(u)?),
        Ty::Str(_) | Ty::Enum(_) => Value::String(string(u)?),
        Ty::StrList => Value::Array((0..u.int_in_range(0..=3)?).map(|_| string(u).map(Value::String)).collect::<Result<_, _>>()?),
        Ty::Number | Ty::PositiveInt => serde_json::Number::from_f64(f64::arbitrary(u)?).map_or(Value::from(1), Value::Number),
        Ty::Nullable(inner) => if bool::arbitrary(u)? { Value::Null } else { value(u, inner, depth)? },
        Ty::Object(shape) => object(u, shape, depth + 1)?,
        Ty::List(shape) => Value::Array((0..u.int_in_range(0..=3)?).map(|_| object(u, shape, depth + 1)).collect::<Result<_, _>>()?),
        Ty::StrOrBool => if bool::arbitrary(u)? { Value::Bool(true) } else { Value::String(string(u)?) },
        Ty::CustomMetadata => Value::Object((0..u.int_in_range(0..=55)?).map(|i| Ok((format!("{}{i}", string(u)?), value(u, &Ty::StrOrBool, depth)?))).collect::<arbitrary::Result<_>>()?),
        Ty::LandingPageManage => {
            let mut map = Map::new();
            for _ in 0..u.int_in_range(0..=2)? {
                map.insert(u.choose(LANDING_PAGE_KEYS)?.0.to_owned(), Value::String(string(u)?));
            }
            Value::Object(map)
        }
    })
}

fn object(u: &mut Unstructured, shape: &Shape, depth: u32) -> arbitrary::Result<Value> {
    let mut map = Map::new();
    for field in shape.fields {
        if field.required || bool::arbitrary(u)? {
            map.insert(field.name.to_owned(), value(u, &field.ty, depth)?);
        }
    }
    if u.ratio(1, 10)? {
        map.insert(string(u)?, any(u, depth)?);
    }
    Ok(Value::Object(map))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(doc) = object(&mut u, &REQUEST, 0) else { return };
    let text = doc.to_string();
    let report = validate_json(&text);
    assert_eq!(report.is_valid(), report.issues.is_empty());
    // The text the package's results are parsed from is serde_json's (see validate_bytes).
    for list in [&report.issues, &report.warnings] {
        assert_eq!(seam_portal::validate::json_out::to_json(list).ok(), serde_json::to_string(list).ok());
    }
    // Pretty-printing changes nothing.
    let pretty = serde_json::to_string_pretty(&doc).unwrap_or_default();
    assert_eq!(validate_json(&pretty), report);
});
