//! `POST /v1/mgmt/user/update/recovery/email` and `/recovery/phone`:
//! `updateRecoveryEmail(loginIdOrUserId, email, isVerified?)` and
//! `updateRecoveryPhone(loginIdOrUserId, phone, isVerified?)`.

use crate::api::Unwrap;
use crate::models::User;

json_endpoint! {
    /// Sets a user's recovery email.
    pub struct UpdateRecoveryEmail => Post "/v1/mgmt/user/update/recovery/email", Unwrap::Key("user"), User {
        /// Login ID or user ID.
        login_id: String = id(0, "loginIdOrUserId"),
        /// The recovery email.
        recovery_email: String = string(1, "email"),
        /// Whether it is verified.
        #[serde(skip_serializing_if = "Option::is_none")]
        verified: Option<bool> = opt(2, "isVerified"),
    }
}

json_endpoint! {
    /// Sets a user's recovery phone.
    pub struct UpdateRecoveryPhone => Post "/v1/mgmt/user/update/recovery/phone", Unwrap::Key("user"), User {
        /// Login ID or user ID.
        login_id: String = id(0, "loginIdOrUserId"),
        /// The recovery phone.
        recovery_phone: String = string(1, "phone"),
        /// Whether it is verified.
        #[serde(skip_serializing_if = "Option::is_none")]
        verified: Option<bool> = opt(2, "isVerified"),
    }
}
