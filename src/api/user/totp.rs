//! `POST /v1/mgmt/user/totp/delete`: `removeTOTPSeed(loginIdOrUserId)`.

use crate::api::Unwrap;

json_endpoint! {
    /// Removes a user's TOTP seed.
    pub struct RemoveTotpSeed => Post "/v1/mgmt/user/totp/delete", Unwrap::Void, () {
        /// Login ID or user ID.
        login_id: String = id(0, "loginIdOrUserId"),
    }
}
