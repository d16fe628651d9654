//! The parts of `submit` that need no JavaScript: which headers a credential gives, when to
//! retry and how long to wait, what a well-formed response is, and how Seam's nested
//! `validation_errors` become flat `{ path, messages }` entries. The fetch itself lives in
//! `bindings::submit`.

pub mod auth;
pub mod response;
pub mod retry;

/// The SDK name sent in `seam-sdk-name`, as Seam's official clients send theirs.
pub const SDK_NAME: &str = "seam-portal";
/// The SDK version sent in `seam-sdk-version`.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Where requests go when no endpoint is given.
pub const DEFAULT_ENDPOINT: &str = "https://connect.getseam.com";
/// The route.
pub const PATH: &str = "/customers/create_portal";
