//! Plain data as JSON text, through its `Serialize`: how results (issues, warnings, Seam's
//! `validation_errors`, the locales) reach JavaScript, as one text for one `JSON.parse`.
//!
//! serde-wasm-bindgen's serializer built them property by property across the boundary, and
//! made each field and variant name's JS string once, in a cache it holds borrowed while
//! calling into JS: a call that ran out of stack there (the caller's deep recursion) left it
//! borrowed, and every later result panicked (tests/node/stack.test.mjs). Text built in Rust
//! needs no JS until it is whole, and no state. (Should `JSON.parse` itself run out of stack,
//! its exception leaves Wasm as any would: the loader puts the stack pointer back, and what the
//! call had allocated is lost, nothing more.) It is also a little faster for the common
//! result, a valid request (7.96 against 8.44 µs for `validate` of the 1 KB body, in
//! alternation), and a little slower for invalid ones (15.1 against 14.4 µs).
//!
//! Only what the package's results hold is written: strings, booleans, integers, `Option`s,
//! sequences, structs and unit variants (by name, as serde renames them). Anything else
//! (floats, maps, bytes, data-carrying variants) is refused, never guessed at: the caller's
//! tests meet it at once.

use std::fmt::{self, Display, Write as _};

use serde::ser::{self, Impossible, Serialize};

use super::push_json_string;

/// A value of a kind this writer does not write (a bug in the caller, found by its tests).
#[derive(Debug, PartialEq, Eq)]
pub struct Unsupported(pub String);

impl Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write {} as JSON here", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: Display>(message: T) -> Self {
        Unsupported(message.to_string())
    }
}

/// `value` as compact JSON text, as `JSON.stringify` writes the same data.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Unsupported> {
    // Room for a few issues at once: growing from nothing took a reallocation every doubling.
    let mut out = String::with_capacity(512);
    value.serialize(&mut Writer { out: &mut out })?;
    Ok(out)
}

struct Writer<'a> {
    out: &'a mut String,
}

/// A sequence or struct being written: whether a comma goes before the next item.
struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    first: bool,
}

impl Compound<'_, '_> {
    fn separate(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.writer.out.push(',');
        }
    }
}

fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
    Err(Unsupported(what.to_owned()))
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        // Beyond 2^53 JSON.parse would round it: refused rather than sent changed.
        if v.unsigned_abs() > 1 << 53 {
            return unsupported("an integer beyond 2^53");
        }
        let _ = write!(self.out, "{v}");
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        match i64::try_from(v) {
            Ok(v) => self.serialize_i64(v),
            Err(_) => unsupported("an integer beyond 2^53"),
        }
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        unsupported("a float")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        // Numbers are written by JavaScript in this package (Rust's float formatting is not in
        // the module); no result holds one.
        unsupported("a float")
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        push_json_string(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<(), Unsupported> {
        unsupported("an enum variant with data")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w, 'a>, Unsupported> {
        self.out.push('[');
        Ok(Compound { writer: self, first: true })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Unsupported> {
        unsupported("an enum variant with data")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        unsupported("a map")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        self.out.push('{');
        Ok(Compound { writer: self, first: true })
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Unsupported> {
        unsupported("an enum variant with data")
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.separate();
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.writer.out.push(']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Unsupported> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Unsupported> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported> {
        self.separate();
        push_json_string(self.writer.out, key);
        self.writer.out.push(':');
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.writer.out.push('}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submit::response::FieldErrors;
    use crate::validate::{IssueCode, ValidationIssue};

    /// serde_json (a dev-dependency) is the oracle: the same data, the same text.
    fn same_as_serde_json<T: Serialize>(value: &T) {
        assert_eq!(to_json(value).unwrap(), serde_json::to_string(value).unwrap());
    }

    #[test]
    fn writes_results_as_serde_json_does() {
        let issues = vec![
            ValidationIssue { path: "customer_data.spaces[0].name".into(), code: IssueCode::TooLong, message: "at most 3 \"characters\"\n\\ \u{1}\u{7f} é 😀".into() },
            ValidationIssue { path: String::new(), code: IssueCode::InvalidJson, message: String::new() },
        ];
        same_as_serde_json(&issues);
        same_as_serde_json(&Vec::<ValidationIssue>::new());
        same_as_serde_json(&vec![FieldErrors { path: "a[\"b c\"]".into(), messages: vec!["x".into(), "y".into()] }]);
        same_as_serde_json(&crate::validate::schema::LOCALES);
        same_as_serde_json(&(true, Some(3u32), None::<u8>, 'x', -(1i64 << 53), (), [1u8, 2]));
    }

    #[test]
    fn refuses_what_it_does_not_write() {
        assert!(to_json(&1.5f64).is_err());
        assert!(to_json(&(1u64 << 53 | 1)).is_err());
        assert!(to_json(&std::collections::BTreeMap::from([("k", 1)])).is_err());
        assert_eq!(to_json(&(1u64 << 53)).unwrap(), "9007199254740992");
    }
}
