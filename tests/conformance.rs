//! Every builder against the requests the official node-sdk really sent
//! (`tests/vectors/node-sdk-requests.json`, a copy of `../shared/conformance/`).

use std::collections::BTreeMap;

use descope_mgmt::api::value::Arg;
use descope_mgmt::api::{catalogue, engine};
use descope_mgmt::Config;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Vector {
    name: String,
    args: Vec<Value>,
    requests: Vec<Wire>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    method: String,
    path: String,
    query: BTreeMap<String, String>,
    body: Value,
    authorization: String,
    project_header: String,
}

const VECTORS: &str = include_str!("vectors/node-sdk-requests.json");

fn vectors() -> Vec<Vector> {
    serde_json::from_str(VECTORS).unwrap()
}

/// The request as the vectors write it: method, path, decoded query, parsed body.
fn wire_of(got: &descope_mgmt::api::Request) -> (String, String, BTreeMap<String, String>, Value) {
    let query = got
        .query
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let body = match &got.body {
        Some(text) => serde_json::from_str(text).unwrap(),
        None => Value::Null,
    };
    (
        got.method.as_str().to_string(),
        got.path.to_string(),
        query,
        body,
    )
}

#[test]
fn the_catalogue_reproduces_node_sdk_requests() {
    let config = Config::new("P2publicVectorsProject000001", "K2public-vectors-key").unwrap();
    let mut checked = 0;
    for v in vectors() {
        assert_eq!(v.requests.len(), 1, "{}", v.name);
        let want = &v.requests[0];
        // The headers every request carries.
        assert_eq!(
            config.authorization().as_deref(),
            Some(want.authorization.as_str())
        );
        assert_eq!(config.project_id(), want.project_header);
        let label = format!("{} {}", v.name, serde_json::to_string(&v.args).unwrap());
        let got = engine::prepare("user", &v.name, &Arg::list(&v.args))
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(
            wire_of(&got),
            (
                want.method.clone(),
                want.path.clone(),
                want.query.clone(),
                want.body.clone()
            ),
            "{label}"
        );
        checked += 1;
    }
    assert_eq!(checked, vectors().len());
}

/// A call of the other groups, with what node-sdk resolved.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GroupVector {
    group: String,
    name: String,
    args: Vec<Value>,
    #[serde(default)]
    undefined_args: Vec<usize>,
    /// Arguments that were JavaScript `Date`s (ISO strings here): given as epoch ms.
    #[serde(default)]
    date_args: Vec<usize>,
    requests: Vec<Wire>,
    #[serde(default)]
    responses: Vec<Answered>,
    #[serde(default)]
    data: Value,
}

/// What the loopback server answered.
#[derive(Deserialize)]
struct Answered {
    body: Value,
}

fn group_vectors() -> Vec<GroupVector> {
    serde_json::from_str(include_str!("vectors/node-sdk-management-requests.json")).unwrap()
}

/// The calls where node-sdk sends what the package refuses, on purpose.
const REFUSED: &[(&str, &str, &str)] = &[(
    "permission",
    "deleteBatch",
    "[]", // an empty batch delete: the service may read it as "all"
)];

/// Calls node-sdk gets wrong (conformance README): the package sends this path and query
/// instead of node-sdk's.
const CORRECTED: &[(&str, &str, &str, &str, &str)] = &[
    // node-sdk puts the ID into the path unencoded: `/` and `?` reach another URL.
    (
        "outboundApplication",
        "loadApplication",
        r#"["a/b?c"]"#,
        "/v1/mgmt/outbound/app/a%2Fb%3Fc",
        "{}",
    ),
    // node-sdk sends a missing userId as the query value "undefined".
    (
        "outboundApplication",
        "deleteUserTokens",
        r#"["appid"]"#,
        "/v1/mgmt/outbound/user/tokens",
        r#"{"appId":"appid"}"#,
    ),
];

/// Keys node-sdk's types misspell: the package sends the service's spelling (reference §0.2),
/// at whatever depth they sit.
const RESPELLED: &[(&str, &str, &str, &str)] = &[
    (
        "password",
        "configureSettings",
        "nonAlphaNumeric",
        "nonAlphanumeric",
    ),
    (
        "tenant",
        "configureSettings",
        "InactivityTime",
        "inactivityTime",
    ),
    (
        "tenant",
        "configureSettings",
        "InactivityTimeUnit",
        "inactivityTimeUnit",
    ),
    ("audit", "createAuditWebhook", "key", "filterType"),
];

/// Epoch milliseconds of an ISO time `YYYY-MM-DDTHH:MM:SS.mmmZ` (what `Date.getTime()`
/// gives for the vectors' dates).
fn epoch_ms(iso: &str) -> i64 {
    let n = |a: usize, b: usize| iso[a..b].parse::<i64>().unwrap();
    let (y, m, d) = (n(0, 4), n(5, 7), n(8, 10));
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + n(11, 13) * 3600 + n(14, 16) * 60 + n(17, 19);
    secs * 1000 + n(20, 23)
}

#[test]
fn epoch_ms_reads_iso_times() {
    assert_eq!(epoch_ms("1970-01-01T00:00:00.000Z"), 0);
    assert_eq!(epoch_ms("2023-11-14T22:13:20.000Z"), 1_700_000_000_000);
    assert_eq!(epoch_ms("2000-03-01T00:00:00.001Z"), 951_868_800_001);
}

/// `value` with every key `from` renamed `to`, at any depth.
fn respell(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            if let Some(v) = map.remove(from) {
                map.insert(to.to_string(), v);
            }
            map.values_mut().for_each(|v| respell(v, from, to));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| respell(v, from, to)),
        _ => {}
    }
}

#[test]
fn the_catalogue_reproduces_node_sdk_requests_of_the_other_groups() {
    let mut checked = 0;
    for v in group_vectors() {
        if v.group == "user" || catalogue::group(&v.group).is_none() {
            continue;
        }
        let args_text = serde_json::to_string(&v.args).unwrap();
        let label = format!("{}.{} {args_text}", v.group, v.name);
        let args: Vec<Arg> = v
            .args
            .iter()
            .enumerate()
            .map(|(i, a)| {
                if v.undefined_args.contains(&i) {
                    Arg::Undefined
                } else if v.date_args.contains(&i) {
                    Arg::Json(epoch_ms(a.as_str().unwrap()).into())
                } else {
                    Arg::Json(a.clone())
                }
            })
            .collect();
        let got = engine::prepare(&v.group, &v.name, &args);
        if REFUSED.contains(&(v.group.as_str(), v.name.as_str(), args_text.as_str())) {
            assert_eq!(got.unwrap_err().code(), "invalid_argument", "{label}");
            continue;
        }
        let got = got.unwrap_or_else(|e| panic!("{label}: {e}"));
        let want = &v.requests[0];
        let (mut path, mut query) = (want.path.clone(), want.query.clone());
        for (group, name, args, fixed_path, fixed_query) in CORRECTED {
            if (v.group.as_str(), v.name.as_str(), args_text.as_str()) == (*group, *name, *args) {
                path = fixed_path.to_string();
                query = serde_json::from_str(fixed_query).unwrap();
            }
        }
        let mut body = want.body.clone();
        for (group, name, node, service) in RESPELLED {
            if (v.group.as_str(), v.name.as_str()) == (*group, *name) {
                respell(&mut body, node, service);
            }
        }
        assert_eq!(
            wire_of(&got),
            (want.method.clone(), path, query, body),
            "{label}"
        );
        checked += 1;
    }
    assert!(checked > 0 || catalogue::GROUPS.len() == 1);
}

#[test]
fn the_catalogue_resolves_what_node_sdk_resolved() {
    let mut checked = 0;
    for v in group_vectors() {
        let Some(row) = catalogue::group(&v.group).and_then(|rows| engine::find(rows, &v.name))
        else {
            continue;
        };
        let label = format!("{}.{}", v.group, v.name);
        let answer = v.responses[0].body.clone();
        let got = descope_mgmt::api::answer::select(Arg::Json(answer), row.unwrap)
            .unwrap_or_else(|e| panic!("{label}: {e}"))
            .into_value();
        assert_eq!(got, v.data, "{label}");
        checked += 1;
    }
    assert!(checked >= 100, "{checked}");
}

#[test]
fn every_row_has_a_vector_or_a_stated_exemption() {
    // node-sdk 2.13 lacks removeRecoveryCodes: its form comes from the reference (tested
    // below), so it has no captured vector.
    const EXEMPT: &[&str] = &["user.removeRecoveryCodes"];
    let names: std::collections::BTreeSet<String> = vectors().into_iter().map(|v| v.name).collect();
    let mut covered: std::collections::BTreeSet<String> =
        names.iter().map(|n| format!("user.{n}")).collect();
    covered.extend(
        group_vectors()
            .into_iter()
            .map(|v| format!("{}.{}", v.group, v.name)),
    );
    for (group, rows) in catalogue::GROUPS {
        for row in *rows {
            let key = format!("{group}.{}", row.name);
            assert!(
                covered.contains(&key) || EXEMPT.contains(&key.as_str()),
                "{key} has no conformance vector and no exemption"
            );
        }
    }
    for name in &names {
        assert!(
            catalogue::user::ROWS.iter().any(|r| r.name == name),
            "vector {name} has no row"
        );
    }
}

#[test]
fn vector_copy_matches_shared() {
    // The copy must not drift from the shared original when it is present beside the repo.
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/conformance/node-sdk-requests.json"
    );
    if let Ok(original) = std::fs::read_to_string(shared) {
        let a: Value = serde_json::from_str(&original).unwrap();
        let b: Value = serde_json::from_str(VECTORS).unwrap();
        assert_eq!(
            a, b,
            "tests/vectors/node-sdk-requests.json differs from {shared}"
        );
    }
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/conformance/node-sdk-management-requests.json"
    );
    if let Ok(original) = std::fs::read_to_string(shared) {
        let a: Value = serde_json::from_str(&original).unwrap();
        let b: Value =
            serde_json::from_str(include_str!("vectors/node-sdk-management-requests.json"))
                .unwrap();
        assert_eq!(
            a, b,
            "tests/vectors/node-sdk-management-requests.json differs from {shared}"
        );
    }
}

#[test]
fn remove_recovery_codes_matches_the_reference() {
    // node-sdk 2.13 lacks it; reference: POST /v1/mgmt/user/recovery-codes/delete, {loginId}.
    let got = engine::prepare(
        "user",
        "removeRecoveryCodes",
        &[Arg::Json(serde_json::json!("some-id"))],
    )
    .unwrap();
    assert_eq!(
        wire_of(&got),
        (
            "POST".to_string(),
            "/v1/mgmt/user/recovery-codes/delete".to_string(),
            BTreeMap::new(),
            serde_json::json!({"loginId": "some-id"})
        )
    );
}

#[test]
fn every_vector_method_is_a_javascript_method_and_back() {
    let names: std::collections::BTreeSet<String> = vectors().into_iter().map(|v| v.name).collect();
    let methods: std::collections::BTreeSet<String> = catalogue::user::ROWS
        .iter()
        .map(|r| r.name.to_string())
        .collect();
    let missing: Vec<_> = names.difference(&methods).collect();
    assert!(missing.is_empty(), "vectors without a method: {missing:?}");
    // Only removeRecoveryCodes has no vector (node-sdk 2.13 lacks it).
    let extra: Vec<_> = methods.difference(&names).collect();
    assert_eq!(extra, vec!["removeRecoveryCodes"]);
}
