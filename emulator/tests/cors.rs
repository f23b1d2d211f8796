//! CORS only on the Descope API paths: the unauthenticated admin endpoints (`/emulator/*`,
//! request log, faults, reset, seed) must not be readable from arbitrary web pages. With
//! `--admin-cors-origin ORIGIN` they are readable from exactly those origins (a test runner's
//! page), and still from no other.

mod common;

use axum::body::Body;
use axum::http::{HeaderMap, Request};
use common::{Harness, AUTH};
use descope_emulator::{Config, Emulator};

const ORIGIN: &str = "http://evil.example";

fn cors_headers(headers: &HeaderMap) -> Vec<String> {
    headers
        .keys()
        .map(|k| k.as_str().to_string())
        .filter(|k| k.starts_with("access-control-") || k == "cross-origin-resource-policy")
        .collect()
}

fn with_origin(method: &str, path: &str) -> axum::http::request::Builder {
    from_origin(ORIGIN, method, path)
}

fn from_origin(origin: &str, method: &str, path: &str) -> axum::http::request::Builder {
    Request::builder()
        .method(method)
        .uri(path)
        .header("origin", origin)
}

fn preflight(path: &str) -> Request<Body> {
    preflight_from(ORIGIN, path)
}

fn preflight_from(origin: &str, path: &str) -> Request<Body> {
    from_origin(origin, "OPTIONS", path)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .body(Body::empty())
        .unwrap()
}

/// The wasm-bindgen test runner's page, as `tools/test.sh` passes it.
const RUNNER: &str = "http://127.0.0.1:8123";
const OTHER_RUNNER: &str = "http://localhost:9000";

/// An emulator started with `--admin-cors-origin` for each of `origins` (parsed like the
/// binary's command line).
fn harness_allowing(origins: &[&str]) -> Harness {
    let mut args = vec!["--port".to_string(), "0".to_string()];
    for o in origins {
        args.push("--admin-cors-origin".to_string());
        args.push(o.to_string());
    }
    let config = Config::from_args(args).unwrap();
    assert_eq!(config.admin_cors_origins, origins);
    Harness::from(Emulator::new(config).unwrap())
}

fn vary_has_origin(headers: &HeaderMap) -> bool {
    headers
        .get_all("vary")
        .iter()
        .any(|v| v.to_str().unwrap().eq_ignore_ascii_case("origin"))
}

#[tokio::test]
async fn api_path_with_origin_gets_cors() {
    let h = Harness::new();
    for path in ["/v1/mgmt/user?loginId=ghost", "/v2/mgmt/user/search"] {
        let req = with_origin("GET", path)
            .header("authorization", AUTH)
            .body(Body::empty())
            .unwrap();
        let a = h.send(req).await;
        assert_eq!(a.headers["access-control-allow-origin"], "*", "{path}");
        assert_eq!(a.headers["access-control-expose-headers"], "Retry-After");
    }
    // Errors on API paths too (no bearer here): the browser must be able to read them.
    let a = h
        .send(
            with_origin("GET", "/v1/mgmt/license")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    a.err(401, "E011005");
    assert_eq!(a.headers["access-control-allow-origin"], "*");
    // And preflights, without auth.
    let a = h.send(preflight("/v1/mgmt/user/create")).await;
    assert_eq!(a.status, 204);
    assert_eq!(a.headers["access-control-allow-origin"], "*");
    assert_eq!(a.headers["access-control-allow-headers"], "content-type");
}

#[tokio::test]
async fn admin_get_with_origin_gets_no_cors() {
    let h = Harness::new();
    for path in [
        "/emulator/health",
        "/emulator/requests",
        "/emulator/faults",
        "/emulator/users",
        "/emulator/nope",
    ] {
        let a = h
            .send(with_origin("GET", path).body(Body::empty()).unwrap())
            .await;
        assert_eq!(cors_headers(&a.headers), Vec::<String>::new(), "{path}");
    }
    // A state-changing admin call still works (same-origin tools, curl) but is not readable.
    let a = h
        .send(
            with_origin("POST", "/emulator/reset")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    a.ok();
    assert_eq!(cors_headers(&a.headers), Vec::<String>::new());
}

#[tokio::test]
async fn admin_preflight_gets_no_cors() {
    let h = Harness::new();
    for path in [
        "/emulator/faults",
        "/emulator/seed",
        "/emulator/reset",
        "/emulator/requests",
    ] {
        let a = h.send(preflight(path)).await;
        assert_eq!(cors_headers(&a.headers), Vec::<String>::new(), "{path}");
        assert_ne!(a.status, 204, "{path}: not a preflight answer");
    }
}

#[tokio::test]
async fn other_paths_get_no_cors() {
    let h = Harness::new();
    for path in ["/nope", "/v1", "/", "/emulator"] {
        let a = h
            .send(with_origin("GET", path).body(Body::empty()).unwrap())
            .await;
        a.err(404, "E011404");
        assert_eq!(cors_headers(&a.headers), Vec::<String>::new(), "{path}");
        let a = h.send(preflight(path)).await;
        assert_eq!(cors_headers(&a.headers), Vec::<String>::new(), "{path}");
    }
}

#[tokio::test]
async fn allowed_origin_reads_admin_endpoints() {
    let h = harness_allowing(&[RUNNER, OTHER_RUNNER]);
    // Something in the log, so the answer is worth reading.
    h.get("/v1/mgmt/user?loginId=ghost").await;
    for origin in [RUNNER, OTHER_RUNNER] {
        let a = h
            .send(
                from_origin(origin, "GET", "/emulator/requests")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        a.ok();
        assert_eq!(a.body["count"], 1);
        assert_eq!(a.headers["access-control-allow-origin"], origin);
        assert!(vary_has_origin(&a.headers), "{:?}", a.headers);
        assert_eq!(
            a.headers["cross-origin-resource-policy"], "cross-origin",
            "the runner page is cross-origin isolated"
        );
    }
    // A fault added from the page, as tests/wasm/common.rs does.
    let a = h
        .send(
            from_origin(RUNNER, "POST", "/emulator/faults")
                .body(Body::from(r#"{"kind":"latency","ms":1}"#))
                .unwrap(),
        )
        .await;
    a.ok();
    assert_eq!(a.headers["access-control-allow-origin"], RUNNER);
    assert_eq!(
        h.admin("GET", "/emulator/faults", None).await.body["faults"][0]["rule"]["ms"],
        1
    );
}

#[tokio::test]
async fn allowed_origin_gets_admin_preflight() {
    let h = harness_allowing(&[RUNNER]);
    for path in ["/emulator/faults", "/emulator/requests", "/emulator/seed"] {
        let a = h.send(preflight_from(RUNNER, path)).await;
        assert_eq!(a.status, 204, "{path}");
        assert_eq!(a.headers["access-control-allow-origin"], RUNNER, "{path}");
        assert_eq!(a.headers["access-control-allow-headers"], "content-type");
        let methods = a.headers["access-control-allow-methods"].to_str().unwrap();
        for m in ["GET", "POST", "DELETE"] {
            assert!(methods.contains(m), "{path}: {methods}");
        }
        assert!(vary_has_origin(&a.headers), "{path}");
    }
    // The preflight answered without running the handler: no fault was added, nothing reset.
    assert_eq!(
        h.admin("GET", "/emulator/faults", None).await.body["faults"],
        serde_json::json!([])
    );
}

#[tokio::test]
async fn other_origins_get_no_admin_cors_even_with_the_flag() {
    let h = harness_allowing(&[RUNNER]);
    for origin in [
        ORIGIN,
        "http://127.0.0.1:8124",
        "https://127.0.0.1:8123",
        "http://localhost:8123",
        "http://127.0.0.1:8123/",
        "null",
    ] {
        for path in ["/emulator/requests", "/emulator/faults", "/emulator/health"] {
            let a = h
                .send(
                    from_origin(origin, "GET", path)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
            a.ok();
            assert_eq!(
                cors_headers(&a.headers),
                Vec::<String>::new(),
                "{origin} {path}"
            );
            // The answer depends on Origin: caches must know.
            assert!(vary_has_origin(&a.headers), "{origin} {path}");
            let a = h.send(preflight_from(origin, path)).await;
            assert_eq!(
                cors_headers(&a.headers),
                Vec::<String>::new(),
                "{origin} {path}"
            );
            assert_ne!(a.status, 204, "{origin} {path}: not a preflight answer");
        }
    }
    // No Origin at all (curl, same-origin tools): works, no CORS.
    let a = h.admin("GET", "/emulator/requests", None).await;
    a.ok();
    assert_eq!(cors_headers(&a.headers), Vec::<String>::new());
}

#[tokio::test]
async fn admin_cors_flag_leaves_api_paths_alone() {
    let h = harness_allowing(&[RUNNER]);
    for origin in [RUNNER, ORIGIN] {
        let a = h
            .send(
                from_origin(origin, "GET", "/v1/mgmt/user?loginId=ghost")
                    .header("authorization", AUTH)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(a.headers["access-control-allow-origin"], "*", "{origin}");
        assert!(!vary_has_origin(&a.headers), "{origin}");
        let a = h.send(preflight_from(origin, "/v1/mgmt/user/create")).await;
        assert_eq!(a.status, 204);
        assert_eq!(a.headers["access-control-allow-origin"], "*", "{origin}");
    }
    // Other paths stay without CORS.
    let a = h
        .send(
            from_origin(RUNNER, "GET", "/nope")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(cors_headers(&a.headers), Vec::<String>::new());
}

#[tokio::test]
async fn no_flag_means_no_admin_cors_for_any_origin() {
    let h = Harness::new();
    assert!(h.app.config().admin_cors_origins.is_empty());
    for origin in [RUNNER, ORIGIN] {
        let a = h
            .send(
                from_origin(origin, "GET", "/emulator/requests")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        a.ok();
        assert_eq!(cors_headers(&a.headers), Vec::<String>::new(), "{origin}");
        let a = h.send(preflight_from(origin, "/emulator/faults")).await;
        assert_eq!(cors_headers(&a.headers), Vec::<String>::new(), "{origin}");
        assert_ne!(a.status, 204);
    }
}

#[test]
fn admin_cors_origin_refuses_wildcards_and_non_origins() {
    let parse = |v: &str| {
        Config::from_args(
            ["--port", "0", "--admin-cors-origin", v]
                .iter()
                .map(|s| s.to_string()),
        )
    };
    let e = parse("*").unwrap_err();
    assert!(
        e.contains("--admin-cors-origin") && e.contains("wildcard"),
        "{e}"
    );
    for bad in [
        "http://*",
        "127.0.0.1:8123",
        "http://127.0.0.1:8123/",
        "http://127.0.0.1:8123/path",
        "",
    ] {
        let e = parse(bad).unwrap_err();
        assert!(e.contains("--admin-cors-origin"), "{bad}: {e}");
    }
    assert!(parse(RUNNER).is_ok());
}
