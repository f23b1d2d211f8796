//! Password fields of create and batch bodies: cleartext and the hashed shapes of reference §5.5.

use serde_json::Value;

use crate::body::Obj;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordInput {
    /// Imported passwords are usable as is; nothing marks them expired.
    pub expired: bool,
}

/// Field lists per hash kind: (name, is_integer). `hash` is required for every kind.
const KINDS: &[(&str, &[(&str, bool)])] = &[
    ("bcrypt", &[]),
    (
        "pbkdf2",
        &[("salt", false), ("iterations", true), ("type", false)],
    ),
    (
        "firebase",
        &[
            ("salt", false),
            ("saltSeparator", false),
            ("signerKey", false),
            ("memory", true),
            ("rounds", true),
        ],
    ),
    ("django", &[]),
    (
        "phpass",
        &[("salt", false), ("iterations", true), ("type", false)],
    ),
    ("md5", &[]),
    ("sha", &[("type", false), ("salt", false)]),
    (
        "argon2",
        &[
            ("salt", false),
            ("iterations", true),
            ("memory", true),
            ("threads", true),
        ],
    ),
    ("bach", &[("key", false)]),
    ("buddyauth", &[]),
];

/// Allowed `type` values where the reference lists them.
fn allowed_types(kind: &str) -> Option<&'static [&'static str]> {
    match kind {
        "pbkdf2" | "sha" => Some(&["sha1", "sha256", "sha512"]),
        "phpass" => Some(&["md5", "sha512"]),
        _ => None,
    }
}

/// Reads `password` (string, or `{cleartext}` / `{hashed}` object) and `hashedPassword`.
pub fn read_password(o: &mut Obj) -> ApiResult<Option<PasswordInput>> {
    let mut found = None;
    if let Some(v) = o.raw("password") {
        let name = o.name("password");
        match v {
            Value::Null => {}
            Value::String(s) => {
                if !s.is_empty() {
                    found = Some(PasswordInput { expired: false });
                }
            }
            Value::Object(_) => {
                let mut p = Obj::from_value(v, &name)?;
                let clear = p.str(&["cleartext"])?;
                let hashed = p.obj(&["hashed"])?;
                p.finish()?;
                if let Some(h) = hashed {
                    read_hashed(h)?;
                    found = Some(PasswordInput { expired: false });
                } else if clear.is_some_and(|c| !c.is_empty()) {
                    found = Some(PasswordInput { expired: false });
                }
            }
            _ => {
                return Err(ApiError::invalid(format!(
                    "\"{name}\" must be a string or an object"
                )))
            }
        }
    }
    if let Some(h) = o.obj(&["hashedPassword"])? {
        if found.is_some() {
            return Err(ApiError::invalid(format!(
                "\"{}\" and \"{}\" cannot both be given",
                o.name("password"),
                o.name("hashedPassword")
            )));
        }
        read_hashed(h)?;
        found = Some(PasswordInput { expired: false });
    }
    Ok(found)
}

/// Exactly one hash kind with its own fields.
fn read_hashed(mut h: Obj) -> ApiResult<()> {
    let present: Vec<String> = h.keys();
    let kinds: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
    let mut seen = 0;
    for (kind, fields) in KINDS {
        let Some(mut inner) = h.obj(&[kind])? else {
            continue;
        };
        seen += 1;
        inner.req_str(&["hash"])?;
        for (field, integer) in *fields {
            if *integer {
                inner.int(&[field])?;
            } else if let Some(v) = inner.str(&[field])? {
                if *field == "type" {
                    if let Some(allowed) = allowed_types(kind) {
                        if !allowed.contains(&v.as_str()) {
                            return Err(ApiError::invalid(format!(
                                "\"{}\" must be one of {}",
                                inner.name("type"),
                                allowed.join(", ")
                            )));
                        }
                    }
                }
            }
        }
        inner.finish()?;
    }
    if seen != 1 && present.iter().all(|k| kinds.contains(&k.as_str())) {
        return Err(ApiError::invalid(format!(
            "\"{}\" must hold exactly one of {}",
            h.name("").trim_end_matches('.'),
            kinds.join(", ")
        )));
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(v: Value) -> ApiResult<Option<PasswordInput>> {
        let mut o = Obj::from_body(v.to_string().as_bytes()).unwrap();
        let r = read_password(&mut o);
        r.and_then(|p| o.finish().map(|_| p))
    }

    #[test]
    fn shapes() {
        assert!(read(json!({"password": "pw"})).unwrap().is_some());
        assert!(read(json!({"password": {"cleartext": "pw"}}))
            .unwrap()
            .is_some());
        assert!(
            read(json!({"hashedPassword": {"bcrypt": {"hash": "$2a$x"}}}))
                .unwrap()
                .is_some()
        );
        let fb = json!({"hashedPassword": {"firebase": {"hash": "h", "salt": "s",
            "saltSeparator": "ss", "signerKey": "sk", "memory": 14, "rounds": 8}}});
        assert!(read(fb).unwrap().is_some());
        assert!(read(json!({"password": {"clear": "pw"}})).is_err());
        assert!(read(json!({"hashedPassword": {"bcrypt": {}}})).is_err());
        assert!(read(json!({"hashedPassword": {"pbkdf2": {"hash": "h", "type": "md4"}}})).is_err());
        assert!(read(json!({"hashedPassword": {}})).is_err());
        assert!(read(json!({"hashedPassword": {"scrypt": {"hash": "h"}}})).is_err());
        assert!(
            read(json!({"hashedPassword": {"md5": {"hash": "h"}, "django": {"hash": "h"}}}))
                .is_err()
        );
    }
}
