//! `management.jwtTemplate` (templates, validation, the read-only library), `engine`
//! (secret once, rotation) and `scopeClaimMapping` (one ordered list).

mod common;

use common::Harness;
use serde_json::{json, Value};

async fn create_template(h: &Harness, template: Value) -> Value {
    let a = h
        .post(
            "/v1/mgmt/jwt/templates/create",
            json!({ "template": template }),
        )
        .await;
    a.ok();
    a.body["template"].clone()
}

#[tokio::test]
async fn jwt_templates_crud_with_zero_values_and_unique_names() {
    let h = Harness::new();
    let t = create_template(
        &h,
        json!({"name": "Hasura", "template": {"https://hasura.io/jwt/claims": {"x-hasura-user-id": "{{user.userId}}"}},
               "tags": ["hasura"], "autoDCT": true}),
    )
    .await;
    let id = t["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("JT2"), "{id}");
    assert_eq!(t["source"], "custom");
    assert_eq!(t["type"], "user");
    assert_eq!(t["authSchema"], "default");
    for k in [
        "description",
        "conformanceIssuer",
        "enforceIssuer",
        "emptyClaimPolicy",
        "overrideSubject",
        "issuerType",
        "omitCustomClaimsFromDSR",
        "addJti",
        "excludePermissions",
    ] {
        assert!(t.get(k).is_some(), "{k}");
    }
    let a = h
        .post(
            "/v1/mgmt/jwt/templates/create",
            json!({"template": {"name": "Hasura"}}),
        )
        .await;
    a.err(400, "E011003");
    assert_eq!(
        a.description(),
        "JWT template with this name already exists"
    );
    h.post("/v1/mgmt/jwt/templates/create", json!({"template": {}}))
        .await
        .err(400, "E011002");
    h.post(
        "/v1/mgmt/jwt/templates/create",
        json!({"template": {"id": "JT2mine", "name": "x"}}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/jwt/templates/create",
        json!({"template": {"name": "x", "type": "robot"}}),
    )
    .await
    .err(400, "E011003");

    // Update overwrites everything (tags and autoDCT back to zero), keeps the source.
    let a = h
        .post(
            "/v1/mgmt/jwt/templates/update",
            json!({"template": {"id": id, "name": "Hasura v2", "template": {"k": "v"}}}),
        )
        .await;
    a.ok();
    let u = &a.body["template"];
    assert_eq!(
        (u["name"].clone(), u["tags"].clone()),
        (json!("Hasura v2"), json!([]))
    );
    assert_eq!(u["autoDCT"], false);
    assert_eq!(u["source"], "custom");
    let loaded = h
        .post("/v1/mgmt/jwt/templates/load", json!({"id": id}))
        .await;
    assert_eq!(loaded.body["template"], *u);
    let listed = h.post("/v1/mgmt/jwt/templates/list", json!({})).await;
    assert_eq!(listed.body["templates"].as_array().unwrap().len(), 1);
    h.post(
        "/v1/mgmt/jwt/templates/update",
        json!({"template": {"name": "no id"}}),
    )
    .await
    .err(400, "E011002");
    h.post("/v1/mgmt/jwt/templates/delete", json!({"id": id}))
        .await
        .ok();
    h.post("/v1/mgmt/jwt/templates/load", json!({"id": id}))
        .await
        .err(400, "E011003");
}

#[tokio::test]
async fn templates_are_validated() {
    let h = Harness::new();
    let ok = create_template(
        &h,
        json!({"name": "ok", "template": {"email": "{{user.email}}"}}),
    )
    .await;
    let v = h
        .post("/v1/mgmt/jwt/templates/validate", json!({"id": ok["id"]}))
        .await;
    assert_eq!(v.body, json!({"valid": true, "issues": []}));
    let v = h
        .post(
            "/v1/mgmt/jwt/templates/validate",
            json!({"template": {"name": "bad", "template": {
                "sub": "x", "x": "{{nobody.name}}", "y": {"z": ["{{user.name"]}
            }}}),
        )
        .await;
    v.ok();
    assert_eq!(v.body["valid"], false);
    let paths: Vec<&str> = v.body["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["template.sub", "template.x", "template.y.z[0]"]);
    assert_eq!(v.body["issues"][1]["severity"], "error");
    assert!(v.body["issues"][1]["message"]
        .as_str()
        .unwrap()
        .contains("unknown claim source \"nobody\""));
    // An ID and an inline template: the ID must exist, the inline one is checked.
    let v = h
        .post(
            "/v1/mgmt/jwt/templates/validate",
            json!({"id": ok["id"], "template": {"name": "n", "template": {"iat": 1}}}),
        )
        .await;
    assert_eq!(v.body["valid"], false);
    h.post("/v1/mgmt/jwt/templates/validate", json!({"id": "JT2nope"}))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/jwt/templates/validate", json!({}))
        .await
        .err(400, "E011002");
    // Create and update refuse what validate flags.
    let a = h
        .post(
            "/v1/mgmt/jwt/templates/create",
            json!({"template": {"name": "bad", "template": {"exp": 1}}}),
        )
        .await;
    a.err(400, "E011003");
    assert!(
        a.description().starts_with("Invalid JWT template"),
        "{}",
        a.text
    );
}

#[tokio::test]
async fn the_library_is_read_only_and_applies_as_a_copy() {
    let h = Harness::new();
    let lib = h
        .post("/v1/mgmt/jwt/templates/library/list", json!({}))
        .await;
    lib.ok();
    let ids: Vec<&str> = lib.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["hasura", "supabase", "aws-appsync"]);
    let e = h
        .post(
            "/v1/mgmt/jwt/templates/library/load",
            json!({"id": "hasura"}),
        )
        .await;
    e.ok();
    for k in ["experimental", "logoLight", "logoDark", "template"] {
        assert!(e.body["entry"].get(k).is_some(), "{k}");
    }
    h.post("/v1/mgmt/jwt/templates/library/load", json!({"id": "nope"}))
        .await
        .err(400, "E011003");
    // Library entries cannot be changed through the template calls.
    for (path, body) in [
        (
            "/v1/mgmt/jwt/templates/update",
            json!({"template": {"id": "hasura", "name": "x"}}),
        ),
        ("/v1/mgmt/jwt/templates/delete", json!({"id": "hasura"})),
    ] {
        let a = h.post(path, body).await;
        a.err(400, "E011003");
        assert_eq!(
            a.description(),
            "JWT template library entries are read-only"
        );
    }
    let a = h
        .post(
            "/v1/mgmt/jwt/templates/library/apply",
            json!({"libraryEntryId": "hasura", "nameOverride": "Mine", "tagsOverride": ["t1"]}),
        )
        .await;
    a.ok();
    let t = &a.body["template"];
    assert_eq!(
        (t["name"].clone(), t["tags"].clone()),
        (json!("Mine"), json!(["t1"]))
    );
    assert_eq!(t["source"], "library");
    assert_eq!(
        t["template"]["https://hasura.io/jwt/claims"]["x-hasura-user-id"],
        "{{user.userId}}"
    );
    assert!(t.get("experimental").is_none());
    // The entry itself is unchanged; applying again clashes on the name.
    h.post(
        "/v1/mgmt/jwt/templates/library/apply",
        json!({"libraryEntryId": "hasura", "nameOverride": "Mine"}),
    )
    .await
    .err(400, "E011003");
    let again = h
        .post(
            "/v1/mgmt/jwt/templates/library/load",
            json!({"id": "hasura"}),
        )
        .await;
    assert_eq!(again.body["entry"]["name"], "Hasura");
}

#[tokio::test]
async fn engines_show_their_secret_once_and_rotate() {
    let h = Harness::new();
    let a = h
        .post("/v1/mgmt/engine/create", json!({"name": "risk"}))
        .await;
    a.ok();
    let e = a.body["engine"].clone();
    let id = e["id"].as_str().unwrap().to_string();
    let first = e["secret"].as_str().unwrap().to_string();
    assert!(id.starts_with("EN2") && first.len() >= 32, "{e}");
    let verify = |s: &str| {
        h.admin(
            "POST",
            "/emulator/secrets/verify",
            Some(json!({"secret": s})),
        )
    };
    assert_eq!(verify(&first).await.body["kind"], "engine");
    for text in [
        h.get(&format!("/v1/mgmt/engine/load?id={id}")).await.text,
        h.get("/v1/mgmt/engines/load").await.text,
        h.post("/v1/mgmt/engine/update", json!({"id": id, "name": "fraud"}))
            .await
            .text,
        format!("{:?}", *h.app.store()),
    ] {
        assert!(!text.contains(&first), "{text}");
    }
    let loaded = h.get(&format!("/v1/mgmt/engine/load?id={id}")).await;
    assert_eq!(loaded.body["engine"]["name"], "fraud");
    assert_eq!(loaded.body["engine"]["secret"], "");
    let r = h.post("/v1/mgmt/engine/rotate", json!({"id": id})).await;
    r.ok();
    let second = r.body["secret"].as_str().unwrap().to_string();
    assert_ne!(first, second);
    assert_eq!(verify(&first).await.body["valid"], false);
    assert_eq!(verify(&second).await.body["id"], id.as_str());
    h.post("/v1/mgmt/engine/create", json!({}))
        .await
        .err(400, "E011002");
    h.post(
        "/v1/mgmt/engine/update",
        json!({"id": "EN2nope", "name": "x"}),
    )
    .await
    .err(400, "E011003");
    h.post("/v1/mgmt/engine/delete", json!({"id": id}))
        .await
        .ok();
    h.get(&format!("/v1/mgmt/engine/load?id={id}"))
        .await
        .err(400, "E011003");
    assert_eq!(
        h.get("/v1/mgmt/engines/load").await.body,
        json!({"engines": []})
    );
}

#[tokio::test]
async fn scope_claim_mapping_is_one_ordered_list() {
    let h = Harness::new();
    let get = || h.post("/v1/mgmt/scopeClaimMapping/get", json!({}));
    assert_eq!(get().await.body, json!({"mappings": []}));
    let mappings = json!([
        {"scope": "profile", "claims": {"name": "{{user.name}}"}, "description": "Profile"},
        {"scope": "email", "claims": {"email": "{{user.email}}"}}
    ]);
    h.post(
        "/v1/mgmt/scopeClaimMapping/set",
        json!({"mappings": mappings}),
    )
    .await
    .ok();
    let got = get().await.body["mappings"].clone();
    assert_eq!(got[0]["scope"], "profile");
    assert_eq!(got[1]["description"], "");
    // `set` replaces the whole list.
    h.post(
        "/v1/mgmt/scopeClaimMapping/set",
        json!({"mappings": [{"scope": "email", "claims": {}}]}),
    )
    .await
    .ok();
    assert_eq!(get().await.body["mappings"].as_array().unwrap().len(), 1);
    for (body, code) in [
        (
            json!({"mappings": [{"scope": "a"}, {"scope": "a"}]}),
            "E011003",
        ),
        (json!({"mappings": [{"claims": {}}]}), "E011002"),
        (
            json!({"mappings": [{"scope": "a", "claims": {"x": 1}}]}),
            "E011001",
        ),
        (json!({}), "E011002"),
    ] {
        h.post("/v1/mgmt/scopeClaimMapping/set", body)
            .await
            .err(400, code);
    }
    h.post("/v1/mgmt/scopeClaimMapping/set", json!({"mappings": []}))
        .await
        .ok();
    assert_eq!(get().await.body, json!({"mappings": []}));
    h.post(
        "/v1/mgmt/scopeClaimMapping/set",
        json!({"mappings": [{"scope": "a", "claims": {}}]}),
    )
    .await
    .ok();
    h.post("/v1/mgmt/scopeClaimMapping/delete", json!({}))
        .await
        .ok();
    assert_eq!(get().await.body, json!({"mappings": []}));
}
