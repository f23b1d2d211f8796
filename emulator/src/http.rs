//! HTTP plumbing: CORS on the API paths (and, opt-in, on the admin endpoints for listed
//! origins), the management API gate (log, faults, bearer,
//! dispatch) and the `/emulator/*` admin endpoints.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::api::{self, Call};
use crate::body::parse_json;
use crate::error::ApiError;
use crate::faults::{self, Action};
use crate::Emulator;

/// Requests larger than this are refused (imports are the big ones).
const BODY_LIMIT: usize = 16 * 1024 * 1024;

const ALLOW_HEADERS: &str = "authorization, content-type, x-descope-project-id, \
x-descope-sdk-name, x-descope-sdk-version, x-descope-sdk-session-id, x-descope-sdk-node-version, \
x-descope-license, x-external-rid";

/// Set by the server loop on each request: closes this request's connection unanswered.
#[derive(Clone)]
pub struct ConnectionCloser(pub Arc<tokio::sync::Notify>);

/// Set by the server loop on each request: the client's address (audit `remoteAddress`).
#[derive(Clone, Copy)]
pub struct PeerAddr(pub std::net::SocketAddr);

pub fn router(app: Emulator) -> Router {
    Router::new()
        .route("/emulator/health", get(health))
        .route(
            "/emulator/requests",
            get(list_requests).delete(clear_requests),
        )
        .route("/emulator/reset", axum::routing::post(reset))
        .route("/emulator/users", get(admin_users))
        .route("/emulator/users/{id}", get(admin_user))
        .route(
            "/emulator/faults",
            get(list_faults).post(add_faults).delete(clear_faults),
        )
        .route("/emulator/seed", axum::routing::post(add_seed))
        .route("/emulator/tenants", get(admin_tenants))
        .route("/emulator/audit", get(admin_audit))
        .route("/emulator/jwt/verify", axum::routing::post(verify_jwt))
        .route("/emulator/accesskeys", get(admin_access_keys))
        .route("/emulator/flows", get(admin_flows))
        .route(
            "/emulator/flows/output",
            axum::routing::post(set_flow_output),
        )
        .route(
            "/emulator/secrets/verify",
            axum::routing::post(verify_secret),
        )
        .route(
            "/emulator/accesskeys/verify",
            axum::routing::post(verify_access_key),
        )
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(api_gate)
        .layer(middleware::from_fn_with_state(app.clone(), cors))
        .with_state(app)
}

/// The Descope API paths (`/v1/...`, `/v2/...`): they need the bearer and get CORS.
fn is_api_path(path: &str) -> bool {
    path.starts_with("/v1/") || path.starts_with("/v2/")
}

/// The emulator's own unauthenticated endpoints (`/emulator`, `/emulator/...`).
fn is_admin_path(path: &str) -> bool {
    path == "/emulator" || path.starts_with("/emulator/")
}

/// CORS for browsers (the wasm client runs in pages and workers). Preflights need no auth.
/// API paths get it for every origin. The admin endpoints (unauthenticated; the request log
/// holds passwords) get it only for the exact origins given with `--admin-cors-origin`
/// (none by default), so arbitrary web pages cannot read them.
async fn cors(State(app): State<Emulator>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if is_admin_path(path) {
        return admin_cors(&app.config().admin_cors_origins, req, next).await;
    }
    if !is_api_path(path) {
        return next.run(req).await;
    }
    let requested = req
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned();
    let mut resp = if req.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE, OPTIONS"),
    );
    // `*` does not cover Authorization, so echo what the browser asks for.
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        requested.unwrap_or(HeaderValue::from_static(ALLOW_HEADERS)),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("Retry-After"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    // The wasm test page runs cross-origin isolated (COEP).
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("cross-origin"),
    );
    resp
}

/// CORS on an admin path: only when the request's `Origin` is one of `allowed` (exactly),
/// echoed back (never `*`). Other origins, and requests without one, get no CORS headers
/// and no preflight answer.
async fn admin_cors(allowed: &[String], req: Request, next: Next) -> Response {
    if allowed.is_empty() {
        return next.run(req).await;
    }
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .filter(|o| allowed.iter().any(|a| a.as_bytes() == o.as_bytes()))
        .cloned();
    let Some(origin) = origin else {
        let mut resp = next.run(req).await;
        // The answer depends on `Origin`: caches must not reuse it for an allowed one.
        resp.headers_mut()
            .append(header::VARY, HeaderValue::from_static("origin"));
        return resp;
    };
    let requested = req
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned();
    let mut resp = if req.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.append(header::VARY, HeaderValue::from_static("origin"));
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, DELETE, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        requested.unwrap_or(HeaderValue::from_static("content-type")),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("cross-origin"),
    );
    resp
}

fn now_secs() -> i64 {
    now_millis().div_euclid(1000)
}

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Every non-admin request: log, faults, bearer check, dispatch.
async fn api_gate(State(app): State<Emulator>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_string();
    if path.starts_with("/emulator/") || path == "/emulator" {
        return ApiError::not_found_path(&path).into_response();
    }
    let method = parts.method.as_str().to_string();
    let query: Vec<(String, String)> =
        axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map(|q| q.0)
            .unwrap_or_default();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                crate::error::BAD_JSON,
                "request body too large",
            )
            .into_response()
        }
    };
    let mut entry = json!({
        "method": method,
        "path": path,
        "query": query.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect::<Map<_, _>>(),
        "body": logged_body(&bytes, &path),
        "headers": logged_headers(&parts.headers),
        "authorized": false,
        "applied": false,
        "injected": null,
        "status": null,
        "time": now_secs(),
    });

    let remote = parts
        .extensions
        .get::<PeerAddr>()
        .map(|p| p.0.ip().to_string())
        .unwrap_or_default();
    let project = bearer_project(&parts.headers);
    let decision = app
        .faults()
        .decide(&method, &path, &project, Instant::now());
    let (resp, applied) = match &decision.action {
        Some(Action::Drop) => {
            entry["injected"] = json!("drop");
            app.log(entry);
            return drop_connection(&parts.extensions).await;
        }
        Some(Action::RateLimited { retry_after }) => {
            let mut r = faults::rate_limit_error().into_response();
            if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            (r, false)
        }
        Some(Action::Status(s)) => (faults::status_error(*s).into_response(), false),
        Some(Action::Html(s)) => {
            let code = StatusCode::from_u16(*s).unwrap_or(StatusCode::BAD_GATEWAY);
            let r = (
                code,
                [(header::CONTENT_TYPE, "text/html; charset=UTF-8")],
                faults::html_page(*s),
            )
                .into_response();
            (r, false)
        }
        None | Some(Action::Truncate) => {
            let authorized = check_auth(&app, &parts.headers, &path);
            entry["authorized"] = json!(authorized.is_ok());
            match authorized {
                Err(e) => (e.into_response(), false),
                Ok(project) => dispatch(&app, &project, &method, &path, &query, &bytes, &remote),
            }
        }
    };
    if let Some(a) = &decision.action {
        entry["injected"] = json!(a.name());
    }
    let resp = if decision.action == Some(Action::Truncate) {
        truncate(resp).await
    } else {
        resp
    };
    entry["status"] = json!(resp.status().as_u16());
    entry["applied"] = json!(applied);
    app.log(entry);
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    resp
}

/// Runs the handler. `applied` is true when it answered 2xx, i.e. its change took effect.
fn dispatch(
    app: &Emulator,
    project: &str,
    method: &str,
    path: &str,
    query: &[(String, String)],
    body: &[u8],
    remote: &str,
) -> (Response, bool) {
    let now_ms = now_millis();
    let call = Call {
        path,
        query,
        body,
        config: app.config(),
        now: now_ms.div_euclid(1000),
        now_ms,
        remote,
    };
    let result = {
        let mut store = app.store();
        api::handle_for(&mut store, project, method, path, &call)
    };
    match result {
        Ok(v) => (Json(v).into_response(), true),
        Err(e) => (e.into_response(), false),
    }
}

async fn method_not_allowed(req: Request) -> Response {
    ApiError::method_not_allowed(req.method().as_str(), req.uri().path()).into_response()
}

/// Only `/v1/...` and `/v2/...` need the bearer; other paths just 404. The bearer is
/// `<projectId>:<key>`: the project is this one (or a project cloned from it), the key the
/// emulator's management key or the cleartext of an active, unexpired management key made
/// through `managementKey.create`. Answers the project the call is for.
fn check_auth(app: &Emulator, headers: &HeaderMap, path: &str) -> Result<String, ApiError> {
    let config = app.config();
    if !is_api_path(path) {
        return Ok(config.project_id.clone());
    }
    let Some(auth) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::unauthorized(
            "Unauthorized: missing Authorization header",
        ));
    };
    let token = auth
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    let (project, key) = token.split_once(':').unwrap_or((token, ""));
    let known = {
        let store = app.store();
        let key_ok = crate::crypto::same(key.as_bytes(), config.management_key.as_bytes())
            || (!key.is_empty() && store.mgmt_key_authenticates(key, now_secs()));
        key_ok && store.knows_project(project)
    };
    if !known {
        return Err(ApiError::unauthorized(
            "Unauthorized: the bearer must be <projectId>:<managementKey> of this project",
        ));
    }
    if let Some(p) = headers.get("x-descope-project-id") {
        if p.to_str().ok() != Some(project) {
            return Err(ApiError::unauthorized(
                "Unauthorized: x-descope-project-id does not match the project",
            ));
        }
    }
    Ok(project.to_string())
}

/// The project part of the bearer (rate limits are per project); never the key.
fn bearer_project(headers: &HeaderMap) -> String {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|v| v.split(':').next())
        .or_else(|| {
            headers
                .get("x-descope-project-id")
                .and_then(|v| v.to_str().ok())
        })
        .unwrap_or_default()
        .to_string()
}

/// Keys whose values are secrets in the bodies of the non-user groups: OIDC and outbound
/// client secrets, audit-webhook credentials, JWTs (input of jwt/update, stop/impersonation,
/// sign-in step-up), outbound tokens and API keys, and the names answers use for secrets in
/// case a client echoes one (management-key and inbound-app `cleartext`, engine `secret`).
/// Inside `inputSecrets` (snapshot import/validate) every `value` is a secret too.
const SECRET_KEYS: &[&str] = &[
    "apiKey",
    "accessToken",
    "refreshToken",
    "idToken",
    "clientSecret",
    "hmacSecret",
    "bearerToken",
    "password",
    "token",
    "jwt",
    "cleartext",
    "secret",
    "sessionJwt",
    "refreshJwt",
];
const REDACTED: &str = "[redacted]";

/// The user API's paths. Their bodies are logged as sent (the package tests read them back);
/// every other group's secrets are redacted before logging.
fn is_user_api(path: &str) -> bool {
    ["/v1/mgmt/user", "/v2/mgmt/user", "/v1/mgmt/tests/"]
        .iter()
        .any(|p| path.starts_with(p))
}

fn redact(v: &mut Value) {
    redact_keys(v, SECRET_KEYS);
}

fn redact_keys(v: &mut Value, keys: &[&str]) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if keys.contains(&k.as_str()) && !x.is_null() {
                    *x = Value::String(REDACTED.into());
                } else if k == "inputSecrets" {
                    redact_keys(x, &["value"]);
                    redact_keys(x, keys);
                } else {
                    redact_keys(x, keys);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| redact_keys(x, keys)),
        _ => {}
    }
}

fn logged_body(bytes: &[u8], path: &str) -> Value {
    if bytes.is_empty() {
        return Value::Null;
    }
    match parse_json(bytes) {
        Ok(mut v) => {
            if !is_user_api(path) {
                redact(&mut v);
            }
            v
        }
        // Not JSON: nothing can be redacted key by key, so outside the user API none is kept.
        Err(_) if !is_user_api(path) => Value::String(format!("{REDACTED} (not JSON)")),
        Err(_) => Value::String(String::from_utf8_lossy(bytes).into_owned()),
    }
}

/// Request headers for the log, without credentials.
fn logged_headers(headers: &HeaderMap) -> Value {
    let mut out = Map::new();
    for (name, value) in headers {
        if name == header::AUTHORIZATION || name == header::COOKIE {
            continue;
        }
        out.insert(
            name.as_str().to_string(),
            Value::String(String::from_utf8_lossy(value.as_bytes()).into_owned()),
        );
    }
    Value::Object(out)
}

/// Keeps the status and headers but cuts the body in half (mid-JSON).
async fn truncate(resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .unwrap_or_default();
    let cut = Bytes::copy_from_slice(&bytes[..bytes.len() / 2]);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(cut))
}

/// Closes the connection without an answer. Outside the server loop (in-process tests)
/// there is no socket, so the body fails instead, which hyper also turns into a reset.
async fn drop_connection(ext: &axum::http::Extensions) -> Response {
    match ext.get::<ConnectionCloser>() {
        Some(closer) => {
            closer.0.notify_one();
            std::future::pending::<Response>().await
        }
        None => Response::new(Body::new(FailingBody)),
    }
}

struct FailingBody;

impl http_body::Body for FailingBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "connection dropped by fault injection",
        ))))
    }
}

// ---------------------------------------------------------------- admin

async fn health(State(app): State<Emulator>) -> Json<Value> {
    Json(json!({
        "status": "ok",
        "projectId": app.config().project_id,
        "users": app.store().users.len(),
    }))
}

async fn list_requests(State(app): State<Emulator>) -> Json<Value> {
    let requests = app.requests();
    Json(json!({ "count": requests.len(), "requests": requests }))
}

async fn clear_requests(State(app): State<Emulator>) -> Json<Value> {
    app.clear_requests();
    Json(json!({}))
}

async fn reset(State(app): State<Emulator>) -> Json<Value> {
    app.reset();
    Json(json!({}))
}

async fn admin_users(State(app): State<Emulator>) -> Json<Value> {
    let store = app.store();
    let users: Vec<Value> = store.users.iter().map(|u| store.admin_view(u)).collect();
    Json(json!({ "users": users }))
}

async fn admin_user(State(app): State<Emulator>, Path(id): Path<String>) -> Response {
    let store = app.store();
    match store.find(&id).and_then(|i| store.users.get(i)) {
        Some(u) => Json(store.admin_view(u)).into_response(),
        None => ApiError::user_not_found().into_response(),
    }
}

async fn list_faults(State(app): State<Emulator>) -> Json<Value> {
    Json(app.faults().view())
}

/// One rule object or an array of rules; all are checked before any is added.
async fn add_faults(State(app): State<Emulator>, body: Bytes) -> Response {
    let rules = match parse_json(&body) {
        Ok(Value::Array(rules)) => rules,
        Ok(rule) => vec![rule],
        Err(e) => return e.into_response(),
    };
    let mut faults = app.faults();
    let mut candidate = faults.clone();
    for rule in rules {
        if let Err(e) = candidate.add(rule) {
            return e.into_response();
        }
    }
    *faults = candidate;
    Json(faults.view()).into_response()
}

async fn clear_faults(State(app): State<Emulator>) -> Json<Value> {
    let mut faults = app.faults();
    faults.clear();
    Json(faults.view())
}

/// Adds a seed document (same format as `--seed`) to the running project.
async fn add_seed(State(app): State<Emulator>, body: Bytes) -> Response {
    let seed = match parse_json(&body) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let mut store = app.store();
    let mut candidate = store.clone();
    match crate::seed::apply_seed(&mut candidate, seed, false) {
        Ok(()) => {
            *store = candidate;
            Json(json!({ "users": store.users.len() })).into_response()
        }
        Err(e) => e.into_response(),
    }
}

/// Tenants with what the API does not show in one place: settings, SSO configurations,
/// setup links (never their tokens), password settings.
async fn admin_tenants(State(app): State<Emulator>) -> Json<Value> {
    let store = app.store();
    let tenants: Vec<Value> = store
        .tenants
        .iter()
        .map(|t| store.admin_tenant(t))
        .collect();
    Json(json!({ "tenants": tenants }))
}

/// Access keys as the API shows them, plus how often each was rotated. No secrets.
async fn admin_access_keys(State(app): State<Emulator>) -> Json<Value> {
    let store = app.store();
    let keys: Vec<Value> = store
        .access_keys
        .iter()
        .map(|k| {
            let mut v = store.render_key(k);
            v["rotations"] = json!(k.rotations);
            v
        })
        .collect();
    Json(json!({ "keys": keys }))
}

/// `{cleartext}` → `{valid, keyId, status, expired}`: whether that secret is a key's current
/// one (and the key usable). Lets a test check that a rotated secret stopped working.
async fn verify_access_key(State(app): State<Emulator>, body: Bytes) -> Response {
    let clear = match parse_json(&body) {
        Ok(Value::Object(mut m)) => match m.remove("cleartext") {
            Some(Value::String(s)) if m.is_empty() => s,
            _ => {
                return ApiError::invalid("the body must be {\"cleartext\": \"…\"}").into_response()
            }
        },
        Ok(_) => return ApiError::invalid("the body must be a JSON object").into_response(),
        Err(e) => return e.into_response(),
    };
    let hash = api::access_keys::secret_hash(&clear);
    let store = app.store();
    let now = now_secs();
    let found = store
        .access_keys
        .iter()
        .find(|k| crate::crypto::same(k.secret_hash.as_bytes(), hash.as_bytes()));
    let answer = match found {
        None => json!({ "valid": false, "keyId": null, "status": null, "expired": null }),
        Some(k) => json!({
            "valid": k.active && !k.expired(now),
            "keyId": k.id,
            "status": if k.active { "active" } else { "inactive" },
            "expired": k.expired(now),
        }),
    };
    Json(answer).into_response()
}

/// Flows as exported, the configured `flow.run` outputs, and the runs so far.
async fn admin_flows(State(app): State<Emulator>) -> Json<Value> {
    let store = app.store();
    let flows: Vec<Value> = store.flows.iter().map(|f| f.document()).collect();
    let outputs: Vec<Value> = store
        .flow_outputs
        .iter()
        .map(|(f, o)| json!({ "flowId": f, "output": o }))
        .collect();
    Json(json!({ "flows": flows, "outputs": outputs, "runs": store.flow_runs }))
}

/// `{flowId?, output}`: what `flow.run` answers for that flow (without `flowId`: for every
/// flow that has no output of its own) → `{}`.
async fn set_flow_output(State(app): State<Emulator>, body: Bytes) -> Response {
    let seed = match parse_json(&body) {
        Ok(v) => json!({ "flowOutputs": [v] }),
        Err(e) => return e.into_response(),
    };
    let mut store = app.store();
    let mut candidate = store.clone();
    match crate::seed::apply_seed(&mut candidate, seed, false) {
        Ok(()) => {
            *store = candidate;
            Json(json!({})).into_response()
        }
        Err(e) => e.into_response(),
    }
}

/// `{secret}` → `{valid, kind, id}`: whether this is the current secret of an engine
/// (`engine`), an inbound application (`inboundApp`) or a management key
/// (`managementKey`, the whole cleartext), so tests can see a rotation take effect.
async fn verify_secret(State(app): State<Emulator>, body: Bytes) -> Response {
    let secret = match parse_json(&body) {
        Ok(Value::Object(mut m)) => match m.remove("secret") {
            Some(Value::String(s)) if m.is_empty() => s,
            _ => return ApiError::invalid("the body must be {\"secret\": \"…\"}").into_response(),
        },
        Ok(_) => return ApiError::invalid("the body must be a JSON object").into_response(),
        Err(e) => return e.into_response(),
    };
    let store = app.store();
    let hash = api::mgmt_keys::secret_hash(&secret);
    let found = if let Some(e) = store.engine_by_secret(&secret) {
        Some(("engine", e.id.clone()))
    } else if let Some(a) = store.inbound_app_by_secret(&secret) {
        Some(("inboundApp", a.id.clone()))
    } else {
        store
            .mgmt_keys
            .iter()
            .find(|k| crate::crypto::same(k.secret_hash.as_bytes(), hash.as_bytes()))
            .map(|k| ("managementKey", k.id.clone()))
    };
    let answer = match found {
        Some((kind, id)) => json!({ "valid": true, "kind": kind, "id": id }),
        None => json!({ "valid": false, "kind": null, "id": null }),
    };
    Json(answer).into_response()
}

/// `{jwt}` → `{valid, claims, error}`: checks a token's signature (the key is per process
/// and never shown) and expiry, for tests that want to look inside the emulator's JWTs.
async fn verify_jwt(body: Bytes) -> Response {
    let token = match parse_json(&body) {
        Ok(Value::Object(mut m)) => match m.remove("jwt") {
            Some(Value::String(s)) if m.is_empty() => s,
            _ => return ApiError::invalid("the body must be {\"jwt\": \"…\"}").into_response(),
        },
        Ok(_) => return ApiError::invalid("the body must be a JSON object").into_response(),
        Err(e) => return e.into_response(),
    };
    let answer = match api::jwt::verify(&token, now_secs()) {
        Ok(claims) => json!({ "valid": true, "claims": claims, "error": null }),
        Err(why) => json!({ "valid": false, "claims": null, "error": why }),
    };
    Json(answer).into_response()
}

/// The audit trail oldest first, and the audit webhooks (without their credentials).
async fn admin_audit(State(app): State<Emulator>) -> Json<Value> {
    let store = app.store();
    let audits: Vec<Value> = store.audit.iter().map(|e| store.render_audit(e)).collect();
    let hooks: Vec<Value> = store
        .webhooks
        .iter()
        .map(|w| store.admin_webhook(w))
        .collect();
    Json(json!({ "count": audits.len(), "audits": audits, "webhooks": hooks }))
}
