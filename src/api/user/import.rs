//! `POST /v1/mgmt/user/import`: `import(source, users?, hashes?, dryrun?)`. `users` and
//! `hashes` are the export payloads as base64 strings; `dryrun` defaults to false.

use crate::api::Unwrap;
use crate::models::ImportResponse;

json_endpoint! {
    /// Imports users exported from another system.
    pub struct Import => Post "/v1/mgmt/user/import", Unwrap::Whole, ImportResponse {
        /// The source system, such as `Auth0`.
        source: String = id(0, "source"),
        /// Users payload (base64).
        #[serde(skip_serializing_if = "Option::is_none")]
        users: Option<String> = opt_string(1, "users"),
        /// Password hashes payload (base64).
        #[serde(skip_serializing_if = "Option::is_none")]
        hashes: Option<String> = opt_string(2, "hashes"),
        /// Check only; store nothing.
        dryrun: bool = flag(3, "dryrun"),
    }
}
