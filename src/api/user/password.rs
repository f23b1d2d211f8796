//! `POST /v1/mgmt/user/password/set/temporary`, `/set/active`, `/set` (deprecated) and
//! `/expire`: `setTemporaryPassword`, `setActivePassword`, `setPassword(loginIdOrUserId,
//! password)` and `expirePassword(loginIdOrUserId)`.

use serde::Serialize;

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;

/// Which password call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordKind {
    /// Must be replaced at the next sign-in.
    Temporary,
    /// Usable as is.
    Active,
    /// The deprecated `setPassword` (behaves like temporary).
    Deprecated,
}

/// Sets a user's password.
#[derive(Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetPassword {
    /// Which call.
    #[serde(skip)]
    pub kind: PasswordKind,
    /// Login ID or user ID.
    pub login_id: String,
    /// The password.
    pub password: String,
}

// The password is a secret: never print it.
impl std::fmt::Debug for SetPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetPassword")
            .field("kind", &self.kind)
            .field("login_id", &self.login_id)
            .field("password", &"<redacted>")
            .finish()
    }
}

impl SetPassword {
    pub(crate) fn from_args(a: &impl Args, kind: PasswordKind) -> Result<Self, Error> {
        Ok(Self {
            kind,
            login_id: a.id(0, "loginIdOrUserId")?,
            password: a.id(1, "password")?,
        })
    }
}

impl Endpoint for SetPassword {
    type Output = ();

    fn request(&self) -> Result<Request, Error> {
        require_id("loginIdOrUserId", &self.login_id)?;
        require_id("password", &self.password)?;
        let path = match self.kind {
            PasswordKind::Temporary => "/v1/mgmt/user/password/set/temporary",
            PasswordKind::Active => "/v1/mgmt/user/password/set/active",
            PasswordKind::Deprecated => "/v1/mgmt/user/password/set",
        };
        Request::json(Method::Post, path, self, Unwrap::Void)
    }
}

json_endpoint! {
    /// Expires a user's password.
    pub struct ExpirePassword => Post "/v1/mgmt/user/password/expire", Unwrap::Void, () {
        /// Login ID or user ID.
        login_id: String = id(0, "loginIdOrUserId"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_password() {
        let p = SetPassword {
            kind: PasswordKind::Active,
            login_id: "a".into(),
            password: "hunter2-secret".into(),
        };
        assert!(!format!("{p:?}").contains("hunter2-secret"));
    }
}
