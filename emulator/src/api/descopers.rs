//! `management.descoper` (reference §21): console administrators of the company. Create is a
//! `PUT` of a batch, update a `PATCH` (present sub-objects replace, absent ones stay), load and
//! delete take `?id=`, and `list` is a `POST` with no body.

use serde_json::{json, Value};

use super::common::{query_id, read_items, req_list};
use super::{empty, Call};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::store::Store;

/// Console roles (reference §21).
pub const ROLES: &[&str] = &["admin", "developer", "support", "auditor"];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attributes {
    pub display_name: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rbac {
    pub is_company_admin: bool,
    /// `(tags, role)`.
    pub tags: Vec<(Vec<String>, String)>,
    /// `(projectIds, role)`.
    pub projects: Vec<(Vec<String>, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Descoper {
    pub id: String,
    pub login_ids: Vec<String>,
    pub attributes: Attributes,
    pub rbac: Rbac,
    /// `invited` (sent an invitation) or `enabled`.
    pub status: String,
}

impl Descoper {
    pub fn render(&self) -> Value {
        let pairs = |list: &[(Vec<String>, String)], key: &str| -> Vec<Value> {
            list.iter()
                .map(|(a, role)| json!({ key: a, "role": role }))
                .collect()
        };
        json!({
            "id": self.id,
            "loginIds": self.login_ids,
            "attributes": {
                "displayName": self.attributes.display_name,
                "email": self.attributes.email,
                "phone": self.attributes.phone,
            },
            "rbac": {
                "isCompanyAdmin": self.rbac.is_company_admin,
                "tags": pairs(&self.rbac.tags, "tags"),
                "projects": pairs(&self.rbac.projects, "projectIds"),
            },
            "status": self.status,
        })
    }
}

fn read_role(o: &mut Obj) -> ApiResult<String> {
    let role = o.req_str(&["role"])?;
    if !role.is_empty() && !ROLES.contains(&role.as_str()) {
        return Err(ApiError::invalid(format!(
            "\"{}\" must be one of {}, not \"{role}\"",
            o.name("role"),
            ROLES.join(", ")
        )));
    }
    Ok(role)
}

pub fn read_attributes(o: &mut Obj, key: &str) -> ApiResult<Option<Attributes>> {
    let Some(mut a) = o.obj(&[key])? else {
        return Ok(None);
    };
    let attrs = Attributes {
        display_name: a.str(&["displayName"])?.unwrap_or_default(),
        email: a.str(&["email"])?.unwrap_or_default(),
        phone: a.str(&["phone"])?.unwrap_or_default(),
    };
    a.finish()?;
    Ok(Some(attrs))
}

pub fn read_rbac(o: &mut Obj, key: &str) -> ApiResult<Option<Rbac>> {
    let Some(mut r) = o.obj(&[key])? else {
        return Ok(None);
    };
    let rbac = Rbac {
        is_company_admin: r.bool(&["isCompanyAdmin"])?.unwrap_or(false),
        tags: read_items(&mut r, "tags", |t| {
            Ok((req_list(t, "tags")?, read_role(t)?))
        })?
        .unwrap_or_default(),
        projects: read_items(&mut r, "projects", |p| {
            Ok((req_list(p, "projectIds")?, read_role(p)?))
        })?
        .unwrap_or_default(),
    };
    r.finish()?;
    Ok(Some(rbac))
}

impl Store {
    pub fn descoper_index(&self, id: &str) -> ApiResult<usize> {
        self.descopers
            .iter()
            .position(|d| d.id == id)
            .ok_or_else(|| ApiError::not_found("Descoper", id))
    }
}

/// `PUT /v1/mgmt/descoper {descopers: [{loginId, attributes?, sendInvite?, rbac?}]}` →
/// `{descopers, total}` (the created ones). All or nothing; a login ID may belong to one
/// descoper only.
pub fn create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let entries = read_items(&mut o, "descopers", |d| {
        let login_id = d.req_str(&["loginId"])?;
        let attributes = read_attributes(d, "attributes")?.unwrap_or_default();
        let invite = d.bool(&["sendInvite"])?.unwrap_or(false);
        let rbac = read_rbac(d, "rbac")?.unwrap_or_default();
        Ok((login_id, attributes, invite, rbac))
    })?;
    let entries = match entries {
        Some(e) if !e.is_empty() => e,
        _ => {
            o.missing("descopers");
            Vec::new()
        }
    };
    o.finish()?;
    let mut created: Vec<Descoper> = Vec::new();
    for (login_id, attributes, invite, rbac) in entries {
        let taken = store
            .descopers
            .iter()
            .chain(created.iter())
            .any(|d| d.login_ids.contains(&login_id));
        if taken {
            return Err(ApiError::duplicate("Descoper", "loginId", &login_id));
        }
        let id = store.new_id("D2", 28, |s, id| {
            s.descopers.iter().any(|d| d.id == id) || created.iter().any(|d| d.id == id)
        });
        created.push(Descoper {
            id,
            login_ids: vec![login_id],
            attributes,
            rbac,
            status: if invite { "invited" } else { "enabled" }.into(),
        });
    }
    let rendered: Vec<Value> = created.iter().map(Descoper::render).collect();
    store.descopers.extend(created);
    Ok(json!({ "total": rendered.len(), "descopers": rendered }))
}

/// `PATCH {id, attributes?, rbac?}` → `{descoper}`.
pub fn update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    let attributes = read_attributes(&mut o, "attributes")?;
    let rbac = read_rbac(&mut o, "rbac")?;
    o.finish()?;
    let idx = store.descoper_index(&id)?;
    let d = &mut store.descopers[idx];
    if let Some(a) = attributes {
        d.attributes = a;
    }
    if let Some(r) = rbac {
        d.rbac = r;
    }
    Ok(json!({ "descoper": d.render() }))
}

pub fn load(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.descoper_index(&query_id(call)?)?;
    Ok(json!({ "descoper": store.descopers[idx].render() }))
}

/// `DELETE /v1/mgmt/descoper?id=`.
pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.descoper_index(&query_id(call)?)?;
    store.descopers.remove(idx);
    Ok(empty())
}

/// `POST /v1/mgmt/descoper/list` with no body (node) or `{}` (Go) → `{descopers, total}`.
pub fn list(store: &mut Store, call: &Call) -> ApiResult<Value> {
    super::common::empty_body(call)?;
    let all: Vec<Value> = store.descopers.iter().map(Descoper::render).collect();
    Ok(json!({ "total": all.len(), "descopers": all }))
}
