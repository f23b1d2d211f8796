//! The user object Descope returns (reference §5.1).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A Descope user as returned by the management API. Every field is optional (the service
/// adds fields over time); fields this crate does not know are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Stable user ID (the JWT `sub`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Login IDs, primary first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_ids: Option<Vec<String>>,
    /// Display name (requests call it `displayName`).
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
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Whether the email is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_email: Option<bool>,
    /// Whether the phone is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_phone: Option<bool>,
    /// Project-level roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_names: Option<Vec<String>>,
    /// Tenants and the roles held in each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_tenants: Option<Vec<UserTenant>>,
    /// Permissions (project level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    /// `enabled`, `disabled`, `invited` or `expired`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Picture URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// Whether this is a test user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
    /// Custom attributes, as the service sends them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_attributes: Option<BTreeMap<String, Value>>,
    /// Creation time, seconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<i64>,
    /// Last modification time, seconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_time: Option<i64>,
    /// Has a TOTP authenticator.
    #[serde(rename = "TOTP", default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<bool>,
    /// Signed in with SAML.
    #[serde(rename = "SAML", default, skip_serializing_if = "Option::is_none")]
    pub saml: Option<bool>,
    /// Provisioned by SCIM.
    #[serde(rename = "SCIM", default, skip_serializing_if = "Option::is_none")]
    pub scim: Option<bool>,
    /// Signed in with OIDC.
    #[serde(rename = "OIDC", default, skip_serializing_if = "Option::is_none")]
    pub oidc: Option<bool>,
    /// OAuth providers used, by name.
    #[serde(rename = "OAuth", default, skip_serializing_if = "Option::is_none")]
    pub oauth: Option<BTreeMap<String, bool>>,
    /// Has a passkey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webauthn: Option<bool>,
    /// Has a password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<bool>,
    /// Uses push authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push: Option<bool>,
    /// Whether the user may be edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editable: Option<bool>,
    /// External IDs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_ids: Option<Vec<String>>,
    /// SSO applications (empty = all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_app_ids: Option<Vec<String>>,
    /// Consent expiration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_expiration: Option<serde_json::Number>,
    /// Fields this version does not model, kept as sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A tenant the user belongs to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserTenant {
    /// Tenant ID.
    #[serde(default)]
    pub tenant_id: String,
    /// Tenant name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_name: Option<String>,
    /// Roles in this tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_names: Option<Vec<String>>,
    /// Permissions in this tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// `{ "user": … }`, the answer of single-user calls.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserResponse {
    /// The user.
    pub user: User,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "userId": "U2abc", "loginIds": ["ann@example.com"], "name": "Ann Lee",
            "givenName": "Ann", "middleName": "", "familyName": "Lee",
            "email": "ann@example.com", "phone": "+15551234", "verifiedEmail": true,
            "verifiedPhone": false, "roleNames": ["admin"],
            "userTenants": [{"tenantId": "t1", "tenantName": "Acme", "roleNames": ["r"], "permissions": [], "since": 3}],
            "permissions": ["p"], "status": "enabled", "picture": "https://cdn/a.png", "test": false,
            "customAttributes": {"seats": 42, "beta": true, "teams": ["a"], "nick": null},
            "createdTime": 1700000000, "TOTP": true, "SAML": false, "SCIM": false, "OIDC": false,
            "OAuth": {"google": true}, "webauthn": false, "password": true, "push": false,
            "editable": true, "externalIds": [], "ssoAppIds": [], "consentExpiration": 0,
            "futureField": {"nested": [1, 2]}, "created": true
        })
    }

    #[test]
    fn round_trip_keeps_odd_keys_and_unknown_fields() {
        let user: User = serde_json::from_value(sample()).unwrap();
        assert_eq!(user.totp, Some(true));
        assert_eq!(
            user.oauth.as_ref().and_then(|m| m.get("google")),
            Some(&true)
        );
        assert_eq!(
            user.extra.get("futureField"),
            Some(&json!({"nested": [1, 2]}))
        );
        assert_eq!(
            user.user_tenants.as_ref().unwrap()[0].extra.get("since"),
            Some(&json!(3))
        );
        assert_eq!(serde_json::to_value(&user).unwrap(), sample());
    }

    #[test]
    fn minimal_user_decodes() {
        let user: User = serde_json::from_value(json!({"name": "foo"})).unwrap();
        assert_eq!(user.name.as_deref(), Some("foo"));
        assert_eq!(serde_json::to_value(&user).unwrap(), json!({"name": "foo"}));
    }
}
