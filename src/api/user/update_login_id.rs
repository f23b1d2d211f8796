//! `POST /v1/mgmt/user/update/loginid`: `updateLoginId(loginIdOrUserId, newLoginId?)`.
//! An empty or absent `newLoginId` removes that login ID (not the user's last one).

use crate::api::Unwrap;
use crate::models::User;

json_endpoint! {
    /// Changes (or removes) one of a user's login IDs.
    pub struct UpdateLoginId => Post "/v1/mgmt/user/update/loginid", Unwrap::Key("user"), User {
        /// The login ID (or user ID) to change.
        login_id: String = id(0, "loginIdOrUserId"),
        /// The new login ID.
        #[serde(skip_serializing_if = "Option::is_none")]
        new_login_id: Option<String> = opt_string(1, "newLoginId"),
    }
}
