//! The package's JavaScript surface: the only `#[wasm_bindgen]` code in the crate, kept thin.
//! Every function here turns JS values into calls of the pure-Rust modules and back.

mod builder;
mod embed;
mod js_text;
mod options;
mod submit;

/// Timers for any delay (`pkg-template/timers.js`): the global `setTimeout` fires a delay
/// beyond 2^31 - 1 ms at once.
mod timers {
    use js_sys::Function;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/pkg-template/timers.js")]
    extern "C" {
        /// Calls `handler` after `ms` milliseconds; the handle is for [`clear_timeout`].
        #[wasm_bindgen(js_name = startTimer)]
        pub fn set_timeout(handler: &Function, ms: f64) -> JsValue;
        #[wasm_bindgen(js_name = cancelTimer)]
        pub fn clear_timeout(timer: &JsValue);
    }
}

pub use builder::PortalRequestBuilder;
pub use embed::{embed_portal, EmbedOptions, EmbeddedPortal};
pub use submit::{submit, SubmitOptions};

use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::defaults::DefaultValue;
use crate::validate::{self, Report, ValidationIssue};

/// Runs once, when the module is instantiated: makes the lazily made statics a first call would
/// otherwise make. A call made with the caller's stack nearly used up (deep recursion) can run
/// out of it anywhere, and the exception leaves Wasm without running any more of its code: a
/// lazy static of wasm-bindgen's whose making was cut short that way (the global object) stays
/// poisoned, and every later call then traps, for the life of the process. Made here, none is
/// made inside a call. (Not part of the package's API: no declaration, so not re-exported.)
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    let _ = js_sys::global();
    // js-sys's queue of futures (`submit`'s, embedPortal's refreshes), made at the first spawn: a
    // first `submit` cut short while making it left it poisoned, and every later one trapped.
    // Spawning nothing makes it now (and runs the nothing in a microtask).
    wasm_bindgen_futures::spawn_local(async {});
    // Not the hash seed: it is drawn from `crypto.getRandomValues` at its first use, which a
    // call cut short retries, and a first read of `crypto` makes Node load its Web Crypto
    // (0.6-0.9 ms in Node 20), which need not be part of every start-up.
}

#[wasm_bindgen(module = "/pkg-template/errors.js")]
extern "C" {
    /// The JS error class for invalid requests (defined in `pkg-template/errors.js`).
    pub type PortalValidationError;
    #[wasm_bindgen(constructor)]
    fn new(message: &str, issues: JsValue, warnings: JsValue) -> PortalValidationError;
}

#[wasm_bindgen(module = "/pkg-template/json-text.js")]
extern "C" {
    #[wasm_bindgen(js_name = faithfulJson)]
    fn faithful_json(value: &JsValue) -> Option<js_sys::JsString>;
    /// A validation result, from the JSON texts of its issues (`None`: valid) and warnings
    /// (`None`: none). Throws only when the stack runs out.
    #[wasm_bindgen(js_name = validationResult)]
    fn validation_result(value: &JsValue, issues: Option<&str>, warnings: Option<&str>) -> JsValue;
    /// A valid result whose `value` is JSON.parse of `text` (a string, or UTF-8 bytes) when
    /// first read, from the JSON text of its warnings (`None`: none).
    #[wasm_bindgen(js_name = validParsedOnFirstRead)]
    fn valid_parsed_on_first_read(text: &JsValue, warnings: Option<&str>) -> JsValue;

    /// A JS value written as a tape (see `validate::Tape::from_js`).
    type JsonTape;
    /// A JS value as a tape, by the fast walk: data (class instances too, by their own keys,
    /// and strings with lone surrogates, listed), and the values JSON changes that stand for no
    /// keys of their own (a Date, NaN, a function…), recorded where they are; `undefined` for
    /// what the careful walk reports more precisely (a cycle, a read that throws).
    #[wasm_bindgen(js_name = jsonTape)]
    fn json_tape(value: &JsValue) -> Option<JsonTape>;
    /// Any JS value as a tape, with what JSON cannot carry recorded; `undefined` only when its
    /// strings take more than 512 MiB or it holds more than 2^27 values. With `only_kind`, an
    /// object or array is written without its items, which are not read.
    #[wasm_bindgen(js_name = looseJsonTape)]
    fn loose_json_tape(value: &JsValue, only_kind: bool) -> Option<JsonTape>;
    #[wasm_bindgen(method, getter)]
    fn entries(this: &JsonTape) -> js_sys::Uint32Array;
    #[wasm_bindgen(method, getter)]
    fn numbers(this: &JsonTape) -> js_sys::Float64Array;
    #[wasm_bindgen(method, getter)]
    fn text(this: &JsonTape) -> js_sys::Uint8Array;
    #[wasm_bindgen(method, getter)]
    fn lone(this: &JsonTape) -> js_sys::Uint32Array;
}

/// Validates a JS value. Plain JSON data, the common case, is written as a tape by a fast JS
/// walk and copied into Wasm in typed arrays; the fast walk also records the values JSON
/// changes that stand for no keys of their own (a Date, NaN, a BigInt…), each where it is.
/// What it gives up on (a cycle, a getter that threw…) is written by a careful walk, which
/// records the same values the same way and the rest too. Both tapes are read by the
/// validator that reads JSON text, so every route runs the same rules and gives the same report.
pub(crate) fn validate_value(value: &JsValue) -> Report {
    match validate_through_tape(value) {
        Some(report) => report,
        None => validate_loose(value),
    }
}

/// The report for a value the fast walk reads (`jsonTape` in pkg-template/json-text.js); `None`
/// for other values.
/// Public for the boundary tests, which check which values take this route.
#[doc(hidden)]
pub fn validate_through_tape(value: &JsValue) -> Option<Report> {
    read_tape(&json_tape(value)?, |tape| validate::validate(&tape.root())).ok()
}

/// The report for any JS value, read by the careful walk.
fn validate_loose(value: &JsValue) -> Report {
    match loose_json_tape(value, false) {
        Some(parts) => read_tape(&parts, |tape| validate::validate(&tape.root())).unwrap_or_else(|refused| refused),
        None => validate::value_too_large(),
    }
}

/// Copies the tape the glue wrote into Wasm, checks it (`Tape::from_js`) and reads it with `f`;
/// `Err` with the report to give instead when the tape is too large to copy, or refused.
fn read_tape<R>(parts: &JsonTape, f: impl FnOnce(&validate::Tape) -> R) -> Result<R, Report> {
    let js_entries = parts.entries();
    let words = js_entries.length() as usize;
    let (numbers, text, lone) = (parts.numbers(), parts.text(), parts.lone());
    // A tape of more than 2 GiB, half of what Wasm memory can ever hold, is not copied in: the
    // copy would run it out, where Rust's allocator traps. The glue refuses more than 512 MiB
    // of strings.
    let bytes = (u64::from(js_entries.length()) + u64::from(lone.length())) * 4 + u64::from(numbers.length()) * 8 + u64::from(text.length());
    if bytes > 1 << 31 || text.length() as usize > validate::json::MAX_LEN {
        return Err(validate::value_too_large());
    }
    if words % 2 != 0 {
        return Err(validate::unread_tape());
    }
    let mut entries = vec![[0u32; 2]; words / 2];
    // Copied straight into the vector the tape keeps, and checked there.
    js_entries.copy_to(entries.as_flattened_mut());
    // TextEncoder writes only UTF-8; checking costs little and keeps this free of `unsafe`.
    let text = String::from_utf8(text.to_vec()).map_err(|_| validate::unread_tape())?;
    let tape = validate::Tape::from_js(&text, entries, numbers.to_vec(), lone.to_vec()).ok_or_else(validate::unread_tape)?;
    Ok(f(&tape))
}

/// Validates a request that is used as JSON text (`submit` sends it; `withDefaults` and the
/// builder copy it) and hands back that text: `Ok` only with a valid report, and then always
/// with the very text that was validated, never one serialised afterwards.
pub(crate) fn validate_to_text(value: &JsValue) -> Result<(Report, js_sys::JsString), Report> {
    if let Some((report, text)) = validate_json_text(value) {
        return if report.is_valid() { Ok((report, text)) } else { Err(report) };
    }
    // JSON.stringify would change the value, or throws on it: the walks say how (the fast one
    // records a Date or a NaN where it is; the careful one the rest).
    let report = validate_value(value);
    if !report.is_valid() {
        return Err(report);
    }
    // The walk found it valid (what JSON changes was not where the request has a value), reading
    // each property once. JSON.stringify reads them again, and a getter may answer differently
    // the second time (or throw): that text is validated too.
    let Ok(text) = js_sys::JSON::stringify(value) else {
        return Err(validate::unreadable_when_serialised());
    };
    let sent = match js_text::read_string(&text, validate::json::MAX_LEN) {
        Some(Ok(utf8)) => validate::validate_json(&utf8),
        _ => validate::text_too_large(),
    };
    // The walk's warnings are the more precise (the text has lost what JSON drops).
    if sent.is_valid() { Ok((report, text)) } else { Err(sent) }
}

/// Validates a JS value through its JSON text when serialising changes nothing (one copy into
/// Wasm, and the text is then what `JSON.stringify` sends, so `submit` sends it rather than
/// serialising again, and so sends what was validated even if a getter would answer
/// differently the next time); `None` when serialising would change the value, or the text is
/// over 512 MiB, or nested deeper than the text may be.
fn validate_json_text(value: &JsValue) -> Option<(Report, js_sys::JsString)> {
    let js = faithful_json(value)?;
    let Some(Ok(utf8)) = js_text::read_string(&js, validate::json::MAX_LEN) else { return None };
    let report = validate::validate_json(&utf8);
    let unparsed = report.issues.iter().any(|i| i.code == validate::IssueCode::InvalidJson);
    (!unparsed).then_some((report, js))
}

/// The size of this module's WebAssembly memory, in bytes: a diagnostic (memory grows and
/// never shrinks, so this is the high-water mark of what the package has needed).
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

/// The outcome of validating a request: the request itself when valid, every issue when not.
/// Warnings never change the verdict. (Declared for TypeScript; the objects are made by
/// `validationResult` in pkg-template/json-text.js, from the JSON of the issues.)
#[derive(Tsify)]
#[serde(untagged)]
pub enum ValidationResult {
    /// The request is valid.
    Valid {
        /// `true`.
        #[tsify(type = "true")]
        ok: bool,
        /// The request: the value given to `validate`, or the parsed text given to `validateJson`
        /// (parsed when first read).
        #[tsify(type = "CreatePortalRequest")]
        value: JsValue,
        /// Problems worth a look that do not make the request invalid.
        warnings: Vec<ValidationIssue>,
    },
    /// The request is invalid.
    Invalid {
        /// `false`.
        #[tsify(type = "false")]
        ok: bool,
        /// Every problem that makes the request invalid, each with its path.
        issues: Vec<ValidationIssue>,
        /// Problems worth a look that do not make the request invalid.
        warnings: Vec<ValidationIssue>,
    },
}

/// Plain data as a JS value: written as JSON text in Rust, then one `JSON.parse`
/// (`validate::json_out` says why not serde-wasm-bindgen's serializer). On this text
/// `JSON.parse` can throw only when the stack runs out, and its exception then leaves Wasm as
/// any would (the loader restores the stack pointer; the call's allocations are lost).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    js_text::parse_our_json(&json(value))
}

/// `value` as JSON text (our own plain data always serialises; an error would be a bug).
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    validate::json_out::to_json(value).unwrap_or_else(|e| wasm_bindgen::throw_str(&e.to_string()))
}

/// Issues or warnings as a JS array (a new empty one for none: the common case, without text).
fn issues_to_js(issues: &[ValidationIssue]) -> JsValue {
    if issues.is_empty() { js_sys::Array::new().into() } else { to_js(issues) }
}

/// Issues or warnings as JSON text, for the glue to parse; `None` for none.
fn issues_json(issues: &[ValidationIssue]) -> Option<String> {
    if issues.is_empty() { None } else { Some(json(issues)) }
}

/// The JS result for `report`, with `value` as the valid request's value.
fn result(report: Report, value: impl FnOnce() -> JsValue) -> JsValue {
    let Report { issues, warnings } = report;
    let warnings = issues_json(&warnings);
    if issues.is_empty() {
        validation_result(&value(), None, warnings.as_deref())
    } else {
        validation_result(&JsValue::UNDEFINED, Some(&json(&issues)), warnings.as_deref())
    }
}

/// The error thrown for an invalid request: its message lists the first issues.
pub(crate) fn validation_error(report: Report) -> JsValue {
    const LISTED: usize = 5;
    let count = report.issues.len();
    let mut message = format!(
        "The create_portal request is invalid ({count} problem{}): ",
        if count == 1 { "" } else { "s" }
    );
    let listed: Vec<String> = report
        .issues
        .iter()
        .take(LISTED)
        .map(|i| if i.path.is_empty() { i.message.clone() } else { format!("{}: {}", i.path, i.message) })
        .collect();
    message.push_str(&listed.join("; "));
    if count > LISTED {
        message.push_str(&format!("; and {} more (see .issues)", count - LISTED));
    }
    PortalValidationError::new(&message, issues_to_js(&report.issues), issues_to_js(&report.warnings)).into()
}

/// Validates a create_portal request given as a JS value. Never throws on any input: every
/// problem comes back in `issues`, each with its path, and warnings (unknown properties,
/// references to resources that were not sent, …) in `warnings`. (Like any function, it throws
/// the engine's `RangeError` when called with the stack nearly used up.)
#[wasm_bindgen(unchecked_return_type = "ValidationResult")]
pub fn validate(#[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue) -> JsValue {
    let report = validate_value(&input);
    result(report, || input)
}

/// Validates a create_portal request given as JSON text, with the same rules as `validate`:
/// a string, or its bytes as read from a file or a request (UTF-8, in an ArrayBuffer, a
/// Uint8Array, Node's Buffer or another view of one). Never throws: text that is not JSON, or
/// bytes that are not UTF-8, are one `invalid_json` issue saying where.
#[wasm_bindgen(js_name = validateJson, unchecked_return_type = "ValidationResult")]
pub fn validate_json(#[wasm_bindgen(unchecked_param_type = "string | ArrayBuffer | ArrayBufferView")] json: JsValue) -> JsValue {
    // Text first: the common case, and the string check is the cheapest.
    let (report, text) = match js_text::read_string(&json, validate::json::MAX_LEN) {
        Some(Ok(text)) => (validate::validate_json(&text), json),
        Some(Err(js_text::TooLarge)) => (validate::text_too_large(), json),
        None => match js_text::bytes_of(&json) {
            Some(bytes) => validate_json_bytes(&bytes),
            None => (not_json_text(&json), json),
        },
    };
    if !report.is_valid() {
        return result(report, || JsValue::UNDEFINED);
    }
    // `value` is JSON.parse of that text, run when it is first read: parsing costs as much as
    // validating, and many callers only want the verdict.
    valid_parsed_on_first_read(&text, issues_json(&report.warnings).as_deref())
}

/// Validates JSON text given as bytes, copied into Wasm and checked to be UTF-8 there; with a
/// copy of them for `value` when valid (the caller may change theirs afterwards).
fn validate_json_bytes(bytes: &js_sys::Uint8Array) -> (Report, JsValue) {
    if bytes.length() as usize > validate::json::MAX_LEN {
        return (validate::text_too_large(), JsValue::UNDEFINED);
    }
    let copy = bytes.to_vec();
    let report = validate::validate_json_bytes(&copy);
    let text = if report.is_valid() { js_sys::Uint8Array::from(copy.as_slice()).into() } else { JsValue::UNDEFINED };
    (report, text)
}

/// What kind of value `value` is, as the validator reads it (a boxed primitive is its primitive,
/// a Date or a Map is not an object…), without reading an object's or array's items; `None`
/// only for a value too large to read. Never throws: a revoked proxy is an object whose keys
/// cannot be read.
pub(crate) fn kind_of(value: &JsValue) -> Option<validate::Kind> {
    loose_json_tape(value, true).and_then(|parts| read_tape(&parts, |tape| validate::Node::kind(&tape.root())).ok())
}

/// The report for what `validateJson` was given when it is neither text nor bytes: one
/// `invalid_type` issue naming what it is instead.
fn not_json_text(json: &JsValue) -> Report {
    let kind = match kind_of(json) {
        // The tape holds a boxed primitive as the primitive, as JSON.stringify sends it.
        Some(validate::Kind::String) => "a String object (pass the string itself: String(value))",
        Some(kind) => kind.described(),
        None => "a value too large to read",
    };
    let issue = ValidationIssue {
        path: String::new(),
        code: validate::IssueCode::InvalidType,
        message: format!("validateJson takes JSON text (a string, or its UTF-8 bytes), got {kind}"),
    };
    Report { issues: vec![issue], warnings: Vec::new() }
}

/// Returns a copy of a valid request with every default the spec documents filled in (for
/// display: `submit` sends requests as given). The request's keys keep their order; filled-in
/// defaults come after them.
///
/// @throws {PortalValidationError} when the request is invalid.
#[wasm_bindgen(js_name = withDefaults, unchecked_return_type = "CreatePortalRequest")]
pub fn with_defaults(
    #[wasm_bindgen(unchecked_param_type = "CreatePortalRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    // The copy is the request as JSON.stringify sends it: the text that was validated.
    let (_, text) = validate_to_text(&request).map_err(validation_error)?;
    let copy = js_text::parse_json(&text)?;
    fill_defaults(&copy, crate::defaults::DOCUMENTED_DEFAULTS);
    Ok(copy)
}

/// Fills the `defaults` that `target` (an object fresh from JSON.parse) leaves out: a missing
/// field gets its default, an object present where the default is an object is filled in turn,
/// and every present value (unknown properties and `null` included) is kept as it is.
fn fill_defaults(target: &JsValue, defaults: &[(&str, DefaultValue)]) {
    let target: &js_sys::Object = target.unchecked_ref();
    for (key, default) in defaults {
        let key = JsValue::from_str(key);
        if !js_sys::Object::has_own(target, &key) {
            let _ = js_sys::Reflect::set(target, &key, &default_to_js(default));
        } else if let DefaultValue::Object(nested) = default {
            let present = js_sys::Reflect::get(target, &key).unwrap_or(JsValue::NULL);
            if present.is_object() && !js_sys::Array::is_array(&present) {
                fill_defaults(&present, nested);
            }
        }
    }
}

fn default_to_js(default: &DefaultValue) -> JsValue {
    match *default {
        DefaultValue::Bool(b) => JsValue::from_bool(b),
        DefaultValue::Str(s) => JsValue::from_str(s),
        DefaultValue::Object(fields) => {
            let object = js_sys::Object::new();
            for (key, value) in fields {
                let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &default_to_js(value));
            }
            object.into()
        }
    }
}

/// The locales the portal supports, as `locale` takes them.
#[wasm_bindgen(js_name = supportedLocales, unchecked_return_type = "Locale[]")]
pub fn supported_locales() -> JsValue {
    to_js(&validate::schema::LOCALES)
}

/// The keys `landing_page.manage` can name, each with the `customer_data` list it refers to.
#[wasm_bindgen(js_name = landingPageKeys, unchecked_return_type = "Array<{ key: string, list: string }>")]
pub fn landing_page_keys() -> JsValue {
    #[derive(Serialize)]
    struct Entry {
        key: &'static str,
        list: &'static str,
    }
    let entries: Vec<Entry> = validate::schema::LANDING_PAGE_KEYS.iter().map(|&(key, list)| Entry { key, list }).collect();
    to_js(&entries)
}
