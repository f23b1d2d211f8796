//! The wasm-bindgen façade. The package's JavaScript entry wraps [`JsClient`] as
//! `DescopeManagement` with one `descope.user.<name>` function per row of the user
//! catalogue; every call goes through [`crate::api::packed::prepare_at`] (the packed rows, walked by the engine).

use std::rc::Rc;

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;

use crate::api::packed;
use crate::config::{Config, ManagementKey};
use crate::error::Error;
use crate::session::{CallOptions, Session};
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/src/js/descope_error.js")]
extern "C" {
    // Two values in, one out: a signature the module has anyway (see "Imports" in
    // src/transport.rs), where the fields one by one would make it one of its own.
    #[wasm_bindgen(js_name = makeDescopeError)]
    fn make_descope_error(message: &JsValue, fields: &JsValue) -> JsValue;
}

/// Converts an error into a `DescopeError` (a network failure keeps the runtime's error
/// as `err.cause`).
pub(crate) fn to_js_error(err: &Error) -> JsValue {
    let fields = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        crate::transport::put(&fields, &JsValue::from_str(key), &value);
    };
    set("status", JsValue::from(err.status()));
    set("code", JsValue::from_str(err.code()));
    set("description", JsValue::from_str(&err.description()));
    if let Some(seconds) = err.retry_after() {
        set("retryAfter", JsValue::from(seconds));
    }
    if let Some(argument) = err.argument() {
        set("argument", JsValue::from_str(argument));
    }
    if let Error::Network { cause, .. } = err {
        if let Some(js) = &cause.js {
            set("cause", js.clone());
        }
    }
    make_descope_error(&JsValue::from_str(&err.message()), &fields)
}

pub(crate) mod value;

mod pending;
pub use pending::{call_end, call_next};

mod alloc;

// The npm build's allocator (see `alloc`): a quarter of dlmalloc's size.
#[global_allocator]
static ALLOCATOR: alloc::Classes = alloc::Classes::new();

/// The catalogue's groups and their functions as one text, a line per group:
/// `group name name …`. The package builds `descope.<group>.<name>` from it; one string
/// crosses into JavaScript instead of one per name (a tenth of a cold start).
///
/// Returned as a JavaScript string: a Rust `String` would return two values, and V8
/// compiles a wrapper for each export signature of several results when it compiles the
/// module (~0.15 ms of a cold start each), where one result goes through its generic one.
#[wasm_bindgen(js_name = functions)]
pub fn functions() -> JsValue {
    let mut out = String::new();
    let mut current = "";
    packed::each(|group, name| {
        if group != current {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(group);
            current = group;
        }
        out.push(' ');
        out.push_str(name);
    });
    JsValue::from_str(&out)
}

/// Options read straight from the caller's object (no serde: it would cost the wasm more
/// than the rest of the façade). Unknown keys are refused, naming them.
struct Opts<'a> {
    obj: &'a JsValue,
    what: &'a str,
}

impl<'a> Opts<'a> {
    fn new(obj: &'a JsValue, allowed: &[&str], what: &'a str) -> Result<Self, Error> {
        if !obj.is_object() {
            return Err(Error::invalid_argument(what, "must be an object"));
        }
        let keys = js_sys::Object::keys(obj.unchecked_ref::<js_sys::Object>());
        for key in crate::transport::items(&keys).filter_map(|k| k.as_string()) {
            if !allowed.contains(&key.as_str()) {
                return Err(Error::invalid_argument(
                    crate::text::cat(&[what, ".", &key]),
                    "is not a known option",
                ));
            }
        }
        Ok(Self { obj, what })
    }

    /// The value of `key`, `undefined` when absent.
    fn raw(&self, key: &str) -> JsValue {
        crate::transport::get(self.obj, &JsValue::from_str(key))
    }

    fn absent(v: &JsValue) -> bool {
        v.is_undefined() || v.is_null()
    }

    fn string(&self, key: &str) -> Result<Option<String>, Error> {
        let v = self.raw(key);
        if Self::absent(&v) {
            return Ok(None);
        }
        v.as_string()
            .map(Some)
            .ok_or_else(|| Error::invalid_argument(key, "must be a string"))
    }

    fn number(&self, key: &str, name: &str) -> Result<Option<f64>, Error> {
        let v = self.raw(key);
        if Self::absent(&v) {
            return Ok(None);
        }
        v.as_f64()
            .map(Some)
            .ok_or_else(|| Error::invalid_argument(name, "must be a number"))
    }

    /// `retry: { maxAttempts?, maxDelayMs?, on429? }` applied to `options`.
    fn retry(&self, options: &mut CallOptions) -> Result<(), Error> {
        let v = self.raw("retry");
        if Self::absent(&v) {
            return Ok(());
        }
        let what = crate::text::cat(&[self.what, ".retry"]);
        let r = Opts::new(&v, RETRY_KEYS, &what)?;
        if let Some(n) = r.number("maxAttempts", "retry.maxAttempts")? {
            options.retry.max_attempts = whole(n, "retry.maxAttempts", 1)?;
        }
        if let Some(ms) = r.number("maxDelayMs", "retry.maxDelayMs")? {
            options.retry.max_delay_ms = whole(ms, "retry.maxDelayMs", 0)?;
        }
        let on = r.raw("on429");
        if !Self::absent(&on) {
            options.retry.on_429 = on
                .as_bool()
                .ok_or_else(|| Error::invalid_argument("retry.on429", "must be a boolean"))?;
        }
        Ok(())
    }

    /// `timeoutMs` and `retry` applied to `options`.
    fn call_options(&self, options: &mut CallOptions) -> Result<(), Error> {
        if let Some(t) = self.number("timeoutMs", "timeoutMs")? {
            options.timeout_ms = whole(t, "timeoutMs", 1)?;
        }
        self.retry(options)?;
        options.validate()
    }
}

const CLIENT_KEYS: &[&str] = &[
    "projectId",
    "managementKey",
    "baseUrl",
    "timeoutMs",
    "retry",
    "licenseTier",
    "fetch",
];
const VIEW_KEYS: &[&str] = &["timeoutMs", "retry", "signal"];
const RETRY_KEYS: &[&str] = &["maxAttempts", "maxDelayMs", "on429"];

/// A whole number of milliseconds (or attempts) within `u32`, at least `min`.
fn whole(value: f64, name: &str, min: u32) -> Result<u32, Error> {
    if value.fract() != 0.0 || value < f64::from(min) || value > f64::from(u32::MAX) {
        // No float in the message: formatting one costs the wasm ~15 KB.
        return Err(Error::invalid_argument(
            name,
            crate::text::cat(&[
                "must be a whole number of at least ",
                &crate::text::decimal(min),
            ]),
        ));
    }
    Ok(value as u32)
}

fn client_from_options(options: JsValue) -> Result<JsClient, Error> {
    let opts = Opts::new(&options, CLIENT_KEYS, "options")?;
    let project_id = opts
        .string("projectId")?
        .ok_or_else(|| Error::invalid_argument("projectId", "is required"))?;
    let base_url = opts.string("baseUrl")?;
    let key = opts.raw("managementKey");
    let (config, key_fn) = if let Some(f) = key.dyn_ref::<Function>() {
        (
            Config::with_key_from_host(project_id, base_url)?,
            Some(f.clone()),
        )
    } else if key.is_undefined() || key.is_null() {
        (Config::build(project_id, None, base_url)?, None)
    } else if let Some(k) = key.as_string() {
        (
            Config::build(project_id, Some(ManagementKey::new(k)), base_url)?,
            None,
        )
    } else {
        return Err(Error::invalid_argument(
            "managementKey",
            "must be a string or a function returning one",
        ));
    };
    let mut call_options = CallOptions::default();
    opts.call_options(&mut call_options)?;
    let session = Session::new(config, opts.string("licenseTier")?);
    let fetch = opts.raw("fetch");
    let fetch = if Opts::absent(&fetch) {
        None
    } else {
        Some(fetch.dyn_into::<Function>().map_err(|_| {
            Error::invalid_argument("options.fetch", "must be a function (a fetch)")
        })?)
    };
    Ok(JsClient {
        session: Rc::new(session),
        headers: Rc::default(),
        options: call_options,
        signal: None,
        key_fn,
        fetch,
    })
}

/// The wasm side of `DescopeManagement` (the package entry wraps it).
#[wasm_bindgen(js_name = Client)]
pub struct JsClient {
    session: Rc<Session>,
    /// The attempts' headers, shared with the client's views (see `pending::Headers`).
    headers: Rc<pending::Headers>,
    options: CallOptions,
    signal: Option<AbortSignal>,
    key_fn: Option<Function>,
    /// The host's `fetch` (pkg/core.js wraps it with the headers, hooks and logger options).
    fetch: Option<Function>,
}

/// Puts a failure's `DescopeError` in `out[0]` for the caller to throw. `Client.make` and
/// `Client.with` report failures so, not as a `Result`: wasm-bindgen returns a `Result` as
/// three values, and a signature of several results costs a compiled wrapper when the
/// module is compiled (see [`functions`]); an `Option` of a client is one.
fn or_put(made: Result<JsClient, Error>, out: &Array) -> Option<JsClient> {
    // `put`, where `Array.set` would be one more import signature (src/transport.rs).
    made.map_err(|e| crate::transport::put(out, &JsValue::from(0), &to_js_error(&e)))
        .ok()
}

impl JsClient {
    /// [`JsClient::make`] for Rust callers (the wasm tests): the `DescopeError` as `Err`.
    pub fn new(options: JsValue) -> Result<JsClient, JsValue> {
        client_from_options(options).map_err(|e| to_js_error(&e))
    }

    /// [`JsClient::with_js`] (`Client.with`) for Rust callers.
    pub fn with_options(&self, options: JsValue) -> Result<JsClient, JsValue> {
        self.view(options).map_err(|e| to_js_error(&e))
    }

    fn view(&self, options: JsValue) -> Result<JsClient, Error> {
        let opts = Opts::new(&options, VIEW_KEYS, "options")?;
        let mut call_options = self.options;
        opts.call_options(&mut call_options)?;
        let signal = opts.raw("signal");
        let signal =
            if Opts::absent(&signal) {
                self.signal.clone()
            } else {
                Some(signal.dyn_into::<AbortSignal>().map_err(|_| {
                    Error::invalid_argument("options.signal", "must be an AbortSignal")
                })?)
            };
        Ok(JsClient {
            session: Rc::clone(&self.session),
            headers: Rc::clone(&self.headers),
            options: call_options,
            signal,
            key_fn: self.key_fn.clone(),
            fetch: self.fetch.clone(),
        })
    }
}

#[wasm_bindgen(js_class = Client)]
impl JsClient {
    /// `Client.make({ projectId, managementKey, baseUrl?, timeoutMs?, retry?, licenseTier? },
    /// out)`: the client, or `undefined` with the `DescopeError` naming a bad option in
    /// `out[0]` (a `Result` would cost the cold start a compiled wrapper).
    pub fn make(options: JsValue, out: &Array) -> Option<JsClient> {
        or_put(client_from_options(options), out)
    }

    /// A view of this client whose calls use other options (`timeoutMs`, `signal`,
    /// `retry`); it shares the configuration and the learnt rate-limit tier. `undefined`
    /// with the `DescopeError` in `out[0]` when an option is bad.
    #[wasm_bindgen(js_name = with)]
    pub fn with_js(&self, options: JsValue, out: &Array) -> Option<JsClient> {
        or_put(self.view(options), out)
    }

    /// A call of the `index`th function of [`functions`] (the package's methods call by it,
    /// so that a call sends no names into the wasm), started at `now` (`Date.now()`, read
    /// by the caller: two crossings fewer than reading it from here): its first step, for
    /// pkg/core.js's `drive` to run (see [`call_next`]). It resolves to node-sdk's `data`
    /// or rejects with a `DescopeError`. Arguments are checked before anything is sent.
    #[wasm_bindgen(js_name = callAt)]
    pub fn call_at(&self, index: u32, args: &Array, now: f64) -> Array {
        let args: Vec<value::Js> = crate::transport::items(args).map(value::Js).collect();
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        let prepared = packed::prepare_at(index, &args)
            .and_then(|(req, body)| Ok((req, body.map(|b| b.json_text("body")).transpose()?)));
        pending::PendingCall::start(self, prepared, now)
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
