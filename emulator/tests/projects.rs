//! `management.project`: snapshots that round-trip the emulator's own state (export, wipe,
//! import, and everything is back), validation, partial imports, secrets that stay out of
//! snapshots, clones as second projects, the project list, name and tags, delete.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::Harness;
use serde_json::{json, Map, Value};

/// A project with something in every group a snapshot carries.
fn rich() -> Harness {
    Harness::with_seed(json!({
        "permissions": [{"id": "PERMdocs", "name": "docs.read", "description": "Read docs"}],
        "tenants": [
            {"id": "t1", "name": "One", "selfProvisioningDomains": ["one.com"], "customAttributes": {"plan": "pro"},
             "ssoConfigurations": [{"ssoId": "okta", "displayName": "Okta"}]},
            {"id": "t1a", "name": "One A", "parent": "t1"}
        ],
        "roles": [
            {"id": "ROLwriter", "name": "writer", "permissionNames": ["docs.read"], "description": "Writes"},
            {"id": "ROLt1admin", "name": "t-admin", "tenantId": "t1"}
        ],
        "customAttributes": [{"name": "tier", "type": 4, "options": ["gold", "silver"]}],
        "users": [
            {"loginId": "ann@example.com", "userId": "U2ann", "name": "Ann", "email": "ann@example.com",
             "roleNames": ["writer"], "userTenants": [{"tenantId": "t1", "roleNames": ["t-admin", "writer"]}],
             "customAttributes": {"tier": "gold"}, "status": "disabled", "test": false},
            {"loginIds": ["bob", "bob@example.com"], "userId": "U2bob", "test": true}
        ],
        "accessKeys": [{"id": "K2ci", "name": "ci", "roleNames": ["writer"], "boundUserId": "U2ann",
                        "keyTenants": [{"tenantId": "t1", "roleNames": ["t-admin"]}],
                        "cleartext": "K2ci:fake-access-key-secret"}],
        "groups": [{"tenantId": "t1", "id": "g1", "display": "Admins", "members": ["ann@example.com"], "ssoId": "okta"}],
        "ssoApplications": [{"appType": "oidc", "id": "app1", "name": "Wiki", "loginPageUrl": "https://wiki/login",
                             "secret": "fake-oidc-secret"}],
        "lists": [{"id": "l1", "name": "blocked", "type": "ips", "data": ["10.0.0.0/8"]}],
        "jwtTemplates": [{"id": "jt1", "name": "Hasura", "template": {"x": "{{user.userId}}"}}],
        "engines": [{"id": "en1", "name": "risk", "secret": "fake-engine-secret"}],
        "scopeClaimMappings": [{"scope": "profile", "claims": {"name": "{{user.name}}"}}],
        "inboundApps": [{"id": "ia1", "name": "Partner", "secret": "fake-inbound-secret",
                         "permissionsScopes": [{"name": "read", "description": "Read"}]}],
        "outboundApps": [{"id": "oa1", "name": "Google", "clientSecret": "fake-outbound-secret"}],
        "outboundTokens": [{"appId": "oa1", "userId": "U2ann", "accessToken": "fake-token"}],
        "authz": {
            "schema": {"name": "docs", "namespaces": [{"name": "doc", "relationDefinitions": [{"name": "owner"}]}]},
            "relations": [{"resource": "d1", "relationDefinition": "owner", "namespace": "doc", "target": "U2ann"}]
        },
        "fga": {"dsl": "model AuthZ 1.0\ntype user\ntype doc\n  relation owner: user\n",
                "relations": [{"resource": "d1", "resourceType": "doc", "relation": "owner", "target": "U2ann", "targetType": "user"}]},
        "flows": [{"id": "sign-in", "name": "Sign in", "dsl": {"startTask": "a"}, "screens": [{"id": "a"}]}],
        "theme": {"id": "theme", "cssTemplate": {"light": {"primary": "#006af5"}}},
        "project": {"name": "Acme", "tags": ["eu"]}
    }))
}

/// Changes made through the API that seeds cannot say (settings, SSO configuration).
async fn configure(h: &Harness) {
    h.post(
        "/v1/mgmt/tenant/settings",
        json!({"tenantId": "t1", "enabled": true, "sessionTokenExpiration": 10,
               "sessionTokenExpirationUnit": "minutes", "refreshTokenExpiration": 4,
               "refreshTokenExpirationUnit": "weeks"}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/sso/saml",
        json!({"tenantId": "t1", "ssoId": "okta", "settings": {"idpUrl": "https://idp/sso", "idpCert": "MIIC",
               "entityId": "urn:idp", "roleMappings": [{"groups": ["Admins"], "roleName": "t-admin"}]},
               "redirectUrl": "https://app/sso", "domains": ["one.com"]}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/password/settings",
        json!({"enabled": true, "minLength": 12, "lowercase": true}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/password/settings",
        json!({"tenantId": "t1", "enabled": true, "minLength": 20}),
    )
    .await
    .ok();
}

async fn export(h: &Harness) -> Map<String, Value> {
    let a = h.post("/v1/mgmt/project/snapshot/export", json!({})).await;
    a.ok();
    a.body["files"].as_object().unwrap().clone()
}

async fn verify_key(h: &Harness, clear: &str) -> bool {
    let a = h
        .admin(
            "POST",
            "/emulator/accesskeys/verify",
            Some(json!({"cleartext": clear})),
        )
        .await;
    a.body["valid"].as_bool().unwrap()
}

#[tokio::test]
async fn export_wipe_import_brings_everything_back() {
    let h = rich();
    configure(&h).await;
    let files = export(&h).await;
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    for f in [
        "project.json",
        "permissions.json",
        "roles.json",
        "tenants.json",
        "customAttributes.json",
        "passwordSettings.json",
        "users.json",
        "accessKeys.json",
        "groups.json",
        "ssoApplications.json",
        "lists.json",
        "jwtTemplates.json",
        "engines.json",
        "scopeClaimMappings.json",
        "inboundApps.json",
        "outboundApps.json",
        "authz.json",
        "fga.json",
        "theme.json",
        "flows/sign-in.json",
    ] {
        assert!(names.contains(&f), "{f} missing from {names:?}");
    }
    assert_eq!(
        files["project.json"],
        json!({"name": "Acme", "environment": "", "tags": ["eu"], "version": 1})
    );
    let text = Value::Object(files.clone()).to_string();
    for secret in [
        "fake-access-key-secret",
        "fake-oidc-secret",
        "fake-engine-secret",
        "fake-inbound-secret",
        "fake-outbound-secret",
        "fake-token",
    ] {
        assert!(!text.contains(secret), "{secret} exported");
    }
    let user_before = h.get("/v1/mgmt/user?loginId=ann@example.com").await.body;
    let tenant_before = h.get("/v1/mgmt/tenant?id=t1").await.body;
    let sso_before = h
        .get("/v2/mgmt/sso/settings?tenantId=t1&ssoId=okta")
        .await
        .body;

    // Wipe: the project is empty.
    h.post("/v1/mgmt/project/delete", json!({})).await.ok();
    h.get("/v1/mgmt/user?loginId=ann@example.com")
        .await
        .err(400, "E112102");
    assert_eq!(
        h.get("/v1/mgmt/tenant/all").await.body,
        json!({"tenants": []})
    );
    assert_eq!(h.get("/v1/mgmt/list/all").await.body, json!({"lists": []}));

    // Import: everything is back. The outbound app is new again, so its client secret
    // (never exported) must come with the import.
    let a = h
        .post("/v1/mgmt/project/snapshot/import", json!({"files": files}))
        .await;
    a.err(400, "E011003");
    assert_eq!(
        a.description(),
        "outbound application 'Google' is missing a secret"
    );
    let secrets = json!({"outboundApps": [{"id": "oa1", "name": "Google", "type": "clientSecret",
                                           "value": "fake-outbound-secret"}]});
    h.post(
        "/v1/mgmt/project/snapshot/import",
        json!({"files": files, "inputSecrets": secrets}),
    )
    .await
    .ok();
    assert_eq!(
        h.get("/v1/mgmt/user?loginId=ann@example.com").await.body,
        user_before
    );
    assert_eq!(h.get("/v1/mgmt/tenant?id=t1").await.body, tenant_before);
    assert_eq!(
        h.get("/v2/mgmt/sso/settings?tenantId=t1&ssoId=okta")
            .await
            .body,
        sso_before
    );
    let again = export(&h).await;
    assert_eq!(Value::Object(again), Value::Object(files));
    assert_eq!(
        h.get("/v1/mgmt/tenant/settings?id=t1").await.body["sessionTokenExpiration"],
        10
    );
    assert_eq!(
        h.get("/v1/mgmt/password/settings?tenantId=t1").await.body["minLength"],
        20
    );
    let has = h
        .post(
            "/v1/mgmt/authz/re/has",
            json!({"relationQueries": [{"resource": "d1", "relationDefinition": "owner", "namespace": "doc", "target": "U2ann"}]}),
        )
        .await;
    assert_eq!(has.body["relationQueries"][0]["hasRelation"], true);
    // Secrets were not in the snapshot: after a wipe the old access key is dead.
    assert!(!verify_key(&h, "K2ci:fake-access-key-secret").await);
}

#[tokio::test]
async fn importing_over_a_project_keeps_the_secrets_of_what_exists() {
    let h = rich();
    let files = export(&h).await;
    h.post("/v1/mgmt/list/delete", json!({"id": "l1"}))
        .await
        .ok();
    h.post("/v1/mgmt/project/snapshot/import", json!({"files": files}))
        .await
        .ok();
    assert_eq!(
        h.get("/v1/mgmt/list/l1").await.body["list"]["name"],
        "blocked"
    );
    assert!(verify_key(&h, "K2ci:fake-access-key-secret").await);
    assert_eq!(
        h.get("/v1/mgmt/sso/idp/app/secret?id=app1").await.body,
        json!({"cleartext": "fake-oidc-secret"})
    );
    assert_eq!(
        h.get("/v1/mgmt/thirdparty/app/secret?id=ia1").await.body,
        json!({"cleartext": "fake-inbound-secret"})
    );
    let v = h
        .admin(
            "POST",
            "/emulator/secrets/verify",
            Some(json!({"secret": "fake-engine-secret"})),
        )
        .await;
    assert_eq!(v.body["id"], "en1");
    assert_eq!(
        h.app.store().outbound_apps[0].client_secret.expose(),
        "fake-outbound-secret"
    );
    // Tokens are not in snapshots; they stay.
    assert_eq!(h.app.store().outbound_tokens.len(), 1);
}

#[tokio::test]
async fn files_present_replace_their_sections_only() {
    let h = rich();
    h.post(
        "/v1/mgmt/project/snapshot/import",
        json!({"files": {"lists.json": {"lists": [{"id": "l2", "name": "words", "type": "texts", "data": ["a"]}]},
                         "project.json": {"name": "Renamed"}}}),
    )
    .await
    .ok();
    let lists = h.get("/v1/mgmt/list/all").await.body["lists"].clone();
    assert_eq!(lists.as_array().unwrap().len(), 1);
    assert_eq!(lists[0]["id"], "l2");
    assert_eq!(h.app.store().project_name, "Renamed");
    assert_eq!(h.app.store().users.len(), 2);
    // `excludes` leaves a section alone.
    let files = export(&h).await;
    h.post("/v1/mgmt/list/delete", json!({"id": "l2"}))
        .await
        .ok();
    h.post(
        "/v1/mgmt/project/snapshot/import",
        json!({"files": files, "excludes": ["lists"]}),
    )
    .await
    .ok();
    assert_eq!(h.get("/v1/mgmt/list/all").await.body, json!({"lists": []}));
    h.post(
        "/v1/mgmt/project/snapshot/import",
        json!({"files": {}, "excludes": ["nope"]}),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn validate_is_a_dry_run_that_lists_failures() {
    let h = rich();
    let files = export(&h).await;
    let ok = h
        .post(
            "/v1/mgmt/project/snapshot/validate",
            json!({"files": files}),
        )
        .await;
    assert_eq!(
        ok.body,
        json!({"ok": true, "failures": [],
               "missingSecrets": {"connectors": [], "oauthProviders": [], "outboundApps": []}})
    );
    let before = h.app.store().clone();
    for (bad, failure) in [
        (
            json!({"nope.json": {}}),
            "unknown snapshot file \"nope.json\"",
        ),
        (
            json!({"lists.json": {"list": []}}),
            "snapshot file \"lists.json\" must hold {\"lists\": …}",
        ),
        (
            json!({"lists.json": {"lists": [{"name": "x", "type": "texts", "size": 1}]}}),
            "invalid snapshot: unknown key \"lists[0].size\"",
        ),
        (
            json!({"project.json": {"version": 9}}),
            "project.json: snapshot version 9 is not supported (this emulator writes 1)",
        ),
        (
            json!({"users.json": {"users": [{"loginId": "a", "roleNames": ["x"], "customAttributes": {"tier": "platinum"}}]}}),
            "",
        ),
    ] {
        let a = h
            .post("/v1/mgmt/project/snapshot/validate", json!({"files": bad}))
            .await;
        a.ok();
        assert_eq!(a.body["ok"], false, "{bad}");
        if !failure.is_empty() {
            assert_eq!(a.body["failures"][0], failure, "{bad}");
        }
        let imp = h
            .post("/v1/mgmt/project/snapshot/import", json!({"files": bad}))
            .await;
        imp.err(400, "E011003");
    }
    assert!(
        *h.app.store() == before,
        "validate or a failed import changed the project"
    );

    // A new outbound app that had a client secret needs it in inputSecrets.
    let mut files = export(&h).await;
    files["outboundApps.json"]["outboundApps"][0]["id"] = json!("oa-new");
    files["outboundApps.json"]["outboundApps"][0]["name"] = json!("New Google");
    let a = h
        .post(
            "/v1/mgmt/project/snapshot/validate",
            json!({"files": files}),
        )
        .await;
    assert_eq!(a.body["ok"], false);
    assert_eq!(
        a.body["failures"],
        json!(["outbound application 'New Google' is missing a secret"])
    );
    assert_eq!(
        a.body["missingSecrets"]["outboundApps"],
        json!([{"id": "oa-new", "name": "New Google", "type": "clientSecret", "value": ""}])
    );
    let secrets = json!({"outboundApps": [{"id": "oa-new", "name": "New Google", "type": "clientSecret",
                                           "value": "fake-new-secret"}],
                         "connectors": [{"id": "c1", "name": "Mailer", "type": "bearertoken", "value": "x"}]});
    let a = h
        .post(
            "/v1/mgmt/project/snapshot/validate",
            json!({"files": files, "inputSecrets": secrets}),
        )
        .await;
    assert_eq!(a.body["ok"], true, "{}", a.text);
    h.post(
        "/v1/mgmt/project/snapshot/import",
        json!({"files": files, "inputSecrets": secrets}),
    )
    .await
    .ok();
    let secret = h
        .app
        .store()
        .outbound_apps
        .iter()
        .find(|a| a.id == "oa-new")
        .map(|a| a.client_secret.expose().to_string());
    assert_eq!(secret.as_deref(), Some("fake-new-secret"));
    // inputSecrets values never reach the request log.
    let log = h.admin("GET", "/emulator/requests", None).await.text;
    assert!(!log.contains("fake-new-secret"));
}

async fn call_as(
    h: &Harness,
    project: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> common::Answer {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(
            "authorization",
            format!("Bearer {project}:K2emulator-fake-management-key"),
        )
        .header("x-descope-project-id", project);
    let body = match body {
        Some(b) => {
            req = req.header("content-type", "application/json");
            Body::from(b.to_string())
        }
        None => Body::empty(),
    };
    h.send(req.body(body).unwrap()).await
}

#[tokio::test]
async fn a_clone_is_a_second_project() {
    let h = rich();
    let a = h
        .post(
            "/v1/mgmt/project/clone",
            json!({"name": "Acme staging", "environment": "production", "tags": ["stage"]}),
        )
        .await;
    a.ok();
    let id = a.body["projectId"].as_str().unwrap().to_string();
    assert!(id.starts_with("P2") && id.len() == 28, "{id}");
    assert_eq!(
        a.body,
        json!({"projectId": id, "projectName": "Acme staging", "environment": "production", "tags": ["stage"]})
    );
    let list = h.post("/v1/mgmt/projects/list", json!({})).await;
    assert_eq!(
        list.body["projects"],
        json!([
            {"id": "P2emulatorProject00000000001", "name": "Acme", "environment": "", "tags": ["eu"]},
            {"id": id, "name": "Acme staging", "environment": "production", "tags": ["stage"]}
        ])
    );
    // The clone has the configuration, not the users, tenants, keys or relations.
    let get = |path: &'static str| call_as(&h, &id, "GET", path, None);
    assert_eq!(
        get("/v1/mgmt/list/all").await.body["lists"][0]["name"],
        "blocked"
    );
    let roles = get("/v1/mgmt/role/all").await.body["roles"].clone();
    let names: Vec<&str> = roles
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"writer") && !names.contains(&"t-admin"),
        "{names:?}"
    );
    assert_eq!(
        get("/v1/mgmt/tenant/all").await.body,
        json!({"tenants": []})
    );
    call_as(
        &h,
        &id,
        "GET",
        "/v1/mgmt/user?loginId=ann@example.com",
        None,
    )
    .await
    .err(400, "E112102");
    assert_eq!(
        call_as(
            &h,
            &id,
            "POST",
            "/v1/mgmt/authz/schema/load",
            Some(json!({}))
        )
        .await
        .body["schema"]["name"],
        "docs"
    );
    assert!(h.app.store().clones[0].authz.relations.is_empty());
    assert_eq!(
        call_as(
            &h,
            &id,
            "GET",
            "/v1/mgmt/thirdparty/app/secret?id=ia1",
            None
        )
        .await
        .body,
        json!({"cleartext": "fake-inbound-secret"})
    );
    // Changes stay in their project.
    call_as(
        &h,
        &id,
        "POST",
        "/v1/mgmt/list/delete",
        Some(json!({"id": "l1"})),
    )
    .await
    .ok();
    assert_eq!(h.get("/v1/mgmt/list/l1").await.body["list"]["id"], "l1");
    call_as(
        &h,
        &id,
        "POST",
        "/v1/mgmt/project/update/name",
        Some(json!({"name": "Staging"})),
    )
    .await
    .ok();
    assert_eq!(h.app.store().project_name, "Acme");
    // Company-level entities are shared.
    h.call(
        "PUT",
        "/v1/mgmt/descoper",
        Some(json!({"descopers": [{"loginId": "ops"}]})),
    )
    .await
    .ok();
    assert_eq!(
        call_as(&h, &id, "POST", "/v1/mgmt/descoper/list", None)
            .await
            .body["total"],
        1
    );
    let listed = call_as(&h, &id, "POST", "/v1/mgmt/projects/list", Some(json!({}))).await;
    assert_eq!(listed.body["projects"][1]["name"], "Staging");
    // A clone of the clone joins the list.
    call_as(
        &h,
        &id,
        "POST",
        "/v1/mgmt/project/clone",
        Some(json!({"name": "Third"})),
    )
    .await
    .ok();
    assert_eq!(
        h.post("/v1/mgmt/projects/list", json!({})).await.body["projects"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // Deleting the clone removes it: its bearer no longer works.
    call_as(&h, &id, "POST", "/v1/mgmt/project/delete", Some(json!({})))
        .await
        .ok();
    call_as(&h, &id, "GET", "/v1/mgmt/list/all", None)
        .await
        .err(401, "E011005");
    assert_eq!(
        h.post("/v1/mgmt/projects/list", json!({})).await.body["projects"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Reset forgets clones.
    h.admin("POST", "/emulator/reset", None).await.ok();
    assert_eq!(
        h.post("/v1/mgmt/projects/list", json!({})).await.body["projects"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    for body in [
        json!({"name": "x", "environment": "staging"}),
        json!({"name": "x", "tags": [""]}),
    ] {
        h.post("/v1/mgmt/project/clone", body)
            .await
            .err(400, "E011003");
    }
    h.post("/v1/mgmt/project/clone", json!({}))
        .await
        .err(400, "E011002");
}

#[tokio::test]
async fn name_tags_and_delete() {
    let h = rich();
    h.post("/v1/mgmt/project/update/name", json!({"name": "New name"}))
        .await
        .ok();
    h.post(
        "/v1/mgmt/project/update/tags",
        json!({"tags": ["a", "b", "a"]}),
    )
    .await
    .ok();
    let p = h.post("/v1/mgmt/projects/list", json!({})).await.body["projects"][0].clone();
    assert_eq!(
        (p["name"].clone(), p["tags"].clone()),
        (json!("New name"), json!(["a", "b"]))
    );
    h.post("/v1/mgmt/project/update/tags", json!({"tags": []}))
        .await
        .ok();
    h.post("/v1/mgmt/project/update/name", json!({"name": ""}))
        .await
        .err(400, "E011002");
    h.post("/v1/mgmt/project/update/tags", json!({}))
        .await
        .err(400, "E011002");
    // Deleting the first project empties it (built-ins stay); reset undoes it.
    h.post("/v1/mgmt/project/delete", json!({})).await.ok();
    let roles = h.get("/v1/mgmt/role/all").await.body["roles"].clone();
    assert_eq!(roles.as_array().unwrap().len(), 1);
    assert_eq!(roles[0]["name"], "Tenant Admin");
    let perms = h.get("/v1/mgmt/permission/all").await.body["permissions"].clone();
    assert_eq!(perms.as_array().unwrap().len(), 3);
    assert_eq!(
        h.post("/v1/mgmt/jwt/templates/library/list", json!({}))
            .await
            .body["entries"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    h.admin("POST", "/emulator/reset", None).await.ok();
    assert_eq!(h.app.store().users.len(), 2);
}
