//! Request-side models: the options objects callers pass, as node-sdk names them.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::AttributeValue;

/// Reads a key that may be absent (`None`), `null` (`Some(None)`) or set (`Some(Some(v))`),
/// so that a `null` the caller wrote is sent as `null` and an absent key stays absent.
pub(crate) fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A value that may be left out, set to `null`, or set.
pub type Nullable<T> = Option<Option<T>>;

/// A tenant to associate with a user, with roles in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssociatedTenant {
    /// Tenant ID.
    pub tenant_id: String,
    /// Roles in the tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_names: Option<Vec<String>>,
}

/// The options of `create`, `createTestUser`, `invite` and `update` (node-sdk's
/// `UserOptions` plus the invite extras). `roles` is sent as `roleNames`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserOptions {
    /// Email address.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub email: Nullable<String>,
    /// Phone number.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub phone: Nullable<String>,
    /// Display name.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Nullable<String>,
    /// Given name.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub given_name: Nullable<String>,
    /// Middle name.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub middle_name: Nullable<String>,
    /// Family name.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub family_name: Nullable<String>,
    /// Project roles (`roles` in, `roleNames` on the wire).
    #[serde(
        rename = "roles",
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub roles: Nullable<Vec<String>>,
    /// Tenants with their roles.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_tenants: Nullable<Vec<AssociatedTenant>>,
    /// Custom attributes.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_attributes: Nullable<BTreeMap<String, AttributeValue>>,
    /// Picture URL.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub picture: Nullable<String>,
    /// Whether the email is verified.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub verified_email: Nullable<bool>,
    /// Whether the phone is verified.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub verified_phone: Nullable<bool>,
    /// More login IDs.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_login_ids: Nullable<Vec<String>>,
    /// SSO applications.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub sso_app_ids: Nullable<Vec<String>>,
    /// Messaging template (create and invite).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub template_id: Nullable<String>,
    /// Invite redirect URL (invite only).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub invite_url: Nullable<String>,
    /// Send the invite by email (invite only).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub send_mail: Nullable<bool>,
    /// Send the invite by SMS (invite only).
    #[serde(
        rename = "sendSMS",
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub send_sms: Nullable<bool>,
    /// Template variables (invite only).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub template_options: Nullable<BTreeMap<String, String>>,
    /// Invite message locale (invite only).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub locale: Nullable<String>,
}

/// `getProviderToken`'s options (sent in the query; `false` when left out).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProviderTokenOptions {
    /// Also return the refresh token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_refresh_token: Option<bool>,
    /// Refresh the token at the provider first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_refresh: Option<bool>,
}

/// A permission to create (`permission.createBatch`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewPermission {
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Ignored by the service (node-sdk's type carries it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_default: Option<bool>,
}

/// A permission to update, by `id` or by `name` (`permission.updateBatch`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PermissionUpdate {
    /// ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Current name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New name.
    pub new_name: String,
    /// Description (left out: emptied, as update is a full overwrite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A role to create (`role.createBatch`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewRole {
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its permissions, by name (they must exist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_names: Option<Vec<String>>,
    /// Its tenant (none: a project role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Given to users created without any role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    /// Hidden from tenant admins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private: Option<bool>,
}

/// A role to update, by `id` or by `name` (`role.updateBatch`): a full overwrite.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoleUpdate {
    /// ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Current name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New name.
    pub new_name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its permissions, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_names: Option<Vec<String>>,
    /// Its tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Given to users created without any role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    /// Hidden from tenant admins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private: Option<bool>,
}

/// `role.search`'s options (no paging, no total).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoleSearchOptions {
    /// Roles of these tenants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_ids: Option<Vec<String>>,
    /// Roles of these names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_names: Option<Vec<String>>,
    /// Names containing this (case-insensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_name_like: Option<String>,
    /// Roles with these permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_names: Option<Vec<String>>,
    /// With `tenant_ids`: the project roles too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_project_roles: Option<bool>,
    /// Roles of these IDs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_ids: Option<Vec<String>>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A password policy (`password.configureSettings`; a full overwrite). `non_alphanumeric`
/// is sent as the service spells it (node-sdk's type says `nonAlphaNumeric`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PasswordSettings {
    /// Passwords are on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Shortest length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// Needs a lowercase letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lowercase: Option<bool>,
    /// Needs an uppercase letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uppercase: Option<bool>,
    /// Needs a digit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<bool>,
    /// Needs a character that is neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_alphanumeric: Option<bool>,
    /// Passwords expire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<bool>,
    /// After this many weeks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_weeks: Option<u32>,
    /// Old passwords may not be reused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reuse: Option<bool>,
    /// How many old passwords count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reuse_amount: Option<u32>,
    /// Lock after failed attempts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<bool>,
    /// How many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock_attempts: Option<u32>,
    /// Lock for a while first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temp_lock: Option<bool>,
    /// After how many attempts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temp_lock_attempts: Option<u32>,
    /// For how long (seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temp_lock_duration: Option<u32>,
    /// Check the password's strength.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_password_strength: Option<bool>,
    /// The lowest score accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_strength_score: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_null_and_set_stay_distinct() {
        let o: UserOptions =
            serde_json::from_value(json!({"email": "a@b.c", "phone": null, "roles": ["r"]}))
                .unwrap();
        assert_eq!(o.email, Some(Some("a@b.c".into())));
        assert_eq!(o.phone, Some(None));
        assert_eq!(o.display_name, None);
        assert_eq!(
            serde_json::to_value(&o).unwrap(),
            json!({"email": "a@b.c", "phone": null, "roles": ["r"]})
        );
    }

    #[test]
    fn unknown_and_wire_spelled_keys_are_rejected() {
        for bad in [json!({"emial": "x"}), json!({"roleNames": ["r"]})] {
            assert!(serde_json::from_value::<UserOptions>(bad).is_err());
        }
    }
}
