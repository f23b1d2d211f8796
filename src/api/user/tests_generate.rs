//! `POST /v1/mgmt/tests/generate/otp`, `/magiclink` and `/enchantedlink` (note `tests`):
//! `generateOTPForTestUser(deliveryMethod, loginId, loginOptions?)`,
//! `generateMagicLinkForTestUser(deliveryMethod, loginId, uri, loginOptions?)` and
//! `generateEnchantedLinkForTestUser(loginId, uri, loginOptions?)`. Test users only.

use crate::api::Unwrap;
use crate::models::{DeliveryMethod, GeneratedLink, GeneratedOtp, LoginOptions};

json_endpoint! {
    /// Generates a one-time code for a test user.
    pub struct GenerateOtpForTestUser => Post "/v1/mgmt/tests/generate/otp", Unwrap::Whole, GeneratedOtp {
        /// How the code would be delivered.
        delivery_method: DeliveryMethod = req(0, "deliveryMethod"),
        /// The test user's login ID.
        login_id: String = id(1, "loginId"),
        /// Login options.
        #[serde(skip_serializing_if = "Option::is_none")]
        login_options: Option<LoginOptions> = opt(2, "loginOptions"),
    }
}

json_endpoint! {
    /// Generates a magic link for a test user.
    pub struct GenerateMagicLinkForTestUser => Post "/v1/mgmt/tests/generate/magiclink", Unwrap::Whole, GeneratedLink {
        /// How the link would be delivered.
        delivery_method: DeliveryMethod = req(0, "deliveryMethod"),
        /// The test user's login ID.
        login_id: String = id(1, "loginId"),
        /// Redirect URI (the key is upper-case `URI`).
        #[serde(rename = "URI")]
        uri: String = string(2, "uri"),
        /// Login options.
        #[serde(skip_serializing_if = "Option::is_none")]
        login_options: Option<LoginOptions> = opt(3, "loginOptions"),
    }
}

json_endpoint! {
    /// Generates an enchanted link for a test user.
    pub struct GenerateEnchantedLinkForTestUser => Post "/v1/mgmt/tests/generate/enchantedlink", Unwrap::Whole, GeneratedLink {
        /// The test user's login ID.
        login_id: String = id(0, "loginId"),
        /// Redirect URI (the key is upper-case `URI`).
        #[serde(rename = "URI")]
        uri: String = string(1, "uri"),
        /// Login options.
        #[serde(skip_serializing_if = "Option::is_none")]
        login_options: Option<LoginOptions> = opt(2, "loginOptions"),
    }
}
