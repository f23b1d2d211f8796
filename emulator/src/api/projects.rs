//! `management.project` (reference §14): the project's name and tags, snapshots of its state
//! (see `crate::snapshot`), clones, and the list of the company's projects.
//!
//! A clone is a second project in the same emulator, with its own ID and state: the source's
//! configuration (permissions, project roles, custom attributes, password policy, SSO
//! applications, lists, JWT templates, engines, scope mappings, inbound and outbound apps,
//! the authz and FGA schemas without relations, flows, theme) but no users, tenants, access
//! keys, groups or relations (reference §14: those are not cloned). It answers the same
//! management key, as `Bearer <cloneId>:<key>`. Management keys and descopers are company
//! level: every project sees the same ones.
//!
//! `delete` removes a clone (its bearer stops working). The project the emulator was started
//! with cannot vanish: deleting it empties it (no users, tenants, roles but the built-in,
//! permissions but the system ones, no configuration), which `POST /emulator/reset` undoes.

use serde_json::{json, Value};

use super::common::empty_body;
use super::{empty, Call};
use crate::error::{ApiError, ApiResult};
use crate::snapshot::{self, read_input_secrets};
use crate::store::Store;

pub const ENVIRONMENTS: &[&str] = &["", "production"];

fn info(s: &Store) -> Value {
    json!({
        "id": s.project_id,
        "name": s.project_name,
        "environment": s.project_environment,
        "tags": s.project_tags,
    })
}

pub fn update_name(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let name = o.req_str(&["name"])?;
    o.finish()?;
    super::common::check_len(&name, "name", 100)?;
    store.project_name = name;
    Ok(empty())
}

/// `{tags}`: replaces them (`[]` clears); a tag is a non-empty string.
pub fn update_tags(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tags = o.str_list(&["tags"])?;
    let tags = o.require(tags, "tags");
    o.finish()?;
    super::common::no_empty(&tags, "tags")?;
    store.project_tags = crate::input::dedup(tags);
    Ok(empty())
}

/// A clone marks itself deleted (the dispatcher removes it); the main project is emptied.
pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    empty_body(call)?;
    if store.is_clone {
        store.deleted = true;
        return Ok(empty());
    }
    let mut fresh = Store {
        permissions: crate::seed::default_permissions()
            .into_iter()
            .filter(|p| p.system_default)
            .collect(),
        roles: crate::seed::default_roles()
            .into_iter()
            .filter(|r| r.name == crate::store::TENANT_ADMIN)
            .collect(),
        jwt_library: crate::api::jwt_templates::default_library(),
        ..Store::default()
    };
    fresh.project_id = std::mem::take(&mut store.project_id);
    fresh.project_name = std::mem::take(&mut store.project_name);
    fresh.clones = std::mem::take(&mut store.clones);
    fresh.mgmt_keys = std::mem::take(&mut store.mgmt_keys);
    fresh.descopers = std::mem::take(&mut store.descopers);
    fresh.counter = store.counter;
    fresh.audit_seq = store.audit_seq;
    *store = fresh;
    Ok(empty())
}

/// `{name, environment?, tags?}` → `{projectId, projectName, environment, tags}`.
pub fn clone(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let name = o.req_str(&["name"])?;
    let environment = o.str(&["environment"])?.unwrap_or_default();
    let tags = o.str_list(&["tags"])?.unwrap_or_default();
    o.finish()?;
    super::tenants::one_of(&environment, "environment", ENVIRONMENTS)?;
    super::common::no_empty(&tags, "tags")?;
    let mut files = snapshot::export(store);
    for f in ["users", "tenants", "accessKeys", "groups"] {
        files.remove(&format!("{f}.json"));
    }
    // Tenant roles go with the tenants; relations and tuples are data, not configuration.
    if let Some(Value::Array(roles)) = files.get_mut("roles.json").and_then(|v| v.get_mut("roles"))
    {
        roles.retain(|r| r["tenantId"] == "");
    }
    for f in ["authz.json", "fga.json"] {
        let section = f.trim_end_matches(".json");
        if let Some(v) = files.get_mut(f).and_then(|v| v.get_mut(section)) {
            v["relations"] = json!([]);
        }
    }
    let id = store.new_id("P2", 28, |s, id| s.knows_project(id));
    let mut base = Store {
        project_id: id.clone(),
        is_clone: true,
        jwt_library: store.jwt_library.clone(),
        ..Store::default()
    };
    base.permissions = crate::seed::default_permissions()
        .into_iter()
        .filter(|p| p.system_default)
        .collect();
    // Its own ID sequence: what it generates differs from the source's.
    base.counter = crate::store::splitmix(store.counter ^ 0x00c1_0e5e);
    // The clone gets the source's client secrets: it works like its source.
    let secrets = snapshot::InputSecrets {
        outbound_apps: store
            .outbound_apps
            .iter()
            .map(|a| (a.id.clone(), a.client_secret.expose().to_string()))
            .collect(),
    };
    let mut next = snapshot::import(&base, &files, &secrets, &[])
        .map_err(|p| ApiError::invalid(p.failures.join("; ")))?;
    next.project_name.clone_from(&name);
    next.project_environment.clone_from(&environment);
    next.project_tags.clone_from(&tags);
    for a in &mut next.inbound_apps {
        if let Some(src) = store.inbound_apps.iter().find(|s| s.id == a.id) {
            a.secret = src.secret.clone();
        }
    }
    for a in &mut next.sso_apps {
        if let Some(src) = store.sso_apps.iter().find(|s| s.id == a.id) {
            a.secret.clone_from(&src.secret);
        }
    }
    store.clones.push(next);
    Ok(json!({
        "projectId": id,
        "projectName": name,
        "environment": environment,
        "tags": tags,
    }))
}

/// `POST /v1/mgmt/projects/list` → `{projects: [{id, name, environment, tags}]}`: this
/// project and its clones (the dispatcher always runs this on the first project).
pub fn list_projects(store: &mut Store, call: &Call) -> ApiResult<Value> {
    empty_body(call)?;
    let mut all = vec![info(store)];
    all.extend(store.clones.iter().map(info));
    Ok(json!({ "projects": all }))
}

/// `{}` (Go: `format`) → `{files}`.
pub fn export_snapshot(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    if let Some(f) = o.str(&["format"])?.filter(|f| !f.is_empty()) {
        if f != "json" {
            return Err(ApiError::invalid(format!(
                "\"format\" must be \"json\", not \"{f}\""
            )));
        }
    }
    o.finish()?;
    Ok(json!({ "files": snapshot::export(store) }))
}

type ImportBody = (
    serde_json::Map<String, Value>,
    snapshot::InputSecrets,
    Vec<String>,
);

fn read_import(call: &Call) -> ApiResult<ImportBody> {
    let mut o = call.body_obj()?;
    let files = o.map(&["files"])?;
    let files = o.require(files, "files");
    let secrets = read_input_secrets(&mut o)?;
    let excludes = o.str_list(&["excludes"])?.unwrap_or_default();
    o.finish()?;
    let known = snapshot::section_names();
    if let Some(bad) = excludes
        .iter()
        .find(|e| !known.contains(&e.as_str()) && e.as_str() != "flows")
    {
        return Err(ApiError::invalid(format!(
            "\"excludes\": \"{bad}\" is not a snapshot section"
        )));
    }
    Ok((files, secrets, excludes))
}

/// `{files, inputSecrets?, excludes?}`: the files present replace their sections.
pub fn import_snapshot(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (files, secrets, excludes) = read_import(call)?;
    match snapshot::import(store, &files, &secrets, &excludes) {
        Ok(next) => {
            *store = next;
            Ok(empty())
        }
        Err(p) => Err(
            ApiError::invalid(p.failures.first().cloned().unwrap_or_default())
                .with_message(p.failures.join("; ")),
        ),
    }
}

/// A dry run of the import → `{ok, failures, missingSecrets}`.
pub fn validate_snapshot(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (files, secrets, excludes) = read_import(call)?;
    let (failures, missing) = match snapshot::import(store, &files, &secrets, &excludes) {
        Ok(_) => (Vec::new(), Vec::new()),
        Err(p) => (p.failures, p.missing_outbound),
    };
    Ok(json!({
        "ok": failures.is_empty(),
        "failures": failures,
        "missingSecrets": {
            "connectors": [],
            "oauthProviders": [],
            "outboundApps": missing,
        },
    }))
}
