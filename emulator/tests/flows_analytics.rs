//! Flows and the theme as stored documents, `flow.run` answering the output set through
//! the admin endpoint, and `analytics.search` computed from the audit trail.

mod common;

use common::Harness;
use serde_json::{json, Value};

#[tokio::test]
async fn flows_import_export_list_delete() {
    let h = Harness::new();
    assert_eq!(
        h.post("/v1/mgmt/flow/list", json!({})).await.body,
        json!({"flows": [], "total": 0})
    );
    let a = h
        .post(
            "/v1/mgmt/flow/import",
            json!({"flowId": "sign-in", "flow": {"id": "ignored", "name": "Sign in", "description": "d",
                   "dsl": {"startTask": "welcome", "tasks": {}}, "disabled": false},
                   "screens": [{"id": "welcome", "flowId": "x", "inputs": [], "interactions": [],
                                "htmlTemplate": {"type": "div"}}]}),
        )
        .await;
    a.ok();
    // `flowId` wins over the ID inside the flow; screens belong to it.
    assert_eq!(a.body["flow"]["id"], "sign-in");
    assert_eq!(a.body["flow"]["etag"], "1");
    assert_eq!(a.body["screens"][0]["flowId"], "sign-in");
    let e = h
        .post("/v1/mgmt/flow/export", json!({"flowId": "sign-in"}))
        .await;
    assert_eq!(e.body, a.body);
    // Import overwrites; the etag moves on; absent name falls back to the ID.
    let a = h
        .post(
            "/v1/mgmt/flow/import",
            json!({"flowId": "sign-in", "flow": {"dsl": {"v": 2}}}),
        )
        .await;
    assert_eq!(a.body["flow"]["etag"], "2");
    assert_eq!(a.body["flow"]["name"], "sign-in");
    assert_eq!(a.body["screens"], json!([]));
    h.post(
        "/v1/mgmt/flow/import",
        json!({"flowId": "other", "flow": {"name": "Other", "disabled": true}}),
    )
    .await
    .ok();
    let l = h.post("/v1/mgmt/flow/list", json!({})).await;
    assert_eq!(l.body["total"], 2);
    assert_eq!(
        l.body["flows"][1],
        json!({"id": "other", "name": "Other", "description": "", "disabled": true})
    );
    for (path, body, code) in [
        ("/v1/mgmt/flow/import", json!({"flowId": "x"}), "E011002"),
        (
            "/v1/mgmt/flow/import",
            json!({"flowId": "x", "flow": {}, "screens": [{}]}),
            "E011002",
        ),
        (
            "/v1/mgmt/flow/import",
            json!({"flowId": "x", "flow": {"steps": []}}),
            "E011001",
        ),
        ("/v1/mgmt/flow/export", json!({"flowId": "nope"}), "E011003"),
        (
            "/v1/mgmt/flow/delete",
            json!({"ids": ["sign-in", "nope"]}),
            "E011003",
        ),
        ("/v1/mgmt/flow/delete", json!({"ids": []}), "E011002"),
    ] {
        h.post(path, body).await.err(400, code);
    }
    h.post("/v1/mgmt/flow/delete", json!({"ids": ["sign-in", "other"]}))
        .await
        .ok();
    assert_eq!(
        h.post("/v1/mgmt/flow/list", json!({})).await.body["total"],
        0
    );
}

#[tokio::test]
async fn run_answers_the_configured_output() {
    let h = Harness::with_seed(json!({
        "tenants": [{"id": "t1", "name": "One"}],
        "flows": [{"id": "mgmt-flow", "name": "M"}, {"id": "off", "name": "Off", "disabled": true}]
    }));
    let run = |body: Value| h.post("/v1/mgmt/flow/run", body);
    assert_eq!(
        run(json!({"flowId": "mgmt-flow"})).await.body,
        json!({"output": {}})
    );
    let set = |body: Value| h.admin("POST", "/emulator/flows/output", Some(body));
    set(json!({"output": {"default": true}})).await.ok();
    set(json!({"flowId": "mgmt-flow", "output": {"greeting": "hello", "count": 2}}))
        .await
        .ok();
    let a = run(json!({"flowId": "mgmt-flow", "options": {"input": {"k": "v"}, "preview": true, "tenant": "t1"}})).await;
    assert_eq!(a.body, json!({"output": {"greeting": "hello", "count": 2}}));
    h.post(
        "/v1/mgmt/flow/import",
        json!({"flowId": "second", "flow": {"name": "Second"}}),
    )
    .await
    .ok();
    assert_eq!(
        run(json!({"flowId": "second"})).await.body,
        json!({"output": {"default": true}})
    );
    run(json!({"flowId": "off"})).await.err(400, "E011003");
    run(json!({"flowId": "nope"})).await.err(400, "E011003");
    run(json!({"flowId": "second", "options": {"tenant": "t9"}}))
        .await
        .err(400, "E011003");
    run(json!({"flowId": "second", "options": {"inputs": {}}}))
        .await
        .err(400, "E011001");
    set(json!({"flowId": "x"})).await.err(400, "E011003");
    // The admin view has the flows, outputs and runs.
    let v = h.admin("GET", "/emulator/flows", None).await;
    assert_eq!(v.body["outputs"].as_array().unwrap().len(), 2);
    let runs = v.body["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 3);
    assert_eq!(runs[1]["input"], json!({"k": "v"}));
    assert_eq!(runs[1]["tenant"], "t1");
}

#[tokio::test]
async fn the_theme_is_replaced_on_import() {
    let h = Harness::new();
    assert_eq!(
        h.post("/v1/mgmt/theme/export", json!({})).await.body,
        json!({"theme": {"id": "theme", "cssTemplate": {}}})
    );
    let t = json!({"theme": {"id": "theme", "cssTemplate": {"light": {"colors": {"primary": "#006af5"}}}}});
    let a = h.post("/v1/mgmt/theme/import", t.clone()).await;
    assert_eq!(a.body, t);
    assert_eq!(h.post("/v1/mgmt/theme/export", json!({})).await.body, t);
    h.post("/v1/mgmt/theme/import", json!({"theme": {}}))
        .await
        .ok();
    assert_eq!(
        h.post("/v1/mgmt/theme/export", json!({})).await.body["theme"]["cssTemplate"],
        json!({})
    );
    h.post("/v1/mgmt/theme/import", json!({}))
        .await
        .err(400, "E011002");
    h.post("/v1/mgmt/theme/import", json!({"theme": {"css": {}}}))
        .await
        .err(400, "E011001");
}

fn audit_seed() -> Value {
    let day = 86_400_000i64;
    let base = 1_778_716_800_000i64; // 2026-05-14T00:00:00Z, a Thursday
    json!({
        "tenants": [{"id": "t1", "name": "One"}, {"id": "t2", "name": "Two"}],
        "audit": [
            {"action": "LoginSucceed", "occurred": base + 3_600_000, "device": "Desktop", "method": "otp", "geo": "DE", "tenants": ["t1"]},
            {"action": "LoginSucceed", "occurred": base + 7_200_000, "device": "Mobile", "method": "otp", "geo": "US", "tenants": ["t1", "t2"]},
            {"action": "LoginFailed", "occurred": base + day, "device": "Desktop", "method": "password", "geo": "DE"},
            {"action": "LoginSucceed", "occurred": base + 5 * day, "device": "Desktop", "method": "magiclink", "geo": "FR", "tenants": ["t2"]}
        ]
    })
}

async fn search(h: &Harness, body: Value) -> Vec<Value> {
    let a = h.post("/v1/mgmt/analytics/search", body).await;
    a.ok();
    a.body["analytics"].as_array().unwrap().clone()
}

#[tokio::test]
async fn analytics_are_counted_from_the_audit_trail() {
    let h = Harness::with_seed(audit_seed());
    // No grouping: one record of everything, counts as strings.
    let all = search(&h, json!({})).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["cnt"], "4");
    assert_eq!(all[0]["projectId"], "P2emulatorProject00000000001");
    for k in [
        "action", "created", "device", "method", "geo", "tenant", "referrer",
    ] {
        assert_eq!(all[0][k], "", "{k}");
    }
    let by_action = search(&h, json!({"groupByAction": true})).await;
    let pairs: Vec<(String, String)> = by_action
        .iter()
        .map(|r| {
            (
                r["action"].as_str().unwrap().into(),
                r["cnt"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("LoginFailed".into(), "1".into()),
            ("LoginSucceed".into(), "3".into())
        ]
    );
    // Filters AND together, OR within a list; excludedActions removes.
    let r = search(
        &h,
        json!({"actions": ["LoginSucceed", "LoginFailed"], "excludedActions": ["LoginFailed"],
               "devices": ["Desktop"], "groupByMethod": true}),
    )
    .await;
    let methods: Vec<&str> = r.iter().map(|x| x["method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["magiclink", "otp"]);
    // Tenants: an event counts once per tenant it names.
    let r = search(&h, json!({"groupByTenant": true})).await;
    let t: Vec<(String, String)> = r
        .iter()
        .map(|x| {
            (
                x["tenant"].as_str().unwrap().into(),
                x["cnt"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        t,
        [
            ("".into(), "1".into()),
            ("t1".into(), "2".into()),
            ("t2".into(), "2".into())
        ]
    );
    assert_eq!(search(&h, json!({"tenants": ["t2"]})).await[0]["cnt"], "2");
    // Time windows (inclusive, ms) and buckets (start of bucket, ms, as a string).
    let base = 1_778_716_800_000i64;
    let r = search(
        &h,
        json!({"from": base + 7_200_000, "to": base + 86_400_000}),
    )
    .await;
    assert_eq!(r[0]["cnt"], "2");
    let days = search(&h, json!({"groupByCreated": "d"})).await;
    let created: Vec<(String, String)> = days
        .iter()
        .map(|x| {
            (
                x["created"].as_str().unwrap().into(),
                x["cnt"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        created,
        [
            (base.to_string(), "2".into()),
            ((base + 86_400_000).to_string(), "1".into()),
            ((base + 5 * 86_400_000).to_string(), "1".into())
        ]
    );
    // Weeks start on Monday: the first three fall in the week of 2026-05-11.
    let weeks = search(&h, json!({"groupByCreated": "week"})).await;
    assert_eq!(weeks[0]["created"], (base - 3 * 86_400_000).to_string());
    assert_eq!(weeks[0]["cnt"], "3");
    assert_eq!(search(&h, json!({"groupByCreated": "q"})).await.len(), 1);
    h.post(
        "/v1/mgmt/analytics/search",
        json!({"groupByCreated": "decade"}),
    )
    .await
    .err(400, "E011003");
    // Nothing matching: an empty list.
    assert!(search(&h, json!({"geos": ["JP"]})).await.is_empty());
}

#[tokio::test]
async fn management_calls_show_up_in_analytics_but_reads_do_not() {
    let h = Harness::new();
    h.post("/v1/mgmt/list", json!({"name": "a", "type": "texts"}))
        .await
        .ok();
    h.post("/v1/mgmt/engine/create", json!({"name": "e"}))
        .await
        .ok();
    // Reads sent as POSTs are not audit events.
    h.post("/v1/mgmt/flow/list", json!({})).await.ok();
    h.post("/v1/mgmt/analytics/search", json!({})).await.ok();
    let r = search(&h, json!({"groupByAction": true})).await;
    let actions: Vec<&str> = r.iter().map(|x| x["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["mgmt.engine.create", "mgmt.list"]);
}
