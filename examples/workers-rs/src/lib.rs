//! A Cloudflare Worker in Rust exposing a small admin API over Descope users, the same as
//! `examples/worker` in JavaScript:
//!
//! - `GET /users?text=ann` — search (first page)
//! - `GET /users/:loginId` — load one user
//! - `PUT /users/:loginId/picture` with `{"picture": "https://…"}`
//!
//! Credentials come from the Worker's env (secrets), never from the caller; callers must
//! present the `ADMIN_TOKEN` secret.

use std::sync::OnceLock;

use descope_mgmt::models::SearchRequest;
use descope_mgmt::{Client, Config};
use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};
use serde_json::json;
use worker::{event, Context, Env, Method, Request, Response, Result};

/// One client per isolate, built at the first request (a Worker sees `env` only there) and
/// kept: the rate-limit tier is learnt once, not once per request. `Client` is
/// `Send + Sync`, so a `static OnceLock` holds it.
static CLIENT: OnceLock<Client> = OnceLock::new();

fn client(env: &Env) -> Result<&'static Client> {
    if let Some(client) = CLIENT.get() {
        return Ok(client);
    }
    let project_id = env.var("DESCOPE_PROJECT_ID")?.to_string();
    let key = env.secret("DESCOPE_MANAGEMENT_KEY")?.to_string();
    // `?` on a descope_mgmt::Error: the crate's feature `worker` converts it.
    let mut config = Config::new(project_id, key)?;
    if let Ok(base_url) = env.var("DESCOPE_BASE_URI") {
        config = config.with_base_url(&base_url.to_string())?;
    }
    Ok(CLIENT.get_or_init(|| Client::new(config)))
}

fn json_response<T: Serialize>(body: &T, status: u16) -> Result<Response> {
    Ok(Response::from_json(body)?.with_status(status))
}

/// A Descope answer as JSON, or its error as `{code, description}` with its HTTP status (a
/// Descope 4xx stays a 4xx; no answer at all, status 0, is a 502). The error never holds
/// the key.
fn answer<T: Serialize>(result: std::result::Result<T, descope_mgmt::Error>) -> Result<Response> {
    match result {
        Ok(value) => json_response(&value, 200),
        Err(err) => {
            let status = if err.status() == 0 { 502 } else { err.status() };
            let body = json!({ "code": err.code(), "description": err.description() });
            json_response(&body, status)
        }
    }
}

#[derive(Deserialize)]
struct Picture {
    picture: String,
}

// On wasm32 the crate's futures are not `Send` (JavaScript values are not). A workers-rs
// handler that must be `Send` (its axum integration) wraps them with `#[worker::send]`, as
// here; a plain `#[event(fetch)]` handler needs nothing.
#[worker::send]
async fn route(mut req: Request, client: &Client) -> Result<Response> {
    let url = req.url()?;
    let parts: Vec<String> = url
        .path_segments()
        .map(|s| {
            s.map(|p| percent_decode_str(p).decode_utf8_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let part = |i: usize| parts.get(i).map(String::as_str).filter(|p| !p.is_empty());
    if part(0) != Some("users") {
        return json_response(&json!({ "error": "not found" }), 404);
    }
    match (req.method(), part(1), part(2)) {
        (Method::Get, None, None) => {
            let text = url
                .query_pairs()
                .find(|(k, _)| k == "text")
                .map(|(_, v)| v.into_owned());
            let search = SearchRequest {
                text,
                limit: Some(20),
                ..Default::default()
            };
            answer(client.user().search(search).await)
        }
        (Method::Get, Some(id), None) => answer(client.user().load(id).await),
        (Method::Put, Some(id), Some("picture")) => {
            let id = id.to_string();
            let Picture { picture } = req.json().await?;
            answer(client.user().update_picture(id, picture).await)
        }
        _ => json_response(&json!({ "error": "method not allowed" }), 405),
    }
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let token = env
        .secret("ADMIN_TOKEN")
        .map(|t| t.to_string())
        .unwrap_or_default();
    let presented = req.headers().get("authorization")?.unwrap_or_default();
    if token.is_empty() || presented != format!("Bearer {token}") {
        return json_response(&json!({ "error": "unauthorized" }), 401);
    }
    route(req, client(&env)?).await
}
