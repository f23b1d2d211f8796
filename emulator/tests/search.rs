//! Phase 2: `/v2/mgmt/user/search` and `/search/test`, every filter of reference §5.6.

mod common;

use common::Harness;
use serde_json::{json, Value};

fn project() -> Harness {
    Harness::with_seed(json!({"users": [
        {"loginId": "alice@acme.com", "userId": "U2alice00000000000000000000", "name": "Alice Smith",
         "email": "alice@acme.com", "phone": "+15550001", "roleNames": ["admin"],
         "userTenants": [{"tenantId": "t-acme", "roleNames": ["editor"]}],
         "customAttributes": {"plan": "pro", "seats": 10, "teams": ["core", "web"]},
         "verifiedEmail": true, "ssoAppIds": ["app1"], "createdTime": 1700000000, "modifiedTime": 1750000000},
        {"loginId": "bob@globex.com", "userId": "U2bob0000000000000000000000", "name": "Bob Jones",
         "email": "bob@globex.com", "status": "disabled",
         "userTenants": [{"tenantId": "t-globex", "roleNames": ["viewer"]}],
         "customAttributes": {"plan": "free", "seats": 5, "beta": true}, "verifiedPhone": true,
         "createdTime": 1710000000, "modifiedTime": 1710000000},
        {"loginId": "carol@acme.com", "userId": "U2carol00000000000000000000", "name": "Carol",
         "email": "carol@acme.com", "status": "invited",
         "userTenants": [{"tenantId": "t-acme", "roleNames": ["admin", "viewer"]}],
         "customAttributes": {"plan": "enterprise", "teams": ["web"]}, "createdTime": 1720000000},
        {"loginId": "tess@acme.com", "userId": "U2tess000000000000000000000", "name": "Tess Test",
         "email": "tess@acme.com", "test": true,
         "userTenants": [{"tenantId": "t-acme", "roleNames": ["viewer"]}], "createdTime": 1730000000},
        {"loginIds": ["dave", "dave2"], "userId": "U2dave000000000000000000000", "name": "Dave",
         "phone": "+15559999", "roleNames": ["viewer"], "createdTime": 1740000000}
    ]}))
}

/// The login IDs found, in order, and the total.
async fn find(h: &Harness, body: Value) -> (Vec<String>, u64) {
    find_at(h, "/v2/mgmt/user/search", body).await
}

async fn find_at(h: &Harness, path: &str, body: Value) -> (Vec<String>, u64) {
    let a = h.post(path, body.clone()).await;
    assert_eq!(a.status, 200, "{body} → {}", a.text);
    let ids = a.body["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["loginIds"][0].as_str().unwrap().to_string())
        .collect();
    (ids, a.body["total"].as_u64().unwrap())
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn test_users_are_excluded_unless_asked() {
    let h = project();
    let all = names(&["alice@acme.com", "bob@globex.com", "carol@acme.com", "dave"]);
    assert_eq!(find(&h, json!({})).await, (all, 4));
    assert_eq!(find(&h, json!({"withTestUser": true})).await.1, 5);
    assert_eq!(
        find(&h, json!({"testUsersOnly": true})).await,
        (names(&["tess@acme.com"]), 1)
    );
    assert_eq!(
        find(&h, json!({"withTestUser": true, "testUsersOnly": true}))
            .await
            .1,
        1
    );
    // /search/test forces test users only, whatever the body says.
    let t = find_at(&h, "/v2/mgmt/user/search/test", json!({"limit": 3})).await;
    assert_eq!(t, (names(&["tess@acme.com"]), 1));
    let t = find_at(
        &h,
        "/v2/mgmt/user/search/test",
        json!({"withTestUser": false, "testUsersOnly": false}),
    )
    .await;
    assert_eq!(t.1, 1);
}

#[tokio::test]
async fn text_is_a_case_insensitive_substring() {
    let h = project();
    assert_eq!(
        find(&h, json!({"text": "ACME"})).await.0,
        names(&["alice@acme.com", "carol@acme.com"])
    );
    assert_eq!(
        find(&h, json!({"text": "ACME", "withTestUser": true}))
            .await
            .1,
        3
    );
    assert_eq!(
        find(&h, json!({"text": "smith"})).await.0,
        names(&["alice@acme.com"])
    );
    assert_eq!(find(&h, json!({"text": "5559"})).await.0, names(&["dave"]));
    assert_eq!(find(&h, json!({"text": "dave2"})).await.0, names(&["dave"]));
    assert_eq!(find(&h, json!({"text": "zzz"})).await.1, 0);
}

#[tokio::test]
async fn list_filters_or_within_and_across() {
    let h = project();
    let cases = [
        (
            json!({"emails": ["BOB@globex.com", "x@y"]}),
            vec!["bob@globex.com"],
        ),
        (json!({"phones": ["+15550001"]}), vec!["alice@acme.com"]),
        (
            json!({"statuses": ["disabled", "invited"]}),
            vec!["bob@globex.com", "carol@acme.com"],
        ),
        (
            json!({"roleNames": ["admin"]}),
            vec!["alice@acme.com", "carol@acme.com"],
        ),
        (json!({"tenantIds": ["t-globex"]}), vec!["bob@globex.com"]),
        (
            json!({"tenantIds": ["t-acme"], "statuses": ["enabled"]}),
            vec!["alice@acme.com"],
        ),
        (json!({"ssoAppIds": ["app1"]}), vec!["alice@acme.com"]),
        (
            json!({"loginIds": ["dave2", "carol@acme.com"]}),
            vec!["carol@acme.com", "dave"],
        ),
        (
            json!({"userIds": ["U2bob0000000000000000000000"]}),
            vec!["bob@globex.com"],
        ),
        (json!({"verifiedEmail": true}), vec!["alice@acme.com"]),
        (json!({"verifiedPhone": true}), vec!["bob@globex.com"]),
        (
            json!({"verifiedEmail": false, "verifiedPhone": false}),
            vec!["carol@acme.com", "dave"],
        ),
        // Go/Python zero values filter nothing.
        (
            json!({"tenantIds": [], "roleNames": [], "limit": 0, "page": 0, "fromCreatedTime": 0,
                "customAttributes": null, "sort": null}),
            vec!["alice@acme.com", "bob@globex.com", "carol@acme.com", "dave"],
        ),
    ];
    for (body, want) in cases {
        assert_eq!(find(&h, body.clone()).await.0, names(&want), "{body}");
    }
}

#[tokio::test]
async fn custom_attribute_filters() {
    let h = project();
    let cases = [
        (json!({"plan": "pro"}), vec!["alice@acme.com"]),
        (
            json!({"plan": ["pro", "free"]}),
            vec!["alice@acme.com", "bob@globex.com"],
        ),
        (
            json!({"teams": "web"}),
            vec!["alice@acme.com", "carol@acme.com"],
        ),
        (json!({"teams": ["core"]}), vec!["alice@acme.com"]),
        (json!({"seats": 5}), vec!["bob@globex.com"]),
        (json!({"beta": true}), vec!["bob@globex.com"]),
        (
            json!({"plan": ["pro", "enterprise"], "teams": "web"}),
            vec!["alice@acme.com", "carol@acme.com"],
        ),
        (json!({"plan": "pro", "seats": 5}), vec![]),
    ];
    for (attrs, want) in cases {
        let got = find(&h, json!({"customAttributes": attrs})).await.0;
        assert_eq!(got, names(&want), "{attrs}");
    }
}

#[tokio::test]
async fn times_are_milliseconds_against_seconds() {
    let h = project();
    let (ids, _) = find(
        &h,
        json!({"fromCreatedTime": 1_705_000_000_000_i64, "toCreatedTime": 1_725_000_000_000_i64}),
    )
    .await;
    assert_eq!(ids, names(&["bob@globex.com", "carol@acme.com"]));
    // Bounds are inclusive; strings are accepted for int64.
    let (ids, _) = find(
        &h,
        json!({"fromCreatedTime": "1710000000000", "toCreatedTime": 1_710_000_000_000_i64}),
    )
    .await;
    assert_eq!(ids, names(&["bob@globex.com"]));
    // Seconds by mistake match nothing newer than 1970.
    assert_eq!(find(&h, json!({"toCreatedTime": 1_800_000_000})).await.1, 0);
    let (ids, _) = find(&h, json!({"fromModifiedTime": 1_745_000_000_000_i64})).await;
    assert_eq!(ids, names(&["alice@acme.com"]));
    let (ids, _) = find(&h, json!({"toModifiedTime": 1_715_000_000_000_i64})).await;
    assert_eq!(ids, names(&["bob@globex.com"]));
    // A change moves the modified time to now.
    h.post(
        "/v1/mgmt/user/update/picture",
        json!({"loginId": "bob@globex.com", "picture": "p"}),
    )
    .await
    .ok();
    let (ids, _) = find(&h, json!({"fromModifiedTime": 1_760_000_000_000_i64})).await;
    assert_eq!(ids, names(&["bob@globex.com"]));
}

#[tokio::test]
async fn tenant_role_filters() {
    let h = project();
    let any = json!({"tenantRoleNames": {"t-acme": {"values": ["editor", "admin"]}}});
    assert_eq!(
        find(&h, any).await.0,
        names(&["alice@acme.com", "carol@acme.com"])
    );
    let all = json!({"tenantRoleNames": {"t-acme": {"values": ["admin", "viewer"], "and": true}}});
    assert_eq!(find(&h, all).await.0, names(&["carol@acme.com"]));
    let none = json!({"tenantRoleIds": {"t-acme": {"values": ["editor", "admin"], "and": true}}});
    assert_eq!(find(&h, none).await.1, 0);
    let two = json!({"tenantRoleIds": {"t-acme": {"values": ["viewer"]}, "t-globex": {"values": ["viewer"]}}});
    assert_eq!(
        find(&h, two).await.1,
        0,
        "every tenant in the map must match"
    );
    let bad = h
        .post(
            "/v2/mgmt/user/search",
            json!({"tenantRoleNames": {"t-acme": {"value": ["x"]}}}),
        )
        .await;
    bad.err(400, "E011003");
    assert_eq!(
        bad.description(),
        "unknown key \"tenantRoleNames.t-acme.value\""
    );
}

#[tokio::test]
async fn paging_and_total() {
    let h = project();
    assert_eq!(
        find(&h, json!({"limit": 2})).await,
        (names(&["alice@acme.com", "bob@globex.com"]), 4)
    );
    assert_eq!(
        find(&h, json!({"limit": 2, "page": 1})).await,
        (names(&["carol@acme.com", "dave"]), 4)
    );
    assert_eq!(find(&h, json!({"limit": 2, "page": 2})).await, (vec![], 4));
    assert_eq!(
        find(&h, json!({"limit": 2, "page": 1, "offset": 1}))
            .await
            .0,
        names(&["bob@globex.com", "carol@acme.com"])
    );
    for bad in [
        json!({"limit": -1}),
        json!({"page": -1}),
        json!({"offset": -5}),
    ] {
        let a = h.post("/v2/mgmt/user/search", bad.clone()).await;
        a.err(400, "E011003");
        assert!(
            a.description().contains("must not be negative"),
            "{}",
            a.text
        );
    }
    // limit 0 or absent means 100.
    let big = Harness::from(
        descope_emulator::Emulator::new(descope_emulator::Config {
            sample_users: 150,
            ..descope_emulator::Config::default()
        })
        .unwrap(),
    );
    let (ids, total) = find(&big, json!({"withTestUser": true})).await;
    assert_eq!((ids.len(), total), (100, 150));
    let (ids, _) = find(&big, json!({"withTestUser": true, "limit": 0, "page": 1})).await;
    assert_eq!(ids.len(), 50);
    let (ids, total) = find(&big, json!({"statuses": ["disabled"], "limit": 5})).await;
    assert_eq!(ids.len(), 5);
    assert!(total > 5, "total counts all matches: {total}");
}

#[tokio::test]
async fn sorting() {
    let h = project();
    let by = |sort: Value| json!({"sort": sort});
    assert_eq!(
        find(&h, by(json!([{"field": "name", "desc": true}])))
            .await
            .0,
        names(&["dave", "carol@acme.com", "bob@globex.com", "alice@acme.com"])
    );
    assert_eq!(
        find(&h, by(json!([{"field": "createdTime", "desc": true}])))
            .await
            .0,
        names(&["dave", "carol@acme.com", "bob@globex.com", "alice@acme.com"])
    );
    assert_eq!(
        find(
            &h,
            by(json!([{"field": "status"}, {"field": "name", "desc": true}]))
        )
        .await
        .0,
        names(&["bob@globex.com", "dave", "alice@acme.com", "carol@acme.com"])
    );
    assert_eq!(
        find(
            &h,
            by(json!([{"field": "customAttributes.seats", "desc": true}]))
        )
        .await
        .0[0],
        "alice@acme.com"
    );
    let bad = h
        .post("/v2/mgmt/user/search", by(json!([{"field": "shoeSize"}])))
        .await;
    bad.err(400, "E011003");
    assert!(bad.description().contains("shoeSize"));
    h.post(
        "/v2/mgmt/user/search",
        by(json!([{"field": "name", "descending": true}])),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn strict_and_validated() {
    let h = project();
    let a = h
        .post("/v2/mgmt/user/search", json!({"roles": ["admin"]}))
        .await;
    assert_eq!(a.description(), "unknown key \"roles\"");
    h.post("/v2/mgmt/user/search", json!({"statuses": ["active"]}))
        .await
        .err(400, "E011003");
    h.post("/v2/mgmt/user/search", json!({"limit": "ten"}))
        .await
        .err(400, "E011003");
    // Docs-only keys are accepted.
    let (ids, _) = find(
        &h,
        json!({"loginId": "dave2", "includeSubTenants": false, "selectedColumns": ["email"],
                                   "ssoOnly": false, "password": false}),
    )
    .await;
    assert_eq!(ids, names(&["dave"]));
    // Search is v2 only.
    h.post("/v1/mgmt/user/search", json!({}))
        .await
        .err(404, "E011404");
}
