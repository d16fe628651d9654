//! `customer_resources_filters`: show only the resources whose `custom_metadata` matches.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// One filter of `customer_resources_filters`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CustomerResourcesFilter {
    /// The custom_metadata field name to filter on.
    ///
    /// Pattern: `^[a-zA-Z_]\w*$`.
    pub field: String,

    /// The comparison operation. Currently only '=' is supported.
    pub operation: FilterOperation,

    /// The value to compare against.
    pub value: FilterValue,
}


/// The comparison a filter makes. Only equality is supported.
#[derive(Tsify, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterOperation {
    /// The resource's `custom_metadata[field]` equals `value`.
    #[serde(rename = "=")]
    Equals,
}

/// The value a filter compares against: a string or a boolean.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(untagged)]
pub enum FilterValue {
    /// A string value.
    Text(String),
    /// A boolean value.
    Flag(bool),
}
