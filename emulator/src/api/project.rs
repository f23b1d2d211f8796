//! Project-level endpoints: custom attribute definitions, license, login history, import.

use serde_json::{json, Value};

use super::Call;
use crate::body::{parse_json, string_list};
use crate::error::{ApiError, ApiResult};
use crate::seed::read_attr_def;
use crate::store::Store;

fn attr_list(store: &Store) -> Value {
    let data: Vec<Value> = store.attrs.iter().map(|a| a.to_json()).collect();
    json!({ "data": data })
}

pub fn custom_attributes(store: &mut Store, _call: &Call) -> ApiResult<Value> {
    Ok(attr_list(store))
}

/// Adds or replaces definitions by name; answers the full set.
pub fn custom_attribute_create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let items = o.list(&["attributes"])?;
    let items = o.require(items, "attributes");
    let defs = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| read_attr_def(item, &format!("attributes[{i}]")))
        .collect::<ApiResult<Vec<_>>>()?;
    o.finish()?;
    for def in defs {
        match store.attrs.iter_mut().find(|a| a.name == def.name) {
            Some(slot) => *slot = def,
            None => store.attrs.push(def),
        }
    }
    Ok(attr_list(store))
}

/// Removes definitions and the users' values for them; unknown names are ignored.
pub fn custom_attribute_delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let names = o.str_list(&["names"])?;
    let names = o.require(names, "names");
    o.finish()?;
    store.attrs.retain(|a| !names.contains(&a.name));
    for u in &mut store.users {
        u.custom_attributes.retain(|k, _| !names.contains(k));
    }
    Ok(attr_list(store))
}

pub fn license(_store: &mut Store, call: &Call) -> ApiResult<Value> {
    Ok(json!({ "rateLimitTier": call.config.license_tier }))
}

/// Bare JSON array of user IDs in, bare array of login records out.
pub fn history(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let ids = match parse_json(call.body)? {
        v @ Value::Array(_) => string_list(v, "body")?,
        _ => {
            return Err(ApiError::invalid(
                "the request body must be a JSON array of user IDs",
            ))
        }
    };
    let records: Vec<Value> = store
        .users
        .iter()
        .filter(|u| ids.contains(&u.user_id))
        .flat_map(|u| u.extra.history.iter().cloned())
        .collect();
    Ok(Value::Array(records))
}

/// `{source, users, hashes, dryrun}`: `users` is base64 of a JSON array of users in the seed
/// format (or `{"users": [...]}`); `hashes` must be base64 and is otherwise ignored.
/// Each user is created or reported in `failures`; with `dryrun` nothing is kept.
pub fn import(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let source = o.req_str(&["source"])?;
    let users = o.str(&["users"])?.unwrap_or_default();
    let hashes = o.str(&["hashes"])?.unwrap_or_default();
    let dryrun = o.bool(&["dryrun"])?.unwrap_or(false);
    o.finish()?;
    let _ = source;
    let decoded =
        base64_decode(&users).ok_or_else(|| ApiError::invalid("\"users\" must be base64"))?;
    base64_decode(&hashes).ok_or_else(|| ApiError::invalid("\"hashes\" must be base64"))?;

    let mut work = store.clone();
    let mut created = Vec::new();
    let mut failures = Vec::new();
    let items = match serde_json::from_slice::<Value>(&decoded) {
        _ if decoded.is_empty() => Vec::new(),
        Ok(Value::Array(items)) => items,
        Ok(Value::Object(mut m)) => match m.remove("users") {
            Some(Value::Array(items)) => items,
            _ => {
                failures
                    .push(json!({"user": "", "reason": "users payload has no \"users\" array"}));
                Vec::new()
            }
        },
        _ => {
            failures
                .push(json!({"user": "", "reason": "users payload is not a JSON array of users"}));
            Vec::new()
        }
    };
    for (i, item) in items.into_iter().enumerate() {
        let name = item
            .get("loginId")
            .or_else(|| item.get("loginIds").and_then(|l| l.get(0)))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let keep_time = item.get("createdTime").is_some();
        let before = work.users.len();
        let doc = json!({ "users": [item] });
        match crate::seed::apply_seed(&mut work, doc, false) {
            Ok(()) => {
                if let Some(u) = work.users.get_mut(before) {
                    if !keep_time {
                        u.created_time = call.now;
                    }
                    u.extra.modified_time = call.now;
                }
                if let Some(u) = work.users.get(before) {
                    created.push(work.render(u));
                }
            }
            Err(e) => failures.push(json!({
                "user": name,
                "reason": e.description.replace("users[0]", &format!("users[{i}]")),
            })),
        }
    }
    if !dryrun {
        *store = work;
    }
    Ok(json!({ "users": created, "failures": failures }))
}

/// Standard or URL-safe base64, padding optional; `None` if malformed.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'\n' | b'\r' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A single leftover character cannot encode a byte.
    if bits >= 6 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::base64_decode;

    #[test]
    fn base64() {
        assert_eq!(base64_decode("dXNlcnM=").unwrap(), b"users");
        assert_eq!(base64_decode("aGFzaGVz").unwrap(), b"hashes");
        assert_eq!(base64_decode("YQ").unwrap(), b"a");
        assert_eq!(base64_decode("").unwrap(), b"");
        assert!(base64_decode("a").is_none());
        assert!(base64_decode("a*b=").is_none());
    }
}
