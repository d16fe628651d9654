//! Reading large JS strings into Rust: JSON text and request bodies of up to hundreds of MB.

use core::sync::atomic::{AtomicBool, Ordering};

use js_sys::JsString;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JS string (js-sys's binding takes a Rust `&str`, a copy out of Wasm).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn parse_json(text: &JsString) -> Result<JsValue, JsValue>;
    /// `JSON.parse` of JSON text this module wrote, which it always accepts (no catch needed).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    pub fn parse_our_json(text: &str) -> JsValue;
}

#[wasm_bindgen(module = "/pkg-template/utf8.js")]
extern "C" {
    /// Gives the snippet the module's memory (see `read_string`).
    #[wasm_bindgen(js_name = useMemory)]
    fn use_memory(memory: &JsValue);
    /// The string's length in UTF-16 units; -1 when `value` is not a string.
    #[wasm_bindgen(js_name = stringLength)]
    fn string_length(value: &JsValue) -> i32;
    /// Encodes `text` from UTF-16 index `from` at `ptr`, at most `capacity` bytes: the bytes
    /// written when the rest fit, else -1 - the bytes written (and `last_read` says how far).
    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(text: &JsValue, from: u32, ptr: u32, capacity: u32) -> i32;
    #[wasm_bindgen(js_name = lastRead)]
    fn last_read() -> u32;
    /// For an ArrayBuffer, shared or not, or a view of one, of any realm: its bytes (a view of
    /// them, not a copy).
    #[wasm_bindgen(js_name = bytesOf)]
    pub fn bytes_of(value: &JsValue) -> Option<js_sys::Uint8Array>;
}

/// Whether the glue has the module's memory (`use_memory`).
static MEMORY_GIVEN: AtomicBool = AtomicBool::new(false);

/// A string longer than the caller takes, in UTF-8 bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct TooLarge;

/// The string, as UTF-8 (lone surrogates become U+FFFD, as with `as_string`), when `value` is
/// one. Same result as `JsValue::as_string`, copied by `TextEncoder.encodeInto` in one call
/// instead of character by character, and with two calls across the boundary for most strings
/// (its length, then the copy). A string of more than `max_bytes` is `TooLarge`, found with at
/// most `max_bytes` and a few more held: a V8 string of 2^29 units can take 1.5 GiB as UTF-8,
/// and Wasm memory ends at 4 GiB, where Rust's allocator traps.
pub fn read_string(value: &JsValue, max_bytes: usize) -> Option<Result<String, TooLarge>> {
    let units = usize::try_from(string_length(value)).ok()?;
    // The memory is given to the glue at the first string, rather than with every one (or at
    // start-up, which the Rust tests' harness does not run). Marked given only once the call
    // has returned: a call cut short by the stack gives it again next time.
    if !MEMORY_GIVEN.load(Ordering::Relaxed) {
        use_memory(&wasm_bindgen::memory());
        MEMORY_GIVEN.store(true, Ordering::Relaxed);
    }
    // Every unit takes at least one byte.
    if units > max_bytes {
        return Some(Err(TooLarge));
    }
    // One byte per UTF-16 unit is exact for ASCII; anything else grows the buffer by the most
    // the rest can need (3 bytes per unit), up to the limit and 4 bytes more (room for any one
    // character, so each step makes progress), and continues where the encoder stopped.
    let mut bytes = vec![0u8; units];
    let mut len = 0;
    let mut read = 0;
    loop {
        let spare = &mut bytes[len..];
        let written = encode_into(value, read as u32, spare.as_mut_ptr() as u32, spare.len() as u32);
        if written >= 0 {
            len += written as usize;
            break;
        }
        len += (-1 - written) as usize;
        read += last_read() as usize;
        if len + (units - read) > max_bytes {
            return Some(Err(TooLarge));
        }
        bytes.resize((len + (units - read) * 3).min(max_bytes + 4), 0);
    }
    if len > max_bytes {
        return Some(Err(TooLarge));
    }
    bytes.truncate(len);
    // TextEncoder writes only UTF-8; checking costs little and keeps this free of `unsafe`.
    String::from_utf8(bytes).ok().map(Ok)
}
