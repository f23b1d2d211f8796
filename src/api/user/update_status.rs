//! `POST /v1/mgmt/user/update/status`: `activate(loginIdOrUserId)` and
//! `deactivate(loginIdOrUserId)`.

use serde::Serialize;

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::{User, UserStatus};

/// Enables or disables a user.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateStatus {
    /// Login ID or user ID.
    pub login_id: String,
    /// `enabled` or `disabled`.
    pub status: UserStatus,
}

impl UpdateStatus {
    pub(crate) fn from_args(a: &impl Args, status: UserStatus) -> Result<Self, Error> {
        Ok(Self {
            login_id: a.id(0, "loginIdOrUserId")?,
            status,
        })
    }
}

impl Endpoint for UpdateStatus {
    type Output = User;

    fn request(&self) -> Result<Request, Error> {
        require_id("loginIdOrUserId", &self.login_id)?;
        if !matches!(self.status, UserStatus::Enabled | UserStatus::Disabled) {
            return Err(Error::invalid_argument(
                "status",
                "must be enabled or disabled",
            ));
        }
        Request::json(
            Method::Post,
            "/v1/mgmt/user/update/status",
            self,
            Unwrap::Key("user"),
        )
    }
}
