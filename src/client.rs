//! The Rust API: [`Client::user`] has one method per row of the user catalogue (generated
//! into `client/user.rs` from the rows), each returning a [`Call`] — the request, checked
//! when it is built or sent — that is awaited to send it (on wasm32 with `fetch`, natively
//! with the cargo feature `reqwest`, in tokio).
//!
//! ```
//! use descope_mgmt::{Client, Config};
//! let client = Client::new(Config::new("P2abc", "K2fake")?);
//! let call = client.user().update_picture("ann@example.com", "https://cdn.example.com/a.png");
//! assert_eq!(call.request()?.path, "/v1/mgmt/user/update/picture");
//! // On wasm32, or natively with the `reqwest` feature: `let user = call.await?;`
//! # Ok::<(), descope_mgmt::Error>(())
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::api::engine::Row;
use crate::api::pager::SearchPage;
use crate::api::pager::SearchPager;
use crate::api::value::Arg;
use crate::api::Request;
use crate::config::Config;
use crate::error::Error;
use crate::models::SearchRequest;
use crate::session::{CallOptions, Session};

mod access_key;
mod analytics;
mod audit;
mod authz;
mod descoper;
mod engine;
mod fga;
mod flow;
mod group;
mod inbound_application;
mod jwt;
mod jwt_template;
mod list;
mod management_key;
mod outbound_application;
mod password;
mod permission;
mod project;
mod role;
mod scope_claim_mapping;
mod sso;
mod sso_application;
mod tenant;
mod theme;
mod user;

pub use access_key::AccessKeyApi;
pub use analytics::AnalyticsApi;
pub use audit::AuditApi;
pub use authz::AuthzApi;
pub use descoper::DescoperApi;
pub use engine::EngineApi;
pub use fga::FgaApi;
pub use flow::FlowApi;
pub use group::GroupApi;
pub use inbound_application::InboundApplicationApi;
pub use jwt::JwtApi;
pub use jwt_template::JwtTemplateApi;
pub use list::ListApi;
pub use management_key::ManagementKeyApi;
pub use outbound_application::OutboundApplicationApi;
pub use password::PasswordApi;
pub use permission::PermissionApi;
pub use project::ProjectApi;
pub use role::RoleApi;
pub use scope_claim_mapping::ScopeClaimMappingApi;
pub use sso::SsoApi;
pub use sso_application::SsoApplicationApi;
pub use tenant::TenantApi;
pub use theme::ThemeApi;

/// A Descope management client: `Clone + Send + Sync`, cheap to clone (an `Arc` inside), so
/// it can live in a `static OnceLock`, an axum state or a Leptos context. Cloning it (or
/// [`Client::with_options`]) shares its configuration.
#[derive(Debug, Clone)]
pub struct Client {
    session: Arc<Session>,
    options: CallOptions,
}

impl Client {
    /// A client for `config`, with the default timeout (60 s) and retries.
    pub fn new(config: Config) -> Self {
        Self {
            session: Arc::new(Session::new(config, None)),
            options: CallOptions::default(),
        }
    }

    /// A client that sends `x-descope-license: <tier>` without asking the service.
    pub fn with_license_tier(config: Config, tier: impl Into<String>) -> Self {
        Self {
            session: Arc::new(Session::new(config, Some(tier.into()))),
            options: CallOptions::default(),
        }
    }

    /// A view of this client whose calls use `options`.
    pub fn with_options(&self, options: CallOptions) -> Result<Self, Error> {
        options.validate()?;
        Ok(Self {
            session: Arc::clone(&self.session),
            options,
        })
    }

    /// Its configuration.
    pub fn config(&self) -> &Config {
        self.session.config()
    }

    /// Its call options.
    pub fn options(&self) -> &CallOptions {
        &self.options
    }

    /// The user-management API.
    pub fn user(&self) -> UserApi<'_> {
        UserApi { client: self }
    }

    /// Sends a request and decodes the part of the answer its row names.
    #[cfg(target_arch = "wasm32")]
    pub async fn send<T: DeserializeOwned>(&self, request: &Request) -> Result<T, Error> {
        crate::transport::send(
            crate::transport::Ctx::new(&self.session),
            request,
            &self.options,
        )
        .await
    }

    /// Sends a request and decodes the part of the answer its row names: with the cargo
    /// feature `reqwest`, in a tokio runtime (without it, an error says the feature is
    /// needed). The future is `Send`.
    #[cfg(not(target_arch = "wasm32"))]
    pub async fn send<T: DeserializeOwned>(&self, request: &Request) -> Result<T, Error> {
        crate::native::send(&self.session, request, &self.options).await
    }
}

/// One argument of a typed call, as the engine reads it.
pub(crate) fn arg<T: Serialize + ?Sized>(value: &T) -> Result<Arg, Error> {
    serde_json::to_value(value)
        .map(Arg::Json)
        .map_err(|e| Error::invalid_argument("argument", format!("cannot be encoded: {e}")))
}

/// An optional argument: `None` is left out, as `undefined` is in JavaScript.
pub(crate) fn opt<T: Serialize>(value: &Option<T>) -> Result<Arg, Error> {
    match value {
        None => Ok(Arg::Undefined),
        Some(v) => arg(v),
    }
}

/// One call, ready to send: await it, or inspect its [`Request`]. Its arguments
/// are checked by the same engine as JavaScript calls, when the request is built. It holds
/// a clone of its client, so it can outlive the borrow it was made from.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<T> {
    client: Client,
    row: &'static Row,
    args: Result<Vec<Arg>, Error>,
    output: PhantomData<fn() -> T>,
}

// By hand: the arguments may hold a password, which Debug must not show.
impl<T> fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("function", &self.row.name)
            .field("path", &self.row.path)
            .finish_non_exhaustive()
    }
}

impl<T> Clone for Call<T> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            row: self.row,
            args: self.args.clone(),
            output: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Call<T> {
    /// Its catalogue row.
    pub fn row(&self) -> &'static Row {
        self.row
    }

    /// The request it will send (checked: an error names the bad argument).
    pub fn request(&self) -> Result<Request, Error> {
        let args = self.args.as_ref().map_err(Clone::clone)?;
        crate::api::engine::build(self.row, args)
    }

    /// Sends it (natively: with the `reqwest` feature, in tokio).
    pub async fn send(self) -> Result<T, Error> {
        let request = self.request()?;
        self.client.send(&request).await
    }
}

// On wasm32 everything is single-threaded and JavaScript values are not `Send`: the future
// is not either (workers-rs: `#[worker::send]`; Leptos: `LocalResource`, `Action::new_local`).
#[cfg(target_arch = "wasm32")]
impl<T: DeserializeOwned + 'static> std::future::IntoFuture for Call<T> {
    type Output = Result<T, Error>;
    type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

// Natively the future is `Send`: it can be spawned on tokio or awaited in an axum handler.
#[cfg(not(target_arch = "wasm32"))]
impl<T: DeserializeOwned + 'static> std::future::IntoFuture for Call<T> {
    type Output = Result<T, Error>;
    type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// `management.user`, in Rust: the same operations as `descope.user` in JavaScript, with
/// node-sdk's argument order (the methods are generated from the catalogue's rows).
#[derive(Debug, Clone, Copy)]
pub struct UserApi<'c> {
    client: &'c Client,
}

/// A call of `row` with `args` (the generated methods of every group make theirs here).
fn call<T>(client: &Client, row: &'static Row, args: Vec<Result<Arg, Error>>) -> Call<T> {
    Call {
        client: client.clone(),
        row,
        args: args.into_iter().collect(),
        output: PhantomData,
    }
}

impl<'c> UserApi<'c> {
    fn call<T>(&self, row: &'static Row, args: Vec<Result<Arg, Error>>) -> Call<T> {
        call(self.client, row, args)
    }

    /// Every page of a search, `page_size` users at a time, stopping at `total` or at a
    /// short page (no official SDK has it).
    pub fn search_pages(
        &self,
        request: SearchRequest,
        page_size: i64,
    ) -> Result<SearchPages, Error> {
        Ok(SearchPages {
            client: self.client.clone(),
            pager: SearchPager::new(request, page_size)?,
        })
    }
}

/// Every page of a search; see [`UserApi::search_pages`].
#[derive(Debug, Clone)]
pub struct SearchPages {
    client: Client,
    pager: SearchPager,
}

impl SearchPages {
    /// The search the next page needs, or `None` when the walk is over.
    pub fn next_search(&self) -> Option<Call<crate::models::SearchResponse>> {
        let request = self.pager.next_request()?;
        Some(self.client.user().search(request))
    }

    /// Fetches the next page; `None` when every page was seen.
    pub async fn next(&mut self) -> Option<Result<SearchPage, Error>> {
        let call = self.next_search()?;
        match call.await {
            Ok(answer) => {
                let page = self.pager.record(answer.users.len(), answer.total);
                Some(Ok(SearchPage {
                    users: answer.users,
                    total: answer.total,
                    page,
                }))
            }
            Err(e) => Some(Err(e)),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl SearchPages {
    /// Records the page just fetched (native callers send the search themselves).
    pub fn record(&mut self, users_on_page: usize, total: u64) -> i64 {
        self.pager.record(users_on_page, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shareable<T: Clone + Send + Sync + 'static>() {}

    #[test]
    fn a_client_and_its_calls_are_shareable_and_outlive_their_borrow() {
        shareable::<Client>();
        shareable::<Call<crate::models::User>>();
        fn owned_call(client: Client) -> Call<crate::models::User> {
            client.user().load("ann@example.com")
        }
        let call = owned_call(Client::new(Config::new("P2abc", "K2fake").unwrap()));
        assert_eq!(call.request().unwrap().path, "/v1/mgmt/user");
    }
}
