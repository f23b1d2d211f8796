//! `POST /v1/mgmt/user/recovery-codes/delete`: `removeRecoveryCodes(loginIdOrUserId)`.

use crate::api::Unwrap;

json_endpoint! {
    /// Removes a user's recovery codes.
    pub struct RemoveRecoveryCodes => Post "/v1/mgmt/user/recovery-codes/delete", Unwrap::Void, () {
        /// Login ID or user ID.
        login_id: String = id(0, "loginIdOrUserId"),
    }
}
