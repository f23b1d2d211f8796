//! Shared helpers: an in-process emulator driven with `tower::ServiceExt::oneshot`.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use descope_emulator::faults::Faults;
use descope_emulator::{seed, Config, Emulator};
use serde_json::{json, Value};
use tower::ServiceExt;

pub const AUTH: &str = "Bearer P2emulatorProject00000000001:K2emulator-fake-management-key";

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["errorCode"].as_str().unwrap_or("")
    }
    pub fn description(&self) -> &str {
        self.body["errorDescription"].as_str().unwrap_or("")
    }
    pub fn user(&self) -> &Value {
        &self.body["user"]
    }
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(self.status, StatusCode::OK, "{}", self.text);
        self
    }
    #[track_caller]
    pub fn err(&self, status: u16, code: &str) -> &Self {
        assert_eq!(self.status.as_u16(), status, "{}", self.text);
        assert_eq!(self.code(), code, "{}", self.text);
        self
    }
}

pub struct Harness {
    pub app: Emulator,
    router: Router,
}

impl Harness {
    /// Built-in tenants, roles and attributes; no users.
    pub fn new() -> Harness {
        Harness::from(Emulator::new(Config::default()).unwrap())
    }

    pub fn with_seed(seed: Value) -> Harness {
        let store = seed::build(Some(&seed), 0).unwrap();
        Harness::from(Emulator::with_store(
            Config::default(),
            store,
            Faults::default(),
        ))
    }

    pub fn from(app: Emulator) -> Harness {
        let router = app.router();
        Harness { app, router }
    }

    pub async fn send(&self, req: Request<Body>) -> Answer {
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
            text,
        }
    }

    /// An authorized API call; `body` is sent as JSON when given.
    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", AUTH)
            .header("x-descope-project-id", "P2emulatorProject00000000001");
        let body = match body {
            Some(b) => {
                req = req.header("content-type", "application/json");
                Body::from(b.to_string())
            }
            None => Body::empty(),
        };
        self.send(req.body(body).unwrap()).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.call("POST", path, Some(body)).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.call("GET", path, None).await
    }

    /// Sends a request captured from node-sdk (its headers included), with `query` and
    /// `body` (the conformance replays).
    pub async fn send_captured(&self, r: &Value, query: &Value, body: &Value) -> Answer {
        let query: Vec<String> = query
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v.as_str().unwrap())))
            .collect();
        let mut uri = r["path"].as_str().unwrap().to_string();
        if !query.is_empty() {
            uri = format!("{uri}?{}", query.join("&"));
        }
        let mut req = Request::builder()
            .method(r["method"].as_str().unwrap())
            .uri(uri)
            .header("authorization", r["authorization"].as_str().unwrap())
            .header("x-descope-project-id", r["projectHeader"].as_str().unwrap())
            .header("x-descope-sdk-name", "nodejs");
        let body = if body.is_null() {
            Body::empty()
        } else {
            req = req.header("content-type", "application/json");
            Body::from(body.to_string())
        };
        self.send(req.body(body).unwrap()).await
    }

    /// An unauthenticated call (admin endpoints).
    pub async fn admin(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let req = Request::builder().method(method).uri(path);
        let body = body.map(|b| Body::from(b.to_string())).unwrap_or_default();
        self.send(req.body(body).unwrap()).await
    }

    /// Creates a user and returns its JSON.
    pub async fn create(&self, body: Value) -> Value {
        let a = self.post("/v1/mgmt/user/create", body).await;
        a.ok();
        a.user().clone()
    }

    pub async fn load(&self, login_id: &str) -> Value {
        let a = self
            .get(&format!("/v1/mgmt/user?loginId={}", enc(login_id)))
            .await;
        a.ok();
        a.user().clone()
    }

    pub async fn admin_view(&self, id: &str) -> Value {
        let a = self
            .admin("GET", &format!("/emulator/users/{}", enc(id)), None)
            .await;
        a.ok();
        a.body.clone()
    }
}

/// Minimal percent-encoding for query values and path segments.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn ann() -> Value {
    json!({"loginId": "ann@example.com", "email": "ann@example.com", "displayName": "Ann Lee",
           "givenName": "Ann", "familyName": "Lee", "phone": "+15550001"})
}
