//! `management.group` (seeded, read-only, bare arrays) and `management.password` (project
//! and per-tenant policies, full overwrite, inheritance).

mod common;

use common::Harness;
use serde_json::{json, Value};

fn seeded() -> Harness {
    Harness::with_seed(json!({
        "tenants": [{"id": "t1", "name": "One", "ssoConfigurations": [{"ssoId": "okta"}]}, {"id": "t2", "name": "Two"}],
        "users": [
            {"loginId": "ann@x", "userId": "U2ann", "name": "Ann"},
            {"loginId": "bob@x", "userId": "U2bob", "name": "Bob"}
        ],
        "groups": [
            {"tenantId": "t1", "id": "g-admins", "display": "Admins", "members": ["ann@x", {"userId": "U2bob"}]},
            {"tenantId": "t1", "id": "g-it", "display": "IT", "source": "jit", "members": ["U2bob"], "ssoId": "okta"},
            {"tenantId": "t2", "id": "g-other", "members": []}
        ]
    }))
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn groups_are_seeded_and_answered_as_bare_arrays() {
    let h = seeded();
    let a = h
        .post("/v1/mgmt/group/all", json!({"tenantId": "t1"}))
        .await;
    a.ok();
    assert!(a.body.is_array(), "{}", a.text);
    assert_eq!(ids(&a.body), ["g-admins", "g-it"]);
    let admins = &a.body[0];
    assert_eq!(admins["display"], "Admins");
    assert_eq!(admins["source"], "scim");
    assert_eq!(admins["ssoId"], "default_ssoid");
    assert_eq!(
        admins["members"],
        json!([{"loginId": "ann@x", "userId": "U2ann", "display": "Ann"},
               {"loginId": "bob@x", "userId": "U2bob", "display": "Bob"}])
    );
    assert_eq!(a.body[1]["ssoId"], "okta");
    // node 2.14's optional ssoId narrows to one configuration.
    let a = h
        .post(
            "/v1/mgmt/group/all",
            json!({"tenantId": "t1", "ssoId": "okta"}),
        )
        .await;
    assert_eq!(ids(&a.body), ["g-it"]);
    let a = h
        .post(
            "/v1/mgmt/group/all",
            json!({"tenantId": "t1", "ssoId": "default_ssoid"}),
        )
        .await;
    assert_eq!(ids(&a.body), ["g-admins"]);

    let a = h
        .post(
            "/v1/mgmt/group/member/all",
            json!({"tenantId": "t1", "loginIds": ["ann@x"], "userIds": []}),
        )
        .await;
    assert_eq!(ids(&a.body), ["g-admins"]);
    let a = h
        .post(
            "/v1/mgmt/group/member/all",
            json!({"tenantId": "t1", "loginIds": [], "userIds": ["U2bob"]}),
        )
        .await;
    assert_eq!(ids(&a.body), ["g-admins", "g-it"]);
    h.post("/v1/mgmt/group/member/all", json!({"tenantId": "t1"}))
        .await
        .err(400, "E011003");
    let a = h
        .post(
            "/v1/mgmt/group/members",
            json!({"tenantId": "t1", "groupId": "g-it"}),
        )
        .await;
    assert_eq!(ids(&a.body), ["g-it"]);
    assert_eq!(a.body[0]["members"][0]["userId"], "U2bob");
    let a = h
        .post(
            "/v1/mgmt/group/members",
            json!({"tenantId": "t1", "groupId": "nope"}),
        )
        .await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "Group not found");
    h.post("/v1/mgmt/group/all", json!({"tenantId": "nope"}))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/group/all", json!({}))
        .await
        .err(400, "E011002");
}

#[tokio::test]
async fn groups_are_read_only_and_follow_users_and_tenants() {
    let h = seeded();
    // No write API exists.
    h.post("/v1/mgmt/group/create", json!({"tenantId": "t1"}))
        .await
        .err(404, "E011404");
    // Members are joined from users: renames show, deleted users drop out.
    h.post(
        "/v1/mgmt/user/update/name",
        json!({"loginId": "ann@x", "displayName": "Annie"}),
    )
    .await
    .ok();
    h.post("/v1/mgmt/user/delete", json!({"loginId": "bob@x"}))
        .await
        .ok();
    let a = h
        .post("/v1/mgmt/group/all", json!({"tenantId": "t1"}))
        .await;
    assert_eq!(
        a.body[0]["members"],
        json!([{"loginId": "ann@x", "userId": "U2ann", "display": "Annie"}])
    );
    assert_eq!(a.body[1]["members"], json!([]));
    // A tenant's groups go with it.
    h.post("/v1/mgmt/tenant/delete", json!({"id": "t2"}))
        .await
        .ok();
    assert!(h.app.store().groups.iter().all(|g| g.tenant_id != "t2"));
    // Seeds are checked: unknown tenants and users are errors.
    for bad in [
        json!({"groups": [{"tenantId": "nope", "id": "g"}]}),
        json!({"groups": [{"tenantId": "t-acme", "id": "g", "members": ["ghost"]}]}),
        json!({"groups": [{"tenantId": "t-acme", "id": "g", "source": "ldap"}]}),
    ] {
        assert!(
            descope_emulator::seed::build(Some(&bad), 0).is_err(),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn password_settings_for_the_project_and_per_tenant() {
    let h = Harness::new();
    let project = h.get("/v1/mgmt/password/settings").await;
    project.ok();
    assert_eq!(project.body["enabled"], true);
    assert_eq!(project.body["minLength"], 8);
    assert_eq!(project.body["nonAlphanumeric"], false);
    for k in [
        "lowercase",
        "uppercase",
        "number",
        "expiration",
        "expirationWeeks",
        "reuse",
        "reuseAmount",
        "lock",
        "lockAttempts",
        "tempLock",
        "tempLockAttempts",
        "tempLockDuration",
    ] {
        assert!(project.body.get(k).is_some(), "{k}");
    }
    // A tenant without its own policy has the project's; empty tenantId is the project.
    assert_eq!(
        h.get("/v1/mgmt/password/settings?tenantId=t-acme")
            .await
            .body,
        project.body
    );
    assert_eq!(
        h.get("/v1/mgmt/password/settings?tenantId=").await.body,
        project.body
    );
    // node's spelling nonAlphaNumeric is read; answers use nonAlphanumeric.
    h.post(
        "/v1/mgmt/password/settings",
        json!({"tenantId": "t-acme", "enabled": true, "minLength": 12, "nonAlphaNumeric": true, "lock": true, "lockAttempts": 5}),
    )
    .await
    .ok();
    let acme = h
        .get("/v1/mgmt/password/settings?tenantId=t-acme")
        .await
        .body;
    assert_eq!(acme["minLength"], 12);
    assert_eq!(acme["nonAlphanumeric"], true);
    assert!(acme.get("nonAlphaNumeric").is_none());
    // Full overwrite: what was not sent is off.
    assert_eq!(acme["lowercase"], false);
    assert_eq!(acme["lockAttempts"], 5);
    assert_eq!(
        h.get("/v1/mgmt/password/settings").await.body,
        project.body,
        "project untouched"
    );
    assert_eq!(
        h.get("/v1/mgmt/password/settings?tenantId=t-globex")
            .await
            .body,
        project.body
    );
    // The project's policy.
    h.post(
        "/v1/mgmt/password/settings",
        json!({"enabled": true, "minLength": 10, "expiration": true, "expirationWeeks": 12}),
    )
    .await
    .ok();
    let p = h.get("/v1/mgmt/password/settings").await.body;
    assert_eq!(p["minLength"], 10);
    assert_eq!(p["expirationWeeks"], 12);
    assert_eq!(
        h.get("/v1/mgmt/password/settings?tenantId=t-globex")
            .await
            .body,
        p
    );
    // Sub-tenants inherit from their parent and cannot have their own.
    let child = h
        .post(
            "/v1/mgmt/tenant/create",
            json!({"name": "Acme EU", "parent": "t-acme"}),
        )
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        h.get(&format!("/v1/mgmt/password/settings?tenantId={child}"))
            .await
            .body,
        acme
    );
    h.post(
        "/v1/mgmt/password/settings",
        json!({"tenantId": child, "minLength": 4}),
    )
    .await
    .err(400, "E011003");
    // Checks.
    h.post("/v1/mgmt/password/settings", json!({"tenantId": "nope"}))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/password/settings", json!({"minLength": -1}))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/password/settings", json!({"minLenght": 8}))
        .await
        .err(400, "E011001");
    h.get("/v1/mgmt/password/settings?tenantId=nope")
        .await
        .err(400, "E011003");
}
