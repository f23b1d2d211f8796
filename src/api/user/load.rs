//! `GET /v1/mgmt/user?loginId=…` / `?userId=…`: `load(loginIdOrUserId)` and
//! `loadByUserId(userId)`.

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::User;

/// Loads one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Load {
    /// By login ID (or user ID: the service accepts either here).
    LoginId(String),
    /// By user ID.
    UserId(String),
}

impl Load {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self::LoginId(a.id(0, "loginIdOrUserId")?))
    }

    pub(crate) fn by_user_id_from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self::UserId(a.id(0, "userId")?))
    }
}

impl Endpoint for Load {
    type Output = User;

    fn request(&self) -> Result<Request, Error> {
        let (key, name, value) = match self {
            Self::LoginId(v) => ("loginId", "loginIdOrUserId", v),
            Self::UserId(v) => ("userId", "userId", v),
        };
        require_id(name, value)?;
        Ok(
            Request::bodiless(Method::Get, "/v1/mgmt/user", Unwrap::Key("user"))
                .with_query(key, value.clone()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_carries_the_id_and_no_body() {
        let r = Load::UserId("U1".into()).request().unwrap();
        assert_eq!(r.query, vec![("userId", "U1".to_string())]);
        assert_eq!(r.body, None);
        assert_eq!(
            Load::LoginId(" ".into()).request().unwrap_err().argument(),
            Some("loginIdOrUserId")
        );
    }
}
