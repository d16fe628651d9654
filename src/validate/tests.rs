//! Rule-by-rule tests of the validator on JSON text.

use super::*;
use serde_json::{json, Value};

fn check(body: Value) -> Report {
    validate_json(&body.to_string())
}

/// The (path, code) pairs of the errors, sorted (`json!` objects iterate in key order, not in
/// the order they are written).
fn errors(body: Value) -> Vec<(String, IssueCode)> {
    let mut found: Vec<_> = check(body).issues.into_iter().map(|i| (i.path, i.code)).collect();
    found.sort();
    found
}

fn warnings(body: Value) -> Vec<(String, IssueCode)> {
    check(body).warnings.into_iter().map(|i| (i.path, i.code)).collect()
}

fn e(path: &str, code: IssueCode) -> (String, IssueCode) {
    (path.to_owned(), code)
}

use IssueCode::*;

#[test]
fn minimal_and_empty_bodies_are_valid() {
    assert!(check(json!({ "customer_data": { "customer_key": "c1" } })).is_valid());
    // customer_data itself is optional in the spec and on the server.
    assert!(check(json!({})).is_valid());
}

#[test]
fn the_root_must_be_an_object() {
    for body in ["null", "[]", "1", "\"x\"", "true"] {
        let report = validate_json(body);
        assert_eq!(report.issues.len(), 1, "{body}");
        assert_eq!(report.issues[0].code, InvalidType);
        assert_eq!(report.issues[0].path, "");
    }
}

#[test]
fn invalid_json_says_where() {
    let report = validate_json("{\"customer_data\": {\n  \"customer_key\": }");
    assert_eq!(report.issues.len(), 1);
    assert_eq!(report.issues[0].code, InvalidJson);
    assert!(report.issues[0].message.contains("line 2"), "{}", report.issues[0].message);
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let report = validate_json(&deep);
    assert_eq!(report.issues[0].code, InvalidJson);
    assert!(report.issues[0].message.contains("nested deeper than 128"));
}

#[test]
fn bytes_are_validated_as_utf8_text() {
    let text = "{\"customer_data\": {\"customer_key\": \"café\"}}";
    assert_eq!(validate_json_bytes(text.as_bytes()), validate_json(text));
    assert!(validate_json_bytes(text.as_bytes()).is_valid());
    let latin1 = b"{\"customer_data\": {\"customer_key\": \"caf\xE9\"}}";
    let report = validate_json_bytes(latin1);
    assert_eq!(report.issues.len(), 1);
    assert_eq!((report.issues[0].path.as_str(), report.issues[0].code), ("", InvalidJson));
    assert_eq!(report.issues[0].message, "the text is not valid JSON: it is not UTF-8 (saved as Windows-1252 or Latin-1?) (line 1, column 40)");
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let body = json!({
        "locale": "en-GB",
        "navigation_mode": "partial",
        "is_embedded": "yes",
        "customization_profile_id": "not-a-uuid",
        "customer_data": {
            "customer_key": " c1",
            "spaces": [
                { "name": "A", "space_key": "s1" },
                { "name": "B", "space_key": "" },
                { "space_key": "s3", "duration_minutes": 0 },
                { "name": "D", "space_key": "s4", "duration_minutes": 1.5,
                  "geolocation": { "latitude": "1" },
                  "customer_data": { "time_zone": null, "default_checkin_time": "25:00" } }
            ],
            "reservations": [{ "reservation_key": "r1", "starts_at": "2025-06-01T15:00:00+02:00", "ends_at": "tomorrow" }]
        }
    });
    let mut expected = vec![
            e("locale", InvalidEnumValue),
            e("navigation_mode", InvalidEnumValue),
            e("is_embedded", InvalidType),
            e("customization_profile_id", InvalidFormat),
            e("customer_data.customer_key", LeadingOrTrailingWhitespace),
            e("customer_data.spaces[1].space_key", TooShort),
            e("customer_data.spaces[2].duration_minutes", TooSmall),
            e("customer_data.spaces[2].name", Required),
            e("customer_data.spaces[3].duration_minutes", NotInteger),
            e("customer_data.spaces[3].geolocation.latitude", InvalidType),
            e("customer_data.spaces[3].geolocation.longitude", Required),
            e("customer_data.spaces[3].customer_data.default_checkin_time", InvalidPattern),
            e("customer_data.reservations[0].starts_at", InvalidFormat),
            e("customer_data.reservations[0].ends_at", InvalidFormat),
    ];
    expected.sort();
    assert_eq!(errors(body), expected);
}

#[test]
fn numbers_in_messages_are_written_as_javascript_writes_them() {
    let message = |minutes: &str| {
        let body = format!(r#"{{"customer_data":{{"customer_key":"c","spaces":[{{"space_key":"s","name":"n","duration_minutes":{minutes}}}]}}}}"#);
        validate_json(&body).issues.remove(0).message
    };
    assert_eq!(message("1.5"), "must be a whole number of minutes, got 1.5");
    assert_eq!(message("0.0000001"), "must be a whole number of minutes, got 1e-7");
    assert_eq!(message("-1e21"), "must be greater than 0, got -1e+21");
}

#[test]
fn messages_say_what_is_expected() {
    let report = validate_json(r#"{ "locale": "en-GB", "customer_data": { "customer_key": 7 } }"#);
    assert!(report.issues[0].message.contains("\"en-US\""), "{}", report.issues[0].message);
    assert_eq!(report.issues[1].message, "expected a string, got a number");
    let report = check(json!({ "customer_data": { "customer_key": "c", "reservations": [
        { "reservation_key": "r", "starts_at": "2025-06-01T15:00:00+02:00" }] } }));
    assert!(report.issues[0].message.contains("Seam's server expects UTC"));
}

#[test]
fn nulls_only_where_the_spec_allows_them() {
    let ok = json!({ "customer_data": { "customer_key": "c", "spaces": [{ "name": "n", "space_key": "s",
        "customer_data": { "address": null, "time_zone": null, "default_checkin_time": null, "default_checkout_time": null } }],
        "property_listings": [{ "name": "p", "property_listing_key": "p", "custom_metadata": { "a": null } }] } });
    assert!(check(ok).is_valid());
    assert_eq!(errors(json!({ "locale": null })), vec![e("locale", InvalidEnumValue)].into_iter().map(|(p, _)| (p, InvalidType)).collect::<Vec<_>>());
    assert_eq!(errors(json!({ "features": null })), vec![e("features", InvalidType)]);
}

#[test]
fn lengths_are_checked_in_code_points_and_utf16_units() {
    let meta = |v: &str| json!({ "customer_data": { "customer_key": "c", "reservations": [
        { "reservation_key": "r", "custom_metadata": { "k": v } }] } });
    assert!(check(meta(&"a".repeat(500))).is_valid());
    assert_eq!(errors(meta(&"a".repeat(501))), vec![e("customer_data.reservations[0].custom_metadata.k", TooLong)]);
    // 300 emoji: 300 code points (fine for the spec) but 600 UTF-16 units (too long for the server).
    let report = check(meta(&"😀".repeat(300)));
    assert_eq!(report.issues.len(), 1);
    assert!(report.issues[0].message.contains("UTF-16"));
    // Keys: at most 40 UTF-16 units; at most 50 keys.
    let long_key = json!({ "customer_data": { "customer_key": "c", "reservations": [
        { "reservation_key": "r", "custom_metadata": { "é".repeat(41): true } }] } });
    assert_eq!(check(long_key).issues[0].code, TooLong);
    let many: serde_json::Map<String, Value> = (0..51).map(|i| (format!("k{i}"), json!(true))).collect();
    let body = json!({ "customer_data": { "customer_key": "c", "property_listings": [
        { "name": "p", "property_listing_key": "p", "custom_metadata": many }] } });
    assert_eq!(errors(body), vec![e("customer_data.property_listings[0].custom_metadata", TooManyKeys)]);
}

#[test]
fn landing_page_needs_exactly_one_key() {
    let lp = |m: Value| json!({ "landing_page": { "manage": m } });
    assert!(check(lp(json!({ "space_key": "s" }))).is_valid());
    assert!(check(lp(json!({ "access_grant_key": "a" }))).is_valid());
    assert_eq!(errors(lp(json!({}))), vec![e("landing_page.manage", NotExactlyOne)]);
    assert_eq!(errors(lp(json!({ "space_key": "s", "unit_key": "u" }))), vec![e("landing_page.manage", NotExactlyOne)]);
    assert_eq!(errors(lp(json!({ "space_key": 1 }))), vec![e("landing_page.manage.space_key", InvalidType)]);
    // Another landing key of the wrong type only fails its own oneOf branch: valid, with a warning.
    let report = check(lp(json!({ "space_key": "s", "unit_key": 1 })));
    assert!(report.is_valid());
    assert!(report.warnings.iter().any(|w| w.code == IgnoredProperty && w.path == "landing_page.manage.unit_key"));
    assert_eq!(errors(lp(json!("s"))), vec![e("landing_page.manage", InvalidType)]);
    assert!(check(json!({ "landing_page": {} })).is_valid());
}

#[test]
fn filters_and_deep_links() {
    let f = |v: Value| json!({ "customer_resources_filters": [v] });
    assert!(check(f(json!({ "field": "region", "operation": "=", "value": "EU" }))).is_valid());
    assert!(check(f(json!({ "field": "_vip", "operation": "=", "value": true }))).is_valid());
    assert_eq!(
        errors(f(json!({ "field": "1x", "operation": "!=", "value": 3 }))).into_iter().collect::<std::collections::BTreeSet<_>>(),
        vec![
            e("customer_resources_filters[0].field", InvalidPattern),
            e("customer_resources_filters[0].operation", InvalidEnumValue),
            e("customer_resources_filters[0].value", InvalidType),
        ].into_iter().collect()
    );
    assert_eq!(errors(f(json!({}))).len(), 3);
    assert_eq!(
        errors(json!({ "deep_link": { "resource_type": "device", "resource_id": "d" } })),
        vec![e("deep_link.resource_key", Required), e("deep_link.resource_type", InvalidEnumValue)]
    );
}

#[test]
fn keys_are_trimmed_the_way_javascript_trims() {
    let key = |k: &str| json!({ "customer_data": { "customer_key": k } });
    assert_eq!(errors(key("c\u{FEFF}")), vec![e("customer_data.customer_key", LeadingOrTrailingWhitespace)]);
    assert_eq!(errors(key("\u{2003}c")), vec![e("customer_data.customer_key", LeadingOrTrailingWhitespace)]);
    assert!(check(key("\u{85}c")).is_valid());
    // staff_member_key has no constraint at all.
    let staff = json!({ "customer_data": { "customer_key": "c", "staff_members": [{ "name": "n", "staff_member_key": " " }] } });
    assert!(check(staff).is_valid());
}

#[test]
fn unknown_properties_are_warnings_with_hints() {
    let report = check(json!({ "customer_date": { "customer_key": "c" }, "read_only": true }));
    assert!(report.is_valid());
    assert_eq!(report.warnings[0].path, "customer_date");
    assert_eq!(report.warnings[0].code, UnknownProperty);
    assert!(report.warnings[0].message.contains("did you mean `customer_data`?"));
    assert_eq!(report.warnings[1].path, "read_only");
    let report = check(json!({ "my key": 1 }));
    assert_eq!(report.warnings[0].path, "[\"my key\"]");
    // A long key is named in full by the path and cut in the message.
    let long = format!("{}_suffix", "k".repeat(1_000_000));
    let report = check(json!({ "customer_data": { "customer_key": "c" }, long.clone(): 1 }));
    assert_eq!(report.warnings[0].path, long);
    assert_eq!(report.warnings[0].message, format!("`{}…` is not a property of a create_portal request: Seam ignores it", "k".repeat(60)));
}

#[test]
fn edit_distance_within_a_limit_is_the_edit_distance_up_to_it() {
    // Against the full table, on every pair of strings of up to 4 letters from "ab" and one
    // non-ASCII letter, for limits 0 to 3.
    fn full(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
        for i in 0..=a.len() {
            for j in 0..=b.len() {
                d[i][j] = if i == 0 || j == 0 { i + j } else { (d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1])).min(d[i - 1][j] + 1).min(d[i][j - 1] + 1) };
            }
        }
        d[a.len()][b.len()]
    }
    let mut words = vec![String::new()];
    let mut last = words.clone();
    for _ in 0..4 {
        last = last.iter().flat_map(|w| ['a', 'b', 'é'].map(|c| format!("{w}{c}"))).collect();
        words.extend(last.iter().cloned());
    }
    for a in &words {
        for b in &words {
            for limit in 0..=3 {
                let d = full(a, b);
                assert_eq!(text::edit_distance_within(a, b, limit), (d <= limit).then_some(d), "{a:?} {b:?} {limit}");
            }
        }
    }
}

#[test]
fn duplicate_json_keys_are_reported() {
    let report = validate_json(r#"{"locale":"en-US","locale":"fr-FR"}"#);
    assert!(report.is_valid());
    assert_eq!(report.warnings[0].code, DuplicateProperty);
}

#[test]
fn warnings_beyond_the_schema() {
    let body = json!({
        "landing_page": { "manage": { "unit_key": "u9" } },
        "deep_link": { "resource_type": "reservation", "resource_key": "r9" },
        "features": {
            "connect": { "accepted_providers": ["august", "yale"], "excluded_providers": ["yale"] },
            "manage": { "events": { "allowed_events": ["lock.unlocked"], "default_events": ["lock.locked"] } },
            "manage_devices": { "exclude": true }
        },
        "customer_data": {
            "customer_key": "c",
            "spaces": [{ "name": "a", "space_key": "s1", "parent_site_key": "nowhere" }, { "name": "b", "space_key": "s1" }],
            "reservations": [{ "reservation_key": "r1", "starts_at": "2025-06-02T00:00:00Z", "ends_at": "2025-06-01T00:00:00Z" }]
        }
    });
    let report = check(body);
    assert!(report.is_valid(), "{:?}", report.issues);
    let mut found = warnings_of(&report);
    found.sort();
    let mut expected = vec![
        e("customer_data.spaces[1].space_key", DuplicateKey),
        e("landing_page.manage.unit_key", UnknownReference),
        e("deep_link.resource_key", UnknownReference),
        e("features.connect.excluded_providers[0]", ProviderConflict),
        e("features.manage.events.default_events[0]", DefaultEventNotAllowed),
        e("features.manage_devices", Deprecated),
        e("customer_data.spaces[0].parent_site_key", UnknownReference),
        e("customer_data.reservations[0].starts_at", StartsAfterEnds),
    ];
    expected.sort();
    assert_eq!(found, expected);
}

fn warnings_of(report: &Report) -> Vec<(String, IssueCode)> {
    report.warnings.iter().map(|i| (i.path.clone(), i.code)).collect()
}

#[test]
fn lone_surrogates_in_free_form_keys_are_warned_about() {
    // Escaped in JSON text, as JSON.stringify writes them: a metadata key is free-form, so
    // nothing else would say that Seam receives a key that is not valid Unicode.
    let text = r#"{"customer_data":{"customer_key":"c","reservations":[{"reservation_key":"r","custom_metadata":{"a\udc00":"\ud800","\ud83d\ude00":true,"b\ud83d":1}}]}}"#;
    let report = validate_json(text);
    assert_eq!(report.issues.iter().map(|i| (i.path.as_str(), i.code)).collect::<Vec<_>>(), [("customer_data.reservations[0].custom_metadata[\"b\u{FFFD}\"]", InvalidType)]);
    let at = "customer_data.reservations[0].custom_metadata[\"a\u{FFFD}\"]";
    assert_eq!(warnings_of(&report), [e(at, LoneSurrogate), e(at, LoneSurrogate), e("customer_data.reservations[0].custom_metadata[\"b\u{FFFD}\"]", LoneSurrogate)]);
    assert!(report.warnings[0].message.starts_with("this key contains an unpaired UTF-16 surrogate"), "{}", report.warnings[0].message);
    assert!(report.warnings[1].message.starts_with("contains an unpaired UTF-16 surrogate"), "{}", report.warnings[1].message);
}

#[test]
fn references_that_exist_are_quiet() {
    let body = json!({
        "landing_page": { "manage": { "space_key": "s1" } },
        "deep_link": { "resource_type": "space", "resource_key": "s1" },
        "customer_data": { "customer_key": "c", "sites": [{ "name": "x", "site_key": "site" }],
            "spaces": [{ "name": "a", "space_key": "s1", "parent_site_key": "site" }] }
    });
    assert_eq!(warnings(body), vec![]);
}

#[test]
fn reports_list_at_most_max_listed_errors_and_warnings_then_say_so() {
    let spaces: Vec<Value> = (0..MAX_LISTED + 5).map(|_| json!({ "space_key": "same", "name": 1 })).collect();
    let report = check(json!({ "customer_data": { "customer_key": "c", "spaces": spaces } }));
    for (list, what) in [(&report.issues, "errors"), (&report.warnings, "warnings")] {
        assert_eq!(list.len(), MAX_LISTED + 1);
        let last = list.last().unwrap();
        assert_eq!((last.path.as_str(), last.code), ("", TooManyIssues));
        assert_eq!(last.message, format!("more than 1000000 {what} were found: the rest are not listed"));
    }
    assert_eq!(report.issues[MAX_LISTED - 1].path, format!("customer_data.spaces[{}].name", MAX_LISTED - 1));
    assert_eq!(report.warnings[MAX_LISTED - 1].code, DuplicateKey);
}

#[test]
fn long_values_are_cut_in_messages() {
    let report = check(json!({ "customization_profile_id": "x".repeat(1_000_000) }));
    assert!(report.issues[0].message.len() < 300);
}

#[test]
fn strings_are_quoted_as_json_stringify_quotes_them() {
    let all_controls: String = (0u8..0x20).map(char::from).collect();
    for s in ["", "plain", "say \"hi\"", "back\\slash", "tab\tnew\nline\r", "\u{8}\u{c}\u{1f}\u{7f}", "é 日本 🦀", all_controls.as_str()] {
        let mut quoted = String::new();
        push_json_string(&mut quoted, s);
        assert_eq!(quoted, serde_json::to_string(s).unwrap(), "{s:?}");
    }
    let long = "é".repeat(100);
    assert_eq!(check::quote(&long), format!("\"{}…\"", "é".repeat(60)));
}

/// The lint reads what the schema walk collected from the resource lists: the same answers as
/// reading the document last-key-wins, in list order whatever order the document has.
#[test]
fn resource_warnings_follow_the_last_of_duplicate_keys_in_list_order() {
    // A repeated list, customer_data or entry key: only the last counts, as JSON.parse keeps it.
    let text = r#"{
        "landing_page": { "manage": { "site_key": "old" } },
        "customer_data": { "customer_key": "c", "sites": [{ "name": "x", "site_key": "ignored" }] },
        "customer_data": {
            "customer_key": "c",
            "rooms": [{ "name": "r", "room_key": "k", "parent_site_key": "gone" }, { "name": "r", "room_key": "k" }],
            "spaces": [{ "name": "a", "space_key": "a", "space_key": "s", "parent_site_key": "old" }, { "name": "b", "space_key": "s" }],
            "sites": [{ "name": "x", "site_key": "old" }, { "name": "y", "site_key": "old" }],
            "spaces": [{ "name": "a", "space_key": "s1", "parent_site_key": "nowhere", "space_key": "s2" }, { "name": "b", "space_key": "s2" }],
            "bookings": [{ "booking_key": "b", "starts_at": "2025-06-02T00:00:00Z", "ends_at": "2025-06-01T00:00:00Z" }],
            "sites": [{ "name": "y", "site_key": "new" }]
        }
    }"#;
    let report = validate_json(text);
    assert!(report.is_valid(), "{:?}", report.issues);
    let lint: Vec<_> = warnings_of(&report).into_iter().filter(|(_, code)| *code != DuplicateProperty).collect();
    assert_eq!(lint, vec![
        // Duplicates first, by list in RESOURCE_LISTS order (spaces, sites, …, rooms).
        e("customer_data.spaces[1].space_key", DuplicateKey),
        e("customer_data.rooms[1].room_key", DuplicateKey),
        e("landing_page.manage.site_key", UnknownReference),
        e("customer_data.spaces[0].parent_site_key", UnknownReference),
        e("customer_data.rooms[0].parent_site_key", UnknownReference),
        e("customer_data.bookings[0].starts_at", StartsAfterEnds),
    ]);
    // A customer_data that is not an object after one that was: nothing is sent.
    let report = validate_json(r#"{"landing_page":{"manage":{"site_key":"s"}},"customer_data":{"customer_key":"c","sites":[{"name":"x","site_key":"s"}]},"customer_data":1}"#);
    assert_eq!(warnings_of(&report).last(), Some(&e("landing_page.manage.site_key", UnknownReference)));
}
