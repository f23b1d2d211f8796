//! `GET /v1/mgmt/user/provider/token`: `getProviderToken(loginIdOrUserId, provider,
//! { withRefreshToken?, forceRefresh? })`. Both flags always travel as `"true"`/`"false"`.

use serde::Deserialize;

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::ProviderToken;

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TokenOptions {
    #[serde(default)]
    with_refresh_token: Option<bool>,
    #[serde(default)]
    force_refresh: Option<bool>,
}

/// Reads the token a user got from an OAuth provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetProviderToken {
    /// Login ID or user ID.
    pub login_id: String,
    /// Provider name, such as `google`.
    pub provider: String,
    /// Also return the refresh token.
    pub with_refresh_token: bool,
    /// Refresh the token at the provider first.
    pub force_refresh: bool,
}

impl GetProviderToken {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        let options: TokenOptions = a.options(2, "options")?;
        Ok(Self {
            login_id: a.id(0, "loginIdOrUserId")?,
            provider: a.id(1, "provider")?,
            with_refresh_token: options.with_refresh_token.unwrap_or(false),
            force_refresh: options.force_refresh.unwrap_or(false),
        })
    }
}

impl Endpoint for GetProviderToken {
    type Output = ProviderToken;

    fn request(&self) -> Result<Request, Error> {
        require_id("loginIdOrUserId", &self.login_id)?;
        require_id("provider", &self.provider)?;
        Ok(
            Request::bodiless(Method::Get, "/v1/mgmt/user/provider/token", Unwrap::Whole)
                .with_query("loginId", self.login_id.clone())
                .with_query("provider", self.provider.clone())
                .with_query("withRefreshToken", self.with_refresh_token.to_string())
                .with_query("forceRefresh", self.force_refresh.to_string()),
        )
    }
}
