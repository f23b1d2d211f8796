//! `management.tenant`: IDs, uniqueness, sub-tenants, overwrite, delete with and without
//! cascade, settings, default roles, SSO setup links, and the read-time join into users.

mod common;

use common::Harness;
use serde_json::{json, Value};

async fn create(h: &Harness, body: Value) -> String {
    let a = h.post("/v1/mgmt/tenant/create", body).await;
    a.ok();
    a.body["id"].as_str().unwrap().to_string()
}

async fn load(h: &Harness, id: &str) -> Value {
    let a = h.get(&format!("/v1/mgmt/tenant?id={id}")).await;
    a.ok();
    a.body.clone()
}

#[tokio::test]
async fn tenant_ids_are_generated_or_chosen_and_unique() {
    let h = Harness::new();
    let id = create(&h, json!({"name": "Umbrella"})).await;
    assert_eq!(id.len(), 28, "{id}");
    assert!(id.starts_with("T2") && id.chars().all(|c| c.is_ascii_alphanumeric()));
    // Go sends `id: ""` on create: generated as well.
    let other = create(&h, json!({"id": "", "name": "Hooli"})).await;
    assert_ne!(other, id);
    assert_eq!(
        create(&h, json!({"id": "t-mine", "name": "Mine"})).await,
        "t-mine"
    );

    let dup = h
        .post(
            "/v1/mgmt/tenant/create",
            json!({"id": "t-mine", "name": "Other"}),
        )
        .await;
    dup.err(400, "E011003");
    assert_eq!(dup.description(), "Tenant with this id already exists");
    let dup = h
        .post("/v1/mgmt/tenant/create", json!({"name": "Acme"}))
        .await;
    dup.err(400, "E011003");
    assert_eq!(dup.description(), "Tenant with this name already exists");
    // Renaming onto another tenant's name is a duplicate too.
    h.post(
        "/v1/mgmt/tenant/update",
        json!({"id": "t-mine", "name": "Globex"}),
    )
    .await
    .err(400, "E011003");

    let missing = h.post("/v1/mgmt/tenant/create", json!({"id": "x"})).await;
    missing.err(400, "E011002");
    assert_eq!(missing.description(), "The name field is required");
    let missing = h.post("/v1/mgmt/tenant/delete", json!({})).await;
    assert_eq!(missing.description(), "The id field is required");
}

#[tokio::test]
async fn load_is_flat_with_every_field_and_unknown_ids_fail() {
    let h = Harness::new();
    let t = load(&h, "t-acme").await;
    assert_eq!(t["id"], "t-acme");
    assert_eq!(t["name"], "Acme");
    for (k, zero) in [
        ("selfProvisioningDomains", json!([])),
        ("customAttributes", json!({})),
        ("domains", json!([])),
        ("authType", json!("none")),
        ("enforceSSO", json!(false)),
        ("enforceSSOExclusions", json!([])),
        ("disabled", json!(false)),
        ("defaultRoles", json!([])),
        ("parent", json!("")),
        ("successors", json!([])),
        ("roleInheritance", json!("")),
        ("federatedAppIds", json!([])),
    ] {
        assert_eq!(t[k], zero, "{k}");
    }
    assert!(t["createdTime"].as_i64().unwrap() > 1_600_000_000);
    let all = h.get("/v1/mgmt/tenant/all").await;
    all.ok();
    assert_eq!(all.body["tenants"].as_array().unwrap().len(), 3);
    let a = h.get("/v1/mgmt/tenant?id=nope").await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "Tenant not found");
    assert_eq!(a.body["errorMessage"], "Tenant \"nope\" not found");
    h.get("/v1/mgmt/tenant?tenantId=t-acme")
        .await
        .err(400, "E011001");
}

#[tokio::test]
async fn sub_tenants_have_a_parent_and_successors() {
    let h = Harness::new();
    let child = create(&h, json!({"name": "Acme EU", "parent": "t-acme"})).await;
    let grandchild = create(&h, json!({"name": "Acme DE", "parent": child})).await;
    assert_eq!(load(&h, &child).await["parent"], "t-acme");
    assert_eq!(load(&h, "t-acme").await["successors"], json!([child]));
    assert_eq!(load(&h, &child).await["successors"], json!([grandchild]));
    let a = h
        .post(
            "/v1/mgmt/tenant/create",
            json!({"name": "Orphan", "parent": "nope"}),
        )
        .await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "Tenant not found");
    // Search by parent: direct children.
    let a = h
        .post(
            "/v1/mgmt/tenant/search",
            json!({"parentTenantId": "t-acme"}),
        )
        .await;
    let ids: Vec<&str> = a.body["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [child.as_str()]);
    // A tenant with sub-tenants cannot be deleted; leaves first.
    let a = h.post("/v1/mgmt/tenant/delete", json!({"id": child})).await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "Tenant has sub-tenants");
    h.post("/v1/mgmt/tenant/delete", json!({"id": grandchild}))
        .await
        .ok();
    h.post("/v1/mgmt/tenant/delete", json!({"id": child}))
        .await
        .ok();
    assert_eq!(load(&h, "t-acme").await["successors"], json!([]));
}

#[tokio::test]
async fn update_is_a_full_overwrite_and_cannot_reparent() {
    let h = Harness::new();
    let id = create(
        &h,
        json!({"name": "Full", "selfProvisioningDomains": ["full.com"], "customAttributes": {"plan": "pro", "seats": 3, "tags": ["a"]},
               "enforceSSO": true, "disabled": true, "roleInheritance": "userOnly", "parent": "t-acme"}),
    )
    .await;
    let t = load(&h, &id).await;
    assert_eq!(t["selfProvisioningDomains"], json!(["full.com"]));
    assert_eq!(
        t["customAttributes"],
        json!({"plan": "pro", "seats": 3, "tags": ["a"]})
    );
    assert_eq!(t["enforceSSO"], true);
    assert_eq!(t["roleInheritance"], "userOnly");
    h.post(
        "/v1/mgmt/tenant/update",
        json!({"id": id, "name": "Renamed"}),
    )
    .await
    .ok();
    let t = load(&h, &id).await;
    assert_eq!(t["name"], "Renamed");
    assert_eq!(t["selfProvisioningDomains"], json!([]));
    assert_eq!(t["customAttributes"], json!({}));
    assert_eq!(t["enforceSSO"], false);
    assert_eq!(t["disabled"], false);
    assert_eq!(t["roleInheritance"], "");
    assert_eq!(t["parent"], "t-acme", "the parent is not part of update");
    let a = h
        .post(
            "/v1/mgmt/tenant/update",
            json!({"id": id, "name": "X", "parent": ""}),
        )
        .await;
    a.err(400, "E011001");
    assert_eq!(a.description(), "unknown key \"parent\"");
    h.post("/v1/mgmt/tenant/update", json!({"id": "nope", "name": "X"}))
        .await
        .err(400, "E011003");
    h.post(
        "/v1/mgmt/tenant/update",
        json!({"id": id, "name": "X", "roleInheritance": "all"}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/tenant/update",
        json!({"id": id, "name": "X", "customAttributes": {"k": {"nested": 1}}}),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn tenant_names_are_joined_into_users_at_read_time() {
    let h = Harness::new();
    h.create(
        json!({"loginId": "ann", "userTenants": [{"tenantId": "t-acme", "roleNames": ["viewer"]}]}),
    )
    .await;
    assert_eq!(h.load("ann").await["userTenants"][0]["tenantName"], "Acme");
    h.post(
        "/v1/mgmt/tenant/update",
        json!({"id": "t-acme", "name": "Acme Corp"}),
    )
    .await
    .ok();
    let u = h.load("ann").await;
    assert_eq!(u["userTenants"][0]["tenantName"], "Acme Corp");
    let found = h
        .post("/v2/mgmt/user/search", json!({"tenantIds": ["t-acme"]}))
        .await;
    assert_eq!(
        found.body["users"][0]["userTenants"][0]["tenantName"],
        "Acme Corp"
    );
    let view = h.admin_view("ann").await;
    assert_eq!(view["user"]["userTenants"][0]["tenantName"], "Acme Corp");
}

/// Three users: only in the tenant, in it and another, in no tenant at all.
async fn three_users(h: &Harness, tenant: &str) {
    h.create(json!({"loginId": "only", "userTenants": [{"tenantId": tenant}]}))
        .await;
    h.create(
        json!({"loginId": "both", "userTenants": [{"tenantId": tenant}, {"tenantId": "t-globex"}]}),
    )
    .await;
    h.create(json!({"loginId": "none", "roleNames": ["admin"]}))
        .await;
}

#[tokio::test]
async fn delete_without_cascade_only_drops_the_association() {
    let h = Harness::new();
    let id = create(&h, json!({"name": "Doomed"})).await;
    h.post(
        "/v1/mgmt/role/create",
        json!({"name": "local", "tenantId": id}),
    )
    .await
    .ok();
    three_users(&h, &id).await;
    h.post("/v1/mgmt/tenant/delete", json!({"id": id}))
        .await
        .ok();
    h.get(&format!("/v1/mgmt/tenant?id={id}"))
        .await
        .err(400, "E011003");
    assert_eq!(h.load("only").await["userTenants"], json!([]));
    let both = h.load("both").await;
    assert_eq!(both["userTenants"].as_array().unwrap().len(), 1);
    assert_eq!(both["userTenants"][0]["tenantId"], "t-globex");
    assert_eq!(h.load("none").await["roleNames"], json!(["admin"]));
    // The tenant's roles went with it.
    let roles = h.get("/v1/mgmt/role/all").await;
    assert!(roles.body["roles"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["name"] != "local"));
    h.post("/v1/mgmt/tenant/delete", json!({"id": id}))
        .await
        .err(400, "E011003");
}

#[tokio::test]
async fn delete_with_cascade_removes_users_left_without_a_tenant() {
    let h = Harness::new();
    let id = create(&h, json!({"name": "Doomed"})).await;
    three_users(&h, &id).await;
    h.post("/v1/mgmt/tenant/delete", json!({"id": id, "cascade": true}))
        .await
        .ok();
    h.get("/v1/mgmt/user?loginId=only")
        .await
        .err(400, "E112102");
    assert_eq!(
        h.load("both").await["userTenants"][0]["tenantId"],
        "t-globex"
    );
    // Never had a tenant: untouched.
    h.load("none").await;
}

#[tokio::test]
async fn search_filters_combine() {
    let h = Harness::new();
    let a = create(
        &h,
        json!({"name": "Alpha", "selfProvisioningDomains": ["alpha.io"], "customAttributes": {"plan": "pro", "tags": ["x", "y"]}}),
    )
    .await;
    let b = create(
        &h,
        json!({"name": "Beta", "selfProvisioningDomains": ["beta.io"], "customAttributes": {"plan": "free"}, "parent": a}),
    )
    .await;
    let ids = |v: &Value| -> Vec<String> {
        v["tenants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    let search = |body: Value| h.post("/v1/mgmt/tenant/search", body);
    assert_eq!(ids(&search(json!({})).await.body).len(), 5);
    assert_eq!(
        ids(&search(json!({"tenantIds": [a, "t-acme"]})).await.body),
        ["t-acme", a.as_str()]
    );
    assert_eq!(
        ids(&search(json!({"tenantNames": ["Beta"]})).await.body),
        [b.as_str()]
    );
    assert_eq!(
        ids(
            &search(json!({"tenantSelfProvisioningDomains": ["alpha.io", "nope"]}))
                .await
                .body
        ),
        [a.as_str()]
    );
    assert_eq!(
        ids(&search(json!({"customAttributes": {"plan": "free"}}))
            .await
            .body),
        [b.as_str()]
    );
    assert_eq!(
        ids(&search(json!({"customAttributes": {"tags": "y"}}))
            .await
            .body),
        [a.as_str()]
    );
    // AND across keys.
    assert!(ids(
        &search(json!({"tenantNames": ["Alpha"], "parentTenantId": a}))
            .await
            .body
    )
    .is_empty());
    assert_eq!(
        ids(
            &search(json!({"topLevelOnly": true, "tenantNames": ["Alpha", "Beta"]}))
                .await
                .body
        ),
        [a.as_str()]
    );
    // node's spellings are not the wire's: a client that forgets the rename is caught.
    search(json!({"ids": [a]})).await.err(400, "E011001");
}

#[tokio::test]
async fn settings_round_trip_and_overwrite() {
    let h = Harness::new();
    let s = h.get("/v1/mgmt/tenant/settings?id=t-acme").await;
    s.ok();
    assert_eq!(s.body["enabled"], false);
    assert_eq!(s.body["inactivityTime"], 0);
    assert_eq!(s.body["authType"], "none");
    assert_eq!(
        s.body["ssoSetupSuiteSettings"]["disabledFeatures"]["scim"],
        false
    );
    // node's type spells InactivityTime; the wire spelling is inactivityTime. Both are read.
    h.post(
        "/v1/mgmt/tenant/settings",
        json!({"tenantId": "t-acme", "selfProvisioningDomains": ["acme.com"], "domains": ["sso.acme.com"],
               "authType": "saml", "enabled": true, "sessionTokenExpiration": 10, "sessionTokenExpirationUnit": "minutes",
               "refreshTokenExpiration": 4, "refreshTokenExpirationUnit": "weeks", "enableInactivity": true,
               "InactivityTime": 30, "InactivityTimeUnit": "minutes", "JITDisabled": true,
               "ssoSetupSuiteSettings": {"enabled": true, "disabledFeatures": {"scim": true}}}),
    )
    .await
    .ok();
    let s = h.get("/v1/mgmt/tenant/settings?id=t-acme").await.body;
    assert_eq!(s["inactivityTime"], 30);
    assert_eq!(s["inactivityTimeUnit"], "minutes");
    assert!(s.get("InactivityTime").is_none());
    assert_eq!(s["JITDisabled"], true);
    assert_eq!(s["refreshTokenExpirationUnit"], "weeks");
    assert_eq!(s["ssoSetupSuiteSettings"]["enabled"], true);
    assert_eq!(s["ssoSetupSuiteSettings"]["disabledFeatures"]["scim"], true);
    assert_eq!(
        s["ssoSetupSuiteSettings"]["disabledFeatures"]["saml"],
        false
    );
    let t = load(&h, "t-acme").await;
    assert_eq!(t["selfProvisioningDomains"], json!(["acme.com"]));
    assert_eq!(t["domains"], json!(["sso.acme.com"]));
    assert_eq!(t["authType"], "saml");
    // Full overwrite: what is not sent is reset.
    h.post(
        "/v1/mgmt/tenant/settings",
        json!({"tenantId": "t-acme", "enabled": false}),
    )
    .await
    .ok();
    let s = h.get("/v1/mgmt/tenant/settings?id=t-acme").await.body;
    assert_eq!(s["inactivityTime"], 0);
    assert_eq!(s["JITDisabled"], false);
    assert_eq!(s["selfProvisioningDomains"], json!([]));
    assert_eq!(s["authType"], "none");
    // Rules: units, a session of at least 3 minutes and no longer than the refresh token.
    let bad = [
        json!({"tenantId": "t-acme", "sessionTokenExpirationUnit": "years"}),
        json!({"tenantId": "t-acme", "enabled": true, "sessionTokenExpiration": 2, "sessionTokenExpirationUnit": "minutes"}),
        json!({"tenantId": "t-acme", "enabled": true, "sessionTokenExpiration": 2, "sessionTokenExpirationUnit": "days",
               "refreshTokenExpiration": 1, "refreshTokenExpirationUnit": "days"}),
        json!({"tenantId": "t-acme", "authType": "kerberos"}),
    ];
    for body in bad {
        h.post("/v1/mgmt/tenant/settings", body.clone())
            .await
            .err(400, "E011003");
    }
    h.post("/v1/mgmt/tenant/settings", json!({"tenantId": "nope"}))
        .await
        .err(400, "E011003");
    // SSO domains belong to one tenant.
    h.post(
        "/v1/mgmt/tenant/settings",
        json!({"tenantId": "t-acme", "domains": ["x.com"]}),
    )
    .await
    .ok();
    let a = h
        .post(
            "/v1/mgmt/tenant/settings",
            json!({"tenantId": "t-globex", "domains": ["x.com"]}),
        )
        .await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "SSO domain is already in use");
}

#[tokio::test]
async fn default_roles_are_project_roles_and_follow_renames() {
    let h = Harness::new();
    h.post(
        "/v1/mgmt/tenant/updateDefaultRoles",
        json!({"id": "t-acme", "defaultRoles": ["viewer", "editor"]}),
    )
    .await
    .ok();
    assert_eq!(
        load(&h, "t-acme").await["defaultRoles"],
        json!(["viewer", "editor"])
    );
    let a = h
        .post(
            "/v1/mgmt/tenant/updateDefaultRoles",
            json!({"id": "t-acme", "defaultRoles": ["ghost"]}),
        )
        .await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "Role not found");
    h.post(
        "/v1/mgmt/role/update",
        json!({"name": "viewer", "newName": "reader"}),
    )
    .await
    .ok();
    assert_eq!(
        load(&h, "t-acme").await["defaultRoles"],
        json!(["reader", "editor"])
    );
    h.post("/v1/mgmt/role/delete", json!({"name": "editor"}))
        .await
        .ok();
    assert_eq!(load(&h, "t-acme").await["defaultRoles"], json!(["reader"]));
    h.post(
        "/v1/mgmt/tenant/updateDefaultRoles",
        json!({"id": "t-acme", "defaultRoles": []}),
    )
    .await
    .ok();
    assert_eq!(load(&h, "t-acme").await["defaultRoles"], json!([]));
}

#[tokio::test]
async fn sso_configuration_links_are_generated_and_revoked() {
    let h = Harness::new();
    let a = h
        .post(
            "/v2/mgmt/tenant/adminlinks/sso/generate",
            json!({"tenantId": "t-acme", "expireTime": 3600, "email": "it@acme.com", "templateId": "tpl", "actorId": "admin"}),
        )
        .await;
    a.ok();
    let link = a.body["adminSSOConfigurationLink"].as_str().unwrap();
    assert!(
        link.starts_with("http://localhost/sso-setup/P2emulatorProject00000000001?t="),
        "{link}"
    );
    let token = link.rsplit("t=").next().unwrap();
    assert!(token.len() >= 32);
    {
        let store = h.app.store();
        let t = store.tenant("t-acme").unwrap();
        assert_eq!(t.sso_links.len(), 1);
        assert_eq!(t.sso_links[0].email, "it@acme.com");
        assert!(t.sso_links[0].expire_time > 0);
        // Only a hash of the token is kept.
        assert!(!format!("{store:?}").contains(token));
    }
    h.post(
        "/v2/mgmt/tenant/adminlinks/sso/generate",
        json!({"tenantId": "nope", "expireTime": 60}),
    )
    .await
    .err(400, "E011003");
    let a = h
        .post(
            "/v2/mgmt/tenant/adminlinks/sso/generate",
            json!({"tenantId": "t-acme", "expireTime": 60, "ssoId": "nope"}),
        )
        .await;
    assert_eq!(a.description(), "SSO configuration not found");
    // node's argument name is expireDuration; the wire key is expireTime.
    h.post(
        "/v2/mgmt/tenant/adminlinks/sso/generate",
        json!({"tenantId": "t-acme", "expireDuration": 60}),
    )
    .await
    .err(400, "E011001");
    h.post(
        "/v1/mgmt/tenant/adminlinks/sso/revoke",
        json!({"tenantId": "t-acme"}),
    )
    .await
    .ok();
    assert!(h.app.store().tenant("t-acme").unwrap().sso_links.is_empty());
}
