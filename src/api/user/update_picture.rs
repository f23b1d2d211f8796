//! `POST /v1/mgmt/user/update/picture`: `updatePicture(loginIdOrUserId, picture)`.

use crate::api::Unwrap;
use crate::models::User;

json_endpoint! {
    /// Sets a user's picture URL (empty removes it).
    pub struct UpdatePicture => Post "/v1/mgmt/user/update/picture", Unwrap::Key("user"), User {
        /// Login ID or user ID.
        login_id: String = id(0, "loginIdOrUserId"),
        /// Picture URL.
        picture: String = string(1, "picture"),
    }
}

impl UpdatePicture {
    /// A builder for `login_id_or_user_id`.
    pub fn new(login_id_or_user_id: impl Into<String>, picture: impl Into<String>) -> Self {
        Self {
            login_id: login_id_or_user_id.into(),
            picture: picture.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Endpoint, JsonArgs, Method};
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
        assert_eq!(
            UpdatePicture::new("", "x")
                .request()
                .unwrap_err()
                .argument(),
            Some("loginIdOrUserId")
        );
    }

    #[test]
    fn non_string_picture_is_named() {
        let args = [json!("lid"), json!(42)];
        let err = UpdatePicture::from_args(&JsonArgs(&args)).unwrap_err();
        assert_eq!(err.argument(), Some("picture"));
    }
}
