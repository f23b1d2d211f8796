//! `management.list`: create/update/delete/load by ID and by name, unique names, types and
//! their data, import by ID, add/remove keeping order, IP checks with CIDR ranges, text
//! checks, wrong-type refusals, clear.

mod common;

use common::{enc, Harness};
use serde_json::{json, Value};

async fn create(h: &Harness, body: Value) -> Value {
    let a = h.post("/v1/mgmt/list", body).await;
    a.ok();
    a.body["list"].clone()
}

async fn load(h: &Harness, id: &str) -> Value {
    let a = h.get(&format!("/v1/mgmt/list/{}", enc(id))).await;
    a.ok();
    a.body["list"].clone()
}

async fn check_ip(h: &Harness, id: &str, ip: &str) -> bool {
    let a = h
        .post("/v1/mgmt/list/ip/check", json!({"id": id, "ip": ip}))
        .await;
    a.ok();
    a.body["exists"].as_bool().unwrap()
}

#[tokio::test]
async fn create_load_update_delete() {
    let h = Harness::new();
    let l = create(
        &h,
        json!({"name": "blocked", "description": "Blocked IPs", "type": "ips",
               "data": ["203.0.113.7", "10.0.0.0/8", "203.0.113.7"]}),
    )
    .await;
    let id = l["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("LS2") && id.len() == 28, "{id}");
    assert_eq!(l["type"], "ips");
    // Duplicates in `data` are dropped, the order kept.
    assert_eq!(l["data"], json!(["203.0.113.7", "10.0.0.0/8"]));
    assert_eq!(load(&h, &id).await, l);
    let by_name = h.get("/v1/mgmt/list/name/blocked").await;
    by_name.ok();
    assert_eq!(by_name.body["list"]["id"], id.as_str());

    // Names are unique.
    let a = h
        .post("/v1/mgmt/list", json!({"name": "blocked", "type": "texts"}))
        .await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "List with this name already exists");

    // Update overwrites: no description, type and data replaced.
    let a = h
        .post(
            "/v1/mgmt/list/update",
            json!({"id": id, "name": "words", "type": "texts", "data": ["a", "b"]}),
        )
        .await;
    a.ok();
    assert_eq!(
        a.body["list"],
        json!({"id": id, "name": "words", "description": "", "type": "texts", "data": ["a", "b"]})
    );
    let all = h.get("/v1/mgmt/list/all").await;
    all.ok();
    assert_eq!(all.body["lists"].as_array().unwrap().len(), 1);

    h.post("/v1/mgmt/list/delete", json!({"id": id})).await.ok();
    let a = h.get(&format!("/v1/mgmt/list/{id}")).await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "List not found");
    h.post("/v1/mgmt/list/delete", json!({"id": id}))
        .await
        .err(400, "E011003");
    h.get("/v1/mgmt/list/name/words").await.err(400, "E011003");
}

#[tokio::test]
async fn types_and_data_are_checked() {
    let h = Harness::new();
    // node's `ip`/`text` are taken as the service's `ips`/`texts`.
    assert_eq!(
        create(&h, json!({"name": "a", "type": "ip"})).await["type"],
        "ips"
    );
    assert_eq!(
        create(&h, json!({"name": "b", "type": "text"})).await["type"],
        "texts"
    );
    let j = create(
        &h,
        json!({"name": "c", "type": "json", "data": {"k": [1, 2]}}),
    )
    .await;
    assert_eq!(j["data"], json!({"k": [1, 2]}));
    assert_eq!(
        create(&h, json!({"name": "d", "type": "json"})).await["data"],
        json!({})
    );
    for (body, code) in [
        (json!({"name": "x", "type": "emails"}), "E011003"),
        (json!({"name": "x"}), "E011002"),
        (json!({"type": "ips"}), "E011002"),
        (
            json!({"name": "x", "type": "ips", "data": ["1.2.3.4/33"]}),
            "E011003",
        ),
        (
            json!({"name": "x", "type": "ips", "data": ["not an ip"]}),
            "E011003",
        ),
        (
            json!({"name": "x", "type": "texts", "data": [""]}),
            "E011003",
        ),
        (
            json!({"name": "x", "type": "texts", "data": [1]}),
            "E011001",
        ),
        (
            json!({"name": "x", "type": "json", "data": ["a"]}),
            "E011003",
        ),
        (json!({"name": "x".repeat(101), "type": "texts"}), "E011003"),
        (
            json!({"name": "x", "type": "texts", "kind": "x"}),
            "E011001",
        ),
    ] {
        let a = h.post("/v1/mgmt/list", body.clone()).await;
        a.err(400, code);
        assert!(!a.description().is_empty(), "{body}");
    }
    let a = h.post("/v1/mgmt/list", json!({"name": "x"})).await;
    assert_eq!(a.description(), "The type field is required");
}

#[tokio::test]
async fn ids_and_names_in_paths_are_decoded() {
    let h = Harness::with_seed(json!({
        "lists": [{"id": "a/b?c", "name": "blocked ips", "type": "texts", "data": ["x"]}]
    }));
    assert_eq!(load(&h, "a/b?c").await["name"], "blocked ips");
    let a = h.get("/v1/mgmt/list/name/blocked%20ips").await;
    a.ok();
    assert_eq!(a.body["list"]["id"], "a/b?c");
    // An unencoded `/` is another path.
    h.get("/v1/mgmt/list/a/b").await.err(404, "E011404");
    // POST on a load path is the wrong method.
    h.post("/v1/mgmt/list/a", json!({}))
        .await
        .err(405, "E011405");
}

#[tokio::test]
async fn add_and_remove_keep_order_and_ignore_repeats() {
    let h = Harness::new();
    let id = create(
        &h,
        json!({"name": "ips", "type": "ips", "data": ["1.1.1.1"]}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let add = |ips: Value| h.post("/v1/mgmt/list/ip/add", json!({"id": id, "ips": ips}));
    add(json!(["2.2.2.2", "1.1.1.1", "10.0.0.0/8"])).await.ok();
    assert_eq!(
        load(&h, &id).await["data"],
        json!(["1.1.1.1", "2.2.2.2", "10.0.0.0/8"])
    );
    add(json!(["bad"])).await.err(400, "E011003");
    h.post(
        "/v1/mgmt/list/ip/remove",
        json!({"id": id, "ips": ["2.2.2.2", "9.9.9.9"]}),
    )
    .await
    .ok();
    assert_eq!(
        load(&h, &id).await["data"],
        json!(["1.1.1.1", "10.0.0.0/8"])
    );
    // Text operations on an IP list are refused.
    let a = h
        .post("/v1/mgmt/list/text/add", json!({"id": id, "texts": ["a"]}))
        .await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "List is not of type texts");
    h.post("/v1/mgmt/list/text/check", json!({"id": id, "text": "a"}))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/list/ip/add", json!({"id": id}))
        .await
        .err(400, "E011002");
    h.post("/v1/mgmt/list/ip/add", json!({"id": "nope", "ips": []}))
        .await
        .err(400, "E011003");
}

#[tokio::test]
async fn check_ip_matches_addresses_and_ranges() {
    let h = Harness::new();
    let id = create(
        &h,
        json!({"name": "ips", "type": "ips", "data": ["203.0.113.7", "10.0.0.0/8", "2001:db8::/32"]}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(check_ip(&h, &id, "203.0.113.7").await);
    assert!(!check_ip(&h, &id, "203.0.113.8").await);
    assert!(check_ip(&h, &id, "10.20.30.40").await);
    assert!(check_ip(&h, &id, "10.1.0.0/16").await);
    assert!(!check_ip(&h, &id, "11.0.0.1").await);
    assert!(check_ip(&h, &id, "2001:db8::42").await);
    assert!(!check_ip(&h, &id, "2001:db9::1").await);
    h.post("/v1/mgmt/list/ip/check", json!({"id": id, "ip": "nope"}))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/list/ip/check", json!({"id": id}))
        .await
        .err(400, "E011002");
}

#[tokio::test]
async fn texts_check_and_clear() {
    let h = Harness::new();
    let id = create(
        &h,
        json!({"name": "words", "type": "texts", "data": ["spam"]}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    h.post(
        "/v1/mgmt/list/text/add",
        json!({"id": id, "texts": ["eggs", "spam"]}),
    )
    .await
    .ok();
    let check = |t: &str| h.post("/v1/mgmt/list/text/check", json!({"id": id, "text": t}));
    assert_eq!(check("eggs").await.body["exists"], true);
    assert_eq!(check("Eggs").await.body["exists"], false);
    h.post(
        "/v1/mgmt/list/text/remove",
        json!({"id": id, "texts": ["eggs"]}),
    )
    .await
    .ok();
    assert_eq!(check("eggs").await.body["exists"], false);
    h.post(
        "/v1/mgmt/list/ip/add",
        json!({"id": id, "ips": ["1.2.3.4"]}),
    )
    .await
    .err(400, "E011003");
    h.post("/v1/mgmt/list/clear", json!({"id": id})).await.ok();
    let l = load(&h, &id).await;
    assert_eq!(
        (l["name"].clone(), l["data"].clone()),
        (json!("words"), json!([]))
    );
    let j = create(&h, json!({"name": "doc", "type": "json", "data": {"a": 1}})).await;
    h.post("/v1/mgmt/list/clear", json!({"id": j["id"]}))
        .await
        .ok();
    assert_eq!(load(&h, j["id"].as_str().unwrap()).await["data"], json!({}));
}

#[tokio::test]
async fn import_creates_or_overwrites_by_id_all_or_nothing() {
    let h = Harness::with_seed(json!({
        "lists": [{"id": "l1", "name": "one", "type": "texts", "data": ["a"]}]
    }));
    h.post(
        "/v1/mgmt/list/import",
        json!({"lists": [
            {"id": "l1", "name": "uno", "type": "ips", "data": ["1.2.3.4"]},
            {"id": "l2", "name": "two", "type": "texts"},
            {"name": "three", "type": "json"}
        ]}),
    )
    .await
    .ok();
    assert_eq!(load(&h, "l1").await["name"], "uno");
    assert_eq!(load(&h, "l1").await["type"], "ips");
    assert_eq!(load(&h, "l2").await["name"], "two");
    let all = h.get("/v1/mgmt/list/all").await.body["lists"].clone();
    assert_eq!(all.as_array().unwrap().len(), 3);
    // A clash anywhere keeps everything as it was.
    let before = h.app.store().lists.clone();
    let a = h
        .post(
            "/v1/mgmt/list/import",
            json!({"lists": [
                {"id": "l9", "name": "nine", "type": "texts"},
                {"id": "l8", "name": "uno", "type": "texts"}
            ]}),
        )
        .await;
    a.err(400, "E011003");
    assert_eq!(h.app.store().lists, before);
    h.post("/v1/mgmt/list/import", json!({}))
        .await
        .err(400, "E011002");
}
