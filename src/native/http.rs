//! The reqwest transport (rustls with webpki roots, no OpenSSL), in a tokio runtime: only
//! the attempt, the timer and the clock are reqwest's and tokio's; the loop, the retry
//! policy, the license handshake and the redaction are [`crate::exec`]'s, as on wasm32.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;

use crate::api::{decode_request, Method, Request};
use crate::error::{decode_error_response, Cause, Error};
use crate::exec::{self, Transport};
use crate::session::{CallOptions, Session};

/// What one call sends with: the shared session and its HTTP client.
struct Native<'a> {
    session: &'a Session,
    http: &'a reqwest::Client,
}

/// Milliseconds on a monotonic clock (deadlines do not move with the wall clock).
fn now_ms() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// The session's HTTP client, made at its first call (and kept: its connection pool).
fn http_of(session: &Session) -> Result<&reqwest::Client, Error> {
    if let Some(http) = session.http.get() {
        return Ok(http);
    }
    let http = reqwest::Client::builder()
        .user_agent(concat!("descope-mgmt/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(network)?;
    Ok(session.http.get_or_init(|| http))
}

/// A failed request or body read, with the reasons reqwest chains below it (`tcp connect
/// error: Connection refused`). The URL is left out, as fetch's messages leave it out.
fn network(err: reqwest::Error) -> Error {
    let err = err.without_url();
    let mut message = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.ends_with(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    Error::Network {
        message,
        cause: Cause::none(),
    }
}

fn method_of(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

impl Transport for Native<'_> {
    /// The body of a 2xx answer, as text.
    type Answer = String;

    fn session(&self) -> &Session {
        self.session
    }

    fn secret(&self) -> &str {
        self.session.config().secret().unwrap_or_default()
    }

    fn now_ms(&self) -> f64 {
        now_ms()
    }

    async fn attempt(
        &self,
        req: &Request,
        deadline: f64,
        timeout_ms: u32,
        _text: bool,
    ) -> Result<String, Error> {
        let timed_out = Error::Timeout {
            after_ms: timeout_ms,
        };
        let remaining = deadline - now_ms();
        if remaining <= 0.0 {
            return Err(timed_out);
        }
        let config = self.session.config();
        let mut request = self
            .http
            .request(method_of(req.method), req.url(config.base_url()));
        for (name, value) in config.headers() {
            request = request.header(name, value);
        }
        if let Some(tier) = self.session.license_tier() {
            request = request.header("x-descope-license", tier);
        }
        if let Some(body) = &req.body {
            request = request
                .header("Content-Type", "application/json")
                .body(body.clone());
        }
        // The answer and its body within the time left; past it the request is dropped.
        let exchange = async {
            let response = request.send().await.map_err(network)?;
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let body = response.bytes().await.map_err(network)?;
            Ok::<_, Error>((status, retry_after, body))
        };
        let time_left = Duration::from_secs_f64(remaining / 1000.0);
        let (status, retry_after, body) = match tokio::time::timeout(time_left, exchange).await {
            Ok(answer) => answer?,
            Err(_) => return Err(timed_out),
        };
        if (200..300).contains(&status) {
            // As fetch's `text()`: bytes that are not UTF-8 are replaced, not refused.
            return Ok(String::from_utf8_lossy(&body).into_owned());
        }
        Err(decode_error_response(
            status,
            retry_after.as_deref(),
            &body,
            self.secret(),
        ))
    }

    async fn sleep(&self, ms: u32) -> Result<(), Error> {
        tokio::time::sleep(Duration::from_millis(u64::from(ms))).await;
        Ok(())
    }

    fn rate_limit_tier(&self, answer: &String) -> Option<String> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct License {
            rate_limit_tier: Option<String>,
        }
        serde_json::from_str::<License>(answer)
            .ok()
            .and_then(|l| l.rate_limit_tier)
    }
}

/// Sends a request with retries within the call's timeout, and decodes the part of the
/// answer its row names. Needs a tokio runtime.
pub(crate) async fn send<T: DeserializeOwned>(
    session: &Session,
    req: &Request,
    options: &CallOptions,
) -> Result<T, Error> {
    let secret = session.config().secret().unwrap_or_default();
    let http = http_of(session).map_err(|e| e.redact(secret))?;
    let transport = Native { session, http };
    let deadline = now_ms() + f64::from(options.timeout_ms);
    let body = exec::execute_by(&transport, req, options, deadline).await?;
    decode_request(&body, req).map_err(|e| e.redact(secret))
}
