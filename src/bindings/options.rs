//! Reading an options object (`submit`'s, `embedPortal`'s) without letting user code throw
//! through the Wasm.
//!
//! serde-wasm-bindgen reads each property with a plain `obj[key]`. A getter or a proxy that
//! throws there unwinds through the Wasm frames, past Rust's own cleanup; inside `submit`'s
//! future it even escaped as an uncaught exception, which ended the Node process, instead of a
//! rejection. So every option the type knows is first copied into a plain object with
//! `Reflect.get`, which catches, and serde reads the copy.
//!
//! serde-wasm-bindgen also describes a value of the wrong type with wasm-bindgen's
//! `debugString`, which runs `instanceof` and reads `name`: a proxy's traps again. So serde
//! first reads a copy in which every object and function is a harmless stand-in, which either
//! finds the type errors or shows that objects sit only in options taken as they are (`fetch`,
//! `signal`); only then does it read the real values. (No option is a struct serde would read
//! into.)

use js_sys::{Function, Object, Reflect};
use serde::de::{self, DeserializeOwned, Visitor};
use serde::Deserializer;
use wasm_bindgen::JsValue;

/// Why an options object could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum OptionsError {
    /// Reading this option threw (a getter or a proxy).
    Unreadable(&'static str),
    /// serde's account of a value of the wrong type, with the values it quoted left out (an
    /// option may be a secret).
    Invalid(String),
}

/// The options in `options` (`undefined` and `null` give the defaults).
pub(crate) fn read<T: DeserializeOwned + Default>(options: &JsValue) -> Result<T, OptionsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(T::default());
    }
    if !options.is_object() {
        // Not an object (a string, a function…): serde says what it got.
        return serde_wasm_bindgen::from_value(options.clone()).map_err(invalid);
    }
    let (copy, stand_ins) = (Object::new(), Object::new());
    for &name in field_names::<T>() {
        let key = JsValue::from_str(name);
        let value = Reflect::get(options, &key).map_err(|_| OptionsError::Unreadable(name))?;
        if value.is_undefined() {
            continue;
        }
        let stand_in = if value.is_function() {
            Function::new_no_args("").into()
        } else if value.is_object() {
            Object::new().into()
        } else {
            value.clone()
        };
        let _ = Reflect::set(&stand_ins, &key, &stand_in);
        let _ = Reflect::set(&copy, &key, &value);
    }
    serde_wasm_bindgen::from_value::<T>(stand_ins.into()).map_err(invalid)?;
    serde_wasm_bindgen::from_value(copy.into()).map_err(invalid)
}

fn invalid(error: serde_wasm_bindgen::Error) -> OptionsError {
    // serde quotes the offending value between backticks: leave it out.
    let message = error.to_string();
    OptionsError::Invalid(message.split('`').enumerate().map(|(i, part)| if i % 2 == 1 { "…" } else { part }).collect())
}

/// The names serde reads for the struct `T` (after `rename_all`), asked of its `Deserialize`
/// implementation itself, so that the list cannot drift from the type.
pub(crate) fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldNames(&mut fields));
    fields
}

/// A deserializer that only records the field list `deserialize_struct` is given, then stops.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, fields: &'static [&'static str], _: V) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("fields recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
        newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}
