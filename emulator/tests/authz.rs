//! `management.authz` (ReBAC): the schema, namespaces and relation definitions stored; the
//! questions answered from the stored relations directly and through the relation
//! definitions (`targetSet`, `relationLeft`, `relationRight`, target sets, user queries,
//! union / intersect / sub); deletes and renames cascading into relations; `getModified`.

mod common;

use common::Harness;
use serde_json::{json, Value};

fn child(expression: Value) -> Value {
    json!({"nType": "child", "expression": expression})
}

fn union(children: Vec<Value>) -> Value {
    json!({"nType": "union", "children": children})
}

/// The file-system schema of Descope's documentation: org members include the members of
/// sub-orgs; a folder's owners, editors and viewers include those of its parent folder;
/// owners are editors, editors are viewers.
fn files_schema() -> Value {
    let slf = child(json!({"neType": "self"}));
    let from_parent = |rd: &str| {
        child(
            json!({"neType": "relationRight", "relationDefinition": "parent",
                     "relationDefinitionNamespace": "folder", "targetRelationDefinition": rd,
                     "targetRelationDefinitionNamespace": "folder"}),
        )
    };
    let same = |rd: &str| {
        child(
            json!({"neType": "targetSet", "targetRelationDefinition": rd,
                     "targetRelationDefinitionNamespace": "folder"}),
        )
    };
    json!({"name": "Files", "namespaces": [
        {"name": "org", "relationDefinitions": [
            {"name": "parent"},
            {"name": "member", "complexDefinition": union(vec![slf.clone(), child(json!({
                "neType": "relationLeft", "relationDefinition": "parent",
                "relationDefinitionNamespace": "org", "targetRelationDefinition": "member",
                "targetRelationDefinitionNamespace": "org"}))])}
        ]},
        {"name": "folder", "relationDefinitions": [
            {"name": "parent"},
            {"name": "owner", "complexDefinition": union(vec![slf.clone(), from_parent("owner")])},
            {"name": "editor", "complexDefinition": union(vec![slf.clone(), from_parent("editor"), same("owner")])},
            {"name": "viewer", "complexDefinition": union(vec![slf, from_parent("viewer"), same("editor")])}
        ]}
    ]})
}

fn rel(resource: &str, rd: &str, ns: &str, target: &str) -> Value {
    json!({"resource": resource, "relationDefinition": rd, "namespace": ns, "target": target})
}

async fn setup(h: &Harness) {
    h.post(
        "/v1/mgmt/authz/schema/save",
        json!({"schema": files_schema(), "upgrade": true}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/authz/re/create",
        json!({"relations": [
            // root is the parent of docs, docs of specs.
            rel("root", "parent", "folder", "docs"),
            rel("docs", "parent", "folder", "specs"),
            rel("root", "owner", "folder", "alice"),
            rel("docs", "editor", "folder", "bob"),
            rel("specs", "viewer", "folder", "carol"),
            // acme is the parent of acme-eu; dave is in acme-eu.
            rel("acme", "parent", "org", "acme-eu"),
            rel("acme-eu", "member", "org", "dave"),
        ]}),
    )
    .await
    .ok();
}

async fn has(h: &Harness, resource: &str, rd: &str, ns: &str, target: &str) -> bool {
    let a = h
        .post(
            "/v1/mgmt/authz/re/has",
            json!({"relationQueries": [rel(resource, rd, ns, target)]}),
        )
        .await;
    a.ok();
    a.body["relationQueries"][0]["hasRelation"]
        .as_bool()
        .unwrap()
}

async fn who(h: &Harness, resource: &str, rd: &str, ns: &str) -> Vec<String> {
    let a = h
        .post(
            "/v1/mgmt/authz/re/who",
            json!({"resource": resource, "relationDefinition": rd, "namespace": ns}),
        )
        .await;
    a.ok();
    serde_json::from_value(a.body["targets"].clone()).unwrap()
}

#[tokio::test]
async fn direct_and_derived_relations() {
    let h = Harness::new();
    setup(&h).await;
    // Direct.
    assert!(has(&h, "root", "owner", "folder", "alice").await);
    // relationRight: owners of the parent own the child, at any depth.
    assert!(has(&h, "specs", "owner", "folder", "alice").await);
    // targetSet: owners are editors, editors viewers.
    assert!(has(&h, "root", "viewer", "folder", "alice").await);
    assert!(has(&h, "specs", "viewer", "folder", "bob").await);
    assert!(!has(&h, "root", "viewer", "folder", "bob").await);
    assert!(!has(&h, "docs", "editor", "folder", "carol").await);
    // relationLeft: members of a sub-org are members of the org.
    assert!(has(&h, "acme", "member", "org", "dave").await);
    assert!(!has(&h, "acme-eu", "member", "org", "nobody").await);
    // The answer echoes every query in order.
    let a = h
        .post(
            "/v1/mgmt/authz/re/has",
            json!({"relationQueries": [rel("root", "owner", "folder", "bob"), rel("docs", "editor", "folder", "bob")]}),
        )
        .await;
    assert_eq!(
        a.body["relationQueries"],
        json!([
            {"resource": "root", "relationDefinition": "owner", "namespace": "folder", "target": "bob", "hasRelation": false},
            {"resource": "docs", "relationDefinition": "editor", "namespace": "folder", "target": "bob", "hasRelation": true}
        ])
    );

    assert_eq!(
        who(&h, "specs", "viewer", "folder").await,
        ["alice", "bob", "carol"]
    );
    assert_eq!(who(&h, "docs", "owner", "folder").await, ["alice"]);

    // What can a target access: derived relations included, node's shapes.
    let a = h
        .post("/v1/mgmt/authz/re/targetall", json!({"target": "bob"}))
        .await;
    a.ok();
    let got: Vec<String> = a.body["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{}#{}",
                r["resource"].as_str().unwrap(),
                r["relationDefinition"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        ["docs#editor", "specs#editor", "docs#viewer", "specs#viewer"]
    );
    assert_eq!(a.body["relations"][0]["targetSetResource"], "");
    let a = h
        .post(
            "/v1/mgmt/authz/re/targetwithrelation",
            json!({"target": "alice", "relationDefinition": "owner", "namespace": "folder"}),
        )
        .await;
    assert_eq!(a.body, json!({"resources": ["root", "docs", "specs"]}));
}

#[tokio::test]
async fn stored_relation_lists_are_not_recursive() {
    let h = Harness::new();
    setup(&h).await;
    h.post(
        "/v1/mgmt/authz/re/create",
        json!({"relations": [{"resource": "report", "relationDefinition": "viewer", "namespace": "folder",
                              "targetSetResource": "docs", "targetSetRelationDefinition": "editor",
                              "targetSetRelationDefinitionNamespace": "folder"}]}),
    )
    .await
    .ok();
    // A target set: whoever edits docs views report.
    assert!(has(&h, "report", "viewer", "folder", "bob").await);
    assert!(has(&h, "report", "viewer", "folder", "alice").await);
    assert!(!has(&h, "report", "viewer", "folder", "carol").await);

    let resource = |ignore: bool| {
        h.post(
            "/v1/mgmt/authz/re/resource",
            json!({"resource": "report", "ignoreTargetSetRelations": ignore}),
        )
    };
    assert_eq!(
        resource(false).await.body["relations"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(resource(true).await.body, json!({"relations": []}));
    let targets = |include: bool| {
        h.post(
            "/v1/mgmt/authz/re/targets",
            json!({"targets": ["bob"], "includeTargetSetRelations": include}),
        )
    };
    let direct = targets(false).await.body["relations"].clone();
    assert_eq!(
        direct,
        json!([rel("docs", "editor", "folder", "bob")
            .as_object()
            .unwrap()
            .clone()
            .into_iter()
            .chain([
                ("targetSetResource".into(), json!("")),
                ("targetSetRelationDefinition".into(), json!("")),
                ("targetSetRelationDefinitionNamespace".into(), json!(""))
            ])
            .collect::<serde_json::Map<_, _>>()])
    );
    assert_eq!(
        targets(true).await.body["relations"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn node_types_and_user_queries() {
    let h = Harness::with_seed(json!({
        "tenants": [{"id": "t1", "name": "One"}],
        "users": [
            {"loginId": "ann", "userId": "U2ann", "userTenants": [{"tenantId": "t1"}]},
            {"loginId": "bob", "userId": "U2bob", "status": "disabled", "userTenants": [{"tenantId": "t1"}]},
            {"loginId": "cid", "userId": "U2cid"}
        ]
    }));
    let slf = child(json!({"neType": "self"}));
    let same = |rd: &str| child(json!({"neType": "targetSet", "targetRelationDefinition": rd}));
    h.post(
        "/v1/mgmt/authz/schema/save",
        json!({"schema": {"namespaces": [{"name": "doc", "relationDefinitions": [
            {"name": "member"},
            {"name": "banned"},
            {"name": "approved"},
            {"name": "reader", "complexDefinition": {"nType": "sub", "children": [same("member"), same("banned")]}},
            {"name": "publisher", "complexDefinition": {"nType": "intersect", "children": [same("member"), same("approved")]}},
            {"name": "any", "complexDefinition": union(vec![slf])}
        ]}]}}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/authz/re/create",
        json!({"relations": [
            {"resource": "d1", "relationDefinition": "member", "namespace": "doc",
             "query": {"tenants": ["t1"], "statuses": ["enabled", "disabled"]}},
            rel("d1", "banned", "doc", "U2bob"),
            rel("d1", "approved", "doc", "U2ann"),
            rel("d1", "member", "doc", "U2cid"),
        ]}),
    )
    .await
    .ok();
    // The query matches Ann and Bob (tenant t1); Cid is a direct member.
    // Candidates come in the order the relations name them, then the users.
    assert_eq!(
        who(&h, "d1", "member", "doc").await,
        ["U2bob", "U2ann", "U2cid"]
    );
    assert_eq!(who(&h, "d1", "reader", "doc").await, ["U2ann", "U2cid"]);
    assert_eq!(who(&h, "d1", "publisher", "doc").await, ["U2ann"]);
    // A query on statuses narrows.
    h.post(
        "/v1/mgmt/authz/re/create",
        json!({"relations": [{"resource": "d2", "relationDefinition": "member", "namespace": "doc",
                              "query": {"tenants": ["t1"], "statuses": ["enabled"]}}]}),
    )
    .await
    .ok();
    assert_eq!(who(&h, "d2", "member", "doc").await, ["U2ann"]);
}

#[tokio::test]
async fn relations_need_their_schema_and_are_deleted_with_it() {
    let h = Harness::new();
    setup(&h).await;
    for (body, code) in [
        (
            json!({"relations": [rel("x", "owner", "nope", "u")]}),
            "E011003",
        ),
        (
            json!({"relations": [rel("x", "nope", "folder", "u")]}),
            "E011003",
        ),
        (
            json!({"relations": [{"resource": "x", "relationDefinition": "owner", "namespace": "folder"}]}),
            "E011002",
        ),
        (
            json!({"relations": [{"resource": "x", "relationDefinition": "owner", "namespace": "folder",
                               "target": "u", "targetSetResource": "y", "targetSetRelationDefinition": "owner",
                               "targetSetRelationDefinitionNamespace": "folder"}]}),
            "E011003",
        ),
        (
            json!({"relations": [{"resource": "x", "relationDefinition": "owner", "namespace": "folder",
                               "targetSetResource": "y"}]}),
            "E011003",
        ),
        (json!({"relations": []}), "E011002"),
    ] {
        h.post("/v1/mgmt/authz/re/create", body)
            .await
            .err(400, code);
    }
    // Creating twice stores once; deleting absent relations is fine.
    h.post(
        "/v1/mgmt/authz/re/create",
        json!({"relations": [rel("root", "owner", "folder", "alice")]}),
    )
    .await
    .ok();
    assert_eq!(h.app.store().authz.relations.len(), 7);
    h.post(
        "/v1/mgmt/authz/re/delete",
        json!({"relations": [rel("root", "owner", "folder", "alice"), rel("root", "owner", "folder", "zed")]}),
    )
    .await
    .ok();
    assert!(!has(&h, "specs", "owner", "folder", "alice").await);
    // Resource or target vs resource only.
    h.post(
        "/v1/mgmt/authz/re/deleteresourcesrelations",
        json!({"resources": ["specs"]}),
    )
    .await
    .ok();
    assert!(!has(&h, "specs", "viewer", "folder", "carol").await);
    assert!(h
        .app
        .store()
        .authz
        .relations
        .iter()
        .any(|r| r.target == "specs"));
    h.post(
        "/v1/mgmt/authz/re/deleteresources",
        json!({"resources": ["specs", "dave"]}),
    )
    .await
    .ok();
    assert!(!h
        .app
        .store()
        .authz
        .relations
        .iter()
        .any(|r| r.target == "specs" || r.target == "dave"));
    // A definition another one is built from cannot go; deleting a definition or a
    // namespace deletes its relations.
    let a = h
        .post(
            "/v1/mgmt/authz/rd/delete",
            json!({"name": "parent", "namespace": "org"}),
        )
        .await;
    a.err(400, "E011003");
    assert!(
        a.description().contains("refers to \"parent\""),
        "{}",
        a.text
    );
    h.post(
        "/v1/mgmt/authz/rd/delete",
        json!({"name": "viewer", "namespace": "folder"}),
    )
    .await
    .ok();
    assert!(!h
        .app
        .store()
        .authz
        .relations
        .iter()
        .any(|r| r.relation_definition == "viewer"));
    h.post("/v1/mgmt/authz/ns/delete", json!({"name": "org"}))
        .await
        .ok();
    assert!(!h
        .app
        .store()
        .authz
        .relations
        .iter()
        .any(|r| r.namespace == "org"));
    h.post("/v1/mgmt/authz/ns/delete", json!({"name": "org"}))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/authz/schema/delete", json!({})).await.ok();
    assert!(h.app.store().authz.relations.is_empty());
    let a = h.post("/v1/mgmt/authz/schema/load", json!({})).await;
    assert_eq!(a.body, json!({"schema": {"name": "", "namespaces": []}}));
}

#[tokio::test]
async fn schema_saves_namespaces_and_definitions() {
    let h = Harness::new();
    setup(&h).await;
    let a = h.post("/v1/mgmt/authz/schema/load", json!({})).await;
    assert_eq!(a.body["schema"], files_schema());
    // Without upgrade, other namespaces stay; a dropped definition takes its relations.
    h.post(
        "/v1/mgmt/authz/schema/save",
        json!({"schema": {"name": "v2", "namespaces": [{"name": "org", "relationDefinitions": [{"name": "member"}]}]}}),
    )
    .await
    .ok();
    let names: Vec<String> = h
        .app
        .store()
        .authz
        .namespaces
        .iter()
        .map(|n| n.name.clone())
        .collect();
    assert_eq!(names, ["org", "folder"]);
    assert!(!h
        .app
        .store()
        .authz
        .relations
        .iter()
        .any(|r| r.relation_definition == "parent" && r.namespace == "org"));
    // With upgrade the schema becomes exactly the given one.
    h.post(
        "/v1/mgmt/authz/schema/save",
        json!({"schema": {"namespaces": [{"name": "org", "relationDefinitions": [{"name": "member"}]}]}, "upgrade": true}),
    )
    .await
    .ok();
    assert_eq!(h.app.store().authz.namespaces.len(), 1);
    assert!(h
        .app
        .store()
        .authz
        .relations
        .iter()
        .all(|r| r.namespace == "org"));
    // References must exist; node and expression types are checked.
    for schema in [
        json!({"namespaces": [{"name": "a", "relationDefinitions": [{"name": "r", "complexDefinition":
            child(json!({"neType": "targetSet", "targetRelationDefinition": "nope"}))}]}]}),
        json!({"namespaces": [{"name": "a", "relationDefinitions": [{"name": "r", "complexDefinition":
            {"nType": "either", "children": []}}]}]}),
        json!({"namespaces": [{"name": "a", "relationDefinitions": [{"name": "r"}, {"name": "r"}]}]}),
        json!({"namespaces": [{"name": "a"}, {"name": "a"}]}),
    ] {
        h.post("/v1/mgmt/authz/schema/save", json!({"schema": schema}))
            .await
            .err(400, "E011003");
    }
    h.post(
        "/v1/mgmt/authz/schema/save",
        json!({"schema": {"namespaces": [{"name": "a", "relationDefinitions": [{"name": "r", "complexDefinition": {"nType": "child"}}]}]}}),
    )
    .await
    .err(400, "E011002");

    // saveNamespace never drops definitions it does not mention; oldName renames.
    h.post(
        "/v1/mgmt/authz/ns/save",
        json!({"namespace": {"name": "org", "relationDefinitions": [{"name": "admin"}]}}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/authz/re/create",
        json!({"relations": [rel("acme", "admin", "org", "erin")]}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/authz/ns/save",
        json!({"namespace": {"name": "company", "relationDefinitions": []}, "oldName": "org", "schemaName": "v3"}),
    )
    .await
    .ok();
    let ns = h.app.store().authz.namespaces[0].clone();
    assert_eq!(ns.name, "company");
    assert_eq!(ns.relation_definitions.len(), 2);
    assert!(has(&h, "acme", "admin", "company", "erin").await);
    h.post(
        "/v1/mgmt/authz/ns/save",
        json!({"namespace": {"name": "x"}, "oldName": "nope"}),
    )
    .await
    .err(400, "E011003");
    // saveRelationDefinition: in an existing namespace; oldName renames (relations follow).
    h.post(
        "/v1/mgmt/authz/rd/save",
        json!({"relationDefinition": {"name": "boss"}, "namespace": "company", "oldName": "admin"}),
    )
    .await
    .ok();
    assert!(has(&h, "acme", "boss", "company", "erin").await);
    h.post(
        "/v1/mgmt/authz/rd/save",
        json!({"relationDefinition": {"name": "x"}, "namespace": "nope"}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/authz/rd/delete",
        json!({"name": "boss", "namespace": "company"}),
    )
    .await
    .ok();
    assert!(!has(&h, "acme", "boss", "company", "erin").await);
    assert!(!h
        .app
        .store()
        .authz
        .relations
        .iter()
        .any(|r| r.relation_definition == "boss"));
}

#[tokio::test]
async fn get_modified_lists_what_changed_since() {
    let h = Harness::new();
    let a = h
        .post("/v1/mgmt/authz/getmodified", json!({"since": 0}))
        .await;
    assert_eq!(
        a.body,
        json!({"resources": [], "targets": [], "schemaChanged": false})
    );
    setup(&h).await;
    let a = h
        .post("/v1/mgmt/authz/getmodified", json!({"since": 0}))
        .await;
    assert_eq!(a.body["schemaChanged"], true);
    assert_eq!(
        a.body["resources"],
        json!(["root", "docs", "specs", "acme", "acme-eu"])
    );
    assert_eq!(
        a.body["targets"],
        json!(["docs", "specs", "alice", "bob", "carol", "acme-eu", "dave"])
    );
    let later = h.app.store().authz.changes.last().unwrap().at + 1;
    let a = h
        .post("/v1/mgmt/authz/getmodified", json!({"since": later}))
        .await;
    assert_eq!(
        a.body,
        json!({"resources": [], "targets": [], "schemaChanged": false})
    );
}
