//! # seam-portal
//!
//! Create and embed Seam Customer Portals from JavaScript: the complete model of
//! `POST /customers/create_portal`, a validator that finds every problem in a request before it
//! is sent, and a typed request builder, compiled to WebAssembly and shipped as one npm package.
//!
//! The crate is layered so that everything but [`bindings`] is plain Rust, tested natively:
//! - [`model`]: the request and response types (TypeScript is generated from them by tsify);
//! - [`validate`]: the validator, reading documents through [`validate::Node`];
//! - [`defaults`]: the spec's documented defaults, for display;
//! - [`submit`]: credentials, retries and response checks of the create_portal call;
//! - [`bindings`] (Wasm only): the thin `#[wasm_bindgen]` surface.
#![warn(missing_docs)]

pub mod defaults;
pub mod model;
pub mod submit;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod bindings;
