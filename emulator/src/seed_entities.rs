//! Seed sections for the entities beyond users: `permissions`, `tenants`, `roles` (before
//! users), `accessKeys`, `groups`, `ssoApplications`, `audit` (after them). Each entry is
//! checked strictly, like a request; see the README for the format.

use serde_json::Value;

use crate::api::access_keys::{secret_hash, NewKey};
use crate::api::sso_apps::AppInput;
use crate::api::tenants::{read_custom_attributes, tenant_index, TenantFields};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::seed::{stable_id, SAMPLE_EPOCH};
use crate::store::{
    AppType, AuditEvent, Group, GroupMapping, Permission, Role, SsoConfig, Store, Tenant,
};

/// `permissions: [{id?, name, description?}]`. A replacing section keeps the system ones.
pub fn permissions(store: &mut Store, o: &mut Obj, replace: bool) -> ApiResult<()> {
    let Some(items) = o.list(&["permissions"])? else {
        return Ok(());
    };
    if replace {
        store.permissions.retain(|p| p.system_default);
    }
    for (i, item) in items.into_iter().enumerate() {
        let mut p = Obj::from_value(item, &format!("permissions[{i}]"))?;
        let name = p.req_str(&["name"])?;
        let id = p.str(&["id"])?.filter(|s| !s.is_empty());
        let description = p.str(&["description"])?.unwrap_or_default();
        p.finish()?;
        match store.permissions.iter_mut().find(|x| x.name == name) {
            Some(existing) if existing.system_default => {
                return Err(ApiError::invalid(format!(
                    "permissions[{i}]: \"{name}\" is a system permission"
                )))
            }
            Some(existing) => existing.description = description,
            None => {
                let id = id.unwrap_or_else(|| stable_id("PERM", &name, 28));
                if store.permission_by_id(&id).is_some() {
                    return Err(ApiError::invalid(format!(
                        "permissions[{i}]: duplicate id \"{id}\""
                    )));
                }
                store.permissions.push(Permission {
                    id,
                    name,
                    description,
                    system_default: false,
                });
            }
        }
    }
    // Roles keep only permissions that still exist.
    let known: Vec<String> = store.permissions.iter().map(|p| p.id.clone()).collect();
    for r in &mut store.roles {
        r.permission_ids.retain(|p| known.contains(p));
    }
    Ok(())
}

/// Tenant default roles wait until the roles are read: `(tenant index, role names)`.
pub type PendingDefaults = Vec<(String, Vec<String>)>;

/// `tenants: [{id, name?, …tenant fields, parent?, createdTime?, domains?, authType?,
/// ssoConfigurations?: [{ssoId, displayName?}]}]`.
pub fn tenants(store: &mut Store, o: &mut Obj, replace: bool) -> ApiResult<PendingDefaults> {
    let mut pending = Vec::new();
    let Some(items) = o.list(&["tenants"])? else {
        return Ok(pending);
    };
    if replace {
        store.tenants.clear();
    }
    for (i, item) in items.into_iter().enumerate() {
        let path = format!("tenants[{i}]");
        let mut t = Obj::from_value(item, &path)?;
        let id = t.req_str(&["id"])?;
        let name = match t.str(&["name"])? {
            Some(n) if !n.is_empty() => n,
            _ => id.clone(),
        };
        let fields = TenantFields {
            name,
            self_provisioning_domains: t
                .str_list(&["selfProvisioningDomains"])?
                .unwrap_or_default(),
            custom_attributes: read_custom_attributes(&mut t, "customAttributes")?,
            enforce_sso: t.bool(&["enforceSSO"])?.unwrap_or(false),
            enforce_sso_exclusions: t.str_list(&["enforceSSOExclusions"])?.unwrap_or_default(),
            disabled: t.bool(&["disabled"])?.unwrap_or(false),
            role_inheritance: t.str(&["roleInheritance"])?.unwrap_or_default(),
            federated_app_ids: t.str_list(&["federatedAppIds"])?.unwrap_or_default(),
        };
        // What project snapshots carry beyond the create body: session settings, password
        // policy (both server spellings, stored as given) and the SSO configurations whole.
        let settings = t.map(&["settings"])?;
        let password = t.map(&["passwordSettings"])?;
        let sso_details = match t.list(&["ssoDetails"])? {
            Some(items) => {
                let mut out = Vec::new();
                for (j, c) in items.into_iter().enumerate() {
                    let c = Obj::from_value(c, &format!("{path}.ssoDetails[{j}]"))?;
                    out.push(read_sso_details(c)?);
                }
                Some(out)
            }
            None => None,
        };
        let parent = t.str(&["parent"])?.unwrap_or_default();
        let created = t.int(&["createdTime"])?.unwrap_or(SAMPLE_EPOCH);
        let domains = t.str_list(&["domains"])?.unwrap_or_default();
        let auth_type = t.str(&["authType"])?.unwrap_or_else(|| "none".into());
        crate::api::tenants::one_of(&auth_type, &t.name("authType"), &["none", "saml", "oidc"])?;
        let defaults = t.str_list(&["defaultRoles"])?.unwrap_or_default();
        let mut configs = Vec::new();
        for (j, c) in t
            .list(&["ssoConfigurations"])?
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            let mut c = Obj::from_value(c, &format!("{path}.ssoConfigurations[{j}]"))?;
            let sso_id = c.req_str(&["ssoId"])?;
            let display = c.str(&["displayName"])?.unwrap_or_default();
            c.finish()?;
            configs.push(SsoConfig::new(sso_id, display));
        }
        t.finish()?;
        let taken = store
            .tenants
            .iter()
            .any(|x| x.id != id && x.name == fields.name);
        if taken {
            return Err(ApiError::invalid(format!(
                "{path}: tenant name \"{}\" already exists",
                fields.name
            )));
        }
        let mut tenant = match store.tenants.iter().position(|x| x.id == id) {
            Some(idx) => store.tenants.remove(idx),
            None => Tenant::new(id.clone(), String::new(), created),
        };
        fields.apply(&mut tenant);
        tenant.parent = parent;
        tenant.created_time = created;
        if let Some(default) = tenant.sso.first_mut() {
            default.domains = domains;
            default.auth_type = auth_type;
        }
        for c in configs {
            if tenant.sso_index(&c.sso_id).is_none() {
                tenant.sso.push(c);
            }
        }
        if let Some(s) = settings {
            tenant.settings = s;
        }
        if password.is_some() {
            tenant.password = password;
        }
        if let Some(mut list) = sso_details {
            // The default configuration (`ssoId: ""`) always exists and comes first.
            if !list.iter().any(|c| c.sso_id.is_empty()) {
                list.insert(0, SsoConfig::new(String::new(), String::new()));
            }
            list.sort_by_key(|c| !c.sso_id.is_empty());
            tenant.sso = list;
        }
        store.tenants.push(tenant);
        if !defaults.is_empty() {
            pending.push((id, defaults));
        }
    }
    // Parents must exist and not loop.
    for t in &store.tenants {
        let mut seen = vec![t.id.as_str()];
        let mut cur = t.parent.as_str();
        while !cur.is_empty() {
            let Some(p) = store.tenant(cur) else {
                return Err(ApiError::invalid(format!(
                    "tenant \"{}\": parent \"{cur}\" does not exist",
                    t.id
                )));
            };
            if seen.contains(&cur) {
                return Err(ApiError::invalid(format!(
                    "tenant \"{}\": parents form a loop",
                    t.id
                )));
            }
            seen.push(cur);
            cur = p.parent.as_str();
        }
    }
    Ok(pending)
}

/// One SSO configuration as snapshots carry it: `{ssoId ("" = default), displayName,
/// authType, domains, saml, samlGroups: [{roleId, groups}], samlDefaultRoles: [roleId],
/// oidc, oidcGroups, oidcDefaultRoles}`; the protocol blocks are the stored response keys.
fn read_sso_details(mut c: Obj) -> ApiResult<SsoConfig> {
    fn groups(c: &mut Obj, key: &str) -> ApiResult<Vec<GroupMapping>> {
        Ok(crate::api::common::read_items(c, key, |g| {
            Ok(GroupMapping {
                role_id: g.req_str(&["roleId"])?,
                groups: g.str_list(&["groups"])?.unwrap_or_default(),
            })
        })?
        .unwrap_or_default())
    }
    let mut cfg = SsoConfig::new(
        c.str(&["ssoId"])?.unwrap_or_default(),
        c.str(&["displayName"])?.unwrap_or_default(),
    );
    cfg.auth_type = c.str(&["authType"])?.unwrap_or_else(|| "none".into());
    crate::api::tenants::one_of(
        &cfg.auth_type,
        &c.name("authType"),
        &["none", "saml", "oidc"],
    )?;
    cfg.domains = c.str_list(&["domains"])?.unwrap_or_default();
    cfg.saml = c.map(&["saml"])?.unwrap_or_default();
    cfg.saml_groups = groups(&mut c, "samlGroups")?;
    cfg.saml_default_roles = c.str_list(&["samlDefaultRoles"])?.unwrap_or_default();
    cfg.oidc = c.map(&["oidc"])?.unwrap_or_default();
    cfg.oidc_groups = groups(&mut c, "oidcGroups")?;
    cfg.oidc_default_roles = c.str_list(&["oidcDefaultRoles"])?.unwrap_or_default();
    c.finish()?;
    Ok(cfg)
}

/// The inverse of `read_sso_details`.
pub fn sso_details_json(c: &SsoConfig) -> Value {
    let groups = |g: &[GroupMapping]| -> Vec<Value> {
        g.iter()
            .map(|m| serde_json::json!({ "roleId": m.role_id, "groups": m.groups }))
            .collect()
    };
    serde_json::json!({
        "ssoId": c.sso_id,
        "displayName": c.display_name,
        "authType": c.auth_type,
        "domains": c.domains,
        "saml": c.saml,
        "samlGroups": groups(&c.saml_groups),
        "samlDefaultRoles": c.saml_default_roles,
        "oidc": c.oidc,
        "oidcGroups": groups(&c.oidc_groups),
        "oidcDefaultRoles": c.oidc_default_roles,
    })
}

/// A project role declared because something mentioned it (no permissions).
pub fn declare_role(store: &mut Store, name: &str) -> String {
    let id = stable_id("ROL", name, 31);
    store.roles.push(Role {
        id: id.clone(),
        name: name.to_string(),
        description: String::new(),
        permission_ids: Vec::new(),
        tenant_id: String::new(),
        default: false,
        private: false,
        created_time: SAMPLE_EPOCH,
    });
    id
}

/// `roles: [{id?, name, description?, permissions | permissionNames?, tenantId?, default?,
/// private?, createdTime?}]`; permissions nobody declared are declared on the fly.
pub fn roles(store: &mut Store, o: &mut Obj, replace: bool) -> ApiResult<()> {
    let Some(items) = o.list(&["roles"])? else {
        return Ok(());
    };
    if replace {
        store.roles.clear();
    }
    for (i, item) in items.into_iter().enumerate() {
        let path = format!("roles[{i}]");
        let mut r = Obj::from_value(item, &path)?;
        let name = r.req_str(&["name"])?;
        let id = r.str(&["id"])?.filter(|s| !s.is_empty());
        let description = r.str(&["description"])?.unwrap_or_default();
        let perms = r
            .str_list(&["permissionNames", "permissions"])?
            .unwrap_or_default();
        let tenant_id = r.str(&["tenantId"])?.unwrap_or_default();
        let default = r.bool(&["default"])?.unwrap_or(false);
        let private = r.bool(&["private"])?.unwrap_or(false);
        let created = r.int(&["createdTime"])?.unwrap_or(SAMPLE_EPOCH);
        r.finish()?;
        if !tenant_id.is_empty() && store.tenant(&tenant_id).is_none() {
            return Err(ApiError::invalid(format!(
                "{path}: tenant \"{tenant_id}\" does not exist"
            )));
        }
        let mut permission_ids = Vec::new();
        for p in perms {
            let pid = match store.permission(&p) {
                Some(x) => x.id.clone(),
                None => {
                    let pid = stable_id("PERM", &p, 28);
                    store.permissions.push(Permission {
                        id: pid.clone(),
                        name: p,
                        description: String::new(),
                        system_default: false,
                    });
                    pid
                }
            };
            if !permission_ids.contains(&pid) {
                permission_ids.push(pid);
            }
        }
        // Re-seeding a role keeps its ID, so users holding it keep it.
        let existing = store
            .roles
            .iter()
            .position(|x| x.tenant_id == tenant_id && x.name == name);
        let scope_key = format!("{tenant_id}/{name}");
        let id = match (id, existing) {
            (Some(id), _) => id,
            (None, Some(idx)) => store.roles[idx].id.clone(),
            (None, None) if tenant_id.is_empty() => stable_id("ROL", &name, 31),
            (None, None) => stable_id("ROL", &scope_key, 31),
        };
        if let Some(idx) = existing {
            store.roles.remove(idx);
        }
        if store.role_by_id(&id).is_some() {
            return Err(ApiError::invalid(format!("{path}: duplicate id \"{id}\"")));
        }
        store.roles.push(Role {
            id,
            name,
            description,
            permission_ids,
            tenant_id,
            default,
            private,
            created_time: created,
        });
    }
    Ok(())
}

/// Resolves the `defaultRoles` of seeded tenants (project roles, declared if unknown).
pub fn tenant_default_roles(store: &mut Store, pending: PendingDefaults) -> ApiResult<()> {
    for (tenant_id, names) in pending {
        let mut ids = Vec::new();
        for n in names {
            let id = match store.find_role("", &n) {
                Some(r) => r.id.clone(),
                None => declare_role(store, &n),
            };
            ids.push(id);
        }
        let idx = tenant_index(store, &tenant_id)?;
        store.tenants[idx].default_roles = crate::input::dedup(ids);
    }
    Ok(())
}

/// Sections that refer to users.
pub fn after_users(store: &mut Store, o: &mut Obj) -> ApiResult<()> {
    access_keys(store, o)?;
    groups(store, o)?;
    sso_apps(store, o)?;
    audit(store, o)?;
    Ok(())
}

/// `audit: [{action, userId?, type?, actorId?, occurred? (ms), device?, method?, geo?,
/// remoteAddress?, externalIds? | loginIds?, tenants?, data?}]`, appended in order.
fn audit(store: &mut Store, o: &mut Obj) -> ApiResult<()> {
    for (i, item) in o
        .list(&["audit"])?
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let mut a = Obj::from_value(item, &format!("audit[{i}]"))?;
        let text = |a: &mut Obj, k: &str| a.str(&[k]).map(Option::unwrap_or_default);
        let event = AuditEvent {
            id: String::new(),
            action: a.req_str(&["action"])?,
            user_id: text(&mut a, "userId")?,
            kind: a.str(&["type"])?.unwrap_or_else(|| "info".into()),
            actor_id: text(&mut a, "actorId")?,
            occurred: a.int(&["occurred"])?.unwrap_or(SAMPLE_EPOCH * 1000),
            device: text(&mut a, "device")?,
            method: text(&mut a, "method")?,
            geo: text(&mut a, "geo")?,
            remote_address: text(&mut a, "remoteAddress")?,
            external_ids: a
                .str_list(&["externalIds", "loginIds"])?
                .unwrap_or_default(),
            tenants: a.str_list(&["tenants"])?.unwrap_or_default(),
            data: a.map(&["data"])?.unwrap_or_default(),
        };
        a.finish()?;
        let id = store.new_audit_id();
        store.audit.push(AuditEvent { id, ..event });
    }
    Ok(())
}

/// `ssoApplications: [{appType: "oidc" | "saml" | "wsfed", …the create body…, secret?}]`;
/// `secret` is an OIDC app's client secret (random when absent).
fn sso_apps(store: &mut Store, o: &mut Obj) -> ApiResult<()> {
    for (i, item) in o
        .list(&["ssoApplications"])?
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let path = format!("ssoApplications[{i}]");
        let mut a = Obj::from_value(item, &path)?;
        let type_name = a.req_str(&["appType"])?;
        let Some(t) = AppType::from_name(&type_name) else {
            return Err(ApiError::invalid(format!(
                "\"{path}.appType\" must be \"oidc\", \"saml\" or \"wsfed\""
            )));
        };
        let secret = a.str(&["secret"])?;
        let mut input = AppInput::read(&mut a, t)?;
        a.finish()?;
        if input.client_secret.is_none() {
            input.client_secret = secret;
        }
        crate::api::sso_apps::insert(store, t, input)
            .map_err(|e| ApiError::invalid(format!("{path}: {}", e.message)))?;
    }
    Ok(())
}

/// `groups: [{tenantId, id, display?, members?: [loginId | userId | {loginId | userId}],
/// source? ("scim" | "jit", default "scim"), ssoId?}]`. The tenant and users must exist.
fn groups(store: &mut Store, o: &mut Obj) -> ApiResult<()> {
    for (i, item) in o
        .list(&["groups"])?
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let path = format!("groups[{i}]");
        let mut g = Obj::from_value(item, &path)?;
        let tenant_id = g.req_str(&["tenantId"])?;
        let id = g.req_str(&["id"])?;
        let display = g.str(&["display"])?.unwrap_or_else(|| id.clone());
        let source = g.str(&["source"])?.unwrap_or_else(|| "scim".into());
        let sso_id = g.str(&["ssoId"])?.unwrap_or_default();
        let members = g.list(&["members"])?.unwrap_or_default();
        g.finish()?;
        crate::api::tenants::one_of(&source, &format!("{path}.source"), &["scim", "jit"])?;
        let Some(tenant) = store.tenant(&tenant_id) else {
            return Err(ApiError::invalid(format!(
                "{path}: tenant \"{tenant_id}\" does not exist"
            )));
        };
        let Some(cfg) = tenant.sso_index(&sso_id) else {
            return Err(ApiError::invalid(format!(
                "{path}: tenant \"{tenant_id}\" has no SSO configuration \"{sso_id}\""
            )));
        };
        let sso_id = tenant.sso[cfg].sso_id.clone();
        let mut ids = Vec::new();
        for (j, m) in members.into_iter().enumerate() {
            let who = match m {
                Value::String(s) => s,
                other => {
                    let mut mo = Obj::from_value(other, &format!("{path}.members[{j}]"))?;
                    let who = mo.str(&["loginId", "userId"])?.unwrap_or_default();
                    mo.str(&["display"])?;
                    mo.finish()?;
                    who
                }
            };
            let Some(u) = store.find(&who) else {
                return Err(ApiError::invalid(format!(
                    "{path}.members[{j}]: no user \"{who}\""
                )));
            };
            ids.push(store.users[u].user_id.clone());
        }
        store
            .groups
            .retain(|x| !(x.tenant_id == tenant_id && x.id == id));
        store.groups.push(Group {
            tenant_id,
            id,
            display,
            members: crate::input::dedup(ids),
            source,
            sso_id,
        });
    }
    Ok(())
}

/// `accessKeys: [{id?, name, …create fields…, boundUserId?, status?, createdTime?,
/// createdBy?, clientId?, editable?, cleartext?}]`. With `cleartext` that string is the key's
/// secret (only its hash is kept); without, nobody knows it. Roles and tenants nobody
/// declared are declared on the fly.
fn access_keys(store: &mut Store, o: &mut Obj) -> ApiResult<()> {
    for (i, item) in o
        .list(&["accessKeys"])?
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let path = format!("accessKeys[{i}]");
        let mut k = Obj::from_value(item, &path)?;
        let id = k.str(&["id"])?.filter(|s| !s.is_empty());
        let bound = k.str(&["boundUserId"])?;
        let status = k.str(&["status"])?.unwrap_or_else(|| "active".into());
        crate::api::tenants::one_of(&status, &k.name("status"), &["active", "inactive"])?;
        let created = k.int(&["createdTime"])?.unwrap_or(SAMPLE_EPOCH);
        let created_by = k.str(&["createdBy"])?.unwrap_or_default();
        let client_id = k.str(&["clientId"])?;
        let editable = k.bool(&["editable"])?.unwrap_or(true);
        let cleartext = k.str(&["cleartext"])?.filter(|s| !s.is_empty());
        let mut new = NewKey::read(&mut k)?;
        k.finish()?;
        new.id = id;
        if let Some(b) = bound {
            new.user_id = b;
        }
        for r in &new.role_names {
            if store.find_role("", r).is_none() {
                declare_role(store, r);
            }
        }
        for t in &new.tenants {
            if store.tenant(&t.tenant_id).is_none() {
                let tenant = Tenant::new(t.tenant_id.clone(), t.tenant_id.clone(), SAMPLE_EPOCH);
                store.tenants.push(tenant);
            }
            for r in &t.role_names {
                if store.resolve_role(&t.tenant_id, r).is_none() {
                    declare_role(store, r);
                }
            }
        }
        let hash = cleartext.as_deref().map(secret_hash);
        let (idx, _) = new
            .insert(
                store,
                created,
                &created_by,
                hash.or_else(|| Some(String::new())),
            )
            .map_err(|e| ApiError::invalid(format!("{path}: {}", e.message)))?;
        let key = &mut store.access_keys[idx];
        key.active = status == "active";
        key.editable = editable;
        if let Some(c) = client_id {
            key.client_id = c;
        }
        // Without a cleartext the secret is random and unknown: no key can match it.
        if key.secret_hash.is_empty() {
            key.secret_hash = secret_hash(&crate::crypto::random_token(48));
        }
    }
    Ok(())
}
