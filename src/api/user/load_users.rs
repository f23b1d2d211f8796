//! `POST /v1/mgmt/users/load` (plural `users`): `loadUsers(userIds, includeInvalidUsers?)`.

use crate::api::Unwrap;
use crate::models::User;

json_endpoint! {
    /// Loads several users by user ID.
    pub struct LoadUsers => Post "/v1/mgmt/users/load", Unwrap::Key("users"), Vec<User> {
        /// User IDs.
        user_ids: Vec<String> = ids(0, "userIds"),
        /// Include users that no longer exist or are invalid.
        #[serde(skip_serializing_if = "Option::is_none")]
        include_invalid_users: Option<bool> = opt(1, "includeInvalidUsers"),
    }
}
