//! `management.role` and `management.permission`: scoping, existing permissions, overwrite,
//! rename keeps assignments, delete cascades, atomic batches, the dangerous empty batch
//! delete, system permissions, permission cascades into roles and users.

mod common;

use common::Harness;
use serde_json::{json, Value};

async fn roles(h: &Harness) -> Vec<Value> {
    let a = h.get("/v1/mgmt/role/all").await;
    a.ok();
    a.body["roles"].as_array().unwrap().clone()
}

async fn role(h: &Harness, name: &str, tenant: &str) -> Value {
    roles(h)
        .await
        .into_iter()
        .find(|r| r["name"] == name && r["tenantId"] == tenant)
        .unwrap_or(Value::Null)
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn roles_are_scoped_by_tenant_and_name() {
    let h = Harness::new();
    h.post("/v1/mgmt/role/create", json!({"name": "ops"}))
        .await
        .ok();
    h.post(
        "/v1/mgmt/role/create",
        json!({"name": "ops", "tenantId": "t-acme", "description": "Acme ops"}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/role/create",
        json!({"name": "ops", "tenantId": "t-globex"}),
    )
    .await
    .ok();
    let a = h
        .post(
            "/v1/mgmt/role/create",
            json!({"name": "ops", "tenantId": "t-acme"}),
        )
        .await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "Role with this name already exists");
    let a = h
        .post(
            "/v1/mgmt/role/create",
            json!({"name": "ops", "tenantId": "nope"}),
        )
        .await;
    assert_eq!(a.description(), "Tenant not found");
    let r = role(&h, "ops", "t-acme").await;
    assert!(r["id"].as_str().unwrap().starts_with("ROL"), "{r}");
    assert_eq!(r["description"], "Acme ops");
    for k in ["permissionNames", "createdTime", "default", "private"] {
        assert!(r.get(k).is_some(), "{k}");
    }
    // A tenant role is usable inside its tenant only.
    h.create(
        json!({"loginId": "ann", "userTenants": [{"tenantId": "t-acme", "roleNames": ["ops"]}]}),
    )
    .await;
    h.post(
        "/v1/mgmt/role/delete",
        json!({"name": "ops", "tenantId": "t-acme"}),
    )
    .await
    .ok();
    assert_eq!(
        h.load("ann").await["userTenants"][0]["roleNames"],
        json!([])
    );
    assert!(
        !role(&h, "ops", "").await.is_null(),
        "the project role is another role"
    );
    assert!(!role(&h, "ops", "t-globex").await.is_null());
    // Project roleNames never resolve to tenant roles.
    h.post(
        "/v1/mgmt/role/create",
        json!({"name": "acme-only", "tenantId": "t-acme"}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/user/create",
        json!({"loginId": "bob", "roleNames": ["acme-only"]}),
    )
    .await
    .err(400, "E011003");
    // Search: a tenant's roles, plus project roles on request.
    let s = h
        .post("/v1/mgmt/role/search", json!({"tenantIds": ["t-globex"]}))
        .await;
    assert_eq!(names(&s.body["roles"]), ["ops"]);
    let s = h
        .post(
            "/v1/mgmt/role/search",
            json!({"tenantIds": ["t-globex"], "includeProjectRoles": true}),
        )
        .await;
    assert!(names(&s.body["roles"]).contains(&"admin".to_string()));
}

#[tokio::test]
async fn role_permissions_must_exist() {
    let h = Harness::new();
    let a = h
        .post(
            "/v1/mgmt/role/create",
            json!({"name": "x", "permissionNames": ["users.read", "ghost"]}),
        )
        .await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "Permission not found");
    assert!(a.body["errorMessage"].as_str().unwrap().contains("ghost"));
    h.post(
        "/v1/mgmt/role/update",
        json!({"name": "admin", "newName": "admin", "permissionNames": ["ghost"]}),
    )
    .await
    .err(400, "E011003");
    assert_eq!(
        role(&h, "admin", "").await["permissionNames"],
        json!(["users.read", "users.write", "billing.read"])
    );
}

#[tokio::test]
async fn role_update_is_a_full_overwrite() {
    let h = Harness::new();
    h.post(
        "/v1/mgmt/role/create",
        json!({"name": "x", "description": "d", "permissionNames": ["users.read"], "default": true, "private": true}),
    )
    .await
    .ok();
    let before = role(&h, "x", "").await;
    assert_eq!(before["default"], true);
    h.post("/v1/mgmt/role/update", json!({"name": "x", "newName": "y"}))
        .await
        .ok();
    let after = role(&h, "y", "").await;
    assert_eq!(after["id"], before["id"]);
    assert_eq!(after["description"], "");
    assert_eq!(after["permissionNames"], json!([]));
    assert_eq!(after["default"], false);
    assert_eq!(after["private"], false);
    assert!(
        role(&h, "x", "").await.is_null(),
        "the old name no longer resolves"
    );
    // By ID; either the name or the ID, not both; newName required; no duplicates.
    let id = after["id"].as_str().unwrap();
    h.post("/v1/mgmt/role/update", json!({"id": id, "newName": "z"}))
        .await
        .ok();
    assert!(!role(&h, "z", "").await.is_null());
    h.post(
        "/v1/mgmt/role/update",
        json!({"id": id, "name": "z", "newName": "w"}),
    )
    .await
    .err(400, "E011003");
    let a = h.post("/v1/mgmt/role/update", json!({"name": "z"})).await;
    a.err(400, "E011002");
    assert_eq!(a.description(), "The newName field is required");
    h.post(
        "/v1/mgmt/role/update",
        json!({"name": "z", "newName": "admin"}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/role/update",
        json!({"name": "nope", "newName": "q"}),
    )
    .await
    .err(400, "E011003");
    // A tenant-scoped lookup by ID must match the role's tenant.
    h.post(
        "/v1/mgmt/role/update",
        json!({"id": id, "newName": "q", "tenantId": "t-acme"}),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn a_role_rename_keeps_assignments() {
    let h = Harness::new();
    h.create(json!({"loginId": "ann", "roleNames": ["admin"],
                    "userTenants": [{"tenantId": "t-acme", "roleNames": ["viewer"]}]}))
        .await;
    h.post(
        "/v1/mgmt/role/update",
        json!({"name": "admin", "newName": "superuser", "permissionNames": ["users.read", "billing.write"]}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/role/update",
        json!({"name": "viewer", "newName": "reader", "permissionNames": ["users.read"]}),
    )
    .await
    .ok();
    let u = h.load("ann").await;
    assert_eq!(u["roleNames"], json!(["superuser"]));
    assert_eq!(u["permissions"], json!(["users.read", "billing.write"]));
    assert_eq!(u["userTenants"][0]["roleNames"], json!(["reader"]));
    // Search by the new name finds the user; the old one finds nobody.
    let s = h
        .post("/v2/mgmt/user/search", json!({"roleNames": ["superuser"]}))
        .await;
    assert_eq!(s.body["total"], 1);
    let s = h
        .post("/v2/mgmt/user/search", json!({"roleNames": ["admin"]}))
        .await;
    assert_eq!(s.body["total"], 0);
    // New assignments use the new name.
    h.post(
        "/v1/mgmt/user/update/role/remove",
        json!({"loginId": "ann", "roleNames": ["superuser"]}),
    )
    .await
    .ok();
    assert_eq!(h.load("ann").await["roleNames"], json!([]));
}

#[tokio::test]
async fn a_role_delete_cascades_to_users() {
    let h = Harness::new();
    h.create(json!({"loginId": "ann", "roleNames": ["admin", "editor"],
                    "userTenants": [{"tenantId": "t-acme", "roleNames": ["admin"]}]}))
        .await;
    h.post("/v1/mgmt/role/delete", json!({"name": "admin"}))
        .await
        .ok();
    let u = h.load("ann").await;
    assert_eq!(u["roleNames"], json!(["editor"]));
    assert_eq!(u["userTenants"][0]["roleNames"], json!([]));
    assert_eq!(u["permissions"], json!(["users.read", "content.write"]));
    h.post("/v1/mgmt/role/delete", json!({"name": "admin"}))
        .await
        .err(400, "E011003");
    // deleteWithId
    let id = role(&h, "editor", "").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    h.post("/v1/mgmt/role/delete", json!({"id": id})).await.ok();
    assert_eq!(h.load("ann").await["roleNames"], json!([]));
}

#[tokio::test]
async fn role_batches_are_atomic() {
    let h = Harness::new();
    let before = roles(&h).await.len();
    let a = h
        .post(
            "/v1/mgmt/role/create/batch",
            json!({"roles": [{"name": "new1"}, {"name": "admin"}]}),
        )
        .await;
    a.err(400, "E011003");
    assert_eq!(roles(&h).await.len(), before, "nothing created");
    let a = h
        .post(
            "/v1/mgmt/role/create/batch",
            json!({"roles": [{"name": "new1", "permissionNames": ["users.read"]}, {"name": "new2", "tenantId": "t-acme"}]}),
        )
        .await;
    a.ok();
    assert_eq!(names(&a.body["roles"]), ["new1", "new2"]);
    assert_eq!(a.body["roles"][1]["tenantId"], "t-acme");
    // Duplicates inside one batch fail it too.
    h.post(
        "/v1/mgmt/role/create/batch",
        json!({"roles": [{"name": "dup"}, {"name": "dup"}]}),
    )
    .await
    .err(400, "E011003");
    assert!(role(&h, "dup", "").await.is_null());
    let a = h
        .post(
            "/v1/mgmt/role/update/batch",
            json!({"roles": [{"name": "new1", "newName": "renamed"}, {"name": "ghost", "newName": "x"}]}),
        )
        .await;
    a.err(400, "E011003");
    assert!(!role(&h, "new1", "").await.is_null(), "nothing renamed");
    let a = h
        .post(
            "/v1/mgmt/role/update/batch",
            json!({"roles": [{"name": "new1", "newName": "renamed", "description": "d"}]}),
        )
        .await;
    a.ok();
    assert_eq!(a.body["roles"][0]["name"], "renamed");
    // Entries are parsed strictly, with their position.
    let a = h
        .post(
            "/v1/mgmt/role/create/batch",
            json!({"roles": [{"name": "a", "defaultRole": true}]}),
        )
        .await;
    a.err(400, "E011001");
    assert_eq!(a.description(), "unknown key \"roles[0].defaultRole\"");
}

#[tokio::test]
async fn an_empty_batch_delete_deletes_every_role() {
    let h = Harness::new();
    h.create(json!({"loginId": "ann", "roleNames": ["admin"]}))
        .await;
    h.post(
        "/v1/mgmt/role/create",
        json!({"name": "local", "tenantId": "t-acme"}),
    )
    .await
    .ok();
    // Scoped to a tenant: only that tenant's roles.
    h.post("/v1/mgmt/role/delete/batch", json!({"tenantId": "t-acme"}))
        .await
        .ok();
    assert!(role(&h, "local", "t-acme").await.is_null());
    assert!(!role(&h, "admin", "").await.is_null());
    // node sends `{}` for deleteBatch(): the service deletes every role.
    h.post("/v1/mgmt/role/delete/batch", json!({})).await.ok();
    assert!(roles(&h).await.is_empty());
    assert_eq!(h.load("ann").await["roleNames"], json!([]));
}

#[tokio::test]
async fn role_delete_batch_by_names_and_ids() {
    let h = Harness::new();
    let viewer = role(&h, "viewer", "").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    h.post(
        "/v1/mgmt/role/delete/batch",
        json!({"roleNames": ["admin", "editor"], "roleIds": [viewer]}),
    )
    .await
    .ok();
    assert_eq!(
        names(&json!(roles(&h).await)),
        ["support", "billing", "Tenant Admin"]
    );
    h.post(
        "/v1/mgmt/role/delete/batch",
        json!({"roleNames": ["support", "ghost"]}),
    )
    .await
    .err(400, "E011003");
    assert!(!role(&h, "support", "").await.is_null(), "atomic");
}

#[tokio::test]
async fn role_search_filters_and_sorts() {
    let h = Harness::new();
    let search = |b: Value| h.post("/v1/mgmt/role/search", b);
    // node's role.search() sends no body at all.
    let a = h.call("POST", "/v1/mgmt/role/search", None).await;
    a.ok();
    assert_eq!(a.body["roles"].as_array().unwrap().len(), 6);
    assert_eq!(
        names(&search(json!({"roleNameLike": "ADMIN"})).await.body["roles"]),
        ["admin", "Tenant Admin"]
    );
    assert_eq!(
        names(
            &search(json!({"permissionNames": ["content.write", "billing.write"]}))
                .await
                .body["roles"]
        ),
        ["editor", "billing"]
    );
    assert_eq!(
        names(&search(json!({"roleNames": ["viewer", "nope"]})).await.body["roles"]),
        ["viewer"]
    );
    assert_eq!(
        names(&search(json!({"sort": [{"field": "name", "desc": true}], "roleNames": ["admin", "viewer", "editor"]})).await.body["roles"]),
        ["viewer", "editor", "admin"]
    );
    search(json!({"sort": [{"field": "colour"}]}))
        .await
        .err(400, "E011003");
    let id = role(&h, "support", "").await["id"].clone();
    assert_eq!(
        names(&search(json!({"roleIds": [id]})).await.body["roles"]),
        ["support"]
    );
}

#[tokio::test]
async fn system_permissions_are_seeded_and_fixed() {
    let h = Harness::new();
    let a = h.get("/v1/mgmt/permission/all").await;
    a.ok();
    let perms = a.body["permissions"].as_array().unwrap();
    for name in ["Impersonate", "User Admin", "SSO Admin"] {
        let p = perms.iter().find(|p| p["name"] == name).unwrap();
        assert_eq!(p["systemDefault"], true);
        assert!(p["id"].as_str().unwrap().starts_with("PERM"));
    }
    assert_eq!(
        perms.iter().find(|p| p["name"] == "users.read").unwrap()["systemDefault"],
        false
    );
    assert_eq!(
        role(&h, "Tenant Admin", "").await["permissionNames"],
        json!(["Impersonate", "User Admin", "SSO Admin"])
    );
    for (path, body) in [
        ("/v1/mgmt/permission/create", json!({"name": "Impersonate"})),
        (
            "/v1/mgmt/permission/update",
            json!({"name": "SSO Admin", "newName": "x"}),
        ),
        ("/v1/mgmt/permission/delete", json!({"name": "User Admin"})),
        (
            "/v1/mgmt/permission/delete/batch",
            json!({"names": ["User Admin"]}),
        ),
    ] {
        h.post(path, body).await.err(400, "E011003");
    }
    // An empty batch delete removes every permission except the system ones.
    h.post("/v1/mgmt/permission/delete/batch", json!({}))
        .await
        .ok();
    let a = h.get("/v1/mgmt/permission/all").await;
    assert_eq!(
        names(&a.body["permissions"]),
        ["Impersonate", "User Admin", "SSO Admin"]
    );
    assert_eq!(role(&h, "admin", "").await["permissionNames"], json!([]));
}

#[tokio::test]
async fn permission_rename_and_delete_cascade_to_roles_and_users() {
    let h = Harness::new();
    h.create(json!({"loginId": "ann", "roleNames": ["admin"]}))
        .await;
    h.post(
        "/v1/mgmt/permission/update",
        json!({"name": "users.read", "newName": "users.view", "description": "View users"}),
    )
    .await
    .ok();
    assert_eq!(
        role(&h, "admin", "").await["permissionNames"],
        json!(["users.view", "users.write", "billing.read"])
    );
    assert_eq!(
        h.load("ann").await["permissions"],
        json!(["users.view", "users.write", "billing.read"])
    );
    // Full overwrite: no description means an empty one.
    h.post(
        "/v1/mgmt/permission/update",
        json!({"name": "users.view", "newName": "users.view"}),
    )
    .await
    .ok();
    let all = h.get("/v1/mgmt/permission/all").await.body;
    let p = all["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "users.view")
        .unwrap()
        .clone();
    assert_eq!(p["description"], "");
    h.post("/v1/mgmt/permission/delete", json!({"id": p["id"]}))
        .await
        .ok();
    assert_eq!(
        role(&h, "admin", "").await["permissionNames"],
        json!(["users.write", "billing.read"])
    );
    assert_eq!(
        h.load("ann").await["permissions"],
        json!(["users.write", "billing.read"])
    );
    // Create, duplicates, batches.
    h.post(
        "/v1/mgmt/permission/create",
        json!({"name": "p", "description": "d"}),
    )
    .await
    .ok();
    let a = h
        .post("/v1/mgmt/permission/create", json!({"name": "p"}))
        .await;
    assert_eq!(a.description(), "Permission with this name already exists");
    h.post(
        "/v1/mgmt/permission/create/batch",
        json!({"permissions": [{"name": "q"}, {"name": "p"}]}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/permission/create/batch",
        json!({"permissions": [{"name": "q", "systemDefault": true}, {"name": "r"}]}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/permission/update/batch",
        json!({"permissions": [{"name": "q", "newName": "q2"}, {"name": "r", "newName": "r2"}]}),
    )
    .await
    .ok();
    let all = h.get("/v1/mgmt/permission/all").await.body;
    let n = names(&all["permissions"]);
    assert!(
        n.contains(&"q2".to_string()) && n.contains(&"r2".to_string()),
        "{n:?}"
    );
    let q2 = all["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "q2")
        .unwrap();
    assert_eq!(
        q2["systemDefault"], false,
        "systemDefault is the service's to set"
    );
}

#[tokio::test]
async fn management_errors_use_the_reference_codes() {
    let h = Harness::new();
    let a = h.post("/v1/mgmt/permission/create", json!({})).await;
    a.err(400, "E011002");
    assert_eq!(a.description(), "The name field is required");
    let a = h
        .post("/v1/mgmt/permission/create", json!({"name": 3}))
        .await;
    a.err(400, "E011001");
    assert_eq!(a.description(), "\"name\" must be a string");
    let a = h
        .post(
            "/v1/mgmt/role/create",
            json!({"name": "x", "permissions": ["a"]}),
        )
        .await;
    a.err(400, "E011001");
    assert_eq!(a.description(), "unknown key \"permissions\"");
    h.call("POST", "/v1/mgmt/role/create", None)
        .await
        .err(400, "E011002");
    let a = h.call("GET", "/v1/mgmt/role/create", None).await;
    a.err(405, "E011405");
    // The user API keeps its own codes.
    h.post("/v1/mgmt/user/create", json!({"login_id": "x"}))
        .await
        .err(400, "E011003");
}
