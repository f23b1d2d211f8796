//! `POST /v1/mgmt/user/update/email`: `updateEmail(loginIdOrUserId, email, isVerified,
//! failOnConflict?)`. An empty email removes it.

use crate::api::Unwrap;
use crate::models::User;

json_endpoint! {
    /// Sets a user's email.
    pub struct UpdateEmail => Post "/v1/mgmt/user/update/email", Unwrap::Key("user"), User {
        /// Login ID or user ID.
        login_id: String = id(0, "loginIdOrUserId"),
        /// The email.
        email: String = string(1, "email"),
        /// Whether it is verified.
        #[serde(skip_serializing_if = "Option::is_none")]
        verified: Option<bool> = opt(2, "isVerified"),
        /// Fail when the email is another user's login ID.
        #[serde(skip_serializing_if = "Option::is_none")]
        fail_on_conflict: Option<bool> = opt(3, "failOnConflict"),
    }
}
