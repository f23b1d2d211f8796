//! The engine over the user catalogue: what it sends and what it refuses, argument by
//! argument (the conformance vectors pin the happy paths; these pin the edges). The same
//! engine serves JavaScript values in the package, so these hold there too.
// Native only: the generators and the docs read fields the wasm build leaves out.
#![cfg(not(target_arch = "wasm32"))]

use descope_mgmt::api::catalogue::{self, user::ROWS};
use descope_mgmt::api::value::Arg;
use descope_mgmt::api::{engine, Method, Request};
use descope_mgmt::{Client, Config, Error};
use serde_json::{json, Value};

fn prepare(name: &str, args: Value) -> Result<Request, Error> {
    let Value::Array(args) = args else {
        panic!("args must be an array")
    };
    engine::prepare("user", name, &Arg::list(&args))
}

fn body(name: &str, args: Value) -> Result<Value, Error> {
    let r = prepare(name, args)?;
    Ok(serde_json::from_str(r.body.as_deref().unwrap()).unwrap())
}

fn argument(name: &str, args: Value) -> String {
    let err = prepare(name, args).unwrap_err();
    assert_eq!(err.code(), "invalid_argument", "{err}");
    err.argument().unwrap().to_string()
}

#[test]
fn every_row_is_found_by_name_and_an_unknown_name_is_refused() {
    for row in ROWS {
        // With no arguments each call fails on its own arguments, never on its name.
        if let Err(e) = engine::prepare::<Arg>("user", row.name, &[]) {
            assert_ne!(e.argument(), Some("method"), "{}", row.name);
        }
    }
    let err = engine::prepare::<Arg>("user", "nope", &[]).unwrap_err();
    assert_eq!(err.argument(), Some("method"));
    let err = engine::prepare::<Arg>("nogroup", "load", &[]).unwrap_err();
    assert_eq!(err.argument(), Some("method"));
    assert!(catalogue::group("user").is_some());
}

#[test]
fn rows_have_unique_names_and_valid_paths() {
    let mut names: Vec<&str> = ROWS.iter().map(|r| r.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ROWS.len(), "a function is declared twice");
    for row in ROWS {
        assert!(
            row.path.starts_with("/v1/") || row.path.starts_with("/v2/"),
            "{}",
            row.name
        );
        assert!(!row.doc.is_empty(), "{} has no doc line", row.name);
    }
}

#[test]
fn creating_calls_are_not_idempotent_and_updates_are() {
    let one = |name: &str, args: Value| prepare(name, args).unwrap().idempotent;
    for name in ["create", "createTestUser", "invite"] {
        assert!(!one(name, json!(["lid"])), "{name}");
    }
    assert!(!one("createBatch", json!([[{"loginId": "a"}]])));
    assert!(!one("inviteBatch", json!([[{"loginId": "a"}]])));
    assert!(!one("import", json!(["Auth0"])));
    for name in ["updatePicture", "load", "delete"] {
        assert!(one(name, json!(["lid", "x"])), "{name}");
    }
    assert!(one("patch", json!(["lid", {}])));
}

#[test]
fn nulls_are_kept_and_absent_keys_stay_absent() {
    let b = body("create", json!(["lid", {"email": "a@b.c", "phone": null}])).unwrap();
    assert_eq!(
        b,
        json!({"loginId": "lid", "email": "a@b.c", "phone": null})
    );
    assert_eq!(
        body("createTestUser", json!(["lid"])).unwrap(),
        json!({"loginId": "lid", "test": true})
    );
    let b = body(
        "patch",
        json!(["lid", {"phone": null, "displayName": "D", "customAttributes": {"k": null}}]),
    )
    .unwrap();
    assert_eq!(
        b,
        json!({"loginId": "lid", "phone": null, "displayName": "D", "customAttributes": {"k": null}})
    );
    assert_eq!(
        prepare("patch", json!(["lid", {}])).unwrap().method,
        Method::Patch
    );
}

#[test]
fn invite_fields_only_on_invite_and_the_positional_form_is_refused() {
    let args = json!(["lid", {"sendMail": true}]);
    assert_eq!(argument("create", args.clone()), "options.sendMail");
    assert_eq!(argument("update", args.clone()), "options.sendMail");
    assert_eq!(
        argument("createTestUser", json!(["lid", {"templateId": "t"}])),
        "options.templateId"
    );
    assert_eq!(body("invite", args).unwrap()["invite"], json!(true));
    let err = prepare("create", json!(["lid", "a@b.c"])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Descope [invalid_argument] options must be an object"
    );
}

#[test]
fn option_errors_name_the_path() {
    assert_eq!(
        argument("create", json!(["lid", {"roles": ["a", 3]}])),
        "options.roles[1]"
    );
    let err = prepare("create", json!(["lid", {"emial": "x"}])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Descope [invalid_argument] options.emial is not a known key"
    );
    assert_eq!(
        argument(
            "create",
            json!(["lid", {"userTenants": [{"tenantId": "t"}, {"tenantId": ""}]}])
        ),
        "options.userTenants[1].tenantId"
    );
    assert_eq!(
        argument(
            "create",
            json!(["lid", {"customAttributes": {"seats": {"deep": 1}}}])
        ),
        "options.customAttributes.seats"
    );
    // The wire spelling is not the caller's.
    assert_eq!(
        argument("create", json!(["lid", {"roleNames": ["r"]}])),
        "options.roleNames"
    );
}

#[test]
fn ids_must_be_non_empty_strings() {
    // Unicode's White_Space, as `str::trim` has it (the JavaScript engine matches it).
    for bad in [
        json!(""),
        json!("  "),
        json!("\t\u{85}\u{a0}\u{2003}\u{3000}"),
        json!(5),
        json!(null),
    ] {
        assert_eq!(argument("load", json!([bad])), "loginIdOrUserId");
    }
    let bom = prepare("load", json!(["\u{feff}"])).unwrap();
    assert_eq!(bom.query, vec![("loginId", "\u{feff}".to_string())]);
    assert_eq!(argument("load", json!([])), "loginIdOrUserId");
    let r = prepare("loadByUserId", json!(["U1"])).unwrap();
    assert_eq!(r.query, vec![("userId", "U1".to_string())]);
    assert_eq!(r.body, None);
    assert_eq!(argument("updatePicture", json!(["lid", 42])), "picture");
    assert_eq!(
        body("updatePicture", json!(["lid", "foo"])).unwrap(),
        json!({"loginId": "lid", "picture": "foo"})
    );
}

#[test]
fn custom_attribute_values_of_every_kind_and_bad_ones() {
    for v in [
        json!("s"),
        json!(42),
        json!(1.5),
        json!(true),
        json!(["a"]),
        json!(null),
    ] {
        assert_eq!(
            body("updateCustomAttribute", json!(["lid", "k", v.clone()])).unwrap(),
            json!({"loginId": "lid", "attributeKey": "k", "attributeValue": v})
        );
    }
    for (args, name) in [
        (json!(["lid", "", 1]), "attributeKey"),
        (json!(["lid", "k"]), "attributeValue"),
        (json!(["lid", "k", {"a": 1}]), "attributeValue"),
        (json!(["lid", "k", [1]]), "attributeValue[0]"),
    ] {
        assert_eq!(argument("updateCustomAttribute", args), name);
    }
}

#[test]
fn name_parts_left_out_are_not_sent_and_a_positional_null_is() {
    assert_eq!(
        body("updateUserNames", json!(["lid", "g", null])).unwrap(),
        json!({"loginId": "lid", "givenName": "g", "middleName": null})
    );
    assert_eq!(
        body("updateDisplayName", json!(["lid", null, "g"])).unwrap(),
        json!({"loginId": "lid", "displayName": null, "givenName": "g"})
    );
    assert_eq!(
        argument("updateDisplayName", json!(["lid", "D", 3])),
        "givenName"
    );
}

#[test]
fn batches_empty_lists_and_hash_kinds() {
    assert_eq!(
        prepare("createBatch", json!([[]])).unwrap().body.as_deref(),
        Some(r#"{"users":[]}"#)
    );
    assert_eq!(
        prepare("history", json!([[]])).unwrap().body.as_deref(),
        Some("[]")
    );
    assert_eq!(argument("history", json!([["u1", ""]])), "userIds[1]");
    // An empty batch delete stays refused: the service may read it as "all".
    assert_eq!(argument("deleteBatch", json!([[]])), "userIds");
    let bcrypt = json!({"bcrypt": {"hash": "$2a$10$x"}});
    for (user, path) in [
        (
            json!({"loginId": "a", "hashedPassword": {}}),
            "users[1].hashedPassword",
        ),
        (
            json!({"loginId": "a", "hashedPassword": {"bcrypt": {"hash": "h"}, "md5": {"hash": "h"}}}),
            "users[1].hashedPassword",
        ),
        (
            json!({"loginId": "a", "password": {"hashed": {}}}),
            "users[1].password.hashed",
        ),
        (json!({"email": "no id"}), "users[1].loginIdOrUserId"),
    ] {
        assert_eq!(
            argument("createBatch", json!([[{"loginId": "ok"}, user]])),
            path
        );
    }
    prepare(
        "createBatch",
        json!([[{"loginId": "a", "hashedPassword": bcrypt}]]),
    )
    .unwrap();
    // loginIdOrUserId wins over loginId and is sent as loginId.
    assert_eq!(
        body(
            "patchBatch",
            json!([[{"loginId": "old", "loginIdOrUserId": "new", "phone": "+1"}]])
        )
        .unwrap(),
        json!({"users": [{"loginId": "new", "phone": "+1"}]})
    );
}

#[test]
fn every_search_flag_of_the_reference_goes_out_under_its_name() {
    for key in [
        "withTestUser",
        "testUsersOnly",
        "verifiedEmail",
        "verifiedPhone",
        "includeSubTenants",
        "ssoOnly",
        "scimOnly",
        "password",
        "totp",
        "webauthn",
        "scim",
    ] {
        assert_eq!(
            body("search", json!([{ key: true }])).unwrap()[key],
            json!(true),
            "{key}"
        );
    }
    assert_eq!(argument("search", json!([{"limit": -1}])), "options.limit");
    assert_eq!(
        argument("search", json!([{"statuses": ["gone"]}])),
        "options.statuses[0]"
    );
}

#[test]
fn provider_token_options_go_in_the_query_with_defaults() {
    let r = prepare("getProviderToken", json!(["lid", "google"])).unwrap();
    assert_eq!(
        r.query,
        vec![
            ("loginId", "lid".to_string()),
            ("provider", "google".to_string()),
            ("withRefreshToken", "false".to_string()),
            ("forceRefresh", "false".to_string()),
        ]
    );
}

#[test]
fn a_typed_call_never_shows_its_arguments() {
    let client = Client::new(Config::new("P2abc", "K2fake").unwrap());
    let call = client.user().set_active_password("a", "hunter2-secret");
    assert!(!format!("{call:?}").contains("hunter2-secret"));
    assert_eq!(call.row().name, "setActivePassword");
}

#[test]
fn path_parameters_are_encoded_and_absent_query_values_left_out() {
    use descope_mgmt::api::engine::{Arg as Param, Row, Ty};
    use descope_mgmt::api::Unwrap;
    // node-sdk puts an outbound application's ID into the path unencoded, and sends a
    // missing user ID as the query value `undefined`: the engine does neither.
    static ROW: Row = Row::new(
        "test",
        "loadThing",
        "load_thing",
        Method::Get,
        "/v1/mgmt/thing/{id}",
        Unwrap::Whole,
        "A row of this test only.",
    )
    .args(&[
        Param::path("id", Ty::Id, "id"),
        Param::new("userId", Ty::Str, "userId").opt(),
    ]);
    let r = engine::build(&ROW, &Arg::list(&[json!("a/b?c")])).unwrap();
    assert_eq!(r.path, "/v1/mgmt/thing/a%2Fb%3Fc");
    assert!(r.query.is_empty(), "{:?}", r.query);
    let r = engine::build(&ROW, &Arg::list(&[json!("x"), json!("u1")])).unwrap();
    assert_eq!(
        (r.path.as_str(), r.query),
        ("/v1/mgmt/thing/x", vec![("userId", "u1".to_string())])
    );
    let err = engine::build(&ROW, &Arg::list(&[json!("")])).unwrap_err();
    assert_eq!(err.argument(), Some("id"));
}

#[test]
fn truthy_only_arguments_and_string_defaults() {
    use descope_mgmt::api::engine::{Arg as Param, Need, Preset, Row, Ty};
    use descope_mgmt::api::Unwrap;
    // node-sdk's `if (ssoId) body.ssoId = ssoId` and default parameters, as rows say them.
    static ROW: Row = Row::new(
        "test",
        "link",
        "link",
        Method::Post,
        "/v1/mgmt/test/link",
        Unwrap::Whole,
        "A row of this test only.",
    )
    .args(&[
        Param {
            need: Need::Truthy,
            ..Param::new("ssoId", Ty::Str, "ssoId")
        },
        Param::new("kind", Ty::Bool, "kind").or(Preset::True),
        Param::new("ratio", Ty::Num, "ratio").opt(),
    ]);
    let body = |args: Value| {
        let Value::Array(args) = args else { panic!() };
        let r = engine::build(&ROW, &Arg::list(&args)).unwrap();
        serde_json::from_str::<Value>(r.body.as_deref().unwrap()).unwrap()
    };
    for falsy in [json!(""), json!(null)] {
        assert_eq!(body(json!([falsy])), json!({"kind": true}));
    }
    assert_eq!(
        body(json!(["s1", false, 0.5])),
        json!({"ssoId": "s1", "kind": false, "ratio": 0.5})
    );
    assert_eq!(
        body(json!(["s1", null])),
        json!({"ssoId": "s1", "kind": null})
    );
    let err = engine::build(&ROW, &Arg::list(&[json!("s"), json!(true), json!("x")])).unwrap_err();
    assert_eq!(err.argument(), Some("ratio"));
}

/// Every row whose answer holds a secret says so, so no error quotes its answer.
#[test]
fn rows_answering_secrets_are_marked_secret() {
    const SECRET_ANSWERS: &[&str] = &[
        "AccessKeyCreated",
        "Cleartext",
        "JwtAnswer",
        "JwtResponse",
        "SsoConfigurationLink",
        "ManagementKeyCreated",
        "EngineSecret",
        "InboundApplicationCreated",
        "OutboundToken",
        // The user API's test-user codes and sign-in tokens.
        "GeneratedOtp",
        "GeneratedLink",
        "EnchantedLink",
        "EmbeddedLink",
    ];
    // Answers that hold a secret only from this row (an engine's `secret` after create).
    const SECRET_ROWS: &[&str] = &["engine.create"];
    let mut marked = 0;
    for (group, rows) in descope_mgmt::api::catalogue::GROUPS {
        for row in *rows {
            let holds = SECRET_ANSWERS.contains(&row.returns)
                || SECRET_ROWS.contains(&format!("{group}.{}", row.name).as_str());
            assert_eq!(
                row.secret, holds,
                "{group}.{}: secret must be {holds}",
                row.name
            );
            marked += usize::from(holds);
        }
    }
    assert!(marked >= 29, "{marked}");
}
