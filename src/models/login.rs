//! Request shapes of the test-user and embedded-link calls (reference §5.7).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Login options of the generate-for-test-user and sign-up embedded link calls.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoginOptions {
    /// Step-up authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stepup: Option<bool>,
    /// Multi-factor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa: Option<bool>,
    /// Revoke the user's other sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoke_other_sessions: Option<bool>,
    /// Which other sessions to revoke.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoke_other_sessions_types: Option<Vec<String>>,
    /// Custom claims for the JWT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_claims: Option<BTreeMap<String, serde_json::Value>>,
    /// Messaging template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// Template variables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_options: Option<BTreeMap<String, String>>,
    /// Tenant to sign in to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Message locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// SSO application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_app_id: Option<String>,
    /// PKCE challenge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pkce_challenge: Option<String>,
}

/// The user of a sign-up embedded link (here the display name key is `name`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignUpUser {
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Login ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_id: Option<String>,
}

/// Delivery methods of the generate-for-test-user calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryMethod {
    /// Email.
    #[serde(rename = "email")]
    Email,
    /// SMS.
    #[serde(rename = "sms")]
    Sms,
    /// Voice call.
    #[serde(rename = "voice")]
    Voice,
    /// WhatsApp.
    #[serde(rename = "whatsapp")]
    Whatsapp,
    /// Embedded (test users only).
    #[serde(rename = "Embedded")]
    Embedded,
    /// Instant messaging.
    #[serde(rename = "im")]
    Im,
}
