//! The Rust API builds the same requests as the JavaScript methods (which the conformance
//! vectors pin to node-sdk's bytes): each typed `client.user().<method>(…)`, whose arguments
//! go through serde models, is compared with the engine fed the JavaScript arguments.

use descope_mgmt::api::value::Arg;
use descope_mgmt::api::{engine, Request};
use descope_mgmt::models::{
    AssociatedTenant, PatchOptions, ProviderTokenOptions, SearchRequest, UserOptions, UserStatus,
};
use descope_mgmt::{Client, Config};
use serde_json::{json, Value};

fn js(method: &str, args: Value) -> Request {
    let Value::Array(args) = args else {
        panic!("args must be an array")
    };
    engine::prepare("user", method, &Arg::list(&args)).unwrap()
}

#[test]
fn rust_methods_match_javascript_methods() {
    let client =
        Client::new(Config::new("P2publicVectorsProject000001", "K2public-vectors-key").unwrap());
    let u = client.user();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let cases: Vec<(Request, Request)> = vec![
        (
            u.update_picture("lid", "foo").request().unwrap(),
            js("updatePicture", json!(["lid", "foo"])),
        ),
        (
            u.update_display_name(
                "lid",
                Some("foo".into()),
                Some("g".into()),
                Some("m".into()),
                Some("f".into()),
            )
            .request()
            .unwrap(),
            js("updateDisplayName", json!(["lid", "foo", "g", "m", "f"])),
        ),
        (
            // A name part left out is not sent (a JavaScript `null` would be sent as null).
            u.update_display_name("lid", Some("foo".into()), Some("g".into()), None, None)
                .request()
                .unwrap(),
            js("updateDisplayName", json!(["lid", "foo", "g"])),
        ),
        (
            u.update_custom_attribute("lid", "n", 7).request().unwrap(),
            js("updateCustomAttribute", json!(["lid", "n", 7])),
        ),
        (u.load("lid").request().unwrap(), js("load", json!(["lid"]))),
        (
            u.load_by_user_id("uid").request().unwrap(),
            js("loadByUserId", json!(["uid"])),
        ),
        (
            u.delete_batch(s(&["u1", "u2"])).request().unwrap(),
            js("deleteBatch", json!([["u1", "u2"]])),
        ),
        (
            u.delete_all_test_users().request().unwrap(),
            js("deleteAllTestUsers", json!([])),
        ),
        (
            u.deactivate("lid").request().unwrap(),
            js("deactivate", json!(["lid"])),
        ),
        (
            u.add_tenant_roles("lid", "t", s(&["r"])).request().unwrap(),
            js("addTenantRoles", json!(["lid", "t", ["r"]])),
        ),
        (
            u.set_sso_apps("lid", s(&["a"])).request().unwrap(),
            js("setSSOapps", json!(["lid", ["a"]])),
        ),
        (
            u.set_active_password("lid", "pw").request().unwrap(),
            js("setActivePassword", json!(["lid", "pw"])),
        ),
        (
            u.get_provider_token(
                "lid",
                "google",
                ProviderTokenOptions {
                    with_refresh_token: Some(true),
                    force_refresh: None,
                },
            )
            .request()
            .unwrap(),
            js(
                "getProviderToken",
                json!(["lid", "google", {"withRefreshToken": true}]),
            ),
        ),
        (
            u.history(s(&["u1"])).request().unwrap(),
            js("history", json!([["u1"]])),
        ),
        (
            u.import("Auth0", Some("dXM=".into()), None, false)
                .request()
                .unwrap(),
            js("import", json!(["Auth0", "dXM="])),
        ),
        (
            u.list_trusted_devices(s(&["a"])).request().unwrap(),
            js("listTrustedDevices", json!([["a"]])),
        ),
        (
            u.create(
                "lid",
                UserOptions {
                    email: Some(Some("a@b.c".into())),
                    phone: Some(None),
                    roles: Some(Some(s(&["r"]))),
                    user_tenants: Some(Some(vec![AssociatedTenant {
                        tenant_id: "t".into(),
                        role_names: None,
                    }])),
                    ..Default::default()
                },
            )
            .request()
            .unwrap(),
            js(
                "create",
                json!(["lid", {"email": "a@b.c", "phone": null, "roles": ["r"], "userTenants": [{"tenantId": "t"}]}]),
            ),
        ),
        (
            u.patch(
                "lid",
                PatchOptions {
                    status: Some(Some(UserStatus::Disabled)),
                    scim: Some(Some(true)),
                    ..Default::default()
                },
            )
            .request()
            .unwrap(),
            js(
                "patch",
                json!(["lid", {"status": "disabled", "scim": true}]),
            ),
        ),
        (
            u.search_test_users(SearchRequest {
                limit: Some(3),
                ..Default::default()
            })
            .request()
            .unwrap(),
            js("searchTestUsers", json!([{"limit": 3}])),
        ),
    ];
    // Bodies are compared as JSON values: key order depends on serde_json's features.
    let parsed = |r: &Request| {
        let body: Option<Value> = r.body.as_deref().map(|b| serde_json::from_str(b).unwrap());
        (
            r.method,
            r.path.clone(),
            r.query.clone(),
            body,
            r.unwrap,
            r.idempotent,
        )
    };
    for (rust, javascript) in cases {
        assert_eq!(parsed(&rust), parsed(&javascript), "{}", javascript.path);
    }
}

fn js_of(group: &str, method: &str, args: Value) -> Request {
    let Value::Array(args) = args else {
        panic!("args must be an array")
    };
    engine::prepare(group, method, &Arg::list(&args)).unwrap()
}

#[test]
fn the_other_groups_rust_methods_match_their_javascript_methods() {
    use descope_mgmt::models::{
        AuditEvent, AuditEventType, AuditFilterType, AuditSearchOptions, AuditWebhook,
        AuditWebhookFilter, KeyTenant, OidcApplicationOptions, OidcSettings, RoleInheritance,
        TenantSettings, TimeUnit,
    };
    let client =
        Client::new(Config::new("P2publicVectorsProject000001", "K2public-vectors-key").unwrap());
    let cases: Vec<(Request, Request)> = vec![
        (
            client
                .tenant()
                .create(
                    "n",
                    Some(vec!["d.com".into()]),
                    None,
                    Some(true),
                    None,
                    None,
                    Some(RoleInheritance::UserOnly),
                )
                .request()
                .unwrap(),
            js_of(
                "tenant",
                "create",
                json!(["n", ["d.com"], null, true, null, null, "userOnly"]),
            )
            .without_nulls(),
        ),
        (
            client
                .tenant()
                .configure_settings(
                    "t",
                    TenantSettings {
                        inactivity_time: Some(30),
                        inactivity_time_unit: Some(TimeUnit::Minutes),
                        ..Default::default()
                    },
                )
                .request()
                .unwrap(),
            js_of(
                "tenant",
                "configureSettings",
                json!(["t", {"InactivityTime": 30, "InactivityTimeUnit": "minutes"}]),
            ),
        ),
        (
            client
                .access_key()
                .create(
                    "k",
                    0,
                    None,
                    Some(vec![KeyTenant {
                        tenant_id: "t".into(),
                        role_names: Some(vec!["r".into()]),
                    }]),
                    None,
                    None,
                    Some("d".into()),
                    None,
                    None,
                )
                .request()
                .unwrap(),
            js_of(
                "accessKey",
                "create",
                json!(["k", 0, null, [{"tenantId": "t", "roleNames": ["r"]}], null, null, "d"]),
            )
            .without_nulls(),
        ),
        (
            client
                .sso_application()
                .create_oidc_application(OidcApplicationOptions {
                    name: "n".into(),
                    login_page_url: "u".into(),
                    ..Default::default()
                })
                .request()
                .unwrap(),
            js_of(
                "ssoApplication",
                "createOidcApplication",
                json!([{"name": "n", "loginPageUrl": "u"}]),
            ),
        ),
        (
            client
                .sso()
                .configure_oidc_settings(
                    "t",
                    OidcSettings {
                        name: "n".into(),
                        client_id: "c".into(),
                        ..Default::default()
                    },
                    None,
                    Some(String::new()),
                )
                .request()
                .unwrap(),
            js_of(
                "sso",
                "configureOIDCSettings",
                json!(["t", {"name": "n", "clientId": "c"}]),
            ),
        ),
        (
            client
                .audit()
                .search(AuditSearchOptions {
                    login_ids: Some(vec!["l".into()]),
                    ..Default::default()
                })
                .request()
                .unwrap(),
            js_of("audit", "search", json!([{"loginIds": ["l"]}])),
        ),
        (
            client
                .audit()
                .create_event(AuditEvent {
                    action: "a".into(),
                    r#type: AuditEventType::Warn,
                    actor_id: "x".into(),
                    tenant_id: "t".into(),
                    ..Default::default()
                })
                .request()
                .unwrap(),
            js_of(
                "audit",
                "createEvent",
                json!([{"action": "a", "type": "warn", "actorId": "x", "tenantId": "t"}]),
            ),
        ),
        (
            client
                .audit()
                .create_audit_webhook(AuditWebhook {
                    name: "n".into(),
                    filters: Some(vec![AuditWebhookFilter {
                        filter_type: Some(AuditFilterType::Actions),
                        ..Default::default()
                    }]),
                    ..Default::default()
                })
                .request()
                .unwrap(),
            js_of(
                "audit",
                "createAuditWebhook",
                json!([{"name": "n", "filters": [{"key": "actions"}]}]),
            ),
        ),
        (
            client
                .jwt()
                .sign_up_or_in("l", None, Default::default())
                .request()
                .unwrap(),
            js_of("jwt", "signUpOrIn", json!(["l"])),
        ),
    ];
    let parsed = |r: &Request| {
        let body: Option<Value> = r.body.as_deref().map(|b| serde_json::from_str(b).unwrap());
        (
            r.method,
            r.path.clone(),
            r.query.clone(),
            body,
            r.unwrap,
            r.idempotent,
            r.secret,
        )
    };
    for (rust, javascript) in cases {
        assert_eq!(parsed(&rust), parsed(&javascript), "{}", javascript.path);
    }
}

/// The JavaScript call's `null`s are left out, as the Rust call's `None`s are.
trait WithoutNulls {
    fn without_nulls(self) -> Self;
}

impl WithoutNulls for Request {
    fn without_nulls(mut self) -> Self {
        if let Some(body) = &self.body {
            let mut v: Value = serde_json::from_str(body).unwrap();
            v.as_object_mut().unwrap().retain(|_, v| !v.is_null());
            self.body = Some(v.to_string());
        }
        self
    }
}
