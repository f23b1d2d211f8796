//! wasm32 only: sends a [`Request`] with gloo-net through the global `fetch` (never
//! `window`, so the same code runs in Workers, Deno, pages and Node), and turns statuses
//! into typed errors. No `credentials`, `mode` or `cache` is set: workerd rejects them.
//!
//! One call = at most `retry.max_attempts` attempts, all within `timeout_ms`; each attempt
//! is aborted when the time left runs out or the caller's `AbortSignal` fires.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::RequestBuilder;
use js_sys::{Function, JsString, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use crate::api::{decode_output, Endpoint, Method, Request, Unwrap};
use crate::error::{decode_error_response, snippet, Error};
use crate::models::License;
use crate::retry::Outcome;
use crate::session::{CallOptions, Session};

/// The license handshake waits at most this long (and never past the call's timeout).
const LICENSE_TIMEOUT_MS: f64 = 2_000.0;

#[wasm_bindgen]
extern "C" {
    // JSON.parse on the JavaScript string itself: the body never enters wasm memory.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;

    // The globals every runtime has (a Node timer is an object, hence JsValue).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// A 2xx answer, its body still a JavaScript string (large bodies are never copied into
/// wasm memory on the JavaScript path).
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The body: its text (a `JsString`), or, when the context asks for JSON, the value
    /// `Response.json()` parsed.
    pub body: JsValue,
}

fn gloo_method(m: Method) -> gloo_net::http::Method {
    match m {
        Method::Get => gloo_net::http::Method::GET,
        Method::Post => gloo_net::http::Method::POST,
        Method::Patch => gloo_net::http::Method::PATCH,
        Method::Delete => gloo_net::http::Method::DELETE,
    }
}

fn js_message(value: &JsValue) -> String {
    if let Some(err) = value.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    value
        .as_string()
        .unwrap_or_else(|| "unknown JavaScript error".to_string())
}

fn network(value: &JsValue) -> Error {
    Error::Network {
        message: js_message(value),
    }
}

/// What one call sends with: the shared session, the key the host gave for this call (if
/// it gives keys per call), and the caller's abort signal.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// The client's shared state.
    pub session: &'a Session,
    /// A key supplied by the host for this call, in place of the configured one.
    pub key: Option<&'a str>,
    /// The caller's `AbortSignal`.
    pub signal: Option<&'a AbortSignal>,
    /// Read 2xx bodies with `Response.json()` (JavaScript callers: the fastest way to JS
    /// objects) instead of as text (for decoding in Rust).
    pub json: bool,
}

impl<'a> Ctx<'a> {
    /// A context with the configured key and no signal.
    pub fn new(session: &'a Session) -> Self {
        Self {
            session,
            key: None,
            signal: None,
            json: false,
        }
    }

    /// The key to keep out of every error.
    fn secret(&self) -> &str {
        self.key
            .or(self.session.config().secret())
            .unwrap_or_default()
    }
}

/// One fetch: status and body, under `signal`.
async fn fetch_once(ctx: Ctx<'_>, req: &Request, signal: &AbortSignal) -> Result<Answer, Error> {
    let session = ctx.session;
    let config = session.config();
    let mut builder = RequestBuilder::new(&req.url(config.base_url()))
        .method(gloo_method(req.method))
        .abort_signal(Some(signal));
    for (name, value) in config.headers_with_key(ctx.key) {
        builder = builder.header(name, &value);
    }
    if let Some(tier) = session.license_tier() {
        builder = builder.header("x-descope-license", &tier);
    }
    let request = match &req.body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body.as_str()),
        None => builder.build(),
    }
    .map_err(|e| Error::Network {
        message: e.to_string(),
    })?;
    let response = request.send().await.map_err(|e| Error::Network {
        message: match e {
            gloo_net::Error::JsError(js) => js.message,
            other => other.to_string(),
        },
    })?;
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let raw = web_sys::Response::from(response);
    if (200..300).contains(&status) && ctx.json && req.unwrap != Unwrap::Void {
        let parsed = raw.json().map_err(|e| network(&e))?;
        return match JsFuture::from(parsed).await {
            Ok(body) => Ok(Answer { status, body }),
            // An aborted read is a network failure (the caller sorts out abort vs timeout).
            Err(e) if !e.is_instance_of::<js_sys::SyntaxError>() => Err(network(&e)),
            Err(e) => Err(Error::Decode {
                path: ".".into(),
                message: format!("not JSON: {}", js_message(&e)),
                snippet: String::new(),
            }),
        };
    }
    let text = JsFuture::from(raw.text().map_err(|e| network(&e))?)
        .await
        .map_err(|e| network(&e))?;
    let text: JsString = text.unchecked_into();
    if (200..300).contains(&status) {
        return Ok(Answer {
            status,
            body: text.into(),
        });
    }
    let body = String::from(&text);
    Err(decode_error_response(
        status,
        retry_after.as_deref(),
        body.as_bytes(),
    ))
}

/// One attempt with its own abort controller: aborted after `budget_ms`, or when the
/// caller's signal fires.
async fn attempt(
    ctx: Ctx<'_>,
    req: &Request,
    budget_ms: f64,
    timeout_ms: u32,
) -> Result<Answer, Error> {
    let user_signal = ctx.signal;
    if user_signal.is_some_and(AbortSignal::aborted) {
        return Err(Error::Aborted);
    }
    let controller = AbortController::new().map_err(|e| network(&e))?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timer = {
        let (controller, timed_out) = (controller.clone(), Rc::clone(&timed_out));
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer = set_timeout(on_timer.as_ref().unchecked_ref(), budget_ms.max(0.0));
    let on_abort = {
        let controller = controller.clone();
        Closure::<dyn FnMut()>::new(move || controller.abort())
    };
    if let Some(s) = user_signal {
        // A failure to listen only loses early cancellation; the timeout still holds.
        let _ = s.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    }
    let result = fetch_once(ctx, req, &controller.signal()).await;
    clear_timeout(&timer);
    if let Some(s) = user_signal {
        let _ = s.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    }
    match result {
        Err(_) if user_signal.is_some_and(AbortSignal::aborted) => Err(Error::Aborted),
        Err(_) if timed_out.get() => Err(Error::Timeout {
            after_ms: timeout_ms,
        }),
        other => other,
    }
}

/// Waits `ms`, or less if the caller's signal fires (then `Aborted`).
async fn sleep(ms: u32, signal: Option<&AbortSignal>) -> Result<(), Error> {
    let mut timer = JsValue::UNDEFINED;
    let mut listener: Option<Function> = None;
    let promise = Promise::new(&mut |resolve, _reject| {
        timer = set_timeout(&resolve, f64::from(ms));
        if let Some(s) = signal {
            let _ = s.add_event_listener_with_callback("abort", &resolve);
            listener = Some(resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
    clear_timeout(&timer);
    if let (Some(s), Some(f)) = (signal, &listener) {
        let _ = s.remove_event_listener_with_callback("abort", f);
    }
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(Error::Aborted);
    }
    Ok(())
}

/// Learns the rate-limit tier once per session; a failure is ignored.
async fn license_handshake(ctx: Ctx<'_>, deadline: f64) {
    let budget = (deadline - js_sys::Date::now()).min(LICENSE_TIMEOUT_MS) / 2.0;
    let req = Request::bodiless(Method::Get, "/v1/mgmt/license", Unwrap::Whole);
    let as_text = Ctx { json: false, ..ctx };
    let tier = match attempt(as_text, &req, budget, 0).await {
        Ok(answer) => decode_output::<License>(&text_of(&answer), Unwrap::Whole)
            .ok()
            .map(|l| l.rate_limit_tier),
        Err(_) => None,
    };
    ctx.session.record_license(tier);
}

fn outcome(err: &Error) -> Option<Outcome> {
    match err {
        Error::Api {
            status,
            retry_after,
            ..
        }
        | Error::Http {
            status,
            retry_after,
            ..
        } => Some(Outcome::Status(*status, *retry_after)),
        Error::Network { .. } => Some(Outcome::Network),
        Error::Timeout { .. } => Some(Outcome::Timeout),
        Error::Aborted => Some(Outcome::Aborted),
        _ => None,
    }
}

/// Sends `req` with retries, within the call's timeout, and returns the 2xx answer or the
/// error the last attempt ended with. The key is redacted from every error.
pub async fn execute(ctx: Ctx<'_>, req: &Request, options: &CallOptions) -> Result<Answer, Error> {
    run(ctx, req, options)
        .await
        .map_err(|e| e.redact(ctx.secret()))
}

async fn run(ctx: Ctx<'_>, req: &Request, options: &CallOptions) -> Result<Answer, Error> {
    let deadline = js_sys::Date::now() + f64::from(options.timeout_ms);
    if ctx.session.claim_license_handshake() {
        license_handshake(ctx, deadline).await;
    }
    let mut attempts = 0;
    loop {
        let remaining = deadline - js_sys::Date::now();
        if remaining <= 0.0 {
            return Err(Error::Timeout {
                after_ms: options.timeout_ms,
            });
        }
        attempts += 1;
        let err = match attempt(ctx, req, remaining, options.timeout_ms).await {
            Ok(answer) => return Ok(answer),
            Err(err) => err,
        };
        let remaining = deadline - js_sys::Date::now();
        let delay =
            outcome(&err).and_then(|o| options.retry.delay(attempts, o, req.idempotent, remaining));
        match delay {
            Some(ms) => sleep(ms, ctx.signal).await?,
            None => return Err(err),
        }
    }
}

/// The text of a body read as text.
fn text_of(answer: &Answer) -> String {
    answer.body.as_string().unwrap_or_default()
}

/// The part of a 2xx answer the JavaScript caller gets, as plain JavaScript values.
pub fn unwrap_js(answer: Answer, unwrap: Unwrap) -> Result<JsValue, Error> {
    let decode_error = |path: &str, message: &str| Error::Decode {
        path: path.to_string(),
        message: message.to_string(),
        snippet: String::new(),
    };
    let parsed = match unwrap {
        Unwrap::Void => return Ok(JsValue::UNDEFINED),
        // Read as text (a context without `json`): parse it here, in JavaScript.
        _ if answer.body.is_string() => {
            let text: JsString = answer.body.unchecked_into();
            json_parse(&text).map_err(|e| Error::Decode {
                path: ".".into(),
                message: format!("not JSON: {}", js_message(&e)),
                snippet: snippet(String::from(&text).as_bytes()),
            })?
        }
        _ => answer.body,
    };
    match unwrap {
        Unwrap::Key(key) => {
            if !parsed.is_object() || js_sys::Array::is_array(&parsed) {
                return Err(decode_error(".", "expected a JSON object"));
            }
            let inner = js_sys::Reflect::get(&parsed, &JsValue::from_str(key))
                .map_err(|e| decode_error(key, &js_message(&e)))?;
            if inner.is_undefined() {
                return Err(decode_error(key, "missing"));
            }
            Ok(inner)
        }
        _ => Ok(parsed),
    }
}

/// Sends a typed endpoint and decodes its output (the Rust API).
pub async fn send<E: Endpoint>(
    ctx: Ctx<'_>,
    endpoint: &E,
    options: &CallOptions,
) -> Result<E::Output, Error> {
    let req = endpoint.request()?;
    let answer = execute(ctx, &req, options).await?;
    decode_output(&text_of(&answer), req.unwrap).map_err(|e| e.redact(ctx.secret()))
}
