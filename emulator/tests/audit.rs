//! `management.audit`: every successful management change (users too) is recorded and can
//! be searched with the §11 filters; custom events; the audit webhook.

mod common;

use common::Harness;
use serde_json::{json, Value};

async fn search(h: &Harness, body: Value) -> Value {
    let a = h.post("/v1/mgmt/audit/search", body).await;
    a.ok();
    a.body.clone()
}

fn actions(v: &Value) -> Vec<String> {
    v["audits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn every_management_change_is_recorded() {
    let h = Harness::new();
    let user = h
        .create(json!({"loginId": "ann@x", "userTenants": [{"tenantId": "t-acme"}]}))
        .await;
    let uid = user["userId"].as_str().unwrap();
    h.post(
        "/v1/mgmt/user/update/name",
        json!({"loginId": "ann@x", "displayName": "Ann"}),
    )
    .await
    .ok();
    // Reads and failures leave no trace.
    h.load("ann@x").await;
    h.post("/v2/mgmt/user/search", json!({})).await.ok();
    h.post("/v1/mgmt/role/search", json!({})).await.ok();
    h.post("/v1/mgmt/user/update/name", json!({"loginId": "ghost"}))
        .await
        .err(400, "E112102");
    let t = h
        .post("/v1/mgmt/tenant/create", json!({"name": "Umbrella"}))
        .await;
    let tid = t.body["id"].as_str().unwrap().to_string();
    h.post(
        "/v1/mgmt/role/create",
        json!({"name": "ops", "tenantId": tid}),
    )
    .await
    .ok();
    let key = h
        .post(
            "/v1/mgmt/accesskey/create",
            json!({"name": "ci", "keyTenants": [{"tenantId": tid}]}),
        )
        .await;
    key.ok();
    h.post("/v1/mgmt/auth/signin", json!({"loginId": "ann@x"}))
        .await
        .ok();
    h.post("/v1/mgmt/user/delete", json!({"loginId": "ann@x"}))
        .await
        .ok();
    h.call(
        "DELETE",
        &format!("/v1/mgmt/sso/settings?tenantId={tid}"),
        None,
    )
    .await
    .ok();

    let all = search(&h, json!({"oldestFirst": true})).await;
    assert_eq!(
        actions(&all),
        [
            "mgmt.user.create",
            "mgmt.user.update.name",
            "mgmt.tenant.create",
            "mgmt.role.create",
            "mgmt.accesskey.create",
            "mgmt.auth.signin",
            "mgmt.user.delete",
            "mgmt.sso.settings.delete",
        ]
    );
    assert_eq!(all["total"], 8);
    let first = &all["audits"][0];
    assert_eq!(first["userId"], uid);
    assert_eq!(first["externalIds"], json!(["ann@x"]));
    assert_eq!(first["tenants"], json!(["t-acme"]));
    assert_eq!(first["type"], "info");
    assert_eq!(first["actorId"], "management-key");
    assert_eq!(first["projectId"], "P2emulatorProject00000000001");
    assert_eq!(
        first["data"],
        json!({"method": "POST", "path": "/v1/mgmt/user/create"})
    );
    assert!(first["occurred"].as_str().unwrap().parse::<i64>().unwrap() > 1_700_000_000_000);
    assert!(first["ID"].as_str().unwrap().starts_with("AU2"));
    // A deleted user's event still names them; a tenant's events name the tenant.
    assert_eq!(all["audits"][6]["userId"], uid);
    let by_tenant = search(&h, json!({"tenants": [tid], "oldestFirst": true})).await;
    assert_eq!(
        actions(&by_tenant),
        [
            "mgmt.tenant.create",
            "mgmt.role.create",
            "mgmt.accesskey.create",
            "mgmt.sso.settings.delete"
        ]
    );
    // Default order: newest first. The user's trail.
    let trail = search(&h, json!({"userIds": [uid]})).await;
    assert_eq!(
        actions(&trail),
        [
            "mgmt.user.delete",
            "mgmt.auth.signin",
            "mgmt.user.update.name",
            "mgmt.user.create"
        ]
    );
    // No secret reaches a record.
    let clear = key.body["cleartext"].as_str().unwrap();
    let view = h.admin("GET", "/emulator/audit", None).await;
    view.ok();
    assert_eq!(view.body["count"], 8);
    assert!(!view.text.contains(clear));
    // Reset clears the trail with the rest of the project.
    h.admin("POST", "/emulator/reset", None).await.ok();
    assert_eq!(search(&h, json!({})).await["total"], 0);
}

fn seeded() -> Harness {
    Harness::with_seed(json!({"audit": [
        {"action": "LoginSucceed", "userId": "U2ann", "occurred": 1_700_000_000_000_i64, "device": "Desktop", "method": "otp",
         "geo": "DE", "remoteAddress": "203.0.113.7", "externalIds": ["ann@x"], "tenants": ["t-acme"], "data": {"browser": "Firefox"}},
        {"action": "LoginFailed", "userId": "U2ann", "occurred": 1_700_000_005_000_i64, "device": "Mobile", "method": "password",
         "geo": "US", "remoteAddress": "198.51.100.1", "loginIds": ["ann@x"]},
        {"action": "LoginSucceed", "userId": "U2bob", "occurred": 1_700_000_010_000_i64, "device": "Desktop", "method": "saml",
         "geo": "US", "externalIds": ["bob@x"], "tenants": ["t-globex"], "actorId": "U2admin"}
    ]}))
}

#[tokio::test]
async fn search_filters() {
    let h = seeded();
    let n = |v: &Value| v["total"].as_u64().unwrap();
    assert_eq!(n(&search(&h, json!({})).await), 3);
    // node posts `{}` for search() and `externalIds` for its `loginIds`.
    assert_eq!(n(&search(&h, json!({"externalIds": ["ann@x"]})).await), 2);
    assert_eq!(n(&search(&h, json!({"userIds": ["U2bob"]})).await), 1);
    assert_eq!(
        n(&search(&h, json!({"actions": ["LoginSucceed"]})).await),
        2
    );
    assert_eq!(
        n(&search(&h, json!({"excludedActions": ["LoginSucceed"]})).await),
        1
    );
    assert_eq!(
        n(&search(&h, json!({"devices": ["Mobile", "Tablet"]})).await),
        1
    );
    assert_eq!(n(&search(&h, json!({"methods": ["otp", "saml"]})).await), 2);
    assert_eq!(n(&search(&h, json!({"geos": ["US"]})).await), 2);
    assert_eq!(
        n(&search(&h, json!({"remoteAddresses": ["203.0.113.7"]})).await),
        1
    );
    assert_eq!(n(&search(&h, json!({"tenants": ["t-acme"]})).await), 1);
    assert_eq!(
        n(&search(&h, json!({"tenants": ["t-acme"], "noTenants": true})).await),
        2
    );
    assert_eq!(n(&search(&h, json!({"text": "firefox"})).await), 1);
    assert_eq!(n(&search(&h, json!({"text": "BOB"})).await), 1);
    assert_eq!(n(&search(&h, json!({"actorIds": ["U2admin"]})).await), 1);
    assert_eq!(
        n(&search(&h, json!({"excludedExternalIds": ["ann@x"]})).await),
        1
    );
    assert_eq!(
        n(&search(&h, json!({"from": 1_700_000_005_000_i64})).await),
        2
    );
    assert_eq!(
        n(&search(&h, json!({"to": 1_700_000_005_000_i64})).await),
        2
    );
    assert_eq!(
        n(&search(
            &h,
            json!({"from": 1_700_000_001_000_i64, "to": 1_700_000_009_000_i64})
        )
        .await),
        1
    );
    // AND across keys.
    assert_eq!(
        n(&search(&h, json!({"geos": ["US"], "actions": ["LoginSucceed"]})).await),
        1
    );
    // Paging by size and page; total counts every match; newest first by default.
    let p = search(&h, json!({"size": 2, "page": 1})).await;
    assert_eq!(p["total"], 3);
    assert_eq!(p["audits"].as_array().unwrap().len(), 1);
    assert_eq!(p["audits"][0]["occurred"], "1700000000000");
    let p = search(&h, json!({"size": 1})).await;
    assert_eq!(p["audits"][0]["userId"], "U2bob");
    // The wire record: occurred a string, login IDs as externalIds.
    let r = &search(&h, json!({"userIds": ["U2bob"]})).await["audits"][0];
    for k in [
        "ID",
        "projectId",
        "userId",
        "action",
        "type",
        "actorId",
        "occurred",
        "device",
        "method",
        "geo",
        "remoteAddress",
        "externalIds",
        "tenants",
        "data",
    ] {
        assert!(r.get(k).is_some(), "{k}");
    }
    assert!(r.get("loginIds").is_none());
    // node's own spellings are not the wire's; limit is not the page-size key.
    for bad in [
        json!({"loginIds": ["ann@x"]}),
        json!({"limit": 10}),
        json!({"size": -1}),
    ] {
        assert_eq!(
            h.post("/v1/mgmt/audit/search", bad.clone()).await.status,
            400,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn custom_events_are_searchable() {
    let h = Harness::with_seed(json!({"users": [{"loginId": "ann@x", "userId": "U2ann"}]}));
    h.post(
        "/v1/mgmt/audit/event",
        json!({"userId": "U2ann", "action": "pencil.created", "type": "info", "actorId": "U2ann", "tenantId": "t-acme", "data": {"pencil": 1}}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/audit/event",
        json!({"action": "pencil.deleted", "type": "warn", "actorId": "svc", "tenantId": "t-acme"}),
    )
    .await
    .ok();
    let all = search(
        &h,
        json!({"actions": ["pencil.created", "pencil.deleted"], "oldestFirst": true}),
    )
    .await;
    assert_eq!(all["total"], 2, "createEvent records only its own event");
    let e = &all["audits"][0];
    assert_eq!(e["userId"], "U2ann");
    assert_eq!(e["externalIds"], json!(["ann@x"]));
    assert_eq!(e["tenants"], json!(["t-acme"]));
    assert_eq!(e["type"], "info");
    assert_eq!(e["actorId"], "U2ann");
    assert_eq!(e["data"], json!({"pencil": 1}));
    assert_eq!(all["audits"][1]["type"], "warn");
    for (bad, code) in [
        (
            json!({"action": "a", "type": "debug", "actorId": "x", "tenantId": "t-acme"}),
            "E011003",
        ),
        (
            json!({"action": "a", "type": "info", "actorId": "x", "tenantId": "nope"}),
            "E011003",
        ),
        (
            json!({"type": "info", "actorId": "x", "tenantId": "t-acme"}),
            "E011002",
        ),
        (
            json!({"action": "a", "type": "info", "tenantId": "t-acme"}),
            "E011002",
        ),
        (
            json!({"action": "a", "type": "info", "actorId": "x"}),
            "E011002",
        ),
    ] {
        h.post("/v1/mgmt/audit/event", bad).await.err(400, code);
    }
}

#[tokio::test]
async fn the_audit_webhook_is_stored_without_its_credentials() {
    let h = Harness::new();
    h.post(
        "/v2/mgmt/connector/audit/web/set",
        json!({"name": "siem", "description": "d", "url": "https://siem/hook",
               "authentication": {"bearerToken": "bearer-secret-123", "basic": {"username": "u", "password": "basic-secret-456"}},
               "hmacSecret": "hmac-secret-789", "headers": {"X-Api-Key": "header-secret-000"}, "insecure": false,
               "filters": [{"key": "actions", "operator": "includes", "values": ["LoginSucceed"]}]}),
    )
    .await
    .ok();
    // A single filter object (the OpenAPI's shape) and filterType (Go's key) work as well.
    h.post(
        "/v2/mgmt/connector/audit/web/set",
        json!({"name": "other", "filters": {"filterType": "tenants", "operator": "excludes", "values": ["t-acme"]}}),
    )
    .await
    .ok();
    let view = h.admin("GET", "/emulator/audit", None).await;
    let hooks = view.body["webhooks"].as_array().unwrap();
    assert_eq!(hooks.len(), 2);
    assert_eq!(hooks[0]["name"], "siem");
    assert_eq!(hooks[0]["authentication"], json!(["bearerToken", "basic"]));
    assert_eq!(hooks[0]["hmacSecret"], true);
    assert_eq!(hooks[0]["headers"], json!(["X-Api-Key"]));
    assert_eq!(
        hooks[0]["filters"],
        json!([{"filterType": "actions", "operator": "includes", "values": ["LoginSucceed"]}])
    );
    assert_eq!(hooks[1]["filters"][0]["filterType"], "tenants");
    let log = h.admin("GET", "/emulator/requests", None).await.text;
    for secret in ["bearer-secret-123", "basic-secret-456", "hmac-secret-789"] {
        assert!(!log.contains(secret), "{secret} in the log");
        assert!(!view.text.contains(secret), "{secret} in the admin view");
        assert!(!format!("{:?}", *h.app.store()).contains(secret));
    }
    assert!(!view.text.contains("header-secret-000"));
    // Setting it again by name replaces it.
    h.post("/v2/mgmt/connector/audit/web/set", json!({"name": "siem"}))
        .await
        .ok();
    let view = h.admin("GET", "/emulator/audit", None).await;
    assert_eq!(view.body["webhooks"].as_array().unwrap().len(), 2);
    for bad in [
        json!({"description": "no name"}),
        json!({"name": "x", "filters": [{"filterType": "users"}]}),
        json!({"name": "x", "authentication": {"oauth": {}}}),
    ] {
        assert_eq!(
            h.post("/v2/mgmt/connector/audit/web/set", bad.clone())
                .await
                .status,
            400,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn records_carry_the_client_address_over_tcp() {
    use descope_emulator::{server, Config, Emulator};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = Emulator::new(Config::default()).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server::serve(
        listener,
        app.router(),
        std::future::pending(),
    ));
    let body = r#"{"name":"Over TCP"}"#;
    let req = format!(
        "POST /v1/mgmt/tenant/create HTTP/1.1\r\nHost: x\r\nAuthorization: {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        common::AUTH,
        body.len()
    );
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    let store = app.store();
    let e = store.audit.last().unwrap();
    assert_eq!(e.action, "mgmt.tenant.create");
    assert_eq!(e.remote_address, "127.0.0.1");
}
