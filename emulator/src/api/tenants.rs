//! `management.tenant` (reference §2): tenants and sub-tenants, tenant settings, default
//! roles and the self-service SSO setup links.

use serde_json::{json, Map, Value};

use super::{empty, Call};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::store::{SsoLink, Store, Tenant};

const ROLE_INHERITANCE: &[&str] = &["", "none", "userOnly"];
const UNITS: &[&str] = &["", "minutes", "hours", "days", "weeks"];
const AUTH_TYPES: &[&str] = &["none", "saml", "oidc"];
/// Lifetime of a setup link when `expireTime` is 0 (the README example uses 24 h).
const DEFAULT_LINK_SECS: i64 = 86_400;

/// Fields create and update share; update overwrites every one of them.
pub struct TenantFields {
    pub name: String,
    pub self_provisioning_domains: Vec<String>,
    pub custom_attributes: Map<String, Value>,
    pub enforce_sso: bool,
    pub enforce_sso_exclusions: Vec<String>,
    pub disabled: bool,
    pub role_inheritance: String,
    pub federated_app_ids: Vec<String>,
}

impl TenantFields {
    pub fn read(o: &mut Obj) -> ApiResult<TenantFields> {
        let f = TenantFields {
            name: o.req_str(&["name"])?,
            self_provisioning_domains: o
                .str_list(&["selfProvisioningDomains"])?
                .unwrap_or_default(),
            custom_attributes: read_custom_attributes(o, "customAttributes")?,
            enforce_sso: o.bool(&["enforceSSO"])?.unwrap_or(false),
            enforce_sso_exclusions: o.str_list(&["enforceSSOExclusions"])?.unwrap_or_default(),
            disabled: o.bool(&["disabled"])?.unwrap_or(false),
            role_inheritance: o.str(&["roleInheritance"])?.unwrap_or_default(),
            federated_app_ids: o.str_list(&["federatedAppIds"])?.unwrap_or_default(),
        };
        one_of(
            &f.role_inheritance,
            &o.name("roleInheritance"),
            ROLE_INHERITANCE,
        )?;
        Ok(f)
    }

    /// The name is free (except for the tenant `except`), the linked SSO apps exist.
    pub fn validate(&self, store: &Store, except: Option<&str>) -> ApiResult<()> {
        let taken = store
            .tenants
            .iter()
            .any(|t| Some(t.id.as_str()) != except && t.name == self.name);
        if taken {
            return Err(ApiError::duplicate("Tenant", "name", &self.name));
        }
        for app in &self.federated_app_ids {
            if store.sso_apps.iter().all(|a| a.id != *app) {
                return Err(ApiError::not_found("SSO application", app));
            }
        }
        Ok(())
    }

    pub fn apply(self, t: &mut Tenant) {
        t.name = self.name;
        t.self_provisioning_domains = crate::input::dedup(self.self_provisioning_domains);
        t.custom_attributes = self.custom_attributes;
        t.enforce_sso = self.enforce_sso;
        t.enforce_sso_exclusions = self.enforce_sso_exclusions;
        t.disabled = self.disabled;
        t.role_inheritance = self.role_inheritance;
        t.federated_app_ids = crate::input::dedup(self.federated_app_ids);
    }
}

pub fn one_of(value: &str, name: &str, allowed: &[&str]) -> ApiResult<()> {
    if allowed.contains(&value) {
        return Ok(());
    }
    let shown: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
    Err(ApiError::invalid(format!(
        "\"{name}\" must be one of {}, not \"{value}\"",
        shown.join(", ")
    )))
}

/// Tenant and access-key custom attributes: the emulator has no schema for them, so only
/// the value types of reference §2.2 are checked (string, number, boolean, string array);
/// `null` drops the key.
pub fn read_custom_attributes(o: &mut Obj, key: &str) -> ApiResult<Map<String, Value>> {
    let Some(map) = o.map(&[key])? else {
        return Ok(Map::new());
    };
    let mut out = Map::new();
    for (k, v) in map {
        let ok = match &v {
            Value::Null => continue,
            Value::String(_) | Value::Number(_) | Value::Bool(_) => true,
            Value::Array(items) => items.iter().all(Value::is_string),
            Value::Object(_) => false,
        };
        if !ok {
            return Err(ApiError::invalid(format!(
                "\"{}.{k}\" must be a string, number, boolean or array of strings",
                o.name(key)
            )));
        }
        out.insert(k, v);
    }
    Ok(out)
}

/// The tenant's index, or `Tenant not found`.
pub fn tenant_index(store: &Store, id: &str) -> ApiResult<usize> {
    store
        .tenants
        .iter()
        .position(|t| t.id == id)
        .ok_or_else(|| ApiError::not_found("Tenant", id))
}

/// `create` and `createWithId`: `{id?, name, …, parent?}` → `{id}`.
pub fn create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    // Go sends `id: ""` and Python `id: null` on create: both mean "generate one".
    let id = o.str(&["id"])?.filter(|s| !s.is_empty());
    let fields = TenantFields::read(&mut o)?;
    let parent = o.str(&["parent"])?.unwrap_or_default();
    o.finish()?;
    if let Some(id) = &id {
        if store.tenant(id).is_some() {
            return Err(ApiError::duplicate("Tenant", "id", id));
        }
    }
    fields.validate(store, None)?;
    if !parent.is_empty() && store.tenant(&parent).is_none() {
        return Err(ApiError::not_found("Tenant", &parent)
            .with_message(format!("Parent tenant \"{parent}\" not found")));
    }
    let id = match id {
        Some(id) => id,
        None => store.new_id("T2", 28, |s, id| s.tenant(id).is_some()),
    };
    let mut t = Tenant::new(id.clone(), String::new(), call.now);
    fields.apply(&mut t);
    t.parent = parent;
    store.tenants.push(t);
    Ok(json!({ "id": id }))
}

/// Full overwrite of the fields of `TenantFields`; the parent cannot change.
pub fn update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    let fields = TenantFields::read(&mut o)?;
    o.finish()?;
    let idx = tenant_index(store, &id)?;
    fields.validate(store, Some(&id))?;
    fields.apply(&mut store.tenants[idx]);
    Ok(empty())
}

/// `{id, defaultRoles}`: project role names; `[]` clears.
pub fn update_default_roles(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    let roles = o.str_list(&["defaultRoles"])?;
    let roles = o.require(roles, "defaultRoles");
    o.finish()?;
    let idx = tenant_index(store, &id)?;
    let ids = super::roles::project_role_ids(store, &roles)?;
    store.tenants[idx].default_roles = ids;
    Ok(empty())
}

/// Removes the tenant, its roles, SSO configurations, settings and groups, and every user's
/// and access key's association with it. With `cascade`, users and keys that had it and are
/// left with no tenant at all are deleted too. A tenant with sub-tenants is refused (the
/// reference leaves this open; refusing loses nothing).
pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    let cascade = o.bool(&["cascade"])?.unwrap_or(false);
    o.finish()?;
    let idx = tenant_index(store, &id)?;
    if let Some(child) = store.tenants.iter().find(|t| t.parent == id) {
        return Err(
            ApiError::invalid("Tenant has sub-tenants").with_message(format!(
                "Tenant \"{id}\" has sub-tenants (\"{}\"); delete them first",
                child.id
            )),
        );
    }
    store.tenants.remove(idx);
    let tenant_roles: Vec<String> = store
        .roles
        .iter()
        .filter(|r| r.tenant_id == id)
        .map(|r| r.id.clone())
        .collect();
    super::roles::remove_roles(store, &tenant_roles);
    store.users.retain_mut(|u| {
        let had = u.tenant(&id).is_some();
        u.tenants.retain(|t| t.tenant_id != id);
        !(cascade && had && u.tenants.is_empty())
    });
    store.access_keys.retain_mut(|k| {
        let had = k.tenants.iter().any(|t| t.tenant_id == id);
        k.tenants.retain(|t| t.tenant_id != id);
        !(cascade && had && k.tenants.is_empty())
    });
    store.groups.retain(|g| g.tenant_id != id);
    Ok(empty())
}

/// `GET /v1/mgmt/tenant?id=`: the tenant object itself, not wrapped (reference §1.3).
pub fn load(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut q = call.query_obj()?;
    let id = q.req_str(&["id"])?;
    q.finish()?;
    let idx = tenant_index(store, &id)?;
    Ok(store.render_tenant(&store.tenants[idx]))
}

pub fn load_all(store: &mut Store, call: &Call) -> ApiResult<Value> {
    call.query_obj()?.finish()?;
    let tenants: Vec<Value> = store
        .tenants
        .iter()
        .map(|t| store.render_tenant(t))
        .collect();
    Ok(json!({ "tenants": tenants }))
}

/// Filters AND together, the values of one list OR; empty lists filter nothing.
pub fn search(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let list = |o: &mut Obj, k: &str| o.str_list(&[k]).map(Option::unwrap_or_default);
    let ids = list(&mut o, "tenantIds")?;
    let names = list(&mut o, "tenantNames")?;
    let domains = list(&mut o, "tenantSelfProvisioningDomains")?;
    let sso_domains = list(&mut o, "tenantSSODomains")?;
    let custom = o.map(&["customAttributes"])?.unwrap_or_default();
    let parent = o.str(&["parentTenantId"])?.unwrap_or_default();
    let auth_type = o.str(&["authType"])?.unwrap_or_default();
    let top_level_only = o.bool(&["topLevelOnly"])?.unwrap_or(false);
    o.finish()?;
    let any =
        |want: &[String], have: &[String]| want.is_empty() || want.iter().any(|w| have.contains(w));
    let tenants: Vec<Value> = store
        .tenants
        .iter()
        .filter(|t| {
            (ids.is_empty() || ids.contains(&t.id))
                && (names.is_empty() || names.contains(&t.name))
                && any(&domains, &t.self_provisioning_domains)
                && any(&sso_domains, &t.domains())
                && (parent.is_empty() || t.parent == parent)
                && (auth_type.is_empty() || t.auth_type() == auth_type)
                && (!top_level_only || t.parent.is_empty())
                && custom.iter().all(|(k, want)| {
                    want.is_null()
                        || t.custom_attributes
                            .get(k)
                            .is_some_and(|have| attr_equals(have, want))
                })
        })
        .map(|t| store.render_tenant(t))
        .collect();
    Ok(json!({ "tenants": tenants }))
}

/// Equality, where a stored array matches any of its elements and a wanted array any of its.
pub fn attr_equals(have: &Value, want: &Value) -> bool {
    match (have, want) {
        (_, Value::Array(wanted)) => wanted.iter().any(|w| attr_equals(have, w)),
        (Value::Array(items), w) => items.iter().any(|i| attr_equals(i, w)),
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (a, b) => a == b,
    }
}

// ---------------------------------------------------------------- settings

/// Session keys of the settings object (server spellings), with node's spellings accepted.
const SESSION_INTS: &[(&str, &[&str])] = &[
    ("refreshTokenExpiration", &["refreshTokenExpiration"]),
    ("sessionTokenExpiration", &["sessionTokenExpiration"]),
    ("stepupTokenExpiration", &["stepupTokenExpiration"]),
    ("inactivityTime", &["inactivityTime", "InactivityTime"]),
];
const SESSION_UNITS: &[(&str, &[&str])] = &[
    (
        "refreshTokenExpirationUnit",
        &["refreshTokenExpirationUnit"],
    ),
    (
        "sessionTokenExpirationUnit",
        &["sessionTokenExpirationUnit"],
    ),
    ("stepupTokenExpirationUnit", &["stepupTokenExpirationUnit"]),
    (
        "inactivityTimeUnit",
        &["inactivityTimeUnit", "InactivityTimeUnit"],
    ),
];
const SESSION_BOOLS: &[(&str, &[&str])] = &[
    ("enabled", &["enabled", "sessionSettingsEnabled"]),
    ("enableInactivity", &["enableInactivity"]),
    ("JITDisabled", &["JITDisabled"]),
];
const SUITE_FEATURES: &[&str] = &["saml", "oidc", "scim", "ssoDomains", "groupMapping"];

fn unit_secs(unit: &str) -> i64 {
    match unit {
        "hours" => 3600,
        "days" => 86_400,
        "weeks" => 7 * 86_400,
        _ => 60,
    }
}

/// `ssoSetupSuiteSettings`, strictly, normalised to every key.
fn read_suite(o: &mut Obj) -> ApiResult<Value> {
    let Some(mut s) = o.obj(&["ssoSetupSuiteSettings"])? else {
        return Ok(Value::Null);
    };
    let enabled = s.bool(&["enabled"])?.unwrap_or(false);
    let style = s.str(&["styleId"])?.unwrap_or_default();
    let mut features = Map::new();
    let given = s.obj(&["disabledFeatures"])?;
    if let Some(mut f) = given {
        for key in SUITE_FEATURES {
            features.insert((*key).into(), f.bool(&[key])?.unwrap_or(false).into());
        }
        f.finish()?;
    }
    s.finish()?;
    for key in SUITE_FEATURES {
        features.entry(*key).or_insert(Value::Bool(false));
    }
    Ok(json!({ "enabled": enabled, "styleId": style, "disabledFeatures": features }))
}

fn suite_or_default(v: Option<&Value>) -> Value {
    match v {
        Some(v) if !v.is_null() => v.clone(),
        _ => {
            let features: Map<String, Value> = SUITE_FEATURES
                .iter()
                .map(|k| ((*k).to_string(), Value::Bool(false)))
                .collect();
            json!({ "enabled": false, "styleId": "", "disabledFeatures": features })
        }
    }
}

/// The flat settings object of `getSettings`; every key with its zero value when unset.
pub fn render_settings(t: &Tenant) -> Value {
    let s = &t.settings;
    let mut out = Map::new();
    out.insert(
        "selfProvisioningDomains".into(),
        json!(t.self_provisioning_domains),
    );
    out.insert("domains".into(), json!(t.domains()));
    out.insert("authType".into(), json!(t.auth_type()));
    for (key, _) in SESSION_BOOLS {
        out.insert((*key).into(), s.get(*key).cloned().unwrap_or(json!(false)));
    }
    for (key, _) in SESSION_INTS {
        out.insert((*key).into(), s.get(*key).cloned().unwrap_or(json!(0)));
    }
    for (key, _) in SESSION_UNITS {
        out.insert((*key).into(), s.get(*key).cloned().unwrap_or(json!("")));
    }
    out.insert(
        "ssoSetupSuiteSettings".into(),
        suite_or_default(s.get("ssoSetupSuiteSettings")),
    );
    out.insert("enforceSSO".into(), json!(t.enforce_sso));
    out.insert(
        "enforceSSOExclusions".into(),
        json!(t.enforce_sso_exclusions),
    );
    out.insert("federatedAppIds".into(), json!(t.federated_app_ids));
    Value::Object(out)
}

/// `GET /v1/mgmt/tenant/settings?id=` (the query key is `id`).
pub fn get_settings(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut q = call.query_obj()?;
    let id = q.req_str(&["id"])?;
    q.finish()?;
    let idx = tenant_index(store, &id)?;
    Ok(render_settings(&store.tenants[idx]))
}

/// `{...settings, tenantId}`: a full overwrite, absent keys go back to their zero values
/// (reference §2.3). `domains` are the default SSO configuration's domains, `authType` its
/// protocol.
pub fn configure_settings(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["tenantId"])?;
    let spd = o
        .str_list(&["selfProvisioningDomains"])?
        .unwrap_or_default();
    let domains = o.str_list(&["domains"])?.unwrap_or_default();
    let auth_type = o.str(&["authType"])?.filter(|a| !a.is_empty());
    if let Some(a) = &auth_type {
        one_of(a, "authType", AUTH_TYPES)?;
    }
    let mut session = Map::new();
    for (key, spellings) in SESSION_BOOLS {
        if let Some(b) = o.bool(spellings)? {
            session.insert((*key).into(), b.into());
        }
    }
    for (key, spellings) in SESSION_INTS {
        if let Some(n) = o.int(spellings)? {
            if n < 0 {
                return Err(ApiError::invalid(format!("\"{key}\" must not be negative")));
            }
            session.insert((*key).into(), n.into());
        }
    }
    for (key, spellings) in SESSION_UNITS {
        if let Some(u) = o.str(spellings)? {
            one_of(&u, key, UNITS)?;
            session.insert((*key).into(), u.into());
        }
    }
    let suite = read_suite(&mut o)?;
    if !suite.is_null() {
        session.insert("ssoSetupSuiteSettings".into(), suite);
    }
    let enforce_sso = o.bool(&["enforceSSO"])?.unwrap_or(false);
    let exclusions = o.str_list(&["enforceSSOExclusions"])?.unwrap_or_default();
    let federated = o.str_list(&["federatedAppIds"])?.unwrap_or_default();
    o.finish()?;
    let idx = tenant_index(store, &id)?;
    check_session(&session)?;
    super::sso::check_domains_free(store, &id, &domains)?;
    for app in &federated {
        if store.sso_apps.iter().all(|a| a.id != *app) {
            return Err(ApiError::not_found("SSO application", app));
        }
    }
    let t = &mut store.tenants[idx];
    t.self_provisioning_domains = crate::input::dedup(spd);
    t.settings = session;
    t.enforce_sso = enforce_sso;
    t.enforce_sso_exclusions = exclusions;
    t.federated_app_ids = crate::input::dedup(federated);
    if let Some(default) = t.sso.first_mut() {
        default.domains = crate::input::dedup(domains);
        default.auth_type = auth_type.unwrap_or_else(|| "none".into());
    }
    Ok(empty())
}

/// With custom session settings enabled: a session lasts at least 3 minutes and no longer
/// than the refresh token (reference §2.3).
fn check_session(s: &Map<String, Value>) -> ApiResult<()> {
    if s.get("enabled") != Some(&Value::Bool(true)) {
        return Ok(());
    }
    let secs = |k: &str| {
        let n = s.get(k).and_then(Value::as_i64).unwrap_or(0);
        let unit = s
            .get(&format!("{k}Unit"))
            .and_then(Value::as_str)
            .unwrap_or("");
        n * unit_secs(unit)
    };
    let session = secs("sessionTokenExpiration");
    let refresh = secs("refreshTokenExpiration");
    if session > 0 && session < 180 {
        return Err(ApiError::invalid(
            "the session token expiration must be at least 3 minutes",
        ));
    }
    if session > 0 && refresh > 0 && session > refresh {
        return Err(ApiError::invalid(
            "the session token expiration must not exceed the refresh token expiration",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------- SSO setup links

/// `{tenantId, expireTime (seconds), ssoId?, email?, templateId?, actorId?}` →
/// `{adminSSOConfigurationLink}`. Only a hash of the link's token is kept.
pub fn generate_sso_link(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["tenantId"])?;
    let expire = o.int(&["expireTime"])?.unwrap_or(0);
    let sso_id = o.str(&["ssoId"])?.unwrap_or_default();
    let email = o.str(&["email"])?.unwrap_or_default();
    let template_id = o.str(&["templateId"])?.unwrap_or_default();
    let actor_id = o.str(&["actorId"])?.unwrap_or_default();
    o.finish()?;
    if expire < 0 {
        return Err(ApiError::invalid("\"expireTime\" must not be negative"));
    }
    let idx = tenant_index(store, &id)?;
    let t = &mut store.tenants[idx];
    let Some(cfg) = t.sso_index(&sso_id) else {
        return Err(ApiError::not_found("SSO configuration", &sso_id));
    };
    let sso_id = t.sso[cfg].sso_id.clone();
    let token = crate::crypto::random_token(40);
    let secs = if expire == 0 {
        DEFAULT_LINK_SECS
    } else {
        expire
    };
    t.sso_links.push(SsoLink {
        sso_id,
        expire_time: call.now.saturating_add(secs),
        email,
        template_id,
        actor_id,
        token_hash: crate::crypto::hex(&crate::crypto::sha256(token.as_bytes())),
    });
    let link = format!(
        "http://localhost/sso-setup/{}?t={token}",
        call.config.project_id
    );
    Ok(json!({ "adminSSOConfigurationLink": link }))
}

/// Revokes every link of that tenant and SSO configuration.
pub fn revoke_sso_link(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["tenantId"])?;
    let sso_id = o.str(&["ssoId"])?.unwrap_or_default();
    o.finish()?;
    let idx = tenant_index(store, &id)?;
    let t = &mut store.tenants[idx];
    let Some(cfg) = t.sso_index(&sso_id) else {
        return Err(ApiError::not_found("SSO configuration", &sso_id));
    };
    let target = t.sso[cfg].sso_id.clone();
    t.sso_links.retain(|l| l.sso_id != target);
    Ok(empty())
}

impl Store {
    /// The tenant object (reference §2.2), every key present; `successors` are the direct
    /// children, `defaultRoles` role names, `domains`/`authType` from the SSO configurations.
    pub fn render_tenant(&self, t: &Tenant) -> Value {
        let successors: Vec<&str> = self
            .tenants
            .iter()
            .filter(|c| c.parent == t.id)
            .map(|c| c.id.as_str())
            .collect();
        json!({
            "id": t.id,
            "name": t.name,
            "selfProvisioningDomains": t.self_provisioning_domains,
            "customAttributes": t.custom_attributes,
            "createdTime": t.created_time,
            "domains": t.domains(),
            "authType": t.auth_type(),
            "enforceSSO": t.enforce_sso,
            "enforceSSOExclusions": t.enforce_sso_exclusions,
            "disabled": t.disabled,
            "defaultRoles": self.role_names(&t.default_roles),
            "parent": t.parent,
            "successors": successors,
            "roleInheritance": t.role_inheritance,
            "federatedAppIds": t.federated_app_ids,
        })
    }
}

impl Store {
    /// `GET /emulator/tenants`: the tenant, its settings, SSO configurations and links.
    pub fn admin_tenant(&self, t: &Tenant) -> Value {
        let links: Vec<Value> = t
            .sso_links
            .iter()
            .map(|l| {
                json!({
                    "ssoId": l.sso_id,
                    "expireTime": l.expire_time,
                    "email": l.email,
                    "templateId": l.template_id,
                    "actorId": l.actor_id,
                })
            })
            .collect();
        let sso: Vec<Value> = t
            .sso
            .iter()
            .map(|c| self.render_sso_envelope(t, c))
            .collect();
        json!({
            "tenant": self.render_tenant(t),
            "settings": render_settings(t),
            "sso": sso,
            "ssoLinks": links,
            "passwordSettings": t.password,
        })
    }
}
