//! wasm32 only: sends a [`Request`] through the global `fetch` (never
//! `window`, so the same code runs in Workers, Deno, pages and Node), and turns statuses
//! into typed errors. No `credentials`, `mode` or `cache` is set: workerd rejects them.
//!
//! One call = at most `retry.max_attempts` attempts, all within `timeout_ms`; an attempt
//! ends when the time left runs out (the call rejects; the request is abandoned) or when the
//! caller's `AbortSignal` fires (the request is aborted).

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use js_sys::{Function, JsString, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::api::{decode_request, Request, Unwrap};
use crate::error::{decode_error_parts, Cause, Error, ErrorFields};
use crate::session::{CallOptions, Session};

#[wasm_bindgen]
extern "C" {
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

fn js_message(value: &JsValue) -> String {
    if let Some(err) = value.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    value
        .as_string()
        .unwrap_or_else(|| "unknown JavaScript error".to_string())
}

/// A failed fetch or body read. Node's undici says only "fetch failed"; the reason
/// (`ECONNREFUSED`, `UND_ERR_SOCKET`) is on its `cause`, so its code and message are added.
fn network(value: &JsValue) -> Error {
    let mut message = js_message(value);
    let cause = get(value, &JsValue::from_str("cause"));
    if cause.is_object() {
        let code = get(&cause, &JsValue::from_str("code")).as_string();
        let detail = cause
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()));
        match (code, detail) {
            (Some(code), Some(d)) if !d.is_empty() => {
                message = crate::text::cat(&[&message, " (", &code, ": ", &d, ")"])
            }
            (Some(code), _) => message = crate::text::cat(&[&message, " (", &code, ")"]),
            (None, Some(d)) if !d.is_empty() => {
                message = crate::text::cat(&[&message, " (", &d, ")"])
            }
            _ => {}
        }
    }
    Error::Network {
        message,
        cause: Cause {
            js: Some(value.clone()),
        },
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
    /// The host's `fetch` (the client option), in place of the global one.
    pub fetch: Option<&'a js_sys::Function>,
}

impl<'a> Ctx<'a> {
    /// A context with the configured key and no signal.
    pub fn new(session: &'a Session) -> Self {
        Self {
            session,
            key: None,
            signal: None,
            json: false,
            fetch: None,
        }
    }

    /// The key to keep out of every error.
    pub(crate) fn secret(&self) -> &str {
        self.key
            .or(self.session.config().secret())
            .unwrap_or_default()
    }
}

/// A string property of a parsed JSON object.
fn string_at(value: &JsValue, key: &str) -> Option<String> {
    get(value, &JsValue::from_str(key)).as_string()
}

/// The fields of a Descope error body, read with `JSON.parse` (no serde in the wasm).
fn error_fields(value: &JsValue) -> Option<ErrorFields> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return None;
    }
    Some(ErrorFields {
        code: string_at(value, "errorCode").unwrap_or_default(),
        description: string_at(value, "errorDescription").unwrap_or_default(),
        message: string_at(value, "errorMessage"),
    })
}

#[wasm_bindgen(module = "/src/js/attempt.js")]
extern "C" {
    // One promise per attempt: fetch, deadline and body read in JavaScript (three promises
    // awaited one by one through wasm-bindgen futures cost ~40 µs a call more).
    #[wasm_bindgen(js_name = attempt)]
    fn js_attempt(
        url: &str,
        method: &JsValue,
        headers: &js_sys::Object,
        body: &JsValue,
        signal: Option<AbortSignal>,
        ms: f64,
        json: bool,
        fetcher: &JsValue,
    ) -> Promise;

    // Sets a key of a plain object made here (the headers, a body): one call, where
    // `Reflect.set` takes one more and a closure to catch what cannot throw.
    pub(crate) fn put(obj: &JsValue, key: &JsValue, value: &JsValue);

    // `obj[key]`, a getter that throws read as undefined (`Reflect.get` with `catch`).
    pub(crate) fn get(obj: &JsValue, key: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = parseJson)]
    fn parse_json(text: &JsValue) -> JsValue;

    #[cfg(feature = "js")]
    #[wasm_bindgen(js_name = toJson)]
    fn to_json(value: &JsValue) -> JsValue;
}

// Imports. V8 compiles a stub for every distinct signature of the module's imports when the
// module is compiled (~75 µs each in Node 20, the first ~0.7 ms), and another when an
// import's function takes fewer parameters than it is called with, as wasm-bindgen's
// `catch` wrappers do. So the imports here reuse the signatures the module has anyway:
// `get`, `parseJson` and `toJson` return what was thrown rather than using `catch`, and
// numbers come back as values (`Date.now`, `getTime`, `parseFloat`: nothing out but a
// value, read with `as_f64`); arrays are filled with `put` rather than `Array.push`, and a
// call's steps are made by attempt.js's `step`; an array's items are read with `get`
// (`items`). The npm build's module has 12 signatures.
// The same holds for exports: one of several results (a `Result`, a `String`) has a
// wrapper compiled with the module, ~0.15 ms each, so none returns more than one.

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> JsValue;

    // A `Date`'s time, as a value (see "Imports" above): `Date.prototype.getTime.call(d)`.
    #[wasm_bindgen(js_namespace = ["Date", "prototype", "getTime"], js_name = call)]
    pub(crate) fn time_of(date: &JsValue) -> JsValue;
}

/// The items of a JavaScript array, read with `get` (an index read of its own, `Array.get`,
/// would be one more import signature).
#[cfg(feature = "js")]
pub(crate) fn items(array: &js_sys::Array) -> impl Iterator<Item = JsValue> + '_ {
    (0..array.length()).map(move |i| get(array, &index(i)))
}

/// `i` as a JavaScript number, the first few made once: each number made is a call out of
/// the wasm, and a call reads its arguments by index.
pub(crate) fn index(i: u32) -> JsValue {
    const KEPT: usize = 16;
    thread_local! {
        static INDEXES: std::cell::RefCell<Vec<JsValue>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let at = i as usize;
    if at >= KEPT {
        return JsValue::from(i);
    }
    INDEXES
        .try_with(|kept| {
            let mut kept = kept.try_borrow_mut().ok()?;
            while kept.len() <= at {
                let next = kept.len() as u32;
                kept.push(JsValue::from(next));
            }
            kept.get(at).cloned()
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| JsValue::from(i))
}

/// `JSON.parse` on the JavaScript string itself (the body never enters wasm memory), its
/// error as `Err`.
pub(crate) fn json_parse(text: &JsString) -> Result<JsValue, JsValue> {
    thrown(parse_json(text))
}

/// `JSON.stringify`, its error (a cycle, a BigInt) as `Err`.
#[cfg(feature = "js")]
pub(crate) fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue> {
    thrown(to_json(value))
}

/// attempt.js's helpers return an `Error` for what was thrown; no JSON value is one.
fn thrown(value: JsValue) -> Result<JsValue, JsValue> {
    if value.is_instance_of::<js_sys::Error>() {
        Err(value)
    } else {
        Ok(value)
    }
}

/// `key` as a JavaScript string, made once: the keys of the catalogue and of the code live
/// as long as the program, so what was made of one stays right, and a call's keys (body
/// fields, the answer's key, the method) are not decoded again at every call.
/// Kept by address in a small open-addressed table (four slots probed): a key that finds
/// them all taken by others is simply made again, into the first.
pub(crate) fn interned(key: &'static str) -> JsValue {
    const SLOTS: usize = 128;
    type Slots = [Option<(usize, usize, JsValue)>; SLOTS];
    thread_local! {
        static KEYS: std::cell::RefCell<Slots> = const { std::cell::RefCell::new([const { None }; SLOTS]) };
    }
    let (at, len) = (key.as_ptr() as usize, key.len());
    // Fibonacci hashing (the product's top 7 bits): neighbouring addresses land far apart.
    let home = ((at ^ len) as u32).wrapping_mul(0x9E37_79B9) as usize >> 25;
    KEYS.try_with(|keys| {
        let mut keys = keys.try_borrow_mut().ok()?;
        let mut free = None;
        for probe in 0..4 {
            let slot = (home + probe) % SLOTS;
            match keys.get(slot)? {
                Some((a, l, js)) if *a == at && *l == len => return Some(js.clone()),
                None if free.is_none() => free = Some(slot),
                _ => {}
            }
        }
        let js = JsValue::from_str(key);
        let entry = keys.get_mut(free.unwrap_or(home % SLOTS))?;
        *entry = Some((at, len, js.clone()));
        Some(js)
    })
    .ok()
    .flatten()
    .unwrap_or_else(|| JsValue::from_str(key))
}

/// Milliseconds since the epoch, as `Date.now()`.
pub(crate) fn now() -> f64 {
    date_now().as_f64().unwrap_or(0.0)
}

/// What `attempt.js` rejects with when the time runs out.
const TIMEOUT: &str = "descope-mgmt: timeout";

/// The headers of a request (`json`: it has a JSON body): the configured (or this call's)
/// bearer, the project, the SDK and, once learnt, the rate-limit tier.
pub(crate) fn headers_of(ctx: Ctx<'_>, json: bool) -> js_sys::Object {
    let session = ctx.session;
    let headers = js_sys::Object::new();
    let set =
        |name: &'static str, value: &str| put(&headers, &interned(name), &JsValue::from_str(value));
    for (name, value) in session.config().headers_with_key(ctx.key) {
        set(name, &value);
    }
    if let Some(tier) = session.license_tier() {
        set("x-descope-license", &tier);
    }
    if json {
        set("Content-Type", "application/json");
    }
    headers
}

/// What one attempt sends: the arguments of `attempt.js`'s `attempt`.
pub(crate) struct Sending {
    pub url: String,
    pub method: &'static str,
    pub headers: js_sys::Object,
    /// The JSON text, or `undefined`.
    pub body: JsValue,
    pub signal: Option<AbortSignal>,
    /// The time left, in milliseconds.
    pub ms: f64,
    /// Read a 2xx body with `Response.json()`.
    pub json: bool,
    /// The client's `fetch`, or `undefined`.
    pub fetcher: JsValue,
}

impl Sending {
    /// Starts the attempt: attempt.js's `attempt`, one promise.
    pub(crate) fn start(self) -> Promise {
        js_attempt(
            &self.url,
            &interned(self.method),
            &self.headers,
            &self.body,
            self.signal,
            self.ms,
            self.json,
            &self.fetcher,
        )
    }
}

/// What one attempt of `req` sends, its body `body` (JSON text or `undefined`) and its
/// headers `headers` (see [`headers_of`]), at the time `now`, or why it is not sent (the
/// caller aborted, or no time is left).
pub(crate) fn sending(
    ctx: Ctx<'_>,
    req: &Request,
    body: JsValue,
    headers: js_sys::Object,
    (deadline, now): (f64, f64),
    timeout_ms: u32,
) -> Result<Sending, Error> {
    if ctx.signal.is_some_and(AbortSignal::aborted) {
        return Err(Error::Aborted);
    }
    let remaining = deadline - now;
    if remaining <= 0.0 {
        return Err(Error::Timeout {
            after_ms: timeout_ms,
        });
    }
    Ok(Sending {
        url: req.url(ctx.session.config().base_url()),
        method: req.method.as_str(),
        headers,
        body,
        signal: ctx.signal.cloned(),
        ms: remaining,
        json: ctx.json && req.unwrap != Unwrap::Void,
        fetcher: ctx.fetch.map_or(JsValue::UNDEFINED, |f| f.clone().into()),
    })
}

/// How an attempt ended: what `attempt.js`'s promise resolved (`Ok`) or rejected with.
pub(crate) fn settled(
    ctx: Ctx<'_>,
    result: Result<JsValue, JsValue>,
    timeout_ms: u32,
) -> Result<Answer, Error> {
    let aborted = || ctx.signal.is_some_and(AbortSignal::aborted);
    let answer = match result {
        Ok(answer) => answer,
        Err(e) if e.as_string().as_deref() == Some(TIMEOUT) => {
            return Err(Error::Timeout {
                after_ms: timeout_ms,
            })
        }
        Err(_) if aborted() => return Err(Error::Aborted),
        Err(e) if e.is_instance_of::<js_sys::SyntaxError>() => {
            return Err(Error::Decode {
                path: ".".into(),
                message: crate::text::cat(&["not JSON: ", &js_message(&e)]),
                snippet: String::new(),
            })
        }
        Err(e) => return Err(network(&e)),
    };
    let part = |i: u32| get(&answer, &index(i));
    let status = part(0).as_f64().map_or(0, |s| s as u16);
    let retry_after = part(1).as_string();
    let body = part(2);
    if (200..300).contains(&status) {
        return Ok(Answer { status, body });
    }
    let text: JsString = body.unchecked_into();
    let fields = json_parse(&text).ok().and_then(|v| error_fields(&v));
    let body = String::from(&text);
    Err(decode_error_parts(
        status,
        retry_after.as_deref(),
        fields,
        &body,
        ctx.secret(),
    ))
}

/// One attempt, until the call's deadline: a 2xx answer, or the error it ended with. The
/// caller's signal aborts the fetch itself.
async fn attempt(
    ctx: Ctx<'_>,
    req: &Request,
    deadline: f64,
    timeout_ms: u32,
) -> Result<Answer, Error> {
    let body = req
        .body
        .as_deref()
        .map_or(JsValue::UNDEFINED, JsValue::from_str);
    let s = sending(
        ctx,
        req,
        body,
        headers_of(ctx, req.body.is_some()),
        (deadline, now()),
        timeout_ms,
    )?;
    settled(ctx, JsFuture::from(s.start()).await, timeout_ms)
}

/// A timer of `ms` that also ends when the caller's signal fires. Dropping it clears the
/// timer, removes the listener and settles its promise, so nothing is left behind: a
/// pending timer would keep Node's event loop alive, and a promise never settled keeps
/// its callbacks (and their memory) forever.
struct Deadline {
    id: JsValue,
    resolve: Option<Function>,
    signal: Option<AbortSignal>,
    done: JsFuture,
}

impl Deadline {
    fn new(ms: f64, signal: Option<&AbortSignal>) -> Self {
        let mut id = JsValue::UNDEFINED;
        let mut settle = None;
        let promise = Promise::new(&mut |resolve, _reject| {
            id = set_timeout(&resolve, ms.max(0.0));
            if let Some(s) = signal {
                let _ = s.add_event_listener_with_callback("abort", &resolve);
            }
            settle = Some(resolve);
        });
        Self {
            id,
            resolve: settle,
            signal: signal.cloned(),
            done: JsFuture::from(promise),
        }
    }
}

impl Future for Deadline {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> Poll<()> {
        Pin::new(&mut self.done).poll(cx).map(|_| ())
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.id);
        if let Some(resolve) = self.resolve.take() {
            if let Some(s) = &self.signal {
                let _ = s.remove_event_listener_with_callback("abort", &resolve);
            }
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

/// Waits `ms`, or less if the caller's signal fires (then `Aborted`).
async fn sleep(ms: u32, signal: Option<&AbortSignal>) -> Result<(), Error> {
    Deadline::new(f64::from(ms), signal).await;
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(Error::Aborted);
    }
    Ok(())
}

// The attempt loop (license handshake, retries, waits, redaction) is `crate::exec`'s,
// shared with the native transport; fetch gives it the attempt, the timer and the clock.
impl crate::exec::Transport for Ctx<'_> {
    type Answer = Answer;

    fn session(&self) -> &Session {
        self.session
    }

    fn secret(&self) -> &str {
        Ctx::secret(self)
    }

    fn now_ms(&self) -> f64 {
        now()
    }

    fn attempt(
        &self,
        req: &Request,
        deadline: f64,
        timeout_ms: u32,
        text: bool,
    ) -> impl Future<Output = Result<Answer, Error>> {
        let ctx = Ctx {
            json: self.json && !text,
            ..*self
        };
        attempt(ctx, req, deadline, timeout_ms)
    }

    fn sleep(&self, ms: u32) -> impl Future<Output = Result<(), Error>> {
        sleep(ms, self.signal)
    }

    fn rate_limit_tier(&self, answer: &Answer) -> Option<String> {
        rate_limit_tier(answer)
    }
}

/// `rateLimitTier` of a license answer read as text.
pub(crate) fn rate_limit_tier(answer: &Answer) -> Option<String> {
    answer
        .body
        .dyn_ref::<JsString>()
        .and_then(|text| json_parse(text).ok())
        .and_then(|v| string_at(&v, "rateLimitTier"))
}

/// The deadline of a call that starts now (ms since the epoch).
pub fn deadline_of(options: &CallOptions) -> f64 {
    now() + f64::from(options.timeout_ms)
}

/// Sends `req` with retries, within the call's timeout, and returns the 2xx answer or the
/// error the last attempt ended with. The key is redacted from every error.
pub async fn execute(ctx: Ctx<'_>, req: &Request, options: &CallOptions) -> Result<Answer, Error> {
    execute_by(ctx, req, options, deadline_of(options)).await
}

/// [`execute`] for a call that started earlier (its host key was awaited first): it ends
/// by `deadline`.
pub async fn execute_by(
    ctx: Ctx<'_>,
    req: &Request,
    options: &CallOptions,
    deadline: f64,
) -> Result<Answer, Error> {
    crate::exec::execute_by(&ctx, req, options, deadline).await
}

/// The text of a body read as text.
fn text_of(answer: &Answer) -> String {
    answer.body.as_string().unwrap_or_default()
}

/// The part of a 2xx answer the JavaScript caller gets, as plain JavaScript values
/// (reshaped where node-sdk reshapes it). With `secret`, errors carry none of its text.
#[cfg(feature = "js")]
pub fn unwrap_js(answer: Answer, unwrap: Unwrap, secret: bool) -> Result<JsValue, Error> {
    let parsed = match unwrap {
        Unwrap::Void => return Ok(JsValue::UNDEFINED),
        // Read as text (a context without `json`): parse it here, in JavaScript.
        _ if answer.body.is_string() => {
            let text: JsString = answer.body.unchecked_into();
            json_parse(&text).map_err(|e| Error::Decode {
                path: ".".into(),
                message: if secret {
                    "not JSON".into()
                } else {
                    crate::text::cat(&["not JSON: ", &js_message(&e)])
                },
                snippet: if secret {
                    String::new()
                } else {
                    crate::error::snippet(&String::from(&text), "")
                },
            })?
        }
        _ => answer.body,
    };
    crate::api::answer::select(crate::js::value::Js(parsed), unwrap).map(|v| v.0)
}

/// Sends a request and decodes its output (the Rust API).
pub async fn send<T: serde::de::DeserializeOwned>(
    ctx: Ctx<'_>,
    req: &Request,
    options: &CallOptions,
) -> Result<T, Error> {
    let answer = execute(ctx, req, options).await?;
    decode_request(&text_of(&answer), req).map_err(|e| e.redact(ctx.secret()))
}
