//! The wasm-bindgen façade. The package's JavaScript entry wraps [`JsClient`] as
//! `DescopeManagement` with one `descope.user.<name>` function per name of
//! [`crate::api::user::METHODS`]; every call goes through [`crate::api::user::prepare`].

use std::rc::Rc;

use js_sys::{Array, Function, Promise};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::api::{user, Args};
use crate::config::{Config, ManagementKey};
use crate::error::Error;
use crate::session::{CallOptions, Session};
use crate::transport;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/src/js/descope_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeDescopeError)]
    fn make_descope_error(
        message: &str,
        status: u16,
        code: &str,
        description: &str,
        retry_after: Option<u32>,
        argument: Option<String>,
        cause: &JsValue,
    ) -> JsValue;
}

#[wasm_bindgen(module = "/src/js/json.js")]
extern "C" {
    #[wasm_bindgen(js_name = toJson, catch)]
    fn to_json(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// Converts an error into a `DescopeError` (a network failure keeps the runtime's error
/// as `err.cause`).
pub(crate) fn to_js_error(err: &Error) -> JsValue {
    let cause = match err {
        Error::Network { cause, .. } => cause.js.clone(),
        _ => None,
    };
    make_descope_error(
        &err.to_string(),
        err.status(),
        err.code(),
        &err.description(),
        err.retry_after(),
        err.argument().map(str::to_string),
        &cause.unwrap_or(JsValue::UNDEFINED),
    )
}

/// The names of the `descope.user` methods.
#[wasm_bindgen(js_name = userMethods)]
pub fn user_methods() -> Array {
    user::METHODS.iter().map(|m| JsValue::from_str(m)).collect()
}

/// Positional JavaScript arguments, read through `JSON.stringify` like node-sdk's bodies.
struct JsArgs<'a>(&'a Array);

impl Args for JsArgs<'_> {
    fn json(&self, index: usize, name: &str) -> Result<Option<String>, Error> {
        let value = u32::try_from(index)
            .map(|i| self.0.get(i))
            .unwrap_or(JsValue::UNDEFINED);
        if value.is_undefined() {
            return Ok(None);
        }
        let text = to_json(&value).map_err(|e| {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            Error::invalid_argument(name, format!("cannot be sent as JSON: {why}"))
        })?;
        // JSON.stringify gives undefined for functions and symbols: node-sdk would drop them.
        Ok(text.as_string())
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RetryOptions {
    #[serde(default)]
    max_attempts: Option<f64>,
    #[serde(default)]
    max_delay_ms: Option<f64>,
    #[serde(default)]
    on429: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClientOptions {
    #[serde(default)]
    project_id: Option<String>,
    // A string, or a function the host calls at each call (a rotating secret).
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    management_key: JsValue,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    timeout_ms: Option<f64>,
    #[serde(default)]
    retry: Option<RetryOptions>,
    #[serde(default)]
    license_tier: Option<String>,
}

/// Options of `descope.with(...)`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ViewOptions {
    #[serde(default)]
    timeout_ms: Option<f64>,
    #[serde(default)]
    retry: Option<RetryOptions>,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    signal: JsValue,
}

/// serde-wasm-bindgen reads a struct's fields by name and never sees extra keys, so a
/// misspelt option (`timeout` for `timeoutMs`) is caught here.
fn check_keys(options: &JsValue, allowed: &[&str], what: &str) -> Result<(), Error> {
    let keys = js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>());
    for key in keys.iter().filter_map(|k| k.as_string()) {
        if !allowed.contains(&key.as_str()) {
            return Err(Error::invalid_argument(
                format!("{what}.{key}"),
                "is not a known option",
            ));
        }
    }
    Ok(())
}

const CLIENT_KEYS: &[&str] = &[
    "projectId",
    "managementKey",
    "baseUrl",
    "timeoutMs",
    "retry",
    "licenseTier",
];
const VIEW_KEYS: &[&str] = &["timeoutMs", "retry", "signal"];
const RETRY_KEYS: &[&str] = &["maxAttempts", "maxDelayMs", "on429"];

fn parse<T: serde::de::DeserializeOwned>(
    options: JsValue,
    allowed: &[&str],
    what: &str,
) -> Result<T, Error> {
    if !options.is_object() {
        return Err(Error::invalid_argument(what, "must be an object"));
    }
    check_keys(&options, allowed, what)?;
    let retry =
        js_sys::Reflect::get(&options, &JsValue::from_str("retry")).unwrap_or(JsValue::UNDEFINED);
    if retry.is_object() {
        check_keys(&retry, RETRY_KEYS, &format!("{what}.retry"))?;
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| {
        let msg = e.to_string();
        match msg
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next())
        {
            Some(key) => Error::invalid_argument(format!("{what}.{key}"), "is not a known option"),
            None => Error::invalid_argument(what, msg),
        }
    })
}

/// A whole number of milliseconds (or attempts) within `u32`.
fn whole(value: f64, name: &str, min: f64) -> Result<u32, Error> {
    if value.fract() != 0.0 || value < min || value > f64::from(u32::MAX) {
        return Err(Error::invalid_argument(
            name,
            format!("must be a whole number of at least {min}"),
        ));
    }
    Ok(value as u32)
}

fn apply(
    options: &mut CallOptions,
    timeout_ms: Option<f64>,
    retry: Option<RetryOptions>,
) -> Result<(), Error> {
    if let Some(t) = timeout_ms {
        options.timeout_ms = whole(t, "timeoutMs", 1.0)?;
    }
    if let Some(r) = retry {
        if let Some(n) = r.max_attempts {
            options.retry.max_attempts = whole(n, "retry.maxAttempts", 1.0)?;
        }
        if let Some(ms) = r.max_delay_ms {
            options.retry.max_delay_ms = whole(ms, "retry.maxDelayMs", 0.0)?;
        }
        if let Some(on) = r.on429 {
            options.retry.on_429 = on;
        }
    }
    options.validate()
}

fn client_from_options(options: JsValue) -> Result<JsClient, Error> {
    let opts: ClientOptions = parse(options, CLIENT_KEYS, "options")?;
    let project_id = opts
        .project_id
        .ok_or_else(|| Error::invalid_argument("projectId", "is required"))?;
    let key = opts.management_key;
    let (config, key_fn) = if let Some(f) = key.dyn_ref::<Function>() {
        (
            Config::with_key_from_host(project_id, opts.base_url)?,
            Some(f.clone()),
        )
    } else if key.is_undefined() || key.is_null() {
        (Config::build(project_id, None, opts.base_url)?, None)
    } else if let Some(k) = key.as_string() {
        (
            Config::build(project_id, Some(ManagementKey::new(k)), opts.base_url)?,
            None,
        )
    } else {
        return Err(Error::invalid_argument(
            "managementKey",
            "must be a string or a function returning one",
        ));
    };
    let mut call_options = CallOptions::default();
    apply(&mut call_options, opts.timeout_ms, opts.retry)?;
    let session = Session::new(config, opts.license_tier.filter(|t| !t.is_empty()));
    Ok(JsClient {
        session: Rc::new(session),
        options: call_options,
        signal: None,
        key_fn,
    })
}

/// Asks the host's key function for this call's key (awaiting it when it returns a
/// promise). The value is used for this call only, never kept.
async fn host_key(f: &Function) -> Result<String, Error> {
    let message = |e: &JsValue| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default()
    };
    let failed = |e: &JsValue| {
        Error::invalid_argument("managementKey", format!("function failed: {}", message(e)))
    };
    let mut value = f.call0(&JsValue::UNDEFINED).map_err(|e| failed(&e))?;
    if value.is_instance_of::<Promise>() {
        value = JsFuture::from(Promise::from(value))
            .await
            .map_err(|e| failed(&e))?;
    }
    match value.as_string() {
        Some(k) if !k.is_empty() => Ok(k),
        _ => Err(Error::invalid_argument(
            "managementKey",
            "function must return a non-empty string",
        )),
    }
}

/// The wasm side of `DescopeManagement` (the package entry wraps it).
#[wasm_bindgen(js_name = Client)]
pub struct JsClient {
    session: Rc<Session>,
    options: CallOptions,
    signal: Option<AbortSignal>,
    key_fn: Option<Function>,
}

#[wasm_bindgen(js_class = Client)]
impl JsClient {
    /// `new Client({ projectId, managementKey, baseUrl?, timeoutMs?, retry?, licenseTier? })`;
    /// throws a `DescopeError` naming a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsClient, JsValue> {
        client_from_options(options).map_err(|e| to_js_error(&e))
    }

    /// A view of this client whose calls use other options (`timeoutMs`, `signal`,
    /// `retry`); it shares the configuration and the learnt rate-limit tier.
    #[wasm_bindgen(js_name = with)]
    pub fn with_options(&self, options: JsValue) -> Result<JsClient, JsValue> {
        let view = || -> Result<JsClient, Error> {
            let opts: ViewOptions = parse(options, VIEW_KEYS, "options")?;
            let mut call_options = self.options;
            apply(&mut call_options, opts.timeout_ms, opts.retry)?;
            let signal = if opts.signal.is_undefined() || opts.signal.is_null() {
                self.signal.clone()
            } else {
                Some(opts.signal.dyn_into::<AbortSignal>().map_err(|_| {
                    Error::invalid_argument("options.signal", "must be an AbortSignal")
                })?)
            };
            Ok(JsClient {
                session: Rc::clone(&self.session),
                options: call_options,
                signal,
                key_fn: self.key_fn.clone(),
            })
        };
        view().map_err(|e| to_js_error(&e))
    }

    /// Calls `descope.user.<method>(...args)`: resolves to node-sdk's `data`, rejects with
    /// a `DescopeError`. Arguments are checked before anything is sent.
    #[wasm_bindgen(js_name = callUser)]
    pub fn call_user(&self, method: &str, args: &Array) -> Promise {
        let prepared = user::prepare(method, &JsArgs(args));
        let session = Rc::clone(&self.session);
        let (options, signal, key_fn) = (self.options, self.signal.clone(), self.key_fn.clone());
        future_to_promise(async move {
            let req = prepared.map_err(|e| to_js_error(&e))?;
            // The timeout and the signal cover the whole call, the host's key included.
            let deadline = transport::deadline_of(&options);
            let key = match &key_fn {
                Some(f) => {
                    let key = transport::within(
                        host_key(f),
                        deadline,
                        options.timeout_ms,
                        signal.as_ref(),
                    )
                    .await
                    .and_then(|key| key);
                    Some(key.map_err(|e| to_js_error(&e))?)
                }
                None => None,
            };
            let ctx = transport::Ctx {
                session: &session,
                key: key.as_deref(),
                signal: signal.as_ref(),
                json: true,
            };
            let answer = transport::execute_by(ctx, &req, &options, deadline)
                .await
                .map_err(|e| to_js_error(&e))?;
            let secret = key.as_deref().or(session.config().secret());
            transport::unwrap_js(answer, req.unwrap)
                .map_err(|e| to_js_error(&e.redact(secret.unwrap_or_default())))
        })
    }
}

/// Bytes of wasm linear memory in use by this module (a diagnostic for leak tests).
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            m.buffer()
                .unchecked_into::<js_sys::ArrayBuffer>()
                .byte_length()
        })
        .map_or(0.0, f64::from)
}
