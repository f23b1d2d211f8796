//! `POST /v1/mgmt/user/delete`, `/delete/batch` and `DELETE /v1/mgmt/user/test/delete/all`:
//! `delete(loginIdOrUserId)`, `deleteByUserId(userId)`, `deleteBatch(userIds)` and
//! `deleteAllTestUsers()`.

use serde::Serialize;

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;

/// Deletes one user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Delete {
    /// By login ID (or user ID).
    #[serde(rename = "loginId")]
    LoginId(String),
    /// By user ID.
    #[serde(rename = "userId")]
    UserId(String),
}

impl Delete {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self::LoginId(a.id(0, "loginIdOrUserId")?))
    }

    pub(crate) fn by_user_id_from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self::UserId(a.id(0, "userId")?))
    }
}

impl Endpoint for Delete {
    type Output = ();

    fn request(&self) -> Result<Request, Error> {
        match self {
            Self::LoginId(v) => require_id("loginIdOrUserId", v)?,
            Self::UserId(v) => require_id("userId", v)?,
        }
        // An externally tagged enum of one string serializes as `{"loginId": "…"}`.
        Request::json(Method::Post, "/v1/mgmt/user/delete", self, Unwrap::Void)
    }
}

json_endpoint! {
    /// Deletes several users by user ID.
    pub struct DeleteBatch => Post "/v1/mgmt/user/delete/batch", Unwrap::Void, () {
        /// User IDs (not login IDs).
        user_ids: Vec<String> = ids(0, "userIds"),
    }
}

/// Deletes every test user of the project.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeleteAllTestUsers;

impl Endpoint for DeleteAllTestUsers {
    type Output = ();

    fn request(&self) -> Result<Request, Error> {
        Ok(Request::bodiless(
            Method::Delete,
            "/v1/mgmt/user/test/delete/all",
            Unwrap::Void,
        ))
    }
}
