//! The seed format's new sections (permissions, tenants, roles, access keys, groups, SSO
//! applications, audit), the built-in defaults, and user search across sub-tenants.

mod common;

use common::Harness;
use descope_emulator::seed;
use serde_json::{json, Value};

fn full_seed() -> Value {
    json!({
        "permissions": [{"name": "docs.read", "description": "Read docs"}, {"id": "PERMfixed", "name": "docs.write"}],
        "tenants": [
            {"id": "t1", "name": "One", "selfProvisioningDomains": ["one.com"], "customAttributes": {"plan": "pro"},
             "enforceSSO": true, "createdTime": 1700000000, "domains": ["sso.one.com"], "authType": "saml",
             "defaultRoles": ["reader"], "ssoConfigurations": [{"ssoId": "okta", "displayName": "Okta"}]},
            {"id": "t1-eu", "name": "One EU", "parent": "t1", "roleInheritance": "userOnly"}
        ],
        "roles": [
            {"name": "reader", "permissions": ["docs.read"]},
            {"id": "ROLwriter", "name": "writer", "tenantId": "t1", "permissionNames": ["docs.write", "new.perm"], "default": true}
        ],
        "users": [{"loginId": "ann@x", "userId": "U2ann", "roleNames": ["reader"],
                   "userTenants": [{"tenantId": "t1", "roleNames": ["writer"]}, {"tenantId": "t1-eu"}]}],
        "accessKeys": [{"id": "K2seeded", "name": "ci", "keyTenants": [{"tenantId": "t1", "roleNames": ["writer"]}],
                        "boundUserId": "U2ann", "expireTime": 0, "cleartext": "K2seeded:s3cret", "createdTime": 1700000000}],
        "groups": [{"tenantId": "t1", "id": "g1", "display": "Writers", "members": ["ann@x"], "ssoId": "okta", "source": "jit"}],
        "ssoApplications": [{"appType": "saml", "id": "app1", "name": "CRM", "loginPageUrl": "https://login", "entityId": "urn:crm"},
                            {"appType": "oidc", "id": "app2", "name": "Wiki", "loginPageUrl": "https://login", "secret": "oidc-seed-secret"}],
        "audit": [{"action": "LoginSucceed", "userId": "U2ann", "occurred": 1700000000000_i64, "tenants": ["t1"]}]
    })
}

#[tokio::test]
async fn every_section_is_seeded() {
    let h = Harness::with_seed(full_seed());
    let t = h.get("/v1/mgmt/tenant?id=t1").await.body;
    assert_eq!(t["name"], "One");
    assert_eq!(t["createdTime"], 1_700_000_000);
    assert_eq!(t["customAttributes"], json!({"plan": "pro"}));
    assert_eq!(t["domains"], json!(["sso.one.com"]));
    assert_eq!(t["authType"], "saml");
    assert_eq!(t["defaultRoles"], json!(["reader"]));
    assert_eq!(t["successors"], json!(["t1-eu"]));
    assert_eq!(h.get("/v1/mgmt/tenant?id=t1-eu").await.body["parent"], "t1");
    assert_eq!(
        h.get("/v2/mgmt/sso/settings?tenantId=t1&ssoId=okta")
            .await
            .body["ssoId"],
        "okta"
    );
    let u = h.load("ann@x").await;
    assert_eq!(u["roleNames"], json!(["reader"]));
    assert_eq!(u["permissions"], json!(["docs.read"]));
    assert_eq!(u["userTenants"][0]["roleNames"], json!(["writer"]));
    assert_eq!(
        u["userTenants"][0]["permissions"],
        json!(["docs.write", "new.perm"])
    );
    let roles = h.get("/v1/mgmt/role/all").await.body;
    let writer = roles["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "writer")
        .unwrap()
        .clone();
    assert_eq!(writer["id"], "ROLwriter");
    assert_eq!(writer["tenantId"], "t1");
    assert_eq!(writer["default"], true);
    let perms = h.get("/v1/mgmt/permission/all").await.body;
    let names: Vec<&str> = perms["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    // The section replaced the default permissions; the system ones stay.
    assert_eq!(
        names,
        [
            "Impersonate",
            "User Admin",
            "SSO Admin",
            "docs.read",
            "docs.write",
            "new.perm"
        ]
    );
    let k = h.get("/v1/mgmt/accesskey?id=K2seeded").await.body["key"].clone();
    assert_eq!(k["boundUserId"], "U2ann");
    assert_eq!(k["keyTenants"][0]["roleNames"], json!(["writer"]));
    let v = h
        .admin(
            "POST",
            "/emulator/accesskeys/verify",
            Some(json!({"cleartext": "K2seeded:s3cret"})),
        )
        .await;
    assert_eq!(v.body["valid"], true);
    let g = h
        .post("/v1/mgmt/group/all", json!({"tenantId": "t1"}))
        .await
        .body;
    assert_eq!(g[0]["ssoId"], "okta");
    assert_eq!(g[0]["source"], "jit");
    assert_eq!(
        h.get("/v1/mgmt/sso/idp/app/load?id=app1").await.body["enabled"],
        true
    );
    assert_eq!(
        h.get("/v1/mgmt/sso/idp/app/secret?id=app2").await.body["cleartext"],
        "oidc-seed-secret"
    );
    let a = h
        .post("/v1/mgmt/audit/search", json!({"tenants": ["t1"]}))
        .await
        .body;
    assert_eq!(a["audits"][0]["action"], "LoginSucceed");
    // Reset returns to exactly this.
    let before = h.admin("GET", "/emulator/tenants", None).await.body;
    h.post(
        "/v1/mgmt/tenant/update",
        json!({"id": "t1", "name": "Changed"}),
    )
    .await
    .ok();
    h.admin("POST", "/emulator/reset", None).await.ok();
    assert_eq!(h.admin("GET", "/emulator/tenants", None).await.body, before);
}

#[tokio::test]
async fn seeds_are_checked_strictly() {
    let bad = [
        json!({"tenants": [{"id": "a", "nmae": "A"}]}),
        json!({"tenants": [{"id": "a", "parent": "nope"}]}),
        json!({"tenants": [{"id": "a", "parent": "b"}, {"id": "b", "parent": "a"}]}),
        json!({"tenants": [{"id": "a", "name": "Same"}, {"id": "b", "name": "Same"}]}),
        json!({"roles": [{"name": "r", "tenantId": "nope"}]}),
        json!({"permissions": [{"name": "Impersonate"}]}),
        json!({"accessKeys": [{"name": "k", "status": "sleeping"}]}),
        json!({"accessKeys": [{"name": "k", "boundUserId": "U2nobody"}]}),
        json!({"ssoApplications": [{"appType": "cas", "name": "x", "loginPageUrl": "u"}]}),
        json!({"audit": [{"userId": "U2"}]}),
    ];
    for b in bad {
        assert!(seed::build(Some(&b), 0).is_err(), "{b}");
    }
}

#[tokio::test]
async fn the_built_in_project() {
    let store = seed::build(None, 40).unwrap();
    assert!(
        store
            .permissions
            .iter()
            .filter(|p| p.system_default)
            .count()
            == 3
    );
    let admin = store
        .roles
        .iter()
        .find(|r| r.name == "Tenant Admin")
        .unwrap();
    assert_eq!(admin.permission_ids.len(), 3);
    // Samples hold role IDs that resolve; nobody gets the built-in Tenant Admin role.
    for u in &store.users {
        for id in u
            .role_ids
            .iter()
            .chain(u.tenants.iter().flat_map(|t| &t.role_ids))
        {
            let r = store.role_by_id(id).unwrap();
            assert_ne!(r.name, "Tenant Admin");
        }
    }
    assert_eq!(store.tenants.len(), 3);
    assert!(store.tenants.iter().all(|t| t.parent.is_empty()));
}

#[tokio::test]
async fn seeding_over_http_adds_entities() {
    let h = Harness::new();
    let a = h
        .admin(
            "POST",
            "/emulator/seed",
            Some(json!({"tenants": [{"id": "t-new", "name": "New"}], "roles": [{"name": "r-new", "tenantId": "t-new"}],
                        "accessKeys": [{"name": "k", "keyTenants": [{"tenantId": "t-new", "roleNames": ["r-new"]}]}]})),
        )
        .await;
    a.ok();
    assert_eq!(
        h.get("/v1/mgmt/tenant/all").await.body["tenants"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(h.app.store().access_keys.len(), 1);
    // Still all or nothing.
    let a = h
        .admin(
            "POST",
            "/emulator/seed",
            Some(json!({"tenants": [{"id": "t-other", "name": "Other"}], "roles": [{"name": "x", "tenantId": "ghost"}]})),
        )
        .await;
    assert_eq!(a.status, 400);
    assert!(h.app.store().tenant("t-other").is_none());
}

#[tokio::test]
async fn user_search_includes_sub_tenants_on_request() {
    let h = Harness::with_seed(full_seed());
    h.create(json!({"loginId": "eu@x", "userTenants": [{"tenantId": "t1-eu"}]}))
        .await;
    h.create(json!({"loginId": "one@x", "userTenants": [{"tenantId": "t1"}]}))
        .await;
    let count = |v: Value| v["total"].as_u64().unwrap();
    let only = h
        .post("/v2/mgmt/user/search", json!({"tenantIds": ["t1"]}))
        .await
        .body;
    assert_eq!(count(only), 2, "ann and one");
    let sub = h
        .post(
            "/v2/mgmt/user/search",
            json!({"tenantIds": ["t1"], "includeSubTenants": true}),
        )
        .await
        .body;
    assert_eq!(count(sub), 3);
}
