//! Company-level groups: `management.managementKey` (PUT create with the cleartext once,
//! PATCH update, `{total}` delete, the new key as a bearer, inactive and expired keys
//! refused) and `management.descoper` (PUT batch create, PATCH keeping absent parts, GET
//! and DELETE with a query, POST list with no body).

mod common;

use axum::body::Body;
use axum::http::Request;
use common::Harness;
use serde_json::{json, Value};

async fn create_key(h: &Harness, body: Value) -> (Value, String) {
    let a = h.call("PUT", "/v1/mgmt/managementkey", Some(body)).await;
    a.ok();
    (
        a.body["key"].clone(),
        a.body["cleartext"].as_str().unwrap().to_string(),
    )
}

/// A call authenticated with `key` instead of the emulator's own management key.
async fn call_with(h: &Harness, project: &str, key: &str, path: &str) -> common::Answer {
    let req = Request::builder()
        .method("GET")
        .uri(path)
        .header("authorization", format!("Bearer {project}:{key}"))
        .body(Body::empty())
        .unwrap();
    h.send(req).await
}

const PROJECT: &str = "P2emulatorProject00000000001";

#[tokio::test]
async fn a_management_key_is_shown_once_and_then_authenticates() {
    let h = Harness::new();
    let (key, clear) = create_key(
        &h,
        json!({"name": "deploy", "description": "CI", "expiresIn": 0,
               "permittedIps": ["10.0.0.0/8"], "reBac": {"companyRoles": ["company-full-access"]}}),
    )
    .await;
    let id = key["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("MK2") && id.len() == 28, "{id}");
    assert!(clear.starts_with(&format!("{id}:")), "{clear}");
    assert_eq!(key["status"], "active");
    assert_eq!(key["expireTime"], 0);
    assert_eq!(
        key["reBac"],
        json!({"companyRoles": ["company-full-access"], "projectRoles": [], "tagRoles": []})
    );
    for k in [
        "createdTime",
        "permittedIps",
        "version",
        "authzVersion",
        "description",
    ] {
        assert!(key.get(k).is_some(), "{k}");
    }
    // The new key is a bearer like the emulator's own.
    call_with(&h, PROJECT, &clear, "/v1/mgmt/managementkey/search")
        .await
        .ok();
    call_with(&h, PROJECT, "MK2nope:nope", "/v1/mgmt/managementkey/search")
        .await
        .err(401, "E011005");
    call_with(&h, "P2other", &clear, "/v1/mgmt/managementkey/search")
        .await
        .err(401, "E011005");

    // Load, search, update, the log and the store never carry the secret.
    let secret = clear.split_once(':').unwrap().1.to_string();
    let seen = [
        h.get(&format!("/v1/mgmt/managementkey?id={id}")).await.text,
        h.get("/v1/mgmt/managementkey/search").await.text,
        h.call(
            "PATCH",
            "/v1/mgmt/managementkey",
            Some(json!({"id": id, "name": "deploy2", "status": "active"})),
        )
        .await
        .text,
        h.admin("GET", "/emulator/requests", None).await.text,
        format!("{:?}", *h.app.store()),
    ];
    for text in seen {
        assert!(!text.contains(&secret), "secret leaked: {text}");
    }

    // Deactivated, it no longer authenticates; activated again, it does.
    let patch = |status: &str| {
        h.call(
            "PATCH",
            "/v1/mgmt/managementkey",
            Some(json!({"id": id, "name": "deploy", "status": status})),
        )
    };
    let a = patch("inactive").await;
    a.ok();
    assert_eq!(a.body["key"]["status"], "inactive");
    call_with(&h, PROJECT, &clear, "/v1/mgmt/managementkey/search")
        .await
        .err(401, "E011005");
    patch("active").await.ok();
    call_with(&h, PROJECT, &clear, "/v1/mgmt/managementkey/search")
        .await
        .ok();
    let v = h
        .admin(
            "POST",
            "/emulator/secrets/verify",
            Some(json!({"secret": clear})),
        )
        .await;
    assert_eq!(
        v.body,
        json!({"valid": true, "kind": "managementKey", "id": id})
    );
}

#[tokio::test]
async fn management_key_rules() {
    let h = Harness::new();
    let (key, _) = create_key(
        &h,
        json!({"name": "k", "expiresIn": 3600,
               "reBac": {"projectRoles": [{"projectIds": ["P1"], "roles": ["r1"]}],
                         "tagRoles": [{"tags": ["t1"], "roles": ["r1"]}]}}),
    )
    .await;
    let id = key["id"].as_str().unwrap().to_string();
    let created = key["createdTime"].as_i64().unwrap();
    assert_eq!(key["expireTime"].as_i64().unwrap(), created + 3600);
    assert_eq!(
        key["reBac"]["projectRoles"],
        json!([{"projectIds": ["P1"], "roles": ["r1"]}])
    );
    for (body, code) in [
        (json!({"name": "k"}), "E011002"),
        (json!({"reBac": {}}), "E011002"),
        (
            json!({"name": "k", "reBac": {"companyRoles": ["a"], "tagRoles": [{"tags": ["t"], "roles": ["r"]}]}}),
            "E011003",
        ),
        (
            json!({"name": "k", "reBac": {}, "expiresIn": -1}),
            "E011003",
        ),
        (
            json!({"name": "k", "reBac": {}, "permittedIps": ["x"]}),
            "E011003",
        ),
        (
            json!({"name": "k", "reBac": {}, "status": "inactive"}),
            "E011001",
        ),
        (
            json!({"name": "k", "reBac": {"projectRoles": [{"roles": ["r"]}]}}),
            "E011002",
        ),
    ] {
        h.call("PUT", "/v1/mgmt/managementkey", Some(body.clone()))
            .await
            .err(400, code);
    }
    // Update overwrites name, description and IPs; reBac cannot change.
    let a = h
        .call(
            "PATCH",
            "/v1/mgmt/managementkey",
            Some(json!({"id": id, "name": "renamed", "permittedIps": ["1.2.3.4"]})),
        )
        .await;
    a.ok();
    assert_eq!(a.body["key"]["name"], "renamed");
    assert_eq!(a.body["key"]["status"], "active");
    assert_eq!(a.body["key"]["version"], 2);
    for (body, code) in [
        (
            json!({"id": id, "name": "x", "reBac": {"companyRoles": ["a"]}}),
            "E011003",
        ),
        (
            json!({"id": id, "name": "x", "status": "paused"}),
            "E011003",
        ),
        (json!({"id": id}), "E011002"),
        (json!({"id": "MK2nope", "name": "x"}), "E011003"),
    ] {
        h.call("PATCH", "/v1/mgmt/managementkey", Some(body))
            .await
            .err(400, code);
    }
    // POST is not create.
    h.post("/v1/mgmt/managementkey", json!({"name": "k", "reBac": {}}))
        .await
        .err(405, "E011405");
    h.get("/v1/mgmt/managementkey?id=MK2nope")
        .await
        .err(400, "E011003");
    // Delete answers how many went; unknown IDs are skipped.
    let a = h
        .post(
            "/v1/mgmt/managementkey/delete",
            json!({"ids": [id, "MK2nope"]}),
        )
        .await;
    a.ok();
    assert_eq!(a.body, json!({"total": 1}));
    h.post("/v1/mgmt/managementkey/delete", json!({"ids": []}))
        .await
        .err(400, "E011002");
    assert_eq!(
        h.get("/v1/mgmt/managementkey/search").await.body,
        json!({"keys": []})
    );
}

#[tokio::test]
async fn an_expired_management_key_does_not_authenticate() {
    let h = Harness::with_seed(json!({
        "managementKeys": [
            {"id": "MK2old", "name": "old", "expireTime": 1000, "cleartext": "MK2old:fake-secret"},
            {"id": "MK2new", "name": "new", "cleartext": "MK2new:fake-secret-2"}
        ]
    }));
    call_with(
        &h,
        PROJECT,
        "MK2old:fake-secret",
        "/v1/mgmt/managementkey/search",
    )
    .await
    .err(401, "E011005");
    call_with(
        &h,
        PROJECT,
        "MK2new:fake-secret-2",
        "/v1/mgmt/managementkey/search",
    )
    .await
    .ok();
}

#[tokio::test]
async fn descopers_crud() {
    let h = Harness::new();
    let a = h
        .call(
            "PUT",
            "/v1/mgmt/descoper",
            Some(json!({"descopers": [
                {"loginId": "a@example.com", "attributes": {"displayName": "Ann", "email": "a@example.com"},
                 "sendInvite": true,
                 "rbac": {"isCompanyAdmin": false, "tags": [{"tags": ["eu"], "role": "admin"}],
                          "projects": [{"projectIds": ["P1"], "role": "developer"}]}},
                {"loginId": "b@example.com"}
            ]})),
        )
        .await;
    a.ok();
    assert_eq!(a.body["total"], 2);
    let ann = a.body["descopers"][0].clone();
    let id = ann["id"].as_str().unwrap().to_string();
    assert_eq!(ann["loginIds"], json!(["a@example.com"]));
    assert_eq!(ann["status"], "invited");
    assert_eq!(a.body["descopers"][1]["status"], "enabled");
    assert_eq!(
        a.body["descopers"][1]["attributes"],
        json!({"displayName": "", "email": "", "phone": ""})
    );
    assert_eq!(
        a.body["descopers"][1]["rbac"],
        json!({"isCompanyAdmin": false, "tags": [], "projects": []})
    );

    // A login ID belongs to one descoper; a bad role is refused; all or nothing.
    for body in [
        json!({"descopers": [{"loginId": "c@example.com"}, {"loginId": "a@example.com"}]}),
        json!({"descopers": [{"loginId": "c@example.com", "rbac": {"projects": [{"projectIds": ["P1"], "role": "owner"}]}}]}),
    ] {
        h.call("PUT", "/v1/mgmt/descoper", Some(body))
            .await
            .err(400, "E011003");
    }
    h.call("PUT", "/v1/mgmt/descoper", Some(json!({"descopers": []})))
        .await
        .err(400, "E011002");

    // PATCH: a present part replaces, an absent one stays.
    let a = h
        .call(
            "PATCH",
            "/v1/mgmt/descoper",
            Some(json!({"id": id, "attributes": {"displayName": "Ann Lee"}})),
        )
        .await;
    a.ok();
    let d = &a.body["descoper"];
    assert_eq!(
        d["attributes"],
        json!({"displayName": "Ann Lee", "email": "", "phone": ""})
    );
    assert_eq!(d["rbac"], ann["rbac"]);
    let a = h
        .call(
            "PATCH",
            "/v1/mgmt/descoper",
            Some(json!({"id": id, "rbac": {"isCompanyAdmin": true}})),
        )
        .await;
    assert_eq!(
        a.body["descoper"]["rbac"],
        json!({"isCompanyAdmin": true, "tags": [], "projects": []})
    );
    assert_eq!(a.body["descoper"]["attributes"]["displayName"], "Ann Lee");

    let got = h.get(&format!("/v1/mgmt/descoper?id={id}")).await;
    got.ok();
    assert_eq!(got.body["descoper"]["id"], id.as_str());
    // `list` takes no body at all (node) or `{}` (Go).
    let listed = h.call("POST", "/v1/mgmt/descoper/list", None).await;
    listed.ok();
    assert_eq!(listed.body["total"], 2);
    h.post("/v1/mgmt/descoper/list", json!({})).await.ok();

    h.call("DELETE", &format!("/v1/mgmt/descoper?id={id}"), None)
        .await
        .ok();
    h.call("DELETE", &format!("/v1/mgmt/descoper?id={id}"), None)
        .await
        .err(400, "E011003");
    h.get(&format!("/v1/mgmt/descoper?id={id}"))
        .await
        .err(400, "E011003");
    h.call("DELETE", "/v1/mgmt/descoper", None)
        .await
        .err(400, "E011002");
    assert_eq!(
        h.call("POST", "/v1/mgmt/descoper/list", None).await.body["total"],
        1
    );
}

#[tokio::test]
async fn verbs_name_the_audit_actions() {
    let h = Harness::new();
    let (key, _) = create_key(&h, json!({"name": "k", "reBac": {}})).await;
    h.call(
        "PATCH",
        "/v1/mgmt/managementkey",
        Some(json!({"id": key["id"], "name": "k2"})),
    )
    .await
    .ok();
    h.call(
        "PUT",
        "/v1/mgmt/descoper",
        Some(json!({"descopers": [{"loginId": "x"}]})),
    )
    .await
    .ok();
    h.call("POST", "/v1/mgmt/descoper/list", None).await.ok();
    let audit = h.admin("GET", "/emulator/audit", None).await;
    let actions: Vec<&str> = audit.body["audits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "mgmt.managementkey.create",
            "mgmt.managementkey.update",
            "mgmt.descoper.create"
        ]
    );
}
