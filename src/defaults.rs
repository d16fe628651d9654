//! The spec's documented defaults, which Seam applies to fields a request leaves out.
//!
//! Requests are sent as the caller wrote them; these are only for showing what the portal will
//! do (`withDefaults` fills them into a copy of a request: a missing field gets its default, an
//! object present where the default is an object is filled in turn, and every present value is
//! kept as it is). `tests/spec_conformance.rs` checks
//! [`DOCUMENTED_DEFAULTS`] against the spec's `default` values.

/// A documented default: a value, or an object whose fields have defaults of their own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultValue {
    /// `true` or `false`.
    Bool(bool),
    /// A string.
    Str(&'static str),
    /// An object: its fields' defaults.
    Object(&'static [(&'static str, DefaultValue)]),
}

use DefaultValue::{Bool, Object, Str};

/// The defaults the spec documents for `POST /customers/create_portal`, as the fields of the
/// request object.
pub const DOCUMENTED_DEFAULTS: &[(&str, DefaultValue)] = &[
    ("_dev", Bool(false)),
    ("exclude_locale_picker", Bool(false)),
    ("is_embedded", Bool(false)),
    ("navigation_mode", Str("full")),
    (
        "features",
        Object(&[
            (
                "configure",
                Object(&[
                    ("allow_access_automation_rule_customization", Bool(false)),
                    ("allow_climate_automation_rule_customization", Bool(false)),
                    ("allow_instant_key_customization", Bool(false)),
                    ("exclude", Bool(false)),
                ]),
            ),
            ("connect", Object(&[("exclude", Bool(false))])),
            (
                "manage",
                Object(&[
                    ("exclude", Bool(false)),
                    ("exclude_reservation_management", Bool(false)),
                    ("exclude_reservation_technical_details", Bool(false)),
                    ("exclude_staff_management", Bool(false)),
                ]),
            ),
            ("manage_devices", Object(&[("exclude", Bool(false))])),
            ("organize", Object(&[("exclude", Bool(false))])),
        ]),
    ),
];
