//! Access grant resources: reservations, bookings and access grants, which tie people to places
//! for a time. The three share every field but their own key (and reservations' custom metadata).

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::CustomMetadata;

/// One entry of `customer_data.reservations`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Reservation {
    /// Your unique identifier for the reservation.
    ///
    /// At least 1 character.
    pub reservation_key: String,

    /// Set key:value pairs for filtering reservations by custom criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub custom_metadata: Option<CustomMetadata>,

    /// When, who and where.
    #[serde(flatten)]
    pub details: AccessGrantDetails,
}

/// One entry of `customer_data.bookings`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Booking {
    /// Your unique identifier for the booking.
    ///
    /// At least 1 character.
    pub booking_key: String,

    /// When, who and where.
    #[serde(flatten)]
    pub details: AccessGrantDetails,
}

/// One entry of `customer_data.access_grants`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AccessGrant {
    /// Your unique identifier for the access grant.
    ///
    /// At least 1 character.
    pub access_grant_key: String,

    /// When, who and where.
    #[serde(flatten)]
    pub details: AccessGrantDetails,
}

/// What reservations, bookings and access grants have in common: when, for whom, and where.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct AccessGrantDetails {
    /// Building keys associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub building_keys: Option<Vec<String>>,

    /// Common area keys associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub common_area_keys: Option<Vec<String>>,

    /// Ending date and time for the access grant.
    ///
    /// An RFC 3339 date-time in UTC, e.g. `2025-06-01T15:00:00Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub ends_at: Option<String>,

    /// Facility keys associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub facility_keys: Option<Vec<String>>,

    /// Guest key associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub guest_key: Option<String>,

    /// Listing keys associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub listing_keys: Option<Vec<String>>,

    /// Your name for this access grant resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub name: Option<String>,

    /// Preferred PIN code to use when creating access for this reservation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub preferred_code: Option<String>,

    /// Property keys associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub property_keys: Option<Vec<String>>,

    /// Resident key associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub resident_key: Option<String>,

    /// Room keys associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub room_keys: Option<Vec<String>>,

    /// Space keys associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub space_keys: Option<Vec<String>>,

    /// Starting date and time for the access grant.
    ///
    /// An RFC 3339 date-time in UTC, e.g. `2025-06-01T15:00:00Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub starts_at: Option<String>,

    /// Tenant key associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub tenant_key: Option<String>,

    /// Unit keys associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub unit_keys: Option<Vec<String>>,

    /// User identity key associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub user_identity_key: Option<String>,

    /// User key associated with the access grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub user_key: Option<String>,
}
