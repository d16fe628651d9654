//! The spec is the authority: these tests check the validator's schema tables, the documented
//! defaults and the model types against `spec/create_portal.openapi.json` itself.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use seam_portal::defaults::{DefaultValue, DOCUMENTED_DEFAULTS};
use seam_portal::model::CreatePortalRequest;
use seam_portal::validate::schema::{Format, Shape, Ty, LANDING_PAGE_KEYS, REQUEST};
use seam_portal::validate::validate_json;
use serde_json::{json, Map, Value};

fn spec() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/create_portal.openapi.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The request schema, its `allOf` merged into one object schema.
fn request_schema() -> Value {
    let spec = spec();
    let all_of = spec["paths"]["/customers/create_portal"]["post"]["requestBody"]["content"]["application/json"]["schema"]["allOf"]
        .as_array()
        .unwrap()
        .clone();
    let mut properties = Map::new();
    for part in &all_of {
        assert_eq!(part["type"], "object");
        assert!(part.get("required").is_none(), "no top-level key is required");
        properties.extend(part["properties"].as_object().unwrap().clone());
    }
    json!({ "type": "object", "properties": properties, "default": all_of[0]["default"] })
}

fn names(v: &Value) -> BTreeSet<String> {
    v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array().map(|a| a.iter().map(|s| s.as_str().unwrap().to_owned()).collect()).unwrap_or_default()
}

fn check_shape(path: &str, shape: &Shape, schema: &Value) {
    // The checker records the fields it has seen in a u32 bitmask.
    assert!(shape.fields.len() <= 32, "{path} has more than 32 fields");
    let fields: BTreeSet<String> = shape.fields.iter().map(|f| f.name.to_owned()).collect();
    assert_eq!(fields, names(&schema["properties"]), "properties of {path}");
    let required: BTreeSet<String> = shape.fields.iter().filter(|f| f.required).map(|f| f.name.to_owned()).collect();
    assert_eq!(required, strings(&schema["required"]), "required keys of {path}");
    for field in shape.fields {
        check_rule(&format!("{path}.{}", field.name), &field.ty, &schema["properties"][field.name]);
    }
}

fn check_rule(path: &str, ty: &Ty, schema: &Value) {
    let nullable = schema["nullable"] == true;
    let ty = match ty {
        Ty::Nullable(inner) => {
            assert!(nullable, "{path} is nullable in the tables but not in the spec");
            *inner
        }
        _ => {
            assert!(!nullable, "{path} is nullable in the spec but not in the tables");
            ty
        }
    };
    match ty {
        Ty::Bool => assert_eq!(schema["type"], "boolean", "{path}"),
        Ty::Str(rule) => {
            assert_eq!(schema["type"], "string", "{path}");
            assert_eq!(rule.min_chars as u64, schema["minLength"].as_u64().unwrap_or(0), "minLength of {path}");
            assert!(schema.get("maxLength").is_none(), "{path}: maxLength is only expected in custom_metadata");
            let expected = match (schema["format"].as_str(), schema["pattern"].as_str()) {
                (Some("uuid"), None) => Format::Uuid,
                (Some("date-time"), None) => Format::DateTime,
                (None, Some("^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$")) => Format::TimeOfDay,
                (None, Some("^[a-zA-Z_]\\w*$")) => Format::Identifier,
                (None, None) => Format::Any,
                other => panic!("{path}: unexpected format/pattern {other:?}"),
            };
            assert_eq!(rule.format, expected, "format of {path}");
        }
        Ty::StrList => {
            assert_eq!(schema["type"], "array", "{path}");
            assert_eq!(schema["items"], json!({ "type": "string" }), "{path}");
        }
        Ty::Number => assert_eq!(schema["type"], "number", "{path}"),
        Ty::PositiveInt => {
            assert_eq!(schema["type"], "integer", "{path}");
            assert_eq!((schema["minimum"].clone(), schema["exclusiveMinimum"].clone()), (json!(0), json!(true)), "{path}");
        }
        Ty::Enum(values) => {
            assert_eq!(schema["type"], "string", "{path}");
            let values: BTreeSet<String> = values.iter().map(|s| s.to_string()).collect();
            assert_eq!(values, strings(&schema["enum"]), "enum of {path}");
        }
        Ty::Object(shape) => {
            assert_eq!(schema["type"], "object", "{path}");
            check_shape(path, shape, schema);
        }
        Ty::List(shape) => {
            assert_eq!(schema["type"], "array", "{path}");
            assert_eq!(schema["items"]["type"], "object", "{path}");
            check_shape(&format!("{path}[]"), shape, &schema["items"]);
        }
        Ty::StrOrBool => assert_eq!(schema["oneOf"], json!([{ "type": "string" }, { "type": "boolean" }]), "{path}"),
        Ty::CustomMetadata => {
            assert_eq!(schema["type"], "object", "{path}");
            assert_eq!(
                schema["additionalProperties"],
                json!({ "nullable": true, "oneOf": [{ "maxLength": 500, "type": "string" }, { "type": "boolean" }] }),
                "{path}"
            );
        }
        Ty::LandingPageManage => {
            let mut keys = BTreeSet::new();
            for group in schema["oneOf"].as_array().unwrap() {
                for branch in group["oneOf"].as_array().unwrap() {
                    let key = strings(&branch["required"]).into_iter().next().unwrap();
                    assert_eq!(branch["properties"][&key], json!({ "type": "string" }));
                    keys.insert(key);
                }
            }
            let ours: BTreeSet<String> = LANDING_PAGE_KEYS.iter().map(|(k, _)| k.to_string()).collect();
            assert_eq!(ours, keys, "landing page keys");
        }
        Ty::Nullable(_) => panic!("{path}: a nullable of a nullable"),
    }
}

#[test]
fn schema_tables_match_the_spec() {
    check_shape("", &REQUEST, &request_schema());
}

#[test]
fn landing_page_keys_name_real_lists() {
    let schema = request_schema();
    let lists = names(&schema["properties"]["customer_data"]["properties"]);
    for (key, list) in LANDING_PAGE_KEYS {
        assert!(lists.contains(*list), "{list}");
        let item_keys = names(&schema["properties"]["customer_data"]["properties"][list]["items"]["properties"]);
        assert!(item_keys.contains(*key), "{list} entries have {key}");
    }
}

/// Every `default` the spec documents, gathered from the schema and its properties.
fn spec_defaults(schema: &Value) -> Value {
    let mut out = schema.get("default").cloned().filter(|d| !matches!(d, Value::Object(o) if o.is_empty())).unwrap_or(Value::Null);
    if let Some(properties) = schema["properties"].as_object() {
        for (key, property) in properties {
            let nested = spec_defaults(property);
            if nested.is_null() {
                continue;
            }
            if !out.is_object() {
                out = json!({});
            }
            let slot = out.as_object_mut().unwrap().entry(key.clone()).or_insert(Value::Null);
            merge(slot, nested);
        }
    }
    out
}

fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (slot, value) => *slot = value,
    }
}

#[test]
fn documented_defaults_are_the_specs() {
    fn as_json(fields: &[(&str, DefaultValue)]) -> Value {
        let object = fields.iter().map(|&(key, value)| {
            let value = match value {
                DefaultValue::Bool(b) => json!(b),
                DefaultValue::Str(s) => json!(s),
                DefaultValue::Object(nested) => as_json(nested),
            };
            (key.to_owned(), value)
        });
        Value::Object(object.collect())
    }
    assert_eq!(as_json(DOCUMENTED_DEFAULTS), spec_defaults(&request_schema()));
}

/// A body with every property of the spec, each with a valid sample value.
fn kitchen_sink(schema: &Value, key: &str) -> Value {
    if let Some(one_of) = schema["oneOf"].as_array() {
        return kitchen_sink(&one_of[0], key);
    }
    match schema["type"].as_str() {
        Some("object") if schema.get("additionalProperties").is_some() => json!({ "region": "eu", "vip": true, "note": null }),
        Some("object") => Value::Object(
            schema["properties"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), kitchen_sink(v, k))).collect(),
        ),
        Some("array") => json!([kitchen_sink(&schema["items"], key)]),
        Some("boolean") => json!(true),
        Some("integer") => json!(90),
        Some("number") => json!(52.5),
        Some("string") => match (schema["format"].as_str(), schema["enum"].as_array(), key) {
            (_, Some(values), _) => values.last().unwrap().clone(),
            (Some("uuid"), _, _) => json!("123e4567-e89b-12d3-a456-426614174000"),
            (Some("date-time"), _, "ends_at") => json!("2025-06-08T10:00:00Z"),
            (Some("date-time"), _, _) => json!("2025-06-01T15:00:00Z"),
            (_, _, "field") => json!("region"),
            (_, _, "default_checkin_time" | "default_checkout_time") => json!("15:00"),
            _ => json!(format!("{key}-1")),
        },
        other => panic!("no sample for {other:?} at {key}"),
    }
}

#[test]
fn the_model_types_carry_every_field_of_the_spec() {
    let body = kitchen_sink(&request_schema(), "");
    let typed: CreatePortalRequest = serde_json::from_value(body.clone()).expect("the model reads every field");
    assert_eq!(serde_json::to_value(&typed).unwrap(), body, "and writes each back unchanged");
}

#[test]
fn the_kitchen_sink_is_valid() {
    let body = kitchen_sink(&request_schema(), "");
    let report = validate_json(&body.to_string());
    assert!(report.is_valid(), "{:#?}", report.issues);
}

#[test]
fn absent_stays_absent_and_null_stays_null() {
    let body = json!({ "customer_data": { "customer_key": "c", "spaces": [{ "name": "n", "space_key": "s",
        "customer_data": { "time_zone": null } }] } });
    let typed: CreatePortalRequest = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), body);
}
