//! What a 2xx answer resolves to (node-sdk's `data`): the answer, one key of it, some of
//! its keys, or the answer reshaped as node-sdk's transforms reshape it (audit records, SSO
//! settings). One walk over [`Value`], so JavaScript answers and JSON answers (the Rust API)
//! are reshaped by the same code.

use super::value::{Kind, Value};
use super::Unwrap;
use crate::error::Error;

fn fail(path: &str, message: &str) -> Error {
    Error::Decode {
        path: path.to_string(),
        message: message.to_string(),
        snippet: String::new(),
    }
}

/// The JSON path under which `unwrap` finds what it hands back (errors of the typed
/// decoding are named from there).
pub fn prefix(unwrap: Unwrap) -> &'static str {
    match unwrap {
        Unwrap::Key(key) => key,
        Unwrap::Audits | Unwrap::AuditPage => "audits",
        Unwrap::SsoSettingsList => "SSOSettings",
        Unwrap::Projects => "projects",
        Unwrap::Resources => "resources",
        Unwrap::Whole | Unwrap::Pick(_) | Unwrap::Void | Unwrap::SsoSettings => "",
    }
}

/// The part of `answer` that `unwrap` selects, reshaped where node-sdk reshapes it.
pub fn select<V: Value>(answer: V, unwrap: Unwrap) -> Result<V, Error> {
    let object = |v: &V| {
        if v.kind() == Kind::Object {
            Ok(())
        } else {
            Err(fail(".", "expected a JSON object"))
        }
    };
    let list = |v: &V, key: &'static str| {
        let inner = v.get(key);
        match inner.kind() {
            Kind::Array => Ok(inner.items()),
            Kind::Undefined => Err(fail(key, "missing")),
            _ => Err(fail(key, "expected an array")),
        }
    };
    match unwrap {
        Unwrap::Void => Ok(V::undefined()),
        // pkg/core.js's `drive` takes these two itself from a 2xx JavaScript answer that is
        // plain (see `plain_data` in src/js/pending.rs): keep the two in step.
        Unwrap::Whole => Ok(answer),
        Unwrap::Key(key) => {
            object(&answer)?;
            let inner = answer.get(key);
            if inner.kind() == Kind::Undefined {
                return Err(fail(key, "missing"));
            }
            Ok(inner)
        }
        Unwrap::Pick(keys) => {
            object(&answer)?;
            let mut picked = V::object();
            for key in keys {
                let value = answer.get(key);
                if value.kind() != Kind::Undefined {
                    picked.set(key, value);
                }
            }
            Ok(picked)
        }
        Unwrap::Audits => {
            object(&answer)?;
            Ok(V::array(
                list(&answer, "audits")?.iter().map(audit).collect(),
            ))
        }
        Unwrap::AuditPage => {
            object(&answer)?;
            let audits = V::array(list(&answer, "audits")?.iter().map(audit).collect());
            let mut page = V::object();
            page.set("audits", audits);
            page.set("total", answer.get("total"));
            Ok(page)
        }
        Unwrap::SsoSettings => {
            object(&answer)?;
            Ok(sso_settings(&answer))
        }
        Unwrap::SsoSettingsList => {
            object(&answer)?;
            Ok(V::array(
                list(&answer, "SSOSettings")?
                    .iter()
                    .map(sso_settings)
                    .collect(),
            ))
        }
        Unwrap::Projects => {
            object(&answer)?;
            let keep = |p: &V| {
                let mut out = V::object();
                for key in ["id", "name", "environment", "tags"] {
                    out.set(key, p.get(key));
                }
                out
            };
            Ok(V::array(
                list(&answer, "projects")?.iter().map(keep).collect(),
            ))
        }
        Unwrap::Resources => {
            object(&answer)?;
            let wrap = |r: &V| {
                let mut out = V::object();
                out.set("resource", r.clone());
                out
            };
            Ok(V::array(
                list(&answer, "resources")?.iter().map(wrap).collect(),
            ))
        }
    }
}

/// An audit record as node-sdk hands it back: `occurred` a number (`parseFloat`), and
/// `externalIds` renamed `loginIds` (last).
fn audit<V: Value>(record: &V) -> V {
    if record.kind() != Kind::Object {
        return record.clone();
    }
    let mut out = V::object();
    for (key, value) in record.entries() {
        match key.as_str() {
            "externalIds" => {}
            "occurred" => out.set("occurred", V::from_num(parse_float(&value))),
            _ => out.set_owned(&key, value),
        }
    }
    if record.get("occurred").kind() == Kind::Undefined {
        out.set("occurred", V::from_num(f64::NAN));
    }
    out.set("loginIds", record.get("externalIds"));
    out
}

/// JavaScript's `parseFloat`: a number as it is, else the number the text starts with.
fn parse_float<V: Value>(v: &V) -> f64 {
    match v.number() {
        Some(n) => n,
        None => V::parse_float(&v.string().unwrap_or_default()),
    }
}

/// An SSO settings envelope as node-sdk hands it back: the OIDC `userAttrMapping` renamed
/// `attributeMapping`, and the SAML `groupsMapping` flattened to `{ groups, roleName }`.
fn sso_settings<V: Value>(envelope: &V) -> V {
    if envelope.kind() != Kind::Object {
        return envelope.clone();
    }
    let mut out = V::object();
    for (key, value) in envelope.entries() {
        let value = match key.as_str() {
            "oidc" if value.kind() == Kind::Object => {
                let mut oidc = V::object();
                for (k, v) in value.entries() {
                    if k != "userAttrMapping" {
                        oidc.set_owned(&k, v);
                    }
                }
                oidc.set("attributeMapping", value.get("userAttrMapping"));
                oidc
            }
            "saml" if value.get("groupsMapping").kind() == Kind::Array => {
                let mut saml = V::object();
                for (k, v) in value.entries() {
                    if k == "groupsMapping" {
                        let flat = v
                            .items()
                            .iter()
                            .map(|item| {
                                let mut m = V::object();
                                m.set("groups", item.get("groups"));
                                m.set("roleName", item.get("role").get("name"));
                                m
                            })
                            .collect();
                        saml.set_owned(&k, V::array(flat));
                    } else {
                        saml.set_owned(&k, v);
                    }
                }
                saml
            }
            _ => value,
        };
        out.set_owned(&key, value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::value::Arg;
    use serde_json::json;

    fn run(answer: serde_json::Value, unwrap: Unwrap) -> Result<serde_json::Value, Error> {
        select(Arg::Json(answer), unwrap).map(Arg::into_value)
    }

    #[test]
    fn audit_records_get_numbers_and_login_ids() {
        let answer = json!({"audits": [
            {"action": "a", "occurred": "1700000000123", "externalIds": ["x"]},
            {"action": "b", "occurred": 17.5},
            {"action": "c", "occurred": " 12ms"}
        ], "total": 3});
        let records = run(answer.clone(), Unwrap::Audits).unwrap();
        assert_eq!(
            records,
            json!([
                {"action": "a", "occurred": 1700000000123_i64, "loginIds": ["x"]},
                {"action": "b", "occurred": 17.5},
                {"action": "c", "occurred": 12}
            ])
        );
        let page = run(answer, Unwrap::AuditPage).unwrap();
        assert_eq!(page["total"], json!(3));
        assert_eq!(page["audits"], records);
        let err = run(json!({"total": 0}), Unwrap::Audits).unwrap_err();
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "audits"),
            "{err:?}"
        );
    }

    #[test]
    fn sso_settings_are_reshaped_as_node_sdk_does() {
        let envelope = json!({
            "tenant": {"id": "t"},
            "oidc": {"name": "n", "userAttrMapping": {"loginId": "sub"}, "groupsMapping": [{"role": {"id": "r", "name": "x"}}]},
            "saml": {"idpEntityId": "e", "groupsMapping": [{"role": {"id": "r1", "name": "admin"}, "groups": ["g"]}]}
        });
        let want = json!({
            "tenant": {"id": "t"},
            "oidc": {"name": "n", "attributeMapping": {"loginId": "sub"}, "groupsMapping": [{"role": {"id": "r", "name": "x"}}]},
            "saml": {"idpEntityId": "e", "groupsMapping": [{"groups": ["g"], "roleName": "admin"}]}
        });
        assert_eq!(run(envelope.clone(), Unwrap::SsoSettings).unwrap(), want);
        assert_eq!(
            run(json!({"SSOSettings": [envelope]}), Unwrap::SsoSettingsList).unwrap(),
            json!([want])
        );
        // An OIDC block without a mapping gets none.
        assert_eq!(
            run(json!({"oidc": {"name": "n"}}), Unwrap::SsoSettings).unwrap(),
            json!({"oidc": {"name": "n"}})
        );
    }

    #[test]
    fn keys_and_picks() {
        assert_eq!(
            run(json!({"tenants": [1]}), Unwrap::Key("tenants")).unwrap(),
            json!([1])
        );
        let err = run(json!([]), Unwrap::Key("tenants")).unwrap_err();
        assert!(matches!(&err, Error::Decode { path, .. } if path == "."));
        assert_eq!(
            run(
                json!({"users": [], "total": 1, "x": 2}),
                Unwrap::Pick(&["users", "total"])
            )
            .unwrap(),
            json!({"users": [], "total": 1})
        );
    }
}
