//! `POST /v1/mgmt/user/update/phone`: `updatePhone(loginIdOrUserId, phone, isVerified,
//! failOnConflict?)`. An empty phone removes it.

use crate::api::Unwrap;
use crate::models::User;

json_endpoint! {
    /// Sets a user's phone.
    pub struct UpdatePhone => Post "/v1/mgmt/user/update/phone", Unwrap::Key("user"), User {
        /// Login ID or user ID.
        login_id: String = id(0, "loginIdOrUserId"),
        /// The phone number.
        phone: String = string(1, "phone"),
        /// Whether it is verified.
        #[serde(skip_serializing_if = "Option::is_none")]
        verified: Option<bool> = opt(2, "isVerified"),
        /// Fail when the phone is another user's login ID.
        #[serde(skip_serializing_if = "Option::is_none")]
        fail_on_conflict: Option<bool> = opt(3, "failOnConflict"),
    }
}
