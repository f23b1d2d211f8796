//! `management.scopeClaimMapping` (reference §24): one ordered, project-wide list mapping
//! OIDC scopes to JWT claims. `set` replaces the whole list (`[]` clears it), `delete`
//! clears it, `get` answers `[]` when nothing is configured.

use serde_json::{json, Map, Value};

use super::common::{empty_body, read_items};
use super::{empty, Call};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::store::Store;

#[derive(Debug, Clone, PartialEq)]
pub struct ScopeMapping {
    pub scope: String,
    /// Claim name → a value or a `{{template}}` string.
    pub claims: Map<String, Value>,
    pub description: String,
}

impl ScopeMapping {
    pub fn render(&self) -> Value {
        json!({ "scope": self.scope, "claims": self.claims, "description": self.description })
    }
}

/// One `{scope, claims, description?}` entry; claim values are strings (a value or a
/// `{{template}}`).
pub fn read_mapping(m: &mut Obj) -> ApiResult<ScopeMapping> {
    let scope = m.req_str(&["scope"])?;
    let claims = m.str_map(&["claims"])?.unwrap_or_default();
    let description = m.str(&["description"])?.unwrap_or_default();
    if claims.keys().any(String::is_empty) {
        return Err(ApiError::invalid(format!(
            "\"{}\" must not have an empty claim name",
            m.name("claims")
        )));
    }
    Ok(ScopeMapping {
        scope,
        claims,
        description,
    })
}

pub fn get(store: &mut Store, call: &Call) -> ApiResult<Value> {
    empty_body(call)?;
    let all: Vec<Value> = store
        .scope_mappings
        .iter()
        .map(ScopeMapping::render)
        .collect();
    Ok(json!({ "mappings": all }))
}

/// `{mappings: [...]}` replaces the list; a scope may appear once.
pub fn set(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let mappings = read_items(&mut o, "mappings", read_mapping)?;
    let mappings = o.require(mappings, "mappings");
    o.finish()?;
    for (i, m) in mappings.iter().enumerate() {
        if mappings[..i].iter().any(|x| x.scope == m.scope) {
            return Err(ApiError::duplicate("Scope mapping", "scope", &m.scope));
        }
    }
    store.scope_mappings = mappings;
    Ok(empty())
}

pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    empty_body(call)?;
    store.scope_mappings.clear();
    Ok(empty())
}
