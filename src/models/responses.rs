//! Answers of the smaller calls (reference §5.7). All fields are optional and unknown ones
//! are kept, so a new field on the service never breaks decoding.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::User;

/// Reads a 64-bit time sent as a number or as a string (the service's schema types int64
/// as strings).
pub(crate) fn number_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f as i64))
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom("time out of range")),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => s.parse().map(Some).map_err(serde::de::Error::custom),
        Some(other) => Err(serde::de::Error::custom(format!(
            "expected a time, got {other}"
        ))),
    }
}

/// A provider token (`getProviderToken`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderToken {
    /// Provider name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The user's ID at the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_user_id: Option<String>,
    /// Access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// Expiration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<Value>,
    /// Scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// Refresh token (with `withRefreshToken`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A passkey (`listPasskeys`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPasskey {
    /// Credential ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Relying party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rp_id: Option<String>,
    /// Kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Name shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Created (seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<i64>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A trusted device (`listTrustedDevices`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrustedDevice {
    /// Device ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Device type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_type: Option<String>,
    /// Last login (seconds; sent as number or string).
    #[serde(
        default,
        deserialize_with = "number_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_login_time: Option<i64>,
    /// Expiration (seconds; sent as number or string).
    #[serde(
        default,
        deserialize_with = "number_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration_time: Option<i64>,
    /// Last location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_location: Option<String>,
    /// Owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The device of the current session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_current_device: Option<bool>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A login history entry (`history`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserHistory {
    /// User ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Login time (seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_time: Option<i64>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Tenant selected at login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_tenant: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A user `import` could not import.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportFailure {
    /// The user, as identified in the payload.
    #[serde(default)]
    pub user: String,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

/// The answer of `import`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportResponse {
    /// Imported (or, on a dry run, importable) users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<Vec<User>>,
    /// Failures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failures: Option<Vec<ImportFailure>>,
}

/// An option of a select-type custom attribute.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeOption {
    /// Stored value.
    pub value: String,
    /// Label shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A custom attribute definition (`getCustomAttributes`, `createCustomAttributes`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomAttribute {
    /// Machine name.
    pub name: String,
    /// Type number (text, numeric, boolean, single select, multi select, date…).
    #[serde(rename = "type")]
    pub kind: i64,
    /// Options of select types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<AttributeOption>>,
    /// Name shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Default value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<Value>,
    /// Roles that may see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view_permissions: Option<Vec<String>>,
    /// Roles that may edit it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit_permissions: Option<Vec<String>>,
}

/// The answer of `generateOTPForTestUser`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedOtp {
    /// Login ID.
    #[serde(default)]
    pub login_id: String,
    /// The code.
    #[serde(default)]
    pub code: String,
}

/// The answer of the magic link and enchanted link generators.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedLink {
    /// Login ID.
    #[serde(default)]
    pub login_id: String,
    /// The link.
    #[serde(default)]
    pub link: String,
    /// Enchanted link only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_ref: Option<String>,
}

/// The answer of the embedded link generators.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbeddedLink {
    /// The token.
    #[serde(default)]
    pub token: String,
    /// Masked email, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masked_email: Option<String>,
    /// Masked phone, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masked_phone: Option<String>,
}

/// `GET /v1/mgmt/license`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct License {
    /// `tier1`…`tier4`.
    #[serde(default)]
    pub rate_limit_tier: String,
}

/// The answer of a call that changes something and returns nothing (`{}` from Descope);
/// whatever keys it has are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Empty {
    /// Any keys the service sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A permission (`permission.loadAll`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Permission {
    /// ID, when the service sends one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name, unique in the project.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// One of the system permissions (`Impersonate`, `User Admin`, `SSO Admin`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_default: Option<bool>,
    /// Any other keys the service sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A role (`role.loadAll`, `search`, the batches).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    /// ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name, unique within its tenant (or among project roles).
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its permissions, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_names: Option<Vec<String>>,
    /// Created (seconds; sent as number or string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<Value>,
    /// Its tenant; empty or absent for a project role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Given to users created without any role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    /// Hidden from tenant admins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private: Option<bool>,
    /// Any other keys the service sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A member of a group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupMember {
    /// Login ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_id: Option<String>,
    /// User ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Any other keys the service sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A tenant's IdP group (`group.loadAllGroups` and the others).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// ID.
    #[serde(default)]
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<GroupMember>>,
    /// `scim` or `jit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The SSO configuration it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_id: Option<String>,
    /// Any other keys the service sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}
