//! The entities beyond users (reference §28.1): tenants with their settings and SSO
//! configurations, roles, permissions, access keys, SSO applications, groups, audit events.
//!
//! References between entities are stored by ID (roles by role ID, permissions by permission
//! ID, tenants by tenant ID) and names are joined when rendering, so a rename shows everywhere
//! and a delete only has to drop IDs.

use serde_json::{Map, Value};

/// The project-wide role every project starts with (reference §3.4).
pub const TENANT_ADMIN: &str = "Tenant Admin";
/// System permissions (reference §4.2): always present, cannot be changed or deleted.
pub const SYSTEM_PERMISSIONS: &[(&str, &str)] = &[
    ("Impersonate", "Impersonate other users"),
    ("User Admin", "Manage users"),
    ("SSO Admin", "Manage SSO settings"),
];
/// Groups report a tenant's default SSO configuration under this ID (reference §7).
pub const DEFAULT_SSO_ID: &str = "default_ssoid";

#[derive(Debug, Clone, PartialEq)]
pub struct Tenant {
    pub id: String,
    pub name: String,
    pub self_provisioning_domains: Vec<String>,
    pub custom_attributes: Map<String, Value>,
    pub enforce_sso: bool,
    pub enforce_sso_exclusions: Vec<String>,
    pub disabled: bool,
    /// Project role IDs.
    pub default_roles: Vec<String>,
    /// Parent tenant ID, `""` for top-level tenants.
    pub parent: String,
    pub role_inheritance: String,
    pub federated_app_ids: Vec<String>,
    pub created_time: i64,
    /// Session settings of `tenant/settings` (server spellings), absent keys are zero.
    pub settings: Map<String, Value>,
    /// `[0]` is the default SSO configuration (`sso_id == ""`); it always exists.
    pub sso: Vec<SsoConfig>,
    pub sso_links: Vec<SsoLink>,
    /// Password settings of this tenant; `None` = the project's apply.
    pub password: Option<Map<String, Value>>,
}

impl Tenant {
    pub fn new(id: String, name: String, created_time: i64) -> Tenant {
        Tenant {
            id,
            name,
            self_provisioning_domains: Vec::new(),
            custom_attributes: Map::new(),
            enforce_sso: false,
            enforce_sso_exclusions: Vec::new(),
            disabled: false,
            default_roles: Vec::new(),
            parent: String::new(),
            role_inheritance: String::new(),
            federated_app_ids: Vec::new(),
            created_time,
            settings: Map::new(),
            sso: vec![SsoConfig::new(String::new(), String::new())],
            sso_links: Vec::new(),
            password: None,
        }
    }

    /// The configuration an `ssoId` names: absent, `""` or `default_ssoid` is the default.
    pub fn sso_index(&self, sso_id: &str) -> Option<usize> {
        let id = if sso_id == DEFAULT_SSO_ID { "" } else { sso_id };
        self.sso.iter().position(|c| c.sso_id == id)
    }

    /// SSO domains of all configurations.
    pub fn domains(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for d in self.sso.iter().flat_map(|c| &c.domains) {
            if !out.contains(d) {
                out.push(d.clone());
            }
        }
        out
    }

    /// `none`, or the protocol of the default configuration (else of the first configured).
    pub fn auth_type(&self) -> &str {
        self.sso
            .iter()
            .map(|c| c.auth_type.as_str())
            .find(|t| *t != "none" && !t.is_empty())
            .unwrap_or("none")
    }
}

/// Role → IdP groups, by role ID so renames follow.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMapping {
    pub role_id: String,
    pub groups: Vec<String>,
}

/// One SSO configuration of a tenant (reference §7): Descope as service provider.
#[derive(Debug, Clone, PartialEq)]
pub struct SsoConfig {
    pub sso_id: String,
    pub display_name: String,
    /// `none`, `saml` or `oidc`: the last protocol configured.
    pub auth_type: String,
    pub domains: Vec<String>,
    /// SAML response keys (`idpEntityId`, `idpSSOUrl`, `attributeMapping`, `redirectUrl`…).
    pub saml: Map<String, Value>,
    pub saml_groups: Vec<GroupMapping>,
    pub saml_default_roles: Vec<String>,
    /// OIDC response keys; `clientSecret` is write-only and never kept.
    pub oidc: Map<String, Value>,
    pub oidc_groups: Vec<GroupMapping>,
    pub oidc_default_roles: Vec<String>,
}

impl SsoConfig {
    pub fn new(sso_id: String, display_name: String) -> SsoConfig {
        SsoConfig {
            sso_id,
            display_name,
            auth_type: "none".into(),
            domains: Vec::new(),
            saml: Map::new(),
            saml_groups: Vec::new(),
            saml_default_roles: Vec::new(),
            oidc: Map::new(),
            oidc_groups: Vec::new(),
            oidc_default_roles: Vec::new(),
        }
    }
}

/// A generated self-service SSO setup link. Only a hash of its token is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct SsoLink {
    pub sso_id: String,
    pub expire_time: i64,
    pub email: String,
    pub template_id: String,
    pub actor_id: String,
    pub token_hash: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Permission IDs.
    pub permission_ids: Vec<String>,
    /// `""` for project roles.
    pub tenant_id: String,
    pub default: bool,
    pub private: bool,
    pub created_time: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Permission {
    pub id: String,
    pub name: String,
    pub description: String,
    pub system_default: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyTenant {
    pub tenant_id: String,
    pub role_ids: Vec<String>,
}

/// A machine credential. The cleartext is never stored: only its SHA-256.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessKey {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Project role IDs.
    pub role_ids: Vec<String>,
    pub tenants: Vec<KeyTenant>,
    pub active: bool,
    pub created_time: i64,
    /// Absolute Unix seconds, 0 = never.
    pub expire_time: i64,
    pub created_by: String,
    pub client_id: String,
    pub bound_user_id: String,
    pub custom_claims: Map<String, Value>,
    pub permitted_ips: Vec<String>,
    pub custom_attributes: Map<String, Value>,
    pub editable: bool,
    /// Hex SHA-256 of the cleartext.
    pub secret_hash: String,
    pub rotations: u64,
}

impl AccessKey {
    pub fn expired(&self, now: i64) -> bool {
        self.expire_time > 0 && self.expire_time <= now
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppType {
    Oidc,
    Saml,
    WsFed,
}

impl AppType {
    pub fn name(self) -> &'static str {
        match self {
            AppType::Oidc => "oidc",
            AppType::Saml => "saml",
            AppType::WsFed => "wsfed",
        }
    }

    pub fn from_name(s: &str) -> Option<AppType> {
        match s {
            "oidc" => Some(AppType::Oidc),
            "saml" => Some(AppType::Saml),
            "wsfed" => Some(AppType::WsFed),
            _ => None,
        }
    }
}

/// An application Descope is the identity provider for (reference §6).
#[derive(Debug, Clone, PartialEq)]
pub struct SsoApp {
    pub id: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
    pub logo: String,
    pub app_type: AppType,
    /// The type's settings as sent (request keys), read back with zero values filled in.
    pub settings: Map<String, Value>,
    pub custom_attributes: Map<String, Value>,
    /// OIDC client secret: revealed by `getApplicationSecret`, never by load.
    pub secret: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub tenant_id: String,
    pub id: String,
    pub display: String,
    /// User IDs; login IDs and display names are joined when rendering.
    pub members: Vec<String>,
    pub source: String,
    /// `""` = the tenant's default SSO configuration.
    pub sso_id: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub id: String,
    pub user_id: String,
    pub action: String,
    pub kind: String,
    pub actor_id: String,
    /// Epoch milliseconds.
    pub occurred: i64,
    pub device: String,
    pub method: String,
    pub geo: String,
    pub remote_address: String,
    pub external_ids: Vec<String>,
    pub tenants: Vec<String>,
    pub data: Map<String, Value>,
}

/// The audit webhook of `connector/audit/web/set`; secrets are not kept, only which were set.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    pub name: String,
    pub description: String,
    pub url: String,
    pub authentication: Vec<String>,
    pub hmac_secret_set: bool,
    pub headers: Map<String, Value>,
    pub insecure: bool,
    pub filters: Vec<Value>,
}

/// A secret the emulator must keep in clear because an API reveals it again or hands it to
/// the backend (inbound-app client secrets, outbound tokens and API keys). `Debug` never
/// shows it, so a dumped store carries no secret.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(pub String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() {
            f.write_str("Secret(\"\")")
        } else {
            f.write_str("Secret([redacted])")
        }
    }
}
