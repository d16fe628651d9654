//! User identity resources: the people who use the locations (guests, tenants, staff, …). All
//! share a name and contact details beside their own key.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// One entry of `customer_data.guests`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Guest {
    /// Your unique identifier for the guest.
    ///
    /// At least 1 character.
    pub guest_key: String,

    /// Who they are and how to reach them.
    #[serde(flatten)]
    pub contact: Contact,
}

/// One entry of `customer_data.tenants`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Tenant {
    /// Your unique identifier for the tenant.
    ///
    /// At least 1 character.
    pub tenant_key: String,

    /// Who they are and how to reach them.
    #[serde(flatten)]
    pub contact: Contact,
}

/// One entry of `customer_data.residents`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Resident {
    /// Your unique identifier for the resident.
    ///
    /// At least 1 character.
    pub resident_key: String,

    /// Who they are and how to reach them.
    #[serde(flatten)]
    pub contact: Contact,
}

/// One entry of `customer_data.users`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct User {
    /// Your unique identifier for the user.
    ///
    /// At least 1 character.
    pub user_key: String,

    /// Who they are and how to reach them.
    #[serde(flatten)]
    pub contact: Contact,
}

/// One entry of `customer_data.user_identities`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct UserIdentity {
    /// Your unique identifier for the user identity.
    ///
    /// At least 1 character.
    pub user_identity_key: String,

    /// Who they are and how to reach them.
    #[serde(flatten)]
    pub contact: Contact,
}

/// One entry of `customer_data.staff_members`. Represents a staff member for a specific customer.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StaffMember {
    /// Your unique identifier for the staff.
    pub staff_member_key: String,

    /// List of unique identifiers for the buildings the staff member is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub building_keys: Option<Vec<String>>,

    /// List of unique identifiers for the common areas the staff member is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub common_area_keys: Option<Vec<String>>,

    /// List of unique identifiers for the facilities the staff member is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub facility_keys: Option<Vec<String>>,

    /// List of unique identifiers for the listings the staff member is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub listing_keys: Option<Vec<String>>,

    /// List of unique identifiers for the properties the staff member is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub property_keys: Option<Vec<String>>,

    /// List of unique identifiers for the property listings the staff member is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub property_listing_keys: Option<Vec<String>>,

    /// List of unique identifiers for the rooms the staff member is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub room_keys: Option<Vec<String>>,

    /// List of unique identifiers for the sites the staff member is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub site_keys: Option<Vec<String>>,

    /// List of unique identifiers for the spaces the staff member is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub space_keys: Option<Vec<String>>,

    /// List of unique identifiers for the units the staff member is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub unit_keys: Option<Vec<String>>,

    /// Who they are and how to reach them.
    #[serde(flatten)]
    pub contact: Contact,
}

/// A person's display name and contact details.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Contact {
    /// Your display name for this user identity resource.
    pub name: String,

    /// Email address associated with the user identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub email_address: Option<String>,

    /// Phone number associated with the user identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub phone_number: Option<String>,
}
