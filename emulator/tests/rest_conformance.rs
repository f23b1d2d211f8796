//! Every request node-sdk 2.13.0 sends for the groups of issue 15 (list, managementKey,
//! descoper, jwtTemplate, engine, scopeClaimMapping, inboundApplication, outboundApplication,
//! authz, fga, flow, theme, analytics, project) is accepted, each one with a misspelt key is
//! refused with a 400 that names the key, and every answer has the shape of the service's
//! answer in the vectors (the keys node-sdk's transforms read).

mod common;

use common::Harness;
use descope_emulator::faults::Faults;
use descope_emulator::store::Store;
use descope_emulator::{seed, Config, Emulator};
use serde_json::{json, Map, Value};

/// The groups and how many functions node-sdk 2.13.0 has in each.
const GROUPS: &[(&str, usize)] = &[
    ("list", 14),
    ("managementKey", 5),
    ("descoper", 5),
    ("jwtTemplate", 9),
    ("engine", 6),
    ("scopeClaimMapping", 3),
    ("inboundApplication", 12),
    ("outboundApplication", 19),
    ("authz", 21),
    ("fga", 13),
    ("flow", 5),
    ("theme", 2),
    ("analytics", 1),
    ("project", 10),
];

/// Vectors whose request node-sdk gets wrong (conformance README): the emulator answers
/// what the service would, and the replay expects that instead of a 200.
const NODE_BUGS: &[(&str, &str, u16)] = &[
    // `loadApplication("a/b?c")` puts the ID into the path unencoded: another URL.
    (
        "outboundApplication",
        "loadApplication:/v1/mgmt/outbound/app/a/b",
        404,
    ),
];

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
pub fn seed_doc() -> Value {
    json!({
        "tenants": [{"id": "tid", "name": "Tid"}, {"id": "T2tenantAcme0000000000001", "name": "Acme"}],
        "users": [
            {"loginId": "someone", "userId": "uid"},
            {"loginId": "other", "userId": "uid2"}
        ],
        "lists": [
            {"id": "lid", "name": "blocked", "description": "Blocked IPs", "type": "ips", "data": ["10.0.0.0/8"]},
            {"id": "a/b?c", "name": "odd id", "type": "texts", "data": ["spam"]},
            {"id": "l3", "name": "blocked ips", "type": "ips"}
        ],
        "managementKeys": [{"id": "mkid", "name": "deploy", "reBac": {"companyRoles": ["admin"]}}],
        "descopers": [{"id": "did", "loginIds": ["ops@example.com"]}],
        "jwtTemplates": [{"id": "jtid", "name": "Hasura", "template": {"x": "{{user.userId}}"}}],
        "jwtTemplateLibrary": [{"id": "entry", "name": "Starter", "template": {"k": "{{user.email}}"}}],
        "engines": [{"id": "eid", "name": "risk"}],
        "inboundApps": [
            {"id": "appid", "name": "Partner portal"},
            {"id": "a1", "name": "One"},
            {"id": "a2", "name": "Two"}
        ],
        "inboundConsents": [
            {"id": "c1", "appId": "appid", "userId": "uid", "scopes": ["read"]},
            {"id": "c2", "appId": "appid", "tenantId": "tid", "scopes": ["read"]}
        ],
        "outboundApps": [{"id": "appid", "name": "Google Calendar", "clientSecret": "s3cret"}],
        "flows": [
            {"id": "f1", "name": "Flow one", "screens": [{"id": "welcome"}]},
            {"id": "f2", "name": "Flow two"}
        ],
        "authz": {
            "schema": {"name": "docs-v1", "namespaces": [
                {"name": "doc", "relationDefinitions": [{"name": "owner"}, {"name": "viewer"}]}
            ]},
            "relations": [{"resource": "doc1", "relationDefinition": "owner", "namespace": "doc", "target": "uid"}]
        },
        "fga": {
            "dsl": "model AuthZ 1.0\n\ntype user\n\ntype doc\n  relation owner: user\n  relation viewer: user\n",
            "relations": [{"resource": "doc1", "resourceType": "doc", "relation": "owner", "target": "uid", "targetType": "user"}],
            "resourcesDetails": [{"resourceId": "doc1", "resourceType": "doc", "displayName": "Roadmap"}]
        },
        "outboundTokens": [
            {"id": "tokid", "appId": "appid", "userId": "uid", "accessToken": "at-user",
             "refreshToken": "rt-user", "scopes": ["s1", "s2"]},
            {"appId": "appid", "userId": "uid", "tenantId": "tid", "accessToken": "at-user-tid",
             "refreshToken": "rt-user-tid", "scopes": ["s1", "s2"]},
            {"appId": "appid", "tenantId": "tid", "accessToken": "at-tenant",
             "refreshToken": "rt-tenant", "scopes": ["s1"]}
        ]
    })
}

fn harness() -> Harness {
    let config = Config {
        project_id: "P2publicVectorsProject000001".into(),
        management_key: "K2public-vectors-key".into(),
        ..Config::default()
    };
    let store = seed::build(Some(&seed_doc()), 0).unwrap();
    Harness::from(Emulator::with_store(config, store, Faults::default()))
}

/// Brings the store into the state this vector expects.
fn prepare(store: &mut Store, group: &str, name: &str) {
    use descope_emulator::api::lists::ListType;
    let set_type = |store: &mut Store, t: ListType| {
        for l in &mut store.lists {
            if l.id == "lid" {
                l.kind = t;
                l.data = json!([]);
            }
        }
    };
    match (group, name) {
        ("list", "loadByName") => {
            for l in &mut store.lists {
                if l.id == "a/b?c" {
                    l.name = "name".into();
                }
            }
        }
        ("list", "addTexts" | "removeTexts" | "checkText") => set_type(store, ListType::Texts),
        ("descoper", "create") => store.descopers.clear(),
        ("outboundApplication", "createApplicationByTemplate") => {
            store.outbound_apps.retain(|a| a.id != "appid")
        }
        // `oldName` renames: the old name must exist.
        ("authz", "saveNamespace") => {
            store.authz.relations.clear();
            store.authz.namespaces[0].name = "oldName".into();
        }
        ("authz", "saveRelationDefinition") => {
            let mut old = store.authz.namespaces[0].relation_definitions[0].clone();
            old.name = "oldName".into();
            store.authz.namespaces[0].relation_definitions.push(old);
        }
        _ => {}
    }
}

fn expected_status(group: &str, name: &str, path: &str) -> u16 {
    let key = format!("{name}:{path}");
    NODE_BUGS
        .iter()
        .find(|(g, k, _)| *g == group && *k == key)
        .map(|(_, _, s)| *s)
        .unwrap_or(200)
}

#[tokio::test]
async fn every_node_sdk_request_of_issue_15_is_accepted() {
    let h = harness();
    let vectors = vectors();
    assert!(!vectors.is_empty());
    let mut failures = Vec::new();
    let mut covered: Vec<String> = Vec::new();
    for v in &vectors {
        let group = v["group"].as_str().unwrap();
        let name = v["name"].as_str().unwrap();
        for r in v["requests"].as_array().unwrap() {
            h.app.reset();
            prepare(&mut h.app.store(), group, name);
            let a = h.send_captured(r, &r["query"], &r["body"]).await;
            let want = expected_status(group, name, r["path"].as_str().unwrap());
            if a.status.as_u16() != want {
                failures.push(format!("{group}.{name}: {} {}", a.status, a.text));
            } else if !a.body.is_object() {
                failures.push(format!("{group}.{name}: not a JSON object: {}", a.text));
            }
        }
        let key = format!("{group}.{name}");
        if !covered.contains(&key) {
            covered.push(key);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let functions: usize = GROUPS.iter().map(|(_, n)| n).sum();
    assert_eq!(covered.len(), functions, "{covered:?}");
}

/// Keys whose values are the caller's own data (claims, documents, flow output…): their
/// insides have no fixed shape.
const FREE_FORM: &[&str] = &[
    "template",
    "claims",
    "data",
    "dsl",
    "cssTemplate",
    "output",
    "files",
    "htmlTemplate",
    "inputs",
    "interactions",
    "context",
];

/// The JSON shape of a value: object keys with their shapes, the first array item's shape,
/// the kind of a scalar.
fn shape_diff(want: &Value, have: &Value, path: &str, out: &mut Vec<String>) {
    match (want, have) {
        (Value::Object(w), Value::Object(h)) => {
            for (k, wv) in w {
                let p = format!("{path}.{k}");
                match h.get(k) {
                    None => out.push(format!("{p} missing")),
                    Some(_) if FREE_FORM.contains(&k.as_str()) => {}
                    Some(hv) => shape_diff(wv, hv, &p, out),
                }
            }
        }
        (Value::Array(w), Value::Array(h)) => {
            if let (Some(wf), Some(hf)) = (w.first(), h.first()) {
                shape_diff(wf, hf, &format!("{path}[0]"), out);
            }
        }
        (Value::Null, _) | (_, Value::Null) => {}
        (w, h) => {
            let kind = |v: &Value| match v {
                Value::Bool(_) => "boolean",
                Value::Number(_) => "number",
                Value::String(_) => "string",
                Value::Array(_) => "array",
                Value::Object(_) => "object",
                Value::Null => "null",
            };
            if kind(w) != kind(h) {
                out.push(format!(
                    "{path}: {} where the service sends {}",
                    kind(h),
                    kind(w)
                ));
            }
        }
    }
}

/// Where the emulator knowingly answers another shape than the vectors' canned answer.
const SHAPE_CHOICES: &[(&str, &str, &str)] = &[
    // The canned project list carries `description` and `trusted`, which node-sdk's
    // transform drops (it keeps id, name, environment, tags) and the emulator has no notion
    // of.
    ("project", "listProjects", ".projects[0].description"),
    ("project", "listProjects", ".projects[0].trusted"),
];

#[tokio::test]
async fn answers_have_the_shapes_node_sdk_reads() {
    let h = harness();
    let mut diffs = Vec::new();
    for v in vectors() {
        let group = v["group"].as_str().unwrap();
        let name = v["name"].as_str().unwrap();
        for (r, canned) in v["requests"]
            .as_array()
            .unwrap()
            .iter()
            .zip(v["responses"].as_array().unwrap())
        {
            if expected_status(group, name, r["path"].as_str().unwrap()) != 200 {
                continue;
            }
            h.app.reset();
            prepare(&mut h.app.store(), group, name);
            let a = h.send_captured(r, &r["query"], &r["body"]).await;
            a.ok();
            let mut out = Vec::new();
            shape_diff(&canned["body"], &a.body, "", &mut out);
            for d in out {
                let known = SHAPE_CHOICES
                    .iter()
                    .any(|(g, n, p)| *g == group && *n == name && d.starts_with(p));
                if !known {
                    diffs.push(format!("{group}.{name}: {d}"));
                }
            }
        }
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

#[tokio::test]
async fn a_misspelt_vector_of_issue_15_is_rejected() {
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
            if expected_status(group, name, r["path"].as_str().unwrap()) != 200 {
                continue;
            }
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
    assert!(checked >= 60, "{checked}");
}

fn misspell(obj: &Map<String, Value>) -> (String, Value) {
    let (first, value) = obj.iter().next().unwrap();
    let mut bad = obj.clone();
    bad.remove(first);
    let renamed = format!("{first}_x");
    bad.insert(renamed.clone(), value.clone());
    (renamed, Value::Object(bad))
}
