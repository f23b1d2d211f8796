//! Phase 2: status, login IDs, contacts, roles, tenants, SSO apps, passwords, authenticators,
//! provider tokens, test-user helpers, embedded links, history, import, schema, license.

mod common;

use common::Harness;
use serde_json::{json, Value};

async fn with_user() -> Harness {
    let h = Harness::new();
    h.create(
        json!({"loginId": "ann@example.com", "email": "ann@example.com", "phone": "+1555",
                    "userTenants": [{"tenantId": "t-acme", "roleNames": ["viewer"]}]}),
    )
    .await;
    h
}

#[tokio::test]
async fn status_enabled_or_disabled_only() {
    let h = with_user().await;
    let p = "/v1/mgmt/user/update/status";
    let a = h
        .post(
            p,
            json!({"loginId": "ann@example.com", "status": "disabled"}),
        )
        .await;
    assert_eq!(a.user()["status"], "disabled");
    let a = h
        .post(
            p,
            json!({"loginId": "ann@example.com", "status": "enabled"}),
        )
        .await;
    assert_eq!(a.user()["status"], "enabled");
    for bad in ["invited", "expired", "active"] {
        let a = h
            .post(p, json!({"loginId": "ann@example.com", "status": bad}))
            .await;
        a.err(400, "E011003");
        assert!(a.description().contains("enabled, disabled"), "{}", a.text);
    }
    h.post(p, json!({"loginId": "ann@example.com"}))
        .await
        .err(400, "E011003");
    h.post(p, json!({"loginId": "ghost", "status": "enabled"}))
        .await
        .err(400, "E112102");
}

#[tokio::test]
async fn login_id_replace_remove_and_conflicts() {
    let h = with_user().await;
    let p = "/v1/mgmt/user/update/loginid";
    let a = h
        .post(
            p,
            json!({"loginId": "ann@example.com", "newLoginId": "ann@new.com"}),
        )
        .await;
    assert_eq!(a.user()["loginIds"], json!(["ann@new.com"]));
    h.get("/v1/mgmt/user?loginId=ann%40example.com")
        .await
        .err(400, "E112102");
    // The last login ID cannot be removed.
    let last = h
        .post(p, json!({"loginId": "ann@new.com", "newLoginId": ""}))
        .await;
    last.err(400, "E011003");
    h.post(p, json!({"loginId": "ann@new.com"}))
        .await
        .err(400, "E011003");
    // With two, removing one works (absent newLoginId removes too).
    h.call(
        "PATCH",
        "/v1/mgmt/user/patch",
        Some(json!({"loginId": "ann@new.com", "additionalIdentifiers": ["ann2"]})),
    )
    .await
    .ok();
    let a = h.post(p, json!({"loginId": "ann@new.com"})).await;
    assert_eq!(a.user()["loginIds"], json!(["ann2"]));
    // Conflict with another user.
    h.create(json!({"loginId": "bob"})).await;
    h.post(p, json!({"loginId": "ann2", "newLoginId": "bob"}))
        .await
        .err(400, "E062107");
    // By user ID: the first login ID changes.
    let id = a.user()["userId"].as_str().unwrap().to_string();
    let a = h
        .post(p, json!({"loginId": id, "newLoginId": "ann3"}))
        .await;
    assert_eq!(a.user()["loginIds"], json!(["ann3"]));
}

#[tokio::test]
async fn email_and_phone_with_verified_and_conflicts() {
    let h = with_user().await;
    h.create(json!({"loginId": "bob@example.com"})).await;
    let e = "/v1/mgmt/user/update/email";
    let a = h
        .post(
            e,
            json!({"loginId": "ann@example.com", "email": "a@b.c", "verified": true}),
        )
        .await;
    assert_eq!(
        (a.user()["email"].clone(), a.user()["verifiedEmail"].clone()),
        (json!("a@b.c"), json!(true))
    );
    // Another user's login ID: allowed unless failOnConflict.
    let a = h
        .post(
            e,
            json!({"loginId": "ann@example.com", "email": "bob@example.com", "verified": false}),
        )
        .await;
    assert_eq!(a.user()["email"], "bob@example.com");
    assert_eq!(a.user()["verifiedEmail"], false);
    let c = h
        .post(e, json!({"loginId": "ann@example.com", "email": "bob@example.com", "verified": true, "failOnConflict": true}))
        .await;
    c.err(400, "E062107");
    assert_eq!(h.load("ann@example.com").await["verifiedEmail"], false);
    // Own login ID is no conflict; empty removes.
    h.post(e, json!({"loginId": "ann@example.com", "email": "ann@example.com", "verified": true, "failOnConflict": true}))
        .await
        .ok();
    let a = h
        .post(
            e,
            json!({"loginId": "ann@example.com", "email": "", "verified": true}),
        )
        .await;
    assert_eq!(a.user()["email"], "");
    assert_eq!(a.user()["verifiedEmail"], false);
    h.post(e, json!({"loginId": "ann@example.com", "verified": true}))
        .await
        .err(400, "E011003");

    let p = "/v1/mgmt/user/update/phone";
    let a = h
        .post(
            p,
            json!({"loginId": "ann@example.com", "phone": "+1999", "verified": true}),
        )
        .await;
    assert_eq!(a.user()["phone"], "+1999");
    assert_eq!(a.user()["verifiedPhone"], true);
    h.create(json!({"loginId": "+1777"})).await;
    h.post(p, json!({"loginId": "ann@example.com", "phone": "+1777", "verified": true, "failOnConflict": true}))
        .await
        .err(400, "E062107");
    h.post(p, json!({"loginId": "ann@example.com", "phone": 1777}))
        .await
        .err(400, "E011003");
}

#[tokio::test]
async fn recovery_contacts_show_in_the_admin_view() {
    let h = with_user().await;
    let a = h
        .post(
            "/v1/mgmt/user/update/recovery/email",
            json!({"loginId": "ann@example.com", "recoveryEmail": "r@b.c", "verified": true}),
        )
        .await;
    a.ok();
    assert!(a.user()["userId"].is_string());
    h.post(
        "/v1/mgmt/user/update/recovery/phone",
        json!({"loginId": "ann@example.com", "recoveryPhone": "+1999", "verified": false}),
    )
    .await
    .ok();
    let v = h.admin_view("ann@example.com").await;
    assert_eq!(v["recoveryEmail"], "r@b.c");
    assert_eq!(v["recoveryEmailVerified"], true);
    assert_eq!(v["recoveryPhone"], "+1999");
    assert_eq!(v["recoveryPhoneVerified"], false);
    h.post(
        "/v1/mgmt/user/update/recovery/email",
        json!({"loginId": "ann@example.com", "email": "x"}),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn project_roles_set_add_remove() {
    let h = with_user().await;
    let set = h
        .post(
            "/v1/mgmt/user/update/role/set",
            json!({"loginId": "ann@example.com", "roleNames": ["admin", "editor"]}),
        )
        .await;
    assert_eq!(set.user()["roleNames"], json!(["admin", "editor"]));
    assert_eq!(
        set.user()["permissions"],
        json!(["users.read", "users.write", "billing.read", "content.write"])
    );
    let add = h
        .post(
            "/v2/mgmt/user/update/role/add",
            json!({"loginId": "ann@example.com", "roleNames": ["editor", "billing"]}),
        )
        .await;
    assert_eq!(
        add.user()["roleNames"],
        json!(["admin", "editor", "billing"])
    );
    let rm = h
        .post(
            "/v1/mgmt/user/update/role/remove",
            json!({"loginId": "ann@example.com", "roleNames": ["admin", "nope"]}),
        )
        .await;
    assert_eq!(rm.user()["roleNames"], json!(["editor", "billing"]));
    // Roles must exist; add is v2 only; Go's empty tenantId means project roles.
    h.post(
        "/v1/mgmt/user/update/role/set",
        json!({"loginId": "ann@example.com", "roleNames": ["ghost"]}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/user/update/role/add",
        json!({"loginId": "ann@example.com", "roleNames": ["admin"]}),
    )
    .await
    .err(404, "E011404");
    let go = h
        .post(
            "/v1/mgmt/user/update/role/set",
            json!({"loginId": "ann@example.com", "tenantId": "", "roleNames": ["viewer"]}),
        )
        .await;
    assert_eq!(go.user()["roleNames"], json!(["viewer"]));
    assert_eq!(go.user()["userTenants"][0]["roleNames"], json!(["viewer"]));
    h.post(
        "/v1/mgmt/user/update/role/set",
        json!({"loginId": "ann@example.com"}),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn tenant_roles_need_membership() {
    let h = with_user().await;
    let body = |roles: Value, tenant: &str| json!({"loginId": "ann@example.com", "tenantId": tenant, "roleNames": roles});
    let a = h
        .post(
            "/v1/mgmt/user/update/role/set",
            body(json!(["admin"]), "t-acme"),
        )
        .await;
    assert_eq!(a.user()["userTenants"][0]["roleNames"], json!(["admin"]));
    assert_eq!(a.user()["roleNames"], json!([]));
    let a = h
        .post(
            "/v2/mgmt/user/update/role/add",
            body(json!(["support"]), "t-acme"),
        )
        .await;
    assert_eq!(
        a.user()["userTenants"][0]["roleNames"],
        json!(["admin", "support"])
    );
    let a = h
        .post(
            "/v1/mgmt/user/update/role/remove",
            body(json!(["admin"]), "t-acme"),
        )
        .await;
    assert_eq!(a.user()["userTenants"][0]["roleNames"], json!(["support"]));
    let not_member = h
        .post(
            "/v1/mgmt/user/update/role/set",
            body(json!(["admin"]), "t-globex"),
        )
        .await;
    not_member.err(400, "E011003");
    assert!(not_member.description().contains("t-globex"));
    h.post(
        "/v2/mgmt/user/update/role/add",
        body(json!(["admin"]), "t-nope"),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v2/mgmt/user/update/role/add",
        body(json!(["ghost"]), "t-acme"),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn tenants_add_remove() {
    let h = with_user().await;
    let a = h
        .post(
            "/v1/mgmt/user/update/tenant/add",
            json!({"loginId": "ann@example.com", "tenantId": "t-globex"}),
        )
        .await;
    let tenants = a.user()["userTenants"].as_array().unwrap().clone();
    assert_eq!(tenants.len(), 2);
    assert_eq!(
        tenants[1],
        json!({"tenantId": "t-globex", "tenantName": "Globex", "roleNames": [], "permissions": []})
    );
    // Adding again keeps the roles already there.
    let a = h
        .post(
            "/v1/mgmt/user/update/tenant/add",
            json!({"loginId": "ann@example.com", "tenantId": "t-acme"}),
        )
        .await;
    assert_eq!(a.user()["userTenants"][0]["roleNames"], json!(["viewer"]));
    let a = h
        .post(
            "/v1/mgmt/user/update/tenant/remove",
            json!({"loginId": "ann@example.com", "tenantId": "t-acme"}),
        )
        .await;
    assert_eq!(a.user()["userTenants"].as_array().unwrap().len(), 1);
    h.post(
        "/v1/mgmt/user/update/tenant/add",
        json!({"loginId": "ann@example.com", "tenantId": "t-nope"}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/user/update/tenant/add",
        json!({"loginId": "ann@example.com"}),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn sso_apps_set_add_remove() {
    let h = with_user().await;
    let p = |op: &str| format!("/v1/mgmt/user/update/ssoapp/{op}");
    let a = h
        .post(
            &p("set"),
            json!({"loginId": "ann@example.com", "ssoAppIds": ["a1", "a2"]}),
        )
        .await;
    assert_eq!(a.user()["ssoAppIds"], json!(["a1", "a2"]));
    let a = h
        .post(
            &p("add"),
            json!({"loginId": "ann@example.com", "ssoAppIds": ["a2", "a3"]}),
        )
        .await;
    assert_eq!(a.user()["ssoAppIds"], json!(["a1", "a2", "a3"]));
    let a = h
        .post(
            &p("remove"),
            json!({"loginId": "ann@example.com", "ssoAppIDs": ["a1"]}),
        )
        .await;
    assert_eq!(a.user()["ssoAppIds"], json!(["a2", "a3"]));
    h.post(&p("set"), json!({"loginId": "ann@example.com"}))
        .await
        .err(400, "E011003");
}

#[tokio::test]
async fn passwords() {
    let h = with_user().await;
    assert_eq!(h.load("ann@example.com").await["password"], false);
    let r = h
        .post(
            "/v1/mgmt/user/password/set/temporary",
            json!({"loginId": "ann@example.com", "password": "pw"}),
        )
        .await;
    assert_eq!(r.body, json!({}));
    assert_eq!(h.load("ann@example.com").await["password"], true);
    assert_eq!(
        h.admin_view("ann@example.com").await["passwordExpired"],
        true
    );
    h.post(
        "/v1/mgmt/user/password/set/active",
        json!({"loginId": "ann@example.com", "password": "pw2"}),
    )
    .await
    .ok();
    assert_eq!(
        h.admin_view("ann@example.com").await["passwordExpired"],
        false
    );
    h.post(
        "/v1/mgmt/user/password/expire",
        json!({"loginId": "ann@example.com"}),
    )
    .await
    .ok();
    assert_eq!(h.load("ann@example.com").await["password"], true);
    assert_eq!(
        h.admin_view("ann@example.com").await["passwordExpired"],
        true
    );
    // Deprecated set behaves like temporary; Go/Python's setActive overrides.
    h.post(
        "/v1/mgmt/user/password/set",
        json!({"loginId": "ann@example.com", "password": "pw", "setActive": true}),
    )
    .await
    .ok();
    assert_eq!(
        h.admin_view("ann@example.com").await["passwordExpired"],
        false
    );
    h.post(
        "/v1/mgmt/user/password/set",
        json!({"loginId": "ann@example.com", "password": "pw"}),
    )
    .await
    .ok();
    assert_eq!(
        h.admin_view("ann@example.com").await["passwordExpired"],
        true
    );
    h.post(
        "/v1/mgmt/user/password/set/active",
        json!({"loginId": "ann@example.com", "password": ""}),
    )
    .await
    .err(400, "E011003");
    h.post("/v1/mgmt/user/password/expire", json!({"loginId": "ghost"}))
        .await
        .err(400, "E112102");
}

fn seeded() -> Harness {
    Harness::with_seed(json!({
        "users": [{"loginId": "kim", "test": true, "TOTP": true},
                  {"loginId": "real", "userId": "U2realrealrealrealrealrealre"}],
        "passkeys": [{"loginId": "kim", "id": "c1", "displayName": "Laptop"}, {"loginId": "kim", "id": "c2"}],
        "trustedDevices": [{"loginId": "kim", "id": "d1", "name": "Mac"}, {"loginId": "kim", "id": "d2"},
                           {"loginId": "real", "id": "d3"}],
        "providerTokens": [{"loginId": "kim", "provider": "google", "providerUserId": "g1",
                            "accessToken": "at-1", "refreshToken": "rt-1", "scopes": ["email"], "expiration": 1800000000}],
        "history": [{"loginId": "kim", "loginTime": 1700000000, "city": "Oslo", "country": "NO", "ip": "203.0.113.9"},
                    {"userId": "U2realrealrealrealrealrealre", "loginTime": 1700000001}]
    }))
}

#[tokio::test]
async fn passkeys_list_and_delete() {
    let h = seeded();
    let l = h
        .post("/v1/mgmt/user/passkeys/list", json!({"loginId": "kim"}))
        .await;
    l.ok();
    let keys = l.body["passkeys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0]["displayName"], "Laptop");
    for k in ["id", "rpId", "kind", "displayName", "createdTime"] {
        assert!(keys[0].get(k).is_some(), "{k}");
    }
    assert_eq!(
        h.post(
            "/v1/mgmt/user/passkey/delete",
            json!({"loginId": "kim", "credentialId": "c1"})
        )
        .await
        .body,
        json!({})
    );
    h.post(
        "/v1/mgmt/user/passkey/delete",
        json!({"loginId": "kim", "credentialId": "c1"}),
    )
    .await
    .err(400, "E011003");
    assert_eq!(h.load("kim").await["webauthn"], true);
    h.post(
        "/v1/mgmt/user/passkey/delete",
        json!({"loginId": "kim", "credentialId": "c2"}),
    )
    .await
    .ok();
    assert_eq!(h.load("kim").await["webauthn"], false);
    let h = seeded();
    h.post("/v1/mgmt/user/passkeys/delete", json!({"loginId": "kim"}))
        .await
        .ok();
    assert_eq!(
        h.post("/v1/mgmt/user/passkeys/list", json!({"loginId": "kim"}))
            .await
            .body,
        json!({"passkeys": []})
    );
    assert_eq!(h.load("kim").await["webauthn"], false);
}

#[tokio::test]
async fn totp_and_recovery_codes() {
    let h = seeded();
    assert_eq!(h.load("kim").await["TOTP"], true);
    assert_eq!(
        h.post("/v1/mgmt/user/totp/delete", json!({"loginId": "kim"}))
            .await
            .body,
        json!({})
    );
    assert_eq!(h.load("kim").await["TOTP"], false);
    h.app.store().users[0].extra.recovery_codes = true;
    h.post(
        "/v1/mgmt/user/recovery-codes/delete",
        json!({"loginId": "kim"}),
    )
    .await
    .ok();
    assert_eq!(h.admin_view("kim").await["recoveryCodes"], false);
    h.post("/v1/mgmt/user/totp/delete", json!({"loginId": "ghost"}))
        .await
        .err(400, "E112102");
}

#[tokio::test]
async fn trusted_devices() {
    let h = seeded();
    let l = h
        .post(
            "/v1/mgmt/user/trusteddevices/list",
            json!({"identifiers": ["kim", "U2realrealrealrealrealrealre", "nobody"]}),
        )
        .await;
    l.ok();
    let devices = l.body["devices"].as_array().unwrap();
    let ids: Vec<&str> = devices.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["d1", "d2", "d3"]);
    assert!(
        devices[0]["lastLoginTime"].is_string(),
        "int64 travels as a string"
    );
    assert_eq!(devices[2]["userId"], "U2realrealrealrealrealrealre");
    let r = h
        .post(
            "/v1/mgmt/user/trusteddevices/remove",
            json!({"identifier": "kim", "deviceIds": ["d1", "zz"]}),
        )
        .await;
    assert_eq!(r.body, json!({}));
    let l = h
        .post(
            "/v1/mgmt/user/trusteddevices/list",
            json!({"identifiers": ["kim"]}),
        )
        .await;
    assert_eq!(l.body["devices"].as_array().unwrap().len(), 1);
    h.post(
        "/v1/mgmt/user/trusteddevices/remove",
        json!({"identifier": "ghost", "deviceIds": ["d1"]}),
    )
    .await
    .err(400, "E112102");
    h.post(
        "/v1/mgmt/user/trusteddevices/remove",
        json!({"loginIds": "kim", "deviceIds": ["d1"]}),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn provider_token() {
    let h = seeded();
    let q =
        |extra: &str| format!("/v1/mgmt/user/provider/token?loginId=kim&provider=google{extra}");
    let a = h
        .get(&q("&withRefreshToken=false&forceRefresh=false"))
        .await;
    a.ok();
    assert_eq!(
        a.body,
        json!({"provider": "google", "providerUserId": "g1", "accessToken": "at-1",
                              "expiration": 1_800_000_000, "scopes": ["email"]})
    );
    let a = h.get(&q("&withRefreshToken=true&forceRefresh=false")).await;
    assert_eq!(a.body["refreshToken"], "rt-1");
    let a = h.get(&q("&withRefreshToken=true&forceRefresh=true")).await;
    let fresh = a.body["accessToken"].as_str().unwrap().to_string();
    assert_ne!(fresh, "at-1");
    assert_eq!(h.get(&q("")).await.body["accessToken"], fresh.as_str());
    h.get("/v1/mgmt/user/provider/token?loginId=kim&provider=github")
        .await
        .err(400, "E011003");
    h.get("/v1/mgmt/user/provider/token?loginId=ghost&provider=google")
        .await
        .err(400, "E112102");
    h.get("/v1/mgmt/user/provider/token?loginId=kim")
        .await
        .err(400, "E011003");
    h.get(&q("&withRefreshToken=yes")).await.err(400, "E011003");
}

#[tokio::test]
async fn generate_for_test_users_only() {
    let h = seeded();
    let otp = h
        .post(
            "/v1/mgmt/tests/generate/otp",
            json!({"deliveryMethod": "sms", "loginId": "kim", "loginOptions": {"stepup": true}}),
        )
        .await;
    otp.ok();
    assert_eq!(otp.body["loginId"], "kim");
    let code = otp.body["code"].as_str().unwrap();
    assert_eq!(code.len(), 6);
    assert!(code.chars().all(|c| c.is_ascii_digit()));
    let ml = h
        .post(
            "/v1/mgmt/tests/generate/magiclink",
            json!({"deliveryMethod": "email", "loginId": "kim", "URI": "https://app/verify"}),
        )
        .await;
    assert!(
        ml.body["link"]
            .as_str()
            .unwrap()
            .starts_with("https://app/verify?t="),
        "{}",
        ml.text
    );
    let el = h
        .post(
            "/v1/mgmt/tests/generate/enchantedlink",
            json!({"loginId": "kim", "URI": "https://app/e?x=1", "loginOptions": {"mfa": true}}),
        )
        .await;
    assert!(el.body["link"]
        .as_str()
        .unwrap()
        .starts_with("https://app/e?x=1&t="));
    assert!(el.body["pendingRef"]
        .as_str()
        .is_some_and(|p| !p.is_empty()));
    assert_eq!(el.body["loginId"], "kim");
    // .NET's redirectUrl spelling.
    h.post(
        "/v1/mgmt/tests/generate/magiclink",
        json!({"deliveryMethod": "email", "loginId": "kim", "redirectUrl": "https://x"}),
    )
    .await
    .ok();
    // Not a test user, unknown method, bad login options.
    let a = h
        .post(
            "/v1/mgmt/tests/generate/otp",
            json!({"deliveryMethod": "sms", "loginId": "real"}),
        )
        .await;
    a.err(400, "E011003");
    assert!(a.description().contains("test users"));
    h.post(
        "/v1/mgmt/tests/generate/enchantedlink",
        json!({"loginId": "real", "URI": "x"}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/tests/generate/otp",
        json!({"deliveryMethod": "pigeon", "loginId": "kim"}),
    )
    .await
    .err(400, "E011003");
    let a = h
        .post("/v1/mgmt/tests/generate/otp", json!({"deliveryMethod": "Embedded", "loginId": "kim", "loginOptions": {"step_up": true}}))
        .await;
    assert_eq!(a.description(), "unknown key \"loginOptions.step_up\"");
    h.post(
        "/v1/mgmt/tests/generate/otp",
        json!({"deliveryMethod": "sms", "loginId": "ghost"}),
    )
    .await
    .err(400, "E112102");
}

#[tokio::test]
async fn embedded_links() {
    let h = seeded();
    let a = h
        .post(
            "/v1/mgmt/user/signin/embeddedlink",
            json!({"loginId": "real", "customClaims": {"k1": "v1"}, "timeout": 60}),
        )
        .await;
    a.ok();
    assert!(a.body["token"].as_str().is_some_and(|t| !t.is_empty()));
    h.post(
        "/v1/mgmt/user/signin/embeddedlink",
        json!({"loginId": "ghost"}),
    )
    .await
    .err(400, "E112102");
    h.post(
        "/v1/mgmt/user/signin/embeddedlink",
        json!({"loginId": "real", "timeout": -1}),
    )
    .await
    .err(400, "E011003");
    let s = h
        .post("/v1/mgmt/user/signup/embeddedlink", json!({"loginId": "new@x", "user": {"name": "John Doe", "email": "new@x"},
              "emailVerified": true, "phoneVerified": false, "loginOptions": {"mfa": true}, "timeout": 12}))
        .await;
    s.ok();
    assert!(s.body["token"].is_string());
    h.post(
        "/v1/mgmt/user/signup/embeddedlink",
        json!({"loginId": "kim"}),
    )
    .await
    .err(400, "E062107");
    let bad = h
        .post(
            "/v1/mgmt/user/signup/embeddedlink",
            json!({"loginId": "n", "user": {"nmae": "x"}}),
        )
        .await;
    assert_eq!(bad.description(), "unknown key \"user.nmae\"");
}

#[tokio::test]
async fn history_is_a_bare_array() {
    let h = seeded();
    let kim_id = h.load("kim").await["userId"].as_str().unwrap().to_string();
    let a = h
        .call(
            "POST",
            "/v1/mgmt/user/history",
            Some(json!([kim_id, "U2unknown"])),
        )
        .await;
    a.ok();
    let arr = a.body.as_array().unwrap();
    assert_eq!(arr.len(), 1);
    assert_eq!(arr[0]["city"], "Oslo");
    assert_eq!(arr[0]["userId"], kim_id.as_str());
    assert_eq!(arr[0]["loginTime"], 1_700_000_000);
    h.post("/v1/mgmt/user/history", json!({"userIds": [kim_id]}))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/user/history", json!([1]))
        .await
        .err(400, "E011003");
}

fn b64(s: &str) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in s.as_bytes().chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[tokio::test]
async fn import_with_and_without_dryrun() {
    let h = Harness::new();
    h.create(json!({"loginId": "dup"})).await;
    let users = b64(
        &json!([{"loginId": "imp1", "email": "imp1@x", "name": "Imp One"},
                           {"loginIds": ["dup"]}, {"loginId": "imp2", "colour": "red"}])
        .to_string(),
    );
    let body =
        |dry: bool| json!({"source": "Auth0", "users": users, "hashes": b64("{}"), "dryrun": dry});
    let a = h.post("/v1/mgmt/user/import", body(true)).await;
    a.ok();
    assert_eq!(a.body["users"].as_array().unwrap().len(), 1);
    assert_eq!(a.body["users"][0]["name"], "Imp One");
    let failures = a.body["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 2);
    assert_eq!(failures[0]["user"], "dup");
    assert!(failures[1]["reason"].as_str().unwrap().contains("colour"));
    assert!(
        h.app.store().find("imp1").is_none(),
        "dryrun stores nothing"
    );
    h.post("/v1/mgmt/user/import", body(false)).await.ok();
    assert_eq!(h.load("imp1").await["email"], "imp1@x");
    // Not base64 → 400; base64 of something that is not users → a failure entry.
    h.post(
        "/v1/mgmt/user/import",
        json!({"source": "x", "users": "***"}),
    )
    .await
    .err(400, "E011003");
    let a = h
        .post(
            "/v1/mgmt/user/import",
            json!({"source": "x", "users": "dXNlcnM=", "dryrun": true}),
        )
        .await;
    assert_eq!(a.body["failures"].as_array().unwrap().len(), 1);
    h.post("/v1/mgmt/user/import", json!({"users": "dXNlcnM="}))
        .await
        .err(400, "E011003");
}

#[tokio::test]
async fn custom_attribute_schema() {
    let h = with_user().await;
    let list = h.get("/v1/mgmt/user/customattributes").await;
    list.ok();
    let names: Vec<&str> = list.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["seats", "plan", "beta", "teams", "nickname"]);
    let plan = &list.body["data"][1];
    assert_eq!(plan["type"], 4);
    assert_eq!(
        plan["options"][2],
        json!({"value": "enterprise", "label": "enterprise"})
    );
    let c = h
        .post(
            "/v1/mgmt/user/customattribute/create",
            json!({"attributes": [{"name": "attr1", "type": 1},
              {"name": "level", "type": "number", "displayName": "Level", "required": false}]}),
        )
        .await;
    c.ok();
    assert_eq!(c.body["data"].as_array().unwrap().len(), 7);
    h.post(
        "/v1/mgmt/user/update/customAttribute",
        json!({"loginId": "ann@example.com", "attributeKey": "level", "attributeValue": 3}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/user/customattribute/create",
        json!({"attributes": [{"name": "bad", "type": 9}]}),
    )
    .await
    .err(400, "E011003");
    let d = h
        .post(
            "/v1/mgmt/user/customattribute/delete",
            json!({"names": ["level", "nope"]}),
        )
        .await;
    assert_eq!(d.body["data"].as_array().unwrap().len(), 6);
    assert!(h.load("ann@example.com").await["customAttributes"]
        .get("level")
        .is_none());
    h.post(
        "/v1/mgmt/user/update/customAttribute",
        json!({"loginId": "ann@example.com", "attributeKey": "level", "attributeValue": 3}),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn license_tier() {
    let h = Harness::new();
    let a = h.get("/v1/mgmt/license").await;
    a.ok();
    assert_eq!(a.body, json!({"rateLimitTier": "tier2"}));
    let custom = descope_emulator::Emulator::new(descope_emulator::Config {
        license_tier: "tier4".into(),
        ..descope_emulator::Config::default()
    })
    .unwrap();
    assert_eq!(
        Harness::from(custom).get("/v1/mgmt/license").await.body["rateLimitTier"],
        "tier4"
    );
}
