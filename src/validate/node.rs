//! The one interface the validator reads a document through.
//!
//! Two sources implement it: [`Json`], a borrowed tree parsed from JSON text (strings without
//! escapes are not copied), and, in the Wasm build, live JS values read property by property.
//! The validator only ever descends where the schema does, so a JS value with a cycle or
//! 100 000 levels of nesting is never walked recursively.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// What kind of value a node holds, as JavaScript would see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number (any `f64`, including NaN and infinities from JS).
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// A plain object (anything `typeof` calls "object" that is not an array or `null`).
    Object,
    /// `undefined` (from JS only).
    Undefined,
    /// A `BigInt` (from JS only).
    BigInt,
    /// A `Symbol` (from JS only).
    Symbol,
    /// A function (from JS only).
    Function,
    /// A `Date` object (from JS only): JSON sends its ISO string, not an object.
    Date,
}

impl Kind {
    /// How a message names this kind: "got a number".
    pub fn described(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
            Kind::Undefined => "undefined (JSON sends it as null, or drops the key)",
            Kind::BigInt => "a BigInt (JSON.stringify throws on it)",
            Kind::Symbol => "a symbol (JSON cannot carry it)",
            Kind::Function => "a function (JSON cannot carry it)",
            Kind::Date => "a Date (pass date.toISOString(), or use PortalRequestBuilder, which converts Dates)",
        }
    }
}

/// Reading a JS property can run user code (getters, proxies) that throws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreadable;

/// A value the validator can inspect. Children are handed to callbacks so that a source can
/// produce them lazily (JS) or by reference (JSON text).
pub trait Node: Sized + Clone {
    /// The kind of this value.
    fn kind(&self) -> Kind;
    /// The boolean, when this is one.
    fn as_bool(&self) -> Option<bool>;
    /// The number, when this is one.
    fn as_f64(&self) -> Option<f64>;
    /// The string, when this is one.
    fn as_str(&self) -> Option<Cow<'_, str>>;
    /// Whether this string was not valid UTF-16 (a lone surrogate, possible only from JS); the
    /// string returned by [`Node::as_str`] then has U+FFFD in its place.
    fn has_lone_surrogate(&self) -> bool {
        false
    }
    /// Calls `f` with each element of an array, in order.
    fn for_each_item(&self, f: impl FnMut(usize, Result<Self, Unreadable>)) -> Result<(), Unreadable>;
    /// Calls `f` with each own enumerable key of an object and its value, in order, skipping
    /// keys whose value is `undefined` (JSON drops them).
    fn for_each_entry(&self, f: impl FnMut(&str, Result<Self, Unreadable>)) -> Result<(), Unreadable>;
    /// The value of `key` in an object; `None` when absent, unreadable or not an object.
    fn get(&self, key: &str) -> Option<Self>;
    /// Whether `self` and `other` are the same object (JS `===`), to find cycles.
    fn same_object(&self, _other: &Self) -> bool {
        false
    }
    /// Whether the value came from JSON text, and so is JSON by construction (no BigInt, cycle…).
    const FROM_JSON_TEXT: bool;
}

/// A JSON document parsed from text, borrowing unescaped strings from it.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; JSON integers beyond 2^53 round exactly as `JSON.parse` rounds them.
    Number(f64),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object, keys in document order (duplicates kept, as they appear).
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// Parses JSON text. serde_json's nesting limit (128 levels) applies: deeper documents are a
    /// parse error rather than a stack overflow.
    pub fn parse(text: &'a str) -> Result<Json<'a>, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let value = Json::deserialize(&mut de)?;
        de.end()?;
        Ok(value)
    }
}

impl<'a> Node for &Json<'a> {
    fn kind(&self) -> Kind {
        match self {
            Json::Null => Kind::Null,
            Json::Bool(_) => Kind::Bool,
            Json::Number(_) => Kind::Number,
            Json::String(_) => Kind::String,
            Json::Array(_) => Kind::Array,
            Json::Object(_) => Kind::Object,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        match self {
            Json::String(s) => Some(Cow::Borrowed(s.as_ref())),
            _ => None,
        }
    }
    fn for_each_item(&self, mut f: impl FnMut(usize, Result<Self, Unreadable>)) -> Result<(), Unreadable> {
        if let Json::Array(items) = self {
            for (i, item) in items.iter().enumerate() {
                f(i, Ok(item));
            }
        }
        Ok(())
    }
    fn for_each_entry(&self, mut f: impl FnMut(&str, Result<Self, Unreadable>)) -> Result<(), Unreadable> {
        if let Json::Object(entries) = self {
            for (key, value) in entries {
                f(key, Ok(value));
            }
        }
        Ok(())
    }
    fn get(&self, key: &str) -> Option<Self> {
        match self {
            // The last occurrence wins, as in JSON.parse.
            Json::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    const FROM_JSON_TEXT: bool = true;
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Json::Number(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<JsonKey<'de>>()? {
            entries.push((key.0, map.next_value()?));
        }
        Ok(Json::Object(entries))
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct JsonKey<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for JsonKey<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = JsonKey<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(JsonKey(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(JsonKey(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(JsonKey(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}
