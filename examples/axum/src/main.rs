//! A small admin API over Descope users on axum, the same as the Worker examples:
//!
//! - `GET /users?text=ann` — search (first page)
//! - `GET /users/{loginId}` — load one user
//! - `PUT /users/{loginId}/picture` with `{"picture": "https://…"}`
//!
//! The Descope key comes from the server's environment, never from the caller; callers
//! must present `ADMIN_TOKEN`. One `descope_mgmt::Client` lives in the router's state: it
//! is `Clone + Send + Sync` (an `Arc` inside), and its calls are `Send` futures.

use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use descope_mgmt::models::SearchResponse;
use descope_mgmt::{Client, Config, SearchRequest, User};
use serde::Deserialize;
use serde_json::json;

#[derive(Clone)]
struct AppState {
    descope: Client,
    admin_token: Arc<str>,
}

/// A Descope error as `{code, description}` with its HTTP status (a Descope 4xx stays a
/// 4xx; no answer at all, status 0, is a 502). It never holds the key.
struct ApiError(descope_mgmt::Error);

impl From<descope_mgmt::Error> for ApiError {
    fn from(err: descope_mgmt::Error) -> Self {
        Self(err)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::BAD_GATEWAY);
        let body = json!({ "code": self.0.code(), "description": self.0.description() });
        (status, Json(body)).into_response()
    }
}

#[derive(Deserialize)]
struct SearchQuery {
    text: Option<String>,
}

async fn search(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> Result<Json<SearchResponse>, ApiError> {
    let request = SearchRequest {
        text: query.text,
        limit: Some(20),
        ..Default::default()
    };
    Ok(Json(state.descope.user().search(request).await?))
}

async fn load(
    State(state): State<AppState>,
    Path(login_id): Path<String>,
) -> Result<Json<User>, ApiError> {
    Ok(Json(state.descope.user().load(login_id).await?))
}

#[derive(Deserialize)]
struct Picture {
    picture: String,
}

async fn update_picture(
    State(state): State<AppState>,
    Path(login_id): Path<String>,
    Json(body): Json<Picture>,
) -> Result<Json<User>, ApiError> {
    Ok(Json(
        state
            .descope
            .user()
            .update_picture(login_id, body.picture)
            .await?,
    ))
}

async fn admin_only(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if state.admin_token.is_empty() || presented != Some(&format!("Bearer {}", state.admin_token)) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "unauthorized" })),
        )
            .into_response();
    }
    next.run(request).await
}

fn app(state: AppState) -> Router {
    Router::new()
        .route("/users", get(search))
        .route("/users/{login_id}", get(load))
        .route("/users/{login_id}/picture", put(update_picture))
        .layer(middleware::from_fn_with_state(state.clone(), admin_only))
        .with_state(state)
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let project_id = env("DESCOPE_PROJECT_ID").ok_or("DESCOPE_PROJECT_ID is not set")?;
    let key = env("DESCOPE_MANAGEMENT_KEY").ok_or("DESCOPE_MANAGEMENT_KEY is not set")?;
    let mut config = Config::new(project_id, key)?;
    if let Some(base_url) = env("DESCOPE_BASE_URI") {
        config = config.with_base_url(&base_url)?;
    }
    let state = AppState {
        descope: Client::new(config),
        admin_token: env("ADMIN_TOKEN").unwrap_or_default().into(),
    };
    let port = env("PORT").unwrap_or_else(|| "8080".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
