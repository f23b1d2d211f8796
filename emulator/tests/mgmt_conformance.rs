//! Every request node-sdk 2.13.0 sends for the groups of issue 14 (tenant, role, permission,
//! accessKey, ssoApplication, sso, group, password, jwt, audit) is accepted, and each one
//! with a misspelt key is refused with a 400 that names the key.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::Harness;
use descope_emulator::faults::Faults;
use descope_emulator::store::{AppType, Store};
use descope_emulator::{seed, Config, Emulator};
use serde_json::{json, Value};

/// The groups and how many functions node-sdk 2.13.0 has in each (84 in all).
const GROUPS: &[(&str, usize)] = &[
    ("tenant", 12),
    ("role", 10),
    ("permission", 9),
    ("accessKey", 11),
    ("group", 3),
    ("password", 2),
    ("ssoApplication", 11),
    ("sso", 13),
    ("jwt", 9),
    ("audit", 4),
];

/// The shared vectors when the workspace sits beside `shared/`, else the copy in fixtures/.
fn vectors() -> Vec<Value> {
    let dir = env!("CARGO_MANIFEST_DIR");
    let shared = format!("{dir}/../../shared/conformance/node-sdk-management-requests.json");
    let local = format!("{dir}/tests/fixtures/node-sdk-management-requests.json");
    let text = std::fs::read_to_string(&shared)
        .or_else(|_| std::fs::read_to_string(&local))
        .unwrap();
    serde_json::from_str::<Vec<Value>>(&text)
        .unwrap()
        .into_iter()
        .filter(|v| GROUPS.iter().any(|(g, _)| *g == v["group"]))
        .collect()
}

/// A project in which every vector can succeed: the IDs and names the vectors use exist.
fn harness() -> Harness {
    let seed = json!({
        "permissions": [{"id": "pid", "name": "name"}, {"id": "pid1", "name": "p1"}, {"id": "pid2", "name": "p2"}],
        "tenants": [
            {"id": "tid", "name": "Tid", "ssoConfigurations": [{"ssoId": "ssoid", "displayName": "Okta"}]},
            {"id": "t1", "name": "T1"},
            {"id": "parent", "name": "Parent"}
        ],
        "roles": [
            {"name": "name"}, {"name": "r1"}, {"name": "r2"}, {"name": "tr"},
            {"id": "rid2", "name": "other"},
            {"id": "rid", "name": "name", "tenantId": "tid"},
            {"id": "rid1", "name": "r1", "tenantId": "tid"},
            {"name": "Impersonator", "permissions": ["Impersonate"]}
        ],
        "users": [
            {"loginId": "lid", "userTenants": [{"tenantId": "tid", "roleNames": ["r1"]}]},
            {"loginId": "imp", "userId": "impid", "roleNames": ["Impersonator"], "userTenants": [{"tenantId": "tid"}]},
            {"loginId": "someone", "userId": "uid"},
            {"loginId": "lid1", "userId": "u1", "userTenants": [{"tenantId": "tid"}]}
        ],
        "accessKeys": [
            {"id": "kid", "name": "key"}, {"id": "k1", "name": "one"}, {"id": "k2", "name": "two"}
        ],
        "groups": [{"tenantId": "tid", "id": "gid", "display": "Admins", "members": ["lid1"]}],
        "ssoApplications": [{"appType": "oidc", "id": "appid", "name": "App", "loginPageUrl": "https://login"}]
    });
    let config = Config {
        project_id: "P2publicVectorsProject000001".into(),
        management_key: "K2public-vectors-key".into(),
        ..Config::default()
    };
    let store = seed::build(Some(&seed), 0).unwrap();
    Harness::from(Emulator::with_store(config, store, Faults::default()))
}

/// Brings the store into the state this vector expects (creates need their names free,
/// updates of an SSO application need one of that type).
fn prepare(store: &mut Store, group: &str, name: &str) {
    match (group, name) {
        ("tenant", "createWithId") => store.tenants.retain(|t| t.id != "tid"),
        ("role", "create") => store.roles.retain(|r| r.name != "name"),
        ("role", "createBatch") => store.roles.retain(|r| r.name != "r1" && r.name != "r2"),
        ("permission", "create") => store.permissions.retain(|p| p.name != "name"),
        ("permission", "createBatch") => store
            .permissions
            .retain(|p| p.name != "p1" && p.name != "p2"),
        ("ssoApplication", n) if n.starts_with("create") => {
            store.sso_apps.retain(|a| a.id != "appid")
        }
        ("ssoApplication", "updateSamlApplication") => retype(store, AppType::Saml),
        ("ssoApplication", "updateWsFedApplication") => retype(store, AppType::WsFed),
        ("sso", "newSettings") => {
            for t in &mut store.tenants {
                t.sso.retain(|c| c.sso_id != "ssoid");
            }
        }
        ("jwt", "signUp") => store.users.retain(|u| !u.has_login_id("lid")),
        _ => {}
    }
}

fn retype(store: &mut Store, t: AppType) {
    for a in &mut store.sso_apps {
        if a.id == "appid" {
            a.app_type = t;
        }
    }
}

/// node's vectors pass the placeholder `"jwt"` where a JWT goes. No service accepts that, so
/// it is the one value replaced: by a real emulator JWT of the kind the call needs. The
/// request's shape is replayed unchanged.
async fn real_jwt(h: &Harness, name: &str) -> String {
    let (path, body) = if name == "stopImpersonation" {
        (
            "/v1/mgmt/impersonate",
            json!({"impersonatorId": "impid", "loginId": "lid", "validateConsent": false}),
        )
    } else {
        ("/v1/mgmt/auth/signin", json!({"loginId": "lid"}))
    };
    let req = Request::builder()
        .method("POST")
        .uri(path)
        .header(
            "authorization",
            "Bearer P2publicVectorsProject000001:K2public-vectors-key",
        )
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let a = h.send(req).await;
    a.ok();
    let jwt = &a.body["jwt"];
    let jwt = if jwt.is_string() {
        jwt
    } else {
        &a.body["refreshJwt"]
    };
    jwt.as_str().unwrap().to_string()
}

fn with_jwt(body: &Value, jwt: &str) -> Value {
    let mut b = body.clone();
    if b["jwt"] == "jwt" {
        b["jwt"] = json!(jwt);
    }
    b
}

#[tokio::test]
async fn every_node_sdk_management_request_is_accepted() {
    let h = harness();
    let vectors = vectors();
    assert!(!vectors.is_empty());
    let mut failures = Vec::new();
    let mut covered: Vec<String> = Vec::new();
    let mut sent = 0;
    for v in &vectors {
        let group = v["group"].as_str().unwrap();
        let name = v["name"].as_str().unwrap();
        for r in v["requests"].as_array().unwrap() {
            h.app.reset();
            prepare(&mut h.app.store(), group, name);
            let mut body = r["body"].clone();
            if body["jwt"] == "jwt" {
                body = with_jwt(&body, &real_jwt(&h, name).await);
            }
            let a = h.send_captured(r, &r["query"], &body).await;
            sent += 1;
            if a.status != 200 {
                failures.push(format!("{group}.{name}: {} {}", a.status, a.text));
            } else if !a.body.is_object() && !a.body.is_array() {
                failures.push(format!("{group}.{name}: not JSON: {}", a.text));
            }
            let key = format!("{group}.{name}");
            if !covered.contains(&key) {
                covered.push(key);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {sent} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every function of the groups, each replayed at least once.
    let functions: usize = GROUPS.iter().map(|(_, n)| n).sum();
    assert_eq!(covered.len(), functions, "{covered:?}");
}

#[tokio::test]
async fn a_misspelt_management_vector_is_rejected() {
    // Each body (or, for GET/DELETE, query) with its first key renamed must fail with 400
    // `E011001` naming that key, and change nothing.
    let h = harness();
    let mut checked = 0;
    for v in vectors() {
        let group = v["group"].as_str().unwrap();
        let name = v["name"].as_str().unwrap();
        for r in v["requests"].as_array().unwrap() {
            h.app.reset();
            prepare(&mut h.app.store(), group, name);
            let before = h.app.store().clone();
            let (body, query) = (&r["body"], &r["query"]);
            let (bad_body, bad_query, renamed) = match (body.as_object(), query.as_object()) {
                (Some(obj), _) if !obj.is_empty() => {
                    let (renamed, bad) = misspell(obj);
                    (bad, query.clone(), renamed)
                }
                (_, Some(q)) if !q.is_empty() => {
                    let (renamed, bad) = misspell(q);
                    (body.clone(), bad, renamed)
                }
                _ => continue,
            };
            let a = h.send_captured(r, &bad_query, &bad_body).await;
            a.err(400, "E011001");
            assert_eq!(
                a.description(),
                format!("unknown key \"{renamed}\""),
                "{group}.{name}"
            );
            assert!(*h.app.store() == before, "{group}.{name} changed the store");
            checked += 1;
        }
    }
    assert!(checked >= 120, "{checked}");
}

fn misspell(obj: &serde_json::Map<String, Value>) -> (String, Value) {
    let (first, value) = obj.iter().next().unwrap();
    let mut bad = obj.clone();
    bad.remove(first);
    let renamed = format!("{first}_x");
    bad.insert(renamed.clone(), value.clone());
    (renamed, Value::Object(bad))
}
