//! The `200 OK` response of `POST /customers/create_portal`.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// The response to `POST /customers/create_portal`.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CreatePortalResponse {
    /// The customer portal that was created. Show its `url` to the customer, usually in an iframe.
    pub customer_portal: CustomerPortal,
    /// The same link under its older name.
    pub magic_link: MagicLink,
    /// Whether the request succeeded.
    pub ok: bool,
}

/// Represents a Customer Portal. Customer Portal is a hosted, customizable interface for managing
/// device access. It enables you to embed secure, pre-authenticated access flows into your
/// product—either by sharing a link with users or embedding a view in an iframe.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CustomerPortal {
    /// URL for the customer portal. It carries a session token: treat it as a secret.
    pub url: String,
    /// Customer key for the customer portal.
    pub customer_key: String,
    /// Date and time at which the customer portal link expires.
    pub expires_at: String,
    /// ID of the workspace associated with the customer portal.
    pub workspace_id: String,
    /// Date and time at which the customer portal link was created.
    pub created_at: String,
}

/// Represents a Customer Portal magic link (the older name of [`CustomerPortal`]).
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MagicLink {
    /// URL for the magic link. It carries a session token: treat it as a secret.
    pub url: String,
    /// Customer key for the magic link.
    pub customer_key: String,
    /// Date and time at which the magic link expires.
    pub expires_at: String,
    /// ID of the workspace associated with the magic link.
    pub workspace_id: String,
    /// Date and time at which the magic link was created.
    pub created_at: String,
}
