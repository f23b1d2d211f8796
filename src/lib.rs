//! # descope-mgmt
//!
//! A typed client for Descope's Management API (user management), written in Rust and
//! compiled to WebAssembly for edge functions (Cloudflare Workers, Deno, Vercel Edge),
//! admin web pages and Node.
//!
//! The crate has a target-agnostic core — [`Config`], the [`models`], the request builders
//! in [`api`] and error decoding in [`error`] — that compiles and is tested natively, and a
//! thin wasm-only layer: the fetch transport and the JavaScript façade.
//!
//! ```
//! use descope_mgmt::api::{user::UpdatePicture, Endpoint, Method};
//!
//! let request = UpdatePicture::new("ann@example.com", "https://cdn.example.com/a.png").request()?;
//! assert_eq!(request.method, Method::Post);
//! assert_eq!(request.path, "/v1/mgmt/user/update/picture");
//! # Ok::<(), descope_mgmt::Error>(())
//! ```
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod api;
pub mod client;
pub mod config;
pub mod error;
pub mod models;
pub mod retry;
pub mod session;

#[cfg(target_arch = "wasm32")]
pub mod js;
#[cfg(target_arch = "wasm32")]
pub mod transport;

pub use client::{Call, Client, SearchPages, UserApi};
pub use config::{Config, ManagementKey};
pub use error::Error;
pub use models::{AttributeValue, User};
