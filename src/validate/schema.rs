//! The request schema as data: every object the spec defines, its fields, which are required,
//! and the rule each value follows (the spec's constraints plus the stricter ones Seam's server
//! applies). `tests/spec_conformance.rs` checks these tables against the OpenAPI file, so they
//! cannot drift from it.

/// A rule for one value.
#[derive(Debug)]
pub enum Ty {
    /// `true` or `false`.
    Bool,
    /// A string with constraints.
    Str(Str),
    /// An array of strings.
    StrList,
    /// A finite number.
    Number,
    /// An integer greater than zero.
    PositiveInt,
    /// One of a fixed set of strings.
    Enum(&'static [&'static str]),
    /// `null`, or a value following the inner rule.
    Nullable(&'static Ty),
    /// An object of a known shape.
    Object(&'static Shape),
    /// An array of objects of a known shape.
    List(&'static Shape),
    /// A string or a boolean (a filter's `value`).
    StrOrBool,
    /// A `custom_metadata` record.
    CustomMetadata,
    /// `landing_page.manage`: an object naming exactly one landing resource.
    LandingPageManage,
}

/// Constraints on a string.
#[derive(Debug)]
pub struct Str {
    /// The spec's `minLength` (0 or 1 here).
    pub min_chars: usize,
    /// Whether Seam's server refuses leading or trailing whitespace (its keys are trimmed-checked).
    pub trimmed: bool,
    /// A format or pattern the string must match.
    pub format: Format,
}

/// Formats and patterns a string can be held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Any string.
    Any,
    /// `format: uuid`.
    Uuid,
    /// `format: date-time`.
    DateTime,
    /// `^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$`.
    TimeOfDay,
    /// `^[a-zA-Z_]\w*$`.
    Identifier,
}

/// An object's fields.
#[derive(Debug)]
pub struct Shape {
    /// What the object is, for messages ("a space").
    pub what: &'static str,
    /// Its known fields, in the order they are documented.
    pub fields: &'static [Field],
    /// One bit per required field, by index: the walk compares it with the fields it saw
    /// rather than looking through every field of every object (3% of validating in V8).
    pub required: u32,
}

impl Shape {
    /// A shape of at most 32 fields (the walk keeps one bit per field), whose names are short
    /// enough for "did you mean" hints ([`super::text::edit_distance_within`]).
    const fn new(what: &'static str, fields: &'static [Field]) -> Shape {
        assert!(fields.len() <= 32, "a shape has at most 32 fields");
        let mut required = 0;
        let mut i = 0;
        while i < fields.len() {
            assert!(fields[i].name.len() <= super::text::NAME_LIMIT, "a field's name is too long for hints");
            if fields[i].required {
                required |= 1 << i;
            }
            i += 1;
        }
        Shape { what, fields, required }
    }
}

/// One field of an object.
#[derive(Debug)]
pub struct Field {
    /// The key, exactly as the API spells it.
    pub name: &'static str,
    /// The rule its value follows.
    pub ty: Ty,
    /// Whether the key must be present.
    pub required: bool,
}

const fn req(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, required: true }
}
const fn opt(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, required: false }
}

/// Any string.
const TEXT: Ty = Ty::Str(Str { min_chars: 0, trimmed: false, format: Format::Any });
/// A resource's own key, `customer_key` and `parent_site_key`: non-empty, and Seam's server
/// refuses leading or trailing whitespace.
const KEY: Ty = Ty::Str(Str { min_chars: 1, trimmed: true, format: Format::Any });
const DATE_TIME: Ty = Ty::Str(Str { min_chars: 0, trimmed: false, format: Format::DateTime });
const UUID: Ty = Ty::Str(Str { min_chars: 0, trimmed: false, format: Format::Uuid });
const IDENTIFIER: Ty = Ty::Str(Str { min_chars: 0, trimmed: false, format: Format::Identifier });
static NULLABLE_TEXT: Ty = TEXT;
static TIME_OF_DAY: Ty = Ty::Str(Str { min_chars: 0, trimmed: false, format: Format::TimeOfDay });

/// The locales the portal supports.
pub const LOCALES: &[&str] =
    &["en-US", "pt-PT", "fr-FR", "it-IT", "es-ES", "de-DE", "nl-NL", "el-GR", "pl-PL", "ru-RU"];

/// The request body.
pub static REQUEST: Shape = Shape::new("a create_portal request", &[
    opt("customer_data", Ty::Object(&CUSTOMER_DATA)),
    opt("_dev", Ty::Bool),
    opt("customer_resources_filters", Ty::List(&FILTER)),
    opt("customization_profile_id", UUID),
    opt("deep_link", Ty::Object(&DEEP_LINK)),
    opt("exclude_locale_picker", Ty::Bool),
    opt("features", Ty::Object(&FEATURES)),
    opt("is_embedded", Ty::Bool),
    opt("landing_page", Ty::Object(&LANDING_PAGE)),
    opt("locale", Ty::Enum(LOCALES)),
    opt("navigation_mode", Ty::Enum(&["full", "restricted"])),
]);

static FILTER: Shape = Shape::new("a customer resources filter", &[
    req("field", IDENTIFIER),
    req("operation", Ty::Enum(&["="])),
    req("value", Ty::StrOrBool),
]);

static DEEP_LINK: Shape = Shape::new("a deep link", &[
    req("resource_type", Ty::Enum(&["reservation", "space"])),
    req("resource_key", TEXT),
]);

static LANDING_PAGE: Shape =
    Shape::new("a landing page", &[opt("manage", Ty::LandingPageManage)]);

/// The keys `landing_page.manage` may name (exactly one of them), each with the
/// `customer_data` list it refers to.
pub const LANDING_PAGE_KEYS: &[(&str, &str)] = &[
    ("space_key", "spaces"),
    ("property_key", "properties"),
    ("room_key", "rooms"),
    ("common_area_key", "common_areas"),
    ("unit_key", "units"),
    ("facility_key", "facilities"),
    ("building_key", "buildings"),
    ("listing_key", "listings"),
    ("property_listing_key", "property_listings"),
    ("site_key", "sites"),
    ("reservation_key", "reservations"),
    ("booking_key", "bookings"),
    ("access_grant_key", "access_grants"),
];

static FEATURES: Shape = Shape::new("the features", &[
    opt("configure", Ty::Object(&CONFIGURE)),
    opt("connect", Ty::Object(&CONNECT)),
    opt("manage", Ty::Object(&MANAGE)),
    opt("manage_devices", Ty::Object(&EXCLUDE_ONLY)),
    opt("organize", Ty::Object(&EXCLUDE_ONLY)),
]);

static CONFIGURE: Shape = Shape::new("the configure feature", &[
    opt("allow_access_automation_rule_customization", Ty::Bool),
    opt("allow_climate_automation_rule_customization", Ty::Bool),
    opt("allow_instant_key_customization", Ty::Bool),
    opt("exclude", Ty::Bool),
]);

static CONNECT: Shape = Shape::new("the connect feature", &[
    opt("accepted_providers", Ty::StrList),
    opt("exclude", Ty::Bool),
    opt("excluded_providers", Ty::StrList),
]);

static MANAGE: Shape = Shape::new("the manage feature", &[
    opt("device_management_confirmation", Ty::Object(&CONFIRMATION)),
    opt("events", Ty::Object(&EVENTS)),
    opt("exclude", Ty::Bool),
    opt("exclude_reservation_management", Ty::Bool),
    opt("exclude_reservation_technical_details", Ty::Bool),
    opt("exclude_staff_management", Ty::Bool),
]);

static CONFIRMATION: Shape = Shape::new("the device management confirmation", &[
    opt("body", TEXT),
    opt("cancel_button_label", TEXT),
    opt("confirm_button_label", TEXT),
    opt("title", TEXT),
]);

static EVENTS: Shape = Shape::new("the events filter", &[opt("allowed_events", Ty::StrList), opt("default_events", Ty::StrList)]);

static EXCLUDE_ONLY: Shape = Shape::new("a feature", &[opt("exclude", Ty::Bool)]);

/// One `customer_data` resource list: its key, the field that identifies an entry, and the
/// entry's shape.
#[derive(Debug)]
pub struct ResourceList {
    /// The list's key in `customer_data`.
    pub list: &'static str,
    /// The field holding each entry's own key.
    pub key: &'static str,
    /// The shape of each entry.
    pub shape: &'static Shape,
}

/// The 19 resource lists of `customer_data`.
pub static RESOURCE_LISTS: [ResourceList; 19] = [
    ResourceList { list: "spaces", key: "space_key", shape: &SPACE },
    ResourceList { list: "sites", key: "site_key", shape: &SITE },
    ResourceList { list: "properties", key: "property_key", shape: &PROPERTY },
    ResourceList { list: "rooms", key: "room_key", shape: &ROOM },
    ResourceList { list: "common_areas", key: "common_area_key", shape: &COMMON_AREA },
    ResourceList { list: "units", key: "unit_key", shape: &UNIT },
    ResourceList { list: "facilities", key: "facility_key", shape: &FACILITY },
    ResourceList { list: "buildings", key: "building_key", shape: &BUILDING },
    ResourceList { list: "listings", key: "listing_key", shape: &LISTING },
    ResourceList { list: "property_listings", key: "property_listing_key", shape: &PROPERTY_LISTING },
    ResourceList { list: "guests", key: "guest_key", shape: &GUEST },
    ResourceList { list: "tenants", key: "tenant_key", shape: &TENANT },
    ResourceList { list: "residents", key: "resident_key", shape: &RESIDENT },
    ResourceList { list: "users", key: "user_key", shape: &USER },
    ResourceList { list: "user_identities", key: "user_identity_key", shape: &USER_IDENTITY },
    ResourceList { list: "staff_members", key: "staff_member_key", shape: &STAFF_MEMBER },
    ResourceList { list: "reservations", key: "reservation_key", shape: &RESERVATION },
    ResourceList { list: "bookings", key: "booking_key", shape: &BOOKING },
    ResourceList { list: "access_grants", key: "access_grant_key", shape: &ACCESS_GRANT },
];

/// The request's `customer_data`.
pub static CUSTOMER_DATA: Shape = Shape::new("the customer data", &[
    req("customer_key", KEY),
    opt("spaces", Ty::List(&SPACE)),
    opt("sites", Ty::List(&SITE)),
    opt("properties", Ty::List(&PROPERTY)),
    opt("rooms", Ty::List(&ROOM)),
    opt("common_areas", Ty::List(&COMMON_AREA)),
    opt("units", Ty::List(&UNIT)),
    opt("facilities", Ty::List(&FACILITY)),
    opt("buildings", Ty::List(&BUILDING)),
    opt("listings", Ty::List(&LISTING)),
    opt("property_listings", Ty::List(&PROPERTY_LISTING)),
    opt("guests", Ty::List(&GUEST)),
    opt("tenants", Ty::List(&TENANT)),
    opt("residents", Ty::List(&RESIDENT)),
    opt("users", Ty::List(&USER)),
    opt("user_identities", Ty::List(&USER_IDENTITY)),
    opt("staff_members", Ty::List(&STAFF_MEMBER)),
    opt("reservations", Ty::List(&RESERVATION)),
    opt("bookings", Ty::List(&BOOKING)),
    opt("access_grants", Ty::List(&ACCESS_GRANT)),
]);

// Location resources.
static SPACE: Shape = Shape::new("a space", &[
    req("name", TEXT),
    req("space_key", KEY),
    opt("customer_data", Ty::Object(&SPACE_CUSTOMER_DATA)),
    opt("duration_minutes", Ty::PositiveInt),
    opt("geolocation", Ty::Object(&GEOLOCATION)),
    opt("parent_site_key", KEY),
]);
static SPACE_CUSTOMER_DATA: Shape = Shape::new("a space's customer data", &[
    opt("address", Ty::Nullable(&NULLABLE_TEXT)),
    opt("default_checkin_time", Ty::Nullable(&TIME_OF_DAY)),
    opt("default_checkout_time", Ty::Nullable(&TIME_OF_DAY)),
    opt("time_zone", Ty::Nullable(&NULLABLE_TEXT)),
]);
static GEOLOCATION: Shape = Shape::new("a geolocation", &[req("latitude", Ty::Number), req("longitude", Ty::Number)]);
static SITE: Shape = Shape::new("a site", &[req("name", TEXT), req("site_key", KEY)]);
static PROPERTY: Shape =
    Shape::new("a property", &[req("name", TEXT), req("property_key", KEY)]);
static ROOM: Shape = Shape::new("a room", &[req("name", TEXT), req("room_key", KEY), opt("parent_site_key", KEY)]);
static COMMON_AREA: Shape = Shape::new("a common area", &[req("name", TEXT), req("common_area_key", KEY), opt("parent_site_key", KEY)]);
static UNIT: Shape = Shape::new("a unit", &[req("name", TEXT), req("unit_key", KEY), opt("parent_site_key", KEY)]);
static FACILITY: Shape =
    Shape::new("a facility", &[req("name", TEXT), req("facility_key", KEY)]);
static BUILDING: Shape =
    Shape::new("a building", &[req("name", TEXT), req("building_key", KEY)]);
static LISTING: Shape =
    Shape::new("a listing", &[req("name", TEXT), req("listing_key", KEY)]);
static PROPERTY_LISTING: Shape = Shape::new("a property listing", &[
    req("name", TEXT),
    req("property_listing_key", KEY),
    opt("custom_metadata", Ty::CustomMetadata),
]);

// User identity resources.
macro_rules! person {
    ($name:ident, $what:literal, $key:literal) => {
        static $name: Shape = Shape::new($what, &[
            req("name", TEXT),
            req($key, KEY),
            opt("email_address", TEXT),
            opt("phone_number", TEXT),
        ]);
    };
}
person!(GUEST, "a guest", "guest_key");
person!(TENANT, "a tenant", "tenant_key");
person!(RESIDENT, "a resident", "resident_key");
person!(USER, "a user", "user_key");
person!(USER_IDENTITY, "a user identity", "user_identity_key");

static STAFF_MEMBER: Shape = Shape::new("a staff member", &[
    req("name", TEXT),
    // Unlike the other keys, the spec and the server put no constraint on this one.
    req("staff_member_key", TEXT),
    opt("email_address", TEXT),
    opt("phone_number", TEXT),
    opt("building_keys", Ty::StrList),
    opt("common_area_keys", Ty::StrList),
    opt("facility_keys", Ty::StrList),
    opt("listing_keys", Ty::StrList),
    opt("property_keys", Ty::StrList),
    opt("property_listing_keys", Ty::StrList),
    opt("room_keys", Ty::StrList),
    opt("site_keys", Ty::StrList),
    opt("space_keys", Ty::StrList),
    opt("unit_keys", Ty::StrList),
]);

// Access grant resources: the same fields around a different key; reservations also carry
// custom metadata.
macro_rules! access_grant {
    ($name:ident, $what:literal, $key:literal $(, $extra:expr)?) => {
        static $name: Shape = Shape::new($what, &[
            req($key, KEY),
            opt("name", TEXT),
            opt("starts_at", DATE_TIME),
            opt("ends_at", DATE_TIME),
            opt("preferred_code", TEXT),
            opt("guest_key", TEXT),
            opt("resident_key", TEXT),
            opt("tenant_key", TEXT),
            opt("user_identity_key", TEXT),
            opt("user_key", TEXT),
            opt("building_keys", Ty::StrList),
            opt("common_area_keys", Ty::StrList),
            opt("facility_keys", Ty::StrList),
            opt("listing_keys", Ty::StrList),
            opt("property_keys", Ty::StrList),
            opt("room_keys", Ty::StrList),
            opt("space_keys", Ty::StrList),
            opt("unit_keys", Ty::StrList),
            $($extra,)?
        ]);
    };
}
access_grant!(RESERVATION, "a reservation", "reservation_key", opt("custom_metadata", Ty::CustomMetadata));
access_grant!(BOOKING, "a booking", "booking_key");
access_grant!(ACCESS_GRANT, "an access grant", "access_grant_key");

/// Seam's server limits on `custom_metadata` (the spec only caps string values at 500).
pub mod custom_metadata {
    /// At most this many keys.
    pub const MAX_KEYS: usize = 50;
    /// Keys of at most this many UTF-16 code units.
    pub const MAX_KEY_UTF16: usize = 40;
    /// String values of at most this many characters (the spec, in code points) and UTF-16
    /// code units (the server).
    pub const MAX_VALUE: usize = 500;
}
