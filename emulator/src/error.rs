//! Descope-shaped error answers: `{errorCode, errorDescription, errorMessage}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Malformed JSON body.
pub const BAD_JSON: &str = "E011001";
/// Missing required field (reference §27.2; management groups other than users).
pub const MISSING_FIELD: &str = "E011002";
/// Request failed validation: unknown key, missing key, wrong type, bad value; in the
/// management groups also duplicates and unknown referenced entities (reference §27.2).
pub const INVALID_REQUEST: &str = "E011003";
/// Missing or wrong bearer / project header (emulator's choice, see README).
pub const UNAUTHORIZED: &str = "E011005";
/// Unknown path (emulator's choice).
pub const NOT_FOUND: &str = "E011404";
/// Known path, wrong method (emulator's choice).
pub const METHOD_NOT_ALLOWED: &str = "E011405";
/// A login ID (or email/phone with failOnConflict) already belongs to a user.
pub const USER_EXISTS: &str = "E062107";
/// Management API: user not found.
pub const USER_NOT_FOUND: &str = "E112102";
/// Rate limit exceeded (HTTP 429).
pub const RATE_LIMITED: &str = "E130429";
/// Injected server error (fault injection; emulator's choice).
pub const INJECTED_SERVER_ERROR: &str = "E130500";

/// An error answer. Rendered with the Descope body and the given status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub description: String,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, description: impl Into<String>) -> Self {
        let description = description.into();
        ApiError {
            status,
            code,
            message: description.clone(),
            description,
        }
    }

    /// Validation failure (400, `E011003`); the description names the key.
    pub fn invalid(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, INVALID_REQUEST, description)
    }

    pub fn bad_json(detail: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            BAD_JSON,
            format!("invalid JSON body: {detail}"),
        )
    }

    /// An unknown referenced entity (reference §27.2): `Tenant not found`; the message names it.
    pub fn not_found(entity: &str, id: &str) -> Self {
        Self::invalid(format!("{entity} not found"))
            .with_message(format!("{entity} \"{id}\" not found"))
    }

    /// A duplicate ID or name in its scope (reference §27.2).
    pub fn duplicate(entity: &str, field: &str, value: &str) -> Self {
        Self::invalid(format!("{entity} with this {field} already exists")).with_message(format!(
            "{entity} with this {field} already exists: \"{value}\""
        ))
    }

    pub fn method_not_allowed(method: &str, path: &str) -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            METHOD_NOT_ALLOWED,
            format!("method {method} is not allowed on {path}"),
        )
    }

    pub fn user_not_found() -> Self {
        Self::new(StatusCode::BAD_REQUEST, USER_NOT_FOUND, "User not found")
    }

    pub fn user_exists(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, USER_EXISTS, description)
    }

    pub fn unauthorized(description: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, UNAUTHORIZED, description)
    }

    pub fn not_found_path(path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            NOT_FOUND,
            format!("no such endpoint: {path}"),
        )
    }

    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    pub fn body(&self) -> serde_json::Value {
        json!({
            "errorCode": self.code,
            "errorDescription": self.description,
            "errorMessage": self.message,
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}] {} (HTTP {})",
            self.code, self.description, self.status
        )
    }
}

impl std::error::Error for ApiError {}

pub type ApiResult<T> = Result<T, ApiError>;
