//! The in-memory project: users, tenants, roles, permissions, access keys, SSO applications,
//! groups, custom attribute definitions, audit events, the per-user data that has no
//! field in the user object (recovery contacts, passkeys, …), and the stores of issue 15's
//! groups (their types live in their `api` modules).

use serde_json::{json, Map, Value};

use crate::error::{ApiError, ApiResult};
pub use crate::model::*;

/// Custom attribute types. The numbers are the emulator's assumption (see README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    Text = 1,
    Numeric = 2,
    Boolean = 3,
    SingleSelect = 4,
    MultiSelect = 5,
    Date = 6,
}

impl AttrType {
    pub fn from_number(n: i64) -> Option<AttrType> {
        Some(match n {
            1 => AttrType::Text,
            2 => AttrType::Numeric,
            3 => AttrType::Boolean,
            4 => AttrType::SingleSelect,
            5 => AttrType::MultiSelect,
            6 => AttrType::Date,
            _ => return None,
        })
    }

    /// Names as Python's SDK sends them, plus obvious synonyms.
    pub fn from_name(s: &str) -> Option<AttrType> {
        Some(
            match s.to_ascii_lowercase().replace(['_', '-', ' '], "").as_str() {
                "string" | "text" => AttrType::Text,
                "number" | "numeric" => AttrType::Numeric,
                "bool" | "boolean" => AttrType::Boolean,
                "singleselect" | "select" => AttrType::SingleSelect,
                "multiselect" | "array" => AttrType::MultiSelect,
                "date" => AttrType::Date,
                _ => return None,
            },
        )
    }

    pub fn describe(self) -> &'static str {
        match self {
            AttrType::Text => "a string (text)",
            AttrType::Numeric => "a number (numeric)",
            AttrType::Boolean => "a boolean",
            AttrType::SingleSelect => "one of the options (single select)",
            AttrType::MultiSelect => "an array of strings (multi select)",
            AttrType::Date => "a number of milliseconds since the epoch (date)",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttrDef {
    pub name: String,
    pub ty: AttrType,
    pub display_name: String,
    /// `(value, label)` pairs; empty means any value of the type.
    pub options: Vec<(String, String)>,
    pub default_value: Option<Value>,
    pub view_permissions: Vec<String>,
    pub edit_permissions: Vec<String>,
}

impl AttrDef {
    pub fn new(name: &str, ty: AttrType, display_name: &str, options: &[&str]) -> AttrDef {
        AttrDef {
            name: name.to_string(),
            ty,
            display_name: display_name.to_string(),
            options: options
                .iter()
                .map(|o| (o.to_string(), o.to_string()))
                .collect(),
            default_value: None,
            view_permissions: Vec::new(),
            edit_permissions: Vec::new(),
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "type": self.ty as i64,
            "displayName": self.display_name,
            "options": self.options.iter()
                .map(|(v, l)| json!({"value": v, "label": l}))
                .collect::<Vec<_>>(),
            "defaultValue": self.default_value.clone().unwrap_or(Value::Null),
            "viewPermissions": self.view_permissions,
            "editPermissions": self.edit_permissions,
        })
    }

    /// Checks a value against the declared type; `name` labels the error.
    pub fn check(&self, value: &Value) -> ApiResult<()> {
        let ok = match self.ty {
            AttrType::Text => value.is_string(),
            AttrType::Numeric | AttrType::Date => value.is_number(),
            AttrType::Boolean => value.is_boolean(),
            AttrType::SingleSelect => value.as_str().is_some_and(|s| self.allows(s)),
            AttrType::MultiSelect => value.as_array().is_some_and(|items| {
                items
                    .iter()
                    .all(|i| i.as_str().is_some_and(|s| self.allows(s)))
            }),
        };
        if ok {
            return Ok(());
        }
        let mut expected = self.ty.describe().to_string();
        if !self.options.is_empty()
            && matches!(self.ty, AttrType::SingleSelect | AttrType::MultiSelect)
        {
            let opts: Vec<&str> = self.options.iter().map(|(v, _)| v.as_str()).collect();
            expected = format!("{expected} from [{}]", opts.join(", "));
        }
        Err(ApiError::invalid(format!(
            "custom attribute \"{}\" must be {expected}",
            self.name
        )))
    }

    fn allows(&self, s: &str) -> bool {
        self.options.is_empty() || self.options.iter().any(|(v, _)| v == s)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct UserTenant {
    pub tenant_id: String,
    /// Role IDs (tenant roles of this tenant or project roles); names are joined on render.
    pub role_ids: Vec<String>,
}

/// What the user object does not show; visible through `GET /emulator/users`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extra {
    pub modified_time: i64,
    pub password_expired: bool,
    pub recovery_email: String,
    pub recovery_email_verified: bool,
    pub recovery_phone: String,
    pub recovery_phone_verified: bool,
    pub last_logout: Option<i64>,
    pub logout_count: u64,
    pub last_logout_session_types: Vec<String>,
    pub invites_sent: u64,
    pub last_invite: Option<Value>,
    pub recovery_codes: bool,
    pub totp_seed: Option<String>,
    pub passkeys: Vec<Value>,
    pub trusted_devices: Vec<Value>,
    pub provider_tokens: Vec<Value>,
    pub history: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub user_id: String,
    pub login_ids: Vec<String>,
    pub name: String,
    pub given_name: String,
    pub middle_name: String,
    pub family_name: String,
    pub email: String,
    pub phone: String,
    pub verified_email: bool,
    pub verified_phone: bool,
    /// Project role IDs; names are joined on render, so a role rename shows at once.
    pub role_ids: Vec<String>,
    pub tenants: Vec<UserTenant>,
    pub status: String,
    pub picture: String,
    pub test: bool,
    pub custom_attributes: Map<String, Value>,
    pub created_time: i64,
    pub totp: bool,
    pub saml: bool,
    pub scim: bool,
    pub oidc: bool,
    pub oauth: Map<String, Value>,
    pub webauthn: bool,
    pub password: bool,
    pub push: bool,
    pub editable: bool,
    pub external_ids: Vec<String>,
    pub sso_app_ids: Vec<String>,
    pub extra: Extra,
}

impl User {
    pub fn new(user_id: String, login_id: String, now: i64) -> User {
        User {
            user_id,
            login_ids: vec![login_id],
            name: String::new(),
            given_name: String::new(),
            middle_name: String::new(),
            family_name: String::new(),
            email: String::new(),
            phone: String::new(),
            verified_email: false,
            verified_phone: false,
            role_ids: Vec::new(),
            tenants: Vec::new(),
            status: "enabled".to_string(),
            picture: String::new(),
            test: false,
            custom_attributes: Map::new(),
            created_time: now,
            totp: false,
            saml: false,
            scim: false,
            oidc: false,
            oauth: Map::new(),
            webauthn: false,
            password: false,
            push: false,
            editable: true,
            external_ids: Vec::new(),
            sso_app_ids: Vec::new(),
            extra: Extra {
                modified_time: now,
                ..Extra::default()
            },
        }
    }

    pub fn has_login_id(&self, id: &str) -> bool {
        self.login_ids.iter().any(|l| l == id)
    }

    pub fn tenant(&self, tenant_id: &str) -> Option<&UserTenant> {
        self.tenants.iter().find(|t| t.tenant_id == tenant_id)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Store {
    pub users: Vec<User>,
    pub tenants: Vec<Tenant>,
    pub roles: Vec<Role>,
    pub permissions: Vec<Permission>,
    pub attrs: Vec<AttrDef>,
    pub access_keys: Vec<AccessKey>,
    pub sso_apps: Vec<SsoApp>,
    /// Read-only through the API; seeded.
    pub groups: Vec<Group>,
    /// Project password settings (server spellings); absent keys take the defaults.
    pub password: Map<String, Value>,
    /// Oldest first, at most `AUDIT_CAPACITY`.
    pub audit: Vec<AuditEvent>,
    pub webhooks: Vec<Webhook>,
    /// Issue 15's groups (reference §12–§25).
    pub lists: Vec<crate::api::lists::List>,
    pub mgmt_keys: Vec<crate::api::mgmt_keys::MgmtKey>,
    pub descopers: Vec<crate::api::descopers::Descoper>,
    pub jwt_templates: Vec<crate::api::jwt_templates::JwtTemplate>,
    /// Read-only through the API; `seed::build` puts the default entries in.
    pub jwt_library: Vec<crate::api::jwt_templates::JwtTemplate>,
    pub engines: Vec<crate::api::engines::Engine>,
    /// Ordered; `[]` = nothing configured.
    pub scope_mappings: Vec<crate::api::scope_claims::ScopeMapping>,
    pub inbound_apps: Vec<crate::api::inbound_apps::InboundApp>,
    /// Seeded only (users grant consents in flows).
    pub consents: Vec<crate::api::inbound_apps::Consent>,
    pub outbound_apps: Vec<crate::api::outbound_apps::OutboundApp>,
    pub outbound_tokens: Vec<crate::api::outbound_apps::OutboundToken>,
    pub authz: crate::api::authz::Authz,
    pub fga: crate::api::fga::Fga,
    pub flows: Vec<crate::api::flows::Flow>,
    /// What `flow.run` answers, by flow ID (`""` = every flow); set by the admin endpoint.
    pub flow_outputs: Vec<(String, Value)>,
    /// Runs of `flow.run`, oldest first (admin view).
    pub flow_runs: Vec<Value>,
    /// `""` = the default ID `theme`.
    pub theme_id: String,
    pub theme_css: Map<String, Value>,
    /// `management.project` (reference §14).
    pub project_name: String,
    pub project_environment: String,
    pub project_tags: Vec<String>,
    /// Projects cloned from this one (only the first project holds any).
    pub clones: Vec<Store>,
    pub is_clone: bool,
    /// Set by `project.delete` on a clone; the dispatcher then removes it.
    pub deleted: bool,
    /// Set from the config when the emulator starts; values Descope derives from the
    /// project (SSO issuer and IdP URLs) are computed from it when rendering.
    pub project_id: String,
    /// Drives IDs and tokens, so a reset replays the same IDs.
    pub counter: u64,
    /// Numbers audit records; separate from `counter` so recording a call does not change
    /// the IDs later calls generate.
    pub audit_seq: u64,
}

/// The audit log keeps at most this many events (oldest dropped first).
pub const AUDIT_CAPACITY: usize = 10_000;

impl Store {
    /// Whether `id` names this project (or one cloned from it).
    pub fn knows_project(&self, id: &str) -> bool {
        id == self.project_id || self.clones.iter().any(|c| c.project_id == id)
    }

    /// A user by login ID first, then by user ID (the `loginId` key may hold either).
    pub fn find(&self, id: &str) -> Option<usize> {
        if id.is_empty() {
            return None;
        }
        self.users
            .iter()
            .position(|u| u.has_login_id(id))
            .or_else(|| self.find_user_id(id))
    }

    pub fn find_user_id(&self, user_id: &str) -> Option<usize> {
        self.users.iter().position(|u| u.user_id == user_id)
    }

    pub fn find_or_404(&self, id: &str) -> ApiResult<usize> {
        self.find(id).ok_or_else(ApiError::user_not_found)
    }

    /// Which user (other than `except`) holds this login ID.
    pub fn login_id_owner(&self, login_id: &str, except: Option<usize>) -> Option<usize> {
        self.users
            .iter()
            .enumerate()
            .find(|(i, u)| Some(*i) != except && u.has_login_id(login_id))
            .map(|(i, _)| i)
    }

    pub fn tenant(&self, id: &str) -> Option<&Tenant> {
        self.tenants.iter().find(|t| t.id == id)
    }

    pub fn role_by_id(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The role named `name` in exactly this scope (`""` = project roles).
    pub fn find_role(&self, tenant_id: &str, name: &str) -> Option<&Role> {
        self.roles
            .iter()
            .find(|r| r.tenant_id == tenant_id && r.name == name)
    }

    /// A role usable inside `tenant_id`: that tenant's role of this name, else the project one.
    pub fn resolve_role(&self, tenant_id: &str, name: &str) -> Option<&Role> {
        let own = (!tenant_id.is_empty())
            .then(|| self.find_role(tenant_id, name))
            .flatten();
        own.or_else(|| self.find_role("", name))
    }

    /// Role names to IDs in a scope (`""` = project). A name that resolves to nothing is kept
    /// as is: only unvalidated input (a failed batch entry being echoed) can hold one, and it
    /// then renders as the name it was.
    pub fn role_ids(&self, tenant_id: &str, names: &[String]) -> Vec<String> {
        let ids = names.iter().map(|n| {
            self.resolve_role(tenant_id, n)
                .map(|r| r.id.clone())
                .unwrap_or_else(|| n.clone())
        });
        crate::input::dedup(ids.collect())
    }

    pub fn role_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.role_by_id(id).map(|r| r.name.as_str()).unwrap_or(id)
    }

    pub fn role_names(&self, ids: &[String]) -> Vec<String> {
        ids.iter()
            .map(|id| self.role_name(id).to_string())
            .collect()
    }

    /// Union of the roles' permission names, in first-seen order.
    pub fn role_permissions(&self, ids: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for p in ids
            .iter()
            .filter_map(|id| self.role_by_id(id))
            .flat_map(|r| r.permission_ids.iter())
        {
            let name = self.permission_name(p).to_string();
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    pub fn permission_by_id(&self, id: &str) -> Option<&Permission> {
        self.permissions.iter().find(|p| p.id == id)
    }

    pub fn permission(&self, name: &str) -> Option<&Permission> {
        self.permissions.iter().find(|p| p.name == name)
    }

    pub fn permission_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.permission_by_id(id)
            .map(|p| p.name.as_str())
            .unwrap_or(id)
    }

    /// A fresh ID: `prefix` + letters/digits up to `len` characters, unused by `taken`.
    pub fn new_id(
        &mut self,
        prefix: &str,
        len: usize,
        taken: impl Fn(&Store, &str) -> bool,
    ) -> String {
        loop {
            let id = format!(
                "{prefix}{}",
                self.random_chars(len.saturating_sub(prefix.len()))
            );
            if !taken(self, &id) {
                return id;
            }
        }
    }

    pub fn attr(&self, name: &str) -> Option<&AttrDef> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// The next audit record ID (`AU2…`, 28 characters).
    pub fn new_audit_id(&mut self) -> String {
        self.audit_seq += 1;
        crate::seed::stable_id("AU2", &self.audit_seq.to_string(), 28)
    }

    /// The next pseudo-random 64-bit value of the project's deterministic sequence.
    pub fn next_random(&mut self) -> u64 {
        self.counter += 1;
        splitmix(self.counter)
    }

    /// `U2` + 26 letters/digits, like the real service's IDs.
    pub fn new_user_id(&mut self) -> String {
        loop {
            let id = format!("U2{}", self.random_chars(26));
            if self.find_user_id(&id).is_none() {
                return id;
            }
        }
    }

    pub fn random_chars(&mut self, n: usize) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let mut out = String::with_capacity(n);
        let mut bits = self.next_random();
        for i in 0..n {
            if i % 10 == 9 {
                bits = self.next_random();
            }
            out.push(char::from(ALPHABET[(bits % 62) as usize]));
            bits /= 62;
        }
        out
    }

    /// Project roles, by name.
    pub fn check_roles(&self, roles: &[String]) -> ApiResult<()> {
        self.check_tenant_roles("", roles)
    }

    /// Roles usable inside a tenant (its own roles or project roles), by name.
    pub fn check_tenant_roles(&self, tenant_id: &str, roles: &[String]) -> ApiResult<()> {
        match roles
            .iter()
            .find(|r| self.resolve_role(tenant_id, r).is_none())
        {
            None => Ok(()),
            Some(r) => Err(ApiError::invalid(format!("role \"{r}\" does not exist"))),
        }
    }

    pub fn check_tenant(&self, id: &str) -> ApiResult<()> {
        match self.tenant(id) {
            Some(_) => Ok(()),
            None => Err(ApiError::invalid(format!("tenant \"{id}\" does not exist"))),
        }
    }

    /// Validates one custom attribute value; `Ok(None)` means "remove" (a `null`).
    pub fn check_attr(&self, key: &str, value: &Value) -> ApiResult<Option<Value>> {
        let Some(def) = self.attr(key) else {
            return Err(ApiError::invalid(format!(
                "unknown custom attribute \"{key}\""
            )));
        };
        if value.is_null() {
            return Ok(None);
        }
        def.check(value)?;
        Ok(Some(value.clone()))
    }

    /// The user as the real service renders it: every key, empty defaults included.
    /// Tenant names, role names and permissions are joined here, at read time.
    pub fn render(&self, u: &User) -> Value {
        let tenants: Vec<Value> = u
            .tenants
            .iter()
            .map(|t| {
                json!({
                    "tenantId": t.tenant_id,
                    "tenantName": self.tenant(&t.tenant_id).map(|x| x.name.as_str()).unwrap_or(""),
                    "roleNames": self.role_names(&t.role_ids),
                    "permissions": self.role_permissions(&t.role_ids),
                })
            })
            .collect();
        json!({
            "userId": u.user_id,
            "loginIds": u.login_ids,
            "name": u.name,
            "givenName": u.given_name,
            "middleName": u.middle_name,
            "familyName": u.family_name,
            "email": u.email,
            "phone": u.phone,
            "verifiedEmail": u.verified_email,
            "verifiedPhone": u.verified_phone,
            "roleNames": self.role_names(&u.role_ids),
            "userTenants": tenants,
            "status": u.status,
            "externalIds": u.external_ids,
            "picture": u.picture,
            "test": u.test,
            "customAttributes": u.custom_attributes,
            "createdTime": u.created_time,
            "TOTP": u.totp,
            "SAML": u.saml,
            "SCIM": u.scim,
            "OIDC": u.oidc,
            "OAuth": u.oauth,
            "webauthn": u.webauthn,
            "password": u.password,
            "push": u.push,
            "editable": u.editable,
            "permissions": self.role_permissions(&u.role_ids),
            "ssoAppIds": u.sso_app_ids,
        })
    }

    /// `{"user": {...}}` for the user at `idx`.
    pub fn wrap(&self, idx: usize) -> Value {
        match self.users.get(idx) {
            Some(u) => json!({ "user": self.render(u) }),
            None => json!({ "user": null }),
        }
    }

    /// The admin view: the user plus what the user object does not show.
    pub fn admin_view(&self, u: &User) -> Value {
        let e = &u.extra;
        json!({
            "user": self.render(u),
            "modifiedTime": e.modified_time,
            "passwordExpired": e.password_expired,
            "recoveryEmail": e.recovery_email,
            "recoveryEmailVerified": e.recovery_email_verified,
            "recoveryPhone": e.recovery_phone,
            "recoveryPhoneVerified": e.recovery_phone_verified,
            "lastLogout": e.last_logout,
            "logoutCount": e.logout_count,
            "lastLogoutSessionTypes": e.last_logout_session_types,
            "invitesSent": e.invites_sent,
            "lastInvite": e.last_invite,
            "recoveryCodes": e.recovery_codes,
            "totpSeed": e.totp_seed.is_some(),
            "passkeys": e.passkeys,
            "trustedDevices": e.trusted_devices,
            "providerTokens": e.provider_tokens,
            "history": e.history,
        })
    }
}

/// SplitMix64: a tiny, well-mixed deterministic generator.
pub fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_look_real_and_repeat_after_reset() {
        let mut a = Store::default();
        let mut b = Store::default();
        let id = a.new_user_id();
        assert_eq!(id.len(), 28);
        assert!(id.starts_with("U2"));
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(id, b.new_user_id());
        assert_ne!(id, a.new_user_id());
    }

    #[test]
    fn attr_types_are_checked() {
        let plan = AttrDef::new("plan", AttrType::SingleSelect, "Plan", &["free", "pro"]);
        assert!(plan.check(&json!("pro")).is_ok());
        let e = plan.check(&json!("gold")).unwrap_err();
        assert!(e.description.contains("\"plan\""), "{}", e.description);
        assert!(e.description.contains("free, pro"), "{}", e.description);
        let seats = AttrDef::new("seats", AttrType::Numeric, "Seats", &[]);
        assert!(seats.check(&json!(3)).is_ok());
        assert!(seats.check(&json!("3")).is_err());
    }
}
