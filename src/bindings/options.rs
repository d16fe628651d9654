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
//! `debugString`, which runs `instanceof` and reads `name`: a proxy's traps again. An object or
//! a function can only be of the wrong type where the option is not a JS value taken as it is
//! (`fetch`, `signal`), so there the copy holds a harmless stand-in, which serde describes
//! instead (its description is then set aside for one that names the option and never quotes
//! a value). Which options take JS values is asked of the type itself, once.

use std::any::TypeId;
use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Reflect};
use serde::de::{self, DeserializeOwned, Visitor};
use serde::Deserializer;
use wasm_bindgen::JsValue;

/// Why an options object could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum OptionsError {
    /// Reading this option threw (a getter or a proxy).
    Unreadable(&'static str),
    /// An option of the wrong type: which one, what it must be, and the kind of value given
    /// (never the value: an option may be a secret).
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

/// The options in `options` (`undefined` and `null` give the defaults).
pub(crate) fn read<T: DeserializeOwned + Default + 'static>(options: &JsValue) -> Result<T, OptionsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(T::default());
    }
    if !options.is_object() {
        return Err(OptionsError::Invalid(format!("they must be an object, not {}", describe(options))));
    }
    let fields = fields_of::<T>();
    let copy = Object::new();
    for field in fields.iter() {
        let value = Reflect::get(options, &field.key).map_err(|_| OptionsError::Unreadable(field.name))?;
        if value.is_undefined() {
            continue;
        }
        let value = if field.js_valued {
            value
        } else if value.is_function() {
            STAND_IN_FUNCTION.with(|f| f.clone().into())
        } else if value.is_object() {
            Object::new().into()
        } else {
            value
        };
        let _ = Reflect::set(&copy, &field.key, &value);
    }
    serde_wasm_bindgen::from_value(copy.clone().into()).map_err(|error| {
        // serde names no field, and quotes some values (strings in double quotes, numbers in
        // backticks): an option may be a secret. So the field is found by reading each option
        // of the copy alone (every option has a default), and described by its type only.
        fields
            .iter()
            .find_map(|field| {
                let value = Reflect::get(&copy, &field.key).ok().filter(|v| !v.is_undefined())?;
                let alone = Object::new();
                let _ = Reflect::set(&alone, &field.key, &value);
                let error = serde_wasm_bindgen::from_value::<T>(alone.into()).err()?;
                Some(OptionsError::Invalid(format!("`{}` must be {}, not {}", field.name, expected(&error), describe(&value))))
            })
            .unwrap_or_else(|| OptionsError::Invalid(format!("expected {}", expected(&error))))
    })
}

/// What serde expected, in words: the end of its message ("…, expected f64").
fn expected(error: &serde_wasm_bindgen::Error) -> String {
    let message = error.to_string();
    match message.rsplit_once("expected ").map_or("another type", |(_, expected)| expected) {
        "f64" => "a number".to_owned(),
        "u32" => format!("a whole number from 0 to {}", u32::MAX),
        other => other.to_owned(),
    }
}

/// A value's kind, never the value itself. Runs no caller code: the values described are
/// primitives or the stand-ins `read` puts in their place.
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

/// One field of an options type.
struct Field {
    name: &'static str,
    /// The name as a JS string, made once.
    key: JsValue,
    /// Whether it takes any JS value as it is (`serde_wasm_bindgen::preserve`).
    js_valued: bool,
}

thread_local! {
    /// A function with no traps and no name, standing in for the caller's functions (making
    /// one per call compiled it each time).
    static STAND_IN_FUNCTION: Function = Function::new_no_args("");
    /// The fields of each options type asked about so far.
    static FIELDS: RefCell<Vec<(TypeId, Rc<[Field]>)>> = const { RefCell::new(Vec::new()) };
}

/// The fields of `T`, asked of `T` once. A field takes JS values as they are when it accepts a
/// function, which no string, number, boolean or struct does: serde reads a one-field object
/// for each field to find out. (Every option has a default, so a one-field object is otherwise
/// valid; the tests that pass a custom `fetch`, a `signal` and `refresh` would fail if not.)
fn fields_of<T: DeserializeOwned + 'static>() -> Rc<[Field]> {
    let id = TypeId::of::<T>();
    if let Some(found) = FIELDS.with(|cache| cache.borrow().iter().find(|(t, _)| *t == id).map(|(_, f)| f.clone())) {
        return found;
    }
    let fields: Rc<[Field]> = field_names::<T>()
        .iter()
        .map(|&name| {
            let key = JsValue::from_str(name);
            let probe = Object::new();
            let _ = Reflect::set(&probe, &key, &STAND_IN_FUNCTION.with(|f| f.clone().into()));
            let js_valued = serde_wasm_bindgen::from_value::<T>(probe.into()).is_ok();
            Field { name, key, js_valued }
        })
        .collect();
    FIELDS.with(|cache| cache.borrow_mut().push((id, fields.clone())));
    fields
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
