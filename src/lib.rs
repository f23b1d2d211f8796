//! # descope-mgmt
//!
//! A typed client for Descope's Management API (user management), written in Rust and
//! compiled to WebAssembly for edge functions (Cloudflare Workers, Deno, Vercel Edge),
//! admin web pages and Node. JavaScript users take the npm package; Rust wasm apps
//! (workers-rs, Leptos, Yew, plain wasm-bindgen) use this crate directly.
//!
//! The crate has a target-agnostic core — [`Config`] (with the region rule), the
//! [`models`], the [catalogue](api::catalogue) of endpoints and the [engine](api::engine)
//! that walks it, the retry policy in [`retry`] and error decoding in [`error`] — that
//! compiles and is tested natively, and two transports behind one attempt loop (the
//! license handshake, retries within the deadline, the key redacted from errors): `fetch`
//! on wasm32, and natively reqwest (rustls, no OpenSSL) with the cargo feature `reqwest`,
//! in tokio. The JavaScript façade of the npm package is the feature `js`, off by default.
//!
//! Every call is a [`Call`]: the request, which you can inspect anywhere and await on
//! wasm32, or natively with the `reqwest` feature (the future is then `Send`).
//!
//! ## The catalogue: adding an endpoint
//!
//! An endpoint is declared once, as a [`Row`](api::engine::Row) in
//! `src/api/catalogue/<group>.rs` (a Rust `static` table, not a generator's input): node-sdk's
//! group and function name, the Rust name, method, path, the arguments in node-sdk's order
//! (type, required or optional, wire key, defaults), what the answer unwraps to and its type,
//! whether the call creates (it is then never re-sent where Descope may have done the
//! work), whether node-sdk deprecates it, and one doc line. Option objects are
//! [`Schema`](api::engine::Schema)s shared between rows. From the rows come:
//!
//! - the JavaScript methods: the package's one generic [engine](api::engine) walks the row
//!   over the caller's JavaScript values — checking each argument and naming a bad one by
//!   its path (`options.userTenants[1].tenantId`) — and builds the body for
//!   `JSON.stringify`, with no code per endpoint;
//! - the typed Rust methods of [`UserApi`] and the README's method table, written by
//!   `BLESS=1 cargo test --test generated` (the test fails when they are stale);
//! - the conformance checks: every row needs a captured node-sdk vector or a stated
//!   exemption (`tests/conformance.rs`), and `tests/differential` runs node-sdk 2.13.0 and
//!   the package side by side on every row.
//!
//! So adding an endpoint is: add its row (and any schema it needs), run the bless command,
//! and add its vector. The emulator is the exception on purpose: it parses requests from
//! the reference, so that a wrong row is caught instead of copied.
//!
//! ```
//! use descope_mgmt::{Client, Config};
//!
//! let client = Client::new(Config::new("P2aAc4T2V93bddihGEx2Ryhc8e5Z", "K2-host-supplied")?);
//! let call = client.user().update_picture("ann@example.com", "https://cdn.example.com/a.png");
//! let request = call.request()?; // what will be sent
//! assert_eq!(request.path, "/v1/mgmt/user/update/picture");
//! assert_eq!(client.config().base_url(), "https://api.descope.com");
//! # Ok::<(), descope_mgmt::Error>(())
//! ```
//!
//! ## Cloudflare Workers (workers-rs)
//!
//! The key is a Worker secret, read from `env`; the client is built once per isolate (it is
//! `Send + Sync`, so a `static OnceLock` holds it) and shared by every request. With the
//! cargo feature `worker`, `?` turns an [`Error`] into a `worker::Error`; a handler that
//! must be `Send` (workers-rs's axum integration) is marked `#[worker::send]`, since wasm32
//! futures are not:
//!
//! ```ignore
//! use std::sync::OnceLock;
//! use worker::*;
//! use descope_mgmt::{Client, Config};
//!
//! static CLIENT: OnceLock<Client> = OnceLock::new();
//!
//! #[event(fetch)]
//! async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
//!     let client = match CLIENT.get() {
//!         Some(c) => c,
//!         None => {
//!             let config = Config::new(env.var("DESCOPE_PROJECT_ID")?.to_string(),
//!                                      env.secret("DESCOPE_MANAGEMENT_KEY")?.to_string())?;
//!             CLIENT.get_or_init(|| Client::new(config))
//!         }
//!     };
//!     let login_id = req.url()?.query_pairs().find(|(k, _)| k == "loginId")
//!         .map(|(_, v)| v.into_owned()).unwrap_or_default();
//!     match client.user().load(login_id).await {
//!         Ok(user) => Response::from_json(&user),
//!         // A Descope 4xx stays a 4xx; no answer at all (status 0) is a 502.
//!         Err(e) if e.status() >= 400 => Response::error(e.to_string(), e.status()),
//!         Err(e) => Response::error(e.to_string(), 502),
//!     }
//! }
//! ```
//!
//! ## A backend (tokio, axum): the feature `reqwest`
//!
//! The client goes in the app's state; its calls are `Send` futures, awaited in handlers or
//! moved into `tokio::spawn` (`examples/axum`):
//!
//! ```ignore
//! #[derive(Clone)]
//! struct AppState { descope: descope_mgmt::Client }
//!
//! async fn load(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<User>, ApiError> {
//!     Ok(Json(state.descope.user().load(id).await?))
//! }
//! ```
//!
//! ## A browser app (Leptos, Yew, …) behind its own proxy
//!
//! A page never holds the management key: its host's proxy adds the bearer, so the client
//! is built without a key and with the proxy's URL. Its futures are local (Leptos:
//! `LocalResource`, `Action::new_local`).
//!
//! ```ignore
//! use descope_mgmt::{Client, Config};
//!
//! // In a Leptos action or a Yew callback (wasm_bindgen_futures::spawn_local):
//! let config = Config::build("P2…".into(), None, Some("https://admin.example.com".into()))?;
//! let client = Client::new(config);
//! let page = client.user().search(Default::default()).await?;
//! for user in page.users { /* render */ }
//! ```
//!
//! ## Timeouts, retries and errors
//!
//! Calls time out after 60 s and retry edge failures (503, 520–524, 530) up to three
//! attempts, as Descope's Go and Python SDKs do, except that a call that creates is never
//! re-sent after 520, 524 or a network error (Descope may have done the work); a
//! `Retry-After` is never cut short. [`Client::with_options`] changes both. Every failure
//! is an [`Error`], whose `Display` reads `Descope [E112102] User not found (HTTP 400)` and
//! whose [`Error::code`], [`Error::status`] and [`Error::retry_after`] let callers branch.
//! The management key never appears in any `Debug` or `Display` output.
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
mod text;

// The JavaScript façade of the npm package: feature `js`, off by default.
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod js;
#[cfg(target_arch = "wasm32")]
pub mod transport;
// The attempt loop both transports share; natively it has a user only with `reqwest`.
#[cfg_attr(
    all(not(target_arch = "wasm32"), not(feature = "reqwest")),
    allow(dead_code)
)]
mod exec;
#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
mod workers_rs;

pub use client::{Call, Client, SearchPages, UserApi};
pub use config::{Config, ManagementKey};
pub use error::Error;
pub use models::{AttributeValue, SearchRequest, User};
pub use retry::RetryPolicy;
pub use session::CallOptions;
