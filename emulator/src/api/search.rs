//! `POST /v2/mgmt/user/search` and `/search/test` with every filter of reference §5.6.
//! Empty lists and zero times mean "no filter" (Go and Python send zero values).

use std::cmp::Ordering;

use serde_json::{json, Value};

use super::Call;
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::input::{check_status, SSO_APP_IDS};
use crate::store::{Store, User};

const DEFAULT_LIMIT: usize = 100;

/// `{tenantId: {values, and?}}`: the user's roles in that tenant include any (or all) values.
struct TenantRoles {
    tenant: String,
    values: Vec<String>,
    all: bool,
}

#[derive(Default)]
struct Search {
    page: usize,
    limit: usize,
    offset: usize,
    sort: Vec<(String, bool)>,
    text: String,
    emails: Vec<String>,
    phones: Vec<String>,
    statuses: Vec<String>,
    role_names: Vec<String>,
    tenant_ids: Vec<String>,
    custom: Vec<(String, Vec<Value>)>,
    with_test: bool,
    test_only: bool,
    sso_app_ids: Vec<String>,
    login_ids: Vec<String>,
    user_ids: Vec<String>,
    created: (i64, i64),
    modified: (i64, i64),
    tenant_roles: Vec<TenantRoles>,
    verified_email: Option<bool>,
    verified_phone: Option<bool>,
    login_id: String,
    /// Docs-only flags; `true` filters, `false` (the zero value) does not.
    sso_only: bool,
    scim_only: bool,
    password: bool,
    totp: bool,
    webauthn: bool,
    scim: bool,
    /// `tenantIds` also match users of those tenants' sub-tenants, at any depth.
    include_sub_tenants: bool,
}

fn count(o: &mut Obj, key: &str) -> ApiResult<usize> {
    match o.int(&[key])? {
        None => Ok(0),
        Some(n) if n < 0 => Err(ApiError::invalid(format!(
            "\"{}\" must not be negative",
            o.name(key)
        ))),
        Some(n) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
    }
}

fn list(o: &mut Obj, keys: &[&str]) -> ApiResult<Vec<String>> {
    Ok(o.str_list(keys)?.unwrap_or_default())
}

fn read_tenant_roles(o: &mut Obj, key: &str, out: &mut Vec<TenantRoles>) -> ApiResult<()> {
    let Some(map) = o.map(&[key])? else {
        return Ok(());
    };
    for (tenant, spec) in map {
        let mut s = Obj::from_value(spec, &format!("{key}.{tenant}"))?;
        let values = list(&mut s, &["values"])?;
        let all = s.bool(&["and"])?.unwrap_or(false);
        s.finish()?;
        out.push(TenantRoles {
            tenant,
            values,
            all,
        });
    }
    Ok(())
}

impl Search {
    fn read(o: &mut Obj) -> ApiResult<Search> {
        let mut s = Search {
            page: count(o, "page")?,
            limit: count(o, "limit")?,
            offset: count(o, "offset")?,
            text: o.str(&["text"])?.unwrap_or_default().to_lowercase(),
            emails: list(o, &["emails"])?,
            phones: list(o, &["phones"])?,
            statuses: list(o, &["statuses"])?,
            role_names: list(o, &["roleNames"])?,
            tenant_ids: list(o, &["tenantIds"])?,
            with_test: o.bool(&["withTestUser"])?.unwrap_or(false),
            test_only: o.bool(&["testUsersOnly"])?.unwrap_or(false),
            sso_app_ids: list(o, SSO_APP_IDS)?,
            login_ids: list(o, &["loginIds"])?,
            user_ids: list(o, &["userIds"])?,
            created: (
                o.int(&["fromCreatedTime"])?.unwrap_or(0),
                o.int(&["toCreatedTime"])?.unwrap_or(0),
            ),
            modified: (
                o.int(&["fromModifiedTime"])?.unwrap_or(0),
                o.int(&["toModifiedTime"])?.unwrap_or(0),
            ),
            verified_email: o.bool(&["verifiedEmail"])?,
            verified_phone: o.bool(&["verifiedPhone"])?,
            login_id: o.str(&["loginId"])?.unwrap_or_default(),
            sso_only: o.bool(&["ssoOnly"])?.unwrap_or(false),
            scim_only: o.bool(&["scimOnly"])?.unwrap_or(false),
            password: o.bool(&["password"])?.unwrap_or(false),
            totp: o.bool(&["totp"])?.unwrap_or(false),
            webauthn: o.bool(&["webauthn"])?.unwrap_or(false),
            scim: o.bool(&["scim"])?.unwrap_or(false),
            ..Search::default()
        };
        for st in &s.statuses {
            check_status(st, "statuses", crate::STATUSES)?;
        }
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
            // Probing an empty user tells whether the field is sortable at all.
            if !field.is_empty()
                && sort_key(&User::new(String::new(), String::new(), 0), &field).is_none()
            {
                return Err(ApiError::invalid(format!(
                    "\"sort[{i}].field\": cannot sort by \"{field}\""
                )));
            }
            s.sort.push((field, desc));
        }
        if let Some(attrs) = o.map(&["customAttributes"])? {
            for (k, v) in attrs {
                let wanted = match v {
                    Value::Array(items) => items,
                    Value::Null => continue,
                    other => vec![other],
                };
                s.custom.push((k, wanted));
            }
        }
        read_tenant_roles(o, "tenantRoleIds", &mut s.tenant_roles)?;
        read_tenant_roles(o, "tenantRoleNames", &mut s.tenant_roles)?;
        s.include_sub_tenants = o.bool(&["includeSubTenants"])?.unwrap_or(false);
        // Accepted and ignored: the emulator always returns every column.
        o.str_list(&["selectedColumns"])?;
        Ok(s)
    }

    fn matches(&self, store: &Store, u: &User) -> bool {
        let named = |ids: &[String], r: &str| ids.iter().any(|id| store.role_name(id) == r);
        let any = |want: &[String], have: &dyn Fn(&str) -> bool| {
            want.is_empty() || want.iter().any(|w| have(w))
        };
        let in_range = |t_ms: i64, (from, to): (i64, i64)| {
            (from <= 0 || t_ms >= from) && (to <= 0 || t_ms <= to)
        };
        let text_hit = |t: &str| {
            u.login_ids.iter().any(|l| l.to_lowercase().contains(t))
                || [&u.name, &u.email, &u.phone]
                    .iter()
                    .any(|f| f.to_lowercase().contains(t))
        };
        (!u.test || self.with_test || self.test_only)
            && (!self.test_only || u.test)
            && (self.text.is_empty() || text_hit(&self.text))
            && any(&self.emails, &|e| u.email.eq_ignore_ascii_case(e))
            && any(&self.phones, &|p| u.phone == p)
            && any(&self.statuses, &|s| u.status == s)
            && any(&self.role_names, &|r| {
                named(&u.role_ids, r) || u.tenants.iter().any(|t| named(&t.role_ids, r))
            })
            && any(&self.tenant_ids, &|t| u.tenant(t).is_some())
            && any(&self.sso_app_ids, &|a| u.sso_app_ids.iter().any(|x| x == a))
            && any(&self.login_ids, &|l| u.has_login_id(l))
            && any(&self.user_ids, &|i| u.user_id == i)
            && (self.login_id.is_empty() || u.has_login_id(&self.login_id))
            && in_range(u.created_time.saturating_mul(1000), self.created)
            && in_range(u.extra.modified_time.saturating_mul(1000), self.modified)
            && self.verified_email.is_none_or(|v| u.verified_email == v)
            && self.verified_phone.is_none_or(|v| u.verified_phone == v)
            && self.custom.iter().all(|(k, wanted)| {
                u.custom_attributes
                    .get(k)
                    .is_some_and(|have| wanted.iter().any(|w| attr_matches(have, w)))
            })
            && self.tenant_roles.iter().all(|tr| {
                u.tenant(&tr.tenant).is_some_and(|t| {
                    // Role IDs or names (the emulator accepted names here before roles had IDs).
                    let has = |r: &String| t.role_ids.contains(r) || named(&t.role_ids, r);
                    if tr.all {
                        tr.values.iter().all(has)
                    } else {
                        tr.values.is_empty() || tr.values.iter().any(has)
                    }
                })
            })
            && (!self.sso_only || u.saml || u.oidc)
            && (!self.scim_only || u.scim)
            && (!self.password || u.password)
            && (!self.totp || u.totp)
            && (!self.webauthn || u.webauthn)
            && (!self.scim || u.scim)
    }
}

/// A stored value matches a wanted one; multi-select values match on any element.
fn attr_matches(have: &Value, want: &Value) -> bool {
    match (have, want) {
        (Value::Array(items), w) => items.iter().any(|i| attr_matches(i, w)),
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Number(a), Value::String(b)) | (Value::String(b), Value::Number(a)) => {
            a.to_string() == *b
        }
        (a, b) => a == b,
    }
}

#[derive(PartialEq, PartialOrd)]
enum Key {
    Missing,
    Bool(bool),
    Num(f64),
    Str(String),
}

/// The value a sort field reads; `None` for fields the emulator cannot sort by.
fn sort_key(u: &User, field: &str) -> Option<Key> {
    let s = |v: &str| Key::Str(v.to_lowercase());
    Some(match field {
        "userId" => s(&u.user_id),
        "name" | "displayName" => s(&u.name),
        "givenName" => s(&u.given_name),
        "middleName" => s(&u.middle_name),
        "familyName" => s(&u.family_name),
        "email" => s(&u.email),
        "phone" => s(&u.phone),
        "status" => s(&u.status),
        "loginId" | "loginIds" => s(u.login_ids.first().map(String::as_str).unwrap_or("")),
        "createdTime" => Key::Num(u.created_time as f64),
        "modifiedTime" => Key::Num(u.extra.modified_time as f64),
        "test" => Key::Bool(u.test),
        "verifiedEmail" => Key::Bool(u.verified_email),
        "verifiedPhone" => Key::Bool(u.verified_phone),
        other => {
            let attr = other.strip_prefix("customAttributes.")?;
            match u.custom_attributes.get(attr) {
                Some(Value::Number(n)) => Key::Num(n.as_f64().unwrap_or(0.0)),
                Some(Value::Bool(b)) => Key::Bool(*b),
                Some(Value::String(v)) => s(v),
                Some(other) => Key::Str(other.to_string()),
                None => Key::Missing,
            }
        }
    })
}

fn run(store: &Store, call: &Call, test_path: bool) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let mut q = Search::read(&mut o)?;
    o.finish()?;
    if q.include_sub_tenants {
        let mut i = 0;
        while i < q.tenant_ids.len() {
            let parent = q.tenant_ids[i].clone();
            for t in store.tenants.iter().filter(|t| t.parent == parent) {
                if !q.tenant_ids.contains(&t.id) {
                    q.tenant_ids.push(t.id.clone());
                }
            }
            i += 1;
        }
    }
    if test_path {
        q.with_test = true;
        q.test_only = true;
    }
    let mut hits: Vec<&User> = store.users.iter().filter(|u| q.matches(store, u)).collect();
    if !q.sort.is_empty() {
        hits.sort_by(|a, b| {
            for (field, desc) in &q.sort {
                let ord = sort_key(a, field)
                    .partial_cmp(&sort_key(b, field))
                    .unwrap_or(Ordering::Equal);
                let ord = if *desc { ord.reverse() } else { ord };
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            Ordering::Equal
        });
    }
    let total = hits.len();
    let limit = if q.limit == 0 { DEFAULT_LIMIT } else { q.limit };
    let start = if q.offset > 0 {
        q.offset
    } else {
        q.page.saturating_mul(limit)
    };
    let users: Vec<Value> = hits
        .into_iter()
        .skip(start)
        .take(limit)
        .map(|u| store.render(u))
        .collect();
    Ok(json!({ "users": users, "total": total }))
}

pub fn search(store: &mut Store, call: &Call) -> ApiResult<Value> {
    run(store, call, false)
}

/// Test users only, whatever the body says.
pub fn search_test(store: &mut Store, call: &Call) -> ApiResult<Value> {
    run(store, call, true)
}
