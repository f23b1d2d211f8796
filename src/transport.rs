//! wasm32 only: sends a [`Request`] with gloo-net through the global `fetch` (never
//! `window`, so the same code runs in Workers, Deno, pages and Node), and turns statuses
//! into typed errors. No `credentials`, `mode` or `cache` is set: workerd rejects them.

use gloo_net::http::RequestBuilder;
use js_sys::JsString;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::api::{decode_output, Endpoint, Method, Request, Unwrap};
use crate::config::Config;
use crate::error::{decode_error_response, snippet, Error};

#[wasm_bindgen]
extern "C" {
    // JSON.parse on the JavaScript string itself: the body never enters wasm memory.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;
}

/// A 2xx answer, its body still a JavaScript string (large bodies are never copied into
/// wasm memory on the JavaScript path).
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The body text.
    pub text: JsString,
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

/// Sends `req` and returns the 2xx answer, or the error the answer (or its absence) means.
pub async fn execute(config: &Config, req: &Request) -> Result<Answer, Error> {
    let mut builder =
        RequestBuilder::new(&req.url(config.base_url())).method(gloo_method(req.method));
    for (name, value) in config.headers() {
        builder = builder.header(name, &value);
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
    let text_promise = raw.text().map_err(|e| Error::Network {
        message: js_message(&e),
    })?;
    let text = JsFuture::from(text_promise)
        .await
        .map_err(|e| Error::Network {
            message: js_message(&e),
        })?;
    let text: JsString = text.unchecked_into();
    if (200..300).contains(&status) {
        return Ok(Answer { status, text });
    }
    let body = String::from(&text);
    Err(decode_error_response(
        status,
        retry_after.as_deref(),
        body.as_bytes(),
    ))
}

/// The part of a 2xx answer the JavaScript caller gets, as plain JavaScript values.
pub fn unwrap_js(answer: &Answer, unwrap: Unwrap) -> Result<JsValue, Error> {
    if unwrap == Unwrap::Void {
        return Ok(JsValue::UNDEFINED);
    }
    let decode_error = |path: &str, message: &str| Error::Decode {
        path: path.to_string(),
        message: message.to_string(),
        snippet: snippet(String::from(&answer.text).as_bytes()),
    };
    let parsed = json_parse(&answer.text)
        .map_err(|e| decode_error(".", &format!("not JSON: {}", js_message(&e))))?;
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
pub async fn send<E: Endpoint>(config: &Config, endpoint: &E) -> Result<E::Output, Error> {
    let req = endpoint.request()?;
    let answer = execute(config, &req).await?;
    decode_output(&String::from(&answer.text), req.unwrap)
}
