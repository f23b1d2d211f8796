//! The options of `patch` and the entries of `patchBatch` (reference §5.3): only the keys
//! given are sent, and a `null` the caller wrote is sent as `null`. A `patchBatch` entry is
//! the same object plus `loginIdOrUserId` (or the older `loginId`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::options::{nullable, Nullable};
use super::{AssociatedTenant, AttributeValue, UserStatus};

/// What `patch` may change. `roles` is sent as `roleNames`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PatchOptions {
    /// Whom to patch, in a `patchBatch` entry (not sent as such: it becomes `loginId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_id_or_user_id: Option<String>,
    /// Deprecated spelling of `loginIdOrUserId`, in a `patchBatch` entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_id: Option<String>,
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
    /// Custom attributes (only the keys given change).
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
    /// SSO applications.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub sso_app_ids: Nullable<Vec<String>>,
    /// SCIM-provisioned flag.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub scim: Nullable<bool>,
    /// Status.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Nullable<UserStatus>,
    /// More login IDs.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_identifiers: Nullable<Vec<String>>,
}
