//! `POST /v1/mgmt/user/signin/embeddedlink` and `/signup/embeddedlink`:
//! `generateEmbeddedLink(loginId, customClaims?, timeout?)` and
//! `generateSignUpEmbeddedLink(loginId, user?, emailVerified?, phoneVerified?, loginOptions?,
//! timeout?)`.

use std::collections::BTreeMap;

use crate::api::Unwrap;
use crate::models::{EmbeddedLink, LoginOptions, SignUpUser};

json_endpoint! {
    /// Generates a sign-in token for an existing user.
    pub struct GenerateEmbeddedLink => Post "/v1/mgmt/user/signin/embeddedlink", Unwrap::Whole, EmbeddedLink {
        /// Login ID.
        login_id: String = id(0, "loginId"),
        /// Claims to add to the JWT.
        #[serde(skip_serializing_if = "Option::is_none")]
        custom_claims: Option<BTreeMap<String, serde_json::Value>> = opt(1, "customClaims"),
        /// Validity in seconds.
        #[serde(skip_serializing_if = "Option::is_none")]
        timeout: Option<u32> = opt(2, "timeout"),
    }
}

json_endpoint! {
    /// Generates a sign-up token (the user is created on first use).
    pub struct GenerateSignUpEmbeddedLink => Post "/v1/mgmt/user/signup/embeddedlink", Unwrap::Whole, EmbeddedLink {
        /// Login ID.
        login_id: String = id(0, "loginId"),
        /// The user to create.
        #[serde(skip_serializing_if = "Option::is_none")]
        user: Option<SignUpUser> = opt(1, "user"),
        /// Mark the email verified.
        #[serde(skip_serializing_if = "Option::is_none")]
        email_verified: Option<bool> = opt(2, "emailVerified"),
        /// Mark the phone verified.
        #[serde(skip_serializing_if = "Option::is_none")]
        phone_verified: Option<bool> = opt(3, "phoneVerified"),
        /// Login options.
        #[serde(skip_serializing_if = "Option::is_none")]
        login_options: Option<LoginOptions> = opt(4, "loginOptions"),
        /// Validity in seconds.
        #[serde(skip_serializing_if = "Option::is_none")]
        timeout: Option<u32> = opt(5, "timeout"),
    }
}
