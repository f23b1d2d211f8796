//! `management.accessKey` (reference §5). The cleartext (`<keyId>:<secret>`) is answered
//! once, by create and rotate; only its SHA-256 is stored, and no answer is ever logged.

use std::cmp::Ordering;
use std::net::IpAddr;

use serde_json::{json, Map, Value};

use super::tenants::{attr_equals, read_custom_attributes, tenant_index};
use super::{empty, Call};
use crate::body::Obj;
use crate::crypto::{hex, random_token, sha256};
use crate::error::{ApiError, ApiResult};
use crate::input::{dedup, TenantInput};
use crate::store::{AccessKey, KeyTenant, Store};

/// `createdBy` of keys made through the API, and the audit actor of management calls: the
/// management key is the caller, and its secret must not appear anywhere.
pub const MANAGEMENT_ACTOR: &str = "management-key";

pub fn secret_hash(cleartext: &str) -> String {
    hex(&sha256(cleartext.as_bytes()))
}

/// A fresh `<id>:<secret>` (the shape node's fixtures show) and its hash.
fn new_cleartext(id: &str) -> (String, String) {
    let clear = format!("{id}:{}", random_token(48));
    let hash = secret_hash(&clear);
    (clear, hash)
}

/// `keyTenants: [{tenantId, roleNames?}]`; loaded keys also carry `tenantName`, accepted so
/// a key can be sent back as loaded.
fn read_key_tenants(o: &mut Obj) -> ApiResult<Option<Vec<TenantInput>>> {
    let Some(items) = o.list(&["keyTenants"])? else {
        return Ok(None);
    };
    let base = o.name("keyTenants");
    let mut out: Vec<TenantInput> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let mut t = Obj::from_value(item, &format!("{base}[{i}]"))?;
        let tenant_id = t.req_str(&["tenantId"])?;
        let role_names = t.str_list(&["roleNames"])?.unwrap_or_default();
        t.str(&["tenantName"])?;
        t.finish()?;
        out.retain(|x| x.tenant_id != tenant_id);
        out.push(TenantInput {
            tenant_id,
            role_names: dedup(role_names),
        });
    }
    Ok(Some(out))
}

/// IP addresses or CIDR ranges.
fn read_ips(o: &mut Obj) -> ApiResult<Option<Vec<String>>> {
    let Some(ips) = o.str_list(&["permittedIps"])? else {
        return Ok(None);
    };
    for ip in &ips {
        let (addr, prefix) = match ip.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (ip.as_str(), None),
        };
        let parsed = addr.parse::<IpAddr>().ok();
        let max = match parsed {
            Some(IpAddr::V4(_)) => 32,
            Some(IpAddr::V6(_)) => 128,
            None => 0,
        };
        let prefix_ok = prefix.is_none_or(|p| p.parse::<u8>().is_ok_and(|n| n <= max));
        if parsed.is_none() || !prefix_ok {
            return Err(ApiError::invalid(format!(
                "\"permittedIps\": \"{ip}\" is not an IP address or CIDR range"
            )));
        }
    }
    Ok(Some(ips))
}

/// Role names and tenants to IDs; every reference must exist.
fn resolve_roles(
    store: &Store,
    names: &[String],
    tenants: &[TenantInput],
) -> ApiResult<(Vec<String>, Vec<KeyTenant>)> {
    let role_ids = super::roles::project_role_ids(store, names)?;
    let mut key_tenants = Vec::new();
    for t in tenants {
        tenant_index(store, &t.tenant_id)?;
        key_tenants.push(KeyTenant {
            tenant_id: t.tenant_id.clone(),
            role_ids: super::roles::scoped_role_ids(store, &t.tenant_id, &t.role_names)?,
        });
    }
    Ok((role_ids, key_tenants))
}

impl Store {
    /// The key object (reference §5.2); never the cleartext or its hash.
    pub fn render_key(&self, k: &AccessKey) -> Value {
        let tenants: Vec<Value> = k
            .tenants
            .iter()
            .map(|t| {
                json!({
                    "tenantId": t.tenant_id,
                    "tenantName": self.tenant(&t.tenant_id).map(|x| x.name.as_str()).unwrap_or(""),
                    "roleNames": self.role_names(&t.role_ids),
                })
            })
            .collect();
        json!({
            "id": k.id,
            "name": k.name,
            "description": k.description,
            "roleNames": self.role_names(&k.role_ids),
            "keyTenants": tenants,
            "status": if k.active { "active" } else { "inactive" },
            "createdTime": k.created_time,
            "expireTime": k.expire_time,
            "createdBy": k.created_by,
            "clientId": k.client_id,
            "boundUserId": k.bound_user_id,
            "customClaims": k.custom_claims,
            "permittedIps": k.permitted_ips,
            "customAttributes": k.custom_attributes,
            "editable": k.editable,
        })
    }

    pub fn key_index(&self, id: &str) -> ApiResult<usize> {
        self.access_keys
            .iter()
            .position(|k| k.id == id)
            .ok_or_else(|| ApiError::not_found("Access key", id))
    }
}

/// The fields an access key is made of, as parsed from a create body or a seed entry.
pub struct NewKey {
    pub id: Option<String>,
    pub name: String,
    pub expire_time: i64,
    pub role_names: Vec<String>,
    pub tenants: Vec<TenantInput>,
    pub user_id: String,
    pub custom_claims: Map<String, Value>,
    pub description: String,
    pub permitted_ips: Vec<String>,
    pub custom_attributes: Map<String, Value>,
}

impl NewKey {
    pub fn read(o: &mut Obj) -> ApiResult<NewKey> {
        let key = NewKey {
            id: None,
            name: o.req_str(&["name"])?,
            expire_time: o.int(&["expireTime"])?.unwrap_or(0),
            role_names: o.str_list(&["roleNames"])?.unwrap_or_default(),
            tenants: read_key_tenants(o)?.unwrap_or_default(),
            user_id: o.str(&["userId"])?.unwrap_or_default(),
            custom_claims: o.map(&["customClaims"])?.unwrap_or_default(),
            description: o.str(&["description"])?.unwrap_or_default(),
            permitted_ips: read_ips(o)?.unwrap_or_default(),
            custom_attributes: read_custom_attributes(o, "customAttributes")?,
        };
        if key.expire_time < 0 {
            return Err(ApiError::invalid("\"expireTime\" must not be negative"));
        }
        Ok(key)
    }

    /// Validates and stores the key; answers its index and the cleartext (`None` when the
    /// caller supplied the hash).
    pub fn insert(
        self,
        store: &mut Store,
        now: i64,
        created_by: &str,
        hash: Option<String>,
    ) -> ApiResult<(usize, Option<String>)> {
        let (role_ids, tenants) = resolve_roles(store, &self.role_names, &self.tenants)?;
        if !self.user_id.is_empty() && store.find_user_id(&self.user_id).is_none() {
            return Err(ApiError::user_not_found());
        }
        let id = match self.id {
            Some(id) => {
                if store.key_index(&id).is_ok() {
                    return Err(ApiError::duplicate("Access key", "id", &id));
                }
                id
            }
            None => store.new_id("K2", 28, |s, id| s.key_index(id).is_ok()),
        };
        let client_id = store.new_id("C2", 28, |s, c| {
            s.access_keys.iter().any(|k| k.client_id == c)
        });
        let (clear, hash) = match hash {
            Some(h) => (None, h),
            None => {
                let (c, h) = new_cleartext(&id);
                (Some(c), h)
            }
        };
        store.access_keys.push(AccessKey {
            id,
            name: self.name,
            description: self.description,
            role_ids,
            tenants,
            active: true,
            created_time: now,
            expire_time: self.expire_time,
            created_by: created_by.to_string(),
            client_id,
            bound_user_id: self.user_id,
            custom_claims: self.custom_claims,
            permitted_ips: self.permitted_ips,
            custom_attributes: self.custom_attributes,
            editable: true,
            secret_hash: hash,
            rotations: 0,
        });
        Ok((store.access_keys.len() - 1, clear))
    }
}

/// `{name, expireTime, roleNames?, keyTenants?, userId?, …}` → `{key, cleartext}`. An
/// `expireTime` in the past is accepted (node's vectors send one); such a key is expired.
pub fn create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let new = NewKey::read(&mut o)?;
    o.finish()?;
    let (idx, clear) = new.insert(store, call.now, MANAGEMENT_ACTOR, None)?;
    Ok(json!({ "key": store.render_key(&store.access_keys[idx]), "cleartext": clear }))
}

pub fn load(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut q = call.query_obj()?;
    let id = q.req_str(&["id"])?;
    q.finish()?;
    let idx = store.key_index(&id)?;
    Ok(json!({ "key": store.render_key(&store.access_keys[idx]) }))
}

fn key_sort(k: &AccessKey, field: &str) -> Option<String> {
    Some(match field {
        "name" => k.name.to_lowercase(),
        "id" => k.id.clone(),
        "status" => (if k.active { "active" } else { "inactive" }).into(),
        "createdTime" => format!("{:020}", k.created_time),
        "expireTime" => format!("{:020}", k.expire_time),
        _ => return None,
    })
}

/// `{tenantIds?, boundUserId?, creatingUser?, customAttributes?}` (+ Go's `sort`, the
/// OpenAPI's `text`) → `{keys}`; no paging.
pub fn search(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tenant_ids = o.str_list(&["tenantIds"])?.unwrap_or_default();
    let bound = o.str(&["boundUserId"])?.unwrap_or_default();
    let creator = o.str(&["creatingUser"])?.unwrap_or_default();
    let custom = o.map(&["customAttributes"])?.unwrap_or_default();
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
        if !matches!(
            field.as_str(),
            "" | "name" | "id" | "status" | "createdTime" | "expireTime"
        ) {
            return Err(ApiError::invalid(format!(
                "\"sort[{i}].field\": cannot sort by \"{field}\""
            )));
        }
        sort.push((field, desc));
    }
    o.finish()?;
    let mut hits: Vec<&AccessKey> = store
        .access_keys
        .iter()
        .filter(|k| {
            (tenant_ids.is_empty() || k.tenants.iter().any(|t| tenant_ids.contains(&t.tenant_id)))
                && (bound.is_empty() || k.bound_user_id == bound)
                && (creator.is_empty() || k.created_by == creator)
                && (text.is_empty()
                    || k.name.to_lowercase().contains(&text)
                    || k.description.to_lowercase().contains(&text))
                && custom.iter().all(|(a, want)| {
                    want.is_null()
                        || k.custom_attributes
                            .get(a)
                            .is_some_and(|h| attr_equals(h, want))
                })
        })
        .collect();
    hits.sort_by(|a, b| {
        for (field, desc) in &sort {
            let ord = key_sort(a, field).cmp(&key_sort(b, field));
            let ord = if *desc { ord.reverse() } else { ord };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    });
    let keys: Vec<Value> = hits.into_iter().map(|k| store.render_key(k)).collect();
    Ok(json!({ "keys": keys }))
}

/// `{id, name, …}`: unlike other updates, absent fields keep their values (reference §0.2.3,
/// Go and Python docs). `expireTime` and the bound user cannot change.
pub fn update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    let name = o.req_str(&["name"])?;
    let description = o.str(&["description"])?;
    let roles = o.str_list(&["roleNames"])?;
    let tenants = read_key_tenants(&mut o)?;
    let claims = o.map(&["customClaims"])?;
    let ips = read_ips(&mut o)?;
    let attrs = if o.has(&["customAttributes"]) {
        Some(read_custom_attributes(&mut o, "customAttributes")?)
    } else {
        None
    };
    o.finish()?;
    let idx = store.key_index(&id)?;
    let role_ids = match &roles {
        Some(r) => Some(super::roles::project_role_ids(store, r)?),
        None => None,
    };
    let key_tenants = match &tenants {
        Some(t) => Some(resolve_roles(store, &[], t)?.1),
        None => None,
    };
    let k = &mut store.access_keys[idx];
    k.name = name;
    if let Some(d) = description {
        k.description = d;
    }
    if let Some(r) = role_ids {
        k.role_ids = r;
    }
    if let Some(t) = key_tenants {
        k.tenants = t;
    }
    if let Some(c) = claims {
        k.custom_claims = c;
    }
    if let Some(i) = ips {
        k.permitted_ips = i;
    }
    if let Some(a) = attrs {
        k.custom_attributes = a;
    }
    Ok(json!({ "key": store.render_key(&store.access_keys[idx]) }))
}

fn read_id(call: &Call) -> ApiResult<String> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    o.finish()?;
    Ok(id)
}

/// `{ids}`: every ID must exist, or nothing changes.
fn read_ids(store: &Store, call: &Call) -> ApiResult<Vec<usize>> {
    let mut o = call.body_obj()?;
    let ids = o.str_list(&["ids"])?;
    let ids = o.require(ids, "ids");
    o.finish()?;
    ids.iter().map(|id| store.key_index(id)).collect()
}

/// Activating an active key (or deactivating an inactive one) changes nothing: the
/// reference leaves it open, and idempotence keeps batches simple.
fn set_active(store: &mut Store, idx: &[usize], active: bool) -> Value {
    for i in idx {
        store.access_keys[*i].active = active;
    }
    empty()
}

pub fn activate(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.key_index(&read_id(call)?)?;
    Ok(set_active(store, &[idx], true))
}

pub fn deactivate(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.key_index(&read_id(call)?)?;
    Ok(set_active(store, &[idx], false))
}

pub fn activate_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = read_ids(store, call)?;
    Ok(set_active(store, &idx, true))
}

pub fn deactivate_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = read_ids(store, call)?;
    Ok(set_active(store, &idx, false))
}

pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.key_index(&read_id(call)?)?;
    store.access_keys.remove(idx);
    Ok(empty())
}

pub fn delete_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = read_ids(store, call)?;
    let ids: Vec<String> = idx
        .iter()
        .map(|i| store.access_keys[*i].id.clone())
        .collect();
    store.access_keys.retain(|k| !ids.contains(&k.id));
    Ok(empty())
}

/// A new secret for the same key: ID, name, roles, tenants and expiry stay; the old
/// cleartext stops working at once. Only active, unexpired keys rotate.
pub fn rotate(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.key_index(&read_id(call)?)?;
    let k = &mut store.access_keys[idx];
    if !k.active || k.expired(call.now) {
        return Err(ApiError::invalid(
            "Only active, unexpired access keys can be rotated",
        ));
    }
    let (clear, hash) = new_cleartext(&k.id);
    k.secret_hash = hash;
    k.rotations += 1;
    Ok(json!({ "key": store.render_key(&store.access_keys[idx]), "cleartext": clear }))
}
