//! `management.role` and `management.permission` (reference §3, §4).
//!
//! Roles are scoped by `(tenantId, name)`; they hold permission IDs, and users, access keys,
//! tenant default roles and SSO mappings hold role IDs, so a rename changes nothing but the
//! name and a delete only drops IDs. Batches are atomic: they run on a copy of the store that
//! replaces it only when every entry succeeded.

use std::cmp::Ordering;

use serde_json::{json, Value};

use super::{empty, Call};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::input::dedup;
use crate::store::{Permission, Role, Store};

const NAME_MAX: usize = 100;
const DESCRIPTION_MAX: usize = 254;

fn check_lengths(o: &Obj, name: &str, description: &str) -> ApiResult<()> {
    if name.chars().count() > NAME_MAX {
        return Err(ApiError::invalid(format!(
            "\"{}\" must be at most {NAME_MAX} characters",
            o.name("name")
        )));
    }
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(ApiError::invalid(format!(
            "\"{}\" must be at most {DESCRIPTION_MAX} characters",
            o.name("description")
        )));
    }
    Ok(())
}

/// Project role names to IDs; every one must exist.
pub fn project_role_ids(store: &Store, names: &[String]) -> ApiResult<Vec<String>> {
    scoped_role_ids(store, "", names)
}

/// Role names usable in a tenant (its roles, then project roles) to IDs; each must exist.
pub fn scoped_role_ids(store: &Store, tenant_id: &str, names: &[String]) -> ApiResult<Vec<String>> {
    let ids = names
        .iter()
        .map(|n| {
            store
                .resolve_role(tenant_id, n)
                .map(|r| r.id.clone())
                .ok_or_else(|| ApiError::not_found("Role", n))
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(dedup(ids))
}

fn permission_ids(store: &Store, names: &[String]) -> ApiResult<Vec<String>> {
    let ids = names
        .iter()
        .map(|n| {
            store
                .permission(n)
                .map(|p| p.id.clone())
                .ok_or_else(|| ApiError::not_found("Permission", n))
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(dedup(ids))
}

/// Removes roles and every reference to them (reference §28.2).
pub fn remove_roles(store: &mut Store, ids: &[String]) {
    if ids.is_empty() {
        return;
    }
    let gone = |id: &String| ids.contains(id);
    store.roles.retain(|r| !gone(&r.id));
    for u in &mut store.users {
        u.role_ids.retain(|r| !gone(r));
        for t in &mut u.tenants {
            t.role_ids.retain(|r| !gone(r));
        }
    }
    for k in &mut store.access_keys {
        k.role_ids.retain(|r| !gone(r));
        for t in &mut k.tenants {
            t.role_ids.retain(|r| !gone(r));
        }
    }
    for t in &mut store.tenants {
        t.default_roles.retain(|r| !gone(r));
        for c in &mut t.sso {
            c.saml_groups.retain(|m| !gone(&m.role_id));
            c.oidc_groups.retain(|m| !gone(&m.role_id));
            c.saml_default_roles.retain(|r| !gone(r));
            c.oidc_default_roles.retain(|r| !gone(r));
        }
    }
    // SSO applications keep the `{id, name}` role references they were given.
    for app in &mut store.sso_apps {
        if let Some(Value::Array(mappings)) = app.settings.get_mut("groupsMapping") {
            for m in mappings.iter_mut() {
                if let Some(Value::Array(roles)) = m.get_mut("roles") {
                    roles.retain(|r| {
                        !r["id"]
                            .as_str()
                            .is_some_and(|id| ids.iter().any(|x| x == id))
                    });
                }
            }
        }
    }
}

impl Store {
    pub fn render_role(&self, r: &Role) -> Value {
        let perms: Vec<&str> = r
            .permission_ids
            .iter()
            .map(|p| self.permission_name(p))
            .collect();
        json!({
            "id": r.id,
            "name": r.name,
            "description": r.description,
            "permissionNames": perms,
            "createdTime": r.created_time,
            "tenantId": r.tenant_id,
            "default": r.default,
            "private": r.private,
        })
    }

    pub fn render_permission(&self, p: &Permission) -> Value {
        json!({
            "id": p.id,
            "name": p.name,
            "description": p.description,
            "systemDefault": p.system_default,
        })
    }
}

// ---------------------------------------------------------------- roles

/// What create and update overwrite (absent = cleared).
struct RoleFields {
    description: String,
    permission_names: Vec<String>,
    default: bool,
    private: bool,
}

impl RoleFields {
    fn read(o: &mut Obj) -> ApiResult<RoleFields> {
        Ok(RoleFields {
            description: o.str(&["description"])?.unwrap_or_default(),
            permission_names: o.str_list(&["permissionNames"])?.unwrap_or_default(),
            default: o.bool(&["default"])?.unwrap_or(false),
            private: o.bool(&["private"])?.unwrap_or(false),
        })
    }
}

struct NewRole {
    name: String,
    tenant_id: String,
    fields: RoleFields,
}

impl NewRole {
    fn read(o: &mut Obj) -> ApiResult<NewRole> {
        let name = o.req_str(&["name"])?;
        let tenant_id = o.str(&["tenantId"])?.unwrap_or_default();
        let fields = RoleFields::read(o)?;
        check_lengths(o, &name, &fields.description)?;
        Ok(NewRole {
            name,
            tenant_id,
            fields,
        })
    }

    fn insert(self, store: &mut Store, now: i64) -> ApiResult<usize> {
        if !self.tenant_id.is_empty() {
            super::tenants::tenant_index(store, &self.tenant_id)?;
        }
        if store.find_role(&self.tenant_id, &self.name).is_some() {
            return Err(ApiError::duplicate("Role", "name", &self.name));
        }
        let permission_ids = permission_ids(store, &self.fields.permission_names)?;
        let id = store.new_id("ROL", 31, |s, id| s.role_by_id(id).is_some());
        store.roles.push(Role {
            id,
            name: self.name,
            description: self.fields.description,
            permission_ids,
            tenant_id: self.tenant_id,
            default: self.fields.default,
            private: self.fields.private,
            created_time: now,
        });
        Ok(store.roles.len() - 1)
    }
}

/// Reads `key: [...]` entries strictly, naming them `key[i]`.
fn entries<T>(
    o: &mut Obj,
    key: &str,
    read: impl Fn(&mut Obj) -> ApiResult<T>,
) -> ApiResult<Vec<T>> {
    let items = o.list(&[key])?;
    let items = o.require(items, key);
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let mut e = Obj::from_value(item, &format!("{key}[{i}]"))?;
        out.push(read(&mut e)?);
        e.finish()?;
    }
    Ok(out)
}

/// `{name, description?, permissionNames?, tenantId?, default?, private?}` → `{}`.
pub fn create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let role = NewRole::read(&mut o)?;
    o.finish()?;
    role.insert(store, call.now)?;
    Ok(empty())
}

/// `{roles: [...]}` → `{roles}` (the created roles); all or nothing.
pub fn create_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let roles = entries(&mut o, "roles", NewRole::read)?;
    o.finish()?;
    let mut work = store.clone();
    let mut created = Vec::new();
    for r in roles {
        let idx = r.insert(&mut work, call.now)?;
        created.push(work.render_role(&work.roles[idx]));
    }
    *store = work;
    Ok(json!({ "roles": created }))
}

/// A role named by ID or by `(tenantId, name)` — one of them, not both.
fn locate_role(
    store: &Store,
    id: Option<&str>,
    name: Option<&str>,
    tenant: &str,
) -> ApiResult<usize> {
    match (id, name) {
        (Some(_), Some(_)) => Err(ApiError::invalid(
            "either \"name\" or \"id\" may be given, not both",
        )),
        (Some(id), None) => store
            .roles
            .iter()
            .position(|r| r.id == id && (tenant.is_empty() || r.tenant_id == tenant))
            .ok_or_else(|| ApiError::not_found("Role", id)),
        (None, Some(name)) => store
            .roles
            .iter()
            .position(|r| r.tenant_id == tenant && r.name == name)
            .ok_or_else(|| ApiError::not_found("Role", name)),
        (None, None) => Err(ApiError::invalid("\"name\" is required")),
    }
}

fn id_or_name(o: &mut Obj) -> ApiResult<(Option<String>, Option<String>)> {
    let id = o.str(&["id"])?.filter(|s| !s.is_empty());
    let name = o.str(&["name"])?.filter(|s| !s.is_empty());
    if id.is_none() && name.is_none() {
        o.missing("name");
    }
    Ok((id, name))
}

struct RoleUpdate {
    id: Option<String>,
    name: Option<String>,
    new_name: String,
    tenant_id: String,
    fields: RoleFields,
}

impl RoleUpdate {
    fn read(o: &mut Obj) -> ApiResult<RoleUpdate> {
        let (id, name) = id_or_name(o)?;
        let new_name = o.req_str(&["newName"])?;
        let tenant_id = o.str(&["tenantId"])?.unwrap_or_default();
        let fields = RoleFields::read(o)?;
        check_lengths(o, &new_name, &fields.description)?;
        Ok(RoleUpdate {
            id,
            name,
            new_name,
            tenant_id,
            fields,
        })
    }

    /// Full overwrite; the tenant scope and the ID stay, so assignments follow a rename.
    fn apply(self, store: &mut Store) -> ApiResult<usize> {
        let idx = locate_role(
            store,
            self.id.as_deref(),
            self.name.as_deref(),
            &self.tenant_id,
        )?;
        let scope = store.roles[idx].tenant_id.clone();
        if let Some(other) = store.find_role(&scope, &self.new_name) {
            if other.id != store.roles[idx].id {
                return Err(ApiError::duplicate("Role", "name", &self.new_name));
            }
        }
        let permission_ids = permission_ids(store, &self.fields.permission_names)?;
        let r = &mut store.roles[idx];
        r.name = self.new_name;
        r.description = self.fields.description;
        r.permission_ids = permission_ids;
        r.default = self.fields.default;
        r.private = self.fields.private;
        Ok(idx)
    }
}

/// `update` and `updateWithId` → `{}`.
pub fn update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let u = RoleUpdate::read(&mut o)?;
    o.finish()?;
    u.apply(store)?;
    Ok(empty())
}

/// `{roles: [...]}` → `{roles}` (the updated roles); all or nothing.
pub fn update_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let updates = entries(&mut o, "roles", RoleUpdate::read)?;
    o.finish()?;
    let mut work = store.clone();
    let mut done = Vec::new();
    for u in updates {
        let idx = u.apply(&mut work)?;
        done.push(idx);
    }
    let roles: Vec<Value> = done
        .iter()
        .map(|i| work.render_role(&work.roles[*i]))
        .collect();
    *store = work;
    Ok(json!({ "roles": roles }))
}

/// `delete` and `deleteWithId`: `{name | id, tenantId?}`; users and keys lose the role.
pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let (id, name) = id_or_name(&mut o)?;
    let tenant = o.str(&["tenantId"])?.unwrap_or_default();
    o.finish()?;
    let idx = locate_role(store, id.as_deref(), name.as_deref(), &tenant)?;
    let id = store.roles[idx].id.clone();
    remove_roles(store, &[id]);
    Ok(empty())
}

/// `{roleNames?, tenantId?, roleIds?}`. With neither names nor IDs this deletes **every**
/// role (of `tenantId` when given), as the service does (reference §1.6, python-sdk #1651):
/// clients must refuse empty batches, and this lets that guard be tested.
pub fn delete_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let names = o.str_list(&["roleNames"])?.unwrap_or_default();
    let tenant = o.str(&["tenantId"])?.unwrap_or_default();
    let ids = o.str_list(&["roleIds"])?.unwrap_or_default();
    o.finish()?;
    if !tenant.is_empty() {
        super::tenants::tenant_index(store, &tenant)?;
    }
    let mut targets: Vec<String> = Vec::new();
    if names.is_empty() && ids.is_empty() {
        targets.extend(
            store
                .roles
                .iter()
                .filter(|r| tenant.is_empty() || r.tenant_id == tenant)
                .map(|r| r.id.clone()),
        );
    }
    for n in &names {
        let idx = locate_role(store, None, Some(n), &tenant)?;
        targets.push(store.roles[idx].id.clone());
    }
    for id in &ids {
        let idx = locate_role(store, Some(id), None, "")?;
        targets.push(store.roles[idx].id.clone());
    }
    remove_roles(store, &dedup(targets));
    Ok(empty())
}

pub fn load_all(store: &mut Store, call: &Call) -> ApiResult<Value> {
    call.query_obj()?.finish()?;
    let roles: Vec<Value> = store.roles.iter().map(|r| store.render_role(r)).collect();
    Ok(json!({ "roles": roles }))
}

/// Sortable role fields.
fn role_key(r: &Role, field: &str) -> Option<String> {
    Some(match field {
        "name" => r.name.to_lowercase(),
        "description" => r.description.to_lowercase(),
        "tenantId" => r.tenant_id.clone(),
        "id" => r.id.clone(),
        "createdTime" => format!("{:020}", r.created_time),
        _ => return None,
    })
}

/// Reference §3.3. Without `tenantIds` every role matches the scope; with them, roles of
/// those tenants, plus project roles with `includeProjectRoles`.
pub fn search(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let list = |o: &mut Obj, k: &str| o.str_list(&[k]).map(Option::unwrap_or_default);
    let tenant_ids = list(&mut o, "tenantIds")?;
    let names = list(&mut o, "roleNames")?;
    let like = o.str(&["roleNameLike"])?.unwrap_or_default().to_lowercase();
    let perms = list(&mut o, "permissionNames")?;
    let include_project = o.bool(&["includeProjectRoles"])?.unwrap_or(false);
    let ids = list(&mut o, "roleIds")?;
    let text = o.str(&["text"])?.unwrap_or_default().to_lowercase();
    let mut sort = Vec::new();
    for (i, item) in o
        .list(&["sort"])?
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let mut so = Obj::from_value(item, &format!("sort[{i}]"))?;
        let field = so.req_str(&["field"])?;
        let desc = so.bool(&["desc"])?.unwrap_or(false);
        so.finish()?;
        if !field.is_empty() && role_key(&blank_role(), &field).is_none() {
            return Err(ApiError::invalid(format!(
                "\"sort[{i}].field\": cannot sort by \"{field}\""
            )));
        }
        sort.push((field, desc));
    }
    o.finish()?;
    let mut hits: Vec<&Role> = store
        .roles
        .iter()
        .filter(|r| {
            let in_scope = tenant_ids.is_empty()
                || tenant_ids.contains(&r.tenant_id)
                || (include_project && r.tenant_id.is_empty());
            in_scope
                && (names.is_empty() || names.contains(&r.name))
                && (like.is_empty() || r.name.to_lowercase().contains(&like))
                && (perms.is_empty()
                    || r.permission_ids
                        .iter()
                        .any(|p| perms.iter().any(|w| w == store.permission_name(p))))
                && (ids.is_empty() || ids.contains(&r.id))
                && (text.is_empty()
                    || r.name.to_lowercase().contains(&text)
                    || r.description.to_lowercase().contains(&text))
        })
        .collect();
    hits.sort_by(|a, b| {
        for (field, desc) in &sort {
            let ord = role_key(a, field).cmp(&role_key(b, field));
            let ord = if *desc { ord.reverse() } else { ord };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    });
    let roles: Vec<Value> = hits.into_iter().map(|r| store.render_role(r)).collect();
    Ok(json!({ "roles": roles }))
}

fn blank_role() -> Role {
    Role {
        id: String::new(),
        name: String::new(),
        description: String::new(),
        permission_ids: Vec::new(),
        tenant_id: String::new(),
        default: false,
        private: false,
        created_time: 0,
    }
}

// ---------------------------------------------------------------- permissions

fn is_system(store: &Store, idx: usize) -> ApiResult<()> {
    match store.permissions.get(idx) {
        Some(p) if p.system_default => Err(ApiError::invalid(
            "System permissions cannot be changed",
        )
        .with_message(format!(
            "\"{}\" is a system permission and cannot be changed",
            p.name
        ))),
        _ => Ok(()),
    }
}

struct NewPermission {
    name: String,
    description: String,
}

impl NewPermission {
    fn read(o: &mut Obj) -> ApiResult<NewPermission> {
        let name = o.req_str(&["name"])?;
        let description = o.str(&["description"])?.unwrap_or_default();
        // node's Permission type carries it; the service decides, so it is ignored.
        o.bool(&["systemDefault"])?;
        check_lengths(o, &name, &description)?;
        Ok(NewPermission { name, description })
    }

    fn insert(self, store: &mut Store) -> ApiResult<()> {
        if store.permission(&self.name).is_some() {
            return Err(ApiError::duplicate("Permission", "name", &self.name));
        }
        let id = store.new_id("PERM", 28, |s, id| s.permission_by_id(id).is_some());
        store.permissions.push(Permission {
            id,
            name: self.name,
            description: self.description,
            system_default: false,
        });
        Ok(())
    }
}

pub fn permission_create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let p = NewPermission::read(&mut o)?;
    o.finish()?;
    p.insert(store)?;
    Ok(empty())
}

pub fn permission_create_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let items = entries(&mut o, "permissions", NewPermission::read)?;
    o.finish()?;
    let mut work = store.clone();
    for p in items {
        p.insert(&mut work)?;
    }
    *store = work;
    Ok(empty())
}

fn locate_permission(store: &Store, id: Option<&str>, name: Option<&str>) -> ApiResult<usize> {
    match (id, name) {
        (Some(_), Some(_)) => Err(ApiError::invalid(
            "either \"name\" or \"id\" may be given, not both",
        )),
        (Some(id), None) => store
            .permissions
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| ApiError::not_found("Permission", id)),
        (None, Some(name)) => store
            .permissions
            .iter()
            .position(|p| p.name == name)
            .ok_or_else(|| ApiError::not_found("Permission", name)),
        (None, None) => Err(ApiError::invalid("\"name\" is required")),
    }
}

struct PermissionUpdate {
    id: Option<String>,
    name: Option<String>,
    new_name: String,
    description: String,
}

impl PermissionUpdate {
    fn read(o: &mut Obj) -> ApiResult<PermissionUpdate> {
        let (id, name) = id_or_name(o)?;
        let new_name = o.req_str(&["newName"])?;
        let description = o.str(&["description"])?.unwrap_or_default();
        check_lengths(o, &new_name, &description)?;
        Ok(PermissionUpdate {
            id,
            name,
            new_name,
            description,
        })
    }

    /// Full overwrite; roles hold the ID, so they show the new name.
    fn apply(self, store: &mut Store) -> ApiResult<()> {
        let idx = locate_permission(store, self.id.as_deref(), self.name.as_deref())?;
        is_system(store, idx)?;
        if let Some(other) = store.permission(&self.new_name) {
            if other.id != store.permissions[idx].id {
                return Err(ApiError::duplicate("Permission", "name", &self.new_name));
            }
        }
        let p = &mut store.permissions[idx];
        p.name = self.new_name;
        p.description = self.description;
        Ok(())
    }
}

pub fn permission_update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let u = PermissionUpdate::read(&mut o)?;
    o.finish()?;
    u.apply(store)?;
    Ok(empty())
}

pub fn permission_update_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let items = entries(&mut o, "permissions", PermissionUpdate::read)?;
    o.finish()?;
    let mut work = store.clone();
    for u in items {
        u.apply(&mut work)?;
    }
    *store = work;
    Ok(empty())
}

/// Removes permissions and drops them from every role.
fn remove_permissions(store: &mut Store, ids: &[String]) {
    store.permissions.retain(|p| !ids.contains(&p.id));
    for r in &mut store.roles {
        r.permission_ids.retain(|p| !ids.contains(p));
    }
}

pub fn permission_delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let (id, name) = id_or_name(&mut o)?;
    o.finish()?;
    let idx = locate_permission(store, id.as_deref(), name.as_deref())?;
    is_system(store, idx)?;
    let id = store.permissions[idx].id.clone();
    remove_permissions(store, &[id]);
    Ok(empty())
}

/// `{names?, ids?}`; with neither, every permission except the system ones goes (the
/// reference infers the role endpoint's behaviour here, §1.6).
pub fn permission_delete_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let names = o.str_list(&["names"])?.unwrap_or_default();
    let ids = o.str_list(&["ids"])?.unwrap_or_default();
    o.finish()?;
    let mut targets = Vec::new();
    if names.is_empty() && ids.is_empty() {
        targets.extend(
            store
                .permissions
                .iter()
                .filter(|p| !p.system_default)
                .map(|p| p.id.clone()),
        );
    }
    for n in &names {
        let idx = locate_permission(store, None, Some(n))?;
        is_system(store, idx)?;
        targets.push(store.permissions[idx].id.clone());
    }
    for id in &ids {
        let idx = locate_permission(store, Some(id), None)?;
        is_system(store, idx)?;
        targets.push(store.permissions[idx].id.clone());
    }
    remove_permissions(store, &targets);
    Ok(empty())
}

pub fn permission_load_all(store: &mut Store, call: &Call) -> ApiResult<Value> {
    call.query_obj()?.finish()?;
    let perms: Vec<Value> = store
        .permissions
        .iter()
        .map(|p| store.render_permission(p))
        .collect();
    Ok(json!({ "permissions": perms }))
}
