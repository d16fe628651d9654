//! [`Node`] over live JS values, for validating objects without serialising them.
//!
//! Anything that can run user code (getters, proxies) goes through a binding that catches, so
//! a hostile value becomes an `unreadable` issue instead of an exception unwinding through Wasm.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::rc::Rc;

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::js_text::{read_string, TooLarge};
use crate::validate::json::MAX_LEN;
use crate::validate::{Kind, Node, Unreadable};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(target: &JsValue) -> Result<Array, JsValue>;
    // Throws for a revoked proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(target: &JsValue) -> Result<bool, JsValue>;

    type WellFormed;
    // ES2024: true when a string has no lone surrogate, without copying it out of JS. Older
    // engines (Node 18) lack it: the call then throws and the slower check is used.
    #[wasm_bindgen(catch, method, js_name = isWellFormed)]
    fn is_well_formed(this: &WellFormed) -> Result<bool, JsValue>;
}

#[wasm_bindgen(module = "/pkg-template/json-text.js")]
extern "C" {
    // Never throws: it catches whatever the value's own code throws.
    #[wasm_bindgen(js_name = jsonReplacement)]
    fn json_replacement(value: &JsValue) -> JsValue;
}

/// Whether the JS string `string`, already converted to `utf8`, has a lone surrogate.
/// Converting put U+FFFD in place of any: only then is the UTF-16 check worth a call.
fn has_lone_surrogate(utf8: &str, string: &JsValue) -> bool {
    utf8.contains('\u{FFFD}')
        && match string.unchecked_ref::<WellFormed>().is_well_formed() {
            Ok(well_formed) => !well_formed,
            Err(_) => string.dyn_ref::<JsString>().is_some_and(|s| !s.is_valid_utf16()),
        }
}

/// A JS value being validated.
#[derive(Clone)]
pub struct JsNode {
    value: JsValue,
    kind: Kind,
    /// The string, converted to UTF-8 once.
    string: OnceCell<Option<String>>,
    budget: Budget,
}

/// The UTF-8 bytes of strings (values and keys) a walk may still read, shared by its nodes.
/// The JSON text route stops at 512 MiB; a walk has no text, so without this it read and kept
/// strings until Wasm memory ran out at 4 GiB, and Rust's allocator trapped.
#[derive(Clone)]
struct Budget(Rc<Cell<Option<usize>>>);

impl Budget {
    /// Reads `string` as UTF-8 if it fits what is left; once one does not, none is read.
    fn read(&self, string: &JsValue) -> Option<String> {
        let left = self.0.get()?;
        let units = string.dyn_ref::<JsString>()?.length() as usize;
        // At most 3 bytes a unit: wasm-bindgen's one-call copy cannot exceed what is left.
        if units.saturating_mul(3) <= left {
            let utf8 = string.as_string()?;
            self.0.set(Some(left - utf8.len()));
            return Some(utf8);
        }
        match read_string(string, left)? {
            Ok(utf8) => {
                self.0.set(Some(left - utf8.len()));
                Some(utf8)
            }
            Err(TooLarge) => {
                self.0.set(None);
                None
            }
        }
    }
}

impl JsNode {
    /// Wraps the root of a walk, which may read 512 MiB of strings ([`JsNode::over_budget`]).
    pub fn new(value: JsValue) -> Self {
        JsNode::in_walk(value, Budget(Rc::new(Cell::new(Some(MAX_LEN)))))
    }

    /// Whether the walk met more strings than it may read: its report is then incomplete, and
    /// the value too large to send.
    pub fn over_budget(&self) -> bool {
        self.budget.0.get().is_none()
    }

    fn child(&self, value: JsValue) -> Self {
        JsNode::in_walk(value, self.budget.clone())
    }

    /// Wraps a value, classifying it once. Each probe crosses into JS, so the common kinds
    /// (strings, then objects and arrays) are tried first.
    fn in_walk(value: JsValue, budget: Budget) -> Self {
        let kind = if value.is_string() {
            Kind::String
        } else if value.is_object() {
            if is_array(&value) == Ok(true) {
                Kind::Array
            } else if value.is_instance_of::<js_sys::Date>() {
                Kind::Date
            } else {
                // JSON.stringify sends `new Number(5)` as 5: so does the walk, as the JSON
                // text path (which reads what JSON.stringify wrote) does. An object with a
                // toJSON method is sent as what that returns, not as its properties, and a Map
                // or Set as `{}`.
                let replacement = json_replacement(&value);
                if replacement.is_null() {
                    Kind::ToJson
                } else if replacement.is_symbol() {
                    Kind::Collection
                } else if !replacement.is_undefined() {
                    return JsNode::in_walk(replacement, budget);
                } else {
                    Kind::Object
                }
            }
        } else if value.as_f64().is_some() {
            Kind::Number
        } else if value.as_bool().is_some() {
            Kind::Bool
        } else if value.is_null() {
            Kind::Null
        } else if value.is_undefined() {
            Kind::Undefined
        } else if value.is_bigint() {
            Kind::BigInt
        } else if value.is_symbol() {
            Kind::Symbol
        } else {
            Kind::Function
        };
        JsNode { value, kind, string: OnceCell::new(), budget }
    }

    fn string(&self) -> Option<&String> {
        self.string.get_or_init(|| self.budget.read(&self.value)).as_ref()
    }
}

impl Node for JsNode {
    fn kind(&self) -> Kind {
        self.kind
    }
    fn as_bool(&self) -> Option<bool> {
        self.value.as_bool()
    }
    fn as_f64(&self) -> Option<f64> {
        self.value.as_f64()
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        self.string().map(|s| Cow::Borrowed(s.as_str()))
    }
    type Text = String;
    fn text(&self) -> Option<String> {
        self.string().cloned()
    }
    fn has_lone_surrogate(&self) -> bool {
        self.kind == Kind::String && self.string().is_some_and(|s| has_lone_surrogate(s, &self.value))
    }
    fn for_each_item(&self, mut f: impl FnMut(usize, Result<Self, Unreadable>)) -> Result<(), Unreadable> {
        if self.kind != Kind::Array {
            return Ok(());
        }
        let length = Reflect::get(&self.value, &JsValue::from_str("length")).map_err(|_| Unreadable)?;
        let length = length.as_f64().unwrap_or(0.0).clamp(0.0, f64::from(u32::MAX)) as u32;
        for i in 0..length {
            let item = Reflect::get_u32(&self.value, i).map(|item| self.child(item)).map_err(|_| Unreadable);
            f(i as usize, item);
        }
        Ok(())
    }
    fn for_each_entry_checking_keys(&self, mut f: impl FnMut(&str, bool, Result<Self, Unreadable>)) -> Result<(), Unreadable> {
        if self.kind != Kind::Object {
            return Ok(());
        }
        let keys = object_keys(&self.value).map_err(|_| Unreadable)?;
        for key in keys.iter() {
            let name = self.budget.read(&key).unwrap_or_default();
            let lone = has_lone_surrogate(&name, &key);
            match Reflect::get(&self.value, &key) {
                // JSON.stringify drops undefined values: the key is absent.
                Ok(value) if value.is_undefined() => {}
                Ok(value) => f(&name, lone, Ok(self.child(value))),
                Err(_) => f(&name, lone, Err(Unreadable)),
            }
        }
        Ok(())
    }
    fn get(&self, key: &str) -> Option<Self> {
        if self.kind != Kind::Object {
            return None;
        }
        let value = Reflect::get(&self.value, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined()).then(|| self.child(value))
    }
    fn same_object(&self, other: &Self) -> bool {
        self.value == other.value
    }
    const FROM_JSON_TEXT: bool = false;
}
