//! `management.password` (reference §9): password policy for the project and per tenant.
//! Configure is a full overwrite (absent keys become zero); a tenant without its own policy
//! uses the project's, and a sub-tenant always uses its parent's.

use serde_json::{json, Map, Value};

use super::tenants::tenant_index;
use super::{empty, Call};
use crate::error::{ApiError, ApiResult};
use crate::store::Store;

/// Boolean keys with their accepted spellings: node's type says `nonAlphaNumeric`, the
/// service `nonAlphanumeric` (reference §0.2.9); answers use the service's.
const BOOLS: &[(&str, &[&str])] = &[
    ("enabled", &["enabled"]),
    ("lowercase", &["lowercase"]),
    ("uppercase", &["uppercase"]),
    ("number", &["number"]),
    ("nonAlphanumeric", &["nonAlphanumeric", "nonAlphaNumeric"]),
    ("expiration", &["expiration"]),
    ("reuse", &["reuse"]),
    ("lock", &["lock"]),
    ("tempLock", &["tempLock"]),
    ("enablePasswordStrength", &["enablePasswordStrength"]),
];
const INTS: &[&str] = &[
    "minLength",
    "expirationWeeks",
    "reuseAmount",
    "lockAttempts",
    "tempLockAttempts",
    "tempLockDuration",
    "passwordStrengthScore",
];

/// What a project has before anyone configured it (emulator choice: a common policy).
fn defaults() -> Map<String, Value> {
    let mut m = Map::new();
    for (k, _) in BOOLS {
        let on = matches!(*k, "enabled" | "lowercase" | "uppercase" | "number");
        m.insert((*k).into(), Value::Bool(on));
    }
    for k in INTS {
        m.insert((*k).into(), json!(if *k == "minLength" { 8 } else { 0 }));
    }
    m
}

/// The policy in force for a tenant (`""` = the project).
fn effective(store: &Store, tenant_id: &str) -> Map<String, Value> {
    let mut id = tenant_id;
    // Walk up to the top-level tenant: sub-tenants inherit.
    for _ in 0..store.tenants.len() {
        match store.tenant(id) {
            Some(t) if !t.parent.is_empty() => id = t.parent.as_str(),
            _ => break,
        }
    }
    match store.tenant(id).and_then(|t| t.password.clone()) {
        Some(own) => own,
        None if store.password.is_empty() => defaults(),
        None => store.password.clone(),
    }
}

/// `GET /v1/mgmt/password/settings?tenantId=`; empty or absent means the project.
pub fn get_settings(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut q = call.query_obj()?;
    let tenant = q.str(&["tenantId"])?.unwrap_or_default();
    q.finish()?;
    if !tenant.is_empty() {
        tenant_index(store, &tenant)?;
    }
    Ok(Value::Object(effective(store, &tenant)))
}

/// `{...settings, tenantId}`.
pub fn configure_settings(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tenant = o.str(&["tenantId"])?.unwrap_or_default();
    let mut m = Map::new();
    for (key, spellings) in BOOLS {
        m.insert((*key).into(), o.bool(spellings)?.unwrap_or(false).into());
    }
    for key in INTS {
        let n = o.int(&[key])?.unwrap_or(0);
        if n < 0 {
            return Err(ApiError::invalid(format!("\"{key}\" must not be negative")));
        }
        m.insert((*key).into(), n.into());
    }
    o.finish()?;
    if m.get("passwordStrengthScore").and_then(Value::as_i64) > Some(4) {
        return Err(ApiError::invalid(
            "\"passwordStrengthScore\" must be between 0 and 4",
        ));
    }
    if tenant.is_empty() {
        store.password = m;
        return Ok(empty());
    }
    let idx = tenant_index(store, &tenant)?;
    if !store.tenants[idx].parent.is_empty() {
        return Err(ApiError::invalid(
            "Sub-tenants inherit password settings from their parent",
        ));
    }
    store.tenants[idx].password = Some(m);
    Ok(empty())
}
