//! Phase 3: fault injection (latency, rate limit, 5xx, HTML, truncation, dropped connections).

mod common;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use common::{ann, Harness};
use descope_emulator::{server, Config, Emulator};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn add(h: &Harness, rules: Value) -> Value {
    let a = h.admin("POST", "/emulator/faults", Some(rules)).await;
    a.ok();
    a.body.clone()
}

fn picture(p: &str) -> Value {
    json!({"loginId": "ann@example.com", "picture": p})
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let h = Harness::new();
    add(
        &h,
        json!({"kind": "rateLimit", "limit": 2, "windowSecs": 60}),
    )
    .await;
    h.create(ann()).await;
    h.get("/v1/mgmt/user?loginId=ann%40example.com").await.ok();
    let a = h.get("/v1/mgmt/user?loginId=ann%40example.com").await;
    assert_eq!(a.status, 429);
    assert_eq!(
        a.body,
        json!({"errorCode": "E130429", "errorDescription": "https://docs.descope.com/rate-limit",
               "errorMessage": "API rate limit exceeded."})
    );
    let retry: u64 = a.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(a.headers["access-control-expose-headers"], "Retry-After");
    assert_eq!(a.headers["access-control-allow-origin"], "*");
    // Limits are per project: another project's bearer has its own budget (and is a 401).
    let other = Request::builder()
        .uri("/v1/mgmt/user?loginId=x")
        .header("authorization", "Bearer P2another:key")
        .body(Body::empty())
        .unwrap();
    assert_eq!(h.send(other).await.status, 401);
    let log = h.app.requests();
    let last = &log[2];
    assert_eq!(last["status"], 429);
    assert_eq!(last["injected"], "rateLimit");
    assert_eq!(last["applied"], false);
    // The view counts.
    let view = h.admin("GET", "/emulator/faults", None).await;
    assert_eq!(view.body["faults"][0]["applied"], 1);
    // Clearing the faults lifts the limit.
    h.admin("DELETE", "/emulator/faults", None).await.ok();
    h.get("/v1/mgmt/user?loginId=ann%40example.com").await.ok();
}

#[tokio::test]
async fn rate_limit_window_and_fixed_retry_after() {
    let h = Harness::new();
    add(
        &h,
        json!({"kind": "rateLimit", "limit": 1, "windowSecs": 1, "retryAfterSecs": 7}),
    )
    .await;
    h.get("/v1/mgmt/license").await.ok();
    let a = h.get("/v1/mgmt/license").await;
    assert_eq!(a.status, 429);
    assert_eq!(a.headers["retry-after"], "7");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    h.get("/v1/mgmt/license").await.ok();
}

#[tokio::test]
async fn injected_statuses_do_not_apply_the_change() {
    let h = Harness::new();
    h.create(ann()).await;
    add(
        &h,
        json!({"kind": "status", "statuses": [500, 503], "count": 2}),
    )
    .await;
    let a = h.post("/v1/mgmt/user/update/picture", picture("one")).await;
    a.err(500, "E130500");
    assert!(a.body["errorMessage"]
        .as_str()
        .unwrap()
        .contains("injected"));
    h.post("/v1/mgmt/user/update/picture", picture("two"))
        .await
        .err(503, "E130500");
    assert_eq!(h.load("ann@example.com").await["picture"], "");
    h.post("/v1/mgmt/user/update/picture", picture("three"))
        .await
        .ok();
    let view = h.admin("GET", "/emulator/faults", None).await;
    assert_eq!(view.body["faults"][0]["remaining"], 0);
}

#[tokio::test]
async fn every_kth_request_on_a_path_prefix() {
    let h = Harness::new();
    h.create(ann()).await;
    add(
        &h,
        json!({"kind": "status", "status": 502, "every": 2, "pathPrefix": "/v1/mgmt/user/update"}),
    )
    .await;
    let mut statuses = Vec::new();
    for i in 0..4 {
        statuses.push(
            h.post("/v1/mgmt/user/update/picture", picture(&i.to_string()))
                .await
                .status
                .as_u16(),
        );
        // Other paths are untouched and do not count.
        h.get("/v1/mgmt/user?loginId=ann%40example.com").await.ok();
    }
    assert_eq!(statuses, [200, 502, 200, 502]);
}

#[tokio::test]
async fn method_filter_and_after() {
    let h = Harness::new();
    h.create(ann()).await;
    add(
        &h,
        json!({"kind": "status", "method": "get", "after": 1, "count": 1}),
    )
    .await;
    h.get("/v1/mgmt/user?loginId=ann%40example.com").await.ok();
    h.post("/v1/mgmt/user/update/picture", picture("x"))
        .await
        .ok();
    assert_eq!(
        h.get("/v1/mgmt/user?loginId=ann%40example.com")
            .await
            .status,
        503
    );
    h.get("/v1/mgmt/user?loginId=ann%40example.com").await.ok();
}

#[tokio::test]
async fn html_error_pages() {
    let h = Harness::new();
    add(&h, json!({"kind": "html", "count": 1})).await;
    let a = h.get("/v1/mgmt/license").await;
    assert_eq!(a.status, 502);
    assert!(a.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(a.text.starts_with("<!DOCTYPE html>"), "{}", a.text);
    assert!(a.text.contains("502 Bad Gateway"));
    assert_eq!(a.body, Value::Null, "not JSON");
    assert_eq!(a.headers["access-control-allow-origin"], "*");
    h.get("/v1/mgmt/license").await.ok();
    assert_eq!(h.app.requests()[0]["injected"], "html");
}

#[tokio::test]
async fn truncated_bodies_are_applied_but_cut() {
    let h = Harness::new();
    add(&h, json!({"kind": "truncate", "count": 1})).await;
    let a = h.post("/v1/mgmt/user/create", ann()).await;
    assert_eq!(a.status, 200);
    assert!(a.text.starts_with("{\"user\":{"), "{}", a.text);
    assert!(
        serde_json::from_str::<Value>(&a.text).is_err(),
        "must be cut mid-JSON"
    );
    // The change happened: the answer was lost, not the request.
    let full = h.load("ann@example.com").await;
    assert_eq!(a.text.len(), json!({"user": full}).to_string().len() / 2);
    let entry = &h.app.requests()[0];
    assert_eq!(entry["injected"], "truncate");
    assert_eq!(entry["applied"], true);
}

#[tokio::test]
async fn latency_delays_answers() {
    let h = Harness::new();
    add(&h, json!([{"kind": "latency", "ms": 150, "count": 1}, {"kind": "latency", "ms": 50, "count": 1}])).await;
    let t = Instant::now();
    h.get("/v1/mgmt/license").await.ok();
    assert!(
        t.elapsed() >= Duration::from_millis(200),
        "{:?}",
        t.elapsed()
    );
    let t = Instant::now();
    h.get("/v1/mgmt/license").await.ok();
    assert!(
        t.elapsed() < Duration::from_millis(150),
        "{:?}",
        t.elapsed()
    );
}

#[tokio::test]
async fn rules_apply_in_order() {
    let h = Harness::new();
    add(
        &h,
        json!([{"kind": "status", "count": 1}, {"kind": "html", "count": 1}]),
    )
    .await;
    assert_eq!(h.get("/v1/mgmt/license").await.status, 503);
    assert_eq!(h.get("/v1/mgmt/license").await.status, 502);
    h.get("/v1/mgmt/license").await.ok();
}

#[tokio::test]
async fn bad_rules_are_rejected_whole() {
    let h = Harness::new();
    let a = h
        .admin(
            "POST",
            "/emulator/faults",
            Some(json!([{"kind": "drop"}, {"kind": "status", "statuses": [200]}])),
        )
        .await;
    a.err(400, "E011003");
    let a = h
        .admin(
            "POST",
            "/emulator/faults",
            Some(json!({"kind": "latency", "ms": 5, "cnt": 1})),
        )
        .await;
    assert_eq!(a.description(), "unknown key \"fault.cnt\"");
    assert_eq!(
        h.admin("GET", "/emulator/faults", None).await.body,
        json!({"faults": []})
    );
    h.get("/v1/mgmt/license").await.ok();
}

#[tokio::test]
async fn deterministic_probability() {
    let run = || async {
        let h = Harness::new();
        add(
            &h,
            json!({"kind": "status", "probability": 0.3, "seed": 42}),
        )
        .await;
        let mut out = Vec::new();
        for _ in 0..30 {
            out.push(h.get("/v1/mgmt/license").await.status.as_u16());
        }
        out
    };
    let a = run().await;
    assert_eq!(a, run().await);
    assert!(a.contains(&503) && a.contains(&200), "{a:?}");
}

#[tokio::test]
async fn every_update_applied_exactly_once() {
    // A client that retries on 429/5xx must apply each update exactly once; the log proves it.
    let h = Harness::new();
    h.create(ann()).await;
    h.app.clear_requests();
    add(&h, json!([{"kind": "rateLimit", "limit": 3, "windowSecs": 1, "pathPrefix": "/v1/mgmt/user/update"},
                   {"kind": "status", "statuses": [503, 502], "every": 3, "pathPrefix": "/v1/mgmt/user/update"}]))
        .await;
    for i in 0..6 {
        loop {
            let a = h
                .post("/v1/mgmt/user/update/picture", picture(&format!("p{i}")))
                .await;
            match a.status.as_u16() {
                200 => break,
                429 => tokio::time::sleep(Duration::from_millis(250)).await,
                s if s >= 500 => {}
                s => panic!("unexpected {s}"),
            }
        }
    }
    let log = h.app.requests();
    assert!(log.len() > 6, "faults must have fired: {}", log.len());
    for i in 0..6 {
        let p = format!("p{i}");
        let applied = log
            .iter()
            .filter(|r| r["body"]["picture"] == p.as_str() && r["applied"] == true)
            .count();
        assert_eq!(applied, 1, "{p}");
    }
    assert!(log
        .iter()
        .any(|r| r["injected"] == "rateLimit" && r["status"] == 429));
    assert!(log
        .iter()
        .any(|r| r["injected"] == "status" && r["applied"] == false));
    assert_eq!(h.load("ann@example.com").await["picture"], "p5");
}

#[tokio::test]
async fn dropped_connection_in_process_fails_the_body() {
    let h = Harness::new();
    add(&h, json!({"kind": "drop", "count": 1})).await;
    let resp = tower::ServiceExt::oneshot(
        h.app.router(),
        Request::builder()
            .uri("/v1/mgmt/license")
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    assert!(axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .is_err());
    assert_eq!(h.app.requests()[0]["injected"], "drop");
    assert_eq!(h.app.requests()[0]["status"], Value::Null);
}

#[tokio::test]
async fn dropped_connection_over_tcp_gets_no_answer() {
    let app = Emulator::new(Config::default()).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server::serve(
        listener,
        app.router(),
        std::future::pending(),
    ));
    let h = Harness::from(app.clone());
    add(
        &h,
        json!({"kind": "drop", "count": 1, "pathPrefix": "/v1/"}),
    )
    .await;
    let request = "GET /v1/mgmt/license HTTP/1.1\r\nHost: x\r\n\
        Authorization: Bearer P2emulatorProject00000000001:K2emulator-fake-management-key\r\n\r\n";
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(request.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let n = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut out)).await;
    assert!(
        matches!(n, Ok(Ok(0)) | Ok(Err(_))),
        "{n:?} {:?}",
        String::from_utf8_lossy(&out)
    );
    assert!(out.is_empty());
    // The next connection is answered.
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(
        request
            .replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    )
    .await
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    let log = app.requests();
    assert_eq!(log[0]["injected"], "drop");
    assert_eq!(log[1]["status"], 200);
}

#[tokio::test]
async fn flags_set_faults() {
    let args = [
        "--port",
        "0",
        "--rate-limit",
        "1/60",
        "--latency-ms",
        "20",
        "--fault",
        r#"{"kind":"html","status":504,"count":1,"after":1}"#,
    ];
    let config = Config::from_args(args.iter().map(|s| s.to_string())).unwrap();
    let h = Harness::from(Emulator::new(config).unwrap());
    let view = h.admin("GET", "/emulator/faults", None).await;
    assert_eq!(view.body["faults"].as_array().unwrap().len(), 3);
    let t = Instant::now();
    h.get("/v1/mgmt/license").await.ok();
    assert!(t.elapsed() >= Duration::from_millis(20));
    // Over the limit: the 429 wins, being first in order.
    assert_eq!(h.get("/v1/mgmt/license").await.status, 429);
}
