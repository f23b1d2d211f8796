//! Strict request parsing: every key must be consumed, types are checked, and every error
//! names the offending key (with its path inside nested objects, e.g. `users[0].loginId`).
//!
//! JSON `null` counts as absent: node sends `null` for unset positional arguments and Go/Python
//! send zero values, and the real service accepts both.

use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult};

/// A JSON object being taken apart key by key.
#[derive(Debug)]
pub struct Obj {
    map: Map<String, Value>,
    prefix: String,
    /// Required keys found missing; reported by `finish` after unknown keys, because a
    /// misspelt key (`login_id`) explains a missing one (`loginId`) better than the reverse.
    missing: Vec<String>,
}

/// The raw body as JSON, or a `E011001` error.
pub fn parse_json(bytes: &[u8]) -> ApiResult<Value> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_json("the request body is empty"));
    }
    serde_json::from_slice(bytes).map_err(ApiError::bad_json)
}

impl Obj {
    /// The request body as an object.
    pub fn from_body(bytes: &[u8]) -> ApiResult<Obj> {
        match parse_json(bytes)? {
            Value::Object(map) => Ok(Obj::from_map(map)),
            _ => Err(ApiError::invalid("the request body must be a JSON object")),
        }
    }

    /// A top-level object built by the caller (e.g. from query parameters).
    pub fn from_map(map: Map<String, Value>) -> Obj {
        Obj {
            map,
            prefix: String::new(),
            missing: Vec::new(),
        }
    }

    /// A nested value as an object; `path` names it in errors.
    pub fn from_value(value: Value, path: &str) -> ApiResult<Obj> {
        match value {
            Value::Object(map) => Ok(Obj {
                map,
                prefix: format!("{path}."),
                missing: Vec::new(),
            }),
            _ => Err(ApiError::invalid(format!("\"{path}\" must be an object"))),
        }
    }

    /// Full display name of a key, e.g. `users[0].email`.
    pub fn name(&self, key: &str) -> String {
        format!("{}{}", self.prefix, key)
    }

    fn type_error(&self, key: &str, what: &str) -> ApiError {
        ApiError::invalid(format!("\"{}\" must be {what}", self.name(key)))
    }

    /// Removes `key` and its aliases; the first non-null value wins. Conflicting non-empty
    /// values under two spellings are rejected rather than guessed at.
    fn take(&mut self, keys: &[&str]) -> ApiResult<Option<(String, Value)>> {
        let mut found: Option<(String, Value)> = None;
        for key in keys {
            let Some(value) = self.map.remove(*key) else {
                continue;
            };
            if value.is_null() {
                continue;
            }
            match &found {
                None => found = Some(((*key).to_string(), value)),
                Some((first, prev)) => {
                    if is_empty(prev) {
                        found = Some(((*key).to_string(), value));
                    } else if !is_empty(&value) && *prev != value {
                        return Err(ApiError::invalid(format!(
                            "\"{}\" and \"{}\" disagree",
                            self.name(first),
                            self.name(key)
                        )));
                    }
                }
            }
        }
        Ok(found)
    }

    /// True if any of the spellings is present (even as `null`).
    pub fn has(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.map.contains_key(*k))
    }

    pub fn str(&mut self, keys: &[&str]) -> ApiResult<Option<String>> {
        match self.take(keys)? {
            None => Ok(None),
            Some((_, Value::String(s))) => Ok(Some(s)),
            Some((key, _)) => Err(self.type_error(&key, "a string")),
        }
    }

    /// A string that must be present and non-empty. When it is not, `""` comes back and
    /// `finish` fails, so read everything and call `finish` before using the value.
    pub fn req_str(&mut self, keys: &[&str]) -> ApiResult<String> {
        match self.str(keys)? {
            Some(s) if !s.is_empty() => Ok(s),
            _ => {
                self.missing(keys[0]);
                Ok(String::new())
            }
        }
    }

    /// Records a missing required key (reported by `finish`).
    pub fn missing(&mut self, key: &str) {
        let name = self.name(key);
        self.missing.push(name);
    }

    /// Takes `v`, or records `key` as missing and yields the default.
    pub fn require<T: Default>(&mut self, v: Option<T>, key: &str) -> T {
        match v {
            Some(v) => v,
            None => {
                self.missing(key);
                T::default()
            }
        }
    }

    /// The error for a missing required key, for immediate use.
    pub fn required(&self, key: &str) -> ApiError {
        ApiError::invalid(format!("\"{}\" is required", self.name(key)))
    }

    pub fn bool(&mut self, keys: &[&str]) -> ApiResult<Option<bool>> {
        match self.take(keys)? {
            None => Ok(None),
            Some((_, Value::Bool(b))) => Ok(Some(b)),
            Some((key, _)) => Err(self.type_error(&key, "a boolean")),
        }
    }

    /// An integer; 64-bit fields may arrive as decimal strings (protobuf JSON).
    pub fn int(&mut self, keys: &[&str]) -> ApiResult<Option<i64>> {
        match self.take(keys)? {
            None => Ok(None),
            Some((key, v)) => as_int(&v)
                .map(Some)
                .ok_or_else(|| self.type_error(&key, "an integer")),
        }
    }

    pub fn str_list(&mut self, keys: &[&str]) -> ApiResult<Option<Vec<String>>> {
        match self.take(keys)? {
            None => Ok(None),
            Some((key, v)) => {
                let name = self.name(&key);
                string_list(v, &name).map(Some)
            }
        }
    }

    pub fn list(&mut self, keys: &[&str]) -> ApiResult<Option<Vec<Value>>> {
        match self.take(keys)? {
            None => Ok(None),
            Some((_, Value::Array(items))) => Ok(Some(items)),
            Some((key, _)) => Err(self.type_error(&key, "an array")),
        }
    }

    /// A nested object, itself parsed strictly.
    pub fn obj(&mut self, keys: &[&str]) -> ApiResult<Option<Obj>> {
        match self.take(keys)? {
            None => Ok(None),
            Some((key, v)) => {
                let name = self.name(&key);
                Obj::from_value(v, &name).map(Some)
            }
        }
    }

    /// A free-form JSON object (custom claims, template options…), not checked key by key.
    pub fn map(&mut self, keys: &[&str]) -> ApiResult<Option<Map<String, Value>>> {
        match self.take(keys)? {
            None => Ok(None),
            Some((_, Value::Object(m))) => Ok(Some(m)),
            Some((key, _)) => Err(self.type_error(&key, "an object")),
        }
    }

    /// An object whose values must all be strings.
    pub fn str_map(&mut self, keys: &[&str]) -> ApiResult<Option<Map<String, Value>>> {
        let Some(m) = self.map(keys)? else {
            return Ok(None);
        };
        for (k, v) in &m {
            if !v.is_string() {
                return Err(ApiError::invalid(format!(
                    "\"{}.{k}\" must be a string",
                    self.name(keys[0])
                )));
            }
        }
        Ok(Some(m))
    }

    /// Any JSON value, `null` included (the caller decides what it means).
    pub fn raw(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key)
    }

    /// Rejects whatever was not consumed, then whatever required key was missing.
    pub fn finish(self) -> ApiResult<()> {
        if let Some(key) = self.map.keys().next() {
            return Err(ApiError::invalid(format!(
                "unknown key \"{}\"",
                self.name(key)
            )));
        }
        match self.missing.first() {
            None => Ok(()),
            Some(name) => Err(ApiError::invalid(format!("\"{name}\" is required"))),
        }
    }

    /// The keys still unconsumed, without failing (for dispatching on a shape).
    pub fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

pub fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A JSON array of strings; `name` labels errors.
pub fn string_list(v: Value, name: &str) -> ApiResult<Vec<String>> {
    let err = || ApiError::invalid(format!("\"{name}\" must be an array of strings"));
    match v {
        Value::Array(items) => items
            .into_iter()
            .map(|i| match i {
                Value::String(s) => Ok(s),
                _ => Err(err()),
            })
            .collect(),
        _ => Err(err()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Obj {
        Obj::from_body(v.to_string().as_bytes()).unwrap()
    }

    #[test]
    fn unknown_key_is_named() {
        let mut o = obj(json!({"loginId": "a", "login_id": "b"}));
        assert_eq!(o.req_str(&["loginId"]).unwrap(), "a");
        let e = o.finish().unwrap_err();
        assert_eq!(e.description, "unknown key \"login_id\"");
    }

    #[test]
    fn unknown_key_beats_missing_key() {
        let mut o = obj(json!({"login_id": "b"}));
        assert_eq!(o.req_str(&["loginId"]).unwrap(), "");
        assert_eq!(
            o.finish().unwrap_err().description,
            "unknown key \"login_id\""
        );
        let mut o = obj(json!({"loginId": ""}));
        o.req_str(&["loginId"]).unwrap();
        assert_eq!(
            o.finish().unwrap_err().description,
            "\"loginId\" is required"
        );
    }

    #[test]
    fn aliases_and_nulls() {
        let mut o = obj(json!({"identifier": "x", "loginId": null}));
        assert_eq!(o.req_str(&["loginId", "identifier"]).unwrap(), "x");
        o.finish().unwrap();
        let mut o = obj(json!({"loginId": "x", "identifier": "y"}));
        assert!(o.str(&["loginId", "identifier"]).is_err());
    }

    #[test]
    fn types_are_checked() {
        let mut o = obj(json!({"picture": 3, "n": "12", "l": ["a", 1]}));
        assert_eq!(
            o.str(&["picture"]).unwrap_err().description,
            "\"picture\" must be a string"
        );
        assert_eq!(o.int(&["n"]).unwrap(), Some(12));
        assert!(o.str_list(&["l"]).is_err());
    }

    #[test]
    fn nested_names() {
        let mut o = obj(json!({"u": {"x": 1}}));
        let inner = o.obj(&["u"]).unwrap().unwrap();
        assert_eq!(
            inner.finish().unwrap_err().description,
            "unknown key \"u.x\""
        );
    }

    #[test]
    fn bad_json() {
        assert_eq!(Obj::from_body(b"{").unwrap_err().code, "E011001");
        assert_eq!(Obj::from_body(b"").unwrap_err().code, "E011001");
        assert_eq!(Obj::from_body(b"[]").unwrap_err().code, "E011003");
    }
}
