//! The request and response model of `POST /customers/create_portal`, one file per area.
//!
//! These types are the single definition of the API's shapes: the TypeScript declarations in
//! the npm package are generated from them by tsify, doc comments included. Field names are
//! exactly the API's (snake_case). Optional fields are skipped when absent, so serialising sends
//! what the caller gave and invents no defaults (see [`crate::defaults`] for those).

mod access;
mod customer_data;
mod features;
mod filters;
mod location;
mod people;
mod portal;
mod response;

pub use access::*;
pub use customer_data::*;
pub use features::*;
pub use filters::*;
pub use location::*;
pub use people::*;
pub use portal::*;
pub use response::*;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tsify::Tsify;

/// Set of up to 50 key:value pairs, with key names up to 40 characters long. Values are strings
/// (up to 500 characters), booleans or `null`.
///
/// (tsify would render the map as a JS `Map`; on the wire and in TypeScript it is a record, and
/// `null` values are meaningful, hence the type override.)
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[tsify(type = "Record<string, MetadataValue | null>")]
#[serde(transparent)]
pub struct CustomMetadata(pub BTreeMap<String, Option<MetadataValue>>);

/// One `custom_metadata` value: a string or a boolean.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(untagged)]
pub enum MetadataValue {
    /// A string of at most 500 characters.
    Text(String),
    /// A boolean.
    Flag(bool),
}

/// Serde helper for fields that are optional *and* nullable: absent stays absent (`None`),
/// an explicit `null` stays `null` (`Some(None)`).
pub(crate) mod nullable {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            // Unreachable in practice: `skip_serializing_if = "Option::is_none"` skips it.
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        // Called only when the key is present, so `null` becomes `Some(None)`.
        Option::<T>::deserialize(deserializer).map(Some)
    }
}
