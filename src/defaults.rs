//! The spec's documented defaults, which Seam applies to fields a request leaves out.
//!
//! Requests are sent as the caller wrote them; these are only for showing what the portal will
//! do. `tests/spec_conformance.rs` checks [`documented_defaults`] against the spec's `default`
//! values.

use serde_json::{json, Map, Value};

/// The defaults the spec documents for `POST /customers/create_portal`.
pub fn documented_defaults() -> Value {
    json!({
        "_dev": false,
        "exclude_locale_picker": false,
        "is_embedded": false,
        "navigation_mode": "full",
        "features": {
            "configure": {
                "allow_access_automation_rule_customization": false,
                "allow_climate_automation_rule_customization": false,
                "allow_instant_key_customization": false,
                "exclude": false
            },
            "connect": { "exclude": false },
            "manage": {
                "exclude": false,
                "exclude_reservation_management": false,
                "exclude_reservation_technical_details": false,
                "exclude_staff_management": false
            },
            "manage_devices": { "exclude": false },
            "organize": { "exclude": false }
        }
    })
}

/// Fills every documented default that `request` leaves out, recursively; present values
/// (including unknown properties) are kept as they are.
pub fn with_defaults(mut request: Value) -> Value {
    if let (Value::Object(target), Value::Object(defaults)) = (&mut request, documented_defaults()) {
        fill(target, defaults);
    }
    request
}

fn fill(target: &mut Map<String, Value>, defaults: Map<String, Value>) {
    for (key, default) in defaults {
        match (target.get_mut(&key), default) {
            (None, default) => {
                target.insert(key, default);
            }
            (Some(Value::Object(present)), Value::Object(nested)) => fill(present, nested),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_only_what_is_missing() {
        let request = json!({
            "customer_data": { "customer_key": "c" },
            "is_embedded": true,
            "features": { "manage": { "exclude": true }, "x": 1 },
            "unknown": null
        });
        let filled = with_defaults(request);
        assert_eq!(filled["is_embedded"], true);
        assert_eq!(filled["exclude_locale_picker"], false);
        assert_eq!(filled["navigation_mode"], "full");
        assert_eq!(filled["features"]["manage"]["exclude"], true);
        assert_eq!(filled["features"]["manage"]["exclude_staff_management"], false);
        assert_eq!(filled["features"]["organize"]["exclude"], false);
        assert_eq!(filled["features"]["x"], 1);
        assert_eq!(filled["unknown"], Value::Null);
        assert_eq!(filled["customer_data"], json!({ "customer_key": "c" }));
        assert!(filled.get("locale").is_none(), "no default is documented for locale");
    }
}
