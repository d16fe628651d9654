//! `customer_data`: the customer key and its 19 resource lists.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::*;

/// The customer and the resources the portal shows: who the customer is, their locations,
/// the people who use them and the access granted to those people.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CustomerData {
    /// Your unique identifier for the customer.
    ///
    /// At least 1 character.
    pub customer_key: String,

    /// List of access grants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub access_grants: Option<Vec<AccessGrant>>,

    /// List of bookings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub bookings: Option<Vec<Booking>>,

    /// List of buildings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub buildings: Option<Vec<Building>>,

    /// List of shared common areas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub common_areas: Option<Vec<CommonArea>>,

    /// List of gym or fitness facilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub facilities: Option<Vec<Facility>>,

    /// List of guests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub guests: Option<Vec<Guest>>,

    /// List of property listings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub listings: Option<Vec<Listing>>,

    /// List of short-term rental properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub properties: Option<Vec<Property>>,

    /// List of property listings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub property_listings: Option<Vec<PropertyListing>>,

    /// List of reservations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub reservations: Option<Vec<Reservation>>,

    /// List of residents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub residents: Option<Vec<Resident>>,

    /// List of hotel or hospitality rooms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rooms: Option<Vec<Room>>,

    /// List of general sites or areas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub sites: Option<Vec<Site>>,

    /// List of general spaces or areas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub spaces: Option<Vec<Space>>,

    /// List of staff members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub staff_members: Option<Vec<StaffMember>>,

    /// List of tenants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub tenants: Option<Vec<Tenant>>,

    /// List of multi-family residential units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub units: Option<Vec<Unit>>,

    /// List of user identities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub user_identities: Option<Vec<UserIdentity>>,

    /// List of users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub users: Option<Vec<User>>,
}