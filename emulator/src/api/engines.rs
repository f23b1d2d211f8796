//! `management.engine` (reference §23). The secret is answered by `create` and `rotate`
//! only (load and loadAll carry `secret: ""`); only its SHA-256 is kept, and rotation
//! invalidates the previous one. `POST /emulator/engines/verify {secret}` checks one.

use serde_json::{json, Value};

use super::common::{body_id, check_len, query_id};
use super::{empty, Call};
use crate::crypto::{hex, random_token, same, sha256};
use crate::error::{ApiError, ApiResult};
use crate::store::Store;

#[derive(Debug, Clone, PartialEq)]
pub struct Engine {
    pub id: String,
    pub name: String,
    /// Seconds.
    pub created_time: i64,
    /// Hex SHA-256 of the secret.
    pub secret_hash: String,
}

impl Engine {
    /// `secret` is given only by create and rotate.
    pub fn render(&self, secret: &str) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "secret": secret,
            "createdTime": self.created_time,
        })
    }
}

pub fn secret_hash(secret: &str) -> String {
    hex(&sha256(secret.as_bytes()))
}

impl Store {
    pub fn engine_index(&self, id: &str) -> ApiResult<usize> {
        self.engines
            .iter()
            .position(|e| e.id == id)
            .ok_or_else(|| ApiError::not_found("Engine", id))
    }

    /// The engine whose current secret this is.
    pub fn engine_by_secret(&self, secret: &str) -> Option<&Engine> {
        let hash = secret_hash(secret);
        self.engines
            .iter()
            .find(|e| same(e.secret_hash.as_bytes(), hash.as_bytes()))
    }
}

fn read_name(call: &Call, with_id: bool) -> ApiResult<(String, String)> {
    let mut o = call.body_obj()?;
    let id = if with_id {
        o.req_str(&["id"])?
    } else {
        String::new()
    };
    let name = o.req_str(&["name"])?;
    o.finish()?;
    check_len(&name, "name", 100)?;
    Ok((id, name))
}

/// `{name}` → `{engine}` with its secret.
pub fn create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (_, name) = read_name(call, false)?;
    let id = store.new_id("EN2", 28, |s, id| s.engine_index(id).is_ok());
    let secret = random_token(40);
    let engine = Engine {
        id,
        name,
        created_time: call.now,
        secret_hash: secret_hash(&secret),
    };
    let answer = json!({ "engine": engine.render(&secret) });
    store.engines.push(engine);
    Ok(answer)
}

/// `{id, name}` → `{engine}` (no secret).
pub fn update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (id, name) = read_name(call, true)?;
    let idx = store.engine_index(&id)?;
    store.engines[idx].name = name;
    Ok(json!({ "engine": store.engines[idx].render("") }))
}

pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.engine_index(&body_id(call)?)?;
    store.engines.remove(idx);
    Ok(empty())
}

pub fn load(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.engine_index(&query_id(call)?)?;
    Ok(json!({ "engine": store.engines[idx].render("") }))
}

/// `GET /v1/mgmt/engines/load` (plural) → `{engines}`.
pub fn load_all(store: &mut Store, call: &Call) -> ApiResult<Value> {
    call.query_obj()?.finish()?;
    let all: Vec<Value> = store.engines.iter().map(|e| e.render("")).collect();
    Ok(json!({ "engines": all }))
}

/// `{id}` → `{secret}`: a new secret; the old one stops working.
pub fn rotate(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.engine_index(&body_id(call)?)?;
    let secret = random_token(40);
    store.engines[idx].secret_hash = secret_hash(&secret);
    Ok(json!({ "secret": secret }))
}
