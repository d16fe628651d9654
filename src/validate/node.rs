//! The one interface the validator reads a document through.
//!
//! [`super::json::JsonNode`] implements it, for a tape parsed from JSON text and for one the JS
//! glue writes from a JS value (which also records what JSON cannot carry: `undefined`, a
//! BigInt, a cycle, a getter that threw…). A second implementation over live JS values, read
//! property by property, was removed: it instantiated the whole validator a second time (13.6
//! KiB of the gzipped Wasm) for the values that are not plain data.

use std::borrow::{Borrow, Cow};
use std::hash::Hash;

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
    /// Another object with a `toJSON` method (from JS only), such as a `PortalRequestBuilder`
    /// or a date library's date: JSON sends what the method returns, not the object's
    /// properties, so they are not what would be sent.
    ToJson,
    /// A `Map`, `Set`, `WeakMap` or `WeakSet` (from JS only): JSON sends it as `{}`, without
    /// its entries.
    Collection,
    /// An object or array inside itself (from JS only): JSON.stringify throws on it.
    Cycle,
    /// An object or array nested deeper than [`super::json::MAX_DEPTH`] levels (from JS only;
    /// JSON text that deep is not read at all).
    TooDeep,
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
            Kind::ToJson => "an object with a toJSON method, which JSON.stringify sends in its place (pass what it returns; for a PortalRequestBuilder, builder.build())",
            Kind::Collection => "a Map or Set, which JSON.stringify sends as {}, without its entries (pass a plain object, such as Object.fromEntries(map), or an array, such as [...set])",
            Kind::Cycle => "an object that contains itself (a cycle): JSON.stringify throws on it",
            Kind::TooDeep => "a value nested deeper than 128 levels, the limit JSON text has too",
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
    /// A string that can outlive the node, to collect in sets: borrowed from the document
    /// where the source allows it.
    type Text: AsRef<str> + Borrow<str> + Hash + Eq;
    /// The string as [`Node::Text`], when this is one.
    fn text(&self) -> Option<Self::Text>;
    /// Whether this string was not valid UTF-16 (a lone surrogate, possible only from JS); the
    /// string returned by [`Node::as_str`] then has U+FFFD in its place.
    fn has_lone_surrogate(&self) -> bool {
        false
    }
    /// Calls `f` with each element of an array, in order.
    fn for_each_item(&self, f: impl FnMut(usize, Result<Self, Unreadable>)) -> Result<(), Unreadable>;
    /// Calls `f` with each own enumerable key of an object and its value, in order, skipping
    /// keys whose value is `undefined` (JSON drops them).
    fn for_each_entry(&self, mut f: impl FnMut(&str, Result<Self, Unreadable>)) -> Result<(), Unreadable> {
        self.for_each_entry_checking_keys(|key, _, value| f(key, value))
    }
    /// As [`Node::for_each_entry`], also telling `f` whether the key was not valid UTF-16 (a
    /// lone surrogate, possible only from JS; the key then has U+FFFD in its place, as
    /// [`Node::has_lone_surrogate`] says of strings). Only free-form keys need it: any other
    /// key that is not one of the schema's names is reported as unknown.
    fn for_each_entry_checking_keys(&self, f: impl FnMut(&str, bool, Result<Self, Unreadable>)) -> Result<(), Unreadable>;
    /// The value of `key` in an object; `None` when absent, unreadable or not an object.
    fn get(&self, key: &str) -> Option<Self>;
    /// The values of several keys of an object, as [`Node::get`] gives each; a source where
    /// one pass over the keys is cheaper than a lookup per key overrides it.
    fn get_fields<const K: usize>(&self, keys: [&str; K]) -> [Option<Self>; K] {
        keys.map(|key| self.get(key))
    }
    /// How many items (array) or entries (object) there are, when the source knows it cheaply:
    /// to size collections.
    fn size_hint(&self) -> Option<usize> {
        None
    }
    /// Whether the document holds only what JSON can carry, as parsed text does by construction;
    /// false for a JS value with a BigInt, a cycle, a NaN… anywhere in it.
    fn holds_only_json(&self) -> bool;
}
