//! `POST /v1/mgmt/user/trusteddevices/list` and `/trusteddevices/remove`:
//! `listTrustedDevices(loginIdsOrUserIds)` and `removeTrustedDevices(loginIdOrUserId,
//! deviceIds)` (the key there is `identifier`, not `loginId`).

use crate::api::Unwrap;
use crate::models::TrustedDevice;

json_endpoint! {
    /// Lists the trusted devices of users.
    pub struct ListTrustedDevices => Post "/v1/mgmt/user/trusteddevices/list", Unwrap::Key("devices"), Vec<TrustedDevice> {
        /// Login IDs or user IDs.
        identifiers: Vec<String> = ids(0, "loginIdsOrUserIds"),
    }
}

json_endpoint! {
    /// Removes trusted devices of a user.
    pub struct RemoveTrustedDevices => Post "/v1/mgmt/user/trusteddevices/remove", Unwrap::Void, () {
        /// Login ID or user ID.
        identifier: String = id(0, "loginIdOrUserId"),
        /// Device IDs.
        device_ids: Vec<String> = ids(1, "deviceIds"),
    }
}
