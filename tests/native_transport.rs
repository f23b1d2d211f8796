//! The native transport (feature `reqwest`) against the emulator: effects, retries through
//! the emulator's fault injection, the license handshake, timeouts, `Send` futures, and the
//! key kept out of every error — plus a scripted loopback server that echoes the bearer.
//!
//! `tools/test.sh` starts one emulator for every suite and names it in
//! `DESCOPE_EMULATOR_URL` / `DESCOPE_EMULATOR_PROJECT_ID` / `DESCOPE_EMULATOR_KEY`; without
//! them (a plain `cargo test --features reqwest`) the emulator library serves on a free
//! loopback port in a thread of this process.
#![cfg(all(not(target_arch = "wasm32"), feature = "reqwest"))]

use std::future::IntoFuture;
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use descope_mgmt::models::{SearchRequest, UserOptions};
use descope_mgmt::{CallOptions, Client, Config, Error, RetryPolicy, User};
use serde_json::Value;

struct Emulator {
    url: String,
    project: String,
    key: String,
}

fn emulator() -> &'static Emulator {
    static EMULATOR: OnceLock<Emulator> = OnceLock::new();
    EMULATOR.get_or_init(|| {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if let (Some(url), Some(project), Some(key)) = (
            env("DESCOPE_EMULATOR_URL"),
            env("DESCOPE_EMULATOR_PROJECT_ID"),
            env("DESCOPE_EMULATOR_KEY"),
        ) {
            return Emulator { url, project, key };
        }
        // Its own runtime, in its own thread: it outlives every test's runtime.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                let emulator =
                    descope_emulator::Emulator::new(descope_emulator::Config::default()).unwrap();
                descope_emulator::server::serve(
                    listener,
                    emulator.router(),
                    std::future::pending(),
                )
                .await
                .unwrap();
            });
        });
        let address = rx.recv_timeout(Duration::from_secs(30)).unwrap();
        Emulator {
            url: format!("http://{address}"),
            project: descope_emulator::DEFAULT_PROJECT_ID.to_string(),
            key: descope_emulator::DEFAULT_MANAGEMENT_KEY.to_string(),
        }
    })
}

fn client() -> Client {
    let e = emulator();
    Client::new(
        Config::new(e.project.as_str(), e.key.as_str())
            .unwrap()
            .with_base_url(&e.url)
            .unwrap(),
    )
}

fn unique(tag: &str) -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{tag}-{nanos}-{n}@native.example.com")
}

fn named(name: &str) -> UserOptions {
    UserOptions {
        display_name: Some(Some(name.to_string())),
        ..Default::default()
    }
}

/// The emulator's admin endpoints (no bearer), read with reqwest as a test tool.
async fn admin(method: reqwest::Method, path: &str, body: Option<&str>) -> Value {
    let http = reqwest::Client::new();
    let mut request = http.request(method, format!("{}{path}", emulator().url));
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.unwrap();
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

async fn add_fault(rule: &str) {
    admin(reqwest::Method::POST, "/emulator/faults", Some(rule)).await;
}

/// The logged requests to `path` whose body or query mentions `marker`.
async fn logged(path: &str, marker: &str) -> Vec<Value> {
    let log = admin(reqwest::Method::GET, "/emulator/requests", None).await;
    log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"] == path && r.to_string().contains(marker))
        .cloned()
        .collect()
}

/// Fault rules apply to whichever request matches first: the tests that add them take
/// turns, and each uses paths no other test of this file calls.
async fn faults_turn() -> tokio::sync::MutexGuard<'static, ()> {
    static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    TURN.lock().await
}

fn options(retry: RetryPolicy, timeout_ms: u32) -> CallOptions {
    CallOptions { timeout_ms, retry }
}

// ------------------------------------------------------------------ Send, spawn

fn is_send<T: Send>(_: &T) {}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_are_send_futures_that_run_in_tokio_spawn() {
    let client = client();
    // Compile-time: every future a native caller awaits is `Send`.
    let call = client.user().load("x@example.com");
    let request = call.request().unwrap();
    is_send(&client.send::<User>(&request));
    is_send(&call.clone().send());
    is_send(&call.into_future());
    let mut pages = client
        .user()
        .search_pages(SearchRequest::default(), 10)
        .unwrap();
    is_send(&pages.next());

    let id = unique("spawn");
    let created = tokio::spawn(
        client
            .clone()
            .user()
            .create(id.clone(), named("Spawned"))
            .into_future(),
    );
    let created = created.await.unwrap().unwrap();
    // Many calls in flight at once, on a clone each, across the runtime's threads.
    let loads: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            let id = id.clone();
            tokio::spawn(async move { client.user().load(id).await })
        })
        .collect();
    for load in loads {
        assert_eq!(load.await.unwrap().unwrap().user_id, created.user_id);
    }
}

// ------------------------------------------------------------------ effects

#[tokio::test]
async fn a_created_user_is_updated_and_loaded_back() {
    let client = client();
    let id = unique("round");
    let created = client
        .user()
        .create(id.as_str(), named("Native Test"))
        .await
        .unwrap();
    assert_eq!(
        created.login_ids.clone().unwrap_or_default(),
        vec![id.clone()]
    );
    let user = client
        .user()
        .update_display_name(
            id.as_str(),
            Some("Ann Lee".into()),
            Some("Ann".into()),
            None,
            Some("Lee".into()),
        )
        .await
        .unwrap();
    assert_eq!(user.name.as_deref(), Some("Ann Lee"));
    client
        .user()
        .update_custom_attribute(id.as_str(), "seats", 42)
        .await
        .unwrap();
    let loaded = client
        .user()
        .load_by_user_id(created.user_id.clone().unwrap())
        .await
        .unwrap();
    assert_eq!(loaded.given_name.as_deref(), Some("Ann"));
    assert_eq!(loaded.family_name.as_deref(), Some("Lee"));
    assert_eq!(
        loaded.custom_attributes.unwrap().get("seats"),
        Some(&serde_json::json!(42))
    );
    let err = client.user().load(unique("nobody")).await.unwrap_err();
    assert_eq!((err.code(), err.status()), ("E112102", 400));
    client.user().delete(id.as_str()).await.unwrap();
    let err = client.user().load(id.as_str()).await.unwrap_err();
    assert_eq!(err.code(), "E112102");
}

#[tokio::test]
async fn search_pages_walks_every_page() {
    let client = client();
    let marker = unique("pager").replace(['@', '.', '-'], "");
    for i in 0..5 {
        client
            .user()
            .create(
                format!("{marker}-{i}@native.example.com"),
                named(&format!("{marker} {i}")),
            )
            .await
            .unwrap();
    }
    let request = SearchRequest {
        text: Some(marker),
        ..Default::default()
    };
    let mut pages = client.user().search_pages(request, 2).unwrap();
    let (mut seen, mut indexes) = (Vec::new(), Vec::new());
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        assert_eq!(page.total, 5);
        indexes.push(page.page);
        seen.extend(page.users.into_iter().filter_map(|u| u.user_id));
    }
    assert_eq!(indexes, vec![0, 1, 2]);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5);
}

#[tokio::test]
async fn bad_arguments_fail_before_anything_is_sent() {
    let marker = unique("never-sent");
    let err = client()
        .user()
        .update_picture("", marker.as_str())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_argument");
    assert_eq!(err.argument(), Some("loginIdOrUserId"));
    assert!(logged("/v1/mgmt/user/update/picture", &marker)
        .await
        .is_empty());
}

#[tokio::test]
async fn the_license_tier_is_learnt_once_and_sent() {
    // The tier is cached per process by base URL and project: `localhost` instead of
    // 127.0.0.1 gives this test a cache entry of its own, so its first call is the one that
    // asks (the other tests' calls do not wait for a handshake in flight).
    let e = emulator();
    let base_url = e.url.replace("127.0.0.1", "localhost");
    let config = Config::new(e.project.as_str(), e.key.as_str()).unwrap();
    let client = Client::new(config.with_base_url(&base_url).unwrap());
    let before = admin(reqwest::Method::GET, "/emulator/requests", None).await;
    // License requests sent to `localhost` (the log keeps each request's Host).
    let licenses = |log: &Value| {
        log["requests"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["path"] == "/v1/mgmt/license")
            .filter(|r| {
                r["headers"]["host"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("localhost")
            })
            .count()
    };
    let (first, second) = (unique("license"), unique("license"));
    for id in [&first, &second] {
        client
            .user()
            .create(id.as_str(), named("Licensed"))
            .await
            .unwrap();
    }
    // Asked once for this base URL and project, by the first call only.
    let after = admin(reqwest::Method::GET, "/emulator/requests", None).await;
    assert_eq!(licenses(&after) - licenses(&before), 1);
    for id in [&first, &second] {
        let sent = logged("/v1/mgmt/user/create", id).await;
        assert_eq!(sent.len(), 1);
        // The emulator answers the license with its --license-tier (tier2 by default).
        assert!(
            sent[0]["headers"]["x-descope-license"].is_string(),
            "{}",
            sent[0]["headers"]
        );
        assert_eq!(sent[0]["headers"]["x-descope-sdk-name"], "rust-wasm");
    }
}

// ------------------------------------------------------------------ retries

#[tokio::test]
async fn a_503_is_retried_and_the_update_applied_once() {
    let _turn = faults_turn().await;
    let client = client();
    let id = unique("retry503");
    client
        .user()
        .create(id.as_str(), named("Retried"))
        .await
        .unwrap();
    add_fault(
        r#"{"kind":"status","status":503,"count":1,"pathPrefix":"/v1/mgmt/user/update/picture"}"#,
    )
    .await;
    let user = client
        .user()
        .update_picture(id.as_str(), "https://cdn.example.com/native.png")
        .await
        .unwrap();
    assert_eq!(
        user.picture.as_deref(),
        Some("https://cdn.example.com/native.png")
    );
    let sent = logged("/v1/mgmt/user/update/picture", &id).await;
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(
        (sent[0]["status"].as_u64(), sent[0]["applied"].as_bool()),
        (Some(503), Some(false))
    );
    assert_eq!(sent[1]["applied"], true);
}

#[tokio::test]
async fn a_create_is_not_resent_after_520_or_a_dropped_connection_but_is_after_503() {
    let _turn = faults_turn().await;
    let client = client();
    let path = "/v1/mgmt/user/create/test";
    for fault in [r#""kind":"status","status":520"#, r#""kind":"drop""#] {
        let id = unique("create-once");
        add_fault(&format!(r#"{{{fault},"count":1,"pathPrefix":"{path}"}}"#)).await;
        let err = client
            .user()
            .create_test_user(id.as_str(), named("Once"))
            .await
            .unwrap_err();
        assert!(matches!(err.status(), 520 | 0), "{err}");
        assert_eq!(logged(path, &id).await.len(), 1, "{fault}: sent again");
    }
    let id = unique("create-503");
    add_fault(&format!(
        r#"{{"kind":"status","status":503,"count":1,"pathPrefix":"{path}"}}"#
    ))
    .await;
    let user = client
        .user()
        .create_test_user(id.as_str(), named("Twice"))
        .await
        .unwrap();
    assert_eq!(user.test, Some(true));
    assert_eq!(logged(path, &id).await.len(), 2);
}

#[tokio::test]
async fn a_dropped_connection_is_retried_for_an_update() {
    let _turn = faults_turn().await;
    let client = client();
    let id = unique("drop");
    client
        .user()
        .create(id.as_str(), named("Dropped"))
        .await
        .unwrap();
    add_fault(r#"{"kind":"drop","count":1,"pathPrefix":"/v1/mgmt/user/update/email"}"#).await;
    let user = client
        .user()
        .update_email(id.as_str(), "dropped@example.com", Some(true), None)
        .await
        .unwrap();
    assert_eq!(user.email.as_deref(), Some("dropped@example.com"));
    let sent = logged("/v1/mgmt/user/update/email", &id).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0]["injected"], "drop");
}

#[tokio::test]
async fn a_429_waits_its_retry_after_and_is_never_cut_short() {
    let _turn = faults_turn().await;
    let client = client();
    let id = unique("rate");
    client
        .user()
        .create(id.as_str(), named("Rated"))
        .await
        .unwrap();
    let path = "/v1/mgmt/user/update/recovery/email";
    add_fault(&format!(
        r#"{{"kind":"rateLimit","limit":1,"windowSecs":1,"retryAfterSecs":1,"pathPrefix":"{path}"}}"#
    ))
    .await;
    let update = |c: &Client| {
        c.user()
            .update_recovery_email(id.as_str(), "r@example.com", Some(true))
    };
    update(&client).await.unwrap();
    // Not opted in: at once, with retryAfter.
    let err = update(&client).await.unwrap_err();
    assert_eq!(
        (err.code(), err.status(), err.retry_after()),
        ("E130429", 429, Some(1))
    );
    // Opted in, but Retry-After (1 s) is longer than max_delay_ms: at once, not sooner.
    let impatient = options(
        RetryPolicy {
            on_429: true,
            max_delay_ms: 500,
            ..RetryPolicy::default()
        },
        10_000,
    );
    let started = Instant::now();
    let err = update(&client.with_options(impatient).unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.retry_after(), Some(1));
    assert!(started.elapsed() < Duration::from_millis(900));
    // Opted in with room: waits the whole second, then goes through.
    let patient = options(
        RetryPolicy {
            on_429: true,
            max_delay_ms: 2_000,
            ..RetryPolicy::default()
        },
        10_000,
    );
    let started = Instant::now();
    update(&client.with_options(patient).unwrap())
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(1_000),
        "{:?}",
        started.elapsed()
    );
    admin(reqwest::Method::DELETE, "/emulator/faults", None).await;
}

// ------------------------------------------------------------------ timeouts

#[tokio::test]
async fn a_slow_answer_times_out_with_status_zero() {
    let _turn = faults_turn().await;
    let client = client();
    let id = unique("slow");
    client
        .user()
        .create(id.as_str(), named("Slow"))
        .await
        .unwrap();
    add_fault(
        r#"{"kind":"latency","ms":3000,"count":1,"pathPrefix":"/v1/mgmt/user/update/phone"}"#,
    )
    .await;
    let fast = client
        .with_options(options(RetryPolicy::default(), 300))
        .unwrap();
    let started = Instant::now();
    let err = fast
        .user()
        .update_phone(id.as_str(), "+15550100", Some(true), None)
        .await
        .unwrap_err();
    assert_eq!(err, Error::Timeout { after_ms: 300 });
    assert_eq!((err.code(), err.status()), ("timeout", 0));
    assert!(
        started.elapsed() < Duration::from_millis(2_000),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_network_error_retried_within_the_policy() {
    // A port nothing listens on (bound, then closed).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = Config::new("P2nativeRefused", "K2native-refused-fake-key")
        .unwrap()
        .with_base_url(&format!("http://127.0.0.1:{port}"))
        .unwrap();
    let retry = RetryPolicy {
        max_attempts: 2,
        max_delay_ms: 50,
        ..RetryPolicy::default()
    };
    let client = Client::with_license_tier(config, "t")
        .with_options(options(retry, 5_000))
        .unwrap();
    let started = Instant::now();
    let err = client.user().load("x@example.com").await.unwrap_err();
    assert_eq!((err.code(), err.status()), ("network_error", 0));
    assert!(err.to_string().contains("onnect"), "{err}");
    assert!(started.elapsed() >= Duration::from_millis(50));
}

// ------------------------------------------------------------------ the key

#[tokio::test]
async fn a_wrong_key_is_a_401_that_shows_no_key() {
    let e = emulator();
    let key = "K2native-wrong-fake-key-0123456789";
    let config = Config::new(e.project.as_str(), key)
        .unwrap()
        .with_base_url(&e.url)
        .unwrap();
    let client = Client::new(config);
    let err = client.user().load("x@example.com").await.unwrap_err();
    assert_eq!(err.status(), 401);
    let shown = format!("{err} {err:?} {client:?} {:?}", client.config());
    assert!(!shown.contains(key), "{shown}");
}

/// A loopback server that answers every request with `answer(authorization)`, echoing the
/// bearer it was sent: it serves `n` connections, then stops.
fn echo_server(n: usize, answer: fn(&str) -> String) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut authorization, mut length) = (String::new(), 0usize);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if lower.starts_with("authorization:") {
                    authorization = line["authorization:".len()..].trim().to_string();
                } else if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let _ = stream.write_all(answer(&authorization).as_bytes());
        }
    });
    url
}

#[tokio::test]
async fn a_body_that_echoes_the_key_is_scrubbed() {
    const KEY: &str = "K2native-echoed-fake-key-AbCdEfGhIjKlMnOpQrStUvWxYz";
    fn html(authorization: &str) -> String {
        let body = format!("<html>bad gateway; you sent: {authorization}</html>");
        format!("HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len())
    }
    fn json(authorization: &str) -> String {
        let body = format!(
            r#"{{"errorCode":"E011005","errorDescription":"bad bearer {authorization}","errorMessage":"{authorization}"}}"#
        );
        format!("HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len())
    }
    for (answer, status) in [(html as fn(&str) -> String, 502), (json, 401)] {
        let url = echo_server(1, answer);
        let config = Config::new("P2nativeEcho", KEY)
            .unwrap()
            .with_base_url(&url)
            .unwrap();
        // A given tier: no handshake, so the one connection is the call's.
        let client = Client::with_license_tier(config, "t");
        let err = client.user().load("x@example.com").await.unwrap_err();
        assert_eq!(err.status(), status);
        let shown = format!("{err} {err:?} {}", err.description());
        assert!(shown.contains("<redacted>"), "{shown}");
        for piece in KEY.as_bytes().windows(8) {
            let piece = std::str::from_utf8(piece).unwrap();
            assert!(!shown.contains(piece), "{piece:?} left in {shown}");
        }
    }
}
