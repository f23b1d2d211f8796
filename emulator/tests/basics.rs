//! Phase 1: bearer, CORS, strict parsing, create/load/single-field updates, admin, seeding.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::{ann, Harness, AUTH};
use descope_emulator::{seed, Config, Emulator};
use serde_json::{json, Value};

const USER_KEYS: &[&str] = &[
    "userId",
    "loginIds",
    "name",
    "givenName",
    "middleName",
    "familyName",
    "email",
    "phone",
    "verifiedEmail",
    "verifiedPhone",
    "roleNames",
    "userTenants",
    "status",
    "picture",
    "test",
    "customAttributes",
    "createdTime",
    "TOTP",
    "SAML",
    "SCIM",
    "OIDC",
    "OAuth",
    "webauthn",
    "password",
    "ssoAppIds",
    "externalIds",
    "editable",
    "permissions",
    "push",
];

fn cors_ok(a: &common::Answer) {
    assert_eq!(a.headers["access-control-allow-origin"], "*");
    assert_eq!(
        a.headers["access-control-allow-methods"],
        "GET, POST, PUT, PATCH, DELETE, OPTIONS"
    );
    let allowed = a.headers["access-control-allow-headers"].to_str().unwrap();
    assert!(allowed.contains("authorization"), "{allowed}");
    assert_eq!(a.headers["access-control-expose-headers"], "Retry-After");
    assert_eq!(a.headers["cross-origin-resource-policy"], "cross-origin");
}

#[tokio::test]
async fn bearer_is_required_and_checked() {
    let h = Harness::new();
    let body = json!({"loginId": "a"}).to_string();
    let req = |auth: Option<&str>, project: Option<&str>| {
        let mut r = Request::builder()
            .method("POST")
            .uri("/v1/mgmt/user/create");
        if let Some(a) = auth {
            r = r.header("authorization", a);
        }
        if let Some(p) = project {
            r = r.header("x-descope-project-id", p);
        }
        r.body(Body::from(body.clone())).unwrap()
    };
    let a = h.send(req(None, None)).await;
    a.err(401, "E011005");
    cors_ok(&a);
    h.send(req(Some("Bearer P2emulatorProject00000000001:wrong"), None))
        .await
        .err(401, "E011005");
    h.send(req(
        Some("P2emulatorProject00000000001:K2emulator-fake-management-key"),
        None,
    ))
    .await
    .err(401, "E011005");
    h.send(req(Some("Bearer P2emulatorProject00000000001"), None))
        .await
        .err(401, "E011005");
    h.send(req(Some(AUTH), Some("P2other")))
        .await
        .err(401, "E011005");
    h.send(req(Some(AUTH), None)).await.ok();
    h.send(req(Some(AUTH), Some("P2emulatorProject00000000001")))
        .await
        .err(400, "E062107");
    // Nothing was created by the rejected calls.
    assert_eq!(h.app.store().users.len(), 1);
}

#[tokio::test]
async fn key_never_appears_in_answers_or_log() {
    let h = Harness::new();
    h.create(ann()).await;
    let bad = Request::builder()
        .method("GET")
        .uri("/v1/mgmt/user?loginId=x")
        .header(
            "authorization",
            "Bearer P2emulatorProject00000000001:K2guess",
        )
        .body(Body::empty())
        .unwrap();
    let a = h.send(bad).await;
    assert!(!a.text.contains("K2guess"));
    let log = h.admin("GET", "/emulator/requests", None).await;
    assert!(
        !log.text.contains("K2emulator-fake-management-key"),
        "{}",
        log.text
    );
    assert!(!log.text.contains("K2guess"));
    assert!(!log.text.to_lowercase().contains("authorization"));
}

#[tokio::test]
async fn cors_on_api_paths_and_preflight_without_auth() {
    let h = Harness::new();
    let pre = Request::builder()
        .method("OPTIONS")
        .uri("/v1/mgmt/user/update/picture")
        .header("origin", "http://localhost:8000")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type,x-descope-sdk-name",
        )
        .body(Body::empty())
        .unwrap();
    let a = h.send(pre).await;
    assert_eq!(a.status, 204);
    cors_ok(&a);
    assert_eq!(
        a.headers["access-control-allow-headers"],
        "authorization,content-type,x-descope-sdk-name"
    );
    // API errors carry the headers too; other paths and the admin endpoints do not.
    cors_ok(&h.get("/v1/mgmt/user?loginId=ghost").await);
    let a = h.admin("GET", "/nope", None).await;
    assert!(!a.headers.contains_key("access-control-allow-origin"));
    let a = h.admin("GET", "/emulator/health", None).await;
    assert!(!a.headers.contains_key("access-control-allow-origin"));
    // Preflights and admin calls are not logged; /nope and the load are.
    let methods: Vec<Value> = h
        .app
        .requests()
        .iter()
        .map(|r| r["method"].clone())
        .collect();
    assert_eq!(methods, [json!("GET"), json!("GET")]);
}

#[tokio::test]
async fn unknown_paths_and_methods() {
    let h = Harness::new();
    let a = h.admin("GET", "/nope", None).await;
    a.err(404, "E011404");
    assert!(a.description().contains("/nope"));
    h.post("/v1/mgmt/user/nope", json!({}))
        .await
        .err(404, "E011404");
    // The bearer is checked before routing on /v1 and /v2.
    h.admin("POST", "/v1/mgmt/user/nope", Some(json!({})))
        .await
        .err(401, "E011005");
    h.call("GET", "/v1/mgmt/user/create", None)
        .await
        .err(405, "E011405");
    h.admin("PUT", "/emulator/reset", None)
        .await
        .err(405, "E011405");
    h.admin("GET", "/emulator/nope", None)
        .await
        .err(404, "E011404");
}

#[tokio::test]
async fn strict_parsing_names_the_key() {
    let h = Harness::new();
    let cases = [
        (json!({"login_id": "a"}), "unknown key \"login_id\""),
        (
            json!({"loginId": "a", "roles": ["admin"]}),
            "unknown key \"roles\"",
        ),
        (json!({"email": "a@b.c"}), "\"loginId\" is required"),
        (json!({"loginId": ""}), "\"loginId\" is required"),
        (json!({"loginId": 5}), "\"loginId\" must be a string"),
        (
            json!({"loginId": "a", "picture": 1}),
            "\"picture\" must be a string",
        ),
        (
            json!({"loginId": "a", "verifiedEmail": "yes"}),
            "\"verifiedEmail\" must be a boolean",
        ),
        (
            json!({"loginId": "a", "roleNames": "admin"}),
            "\"roleNames\" must be an array of strings",
        ),
        (
            json!({"loginId": "a", "userTenants": [{"tenantID": "t-acme"}]}),
            "unknown key \"userTenants[0].tenantID\"",
        ),
        (
            json!({"loginId": "a", "userTenants": [{"roleNames": []}]}),
            "\"userTenants[0].tenantId\" is required",
        ),
        (
            json!({"loginId": "a", "customAttributes": []}),
            "\"customAttributes\" must be an object",
        ),
        (
            json!({"loginId": "a", "templateOptions": {"k": 1}}),
            "\"templateOptions.k\" must be a string",
        ),
        (
            json!({"loginId": "a", "status": "active"}),
            "\"status\" must be one of enabled, disabled, invited, not \"active\"",
        ),
    ];
    for (body, want) in cases {
        let a = h.post("/v1/mgmt/user/create", body.clone()).await;
        a.err(400, "E011003");
        assert_eq!(a.description(), want, "{body}");
    }
    let bad = h.send(
        Request::builder()
            .method("POST")
            .uri("/v1/mgmt/user/create")
            .header("authorization", AUTH)
            .body(Body::from("{\"loginId\": "))
            .unwrap(),
    );
    bad.await.err(400, "E011001");
    let arr = h.post("/v1/mgmt/user/create", json!(["a"])).await;
    arr.err(400, "E011003");
    let empty = h.call("POST", "/v1/mgmt/user/update/picture", None).await;
    empty.err(400, "E011001");
    assert!(h.app.store().users.is_empty());
}

#[tokio::test]
async fn aliases_of_the_reference_are_accepted() {
    let h = Harness::new();
    let u = h
        .create(
            json!({"identifier": "x@y.z", "name": "X", "additionalIdentifiers": ["x2"],
                       "ssoAppIDs": ["app1"]}),
        )
        .await;
    assert_eq!(u["name"], "X");
    assert_eq!(u["loginIds"], json!(["x@y.z", "x2"]));
    assert_eq!(u["ssoAppIds"], json!(["app1"]));
    // Go/Python send zero values and nulls for unset fields.
    let g = h
        .create(
            json!({"loginId": "go", "email": "", "phone": null, "displayName": null,
                       "userTenants": [], "invite": false, "test": false, "roleNames": []}),
        )
        .await;
    assert_eq!(g["status"], "enabled");
    let a = h
        .post(
            "/v1/mgmt/user/create",
            json!({"loginId": "a", "identifier": "b"}),
        )
        .await;
    a.err(400, "E011003");
}

#[tokio::test]
async fn create_renders_every_key() {
    let h = Harness::new();
    let body = json!({
        "loginId": "ann@example.com", "email": "ann@example.com", "phone": "+15550001",
        "displayName": "Ann Lee", "givenName": "Ann", "middleName": "Q", "familyName": "Lee",
        "roleNames": ["admin"], "userTenants": [{"tenantId": "t-acme", "roleNames": ["viewer"]}],
        "customAttributes": {"seats": 5, "plan": "pro", "beta": true, "teams": ["a", "b"], "nickname": "annie"},
        "picture": "https://pic", "verifiedEmail": true, "verifiedPhone": false,
        "additionalLoginIds": ["ann2"], "templateId": "tpl"
    });
    let u = h.create(body).await;
    let obj = u.as_object().unwrap();
    for k in USER_KEYS {
        assert!(obj.contains_key(*k), "missing {k}");
    }
    let id = u["userId"].as_str().unwrap();
    assert_eq!(id.len(), 28);
    assert!(id.starts_with("U2"));
    assert_eq!(u["loginIds"], json!(["ann@example.com", "ann2"]));
    assert_eq!(u["name"], "Ann Lee");
    assert_eq!(u["middleName"], "Q");
    assert_eq!(u["status"], "enabled");
    assert_eq!(u["test"], false);
    assert_eq!(u["verifiedEmail"], true);
    assert_eq!(u["roleNames"], json!(["admin"]));
    assert_eq!(
        u["userTenants"],
        json!([{"tenantId": "t-acme", "tenantName": "Acme", "roleNames": ["viewer"], "permissions": ["users.read"]}])
    );
    assert_eq!(u["customAttributes"]["teams"], json!(["a", "b"]));
    assert_eq!(u["OAuth"], json!({}));
    assert!(u["createdTime"].as_i64().unwrap() > 1_700_000_000);
    assert!(
        u["createdTime"].as_i64().unwrap() < 100_000_000_000,
        "seconds, not ms"
    );
    // A bare user has empty defaults, not missing keys.
    let bare = h.create(json!({"loginId": "bare"})).await;
    assert_eq!(bare["email"], "");
    assert_eq!(bare["roleNames"], json!([]));
    assert_eq!(bare["customAttributes"], json!({}));
    assert_eq!(
        bare.as_object().unwrap().len(),
        u.as_object().unwrap().len()
    );
}

#[tokio::test]
async fn create_checks_duplicates_and_references() {
    let h = Harness::new();
    h.create(ann()).await;
    let dup = h.post("/v1/mgmt/user/create", ann()).await;
    dup.err(400, "E062107");
    // An additional login ID may not be another user's login ID either.
    h.post(
        "/v1/mgmt/user/create",
        json!({"loginId": "new", "additionalLoginIds": ["ann@example.com"]}),
    )
    .await
    .err(400, "E062107");
    let role = h
        .post(
            "/v1/mgmt/user/create",
            json!({"loginId": "b", "roleNames": ["ghost"]}),
        )
        .await;
    role.err(400, "E011003");
    assert!(role.description().contains("ghost"));
    h.post(
        "/v1/mgmt/user/create",
        json!({"loginId": "b", "userTenants": [{"tenantId": "t-nope"}]}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/user/create",
        json!({"loginId": "b", "customAttributes": {"nope": 1}}),
    )
    .await
    .err(400, "E011003");
    assert_eq!(h.app.store().users.len(), 1);
}

#[tokio::test]
async fn create_test_user() {
    let h = Harness::new();
    let a = h
        .post(
            "/v1/mgmt/user/create/test",
            json!({"loginId": "t1", "email": "t@x", "test": true}),
        )
        .await;
    a.ok();
    assert_eq!(a.user()["test"], true);
    let b = h
        .post("/v1/mgmt/user/create/test", json!({"loginId": "t2"}))
        .await;
    assert_eq!(b.user()["test"], true);
    assert_eq!(h.create(json!({"loginId": "n"})).await["test"], false);
}

#[tokio::test]
async fn load_by_login_id_or_user_id() {
    let h = Harness::new();
    let u = h.create(ann()).await;
    let id = u["userId"].as_str().unwrap();
    assert_eq!(h.load("ann@example.com").await, u);
    // The loginId parameter may hold a user ID.
    assert_eq!(h.load(id).await, u);
    let by_id = h.get(&format!("/v1/mgmt/user?userId={id}")).await;
    assert_eq!(by_id.user(), &u);
    // Go sends both parameters, one empty; .NET says `identifier`.
    let go = h.get(&format!("/v1/mgmt/user?loginId=&userId={id}")).await;
    assert_eq!(go.user(), &u);
    let net = h.get("/v1/mgmt/user?identifier=ann%40example.com").await;
    assert_eq!(net.user(), &u);
    let a = h.get("/v1/mgmt/user?loginId=ghost").await;
    a.err(400, "E112102");
    assert_eq!(a.description(), "User not found");
    // A user ID is not a login ID for userId=.
    h.get("/v1/mgmt/user?userId=ann%40example.com")
        .await
        .err(400, "E112102");
    h.get("/v1/mgmt/user").await.err(400, "E011003");
    let bad = h.get("/v1/mgmt/user?login_id=x").await;
    bad.err(400, "E011003");
    assert_eq!(bad.description(), "unknown key \"login_id\"");
}

#[tokio::test]
async fn update_picture() {
    let h = Harness::new();
    let u = h.create(ann()).await;
    let a = h
        .post(
            "/v1/mgmt/user/update/picture",
            json!({"loginId": "ann@example.com", "picture": "https://p/1.png"}),
        )
        .await;
    a.ok();
    assert_eq!(a.user()["picture"], "https://p/1.png");
    let by_id = h
        .post(
            "/v1/mgmt/user/update/picture",
            json!({"loginId": u["userId"], "picture": ""}),
        )
        .await;
    assert_eq!(by_id.user()["picture"], "");
    h.post(
        "/v1/mgmt/user/update/picture",
        json!({"loginId": "ghost", "picture": "x"}),
    )
    .await
    .err(400, "E112102");
    let missing = h
        .post(
            "/v1/mgmt/user/update/picture",
            json!({"loginId": "ann@example.com"}),
        )
        .await;
    assert_eq!(missing.description(), "\"picture\" is required");
    let typed = h
        .post(
            "/v1/mgmt/user/update/picture",
            json!({"loginId": "ann@example.com", "picture": 7}),
        )
        .await;
    assert_eq!(typed.description(), "\"picture\" must be a string");
    let unknown = h
        .post(
            "/v1/mgmt/user/update/picture",
            json!({"login_id": "ann@example.com", "picture": "x"}),
        )
        .await;
    assert_eq!(unknown.description(), "unknown key \"login_id\"");
}

#[tokio::test]
async fn update_name_leaves_absent_parts_alone() {
    let h = Harness::new();
    h.create(ann()).await;
    let p = "/v1/mgmt/user/update/name";
    let a = h
        .post(
            p,
            json!({"loginId": "ann@example.com", "displayName": "Ann B. Lee"}),
        )
        .await;
    let u = a.user();
    assert_eq!(
        (
            u["name"].as_str(),
            u["givenName"].as_str(),
            u["familyName"].as_str()
        ),
        (Some("Ann B. Lee"), Some("Ann"), Some("Lee"))
    );
    let a = h
        .post(p, json!({"loginId": "ann@example.com", "givenName": "Anne", "middleName": "B", "familyName": ""}))
        .await;
    let u = a.user();
    assert_eq!(u["name"], "Ann B. Lee");
    assert_eq!(u["givenName"], "Anne");
    assert_eq!(u["middleName"], "B");
    assert_eq!(u["familyName"], "");
    // `name` is the OpenAPI spelling of displayName.
    let a = h
        .post(p, json!({"loginId": "ann@example.com", "name": ""}))
        .await;
    assert_eq!(a.user()["name"], "");
    assert_eq!(a.user()["givenName"], "Anne");
    h.post(
        p,
        json!({"loginId": "ann@example.com", "display_name": "x"}),
    )
    .await
    .err(400, "E011003");
    h.post(p, json!({"loginId": "nobody", "displayName": "x"}))
        .await
        .err(400, "E112102");
}

#[tokio::test]
async fn update_custom_attribute_checks_types() {
    let h = Harness::new();
    h.create(ann()).await;
    let p = "/v1/mgmt/user/update/customAttribute";
    let set = |k: &str, v: Value| json!({"loginId": "ann@example.com", "attributeKey": k, "attributeValue": v});
    for (k, v) in [
        ("seats", json!(42)),
        ("seats", json!(2.5)),
        ("plan", json!("enterprise")),
        ("beta", json!(false)),
        ("teams", json!(["core", "web"])),
        ("nickname", json!("annie")),
    ] {
        let a = h.post(p, set(k, v.clone())).await;
        a.ok();
        assert_eq!(a.user()["customAttributes"][k], v);
    }
    let removed = h.post(p, set("nickname", Value::Null)).await;
    assert!(removed.user()["customAttributes"].get("nickname").is_none());
    let unknown = h.post(p, set("color", json!("red"))).await;
    unknown.err(400, "E011003");
    assert!(
        unknown.description().contains("unknown custom attribute"),
        "{}",
        unknown.text
    );
    for (k, v, expect) in [
        ("seats", json!("42"), "number"),
        ("beta", json!("true"), "boolean"),
        ("plan", json!("gold"), "free, pro, enterprise"),
        ("teams", json!("core"), "array of strings"),
        ("teams", json!([1]), "array of strings"),
        ("nickname", json!(3), "string"),
    ] {
        let a = h.post(p, set(k, v)).await;
        a.err(400, "E011003");
        assert!(a.description().contains(&format!("\"{k}\"")), "{}", a.text);
        assert!(a.description().contains(expect), "{}", a.text);
    }
    let missing = h
        .post(
            p,
            json!({"loginId": "ann@example.com", "attributeKey": "seats"}),
        )
        .await;
    assert_eq!(missing.description(), "\"attributeValue\" is required");
    assert_eq!(
        h.load("ann@example.com").await["customAttributes"]["seats"],
        2.5
    );
}

#[tokio::test]
async fn request_log_and_admin_endpoints() {
    let h = Harness::new();
    h.admin("GET", "/emulator/health", None).await.ok();
    h.create(ann()).await;
    h.get("/v1/mgmt/user?loginId=ghost").await;
    let log = h.admin("GET", "/emulator/requests", None).await;
    log.ok();
    assert_eq!(log.body["count"], 2);
    let first = &log.body["requests"][0];
    assert_eq!(first["method"], "POST");
    assert_eq!(first["path"], "/v1/mgmt/user/create");
    assert_eq!(first["body"], ann());
    assert_eq!(first["status"], 200);
    assert_eq!(first["applied"], true);
    let second = &log.body["requests"][1];
    assert_eq!(second["query"], json!({"loginId": "ghost"}));
    assert_eq!(second["status"], 400);
    assert_eq!(second["applied"], false);
    assert_eq!(second["body"], Value::Null);
    assert!(first["headers"].get("authorization").is_none());
    assert_eq!(
        first["headers"]["x-descope-project-id"],
        "P2emulatorProject00000000001"
    );
    h.admin("DELETE", "/emulator/requests", None).await.ok();
    assert_eq!(
        h.admin("GET", "/emulator/requests", None).await.body["count"],
        0
    );

    h.admin("POST", "/emulator/reset", None).await.ok();
    h.get("/v1/mgmt/user?loginId=ann%40example.com")
        .await
        .err(400, "E112102");
    let users = h.admin("GET", "/emulator/users", None).await;
    assert_eq!(users.body["users"], json!([]));
}

#[tokio::test]
async fn reset_restores_the_seed() {
    let h = Harness::from(
        Emulator::new(Config {
            sample_users: 12,
            ..Config::default()
        })
        .unwrap(),
    );
    let before = h.admin("GET", "/emulator/users", None).await.body;
    let first = before["users"][0]["user"].clone();
    let login = first["loginIds"][0].as_str().unwrap().to_string();
    h.post(
        "/v1/mgmt/user/update/picture",
        json!({"loginId": login, "picture": "x"}),
    )
    .await
    .ok();
    h.create(ann()).await;
    h.admin("POST", "/emulator/reset", None).await.ok();
    assert_eq!(h.admin("GET", "/emulator/users", None).await.body, before);
    // Deterministic: a new user after reset gets the same ID as the first time round.
    let a = h.create(ann()).await;
    h.admin("POST", "/emulator/reset", None).await.ok();
    assert_eq!(h.create(ann()).await["userId"], a["userId"]);
}

#[tokio::test]
async fn seed_document() {
    let seed = json!({
        "tenants": [{"id": "t1", "name": "Tenant One"}],
        "roles": [{"name": "owner", "description": "Owns", "permissions": ["all"]}],
        "customAttributes": [{"name": "tier", "type": 4, "options": ["gold", {"value": "silver", "label": "Silver"}]},
                             {"name": "since", "type": 6, "displayName": "Member since"}],
        "users": [
            {"loginIds": ["sam@example.com"], "name": "Sam", "userTenants": [{"tenantId": "t1", "roleNames": ["owner"]}],
             "customAttributes": {"tier": "gold"}, "status": "disabled", "createdTime": 1700000000},
            {"loginId": "kim", "userId": "U2kimkimkimkimkimkimkimkimki", "test": true, "TOTP": true}
        ],
        "passkeys": [{"loginId": "kim", "id": "cred-1"}],
        "history": [{"userId": "U2kimkimkimkimkimkimkimkimki", "loginTime": 1700000100, "city": "Oslo"}]
    });
    let h = Harness::with_seed(seed);
    let sam = h.load("sam@example.com").await;
    assert_eq!(sam["status"], "disabled");
    assert_eq!(sam["createdTime"], 1_700_000_000);
    assert_eq!(sam["userTenants"][0]["tenantName"], "Tenant One");
    assert_eq!(sam["userTenants"][0]["permissions"], json!(["all"]));
    let kim = h.load("U2kimkimkimkimkimkimkimkimki").await;
    assert_eq!(kim["test"], true);
    assert_eq!(kim["TOTP"], true);
    assert_eq!(kim["webauthn"], true);
    // The seed replaced the built-in definitions.
    let p = "/v1/mgmt/user/update/customAttribute";
    h.post(
        p,
        json!({"loginId": "kim", "attributeKey": "seats", "attributeValue": 1}),
    )
    .await
    .err(400, "E011003");
    h.post(
        p,
        json!({"loginId": "kim", "attributeKey": "tier", "attributeValue": "silver"}),
    )
    .await
    .ok();
    h.post(
        p,
        json!({"loginId": "kim", "attributeKey": "since", "attributeValue": 1_700_000_000_000_i64}),
    )
    .await
    .ok();

    // A bare array means users; a typo is an error naming the key.
    let store = seed::build(Some(&json!([{"loginId": "a"}, {"loginId": "b"}])), 0).unwrap();
    assert_eq!(store.users.len(), 2);
    assert_eq!(store.tenants.len(), 3, "defaults kept");
    let e = seed::build(Some(&json!([{"loginId": "a", "emial": "x"}])), 0).unwrap_err();
    assert!(e.contains("users[0].emial"), "{e}");
    let e = seed::build(Some(&json!([{"loginId": "a"}, {"loginId": "a"}])), 0).unwrap_err();
    assert!(e.contains("already exists"), "{e}");
}

#[tokio::test]
async fn seed_over_http_adds_to_the_project() {
    let h = Harness::new();
    h.create(ann()).await;
    let a = h
        .admin(
            "POST",
            "/emulator/seed",
            Some(json!({"tenants": [{"id": "t-new", "name": "New"}],
                                                       "users": [{"loginId": "zed"}]})),
        )
        .await;
    a.ok();
    assert_eq!(a.body["users"], 2);
    assert_eq!(h.app.store().tenants.len(), 4);
    let bad = h
        .admin(
            "POST",
            "/emulator/seed",
            Some(json!({"users": [{"loginId": "zed"}]})),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(h.app.store().users.len(), 2);
}

#[tokio::test]
async fn sample_users_are_varied_and_deterministic() {
    let a = seed::build(None, 200).unwrap();
    let b = seed::build(None, 200).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.users.len(), 200);
    let count = |s: &str| a.users.iter().filter(|u| u.status == s).count();
    assert_eq!(count("enabled"), 160);
    assert_eq!(count("disabled"), 20);
    assert_eq!(count("invited"), 20);
    let tests = a.users.iter().filter(|u| u.test).count();
    assert!((5..=20).contains(&tests), "{tests}");
    let u = &a.users[0];
    assert!(u.email.ends_with("1@example.com"), "{}", u.email);
    assert_eq!(u.login_ids, vec![u.email.clone()]);
    assert!(u.picture.starts_with("data:image/svg+xml,"));
    let mut emails: Vec<&str> = a.users.iter().map(|u| u.email.as_str()).collect();
    emails.sort();
    emails.dedup();
    assert_eq!(emails.len(), 200);
    let times: Vec<i64> = a.users.iter().map(|u| u.created_time).collect();
    let span = times.iter().max().unwrap() - times.iter().min().unwrap();
    assert!(span > 300 * 86_400, "{span}");
    for def in &a.attrs {
        assert!(
            a.users
                .iter()
                .any(|u| u.custom_attributes.contains_key(&def.name)),
            "no sample value for {}",
            def.name
        );
    }
    for t in &a.tenants {
        assert!(a.users.iter().any(|u| u.tenant(&t.id).is_some()));
    }
    assert!(a
        .users
        .iter()
        .any(|u| u.tenants.is_empty() && !u.role_ids.is_empty()));
    // Every value passes its own definition.
    for u in &a.users {
        for (k, v) in &u.custom_attributes {
            a.attr(k).unwrap().check(v).unwrap();
        }
    }
}
