//! `management.accessKey`: the cleartext once (and nowhere else), active and inactive,
//! `expireTime`, update keeps absent fields, the search filters, and the joins and cascades
//! of roles and tenants.

mod common;

use common::Harness;
use serde_json::{json, Value};

async fn create(h: &Harness, body: Value) -> (Value, String) {
    let a = h.post("/v1/mgmt/accesskey/create", body).await;
    a.ok();
    let clear = a.body["cleartext"].as_str().unwrap().to_string();
    (a.body["key"].clone(), clear)
}

async fn load(h: &Harness, id: &str) -> Value {
    let a = h.get(&format!("/v1/mgmt/accesskey?id={id}")).await;
    a.ok();
    a.body["key"].clone()
}

async fn verify(h: &Harness, clear: &str) -> Value {
    let a = h
        .admin(
            "POST",
            "/emulator/accesskeys/verify",
            Some(json!({"cleartext": clear})),
        )
        .await;
    a.ok();
    a.body.clone()
}

#[tokio::test]
async fn the_cleartext_is_answered_once_and_stored_nowhere() {
    let h = Harness::new();
    let (key, clear) = create(
        &h,
        json!({"name": "ci", "expireTime": 0, "roleNames": ["admin"], "description": "CI"}),
    )
    .await;
    let id = key["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("K2") && id.len() == 28, "{id}");
    assert!(clear.starts_with(&format!("{id}:")), "{clear}");
    assert!(clear.len() > 40);
    assert_eq!(key["status"], "active");
    assert_eq!(key["createdBy"], "management-key");
    for k in [
        "clientId",
        "boundUserId",
        "customClaims",
        "permittedIps",
        "customAttributes",
        "editable",
        "createdTime",
    ] {
        assert!(key.get(k).is_some(), "{k}");
    }
    assert_eq!(verify(&h, &clear).await["valid"], true);
    assert_eq!(verify(&h, &clear).await["keyId"], id.as_str());
    assert_eq!(verify(&h, "nope").await["valid"], false);

    // Load, search, update and the admin view never carry it.
    let secret = clear.split(':').nth(1).unwrap().to_string();
    let mut seen = vec![
        load(&h, &id).await.to_string(),
        h.post("/v1/mgmt/accesskey/search", json!({})).await.text,
        h.post(
            "/v1/mgmt/accesskey/update",
            json!({"id": id, "name": "ci2"}),
        )
        .await
        .text,
        h.admin("GET", "/emulator/accesskeys", None).await.text,
        h.admin("GET", "/emulator/requests", None).await.text,
        format!("{:?}", *h.app.store()),
    ];
    // Rotate: a new cleartext, the old one dead, everything else kept.
    let a = h.post("/v1/mgmt/accesskey/rotate", json!({"id": id})).await;
    a.ok();
    let rotated = a.body["cleartext"].as_str().unwrap().to_string();
    assert_ne!(rotated, clear);
    assert_eq!(a.body["key"]["id"], id.as_str());
    assert_eq!(a.body["key"]["roleNames"], json!(["admin"]));
    assert_eq!(verify(&h, &clear).await["valid"], false);
    assert_eq!(verify(&h, &rotated).await["valid"], true);
    let new_secret = rotated.split(':').nth(1).unwrap().to_string();
    seen.push(h.admin("GET", "/emulator/requests", None).await.text);
    seen.push(h.admin("GET", "/emulator/accesskeys", None).await.text);
    seen.push(format!("{:?}", *h.app.store()));
    for text in &seen {
        assert!(!text.contains(&secret), "cleartext leaked: {text}");
        assert!(
            !text.contains(&new_secret),
            "rotated cleartext leaked: {text}"
        );
    }
    assert_eq!(
        h.admin("GET", "/emulator/accesskeys", None).await.body["keys"][0]["rotations"],
        1
    );
}

#[tokio::test]
async fn keys_are_active_or_inactive() {
    let h = Harness::new();
    let (a, clear) = create(&h, json!({"name": "a", "expireTime": 0})).await;
    let (b, _) = create(&h, json!({"name": "b", "expireTime": 0})).await;
    let (ia, ib) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    h.post("/v1/mgmt/accesskey/deactivate", json!({"id": ia}))
        .await
        .ok();
    assert_eq!(load(&h, ia).await["status"], "inactive");
    assert_eq!(verify(&h, &clear).await["valid"], false);
    assert_eq!(verify(&h, &clear).await["status"], "inactive");
    // An inactive key cannot be rotated.
    h.post("/v1/mgmt/accesskey/rotate", json!({"id": ia}))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/accesskey/activate", json!({"id": ia}))
        .await
        .ok();
    assert_eq!(verify(&h, &clear).await["valid"], true);
    // Activating an active key is a no-op.
    h.post("/v1/mgmt/accesskey/activate", json!({"id": ia}))
        .await
        .ok();
    h.post(
        "/v1/mgmt/accesskey/deactivate/batch",
        json!({"ids": [ia, ib]}),
    )
    .await
    .ok();
    assert_eq!(load(&h, ib).await["status"], "inactive");
    // A batch naming an unknown key changes nothing.
    let e = h
        .post(
            "/v1/mgmt/accesskey/activate/batch",
            json!({"ids": [ia, "nope"]}),
        )
        .await;
    e.err(400, "E011003");
    assert_eq!(e.description(), "Access key not found");
    assert_eq!(load(&h, ia).await["status"], "inactive");
    h.post(
        "/v1/mgmt/accesskey/activate/batch",
        json!({"ids": [ia, ib]}),
    )
    .await
    .ok();
    assert_eq!(load(&h, ia).await["status"], "active");
    let e = h.post("/v1/mgmt/accesskey/activate", json!({})).await;
    e.err(400, "E011002");
    assert_eq!(e.description(), "The id field is required");
    // Delete and delete/batch.
    h.post("/v1/mgmt/accesskey/delete", json!({"id": ia}))
        .await
        .ok();
    h.get(&format!("/v1/mgmt/accesskey?id={ia}"))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/accesskey/delete/batch", json!({"ids": [ia, ib]}))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/accesskey/delete/batch", json!({"ids": [ib]}))
        .await
        .ok();
    assert!(h.app.store().access_keys.is_empty());
}

#[tokio::test]
async fn expire_time_is_absolute_seconds() {
    let h = Harness::new();
    let (k, clear) = create(&h, json!({"name": "old", "expireTime": 1_700_000_000})).await;
    assert_eq!(k["expireTime"], 1_700_000_000);
    let v = verify(&h, &clear).await;
    assert_eq!(v["expired"], true);
    assert_eq!(v["valid"], false);
    h.post("/v1/mgmt/accesskey/rotate", json!({"id": k["id"]}))
        .await
        .err(400, "E011003");
    let (k, clear) = create(
        &h,
        json!({"name": "later", "expireTime": 4_000_000_000_i64}),
    )
    .await;
    assert_eq!(verify(&h, &clear).await["valid"], true);
    h.post("/v1/mgmt/accesskey/rotate", json!({"id": k["id"]}))
        .await
        .ok();
    // The OpenAPI types it as a string: accepted too; negative is not.
    let (k, _) = create(&h, json!({"name": "s", "expireTime": "4000000000"})).await;
    assert_eq!(k["expireTime"], 4_000_000_000_i64);
    h.post(
        "/v1/mgmt/accesskey/create",
        json!({"name": "n", "expireTime": -1}),
    )
    .await
    .err(400, "E011003");
    // node's type names it expiredTime; the wire key is expireTime.
    h.post(
        "/v1/mgmt/accesskey/create",
        json!({"name": "n", "expiredTime": 0}),
    )
    .await
    .err(400, "E011001");
    let a = h
        .post("/v1/mgmt/accesskey/create", json!({"expireTime": 0}))
        .await;
    assert_eq!(a.description(), "The name field is required");
}

#[tokio::test]
async fn update_keeps_absent_fields() {
    let h = Harness::new();
    let (k, _) = create(
        &h,
        json!({"name": "k", "expireTime": 0, "roleNames": ["admin"], "keyTenants": [{"tenantId": "t-acme", "roleNames": ["viewer"]}],
               "customClaims": {"env": "ci"}, "description": "d", "permittedIps": ["10.0.0.0/8", "::1"], "customAttributes": {"team": "infra"}}),
    )
    .await;
    let id = k["id"].as_str().unwrap();
    let a = h
        .post(
            "/v1/mgmt/accesskey/update",
            json!({"id": id, "name": "renamed"}),
        )
        .await;
    a.ok();
    let u = &a.body["key"];
    assert_eq!(u["name"], "renamed");
    assert_eq!(u["description"], "d");
    assert_eq!(u["roleNames"], json!(["admin"]));
    assert_eq!(u["keyTenants"][0]["roleNames"], json!(["viewer"]));
    assert_eq!(u["customClaims"], json!({"env": "ci"}));
    assert_eq!(u["permittedIps"], json!(["10.0.0.0/8", "::1"]));
    let a = h
        .post(
            "/v1/mgmt/accesskey/update",
            json!({"id": id, "name": "r", "roleNames": [], "keyTenants": [{"tenantId": "t-globex"}], "description": ""}),
        )
        .await;
    let u = &a.body["key"];
    assert_eq!(u["roleNames"], json!([]));
    assert_eq!(
        u["keyTenants"],
        json!([{"tenantId": "t-globex", "tenantName": "Globex", "roleNames": []}])
    );
    assert_eq!(u["description"], "");
    assert_eq!(u["customAttributes"], json!({"team": "infra"}));
    for bad in [
        json!({"id": id}),
        json!({"id": "nope", "name": "x"}),
        json!({"id": id, "name": "x", "roleNames": ["ghost"]}),
        json!({"id": id, "name": "x", "keyTenants": [{"tenantId": "nope"}]}),
        json!({"id": id, "name": "x", "permittedIps": ["not-an-ip"]}),
        json!({"id": id, "name": "x", "expireTime": 5}),
    ] {
        let a = h.post("/v1/mgmt/accesskey/update", bad.clone()).await;
        assert_eq!(a.status, 400, "{bad}");
    }
}

#[tokio::test]
async fn references_must_exist_and_names_are_joined() {
    let h = Harness::with_seed(
        json!({"users": [{"loginId": "ann", "userId": "U2annannannannannannannannan"}]}),
    );
    for bad in [
        json!({"name": "x", "roleNames": ["ghost"]}),
        json!({"name": "x", "keyTenants": [{"tenantId": "nope"}]}),
        json!({"name": "x", "keyTenants": [{"tenantId": "t-acme", "roleNames": ["ghost"]}]}),
    ] {
        h.post("/v1/mgmt/accesskey/create", bad)
            .await
            .err(400, "E011003");
    }
    h.post(
        "/v1/mgmt/accesskey/create",
        json!({"name": "x", "userId": "U2nobody"}),
    )
    .await
    .err(400, "E112102");
    h.post(
        "/v1/mgmt/role/create",
        json!({"name": "deployer", "tenantId": "t-acme"}),
    )
    .await
    .ok();
    let (k, _) = create(
        &h,
        json!({"name": "x", "roleNames": ["admin"], "userId": "U2annannannannannannannannan",
               "keyTenants": [{"tenantId": "t-acme", "roleNames": ["deployer", "viewer"]}]}),
    )
    .await;
    let id = k["id"].as_str().unwrap();
    assert_eq!(k["boundUserId"], "U2annannannannannannannannan");
    assert_eq!(k["keyTenants"][0]["tenantName"], "Acme");
    // Renames show at once; deletes drop the role.
    h.post(
        "/v1/mgmt/tenant/update",
        json!({"id": "t-acme", "name": "Acme Inc"}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/role/update",
        json!({"name": "deployer", "tenantId": "t-acme", "newName": "shipper"}),
    )
    .await
    .ok();
    let k = load(&h, id).await;
    assert_eq!(k["keyTenants"][0]["tenantName"], "Acme Inc");
    assert_eq!(
        k["keyTenants"][0]["roleNames"],
        json!(["shipper", "viewer"])
    );
    h.post("/v1/mgmt/role/delete", json!({"name": "admin"}))
        .await
        .ok();
    h.post("/v1/mgmt/role/delete", json!({"name": "viewer"}))
        .await
        .ok();
    let k = load(&h, id).await;
    assert_eq!(k["roleNames"], json!([]));
    assert_eq!(k["keyTenants"][0]["roleNames"], json!(["shipper"]));
}

#[tokio::test]
async fn tenant_delete_with_cascade_removes_keys_left_without_a_tenant() {
    let h = Harness::new();
    let (only, _) = create(
        &h,
        json!({"name": "only", "keyTenants": [{"tenantId": "t-acme"}]}),
    )
    .await;
    let (both, _) = create(
        &h,
        json!({"name": "both", "keyTenants": [{"tenantId": "t-acme"}, {"tenantId": "t-globex"}]}),
    )
    .await;
    let (none, _) = create(&h, json!({"name": "none", "roleNames": ["admin"]})).await;
    let (other, _) = create(
        &h,
        json!({"name": "other", "keyTenants": [{"tenantId": "t-initech"}]}),
    )
    .await;
    // Without cascade: the association goes, the key stays.
    h.post("/v1/mgmt/tenant/delete", json!({"id": "t-initech"}))
        .await
        .ok();
    assert_eq!(
        load(&h, other["id"].as_str().unwrap()).await["keyTenants"],
        json!([])
    );
    h.post(
        "/v1/mgmt/tenant/delete",
        json!({"id": "t-acme", "cascade": true}),
    )
    .await
    .ok();
    h.get(&format!(
        "/v1/mgmt/accesskey?id={}",
        only["id"].as_str().unwrap()
    ))
    .await
    .err(400, "E011003");
    let both = load(&h, both["id"].as_str().unwrap()).await;
    assert_eq!(both["keyTenants"][0]["tenantId"], "t-globex");
    load(&h, none["id"].as_str().unwrap()).await;
}

#[tokio::test]
async fn search_filters() {
    let seed = json!({
        "users": [{"loginId": "ann", "userId": "U2ann"}],
        "accessKeys": [
            {"id": "k1", "name": "one", "keyTenants": [{"tenantId": "t-acme"}], "createdBy": "U2creator", "customAttributes": {"team": "infra"}},
            {"id": "k2", "name": "two", "boundUserId": "U2ann", "customAttributes": {"team": "web"}},
            {"id": "k3", "name": "three", "keyTenants": [{"tenantId": "t-globex"}], "status": "inactive",
             "cleartext": "k3:known-secret"}
        ]
    });
    let h = Harness::with_seed(seed);
    let ids = |v: &Value| -> Vec<String> {
        v["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["id"].as_str().unwrap().to_string())
            .collect()
    };
    let search = |b: Value| h.post("/v1/mgmt/accesskey/search", b);
    assert_eq!(ids(&search(json!({})).await.body), ["k1", "k2", "k3"]);
    assert_eq!(
        ids(&search(json!({"tenantIds": ["t-globex", "t-acme"]}))
            .await
            .body),
        ["k1", "k3"]
    );
    assert_eq!(
        ids(&search(json!({"boundUserId": "U2ann"})).await.body),
        ["k2"]
    );
    assert_eq!(
        ids(&search(json!({"creatingUser": "U2creator"})).await.body),
        ["k1"]
    );
    assert_eq!(
        ids(&search(json!({"customAttributes": {"team": "web"}}))
            .await
            .body),
        ["k2"]
    );
    assert!(ids(
        &search(json!({"tenantIds": ["t-acme"], "boundUserId": "U2ann"}))
            .await
            .body
    )
    .is_empty());
    assert_eq!(
        ids(&search(json!({"sort": [{"field": "name", "desc": true}]}))
            .await
            .body),
        ["k2", "k3", "k1"]
    );
    // Seeded: status and a known cleartext (only its hash is kept).
    assert_eq!(load(&h, "k3").await["status"], "inactive");
    assert_eq!(verify(&h, "k3:known-secret").await["keyId"], "k3");
    assert!(!format!("{:?}", *h.app.store()).contains("known-secret"));
    // node's names are not the wire's.
    search(json!({"tenants": ["t-acme"]}))
        .await
        .err(400, "E011001");
}
