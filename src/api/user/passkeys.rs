//! `POST /v1/mgmt/user/passkeys/delete`, `/passkey/delete` and `/passkeys/list`:
//! `removeAllPasskeys(loginIdOrUserId)`, `removePasskey(loginIdOrUserId, credentialId)` and
//! `listPasskeys(loginIdOrUserId)`.

use crate::api::Unwrap;
use crate::models::UserPasskey;

json_endpoint! {
    /// Removes every passkey of a user.
    pub struct RemoveAllPasskeys => Post "/v1/mgmt/user/passkeys/delete", Unwrap::Void, () {
        /// Login ID or user ID.
        login_id: String = id(0, "loginIdOrUserId"),
    }
}

json_endpoint! {
    /// Removes one passkey.
    pub struct RemovePasskey => Post "/v1/mgmt/user/passkey/delete", Unwrap::Void, () {
        /// Login ID or user ID.
        login_id: String = id(0, "loginIdOrUserId"),
        /// The passkey's credential ID.
        credential_id: String = id(1, "credentialId"),
    }
}

json_endpoint! {
    /// Lists a user's passkeys.
    pub struct ListPasskeys => Post "/v1/mgmt/user/passkeys/list", Unwrap::Key("passkeys"), Vec<UserPasskey> {
        /// Login ID or user ID.
        login_id: String = id(0, "loginIdOrUserId"),
    }
}
