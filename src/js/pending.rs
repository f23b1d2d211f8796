//! One JavaScript call in flight, with no Rust future: pkg/core.js's `drive` asks
//! [`call_next`] what to do — ask the host's key function, send an attempt, wait —
//! does it, and reports how it ended, until the call resolves or rejects. The retries, the
//! waits, the license handshake and the deadline are `crate::exec::Run`'s, the same state
//! machine the Rust transports drive with `.await`, so every caller gets one behaviour; this
//! keeps wasm-bindgen's futures, task queue and closures out of the npm build.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use super::to_js_error;
use crate::api::Request;
use crate::error::Error;
use crate::exec::{license_request, Run, Step};
use crate::session::{CallOptions, Session};
use crate::transport::{self, Answer, Ctx};

// What `next` asks for (the first item of the array it returns).
const KEY: u8 = 0;
const SEND: u8 = 1;
const WAIT: u8 = 2;
const DONE: u8 = 3;
const FAIL: u8 = 4;
// How what was asked for ended (`next`'s first argument).
const OK: u8 = 1;
const REJECTED: u8 = 2;

#[wasm_bindgen(module = "/src/js/attempt.js")]
extern "C" {
    // `[what, a, b, c]`.
    fn step(what: &JsValue, a: &JsValue, b: &JsValue, c: &JsValue) -> Array;
}

#[derive(Clone, Copy, PartialEq)]
enum Phase {
    Start,
    Key,
    Attempt { license: bool, timeout_ms: u32 },
    Wait,
    Done,
}

/// A call of the JavaScript client, kept in [`CALLS`] under the number `drive` is given.
/// A number rather than a wasm-bindgen object: a call then costs no JavaScript wrapper and
/// no `FinalizationRegistry` entry, and `drive` always ends it (`callEnd`).
pub(super) struct PendingCall {
    session: Rc<Session>,
    headers: Rc<Headers>,
    options: CallOptions,
    signal: Option<AbortSignal>,
    key_fn: Option<Function>,
    fetch: Option<Function>,
    /// The checked request (or why it could not be built), until the call starts.
    prepared: Option<Result<Request, Error>>,
    req: Option<Request>,
    /// The key the host's function gave for this call, used for it only.
    key: Option<String>,
    deadline: f64,
    run: Option<Run>,
    phase: Phase,
}

/// The headers of a client's attempts, made once (for each learnt rate-limit tier) and
/// frozen, so that a call builds and sends none of their names and values: fetch copies
/// them, and a host `fetch` cannot change them. A call with a key of its own (the host's key
/// function) builds its own.
#[derive(Default)]
pub(super) struct Headers(RefCell<Option<Made>>);

struct Made {
    tier: Option<String>,
    plain: Object,
    json: Object,
}

impl Headers {
    fn of(&self, ctx: Ctx<'_>, json: bool) -> Object {
        let pick = |m: &Made| {
            if json {
                m.json.clone()
            } else {
                m.plain.clone()
            }
        };
        let Some(mut made) = self.0.try_borrow_mut().ok().filter(|_| ctx.key.is_none()) else {
            return transport::headers_of(ctx, json);
        };
        match &*made {
            Some(m) if ctx.session.license_tier_is(m.tier.as_deref()) => pick(m),
            _ => {
                let frozen = |json| Object::freeze(&transport::headers_of(ctx, json));
                let m = Made {
                    tier: ctx.session.license_tier(),
                    plain: frozen(false),
                    json: frozen(true),
                };
                let headers = pick(&m);
                *made = Some(m);
                headers
            }
        }
    }
}

/// A request, or the call's answer.
enum Next {
    Step(Step),
    Done(Answer),
}

impl PendingCall {
    /// Keeps `prepared` with the client's state, for `drive` to run: its number.
    pub(super) fn start(client: &super::JsClient, prepared: Result<Request, Error>) -> u32 {
        keep(PendingCall {
            session: Rc::clone(&client.session),
            headers: Rc::clone(&client.headers),
            options: client.options,
            signal: client.signal.clone(),
            key_fn: client.key_fn.clone(),
            fetch: client.fetch.clone(),
            prepared: Some(prepared),
            req: None,
            key: None,
            deadline: 0.0,
            run: None,
            phase: Phase::Start,
        })
    }

    fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(AbortSignal::aborted)
    }

    /// The context of an attempt: a 2xx body read as JSON, except the license's (text).
    fn ctx(&self, license: bool) -> Ctx<'_> {
        Ctx {
            session: &self.session,
            key: self.key.as_deref(),
            signal: self.signal.as_ref(),
            json: !license,
            fetch: self.fetch.as_ref(),
        }
    }

    fn timed_out(&self) -> Error {
        Error::Timeout {
            after_ms: self.options.timeout_ms,
        }
    }

    /// The key is asked for within the call's timeout, and the signal covers it.
    fn ask_key(&mut self, f: Function) -> Result<Array, Error> {
        if self.aborted() {
            return Err(Error::Aborted);
        }
        let remaining = self.deadline - crate::transport::now();
        if remaining <= 0.0 {
            return Err(self.timed_out());
        }
        self.phase = Phase::Key;
        Ok(asked(
            KEY,
            &[f.into(), remaining.into(), self.signal_value()],
        ))
    }

    fn signal_value(&self) -> JsValue {
        self.signal
            .as_ref()
            .map_or(JsValue::UNDEFINED, |s| s.clone().into())
    }

    fn keyed(&mut self, how: u8, value: JsValue) -> Result<(), Error> {
        let failed = |e: &JsValue| {
            let message = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            Error::invalid_argument(
                "managementKey",
                crate::text::cat(&["function failed: ", &message]),
            )
        };
        match how {
            OK => match value.as_string() {
                Some(k) if !k.is_empty() => {
                    self.key = Some(k);
                    Ok(())
                }
                _ => Err(Error::invalid_argument(
                    "managementKey",
                    "function must return a non-empty string",
                )),
            },
            REJECTED => Err(failed(&value)),
            // The key function was abandoned: the time ran out, or the caller aborted.
            _ if self.aborted() => Err(Error::Aborted),
            _ => Err(self.timed_out()),
        }
    }

    /// What follows an attempt that ended with `settled`.
    fn ended(&mut self, license: bool, settled: Result<Answer, Error>) -> Option<Next> {
        let run = self.run.as_mut()?;
        Some(if license {
            let tier = settled.ok().and_then(|a| transport::rate_limit_tier(&a));
            Next::Step(run.licensed(&self.session, tier))
        } else {
            match settled {
                Ok(answer) => Next::Done(answer),
                Err(err) => Next::Step(run.failed(err, crate::transport::now())),
            }
        })
    }

    /// What `next` asks `drive` for; an attempt that cannot even be sent ends at once. `now`
    /// is the time if it was just read (each read is a `Date` made in JavaScript).
    fn ask(&mut self, mut next: Next, now: Option<f64>) -> Result<Array, Error> {
        loop {
            let step = match next {
                Next::Done(answer) => {
                    self.phase = Phase::Done;
                    let req = self.req.as_ref().ok_or_else(gone)?;
                    let value = transport::unwrap_js(answer, req.unwrap, req.secret)?;
                    return Ok(asked(DONE, &[value]));
                }
                Next::Step(step) => step,
            };
            match step {
                Step::Attempt {
                    license,
                    deadline,
                    timeout_ms,
                } => {
                    let license_req;
                    let req = if license {
                        license_req = license_request();
                        &license_req
                    } else {
                        self.req.as_ref().ok_or_else(gone)?
                    };
                    let ctx = self.ctx(license);
                    let headers = self.headers.of(ctx, req.body.is_some());
                    match transport::sending(
                        ctx,
                        req,
                        headers,
                        (deadline, now.unwrap_or_else(transport::now)),
                        timeout_ms,
                    ) {
                        Ok(s) => {
                            self.phase = Phase::Attempt {
                                license,
                                timeout_ms,
                            };
                            // Started here, in one call: `drive` awaits its promise.
                            return Ok(asked(SEND, &[s.start().into()]));
                        }
                        Err(err) => next = self.ended(license, Err(err)).ok_or_else(gone)?,
                    }
                }
                Step::Sleep(ms) => {
                    self.phase = Phase::Wait;
                    return Ok(asked(WAIT, &[ms.into(), self.signal_value()]));
                }
                Step::Fail(err) => return Err(err),
            }
        }
    }

    fn advance(&mut self, how: u8, value: JsValue) -> Result<Array, Error> {
        match self.phase {
            Phase::Start => {
                let req = self.prepared.take().ok_or_else(gone)??;
                self.req = Some(req);
                let now = transport::now();
                self.deadline = now + f64::from(self.options.timeout_ms);
                if let Some(f) = self.key_fn.clone() {
                    return self.ask_key(f);
                }
                self.begin(now)
            }
            Phase::Key => {
                self.keyed(how, value)?;
                self.begin(transport::now())
            }
            Phase::Attempt {
                license,
                timeout_ms,
            } => {
                let result = if how == OK { Ok(value) } else { Err(value) };
                let settled = transport::settled(self.ctx(license), result, timeout_ms);
                let next = self.ended(license, settled).ok_or_else(gone)?;
                self.ask(next, None)
            }
            Phase::Wait => {
                let waited = if self.aborted() {
                    Err(Error::Aborted)
                } else {
                    Ok(())
                };
                let step = self.run.as_mut().ok_or_else(gone)?.slept(waited);
                self.ask(Next::Step(step), None)
            }
            Phase::Done => Err(gone()),
        }
    }

    fn begin(&mut self, now: f64) -> Result<Array, Error> {
        let req = self.req.as_ref().ok_or_else(gone)?;
        let (run, step) = Run::start(&self.session, req, &self.options, self.deadline, now);
        self.run = Some(run);
        self.ask(Next::Step(step), Some(now))
    }

    /// [`call_next`] for this call: an error ends it.
    fn next(&mut self, how: u8, value: JsValue) -> Array {
        match self.advance(how, value) {
            Ok(asked) => asked,
            Err(err) => {
                self.phase = Phase::Done;
                let err = err.redact(self.ctx(false).secret());
                asked(FAIL, &[to_js_error(&err)])
            }
        }
    }
}

/// The calls in flight, by number; ended calls' numbers are used again.
#[derive(Default)]
struct Calls {
    slots: Vec<Option<PendingCall>>,
    free: Vec<u32>,
}

thread_local! {
    static CALLS: RefCell<Calls> = RefCell::default();
}

/// `f` on the table; `None` if it is borrowed (only a call into JavaScript made while
/// holding it could find it so, and none is made).
fn with_calls<T>(f: impl FnOnce(&mut Calls) -> Option<T>) -> Option<T> {
    CALLS
        .try_with(|calls| f(&mut *calls.try_borrow_mut().ok()?))
        .ok()
        .flatten()
}

impl Calls {
    fn slot(&mut self, n: u32) -> Option<&mut Option<PendingCall>> {
        self.slots.get_mut(usize::try_from(n).ok()?)
    }
}

fn keep(call: PendingCall) -> u32 {
    with_calls(|calls| match calls.free.pop() {
        Some(n) => {
            *calls.slot(n)? = Some(call);
            Some(n)
        }
        None => {
            calls.slots.push(Some(call));
            u32::try_from(calls.slots.len() - 1).ok()
        }
    })
    // No room (never, short of 4 billion calls in flight): `callNext` then fails it.
    .unwrap_or(u32::MAX)
}

/// Takes call `n` out while it runs: what it calls in JavaScript (a host fetch, a hook)
/// may start other calls, which must not find the table borrowed.
fn take(n: u32) -> Option<PendingCall> {
    with_calls(|calls| calls.slot(n)?.take())
}

fn put_back(n: u32, call: PendingCall) {
    with_calls(|calls| calls.slot(n).map(|slot| *slot = Some(call)));
}

/// What call `n` does next, told how the last thing asked for ended (`how`: 1 resolved with
/// `value`, 2 rejected with it, 3 abandoned at the deadline or the signal; the first call
/// passes 0): `[0, keyFunction, ms, signal]`, `[1, the attempt's promise]`,
/// `[2, ms, signal]`, `[3, result]` or `[4, error]`.
#[wasm_bindgen(js_name = callNext)]
pub fn call_next(n: u32, how: u8, value: JsValue) -> Array {
    let Some(mut call) = take(n) else {
        return asked(FAIL, &[to_js_error(&gone())]);
    };
    let asked = call.next(how, value);
    put_back(n, call);
    asked
}

/// Ends call `n` (`drive` does, however the call ended): its number is free again.
#[wasm_bindgen(js_name = callEnd)]
pub fn call_end(n: u32) {
    with_calls(|calls| {
        calls.slot(n)?.take()?;
        calls.free.push(n);
        Some(())
    });
}

/// `[what, ...args]`, padded to four: attempt.js's `step`, an array literal in one call
/// (`Array.of` is a generic builtin, several times slower; a push per item would be one
/// more call each). `drive` reads the steps by index.
fn asked(what: u8, args: &[JsValue]) -> Array {
    let none = JsValue::UNDEFINED;
    let arg = |i: usize| args.get(i).unwrap_or(&none);
    step(&JsValue::from(what), arg(0), arg(1), arg(2))
}

/// `next` called out of turn (only a broken driver does).
fn gone() -> Error {
    Error::invalid_argument("call", "has already ended")
}
