//! `management.fga`: the DSL stored and checked, tuples that must fit it, `check` from the
//! stored tuples (direct, through usersets and permissions), schema changes deleting the
//! tuples they drop (and `dryRun` saying so), resource details, mappable resources.

mod common;

use common::Harness;
use serde_json::{json, Value};

const DSL: &str = "model AuthZ 1.0

type user

type group
  relation member: user

type folder
  relation owner: user | group#member
  relation viewer: user

  permission can_view: viewer | owner

type doc
  relation parent: folder
  relation banned: user
  relation editor: user

  permission can_view: parent.can_view - banned
  permission can_edit: editor & can_view
";

fn t(resource: &str, rtype: &str, relation: &str, target: &str, ttype: &str) -> Value {
    json!({"resource": resource, "resourceType": rtype, "relation": relation,
           "target": target, "targetType": ttype})
}

async fn setup(h: &Harness) {
    h.post("/v1/mgmt/fga/schema", json!({"dsl": DSL}))
        .await
        .ok();
    h.post(
        "/v1/mgmt/fga/relations",
        json!({"tuples": [
            t("eng", "group", "member", "bob", "user"),
            t("f1", "folder", "owner", "eng", "group#member"),
            t("f1", "folder", "viewer", "carol", "user"),
            t("d1", "doc", "parent", "f1", "folder"),
            t("d1", "doc", "banned", "carol", "user"),
            t("d1", "doc", "editor", "bob", "user"),
            t("d1", "doc", "editor", "carol", "user"),
        ]}),
    )
    .await
    .ok();
}

async fn check(h: &Harness, tuple: Value) -> (bool, bool) {
    let a = h
        .post("/v1/mgmt/fga/check", json!({"tuples": [tuple]}))
        .await;
    a.ok();
    let r = &a.body["tuples"][0];
    (
        r["allowed"].as_bool().unwrap(),
        r["info"]["direct"].as_bool().unwrap(),
    )
}

#[tokio::test]
async fn check_answers_from_the_stored_tuples() {
    let h = Harness::new();
    setup(&h).await;
    assert_eq!(h.get("/v1/mgmt/fga/schema").await.body, json!({"dsl": DSL}));
    // Direct tuples.
    assert_eq!(
        check(&h, t("d1", "doc", "editor", "bob", "user")).await,
        (true, true)
    );
    // A userset: group members own f1.
    assert_eq!(
        check(&h, t("f1", "folder", "owner", "bob", "user")).await,
        (true, false)
    );
    assert_eq!(
        check(&h, t("f1", "folder", "owner", "carol", "user")).await,
        (false, false)
    );
    // Permissions: unions, arrows, but-not, and.
    assert_eq!(
        check(&h, t("f1", "folder", "can_view", "carol", "user")).await,
        (true, false)
    );
    assert_eq!(
        check(&h, t("d1", "doc", "can_view", "bob", "user")).await,
        (true, false)
    );
    assert_eq!(
        check(&h, t("d1", "doc", "can_view", "carol", "user")).await,
        (false, false)
    );
    assert_eq!(
        check(&h, t("d1", "doc", "can_edit", "bob", "user")).await,
        (true, false)
    );
    assert_eq!(
        check(&h, t("d1", "doc", "can_edit", "carol", "user")).await,
        (false, false)
    );
    // The answer echoes each tuple.
    let a = h
        .post(
            "/v1/mgmt/fga/check",
            json!({"tuples": [t("d1", "doc", "editor", "bob", "user"), t("d2", "doc", "editor", "bob", "user")],
                   "context": {"ip": "1.2.3.4"}}),
        )
        .await;
    assert_eq!(
        a.body["tuples"],
        json!([
            {"allowed": true, "tuple": t("d1", "doc", "editor", "bob", "user"), "info": {"direct": true}},
            {"allowed": false, "tuple": t("d2", "doc", "editor", "bob", "user"), "info": {"direct": false}}
        ])
    );
    // Deleting a tuple takes what it granted.
    h.post(
        "/v1/mgmt/fga/relations/delete",
        json!({"tuples": [t("eng", "group", "member", "bob", "user")]}),
    )
    .await
    .ok();
    assert_eq!(
        check(&h, t("d1", "doc", "can_view", "bob", "user")).await,
        (false, false)
    );
    h.call("DELETE", "/v1/mgmt/fga/relations", None).await.ok();
    assert_eq!(
        check(&h, t("d1", "doc", "editor", "bob", "user")).await,
        (false, false)
    );
}

#[tokio::test]
async fn the_schema_is_checked_and_tuples_must_fit_it() {
    let h = Harness::new();
    // Without a schema any tuple is stored (and checked directly).
    h.post(
        "/v1/mgmt/fga/relations",
        json!({"tuples": [t("x", "thing", "rel", "u", "user")]}),
    )
    .await
    .ok();
    assert_eq!(
        check(&h, t("x", "thing", "rel", "u", "user")).await,
        (true, true)
    );
    for dsl in [
        "type user\n",
        "model AuthZ 1.0\ntype doc\n  relation owner: nobody\n",
        "model AuthZ 1.0\ntype doc\n  permission p: q\n",
        "model AuthZ 1.0\ntype user\ntype user\n",
        "model AuthZ 1.0\n  relation owner: user\n",
        "model AuthZ 1.0\ntype user\ntype doc\n  relation owner: user\n  permission p: owner.x\n",
        "model AuthZ 1.0\ntype user\ntype doc\n  relation owner: user\n  permission p: (owner\n",
        "",
    ] {
        let a = h.post("/v1/mgmt/fga/schema", json!({"dsl": dsl})).await;
        assert_eq!(a.status.as_u16(), 400, "{dsl:?}");
    }
    let a = h
        .post(
            "/v1/mgmt/fga/schema",
            json!({"dsl": "model AuthZ 1.0\ntype doc\n  relation owner: nobody\n"}),
        )
        .await;
    assert_eq!(
        a.description(),
        "Invalid FGA schema: line 3: type \"nobody\" is not declared"
    );
    setup(&h).await;
    // The schema-less tuple of a type the schema does not have is gone.
    assert_eq!(
        check(&h, t("x", "thing", "rel", "u", "user")).await,
        (false, false)
    );
    for tuple in [
        t("d9", "memo", "owner", "u", "user"),
        t("d9", "doc", "can_view", "u", "user"),
        t("d9", "doc", "editor", "g", "group"),
        t("f9", "folder", "owner", "g", "group#owner"),
    ] {
        h.post("/v1/mgmt/fga/relations", json!({"tuples": [tuple]}))
            .await
            .err(400, "E011003");
    }
    h.post(
        "/v1/mgmt/fga/relations",
        json!({"tuples": [{"resource": "d"}]}),
    )
    .await
    .err(400, "E011002");
}

#[tokio::test]
async fn dropping_types_or_relations_deletes_their_tuples() {
    let h = Harness::new();
    setup(&h).await;
    let smaller = "model AuthZ 1.0\ntype user\ntype group\n  relation member: user\n\
                   type folder\n  relation owner: user | group#member\n";
    let a = h
        .post("/v1/mgmt/fga/schema/dryrun", json!({"dsl": smaller}))
        .await;
    a.ok();
    assert_eq!(
        a.body,
        json!({"deletesPreview": {"hasDeletes": true, "relations": ["folder#viewer"], "types": ["doc"]}})
    );
    // A dry run changes nothing.
    assert_eq!(h.app.store().fga.tuples.len(), 7);
    h.post("/v1/mgmt/fga/schema", json!({"dsl": smaller}))
        .await
        .ok();
    let left: Vec<String> = h
        .app
        .store()
        .fga
        .tuples
        .iter()
        .map(|t| format!("{}#{}", t.resource_type, t.relation))
        .collect();
    assert_eq!(left, ["group#member", "folder#owner"]);
    let a = h
        .post("/v1/mgmt/fga/schema/dryrun", json!({"dsl": smaller}))
        .await;
    assert_eq!(
        a.body,
        json!({"deletesPreview": {"hasDeletes": false, "relations": [], "types": []}})
    );
    // Deleting the schema (the endpoint shared with authz) deletes every tuple.
    h.post("/v1/mgmt/authz/schema/delete", json!({})).await.ok();
    assert_eq!(h.get("/v1/mgmt/fga/schema").await.body, json!({"dsl": ""}));
    assert!(h.app.store().fga.tuples.is_empty());
}

#[tokio::test]
async fn resource_details_and_mappable_resources() {
    let h = Harness::with_seed(json!({"tenants": [{"id": "t1", "name": "One"}]}));
    setup(&h).await;
    h.post(
        "/v1/mgmt/fga/resources/save",
        json!({"resourcesDetails": [
            {"resourceId": "d1", "resourceType": "doc", "displayName": "Roadmap"},
            {"resourceId": "d2", "resourceType": "doc", "displayName": "Budget"}
        ]}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/fga/resources/save",
        json!({"resourcesDetails": [{"resourceId": "d1", "resourceType": "doc", "displayName": "Road map"}]}),
    )
    .await
    .ok();
    let a = h
        .post(
            "/v1/mgmt/fga/resources/load",
            json!({"resourceIdentifiers": [
                {"resourceId": "d2", "resourceType": "doc"},
                {"resourceId": "d1", "resourceType": "doc"},
                {"resourceId": "zz", "resourceType": "doc"}
            ]}),
        )
        .await;
    assert_eq!(
        a.body["resourcesDetails"],
        json!([
            {"resourceId": "d2", "resourceType": "doc", "displayName": "Budget"},
            {"resourceId": "d1", "resourceType": "doc", "displayName": "Road map"}
        ])
    );
    let a = h
        .get("/v1/mgmt/fga/mappable/schema?tenantId=t1&resourcesLimit=1")
        .await;
    a.ok();
    assert_eq!(a.body["schema"]["namespaces"][3]["name"], "doc");
    assert_eq!(
        a.body["schema"]["namespaces"][3]["relationDefinitions"],
        json!([{"name": "parent"}, {"name": "banned"}, {"name": "editor"}])
    );
    let doc = a.body["mappableResources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["type"] == "doc")
        .unwrap()
        .clone();
    assert_eq!(
        doc["resources"],
        json!([{"resource": "d1", "displayName": "Road map"}])
    );
    h.get("/v1/mgmt/fga/mappable/schema?tenantId=nope")
        .await
        .err(400, "E011003");
    let a = h
        .post(
            "/v1/mgmt/fga/mappable/resources",
            json!({"tenantId": "t1", "resourcesQueries": [{"type": "doc", "queries": ["budg"]},
                                                          {"type": "folder", "queries": []}]}),
        )
        .await;
    assert_eq!(
        a.body["mappableResources"],
        json!([
            {"type": "doc", "resources": [{"resource": "d2", "displayName": "Budget"}]},
            {"type": "folder", "resources": [{"resource": "f1"}]}
        ])
    );
}
