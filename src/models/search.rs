//! The search request (reference §5.6) and its answer.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{User, UserStatus};

/// A scalar a custom attribute filter matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FilterValue {
    /// A string.
    String(String),
    /// A number.
    Number(serde_json::Number),
    /// A boolean.
    Bool(bool),
}

/// A custom attribute filter: one value, or any of several.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AttributeFilter {
    /// Must equal this value.
    One(FilterValue),
    /// Must equal one of these values.
    AnyOf(Vec<FilterValue>),
}

/// A sort key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SortItem {
    /// Field name, such as `name` or `createdTime`.
    pub field: String,
    /// Descending when true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<bool>,
}

/// Role IDs or names a user must hold in a tenant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoleFilter {
    /// The roles.
    pub values: Vec<String>,
    /// All of them (true) or any (absent/false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub and: Option<bool>,
}

/// `search` / `searchTestUsers` options. `roles` is sent as `roleNames`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchRequest {
    /// 0-based page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<i64>,
    /// Page size (the service's default is 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// When above 0, overrides `page * limit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    /// Sort keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<Vec<SortItem>>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Emails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<String>>,
    /// Phones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<String>>,
    /// Statuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statuses: Option<Vec<UserStatus>>,
    /// Project roles (`roles` in, `roleNames` on the wire).
    #[serde(rename = "roles", default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// Tenants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_ids: Option<Vec<String>>,
    /// Custom attribute filters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_attributes: Option<BTreeMap<String, AttributeFilter>>,
    /// Include test users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_test_user: Option<bool>,
    /// Only test users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_users_only: Option<bool>,
    /// SSO applications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_app_ids: Option<Vec<String>>,
    /// Login IDs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_ids: Option<Vec<String>>,
    /// User IDs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_ids: Option<Vec<String>>,
    /// Created at or after (epoch milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_created_time: Option<i64>,
    /// Created at or before (epoch milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_created_time: Option<i64>,
    /// Modified at or after (epoch milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_modified_time: Option<i64>,
    /// Modified at or before (epoch milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_modified_time: Option<i64>,
    /// Tenant role IDs, by tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_role_ids: Option<BTreeMap<String, RoleFilter>>,
    /// Tenant role names, by tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_role_names: Option<BTreeMap<String, RoleFilter>>,
    /// Verified email filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_email: Option<bool>,
    /// Verified phone filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_phone: Option<bool>,
    /// Include users of sub-tenants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_sub_tenants: Option<bool>,
    /// One login ID (documented by the service; not in node-sdk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_id: Option<String>,
    /// Only SSO users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_only: Option<bool>,
    /// Only SCIM-provisioned users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scim_only: Option<bool>,
    /// Users with (or without) a password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<bool>,
    /// Users with (or without) TOTP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<bool>,
    /// Users with (or without) a passkey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webauthn: Option<bool>,
    /// SCIM flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scim: Option<bool>,
    /// Columns to return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_columns: Option<Vec<String>>,
}

/// `{ users, total }`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    /// This page's users.
    #[serde(default)]
    pub users: Vec<User>,
    /// All matches, over every page.
    #[serde(default)]
    pub total: u64,
}
