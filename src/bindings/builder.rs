//! `PortalRequestBuilder`: builds a create_portal request step by step, typed for TypeScript,
//! validated as a whole by `build()`.
//!
//! The builder keeps the request as a JS object, exactly as it will be sent. Setters store what
//! they are given (no value is checked until `build`, so every problem is reported at once,
//! with its path). Resources are copied when added, so later changes to the caller's objects
//! do not leak in; a value that is not an object as JSON sends it (an array, a Map, a Date…) is
//! kept as given instead, since a copy would lose what `build` should report. The mutators
//! return `undefined` from Rust; the package's loader makes them return the builder (`this`),
//! since Rust cannot hand back the JS object that wraps it.

use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{result, validation_error};
use crate::validate::Kind;

#[wasm_bindgen]
extern "C" {
    // Runs getters of the source object, which may throw.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = assign)]
    fn object_assign(target: &Object, source: &JsValue) -> Result<Object, JsValue>;
    /// A `Date` read through methods a subclass may override to throw: caught here, unlike
    /// js-sys's bindings.
    type CheckedDate;
    #[wasm_bindgen(catch, method, js_name = getTime)]
    fn time(this: &CheckedDate) -> Result<f64, JsValue>;
    #[wasm_bindgen(catch, method, js_name = toISOString)]
    fn iso_string(this: &CheckedDate) -> Result<JsValue, JsValue>;
}

/// Builds a create_portal request: one chainable method for every top-level option and an
/// `add…` method for every kind of resource. `build()` returns the validated request or throws
/// a `PortalValidationError` listing every problem.
///
/// ```js
/// const request = new PortalRequestBuilder("customer_123")
///   .locale("fr-FR")
///   .addSpace({ space_key: "unit_1", name: "Unit 1" })
///   .addReservation({ reservation_key: "r1", space_keys: ["unit_1"], starts_at: new Date() })
///   .build();
/// ```
#[wasm_bindgen]
pub struct PortalRequestBuilder {
    body: Object,
    customer_data: Object,
}

fn set(target: &Object, key: &str, value: &JsValue) {
    // Setting a data property on a plain object we created cannot throw.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// What the mutators return to JS: `undefined`, which the package's loader replaces with the
/// builder itself, so calls chain.
type Chain = JsValue;
const CHAIN: Chain = JsValue::UNDEFINED;

/// A flag setter's argument: `true` when it is left out (or `null`); else the value as given,
/// so that `embedded("false")` is reported by `build()` rather than taken as `true`, as a
/// `bool` parameter would (wasm-bindgen converts by truthiness).
fn flag(value: Option<JsValue>) -> JsValue {
    value.unwrap_or(JsValue::TRUE)
}

#[wasm_bindgen]
impl PortalRequestBuilder {
    /// Starts a request for the customer identified by `customerKey` (your own identifier).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(js_name = customerKey, unchecked_param_type = "string")] customer_key: JsValue) -> Self {
        let body = Object::new();
        let customer_data = Object::new();
        set(&customer_data, "customer_key", &customer_key);
        set(&body, "customer_data", &customer_data);
        PortalRequestBuilder { body, customer_data }
    }

    /// Sets `locale`, the language of the portal UI.
    #[wasm_bindgen(unchecked_return_type = "PortalRequestBuilder")]
    pub fn locale(&self, #[wasm_bindgen(unchecked_param_type = "Locale")] locale: JsValue) -> Chain {
        set(&self.body, "locale", &locale);
        CHAIN
    }

    /// Sets `navigation_mode`: `"restricted"` hides the portal's navigation, typically for
    /// embedded deep links.
    #[wasm_bindgen(js_name = navigationMode, unchecked_return_type = "PortalRequestBuilder")]
    pub fn navigation_mode(&self, #[wasm_bindgen(unchecked_param_type = "NavigationMode")] mode: JsValue) -> Chain {
        set(&self.body, "navigation_mode", &mode);
        CHAIN
    }

    /// Sets `is_embedded` (default argument `true`): the portal is shown inside your app.
    #[wasm_bindgen(unchecked_return_type = "PortalRequestBuilder")]
    pub fn embedded(&self, #[wasm_bindgen(unchecked_optional_param_type = "boolean | null")] embedded: Option<JsValue>) -> Chain {
        set(&self.body, "is_embedded", &flag(embedded));
        CHAIN
    }

    /// Sets `exclude_locale_picker` (default argument `true`): hide the portal's language picker.
    #[wasm_bindgen(js_name = excludeLocalePicker, unchecked_return_type = "PortalRequestBuilder")]
    pub fn exclude_locale_picker(&self, #[wasm_bindgen(unchecked_optional_param_type = "boolean | null")] exclude: Option<JsValue>) -> Chain {
        set(&self.body, "exclude_locale_picker", &flag(exclude));
        CHAIN
    }

    /// Sets `customization_profile_id`, the UUID of a customization profile.
    #[wasm_bindgen(js_name = customizationProfileId, unchecked_return_type = "PortalRequestBuilder")]
    pub fn customization_profile_id(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> Chain {
        set(&self.body, "customization_profile_id", &id);
        CHAIN
    }

    /// Sets `landing_page.manage`: the resource the portal opens on, e.g. `{ space_key: "unit_1" }`.
    #[wasm_bindgen(js_name = landingPage, unchecked_return_type = "PortalRequestBuilder")]
    pub fn landing_page(&self, #[wasm_bindgen(unchecked_param_type = "LandingPageManage")] manage: JsValue) -> Chain {
        let landing_page = Object::new();
        set(&landing_page, "manage", &manage);
        set(&self.body, "landing_page", &landing_page);
        CHAIN
    }

    /// Sets `deep_link`: the reservation or space the portal navigates to first.
    #[wasm_bindgen(js_name = deepLink, unchecked_return_type = "PortalRequestBuilder")]
    pub fn deep_link(&self, #[wasm_bindgen(unchecked_param_type = "DeepLink")] link: JsValue) -> Chain {
        set(&self.body, "deep_link", &link);
        CHAIN
    }

    /// Merges `features` into the request's features: each feature given replaces that feature's
    /// configuration, the others are kept.
    #[wasm_bindgen(unchecked_return_type = "PortalRequestBuilder")]
    pub fn features(&self, #[wasm_bindgen(unchecked_param_type = "Features")] features: JsValue) -> Chain {
        // What an earlier call stored is merged only when that was an object (what this method
        // makes of one); anything else it kept as given is replaced.
        let current = Reflect::get(&self.body, &JsValue::from_str("features")).ok().and_then(|current| copied(&current));
        let merged = current.unwrap_or_default();
        match reads_as_object(&features).then(|| object_assign(&merged, &features)) {
            Some(Ok(merged)) => set(&self.body, "features", &merged),
            // Not an object as JSON sends it (an array, a Map, a Date…), or a getter threw:
            // kept as given, so that build() reports it rather than a merge losing it.
            _ => set(&self.body, "features", &features),
        }
        CHAIN
    }

    /// Appends one filter to `customer_resources_filters`.
    #[wasm_bindgen(js_name = addCustomerResourcesFilter, unchecked_return_type = "PortalRequestBuilder")]
    pub fn add_customer_resources_filter(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerResourcesFilter")] filter: JsValue,
    ) -> Chain {
        push(&self.body, "customer_resources_filters", copy(&filter));
        CHAIN
    }

    /// Sets `_dev` (default argument `true`): developer mode, only for Seam employees.
    #[wasm_bindgen(unchecked_return_type = "PortalRequestBuilder")]
    pub fn dev(&self, #[wasm_bindgen(unchecked_optional_param_type = "boolean | null")] dev: Option<JsValue>) -> Chain {
        set(&self.body, "_dev", &flag(dev));
        CHAIN
    }

    /// Validates the request built so far, without throwing.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn validate(&self) -> JsValue {
        match super::validate_to_text(&self.body) {
            Ok((report, text)) => result(report, || self.copy_of(Some(text))),
            Err(report) => result(report, JsValue::undefined),
        }
    }

    /// Returns the validated request, a plain object ready to send.
    ///
    /// @throws {PortalValidationError} listing every problem when the request is invalid.
    #[wasm_bindgen(unchecked_return_type = "CreatePortalRequest")]
    pub fn build(&self) -> Result<JsValue, JsValue> {
        let (_, text) = super::validate_to_text(&self.body).map_err(validation_error)?;
        Ok(self.copy_of(Some(text)))
    }

    /// The request built so far (not validated), as a plain JSON-safe copy.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "CreatePortalRequest")]
    pub fn to_json(&self) -> JsValue {
        self.copy_of(None)
    }
}

impl PortalRequestBuilder {
    /// A plain copy of the body: parsed from its JSON text when validation already made it,
    /// else serialised now (and the body itself if that fails, e.g. on a BigInt).
    fn copy_of(&self, text: Option<js_sys::JsString>) -> JsValue {
        let text = text.map(Ok).unwrap_or_else(|| js_sys::JSON::stringify(&self.body));
        text.and_then(|text| super::js_text::parse_json(&text)).unwrap_or_else(|_| self.body.clone().into())
    }
}

/// Whether the validator reads `value` as an object: JSON sends it as its own enumerable keys,
/// which is what a copy by `Object.assign` keeps. An array, a Date or other object with
/// `toJSON`, a Map or Set, a boxed primitive are not (a copy would make them `{}` or index
/// keys, and what they hold would be lost or reported wrongly); neither is a primitive.
fn reads_as_object(value: &JsValue) -> bool {
    value.is_object() && super::kind_of(value) == Some(Kind::Object)
}

/// A shallow copy of `value` when the validator reads it as an object; `None` for anything
/// else, or when reading it threw (a getter, a proxy's trap).
fn copied(value: &JsValue) -> Option<Object> {
    if !reads_as_object(value) {
        return None;
    }
    object_assign(&Object::new(), value).ok()
}

/// A shallow copy of a resource, so that changes the caller makes afterwards are not sent; the
/// value as given when it cannot be copied as an object, so that build() reports what it is.
fn copy(value: &JsValue) -> JsValue {
    copied(value).map_or_else(|| value.clone(), JsValue::from)
}

/// A resource with `starts_at` and `ends_at` given as `Date`s turned into UTC strings with `Z`,
/// in its copy (a value that cannot be copied is kept as given, Dates and all: the caller's
/// own object is never changed).
fn with_dates(value: &JsValue) -> JsValue {
    let Some(object) = copied(value) else {
        return value.clone();
    };
    for field in ["starts_at", "ends_at"] {
        let key = JsValue::from_str(field);
        if let Some(date) = Reflect::get(&object, &key).ok().and_then(|v| v.dyn_into::<Date>().ok()) {
            // An invalid Date has no ISO form (toISOString throws): send what String() shows,
            // which validation then reports with its path. A Date whose methods throw stays a
            // Date, which validation reports too.
            let date: &CheckedDate = date.unchecked_ref();
            let text = match date.time() {
                Ok(time) if time.is_nan() => Ok(JsValue::from_str("Invalid Date")),
                Ok(_) => date.iso_string(),
                Err(e) => Err(e),
            };
            if let Ok(text) = text {
                let _ = Reflect::set(&object, &key, &text);
            }
        }
    }
    object.into()
}

fn push(target: &Object, list: &str, value: JsValue) {
    let key = JsValue::from_str(list);
    let existing = Reflect::get(target, &key).ok().and_then(|v| v.dyn_into::<Array>().ok());
    let array = existing.unwrap_or_else(|| {
        let array = Array::new();
        set(target, list, &array);
        array
    });
    array.push(&value);
}

/// One `add…` method per resource list. A macro rather than 19 hand-written copies: each
/// method differs only in its names, documentation and whether it converts dates.
macro_rules! adders {
    ($($js:ident $rust:ident($ty:literal) => $list:literal, $convert:ident, $doc:literal;)*) => {$(
        #[wasm_bindgen]
        impl PortalRequestBuilder {
            #[doc = $doc]
            #[wasm_bindgen(js_name = $js, unchecked_return_type = "PortalRequestBuilder")]
            pub fn $rust(&self, #[wasm_bindgen(unchecked_param_type = $ty)] resource: JsValue) -> Chain {
                push(&self.customer_data, $list, $convert(&resource));
                CHAIN
            }
        }
    )*};
}

adders! {
    addSpace add_space("Space") => "spaces", copy, "Adds a space to `customer_data.spaces`.";
    addSite add_site("Site") => "sites", copy, "Adds a site to `customer_data.sites`.";
    addProperty add_property("Property") => "properties", copy, "Adds a short-term rental property to `customer_data.properties`.";
    addRoom add_room("Room") => "rooms", copy, "Adds a hotel room to `customer_data.rooms`.";
    addCommonArea add_common_area("CommonArea") => "common_areas", copy, "Adds a common area to `customer_data.common_areas`.";
    addUnit add_unit("Unit") => "units", copy, "Adds a residential unit to `customer_data.units`.";
    addFacility add_facility("Facility") => "facilities", copy, "Adds a facility to `customer_data.facilities`.";
    addBuilding add_building("Building") => "buildings", copy, "Adds a building to `customer_data.buildings`.";
    addListing add_listing("Listing") => "listings", copy, "Adds a listing to `customer_data.listings`.";
    addPropertyListing add_property_listing("PropertyListing") => "property_listings", copy, "Adds a property listing to `customer_data.property_listings`.";
    addGuest add_guest("Guest") => "guests", copy, "Adds a guest to `customer_data.guests`.";
    addTenant add_tenant("Tenant") => "tenants", copy, "Adds a tenant to `customer_data.tenants`.";
    addResident add_resident("Resident") => "residents", copy, "Adds a resident to `customer_data.residents`.";
    addUser add_user("User") => "users", copy, "Adds a user to `customer_data.users`.";
    addUserIdentity add_user_identity("UserIdentity") => "user_identities", copy, "Adds a user identity to `customer_data.user_identities`.";
    addStaffMember add_staff_member("StaffMember") => "staff_members", copy, "Adds a staff member to `customer_data.staff_members`.";
    addReservation add_reservation("WithDates<Reservation>") => "reservations", with_dates, "Adds a reservation to `customer_data.reservations`; `starts_at` and `ends_at` may be `Date`s (sent as UTC, ending in `Z`).";
    addBooking add_booking("WithDates<Booking>") => "bookings", with_dates, "Adds a booking to `customer_data.bookings`; `starts_at` and `ends_at` may be `Date`s (sent as UTC, ending in `Z`).";
    addAccessGrant add_access_grant("WithDates<AccessGrant>") => "access_grants", with_dates, "Adds an access grant to `customer_data.access_grants`; `starts_at` and `ends_at` may be `Date`s (sent as UTC, ending in `Z`).";
}

#[wasm_bindgen(typescript_custom_section)]
const WITH_DATES: &str = r#"
/** An access grant resource whose `starts_at` and `ends_at` may also be given as `Date`s. */
export type WithDates<T> = Omit<T, "starts_at" | "ends_at"> & { starts_at?: string | Date; ends_at?: string | Date };
"#;
