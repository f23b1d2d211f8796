//! Project snapshots (`project.exportSnapshot` / `importSnapshot` / `validateSnapshot`):
//! the emulator's own state as a map of files, each one a fragment of a seed document, so an
//! import is a seed applied over the project.
//!
//! Files: `project.json` (`{name, environment, tags, version}`), `<section>.json` holding
//! `{"<section>": …}` for `permissions`, `roles`, `tenants` (with their session and
//! password settings and SSO configurations), `customAttributes`, `passwordSettings`,
//! `users`, `accessKeys`, `groups`, `ssoApplications`, and the snapshot sections of the
//! issue-15 groups (`lists`, `jwtTemplates`, `engines`, `scopeClaimMappings`,
//! `inboundApps`, `outboundApps`, `authz`, `fga`, `theme`), and `flows/<id>.json` per flow.
//!
//! Secrets are never exported (access-key and engine secrets, SSO-app, inbound and outbound
//! client secrets). On import an entity that already exists (same ID) keeps its secret; a
//! new outbound application that had a client secret needs one in
//! `inputSecrets.outboundApps`, else the snapshot fails with a missing secret. Users'
//! per-user extras (passkeys, trusted devices, provider tokens, login history, recovery
//! contacts), company-level entities (management keys, descopers), the audit trail, audit
//! webhooks, consents and outbound tokens are not part of a snapshot.

use serde_json::{json, Map, Value};

use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::seed_rest::{OBJECT_SECTIONS, SECTIONS};
use crate::store::{AppType, Store};

pub const VERSION: i64 = 1;

/// Sections of the issue-14 groups and users, in the order a seed reads them.
const CORE: &[&str] = &[
    "permissions",
    "tenants",
    "roles",
    "customAttributes",
    "passwordSettings",
    "users",
    "accessKeys",
    "groups",
    "ssoApplications",
];

fn file(section: &str) -> String {
    format!("{section}.json")
}

/// Every section name a snapshot may hold (besides `project.json` and `flows/…`).
pub fn section_names() -> Vec<&'static str> {
    let mut out: Vec<&str> = CORE.to_vec();
    out.extend(SECTIONS.iter().filter(|s| s.snapshot).map(|s| s.name));
    out.extend(
        OBJECT_SECTIONS
            .iter()
            .filter(|s| s.snapshot)
            .map(|s| s.name),
    );
    out
}

fn core_section(store: &Store, name: &str) -> Value {
    match name {
        "permissions" => Value::Array(
            store
                .permissions
                .iter()
                .filter(|p| !p.system_default)
                .map(|p| json!({ "id": p.id, "name": p.name, "description": p.description }))
                .collect(),
        ),
        "roles" => Value::Array(
            store
                .roles
                .iter()
                .map(|r| {
                    json!({
                        "id": r.id,
                        "name": r.name,
                        "tenantId": r.tenant_id,
                        "description": r.description,
                        "permissionNames": r.permission_ids.iter()
                            .map(|p| store.permission_name(p)).collect::<Vec<_>>(),
                        "default": r.default,
                        "private": r.private,
                        "createdTime": r.created_time,
                    })
                })
                .collect(),
        ),
        "tenants" => Value::Array(
            store
                .tenants
                .iter()
                .map(|t| {
                    let mut v = json!({
                        "id": t.id,
                        "name": t.name,
                        "selfProvisioningDomains": t.self_provisioning_domains,
                        "customAttributes": t.custom_attributes,
                        "enforceSSO": t.enforce_sso,
                        "enforceSSOExclusions": t.enforce_sso_exclusions,
                        "disabled": t.disabled,
                        "parent": t.parent,
                        "roleInheritance": t.role_inheritance,
                        "federatedAppIds": t.federated_app_ids,
                        "createdTime": t.created_time,
                        "defaultRoles": store.role_names(&t.default_roles),
                        "settings": t.settings,
                        "ssoDetails": t.sso.iter()
                            .map(crate::seed_entities::sso_details_json).collect::<Vec<_>>(),
                    });
                    if let Some(p) = &t.password {
                        v["passwordSettings"] = Value::Object(p.clone());
                    }
                    v
                })
                .collect(),
        ),
        "customAttributes" => Value::Array(store.attrs.iter().map(|a| a.to_json()).collect()),
        "passwordSettings" => Value::Object(store.password.clone()),
        "users" => Value::Array(
            store
                .users
                .iter()
                .map(|u| {
                    let mut v = store.render(u);
                    v["modifiedTime"] = json!(u.extra.modified_time);
                    v
                })
                .collect(),
        ),
        "accessKeys" => Value::Array(
            store
                .access_keys
                .iter()
                .map(|k| store.render_key(k))
                .collect(),
        ),
        "groups" => Value::Array(
            store
                .groups
                .iter()
                .map(|g| {
                    json!({
                        "tenantId": g.tenant_id,
                        "id": g.id,
                        "display": g.display,
                        "members": g.members.iter()
                            .map(|m| json!({ "userId": m })).collect::<Vec<_>>(),
                        "source": g.source,
                        "ssoId": g.sso_id,
                    })
                })
                .collect(),
        ),
        "ssoApplications" => Value::Array(
            store
                .sso_apps
                .iter()
                .map(|a| {
                    let mut m = Map::new();
                    m.insert("appType".into(), json!(a.app_type.name()));
                    m.insert("id".into(), json!(a.id));
                    m.insert("name".into(), json!(a.name));
                    m.insert("description".into(), json!(a.description));
                    m.insert("enabled".into(), json!(a.enabled));
                    m.insert("logo".into(), json!(a.logo));
                    m.insert("customAttributes".into(), json!(a.custom_attributes));
                    for (k, v) in &a.settings {
                        m.insert(k.clone(), v.clone());
                    }
                    Value::Object(m)
                })
                .collect(),
        ),
        _ => Value::Null,
    }
}

/// The project as snapshot files.
pub fn export(store: &Store) -> Map<String, Value> {
    let mut files = Map::new();
    files.insert(
        "project.json".into(),
        json!({
            "name": store.project_name,
            "environment": store.project_environment,
            "tags": store.project_tags,
            "version": VERSION,
        }),
    );
    for name in CORE {
        files.insert(file(name), json!({ *name: core_section(store, name) }));
    }
    for s in SECTIONS.iter().filter(|s| s.snapshot) {
        if s.name == "flows" {
            for f in (s.export)(store) {
                let id = f["id"].as_str().unwrap_or_default().to_string();
                files.insert(format!("flows/{id}.json"), f);
            }
            continue;
        }
        files.insert(file(s.name), json!({ s.name: (s.export)(store) }));
    }
    for s in OBJECT_SECTIONS.iter().filter(|s| s.snapshot) {
        files.insert(file(s.name), json!({ s.name: (s.export)(store) }));
    }
    files
}

/// `inputSecrets`: `{connectors?, oauthProviders?, outboundApps?: [{id, name, type, value}]}`.
/// The emulator has no connectors or OAuth providers; their entries are checked and unused.
#[derive(Default)]
pub struct InputSecrets {
    pub outbound_apps: Vec<(String, String)>,
}

pub fn read_input_secrets(o: &mut Obj) -> ApiResult<InputSecrets> {
    let mut out = InputSecrets::default();
    let Some(mut s) = o.obj(&["inputSecrets"])? else {
        return Ok(out);
    };
    for key in ["connectors", "oauthProviders", "outboundApps"] {
        let items = crate::api::common::read_items(&mut s, key, |e| {
            let id = e.req_str(&["id"])?;
            e.str(&["name"])?;
            e.str(&["type"])?;
            let value = e.str(&["value"])?.unwrap_or_default();
            Ok((id, value))
        })?
        .unwrap_or_default();
        if key == "outboundApps" {
            out.outbound_apps = items;
        }
    }
    s.finish()?;
    Ok(out)
}

/// What an import found wrong.
#[derive(Default)]
pub struct Problems {
    pub failures: Vec<String>,
    /// `{id, name, type, value: ""}` of outbound applications without their client secret.
    pub missing_outbound: Vec<Value>,
}

/// The store after importing `files` over `store` (sections present replace theirs; absent
/// ones stay), or what is wrong. `excludes` names sections to leave alone.
pub fn import(
    store: &Store,
    files: &Map<String, Value>,
    secrets: &InputSecrets,
    excludes: &[String],
) -> Result<Store, Problems> {
    let mut p = Problems::default();
    let known = section_names();
    let mut doc = Map::new();
    let mut flows: Vec<Value> = Vec::new();
    let mut project: Option<Value> = None;
    for (path, content) in files {
        if path == "project.json" {
            project = Some(content.clone());
            continue;
        }
        if let Some(id) = path
            .strip_prefix("flows/")
            .and_then(|r| r.strip_suffix(".json"))
        {
            if excludes.iter().any(|e| e == "flows") {
                continue;
            }
            let mut f = content.clone();
            if f.is_object() && f.get("id").is_none() {
                f["id"] = json!(id);
            }
            flows.push(f);
            continue;
        }
        let section = path.strip_suffix(".json").unwrap_or_default();
        if !known.contains(&section) {
            p.failures.push(format!("unknown snapshot file \"{path}\""));
            continue;
        }
        if excludes.iter().any(|e| e == section) {
            continue;
        }
        match content.as_object() {
            Some(m) if m.len() == 1 && m.contains_key(section) => {
                doc.insert(section.to_string(), m[section].clone());
            }
            _ => p.failures.push(format!(
                "snapshot file \"{path}\" must hold {{\"{section}\": …}}"
            )),
        }
    }
    if !flows.is_empty() {
        doc.insert("flows".into(), Value::Array(flows));
    }
    let mut next = store.clone();
    if let Some(pj) = project {
        if let Err(e) = apply_project(&mut next, pj) {
            p.failures.push(format!("project.json: {}", e.message));
        }
    }
    // Sections a seed adds to rather than replaces: emptied first.
    if doc.contains_key("users") {
        next.users.clear();
    }
    if doc.contains_key("accessKeys") {
        next.access_keys.clear();
    }
    if doc.contains_key("groups") {
        next.groups.clear();
    }
    if doc.contains_key("ssoApplications") {
        next.sso_apps.clear();
    }
    if doc.contains_key("passwordSettings") {
        next.password.clear();
    }
    if !p.failures.is_empty() {
        return Err(p);
    }
    check_outbound_secrets(store, &mut doc, secrets, &mut p);
    if let Err(e) = crate::seed::apply_seed(&mut next, Value::Object(doc), true) {
        p.failures.push(format!("invalid snapshot: {}", e.message));
    }
    if !p.failures.is_empty() {
        return Err(p);
    }
    keep_secrets(store, &mut next);
    Ok(next)
}

/// `project.json`: `{name?, environment?, tags?, version?}`.
fn apply_project(store: &mut Store, v: Value) -> ApiResult<()> {
    let mut o = Obj::from_value(v, "project")?;
    if let Some(n) = o.str(&["name"])? {
        store.project_name = n;
    }
    if let Some(e) = o.str(&["environment"])? {
        crate::api::tenants::one_of(&e, "environment", crate::api::projects::ENVIRONMENTS)?;
        store.project_environment = e;
    }
    if let Some(t) = o.str_list(&["tags"])? {
        store.project_tags = t;
    }
    if let Some(v) = o.int(&["version"])? {
        if v != VERSION {
            return Err(ApiError::invalid(format!(
                "snapshot version {v} is not supported (this emulator writes {VERSION})"
            )));
        }
    }
    o.finish()
}

/// A new outbound application that had a client secret needs one: from the file, else from
/// `inputSecrets`. Found secrets are put into the seed document.
fn check_outbound_secrets(
    store: &Store,
    doc: &mut Map<String, Value>,
    secrets: &InputSecrets,
    p: &mut Problems,
) {
    let Some(Value::Array(apps)) = doc.get_mut("outboundApps") else {
        return;
    };
    for app in apps {
        let id = app["id"].as_str().unwrap_or_default().to_string();
        let name = app["name"].as_str().unwrap_or_default().to_string();
        let had = app["hasClientSecret"].as_bool().unwrap_or(false);
        let given = app
            .get("clientSecret")
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty());
        let known = store
            .outbound_apps
            .iter()
            .any(|a| a.id == id && !a.client_secret.is_empty());
        if !had || given || known {
            continue;
        }
        match secrets
            .outbound_apps
            .iter()
            .find(|(i, v)| *i == id && !v.is_empty())
        {
            Some((_, v)) => app["clientSecret"] = json!(v),
            None => {
                p.failures
                    .push(format!("outbound application '{name}' is missing a secret"));
                p.missing_outbound
                    .push(json!({ "id": id, "name": name, "type": "clientSecret", "value": "" }));
            }
        }
    }
}

/// Entities that existed before the import keep the secrets snapshots do not carry.
fn keep_secrets(before: &Store, next: &mut Store) {
    for k in &mut next.access_keys {
        if let Some(old) = before.access_keys.iter().find(|o| o.id == k.id) {
            k.secret_hash.clone_from(&old.secret_hash);
            k.rotations = old.rotations;
        }
    }
    for a in &mut next.sso_apps {
        if let Some(old) = before.sso_apps.iter().find(|o| o.id == a.id) {
            if a.app_type == AppType::Oidc && old.app_type == AppType::Oidc {
                a.secret.clone_from(&old.secret);
            }
        }
    }
    for u in &mut next.users {
        if let Some(old) = before.users.iter().find(|o| o.user_id == u.user_id) {
            let modified = u.extra.modified_time;
            u.extra = old.extra.clone();
            u.extra.modified_time = modified;
        }
    }
}
