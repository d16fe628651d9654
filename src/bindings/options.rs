//! Reading an options object (`submit`'s, `embedPortal`'s) without letting user code throw
//! through the Wasm, and without ever quoting a value (an option may be a secret).
//!
//! The options types derive serde's `Deserialize`, which gives their field names (after
//! `rename_all`) and their types; this module is the deserializer they read through. It reads
//! each field the type names with `Reflect.get`, which catches: a getter or a proxy that
//! throws becomes [`OptionsError::Unreadable`] naming the option. A value of the wrong type is
//! described by its kind alone, with `typeof`-style checks that run no caller code.
//!
//! serde-wasm-bindgen's deserializer did this job before. It read properties with a plain
//! `obj[key]`, so everything was first copied into a plain object; its messages named no
//! field and quoted some values, so a failure was read again field by field to find which; and
//! it described values with `debugString`, which runs a proxy's traps. Reading straight from
//! the caller's object needs none of those workarounds: `submit` at 1 KB reached `fetch` 5 µs
//! sooner (35 against 40 µs, the two builds timed in alternating blocks), and the module lost
//! 4.5 KiB gzip.

use std::cell::RefCell;
use std::fmt::Display;
use std::rc::Rc;

use js_sys::Reflect;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::Deserializer;
use wasm_bindgen::JsValue;

/// Why an options object could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum OptionsError {
    /// Reading this option threw (a getter or a proxy).
    Unreadable(&'static str),
    /// An option of the wrong type (which one, what it must be, and the kind of value given,
    /// never the value), or options that are not an object.
    Invalid(String),
}

impl OptionsError {
    /// The error's message, for the options of `what` (`submit`, `embedPortal`).
    pub(crate) fn message(&self, what: &str) -> String {
        match self {
            OptionsError::Unreadable(name) => format!("reading the {what} option `{name}` threw an exception (a getter or a proxy)"),
            OptionsError::Invalid(message) => format!("the {what} options are invalid: {message}"),
        }
    }
}

impl Display for OptionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message("given"))
    }
}

impl std::error::Error for OptionsError {}

impl de::Error for OptionsError {
    /// Only a derived `Deserialize` of ours calls this, for a shape this reader never hands
    /// it: a message of serde's, which quotes no value of the caller's.
    fn custom<T: Display>(message: T) -> Self {
        OptionsError::Invalid(message.to_string())
    }
}

/// The options in `options` (`undefined` and `null` give the defaults).
pub(crate) fn read<T: DeserializeOwned + Default>(options: &JsValue) -> Result<T, OptionsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(T::default());
    }
    if !options.is_object() {
        return Err(OptionsError::Invalid(format!("they must be an object, not {}", describe(options))));
    }
    T::deserialize(Options(options))
}

/// Fields that take a JS value as it is (a function, an `AbortSignal`), checked by the caller:
/// `#[serde(default, with = "…::options::js_value")]`.
pub(crate) mod js_value {
    use std::cell::RefCell;

    use serde::de::{self, Deserializer, Visitor};
    use wasm_bindgen::JsValue;

    /// The newtype name by which such a field asks [`super::Value`] for its value.
    pub(super) const NAME: &str = "seam_portal::options::js_value";

    thread_local! {
        /// The value handed over: serde's data model has no place for a JS value, so
        /// [`super::Value`] leaves it here and the visitor takes it at once.
        pub(super) static HANDED: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<JsValue, D::Error> {
        struct Take;
        impl<'de> Visitor<'de> for Take {
            type Value = JsValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JS value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<JsValue, E> {
                HANDED.with(|handed| handed.borrow_mut().take()).ok_or_else(|| E::custom("a JS value read by another deserializer"))
            }
        }
        deserializer.deserialize_newtype_struct(NAME, Take)
    }
}

/// An options object, read as the struct its type describes.
struct Options<'a>(&'a JsValue);

impl<'de> Deserializer<'de> for Options<'_> {
    type Error = OptionsError;

    fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, fields: &'static [&'static str], visitor: V) -> Result<V::Value, OptionsError> {
        visitor.visit_map(Fields { object: self.0, keys: &keys(fields), next: 0, value: None })
    }

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, OptionsError> {
        Err(de::Error::custom("options types are structs"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
        newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// The fields of an options object that are not `undefined`, in the type's order.
struct Fields<'a> {
    object: &'a JsValue,
    keys: &'a [(&'static str, JsValue)],
    next: usize,
    /// The field just named and its value, for `next_value_seed`.
    value: Option<(&'static str, JsValue)>,
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = OptionsError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, OptionsError> {
        while let Some((name, key)) = self.keys.get(self.next) {
            self.next += 1;
            let value = Reflect::get(self.object, key).map_err(|_| OptionsError::Unreadable(name))?;
            if value.is_undefined() {
                continue;
            }
            self.value = Some((name, value));
            return seed.deserialize(name.into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, OptionsError> {
        let (name, value) = self.value.take().ok_or_else(|| de::Error::custom("a value asked for before its key"))?;
        seed.deserialize(Value { name, value })
    }
}

/// One option's value.
struct Value {
    name: &'static str,
    value: JsValue,
}

impl Value {
    /// The error for a value that is not `expected`.
    fn not<T>(&self, expected: &str) -> Result<T, OptionsError> {
        Err(OptionsError::Invalid(format!("`{}` must be {expected}, not {}", self.name, describe(&self.value))))
    }
}

impl<'de> Deserializer<'de> for Value {
    type Error = OptionsError;

    /// `null` is an option left out, as `undefined` is.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, OptionsError> {
        if self.value.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, OptionsError> {
        match self.value.as_string() {
            Some(string) => visitor.visit_string(string),
            None => self.not("a string"),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, OptionsError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, OptionsError> {
        match self.value.as_bool() {
            Some(flag) => visitor.visit_bool(flag),
            None => self.not("a boolean"),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, OptionsError> {
        match self.value.as_f64() {
            Some(number) => visitor.visit_f64(number),
            None => self.not("a number"),
        }
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, OptionsError> {
        match self.value.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => visitor.visit_u32(n as u32),
            _ => self.not(&format!("a whole number from 0 to {}", u32::MAX)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, OptionsError> {
        if name == js_value::NAME {
            js_value::HANDED.with(|handed| *handed.borrow_mut() = Some(self.value));
            return visitor.visit_unit();
        }
        visitor.visit_newtype_struct(self)
    }

    /// Options are strings, numbers, booleans and JS values: any other type is a type of ours
    /// this reader does not know yet.
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, OptionsError> {
        Err(de::Error::custom(format!("the option `{}` has a type this reader does not know", self.name)))
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u64 u128 f32 char bytes byte_buf unit unit_struct
        seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// A value's kind, never the value itself. Runs no caller code: only `typeof`-style checks.
fn describe(value: &JsValue) -> &'static str {
    if value.is_string() {
        "a string"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if let Some(n) = value.as_f64() {
        if n.is_nan() {
            "NaN"
        } else if n.fract() != 0.0 || n.is_infinite() {
            "a fractional or infinite number"
        } else if n < 0.0 {
            "a negative number"
        } else if n > f64::from(u32::MAX) {
            "a number beyond 4294967295"
        } else {
            "a number"
        }
    } else if value.is_function() {
        "a function"
    } else if value.is_object() {
        "an object"
    } else if value.is_bigint() {
        "a BigInt"
    } else if value.is_symbol() {
        "a symbol"
    } else {
        "a value of another type"
    }
}

thread_local! {
    /// The JS strings of each field list read so far (one per options type), by its address.
    static KEYS: RefCell<Vec<(*const &'static str, Rc<[(&'static str, JsValue)]>)>> = const { RefCell::new(Vec::new()) };
}

/// `fields` (a struct's field names, as its `Deserialize` lists them), each with its JS string,
/// made once per list. (Two lists at one address have the same names.) The cache is read with
/// `try_borrow`, and no borrow is held across a call into JS: see `submit::interned`.
fn keys(fields: &'static [&'static str]) -> Rc<[(&'static str, JsValue)]> {
    let cached = KEYS.with(|cache| cache.try_borrow().ok()?.iter().find(|(at, _)| *at == fields.as_ptr()).map(|(_, found)| found.clone()));
    if let Some(keys) = cached {
        return keys;
    }
    let keys: Rc<[(&'static str, JsValue)]> = fields.iter().map(|&name| (name, JsValue::from_str(name))).collect();
    KEYS.with(|cache| {
        if let Ok(mut cache) = cache.try_borrow_mut() {
            cache.push((fields.as_ptr(), keys.clone()));
        }
    });
    keys
}
