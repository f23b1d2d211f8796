//! `management.managementKey` (reference §22): company-level keys. Create is a `PUT`, update a
//! `PATCH`. The cleartext (`<keyId>:<secret>`) is answered once, by create; only its SHA-256
//! is kept. An active, unexpired key made here authenticates management calls like the
//! emulator's own key (`Bearer <projectId>:<cleartext>`).

use serde_json::{json, Value};

use super::common::{query_id, read_ips, read_items, req_list};
use super::Call;
use crate::body::Obj;
use crate::crypto::{hex, random_token, same, sha256};
use crate::error::{ApiError, ApiResult};
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReBac {
    pub company_roles: Vec<String>,
    /// `(projectIds, roles)`.
    pub project_roles: Vec<(Vec<String>, Vec<String>)>,
    /// `(tags, roles)`.
    pub tag_roles: Vec<(Vec<String>, Vec<String>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MgmtKey {
    pub id: String,
    pub name: String,
    pub description: String,
    pub active: bool,
    pub created_time: i64,
    /// Absolute Unix seconds, 0 = never.
    pub expire_time: i64,
    pub permitted_ips: Vec<String>,
    pub rebac: ReBac,
    pub version: i64,
    /// Hex SHA-256 of the cleartext.
    pub secret_hash: String,
}

impl MgmtKey {
    pub fn render(&self) -> Value {
        let pairs = |list: &[(Vec<String>, Vec<String>)], key: &str| -> Vec<Value> {
            list.iter()
                .map(|(a, roles)| json!({ key: a, "roles": roles }))
                .collect()
        };
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "status": if self.active { "active" } else { "inactive" },
            "createdTime": self.created_time,
            "expireTime": self.expire_time,
            "permittedIps": self.permitted_ips,
            "reBac": {
                "companyRoles": self.rebac.company_roles,
                "projectRoles": pairs(&self.rebac.project_roles, "projectIds"),
                "tagRoles": pairs(&self.rebac.tag_roles, "tags"),
            },
            "version": self.version,
            "authzVersion": 1,
        })
    }

    pub fn usable(&self, now: i64) -> bool {
        self.active && (self.expire_time == 0 || self.expire_time > now)
    }
}

pub fn secret_hash(cleartext: &str) -> String {
    hex(&sha256(cleartext.as_bytes()))
}

/// `reBac: {companyRoles?, projectRoles?: [{projectIds, roles}], tagRoles?: [{tags, roles}]}`.
/// Company roles exclude project and tag roles (reference §22).
pub fn read_rebac(o: &mut Obj) -> ApiResult<ReBac> {
    let company_roles = o.str_list(&["companyRoles"])?.unwrap_or_default();
    let project_roles = read_items(o, "projectRoles", |p| {
        Ok((req_list(p, "projectIds")?, req_list(p, "roles")?))
    })?
    .unwrap_or_default();
    let tag_roles = read_items(o, "tagRoles", |p| {
        Ok((req_list(p, "tags")?, req_list(p, "roles")?))
    })?
    .unwrap_or_default();
    let scoped = !project_roles.is_empty() || !tag_roles.is_empty();
    if !company_roles.is_empty() && scoped {
        return Err(ApiError::invalid(
            "Company roles cannot be combined with project or tag roles",
        ));
    }
    Ok(ReBac {
        company_roles,
        project_roles,
        tag_roles,
    })
}

impl Store {
    pub fn mgmt_key_index(&self, id: &str) -> ApiResult<usize> {
        self.mgmt_keys
            .iter()
            .position(|k| k.id == id)
            .ok_or_else(|| ApiError::not_found("Management key", id))
    }

    /// Whether `key` (the part of the bearer after `<projectId>:`) is the cleartext of a
    /// usable management key made through the API.
    pub fn mgmt_key_authenticates(&self, key: &str, now: i64) -> bool {
        let hash = secret_hash(key);
        self.mgmt_keys
            .iter()
            .any(|k| same(k.secret_hash.as_bytes(), hash.as_bytes()) && k.usable(now))
    }
}

/// `PUT /v1/mgmt/managementkey {name, description?, expiresIn?, permittedIps?, reBac}` →
/// `{key, cleartext}`. `expiresIn` is seconds from now (`0` = never).
pub fn create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let name = o.req_str(&["name"])?;
    let description = o.str(&["description"])?.unwrap_or_default();
    let expires_in = o.int(&["expiresIn"])?.unwrap_or(0);
    let permitted_ips = read_ips(&mut o, "permittedIps")?.unwrap_or_default();
    let rebac = match o.obj(&["reBac"])? {
        Some(mut r) => {
            let rebac = read_rebac(&mut r)?;
            r.finish()?;
            Some(rebac)
        }
        None => None,
    };
    let rebac = o.require(rebac, "reBac");
    o.finish()?;
    if expires_in < 0 {
        return Err(ApiError::invalid("\"expiresIn\" must not be negative"));
    }
    super::common::check_len(&name, "name", 100)?;
    let id = store.new_id("MK2", 28, |s, id| s.mgmt_key_index(id).is_ok());
    let cleartext = format!("{id}:{}", random_token(48));
    let key = MgmtKey {
        id,
        name,
        description,
        active: true,
        created_time: call.now,
        expire_time: if expires_in == 0 {
            0
        } else {
            call.now + expires_in
        },
        permitted_ips,
        rebac,
        version: 1,
        secret_hash: secret_hash(&cleartext),
    };
    let answer = json!({ "key": key.render(), "cleartext": cleartext });
    store.mgmt_keys.push(key);
    Ok(answer)
}

/// `PATCH {id, name, description?, permittedIps?, status?}`: name, description and IPs are
/// overwritten (absent = cleared); `status` (`active`/`inactive`) changes only when sent;
/// `reBac` cannot change after creation. → `{key}`.
pub fn update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    let name = o.req_str(&["name"])?;
    let description = o.str(&["description"])?.unwrap_or_default();
    let permitted_ips = read_ips(&mut o, "permittedIps")?.unwrap_or_default();
    let status = o.str(&["status"])?.filter(|s| !s.is_empty());
    let rebac_sent = o.raw("reBac").is_some_and(|v| !v.is_null());
    o.finish()?;
    if rebac_sent {
        return Err(ApiError::invalid(
            "reBac cannot change after creation; create a new key instead",
        ));
    }
    let active = match status.as_deref() {
        None => None,
        Some("active") => Some(true),
        Some("inactive") => Some(false),
        Some(s) => {
            return Err(ApiError::invalid(format!(
                "\"status\" must be one of active, inactive, not \"{s}\""
            )))
        }
    };
    let idx = store.mgmt_key_index(&id)?;
    let key = &mut store.mgmt_keys[idx];
    key.name = name;
    key.description = description;
    key.permitted_ips = permitted_ips;
    if let Some(a) = active {
        key.active = a;
    }
    key.version += 1;
    Ok(json!({ "key": key.render() }))
}

/// `{ids}` → `{total}`: how many were deleted (unknown IDs are skipped).
pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let ids = req_list(&mut o, "ids")?;
    o.finish()?;
    let before = store.mgmt_keys.len();
    store.mgmt_keys.retain(|k| !ids.contains(&k.id));
    Ok(json!({ "total": before - store.mgmt_keys.len() }))
}

pub fn load(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.mgmt_key_index(&query_id(call)?)?;
    Ok(json!({ "key": store.mgmt_keys[idx].render() }))
}

pub fn search(store: &mut Store, call: &Call) -> ApiResult<Value> {
    call.query_obj()?.finish()?;
    let keys: Vec<Value> = store.mgmt_keys.iter().map(MgmtKey::render).collect();
    Ok(json!({ "keys": keys }))
}
