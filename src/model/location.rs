//! Location resources: the places a customer manages (spaces, sites, properties, rooms, units, …).

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::CustomMetadata;

/// One entry of `customer_data.spaces`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Space {
    /// Your display name for this location resource.
    pub name: String,

    /// Your unique identifier for the space.
    ///
    /// At least 1 character.
    pub space_key: String,

    /// Reservation/stay-related defaults for the space (time zone, default check-in/out times,
    /// address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_data: Option<SpaceCustomerData>,

    /// Default duration of this space in minutes, when the space represents a fixed-length bookable
    /// slot (e.g. an appointment type). Used to interpret reservations booked against this space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub duration_minutes: Option<u32>,

    /// Geographic coordinates (latitude and longitude) of the space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub geolocation: Option<Geolocation>,

    /// Your unique identifier for the site.
    ///
    /// At least 1 character.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub parent_site_key: Option<String>,
}

/// Reservation/stay-related defaults for the space (time zone, default check-in/out times,
/// address).
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SpaceCustomerData {
    /// Postal address for the space.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::nullable")]
    #[tsify(optional, type = "string | null")]
    pub address: Option<Option<String>>,

    /// Default check-in time for reservations at the space, as HH:mm or HH:mm:ss.
    ///
    /// Pattern: `^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$`.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::nullable")]
    #[tsify(optional, type = "string | null")]
    pub default_checkin_time: Option<Option<String>>,

    /// Default check-out time for reservations at the space, as HH:mm or HH:mm:ss.
    ///
    /// Pattern: `^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$`.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::nullable")]
    #[tsify(optional, type = "string | null")]
    pub default_checkout_time: Option<Option<String>>,

    /// IANA time zone for the space, e.g. America/Los_Angeles.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::nullable")]
    #[tsify(optional, type = "string | null")]
    pub time_zone: Option<Option<String>>,
}

/// Geographic coordinates (latitude and longitude) of the space.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Geolocation {
    /// Latitude of the space, in decimal degrees.
    pub latitude: f64,

    /// Longitude of the space, in decimal degrees.
    pub longitude: f64,
}

/// One entry of `customer_data.sites`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Site {
    /// Your display name for this location resource.
    pub name: String,

    /// Your unique identifier for the site.
    ///
    /// At least 1 character.
    pub site_key: String,
}

/// One entry of `customer_data.properties`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Property {
    /// Your display name for this location resource.
    pub name: String,

    /// Your unique identifier for the property.
    ///
    /// At least 1 character.
    pub property_key: String,
}

/// One entry of `customer_data.rooms`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Room {
    /// Your display name for this location resource.
    pub name: String,

    /// Your unique identifier for the room.
    ///
    /// At least 1 character.
    pub room_key: String,

    /// Your unique identifier for the site.
    ///
    /// At least 1 character.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub parent_site_key: Option<String>,
}

/// One entry of `customer_data.common_areas`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CommonArea {
    /// Your display name for this location resource.
    pub name: String,

    /// Your unique identifier for the common area.
    ///
    /// At least 1 character.
    pub common_area_key: String,

    /// Your unique identifier for the site.
    ///
    /// At least 1 character.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub parent_site_key: Option<String>,
}

/// One entry of `customer_data.units`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Unit {
    /// Your display name for this location resource.
    pub name: String,

    /// Your unique identifier for the unit.
    ///
    /// At least 1 character.
    pub unit_key: String,

    /// Your unique identifier for the site.
    ///
    /// At least 1 character.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub parent_site_key: Option<String>,
}

/// One entry of `customer_data.facilities`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Facility {
    /// Your display name for this location resource.
    pub name: String,

    /// Your unique identifier for the facility.
    ///
    /// At least 1 character.
    pub facility_key: String,
}

/// One entry of `customer_data.buildings`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Building {
    /// Your display name for this location resource.
    pub name: String,

    /// Your unique identifier for the building.
    ///
    /// At least 1 character.
    pub building_key: String,
}

/// One entry of `customer_data.listings`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Listing {
    /// Your display name for this location resource.
    pub name: String,

    /// Your unique identifier for the listing.
    ///
    /// At least 1 character.
    pub listing_key: String,
}

/// One entry of `customer_data.property_listings`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PropertyListing {
    /// Your display name for this location resource.
    pub name: String,

    /// Your unique identifier for the property listing.
    ///
    /// At least 1 character.
    pub property_listing_key: String,

    /// Set key:value pairs. Accepts string or Boolean values. Adding custom metadata to a property
    /// listing enables you to store custom information, like customer details or internal IDs from
    /// your application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub custom_metadata: Option<CustomMetadata>,
}
