//! `features`: which parts of the portal are shown and how they behave.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// Which portal features are shown, and how each behaves. Every feature is shown unless excluded.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Features {
    /// Configuration for the configure feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub configure: Option<ConfigureFeature>,

    /// Configuration for the connect accounts feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub connect: Option<ConnectFeature>,

    /// Configuration for the manage feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub manage: Option<ManageFeature>,

    /// Configuration for the manage devices feature.
    ///
    /// @deprecated Use `manage` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub manage_devices: Option<ManageDevicesFeature>,

    /// Configuration for the organize feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub organize: Option<OrganizeFeature>,
}

/// Configuration for the configure feature.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ConfigureFeature {
    /// Indicates whether the customer can customize the access automation rules for their
    /// properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub allow_access_automation_rule_customization: Option<bool>,

    /// Indicates whether the customer can customize the climate automation rules for their
    /// properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub allow_climate_automation_rule_customization: Option<bool>,

    /// Indicates whether the customer can customize the Instant Key profile for their properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub allow_instant_key_customization: Option<bool>,

    /// Whether to exclude this feature from the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub exclude: Option<bool>,
}

/// Configuration for the connect accounts feature.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ConnectFeature {
    /// List of provider keys to allow for the connect feature. These providers will be shown when
    /// the customer tries to connect an account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub accepted_providers: Option<Vec<String>>,

    /// Whether to exclude this feature from the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub exclude: Option<bool>,

    /// List of provider keys to exclude from the connect feature. These providers will not be shown
    /// when the customer tries to connect an account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub excluded_providers: Option<Vec<String>>,
}

/// Configuration for the manage feature.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ManageFeature {
    /// Custom copy for the confirmation modal shown before unmanaged devices are added to a space
    /// and begin being managed (and billed). Only takes effect when the
    /// MANAGE_DEVICES_CONFIRMATION_MODAL feature flag is enabled for the workspace. Any omitted
    /// string falls back to a localized default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub device_management_confirmation: Option<DeviceManagementConfirmation>,

    /// Configuration for event type filtering in the manage feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub events: Option<ManageEvents>,

    /// Whether to exclude this feature from the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub exclude: Option<bool>,

    /// Indicates whether the customer can manage reservations for their properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub exclude_reservation_management: Option<bool>,

    /// Indicates whether to exclude technical details from reservation views.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub exclude_reservation_technical_details: Option<bool>,

    /// Indicates whether the customer can manage staff for their properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub exclude_staff_management: Option<bool>,
}

/// Configuration for the manage devices feature.
///
/// Deprecated: use `manage` instead.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ManageDevicesFeature {
    /// Whether to exclude this feature from the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub exclude: Option<bool>,
}

/// Configuration for the organize feature.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct OrganizeFeature {
    /// Whether to exclude this feature from the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub exclude: Option<bool>,
}

/// Custom copy for the confirmation modal shown before unmanaged devices are added to a space and
/// begin being managed (and billed). Only takes effect when the MANAGE_DEVICES_CONFIRMATION_MODAL
/// feature flag is enabled for the workspace. Any omitted string falls back to a localized default.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DeviceManagementConfirmation {
    /// Custom body text for the confirmation modal. May include the {count} token, which is
    /// replaced with the number of devices that will begin being managed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub body: Option<String>,

    /// Custom label for the cancel button.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub cancel_button_label: Option<String>,

    /// Custom label for the confirm button.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub confirm_button_label: Option<String>,

    /// Custom title for the confirmation modal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub title: Option<String>,
}

/// Configuration for event type filtering in the manage feature.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ManageEvents {
    /// List of event types to show in the events filter. When set, only these event types will be
    /// available. Leave empty to show all events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub allowed_events: Option<Vec<String>>,

    /// List of event types that are pre-selected in the events filter when the user first loads the
    /// events tab.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub default_events: Option<Vec<String>>,
}

