//! The top level of the request: portal configuration, landing page, deep link, locale.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::{CustomerData, CustomerResourcesFilter, Features};

/// The body of `POST /customers/create_portal`: the portal's configuration and the customer
/// data it shows. Field names are exactly the API's, so a body copied from Seam's documentation
/// works unchanged. Absent fields stay absent when serialised; Seam applies its defaults.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct CreatePortalRequest {
    /// The customer and the resources (locations, people, access grants) the portal shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_data: Option<CustomerData>,

    /// Filter configuration for resources based on their custom_metadata. Each filter specifies a
    /// field, operation, and value to match against resource custom_metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_resources_filters: Option<Vec<CustomerResourcesFilter>>,

    /// The ID of the customization profile to use for the portal.
    ///
    /// A UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customization_profile_id: Option<String>,

    /// Deep link target resource for initial redirect. When set, the portal will navigate
    /// directly to the specified resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deep_link: Option<DeepLink>,

    /// Whether to exclude the option to select a locale within the portal UI.
    ///
    /// @default false
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub exclude_locale_picker: Option<bool>,

    /// Which portal features are shown, and how each behaves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub features: Option<Features>,

    /// Whether the portal is embedded in another application.
    ///
    /// @default false
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub is_embedded: Option<bool>,

    /// Configuration for the landing page when the portal loads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub landing_page: Option<LandingPage>,

    /// The locale to use for the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub locale: Option<Locale>,

    /// Navigation mode for the portal. 'restricted' tells frontend to hide navigation UI,
    /// typically used for embedded deep links.
    ///
    /// @default "full"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub navigation_mode: Option<NavigationMode>,

    /// Whether the portal is in developer mode. Only available for Seam employees.
    ///
    /// @default false
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "_dev")]
    #[tsify(optional)]
    pub dev: Option<bool>,
}

/// A locale the portal UI supports.
#[derive(Tsify, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    /// English (United States).
    #[serde(rename = "en-US")]
    EnUs,
    /// Portuguese (Portugal).
    #[serde(rename = "pt-PT")]
    PtPt,
    /// French (France).
    #[serde(rename = "fr-FR")]
    FrFr,
    /// Italian (Italy).
    #[serde(rename = "it-IT")]
    ItIt,
    /// Spanish (Spain).
    #[serde(rename = "es-ES")]
    EsEs,
    /// German (Germany).
    #[serde(rename = "de-DE")]
    DeDe,
    /// Dutch (Netherlands).
    #[serde(rename = "nl-NL")]
    NlNl,
    /// Greek (Greece).
    #[serde(rename = "el-GR")]
    ElGr,
    /// Polish (Poland).
    #[serde(rename = "pl-PL")]
    PlPl,
    /// Russian (Russia).
    #[serde(rename = "ru-RU")]
    RuRu,
}

/// How much navigation the portal shows.
#[derive(Tsify, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum NavigationMode {
    /// The full navigation UI.
    Full,
    /// Navigation UI hidden, typically for embedded deep links.
    Restricted,
}

/// Configuration for the landing page when the portal loads.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct LandingPage {
    /// The resource the manage view opens on: exactly one location or access-grant key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub manage: Option<LandingPageManage>,
}

/// The resource the manage view opens on: an object with exactly one of these keys.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(untagged)]
pub enum LandingPageManage {
    /// Open on a space.
    Space {
        /// The `space_key` of a space in `customer_data.spaces`.
        space_key: String,
    },
    /// Open on a property.
    Property {
        /// The `property_key` of a property in `customer_data.properties`.
        property_key: String,
    },
    /// Open on a room.
    Room {
        /// The `room_key` of a room in `customer_data.rooms`.
        room_key: String,
    },
    /// Open on a common area.
    CommonArea {
        /// The `common_area_key` of a common area in `customer_data.common_areas`.
        common_area_key: String,
    },
    /// Open on a unit.
    Unit {
        /// The `unit_key` of a unit in `customer_data.units`.
        unit_key: String,
    },
    /// Open on a facility.
    Facility {
        /// The `facility_key` of a facility in `customer_data.facilities`.
        facility_key: String,
    },
    /// Open on a building.
    Building {
        /// The `building_key` of a building in `customer_data.buildings`.
        building_key: String,
    },
    /// Open on a listing.
    Listing {
        /// The `listing_key` of a listing in `customer_data.listings`.
        listing_key: String,
    },
    /// Open on a property listing.
    PropertyListing {
        /// The `property_listing_key` of a property listing in `customer_data.property_listings`.
        property_listing_key: String,
    },
    /// Open on a site.
    Site {
        /// The `site_key` of a site in `customer_data.sites`.
        site_key: String,
    },
    /// Open on a reservation.
    Reservation {
        /// The `reservation_key` of a reservation in `customer_data.reservations`.
        reservation_key: String,
    },
    /// Open on a booking.
    Booking {
        /// The `booking_key` of a booking in `customer_data.bookings`.
        booking_key: String,
    },
    /// Open on an access grant.
    AccessGrant {
        /// The `access_grant_key` of an access grant in `customer_data.access_grants`.
        access_grant_key: String,
    },
}

/// Deep link target resource for initial redirect. When set, the portal will navigate directly
/// to the specified resource.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DeepLink {
    /// The kind of resource the link opens.
    pub resource_type: DeepLinkResourceType,
    /// The resource's key: a `reservation_key` or a `space_key` from `customer_data`.
    pub resource_key: String,
}

/// The kinds of resource a deep link can open.
#[derive(Tsify, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DeepLinkResourceType {
    /// A reservation, by `reservation_key`.
    Reservation,
    /// A space, by `space_key`.
    Space,
}
