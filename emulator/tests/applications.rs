//! Inbound (third-party) applications — client ID and secret, update vs patch, unique names,
//! rotation, consents — and outbound applications with their token vault: what is uploaded
//! per user or tenant is what `fetchToken…` answers; secrets stay out of the request log.

mod common;

use common::Harness;
use serde_json::{json, Value};

fn seeded() -> Harness {
    Harness::with_seed(json!({
        "tenants": [{"id": "t1", "name": "One"}],
        "users": [{"loginId": "ann@example.com", "userId": "U2ann"}, {"loginId": "bob", "userId": "U2bob"}]
    }))
}

async fn create_inbound(h: &Harness, body: Value) -> Value {
    let a = h.post("/v1/mgmt/thirdparty/app/create", body).await;
    a.ok();
    a.body.clone()
}

#[tokio::test]
async fn inbound_apps_have_a_client_id_and_a_rotatable_secret() {
    let h = seeded();
    let c = create_inbound(
        &h,
        json!({"name": "Partner", "description": "d", "loginPageUrl": "https://login",
               "approvedCallbackUrls": ["https://cb"],
               "permissionsScopes": [{"name": "read", "description": "Read", "values": ["r"]}],
               "attributesScopes": [{"name": "email", "description": "Email", "optional": true}]}),
    )
    .await;
    let id = c["id"].as_str().unwrap().to_string();
    let secret = c["cleartext"].as_str().unwrap().to_string();
    assert!(id.starts_with("TPA2"), "{c}");
    assert!(!c["clientId"].as_str().unwrap().is_empty());
    // Load is flat and never has the secret.
    let a = h
        .get(&format!("/v1/mgmt/thirdparty/app/load?id={id}"))
        .await;
    a.ok();
    assert_eq!(a.body["id"], id.as_str());
    assert_eq!(a.body["clientId"], c["clientId"]);
    assert_eq!(
        a.body["permissionsScopes"],
        json!([{"name": "read", "description": "Read", "values": ["r"], "optional": false}])
    );
    assert!(!a.text.contains(&secret));
    let s = h
        .get(&format!("/v1/mgmt/thirdparty/app/secret?id={id}"))
        .await;
    assert_eq!(s.body, json!({"cleartext": secret}));
    let r = h
        .post("/v1/mgmt/thirdparty/app/rotate", json!({"id": id}))
        .await;
    r.ok();
    let rotated = r.body["cleartext"].as_str().unwrap().to_string();
    assert_ne!(rotated, secret);
    let verify = |x: &str| {
        h.admin(
            "POST",
            "/emulator/secrets/verify",
            Some(json!({"secret": x})),
        )
    };
    assert_eq!(verify(&secret).await.body["valid"], false);
    assert_eq!(verify(&rotated).await.body["kind"], "inboundApp");
    let dump = format!("{:?}", *h.app.store());
    assert!(!dump.contains(&rotated), "the store's Debug shows a secret");
    let log = h.admin("GET", "/emulator/requests", None).await.text;
    assert!(!log.contains(&rotated) && !log.contains(&secret));

    // Names are unique; scopes are checked.
    for (body, code) in [
        (json!({"name": "Partner"}), "E011003"),
        (json!({"description": "no name"}), "E011002"),
        (json!({"name": "x", "loginPageUrl": "ftp://x"}), "E011003"),
        (
            json!({"name": "x", "permissionsScopes": [{"name": "a"}, {"name": "a"}]}),
            "E011003",
        ),
        (
            json!({"name": "x", "permissionsScopes": [{"description": "no name"}]}),
            "E011002",
        ),
    ] {
        h.post("/v1/mgmt/thirdparty/app/create", body)
            .await
            .err(400, code);
    }
}

#[tokio::test]
async fn inbound_update_overwrites_and_patch_keeps() {
    let h = seeded();
    let id = create_inbound(
        &h,
        json!({"name": "Partner", "description": "d", "logo": "https://logo",
               "permissionsScopes": [{"name": "read", "description": "Read"}], "forcePkce": true}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/v1/mgmt/thirdparty/app/load?id={id}");
    let load = || h.get(&path);
    h.post(
        "/v1/mgmt/thirdparty/app/patch",
        json!({"id": id, "description": "patched"}),
    )
    .await
    .ok();
    let a = load().await.body;
    assert_eq!(
        (a["description"].clone(), a["logo"].clone()),
        (json!("patched"), json!("https://logo"))
    );
    assert_eq!(a["forcePkce"], true);
    h.post(
        "/v1/mgmt/thirdparty/app/update",
        json!({"id": id, "name": "Partner 2", "permissionsScopes": []}),
    )
    .await
    .ok();
    let a = load().await.body;
    assert_eq!(a["name"], "Partner 2");
    assert_eq!(
        (a["description"].clone(), a["logo"].clone()),
        (json!(""), json!(""))
    );
    assert!(a.get("forcePkce").is_none());
    for (path, body, code) in [
        (
            "/v1/mgmt/thirdparty/app/update",
            json!({"id": id}),
            "E011002",
        ),
        (
            "/v1/mgmt/thirdparty/app/patch",
            json!({"id": id, "name": ""}),
            "E011002",
        ),
        (
            "/v1/mgmt/thirdparty/app/patch",
            json!({"description": "x"}),
            "E011002",
        ),
        (
            "/v1/mgmt/thirdparty/app/patch",
            json!({"id": "TPA2nope"}),
            "E011003",
        ),
    ] {
        h.post(path, body).await.err(400, code);
    }
    let other = create_inbound(&h, json!({"name": "Other"})).await;
    h.post(
        "/v1/mgmt/thirdparty/app/patch",
        json!({"id": other["id"], "name": "Partner 2"}),
    )
    .await
    .err(400, "E011003");
    // Batch delete: every ID must exist.
    h.post(
        "/v1/mgmt/thirdparty/app/delete/batch",
        json!({"ids": [id, "TPA2nope"]}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/thirdparty/app/delete/batch",
        json!({"ids": [id, other["id"]]}),
    )
    .await
    .ok();
    assert_eq!(
        h.get("/v1/mgmt/thirdparty/apps/load").await.body,
        json!({"apps": []})
    );
}

#[tokio::test]
async fn consents_are_searched_and_deleted_by_kind() {
    let h = Harness::with_seed(json!({
        "tenants": [{"id": "t1", "name": "One"}],
        "users": [{"loginId": "ann", "userId": "U2ann"}, {"loginId": "bob", "userId": "U2bob"}],
        "inboundApps": [{"id": "app1", "name": "One"}, {"id": "app2", "name": "Two"}],
        "inboundConsents": [
            {"id": "c1", "appId": "app1", "userId": "ann", "scopes": ["read"]},
            {"id": "c2", "appId": "app1", "userId": "U2bob", "scopes": ["read", "write"]},
            {"id": "c3", "appId": "app2", "userId": "U2ann"},
            {"id": "c4", "appId": "app1", "tenantId": "t1", "scopes": ["read"]}
        ]
    }));
    let search = |body: Value| h.post("/v1/mgmt/thirdparty/consents/search", body);
    let ids = |v: &Value| -> Vec<String> {
        v["consents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let all = search(json!({})).await;
    assert_eq!(all.body["total"], 4);
    assert_eq!(all.body["consents"][0]["userId"], "U2ann");
    assert_eq!(
        ids(&search(json!({"appId": "app1"})).await.body),
        ["c1", "c2", "c4"]
    );
    assert_eq!(
        ids(&search(json!({"appId": "app1", "userId": "U2ann"}))
            .await
            .body),
        ["c1"]
    );
    let paged = search(json!({"limit": 2, "page": 1})).await.body;
    assert_eq!(
        (ids(&paged), paged["total"].clone()),
        (vec!["c3".into(), "c4".into()], json!(4))
    );

    // User-level deletion leaves tenant consents alone, and the reverse.
    h.post(
        "/v1/mgmt/thirdparty/consents/delete",
        json!({"appId": "app1"}),
    )
    .await
    .ok();
    assert_eq!(ids(&search(json!({})).await.body), ["c3", "c4"]);
    h.post(
        "/v1/mgmt/thirdparty/consents/delete/tenant",
        json!({"tenantId": "t1"}),
    )
    .await
    .ok();
    assert_eq!(ids(&search(json!({})).await.body), ["c3"]);
    for path in [
        "/v1/mgmt/thirdparty/consents/delete",
        "/v1/mgmt/thirdparty/consents/delete/tenant",
    ] {
        h.post(path, json!({})).await.err(400, "E011002");
    }
    // Deleting an app deletes its consents.
    h.post("/v1/mgmt/thirdparty/app/delete", json!({"id": "app2"}))
        .await
        .ok();
    assert_eq!(search(json!({})).await.body["total"], 0);
}

fn vault() -> Harness {
    Harness::with_seed(json!({
        "tenants": [{"id": "t1", "name": "One"}],
        "users": [{"loginId": "ann@example.com", "userId": "U2ann"}, {"loginId": "bob", "userId": "U2bob"}],
        "outboundApps": [{"id": "gcal", "name": "Google Calendar", "clientSecret": "fake-client-secret"}]
    }))
}

#[tokio::test]
async fn outbound_apps_crud_and_templates() {
    let h = vault();
    let a = h
        .post(
            "/v1/mgmt/outbound/app/create",
            json!({"name": "Slack", "clientId": "cid", "clientSecret": "fake-slack-secret",
                   "authorizationUrlParams": [{"key": "k", "value": "v"}],
                   "accessType": "offline", "prompt": ["consent"], "pkce": true}),
        )
        .await;
    a.ok();
    let app = a.body["app"].clone();
    let id = app["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("OA2"), "{app}");
    assert!(!a.text.contains("fake-slack-secret"));
    for k in [
        "description",
        "logo",
        "discoveryUrl",
        "authorizationUrl",
        "tokenUrl",
        "tokenUrlParams",
        "revocationUrl",
        "defaultScopes",
        "defaultRedirectUrl",
        "callbackDomain",
        "useDcr",
        "dcrUrl",
    ] {
        assert!(app.get(k).is_some(), "{k}");
    }
    let loaded = h.get(&format!("/v1/mgmt/outbound/app/{id}")).await;
    assert_eq!(loaded.body["app"], app);
    // Update is wrapped and overwrites; the secret stays unless sent.
    let a = h
        .post(
            "/v1/mgmt/outbound/app/update",
            json!({"app": {"id": id, "name": "Slack 2"}}),
        )
        .await;
    a.ok();
    assert_eq!(a.body["app"]["clientId"], "");
    assert_eq!(a.body["app"]["pkce"], false);
    assert_eq!(
        h.app.store().outbound_apps[1].client_secret.expose(),
        "fake-slack-secret"
    );
    for (path, body, code) in [
        (
            "/v1/mgmt/outbound/app/create",
            json!({"name": "Google Calendar"}),
            "E011003",
        ),
        (
            "/v1/mgmt/outbound/app/create",
            json!({"name": "x", "accessType": "sometimes"}),
            "E011003",
        ),
        (
            "/v1/mgmt/outbound/app/create",
            json!({"name": "x", "prompt": ["maybe"]}),
            "E011003",
        ),
        (
            "/v1/mgmt/outbound/app/create",
            json!({"name": "x", "tokenUrl": "token"}),
            "E011003",
        ),
        (
            "/v1/mgmt/outbound/app/create",
            json!({"clientId": "x"}),
            "E011002",
        ),
        (
            "/v1/mgmt/outbound/app/update",
            json!({"id": id, "name": "x"}),
            "E011001",
        ),
        (
            "/v1/mgmt/outbound/app/update",
            json!({"app": {"name": "x"}}),
            "E011002",
        ),
    ] {
        h.post(path, body).await.err(400, code);
    }
    // From a template, with overrides.
    let a = h
        .post(
            "/v1/mgmt/outbound/app/create/bytemplate",
            json!({"templateId": "google", "id": "g2", "clientId": "gid", "tenantId": "t1",
                   "overrides": {"name": "My Google", "defaultScopes": ["s1"]}}),
        )
        .await;
    a.ok();
    let g = &a.body["app"];
    assert_eq!(
        (g["id"].clone(), g["name"].clone()),
        (json!("g2"), json!("My Google"))
    );
    assert_eq!(g["tokenUrl"], "https://oauth2.googleapis.com/token");
    assert_eq!(g["defaultScopes"], json!(["s1"]));
    assert_eq!(g["tenantId"], "t1");
    for body in [
        json!({"templateId": "nope"}),
        json!({"templateId": "google", "overrides": {"id": "x"}}),
        json!({"templateId": "google", "tenantId": "t9", "overrides": {"name": "n"}}),
    ] {
        h.post("/v1/mgmt/outbound/app/create/bytemplate", body)
            .await
            .err(400, "E011003");
    }
    let all = h.get("/v1/mgmt/outbound/apps").await;
    assert_eq!(all.body["apps"].as_array().unwrap().len(), 3);
    h.post("/v1/mgmt/outbound/app/delete", json!({"id": id}))
        .await
        .ok();
    h.get(&format!("/v1/mgmt/outbound/app/{id}"))
        .await
        .err(400, "E011003");
}

#[tokio::test]
async fn uploaded_tokens_are_what_fetch_answers() {
    let h = vault();
    h.post(
        "/v1/mgmt/outbound/app/user/oauthtoken/upload",
        json!({"appId": "gcal", "userId": "ann@example.com", "accessToken": "fake-at-1",
               "refreshToken": "fake-rt-1", "accessTokenExpiry": 4_000_000_000u64,
               "scopes": ["calendar.read", "calendar.write"], "verifyRefresh": true}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/outbound/app/tenant/oauthtoken/upload",
        json!({"appId": "gcal", "tenantId": "t1", "accessToken": "fake-tenant-at"}),
    )
    .await
    .ok();
    let fetch = |path: &'static str, body: Value| h.post(path, body);
    let t = fetch(
        "/v1/mgmt/outbound/app/user/token/latest",
        json!({"appId": "gcal", "userId": "U2ann"}),
    )
    .await;
    t.ok();
    let tok = &t.body["token"];
    assert_eq!(tok["accessToken"], "fake-at-1");
    assert_eq!(tok["userId"], "U2ann");
    assert_eq!(tok["hasRefreshToken"], true);
    // The refresh token only on `withRefreshToken`.
    assert_eq!(tok["refreshToken"], "");
    let t = fetch(
        "/v1/mgmt/outbound/app/user/token",
        json!({"appId": "gcal", "userId": "U2ann", "scopes": ["calendar.read"],
               "options": {"withRefreshToken": true}}),
    )
    .await;
    assert_eq!(t.body["token"]["refreshToken"], "fake-rt-1");
    // A scope the token does not hold, another tenant, another user: no token.
    for (path, body) in [
        (
            "/v1/mgmt/outbound/app/user/token",
            json!({"appId": "gcal", "userId": "U2ann", "scopes": ["mail"]}),
        ),
        (
            "/v1/mgmt/outbound/app/user/token/latest",
            json!({"appId": "gcal", "userId": "U2ann", "tenantId": "t1"}),
        ),
        (
            "/v1/mgmt/outbound/app/user/token/latest",
            json!({"appId": "gcal", "userId": "U2bob"}),
        ),
    ] {
        let a = fetch(path, body).await;
        a.err(400, "E011003");
        assert_eq!(a.description(), "Outbound token not found");
    }
    fetch(
        "/v1/mgmt/outbound/app/user/token/latest",
        json!({"appId": "gcal", "userId": "nobody"}),
    )
    .await
    .err(400, "E112102");
    // forceRefresh mints a new access token (needs a refresh token).
    let t = fetch(
        "/v1/mgmt/outbound/app/user/token/latest",
        json!({"appId": "gcal", "userId": "U2ann", "options": {"forceRefresh": true}}),
    )
    .await;
    let fresh = t.body["token"]["accessToken"].as_str().unwrap().to_string();
    assert_ne!(fresh, "fake-at-1");
    let t = fetch(
        "/v1/mgmt/outbound/app/tenant/token/latest",
        json!({"appId": "gcal", "tenantId": "t1"}),
    )
    .await;
    assert_eq!(t.body["token"]["accessToken"], "fake-tenant-at");
    assert_eq!(t.body["token"]["userId"], "");
    fetch(
        "/v1/mgmt/outbound/app/tenant/token/latest",
        json!({"appId": "gcal", "tenantId": "t1", "options": {"forceRefresh": true}}),
    )
    .await
    .err(400, "E011003");
    fetch(
        "/v1/mgmt/outbound/app/tenant/token",
        json!({"appId": "gcal", "tenantId": "t1", "scopes": []}),
    )
    .await
    .ok();

    // API keys are answered as the access token.
    h.post(
        "/v1/mgmt/outbound/app/user/apikey/upload",
        json!({"appId": "gcal", "userId": "U2bob", "apiKey": "fake-api-key"}),
    )
    .await
    .ok();
    let t = fetch(
        "/v1/mgmt/outbound/app/user/token/latest",
        json!({"appId": "gcal", "userId": "bob"}),
    )
    .await;
    assert_eq!(t.body["token"]["accessToken"], "fake-api-key");
    let apps = h
        .get("/v1/mgmt/outbound/apps-with-user-token?userId=U2bob")
        .await;
    assert_eq!(apps.body, json!({"appIds": ["gcal"]}));
    let apps = h
        .get("/v1/mgmt/outbound/apps-with-user-token?userId=U2bob&tenantId=t1")
        .await;
    assert_eq!(apps.body, json!({"appIds": []}));

    // Upload rules.
    for (path, body, code) in [
        (
            "/v1/mgmt/outbound/app/user/oauthtoken/upload",
            json!({"appId": "gcal", "userId": "U2ann"}),
            "E011002",
        ),
        (
            "/v1/mgmt/outbound/app/user/oauthtoken/upload",
            json!({"appId": "nope", "userId": "U2ann", "accessToken": "a"}),
            "E011003",
        ),
        (
            "/v1/mgmt/outbound/app/user/oauthtoken/upload",
            json!({"appId": "gcal", "userId": "ghost", "accessToken": "a"}),
            "E112102",
        ),
        (
            "/v1/mgmt/outbound/app/user/oauthtoken/upload",
            json!({"appId": "gcal", "userId": "U2ann", "accessToken": "a", "verifyRefresh": true}),
            "E011003",
        ),
        (
            "/v1/mgmt/outbound/app/tenant/oauthtoken/upload",
            json!({"appId": "gcal", "tenantId": "t9", "accessToken": "a"}),
            "E011003",
        ),
        (
            "/v1/mgmt/outbound/app/tenant/apikey/upload",
            json!({"appId": "gcal", "tenantId": "t1"}),
            "E011002",
        ),
    ] {
        h.post(path, body).await.err(400, code);
    }

    // Secrets of uploads never reach the request log.
    let log = h.admin("GET", "/emulator/requests", None).await.text;
    for s in [
        "fake-at-1",
        "fake-rt-1",
        "fake-tenant-at",
        "fake-api-key",
        "fake-slack-secret",
    ] {
        assert!(!log.contains(s), "{s} in the log");
    }
    assert!(log.contains("\"apiKey\":\"[redacted]\""), "{log}");
    assert!(!format!("{:?}", *h.app.store()).contains("fake-at-1"));
}

#[tokio::test]
async fn batch_uploads_are_all_or_nothing_and_deletes_select() {
    let h = vault();
    let a = h
        .post(
            "/v1/mgmt/outbound/app/user/oauthtoken/batch/upload",
            json!({"tokens": [
                {"appId": "gcal", "userId": "U2ann", "refreshToken": "rt"},
                {"appId": "gcal", "userId": "ghost", "accessToken": "at"},
                {"appId": "nope", "userId": "U2bob", "accessToken": "at", "tenantId": "t1"}
            ]}),
        )
        .await;
    a.ok();
    assert_eq!(
        a.body["failures"],
        json!([
            {"appId": "gcal", "userId": "ghost", "errorCode": "E112102", "reason": "User not found"},
            {"appId": "nope", "userId": "U2bob", "tenantId": "t1", "errorCode": "E011003",
             "reason": "Outbound application not found"}
        ])
    );
    assert!(h.app.store().outbound_tokens.is_empty());
    let a = h
        .post(
            "/v1/mgmt/outbound/app/user/oauthtoken/batch/upload",
            json!({"tokens": [
                {"appId": "gcal", "userId": "U2ann", "refreshToken": "rt"},
                {"appId": "gcal", "userId": "U2bob", "accessToken": "at", "tenantId": "t1"}
            ]}),
        )
        .await;
    assert_eq!(a.body, json!({"failures": []}));
    let a = h
        .post(
            "/v1/mgmt/outbound/app/tenant/oauthtoken/batch/upload",
            json!({"tokens": [{"appId": "gcal", "tenantId": "t1", "accessToken": "at",
                               "externalIdentifier": "ext", "grantedBy": "admin"}]}),
        )
        .await;
    assert_eq!(a.body, json!({"failures": []}));
    assert_eq!(h.app.store().outbound_tokens.len(), 3);
    // A malformed entry refuses the whole request.
    h.post(
        "/v1/mgmt/outbound/app/user/oauthtoken/batch/upload",
        json!({"tokens": [{"appId": "gcal"}]}),
    )
    .await
    .err(400, "E011002");

    // deleteUserTokens: needs a filter; node's literal `undefined` matches nobody.
    h.call("DELETE", "/v1/mgmt/outbound/user/tokens", None)
        .await
        .err(400, "E011002");
    h.call(
        "DELETE",
        "/v1/mgmt/outbound/user/tokens?appId=gcal&userId=undefined",
        None,
    )
    .await
    .ok();
    assert_eq!(h.app.store().outbound_tokens.len(), 3);
    h.call("DELETE", "/v1/mgmt/outbound/user/tokens?userId=U2ann", None)
        .await
        .ok();
    let left: Vec<String> = h
        .app
        .store()
        .outbound_tokens
        .iter()
        .map(|t| format!("{}/{}", t.user_id, t.tenant_id))
        .collect();
    assert_eq!(left, ["U2bob/t1", "/t1"]);
    let id = h.app.store().outbound_tokens[0].id.clone();
    h.call("DELETE", &format!("/v1/mgmt/outbound/token?id={id}"), None)
        .await
        .ok();
    h.call("DELETE", &format!("/v1/mgmt/outbound/token?id={id}"), None)
        .await
        .err(400, "E011003");
    // Deleting the app deletes its tokens.
    h.post("/v1/mgmt/outbound/app/delete", json!({"id": "gcal"}))
        .await
        .ok();
    assert!(h.app.store().outbound_tokens.is_empty());
}
