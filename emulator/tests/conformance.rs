//! Every request body the official node SDK sends (shared/conformance) is accepted.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::{enc, Harness};
use descope_emulator::faults::Faults;
use descope_emulator::{seed, Config, Emulator};
use serde_json::{json, Value};

/// The shared vectors when the workspace sits beside `shared/`, else the copy in fixtures/.
fn vectors() -> Vec<Value> {
    let dir = env!("CARGO_MANIFEST_DIR");
    let shared = format!("{dir}/../../shared/conformance/node-sdk-requests.json");
    let local = format!("{dir}/tests/fixtures/node-sdk-requests.json");
    let text = std::fs::read_to_string(&shared)
        .or_else(|_| std::fs::read_to_string(&local))
        .unwrap();
    serde_json::from_str::<Vec<Value>>(&text).unwrap()
}

/// A project in which every vector can succeed.
fn harness() -> Harness {
    let seed = json!({
        "tenants": [{"id": "t1", "name": "T1"}, {"id": "t", "name": "T"}, {"id": "tid", "name": "Tid"}],
        "roles": (["r1", "r", "foo", "bar", "tr", "rn"].iter().map(|r| json!({"name": r})).collect::<Vec<_>>()),
        "customAttributes": [
            {"name": "k", "type": 1}, {"name": "n", "type": 2}, {"name": "b", "type": 3},
            {"name": "foo", "type": 1}, {"name": "num", "type": 2}, {"name": "flag", "type": 3},
            {"name": "list", "type": 5}
        ],
        "users": [
            {"loginId": "lid", "test": true, "userTenants": [{"tenantId": "tid", "roleNames": ["foo"]}]},
            {"loginId": "lid2"},
            {"loginId": "someone", "userId": "uid"},
            {"loginId": "one", "userId": "u1"},
            {"loginId": "two", "userId": "u2"}
        ],
        "passkeys": [{"loginId": "lid", "id": "cred"}],
        "trustedDevices": [{"loginId": "lid", "id": "d1"}, {"loginId": "lid", "id": "d2"}],
        "providerTokens": [{"loginId": "lid", "provider": "google", "accessToken": "at", "refreshToken": "rt"}],
        "history": [{"userId": "u1", "city": "Oslo"}]
    });
    let config = Config {
        project_id: "P2publicVectorsProject000001".into(),
        management_key: "K2public-vectors-key".into(),
        ..Config::default()
    };
    let store = seed::build(Some(&seed), 0).unwrap();
    Harness::from(Emulator::with_store(config, store, Faults::default()))
}

/// Sends a captured request as captured (headers included), with `body` as its body.
async fn send(h: &Harness, r: &Value, body: &Value) -> common::Answer {
    let query: Vec<String> = r["query"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v.as_str().unwrap())))
        .collect();
    let mut uri = r["path"].as_str().unwrap().to_string();
    if !query.is_empty() {
        uri = format!("{uri}?{}", query.join("&"));
    }
    let mut req = Request::builder()
        .method(r["method"].as_str().unwrap())
        .uri(uri)
        .header("authorization", r["authorization"].as_str().unwrap())
        .header("x-descope-project-id", r["projectHeader"].as_str().unwrap())
        .header("x-descope-sdk-name", "nodejs");
    let body = if body.is_null() {
        Body::empty()
    } else {
        req = req.header("content-type", "application/json");
        Body::from(body.to_string())
    };
    h.send(req.body(body).unwrap()).await
}

/// Calls that create "lid" need it absent.
const CREATES_LID: &[&str] = &[
    "create",
    "createTestUser",
    "invite",
    "inviteBatch",
    "createBatch",
    "generateSignUpEmbeddedLink",
];

#[tokio::test]
async fn every_node_sdk_request_is_accepted() {
    let h = harness();
    let vectors = vectors();
    assert!(vectors.len() >= 60, "{}", vectors.len());
    let mut failures = Vec::new();
    let mut sent = 0;
    for v in &vectors {
        let name = v["name"].as_str().unwrap();
        for r in v["requests"].as_array().unwrap() {
            h.app.reset();
            if CREATES_LID.contains(&name) {
                let mut store = h.app.store();
                store.users.retain(|u| !u.has_login_id("lid"));
            }
            let a = send(&h, r, &r["body"]).await;
            sent += 1;
            if a.status != 200 {
                failures.push(format!("{name}: {} {}", a.status, a.text));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {sent} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(h.app.requests().len(), sent);
}

#[tokio::test]
async fn a_misspelt_vector_is_rejected() {
    // Each body with its first key renamed must fail, naming that key: strictness is real.
    let h = harness();
    let mut checked = 0;
    for v in vectors() {
        for r in v["requests"].as_array().unwrap() {
            let Some(obj) = r["body"].as_object() else {
                continue;
            };
            let Some((first, value)) = obj.iter().next() else {
                continue;
            };
            let mut bad = obj.clone();
            bad.remove(first);
            let renamed = format!("{first}_x");
            bad.insert(renamed.clone(), value.clone());
            let a = send(&h, r, &Value::Object(bad)).await;
            a.err(400, "E011003");
            assert_eq!(
                a.description(),
                format!("unknown key \"{renamed}\""),
                "{}",
                v["name"]
            );
            checked += 1;
        }
    }
    assert!(checked >= 55, "{checked}");
    // Nothing changed.
    let fresh = harness();
    assert_eq!(*h.app.store(), *fresh.app.store());
}
