//! `POST /v1/mgmt/user/logout`: `logoutUser(loginIdOrUserId)` and
//! `logoutUserByUserId(userId)`.

use serde::Serialize;

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;

/// Signs a user out of every session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Logout {
    /// By login ID (or user ID).
    #[serde(rename = "loginId")]
    LoginId(String),
    /// By user ID.
    #[serde(rename = "userId")]
    UserId(String),
}

impl Logout {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self::LoginId(a.id(0, "loginIdOrUserId")?))
    }

    pub(crate) fn by_user_id_from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self::UserId(a.id(0, "userId")?))
    }
}

impl Endpoint for Logout {
    type Output = ();

    fn request(&self) -> Result<Request, Error> {
        match self {
            Self::LoginId(v) => require_id("loginIdOrUserId", v)?,
            Self::UserId(v) => require_id("userId", v)?,
        }
        Request::json(Method::Post, "/v1/mgmt/user/logout", self, Unwrap::Void)
    }
}
