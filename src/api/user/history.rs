//! `POST /v1/mgmt/user/history`: `history(userIds)`. The body and the answer are bare
//! JSON arrays.

use crate::api::{check, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::UserHistory;

/// Reads the login history of users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// User IDs.
    pub user_ids: Vec<String>,
}

impl History {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self {
            user_ids: a.ids(0, "userIds")?,
        })
    }
}

impl Endpoint for History {
    type Output = Vec<UserHistory>;

    fn request(&self) -> Result<Request, Error> {
        check::ids("userIds", &self.user_ids)?;
        Request::json(
            Method::Post,
            "/v1/mgmt/user/history",
            &self.user_ids,
            Unwrap::Whole,
        )
    }
}
