//! The boundary suite, run in Node (`tests/node.rs`) and in headless Chromium
//! (`tests/browser.rs`): JS values in, issues out, through the exported functions.

use js_sys::{Array, BigInt, Date, Object, Reflect, JSON};
use seam_portal::bindings::{validate, validate_json, with_defaults, PortalRequestBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

/// The (path, code) of each issue of a validation result.
fn issues(result: &JsValue) -> Vec<(String, String)> {
    let list: Array = get(result, "issues").dyn_into().unwrap_or_default();
    list.iter()
        .map(|i| (get(&i, "path").as_string().unwrap(), get(&i, "code").as_string().unwrap()))
        .collect()
}

fn ok(result: &JsValue) -> bool {
    get(result, "ok").as_bool().unwrap()
}

fn pair(path: &str, code: &str) -> (String, String) {
    (path.to_owned(), code.to_owned())
}

#[wasm_bindgen_test]
fn valid_object_comes_back_as_the_value() {
    let input = js(r#"{"customer_data":{"customer_key":"c1"}}"#);
    let result = validate(input.clone());
    assert!(ok(&result));
    assert_eq!(get(&result, "value"), input, "the very object given");
}

/// The issues and warnings of a report, as (path, code, message).
fn report_of(report: &seam_portal::validate::Report) -> Vec<(String, String, String)> {
    let codes = |list: &[seam_portal::validate::ValidationIssue]| {
        list.iter().map(|i| (i.path.clone(), format!("{:?}", i.code), i.message.clone())).collect::<Vec<_>>()
    };
    [codes(&report.issues), vec![Default::default()], codes(&report.warnings)].concat()
}

#[wasm_bindgen_test]
fn plain_data_is_read_as_a_tape_and_reports_as_its_json_text_does() {
    use seam_portal::bindings::validate_through_tape;
    // Non-ASCII strings (2, 3 and 4 bytes of UTF-8, some too long in UTF-16 units only), keys
    // with quotes and line breaks, numbers, -0, nested arrays, null, and issues of every kind.
    let bodies = [
        r#"{"customer_data":{"customer_key":"c1"}}"#,
        r#"{"customer_data":{"customer_key":" é ","spaces":[{"space_key":"😀","name":"Ünït ✓"},{"space_key":"😀","name":null}],
            "reservations":[{"reservation_key":"r","starts_at":"2025-01-02T00:00:00Z","ends_at":"2024-01-01T00:00:00Z","space_keys":["😀","x"]}]},
            "locale":"fr-FR","a\"b\nc":[1.5,-0,[],{},[[true,false]]],"customization_profile_id":"😀😀",
            "features":{"manage":{"exclude_staff_management":"yes"}},"landing_page":{"manage":{}}}"#,
    ];
    for text in bodies {
        let value = js(text);
        let tape = validate_through_tape(&value).unwrap_or_else(|| panic!("not read as a tape: {text}"));
        let from_text = seam_portal::validate::validate_json(&JSON::stringify(&value).unwrap().as_string().unwrap());
        assert_eq!(report_of(&tape), report_of(&from_text), "{text}");
    }
    // 300 emoji: 300 characters but 600 UTF-16 units, over the 500 a metadata value may have.
    let long_in_utf16 = format!(
        r#"{{"customer_data":{{"customer_key":"c","property_listings":[{{"property_listing_key":"p","name":"n","custom_metadata":{{"m":"{}"}}}}]}}}}"#,
        "😀".repeat(300)
    );
    let report = validate_through_tape(&js(&long_in_utf16)).unwrap();
    let codes: Vec<String> = report.issues.iter().map(|i| format!("{} {:?}", i.path, i.code)).collect();
    assert_eq!(codes, ["customer_data.property_listings[0].custom_metadata.m TooLong"]);

    // What the fast walk's tape does not carry, and leaves to the careful walk: a surrogate pair
    // split over two adjacent strings (encoded together, which the tape's check refuses) and
    // nesting beyond 128 levels. (It takes lone surrogates, class instances, and values JSON
    // changes that stand for no keys, a Date, NaN or toJSON among them:
    // tests/node/api.test.mjs checks that it writes them as the careful walk does.)
    let date = js(r#"{"customer_data":{"customer_key":"c1"}}"#);
    Reflect::set(&date, &"when".into(), &Date::new_0()).unwrap();
    let nan = js(r#"{"customer_data":{"customer_key":"c1"}}"#);
    Reflect::set(&nan, &"n".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    let split = js(r#"{"customer_data":{"customer_key":"c1\ud83d","\ude00":1}}"#);
    let instance = js_sys::Reflect::construct(&js_sys::Function::new_no_args("this.customer_data = {customer_key: 'c'}").into(), &Array::new()).unwrap();
    let to_json = js(r#"{"customer_data":{"customer_key":"c1"}}"#);
    Reflect::set(&to_json, &"toJSON".into(), &js_sys::Function::new_no_args("return {}")).unwrap();
    let deep = js(&format!(r#"{{"x":{}{}}}"#, "[".repeat(128), "]".repeat(128)));
    let lone = js(r#"{"customer_data":{"customer_key":"\udc00"}}"#);
    for value in [date, nan, to_json, instance, lone] {
        assert!(validate_through_tape(&value).is_some(), "{:?}", JSON::stringify(&value));
    }
    for value in [split.clone(), deep] {
        assert!(validate_through_tape(&value).is_none(), "{:?}", JSON::stringify(&value));
    }
    // The halves meet in the tape's text but belong to two strings: the value keeps its lone
    // surrogate (and its warning) rather than being read as half of an emoji.
    let warnings: Array = get(&validate(split), "warnings").dyn_into().unwrap();
    let codes: Vec<String> = warnings.iter().map(|w| get(&w, "code").as_string().unwrap()).collect();
    assert_eq!(codes, ["lone_surrogate", "unknown_property"]);
    assert!(validate_through_tape(&js(&format!(r#"{{"x":{}{}}}"#, "[".repeat(127), "]".repeat(127)))).is_some(), "128 levels");
}

#[wasm_bindgen_test]
fn a_lone_surrogate_in_a_metadata_key_is_warned_about_on_every_route() {
    // JSON.parse turns the escapes into lone surrogates in the object's key.
    let metadata = js(r#"{"customer_data":{"customer_key":"c","reservations":[{"reservation_key":"r","custom_metadata":{"k\ud800":"v"}}]}}"#);
    let walked = Object::assign(&Object::new(), metadata.unchecked_ref());
    Reflect::set(&walked, &"when".into(), &Date::new_0()).unwrap();
    let text: JsValue = JSON::stringify(&metadata).unwrap().into();
    for result in [validate(metadata), validate(walked.into()), validate_json(text)] {
        let warnings: Array = get(&result, "warnings").dyn_into().unwrap();
        let found: Vec<(String, String)> = warnings.iter().map(|w| (get(&w, "path").as_string().unwrap(), get(&w, "code").as_string().unwrap())).filter(|(path, _)| path != "when").collect();
        assert_eq!(found, [pair("customer_data.reservations[0].custom_metadata[\"k\u{FFFD}\"]", "lone_surrogate")]);
    }
}

#[wasm_bindgen_test]
fn undefined_is_absent_but_null_is_a_value() {
    let body = js(r#"{"customer_data":{"customer_key":"c1"}}"#);
    Reflect::set(&body, &"locale".into(), &JsValue::UNDEFINED).unwrap();
    assert!(ok(&validate(body.clone())), "undefined: the key is absent, as JSON.stringify drops it");
    Reflect::set(&body, &"locale".into(), &JsValue::NULL).unwrap();
    assert_eq!(issues(&validate(body)), vec![pair("locale", "invalid_type")]);
}

#[wasm_bindgen_test]
fn dates_are_refused_where_strings_are_expected_and_converted_by_the_builder() {
    let body = js(r#"{"customer_data":{"customer_key":"c1","reservations":[{"reservation_key":"r"}]}}"#);
    let reservation = get(&get(&get(&body, "customer_data"), "reservations"), "0");
    Reflect::set(&reservation, &"starts_at".into(), &Date::new(&JsValue::from_f64(0.0))).unwrap();
    assert_eq!(issues(&validate(body)), vec![pair("customer_data.reservations[0].starts_at", "invalid_type")]);

    let builder = PortalRequestBuilder::new("c1".into());
    let reservation = js(r#"{"reservation_key":"r"}"#);
    Reflect::set(&reservation, &"starts_at".into(), &Date::new(&JsValue::from_f64(1_748_790_000_000.0))).unwrap();
    builder.add_reservation(reservation);
    let built = builder.build().unwrap();
    let starts = get(&get(&get(&get(&built, "customer_data"), "reservations"), "0"), "starts_at");
    assert_eq!(starts.as_string().unwrap(), "2025-06-01T15:00:00.000Z");
}

#[wasm_bindgen_test]
fn objects_with_to_json_are_refused_rather_than_read_by_their_properties() {
    // JSON.stringify sends what toJSON returns: reading the object's properties would validate
    // something other than what is sent.
    let to_json = js_sys::Function::new_no_args(r#"return { customer_data: { customer_key: " bad " } }"#);
    let own = js(r#"{"customer_data":{"customer_key":"fine"}}"#);
    Reflect::set(&own, &"toJSON".into(), &to_json).unwrap();
    let class = js_sys::Function::new_no_args(
        "class Day { toJSON() { return '2025-06-01T00:00:00' } }; return { customer_key: 'c', x: 1, inner: new Day() }",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    let inherited = js_sys::Function::new_no_args("class Data { toJSON() { return {} } }; return { customer_data: new Data() }")
        .call0(&JsValue::NULL)
        .unwrap();
    for (body, path) in [(own.clone(), ""), (inherited, "customer_data"), (PortalRequestBuilder::new("c1".into()).into(), "")] {
        let result = validate(body);
        assert_eq!(issues(&result), vec![pair(path, "invalid_type")]);
        let message = get(&Array::from(&get(&result, "issues")).get(0), "message").as_string().unwrap();
        assert!(message.contains("toJSON") && message.contains("builder.build()"), "{message}");
    }
    assert!(with_defaults(own).is_err());
    // Under a property the spec does not define, JSON sends whatever toJSON returns, and Seam
    // ignores it: an unknown property, nothing more.
    let body = js(r#"{"customer_data":{"customer_key":"c"}}"#);
    Reflect::set(&body, &"extra".into(), &class).unwrap();
    let result = validate(body);
    assert!(ok(&result));
    assert_eq!(Array::from(&get(&result, "warnings")).length(), 1);
    // A toJSON that is not a function is an ordinary property, as for JSON.stringify.
    let body = js(r#"{"customer_data":{"customer_key":"c"},"toJSON":5}"#);
    let result = validate(body);
    assert!(ok(&result));
    assert_eq!(get(&Array::from(&get(&result, "warnings")).get(0), "path").as_string().unwrap(), "toJSON");
}

#[wasm_bindgen_test]
fn maps_and_sets_are_refused_rather_than_sent_as_empty_objects() {
    // JSON.stringify sends a Map or Set as `{}`: its entries would be lost without a word (a Map
    // given as the request was sent as `{}`).
    let make = |code: &str| js_sys::Function::new_no_args(code).call0(&JsValue::NULL).unwrap();
    let root = make("return new Map([['customer_data', { customer_key: 'c' }]])");
    let metadata = make("return { customer_data: { customer_key: 'c', reservations: [{ reservation_key: 'r', custom_metadata: new Map([['floor', '2']]) }] } }");
    let subclass = make("class Registry extends Map {}; return { customer_data: new Registry() }");
    let set = make("return { customer_data: { customer_key: 'c', spaces: new Set() } }");
    for (body, path) in [
        (root.clone(), ""),
        (metadata, "customer_data.reservations[0].custom_metadata"),
        (subclass, "customer_data"),
        (set, "customer_data.spaces"),
    ] {
        let result = validate(body.clone());
        assert_eq!(issues(&result), vec![pair(path, "invalid_type")]);
        let message = get(&Array::from(&get(&result, "issues")).get(0), "message").as_string().unwrap();
        assert!(message.contains("a Map or Set, which JSON.stringify sends as {}"), "{message}");
        assert!(with_defaults(body).is_err());
    }
    // Only the internal slot makes a Map: an object that merely inherits from Map.prototype is
    // read by its properties, as JSON.stringify reads it.
    let look_alike = make("return { customer_data: Object.assign(Object.create(Map.prototype), { customer_key: 'c' }) }");
    assert!(ok(&validate(look_alike)));
    // Under a property the spec does not define, Seam ignores whatever is sent.
    let body = js(r#"{"customer_data":{"customer_key":"c"}}"#);
    Reflect::set(&body, &"extra".into(), &root).unwrap();
    let result = validate(body);
    assert!(ok(&result));
    assert_eq!(Array::from(&get(&result, "warnings")).length(), 1);
}

#[wasm_bindgen_test]
fn bigint_symbol_function_and_nan_are_reported() {
    let body = js(r#"{"customer_data":{"customer_key":"c1","spaces":[{"name":"n","space_key":"s","geolocation":{"latitude":0,"longitude":0}}]}}"#);
    let geo = get(&get(&get(&get(&body, "customer_data"), "spaces"), "0"), "geolocation");
    Reflect::set(&geo, &"latitude".into(), &BigInt::from(5).into()).unwrap();
    Reflect::set(&geo, &"longitude".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    Reflect::set(&body, &"locale".into(), &js_sys::Symbol::for_("en-US").into()).unwrap();
    Reflect::set(&body, &"extra".into(), &BigInt::from(1).into()).unwrap();
    assert_eq!(
        issues(&validate(body)),
        vec![
            pair("customer_data.spaces[0].geolocation.latitude", "invalid_type"),
            pair("customer_data.spaces[0].geolocation.longitude", "not_finite"),
            pair("locale", "invalid_type"),
            pair("extra", "not_json"),
        ]
    );
}

#[wasm_bindgen_test]
fn cycles_and_deep_nesting_get_issues_not_a_stack_overflow() {
    let body = js(r#"{"customer_data":{"customer_key":"c1"}}"#);
    let loop_ = Object::new();
    Reflect::set(&loop_, &"self".into(), &loop_).unwrap();
    Reflect::set(&body, &"extra".into(), &loop_).unwrap();
    // The glue writes an object once and marks where it would contain itself: inside a known
    // property the property gets its own issue, and below an unknown one the cycle is named.
    Reflect::set(&get(&body, "customer_data"), &"spaces".into(), &loop_).unwrap();
    let result = validate(body);
    assert_eq!(issues(&result), vec![pair("customer_data.spaces", "invalid_type"), pair("extra.self", "not_json")]);

    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(issues(&validate_json(deep.into())), vec![pair("", "invalid_json")]);
}

#[wasm_bindgen_test]
fn json_text_as_bytes_is_validated_as_its_utf8() {
    let text = r#"{"customer_data":{"customer_key":"café"}}"#;
    let bytes = js_sys::Uint8Array::from(text.as_bytes());
    for given in [JsValue::from(bytes.clone()), bytes.buffer().into()] {
        let result = validate_json(given);
        assert!(ok(&result));
        assert_eq!(get(&get(&get(&result, "value"), "customer_data"), "customer_key"), "café");
    }
    let latin1 = js_sys::Uint8Array::from(&b"{\"customer_data\":{\"customer_key\":\"caf\xE9\"}}"[..]);
    let result = validate_json(latin1.into());
    assert_eq!(issues(&result), vec![pair("", "invalid_json")]);
    let message = get(&Array::from(&get(&result, "issues")).get(0), "message").as_string().unwrap();
    assert!(message.ends_with("not UTF-8 (saved as Windows-1252 or Latin-1?) (line 1, column 38)"), "{message}");
}

#[wasm_bindgen_test]
fn any_value_gets_issues_and_the_module_keeps_working() {
    let values: Vec<JsValue> = vec![
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::TRUE,
        JsValue::from_f64(f64::INFINITY),
        "text".into(),
        BigInt::from(1).into(),
        js_sys::Symbol::for_("s").into(),
        Array::new().into(),
        js_sys::Function::new_no_args("return 1").into(),
        Date::new_0().into(),
    ];
    for value in values {
        let result = validate(value.clone());
        assert!(!ok(&result));
        assert_eq!(issues(&result)[0].0, "", "the root is reported");
        let result = validate_json(value);
        assert!(!ok(&result));
    }
    for text in ["", "{", "nul", "\u{0}", "{\"a\":\u{FFFF}}", "[1e400]", "\"\\ud800\""] {
        assert!(!ok(&validate_json(text.into())), "{text:?}");
    }
    let big = format!("{{\"customer_data\":{{\"customer_key\":\"{}\"}}}}", "x".repeat(10 * 1024 * 1024));
    assert!(ok(&validate_json(big.into())));
    assert!(ok(&validate(js(r#"{"customer_data":{"customer_key":"still working"}}"#))));
}

/// Runs `f` with `target[name]` replaced by `value` (an own property shadowing any inherited
/// one), then puts back what was there.
fn with_property<R>(target: &JsValue, name: &str, value: &JsValue, f: impl FnOnce() -> R) -> R {
    let target: &Object = target.unchecked_ref();
    let name = JsValue::from_str(name);
    let own = Object::get_own_property_descriptor(target, &name);
    let descriptor = Object::new();
    Reflect::set(&descriptor, &"value".into(), value).unwrap();
    Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
    Reflect::set(&descriptor, &"writable".into(), &JsValue::TRUE).unwrap();
    Object::define_property(target, &name, &descriptor);
    let result = f();
    if own.is_undefined() {
        Reflect::delete_property(target, &name).unwrap();
    } else {
        Object::define_property(target, &name, own.unchecked_ref());
    }
    result
}

#[wasm_bindgen_test]
fn the_key_hash_seed_comes_from_crypto_get_random_values() {
    // std has no randomness on wasm32-unknown-unknown (its RandomState keys are constants): the
    // seed must come from JS, or crafted keys could collide on every machine alike; from the
    // cryptographic generator where there is one.
    use seam_portal::validate::keyhash::random_seed;
    let global: JsValue = js_sys::global().into();
    let crypto = Reflect::get(&global, &"crypto".into()).unwrap();
    assert!(crypto.is_object(), "Node 20 and browsers have a global crypto");
    let fill = js_sys::Function::new_with_args("words", "words[0] = 0x12345678; words[1] = 0x9abcdef0; return words");
    let seed = with_property(&crypto, "getRandomValues", &fill, random_seed);
    assert_eq!(seed, 0x1234_5678_9abc_def0);
    assert_ne!(random_seed(), random_seed());
}

#[wasm_bindgen_test]
fn without_crypto_the_key_hash_seed_comes_from_math_random() {
    use seam_portal::validate::keyhash::random_seed;
    let global: JsValue = js_sys::global().into();
    let math = Reflect::get(&global, &"Math".into()).unwrap();
    let half = js_sys::Function::new_no_args("return 0.5");
    let seed = with_property(&global, "crypto", &JsValue::UNDEFINED, || with_property(&math, "random", &half, random_seed));
    assert_eq!(seed, 0x8000_0000_8000_0000);
}

#[wasm_bindgen_test]
fn invalid_requests_throw_a_portal_validation_error() {
    let error = with_defaults(js(r#"{"locale":"xx"}"#)).unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&error, "name").as_string().unwrap(), "PortalValidationError");
    assert_eq!(Array::from(&get(&error, "issues")).length(), 1);
    let builder = PortalRequestBuilder::new(JsValue::from_f64(7.0));
    let error = builder.build().unwrap_err();
    assert!(get(&error, "message").as_string().unwrap().contains("customer_data.customer_key"));
}

/// A request with one space whose `duration_minutes` is the JSON number `minutes`.
fn space_lasting(minutes: &str) -> String {
    format!(r#"{{"customer_data":{{"customer_key":"c","spaces":[{{"space_key":"s","name":"n","duration_minutes":{minutes}}}]}}}}"#)
}

#[wasm_bindgen_test]
fn numbers_past_the_fast_path_are_read_correctly_rounded_as_json_parse_reads_them() {
    // `duration_minutes` must be a whole number. The ties below lie halfway between 60 and the
    // next double: JSON.parse rounds the first to even (60), the second, a digit further, up.
    // They have too many digits for the tape's fast path, so the Wasm reads them with
    // JavaScript's parseFloat (std's parser is not in the module). JSON.parse is the judge.
    for (minutes, whole) in [
        ("60", true),
        ("6e1", true),
        ("6000e-2", true),
        ("60.00000000000001", false),
        ("60.000000000000003552713678800500929355621337890625", true),
        ("60.000000000000003552713678800500929355621337890626", false),
        ("600000000000000000000000e-22", true),
        // Multiples of 2^64, whose digits wrap a 64-bit mantissa to exactly 0: read as 0 (and
        // refused as not greater than 0) before the fix.
        ("18446744073709551616", true),
        ("184467440737095516160000", true),
    ] {
        let from_json_parse = js_sys::Number::is_integer(&get(&Array::from(&get(&get(&js(&space_lasting(minutes)), "customer_data"), "spaces")).get(0), "duration_minutes"));
        assert_eq!(from_json_parse, whole, "JSON.parse reads {minutes} so");
        let result = validate_json(space_lasting(minutes).into());
        assert_eq!(ok(&result), whole, "{minutes}");
        if !whole {
            assert_eq!(issues(&result), vec![pair("customer_data.spaces[0].duration_minutes", "not_integer")]);
        }
    }
    // Past a double's range, read by parseFloat as an infinity: refused as JSON.parse cannot
    // give it back.
    assert_eq!(issues(&validate_json(space_lasting("1e400").into())), vec![pair("", "invalid_json")]);
}

#[wasm_bindgen_test]
fn numbers_in_messages_are_written_as_javascript_writes_them() {
    // In Wasm, `js_number` asks JavaScript (Rust's float formatting is not in the module); its
    // native version is tested against what JavaScript writes for values of these kinds in
    // src/validate/text.rs.
    for (n, written) in [(1.5, "1.5"), (-0.0, "0"), (1e-7, "1e-7"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (0.1, "0.1"), (5e-324, "5e-324"), (f64::NAN, "NaN")] {
        assert_eq!(seam_portal::validate::text::js_number(n), written);
    }
    let message = |minutes: &str| {
        let list: Array = get(&validate_json(space_lasting(minutes).into()), "issues").dyn_into().unwrap();
        get(&list.get(0), "message").as_string().unwrap()
    };
    assert_eq!(message("1.5"), "must be a whole number of minutes, got 1.5");
    assert_eq!(message("0.0000001"), "must be a whole number of minutes, got 1e-7");
    assert_eq!(message("-1e21"), "must be greater than 0, got -1e+21");
}
