//! Phase 2: invite, batch create, update (overwrite), patch, patch/batch, delete, logout,
//! users/load.

mod common;

use common::{ann, Harness};
use serde_json::{json, Value};

#[tokio::test]
async fn invite_sets_invited_and_records_the_invitation() {
    let h = Harness::new();
    let body = json!({"loginId": "inv@example.com", "email": "inv@example.com", "invite": true,
                      "inviteUrl": "https://app/invite", "sendMail": true, "sendSMS": false,
                      "templateOptions": {"k": "v"}, "templateId": "tpl", "locale": "en"});
    let a = h.post("/v1/mgmt/user/create", body).await;
    a.ok();
    assert_eq!(a.user()["status"], "invited");
    let view = h.admin_view("inv@example.com").await;
    assert_eq!(view["invitesSent"], 1);
    assert_eq!(view["lastInvite"]["inviteUrl"], "https://app/invite");
    assert_eq!(view["lastInvite"]["templateOptions"], json!({"k": "v"}));

    // Re-invite by user ID: no new user, invitation re-sent.
    let id = a.user()["userId"].as_str().unwrap().to_string();
    let again = h
        .post(
            "/v1/mgmt/user/create",
            json!({"loginId": id, "email": "inv@example.com", "invite": true, "sendMail": true}),
        )
        .await;
    again.ok();
    assert_eq!(again.user()["userId"], id.as_str());
    assert_eq!(h.app.store().users.len(), 1);
    assert_eq!(h.admin_view(&id).await["invitesSent"], 2);
    // Inviting an existing login ID is a duplicate.
    h.post(
        "/v1/mgmt/user/create",
        json!({"loginId": "inv@example.com", "invite": true}),
    )
    .await
    .err(400, "E062107");
    // A plain create never records an invite.
    h.create(json!({"loginId": "plain"})).await;
    assert_eq!(h.admin_view("plain").await["invitesSent"], 0);
}

#[tokio::test]
async fn create_batch_reports_each_user() {
    let h = Harness::new();
    h.create(ann()).await;
    let body = json!({"users": [
        {"loginId": "one@x", "email": "one@x", "roleNames": ["admin"], "password": "clear", "seed": "aaa"},
        {"loginId": "two@x", "hashedPassword": {"firebase": {"hash": "h", "salt": "s", "saltSeparator": "ss",
            "signerKey": "sk", "memory": 14, "rounds": 8}}, "status": "disabled", "createdTime": 1600000000},
        {"loginId": "ann@example.com", "email": "dup@x"},
        {"loginId": "three@x", "password": {"cleartext": "pw"}, "test": true, "givenName": "T",
         "name": "Three", "additionalIdentifiers": ["3"], "ssoAppIDs": ["a"]},
        {"loginId": "four@x", "roleNames": ["ghost"]}
    ]});
    let a = h.post("/v1/mgmt/user/create/batch", body).await;
    a.ok();
    let created = a.body["createdUsers"].as_array().unwrap();
    let ids: Vec<&str> = created
        .iter()
        .map(|u| u["loginIds"][0].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["one@x", "two@x", "three@x"]);
    assert_eq!(created[0]["password"], true);
    assert_eq!(created[0]["TOTP"], true, "seed sets up TOTP");
    assert_eq!(created[1]["status"], "disabled");
    assert_eq!(created[1]["createdTime"], 1_600_000_000);
    assert_eq!(created[2]["test"], true);
    assert_eq!(created[2]["name"], "Three");
    assert_eq!(created[2]["loginIds"], json!(["three@x", "3"]));
    let failed = a.body["failedUsers"].as_array().unwrap();
    assert_eq!(failed.len(), 2);
    assert!(failed[0]["failure"]
        .as_str()
        .unwrap()
        .contains("already exists"));
    assert_eq!(failed[0]["user"]["loginIds"], json!(["ann@example.com"]));
    assert_eq!(failed[0]["user"]["email"], "dup@x");
    assert!(failed[1]["failure"].as_str().unwrap().contains("ghost"));
    assert_eq!(a.body["additionalErrors"], json!({}));
    assert_eq!(h.app.store().users.len(), 4);

    // A malformed entry fails the whole request, naming the entry.
    let bad = h
        .post(
            "/v1/mgmt/user/create/batch",
            json!({"users": [{"loginId": "ok"}, {"email": "x"}]}),
        )
        .await;
    bad.err(400, "E011003");
    assert_eq!(bad.description(), "\"users[1].loginId\" is required");
    let bad = h
        .post(
            "/v1/mgmt/user/create/batch",
            json!({"users": [{"loginId": "ok", "roles": ["admin"]}]}),
        )
        .await;
    assert_eq!(bad.description(), "unknown key \"users[0].roles\"");
    h.post("/v1/mgmt/user/create/batch", json!({}))
        .await
        .err(400, "E011003");
    assert!(h.app.store().find("ok").is_none());
}

#[tokio::test]
async fn invite_batch() {
    let h = Harness::new();
    let existing = h.create(json!({"loginId": "old"})).await;
    let body = json!({"users": [{"loginId": "new", "email": "n@x"}, {"loginId": existing["userId"]}],
                      "invite": true, "inviteUrl": "https://invite", "sendMail": true, "locale": "fr-FR"});
    let a = h.post("/v1/mgmt/user/create/batch", body).await;
    a.ok();
    let created = a.body["createdUsers"].as_array().unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(created[0]["status"], "invited");
    assert_eq!(created[1]["userId"], existing["userId"]);
    assert_eq!(h.app.store().users.len(), 2);
    assert_eq!(h.admin_view("new").await["lastInvite"]["locale"], "fr-FR");
    assert_eq!(h.admin_view("old").await["invitesSent"], 1);
}

#[tokio::test]
async fn update_overwrites_everything_given_or_not() {
    let h = Harness::new();
    let before = h
        .create(
            json!({"loginId": "ann@example.com", "email": "ann@example.com", "phone": "+1",
                       "displayName": "Ann", "givenName": "A", "roleNames": ["admin"],
                       "userTenants": [{"tenantId": "t-acme"}], "customAttributes": {"seats": 3},
                       "picture": "p", "verifiedEmail": true, "additionalLoginIds": ["ann2"],
                       "ssoAppIds": ["app"]}),
        )
        .await;
    h.post(
        "/v1/mgmt/user/update/status",
        json!({"loginId": "ann@example.com", "status": "disabled"}),
    )
    .await
    .ok();
    let a = h
        .post(
            "/v1/mgmt/user/update",
            json!({"loginId": "ann2", "email": "new@example.com",
                                             "customAttributes": {"plan": "pro"}}),
        )
        .await;
    a.ok();
    let u = a.user();
    assert_eq!(u["userId"], before["userId"]);
    assert_eq!(u["createdTime"], before["createdTime"]);
    assert_eq!(
        u["loginIds"],
        json!(["ann@example.com"]),
        "primary kept, additional cleared"
    );
    assert_eq!(u["email"], "new@example.com");
    assert_eq!(u["customAttributes"], json!({"plan": "pro"}));
    for (k, empty) in [
        ("phone", json!("")),
        ("name", json!("")),
        ("givenName", json!("")),
        ("picture", json!("")),
        ("verifiedEmail", json!(false)),
        ("roleNames", json!([])),
        ("userTenants", json!([])),
        ("ssoAppIds", json!([])),
    ] {
        assert_eq!(u[k], empty, "{k} must be cleared");
    }
    assert_eq!(u["status"], "disabled", "status is not part of update");
    // Additional login IDs may be set, but not to another user's.
    h.create(json!({"loginId": "bob"})).await;
    h.post(
        "/v1/mgmt/user/update",
        json!({"loginId": "ann@example.com", "additionalLoginIds": ["bob"]}),
    )
    .await
    .err(400, "E062107");
    let a = h
        .post(
            "/v1/mgmt/user/update",
            json!({"loginId": "ann@example.com", "additionalLoginIds": ["ann3"]}),
        )
        .await;
    assert_eq!(a.user()["loginIds"], json!(["ann@example.com", "ann3"]));
    h.post("/v1/mgmt/user/update", json!({"loginId": "ghost"}))
        .await
        .err(400, "E112102");
    h.post(
        "/v1/mgmt/user/update",
        json!({"loginId": "bob", "status": "enabled"}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/user/update",
        json!({"loginId": "bob", "roleNames": ["ghost"]}),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn patch_changes_only_given_keys() {
    let h = Harness::new();
    let before = h
        .create(
            json!({"loginId": "ann@example.com", "email": "ann@example.com", "phone": "+1",
                       "displayName": "Ann", "roleNames": ["admin"],
                       "customAttributes": {"seats": 3, "beta": true}}),
        )
        .await;
    let a = h
        .call("PATCH", "/v1/mgmt/user/patch", Some(json!({
            "loginId": "ann@example.com", "givenName": "Ann", "customAttributes": {"seats": 4, "beta": null},
            "status": "disabled", "scim": true, "additionalIdentifiers": ["x1"],
            "userTenants": [{"tenantId": "t-globex", "roleNames": ["viewer"]}]})))
        .await;
    a.ok();
    let u = a.user();
    assert_eq!(u["email"], before["email"]);
    assert_eq!(u["phone"], "+1");
    assert_eq!(u["name"], "Ann");
    assert_eq!(u["roleNames"], json!(["admin"]));
    assert_eq!(u["givenName"], "Ann");
    assert_eq!(u["customAttributes"], json!({"seats": 4}));
    assert_eq!(u["status"], "disabled");
    assert_eq!(u["SCIM"], true);
    assert_eq!(u["loginIds"], json!(["ann@example.com", "x1"]));
    assert_eq!(u["userTenants"][0]["tenantName"], "Globex");
    // Go's spelling of the display name.
    let a = h
        .call(
            "PATCH",
            "/v1/mgmt/user/patch",
            Some(json!({"loginId": "x1", "name": "Annie"})),
        )
        .await;
    assert_eq!(a.user()["name"], "Annie");
    for (body, code) in [
        (
            json!({"loginId": "ann@example.com", "status": "active"}),
            "E011003",
        ),
        (
            json!({"loginId": "ann@example.com", "roles": ["admin"]}),
            "E011003",
        ),
        (json!({"loginId": "ghost", "email": "x"}), "E112102"),
    ] {
        h.call("PATCH", "/v1/mgmt/user/patch", Some(body))
            .await
            .err(400, code);
    }
    // Patch is PATCH only.
    h.post("/v1/mgmt/user/patch", json!({"loginId": "x1"}))
        .await
        .err(405, "E011405");
}

#[tokio::test]
async fn patch_batch_reports_each_user() {
    let h = Harness::new();
    h.create(json!({"loginId": "user1"})).await;
    h.create(json!({"loginId": "user3"})).await;
    let a = h
        .call("PATCH", "/v1/mgmt/user/patch/batch", Some(json!({"users": [
            {"loginId": "user1", "email": "u1@x", "displayName": "User One", "roleNames": ["editor"],
             "additionalIdentifiers": ["id1"]},
            {"loginId": "user2", "phone": "+1234567890", "verifiedPhone": true},
            {"loginId": "user3", "status": "disabled"},
            {"loginId": "user3", "customAttributes": {"seats": "many"}}
        ]})))
        .await;
    a.ok();
    let patched = a.body["patchedUsers"].as_array().unwrap();
    assert_eq!(patched.len(), 2);
    assert_eq!(patched[0]["name"], "User One");
    assert_eq!(patched[0]["loginIds"], json!(["user1", "id1"]));
    assert_eq!(patched[1]["status"], "disabled");
    let failed = a.body["failedUsers"].as_array().unwrap();
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0]["failure"], "User not found");
    assert_eq!(failed[0]["user"]["loginIds"], json!(["user2"]));
    assert_eq!(failed[0]["user"]["phone"], "+1234567890");
    assert!(failed[1]["failure"].as_str().unwrap().contains("seats"));
    assert_eq!(a.body["additionalErrors"], json!({}));
    let empty = h
        .call(
            "PATCH",
            "/v1/mgmt/user/patch/batch",
            Some(json!({"users": []})),
        )
        .await;
    empty.ok();
    assert_eq!(
        empty.body,
        json!({"patchedUsers": [], "failedUsers": [], "additionalErrors": {}})
    );
    let bad = h
        .call(
            "PATCH",
            "/v1/mgmt/user/patch/batch",
            Some(json!({"users": [{"email": "x"}]})),
        )
        .await;
    assert_eq!(bad.description(), "\"users[0].loginId\" is required");
}

#[tokio::test]
async fn delete_by_login_id_or_user_id() {
    let h = Harness::new();
    let a = h.create(json!({"loginId": "a"})).await;
    let b = h.create(json!({"loginId": "b"})).await;
    h.create(json!({"loginId": "c"})).await;
    h.post("/v1/mgmt/user/delete", json!({"loginId": "a"}))
        .await
        .ok();
    h.get("/v1/mgmt/user?loginId=a").await.err(400, "E112102");
    assert_eq!(
        h.post("/v1/mgmt/user/delete", json!({"userId": b["userId"]}))
            .await
            .body,
        json!({})
    );
    // Go sends both keys, one empty.
    h.post(
        "/v1/mgmt/user/delete",
        json!({"loginId": "c", "userId": ""}),
    )
    .await
    .ok();
    assert!(h.app.store().users.is_empty());
    h.post("/v1/mgmt/user/delete", json!({"loginId": "a"}))
        .await
        .err(400, "E112102");
    h.post("/v1/mgmt/user/delete", json!({}))
        .await
        .err(400, "E011003");
    // userId must be a user ID, not a login ID.
    h.create(json!({"loginId": "d"})).await;
    h.post("/v1/mgmt/user/delete", json!({"userId": "d"}))
        .await
        .err(400, "E112102");
    let _ = a;
}

#[tokio::test]
async fn delete_batch_and_all_test_users() {
    let h = Harness::new();
    let a = h.create(json!({"loginId": "a"})).await;
    let b = h.create(json!({"loginId": "b"})).await;
    h.create(json!({"loginId": "c"})).await;
    h.post("/v1/mgmt/user/create/test", json!({"loginId": "t1"}))
        .await
        .ok();
    h.post("/v1/mgmt/user/create/test", json!({"loginId": "t2"}))
        .await
        .ok();
    let r = h
        .post(
            "/v1/mgmt/user/delete/batch",
            json!({"userIds": [a["userId"], b["userId"], "U2unknown"]}),
        )
        .await;
    r.ok();
    assert_eq!(r.body, json!({}));
    assert_eq!(h.app.store().users.len(), 3);
    h.post("/v1/mgmt/user/delete/batch", json!({"loginIds": ["c"]}))
        .await
        .err(400, "E011003");
    let r = h
        .call("DELETE", "/v1/mgmt/user/test/delete/all", None)
        .await;
    r.ok();
    assert_eq!(r.body, json!({}));
    let left: Vec<String> = h
        .app
        .store()
        .users
        .iter()
        .map(|u| u.login_ids[0].clone())
        .collect();
    assert_eq!(left, ["c"]);
    h.post("/v1/mgmt/user/test/delete/all", json!({}))
        .await
        .err(405, "E011405");
}

#[tokio::test]
async fn load_users_by_ids() {
    let h = Harness::new();
    let a = h.create(json!({"loginId": "a"})).await;
    let b = h
        .create(json!({"loginId": "b", "status": "disabled"}))
        .await;
    let ids = json!([a["userId"], b["userId"], "U2nope"]);
    let r = h.post("/v1/mgmt/users/load", json!({"userIds": ids})).await;
    r.ok();
    assert_eq!(r.body["total"], 1);
    assert_eq!(r.body["users"][0]["userId"], a["userId"]);
    let r = h
        .post(
            "/v1/mgmt/users/load",
            json!({"userIds": ids, "includeInvalidUsers": true}),
        )
        .await;
    assert_eq!(r.body["total"], 2);
    assert_eq!(r.body["users"].as_array().unwrap().len(), 2);
    h.post("/v1/mgmt/users/load", json!({}))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/users/load", json!({"userIds": "a"}))
        .await
        .err(400, "E011003");
}

#[tokio::test]
async fn logout_is_recorded() {
    let h = Harness::new();
    let u = h.create(json!({"loginId": "a"})).await;
    assert_eq!(h.admin_view("a").await["lastLogout"], Value::Null);
    let r = h
        .post("/v1/mgmt/user/logout", json!({"loginId": "a"}))
        .await;
    r.ok();
    assert_eq!(r.body, json!({}));
    let view = h.admin_view("a").await;
    assert!(view["lastLogout"].as_i64().unwrap() > 1_700_000_000);
    assert_eq!(view["logoutCount"], 1);
    h.post(
        "/v1/mgmt/user/logout",
        json!({"userId": u["userId"], "loginId": "", "sessionTypes": ["web"]}),
    )
    .await
    .ok();
    let view = h.admin_view("a").await;
    assert_eq!(view["logoutCount"], 2);
    assert_eq!(view["lastLogoutSessionTypes"], json!(["web"]));
    h.post("/v1/mgmt/user/logout", json!({"userId": "U2none"}))
        .await
        .err(400, "E112102");
    h.post("/v1/mgmt/user/logout", json!({}))
        .await
        .err(400, "E011003");
}
