//! `POST /v1/mgmt/user/update/picture`: `updatePicture(loginIdOrUserId, picture)`.

use serde::Serialize;

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::User;

/// Sets a user's picture URL.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePicture {
    /// Login ID or user ID.
    pub login_id: String,
    /// Picture URL (empty removes it).
    pub picture: String,
}

impl UpdatePicture {
    /// A builder for `login_id_or_user_id`.
    pub fn new(login_id_or_user_id: impl Into<String>, picture: impl Into<String>) -> Self {
        Self {
            login_id: login_id_or_user_id.into(),
            picture: picture.into(),
        }
    }

    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self::new(
            a.id(0, "loginIdOrUserId")?,
            a.string(1, "picture")?,
        ))
    }
}

impl Endpoint for UpdatePicture {
    type Output = User;

    fn request(&self) -> Result<Request, Error> {
        require_id("loginIdOrUserId", &self.login_id)?;
        Request::json(
            Method::Post,
            "/v1/mgmt/user/update/picture",
            self,
            Unwrap::Key("user"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn golden_body() {
        let r = UpdatePicture::new("lid", "foo").request().unwrap();
        let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        assert_eq!(body, json!({"loginId": "lid", "picture": "foo"}));
        assert_eq!(
            (r.method, r.path),
            (Method::Post, "/v1/mgmt/user/update/picture")
        );
    }

    #[test]
    fn non_string_picture_is_named() {
        let args = [json!("lid"), json!(42)];
        let err = UpdatePicture::from_args(&crate::api::JsonArgs(&args)).unwrap_err();
        assert_eq!(err.argument(), Some("picture"));
    }
}
