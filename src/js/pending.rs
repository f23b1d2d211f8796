//! One JavaScript call in flight, with no Rust future: pkg/core.js's `drive` does the first
//! step `Client.callAt` returns — ask the host's key function, send an attempt, wait —
//! reports how it ended to [`call_next`], which gives the next, until the call resolves or
//! rejects (a plain 2xx answer's data `drive` takes itself). The retries, the
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
    // `[what, a, b, c, call]`: the numbers cross as numbers, no JavaScript value made.
    fn step(what: u8, a: &JsValue, b: &JsValue, c: &JsValue, call: u32) -> Array;
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
    /// Its number in [`CALLS`], in every step it asks for.
    n: u32,
    session: Rc<Session>,
    headers: Rc<Headers>,
    options: CallOptions,
    signal: Option<AbortSignal>,
    key_fn: Option<Function>,
    fetch: Option<Function>,
    req: Option<Request>,
    /// The request's JSON body, as JavaScript text (`req.body` is `None`).
    body: Option<JsValue>,
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
    /// Keeps `prepared` with the client's state and takes its first step at `now`: the
    /// call's number is in that step (and in every later one) for `drive`.
    pub(super) fn start(
        client: &super::JsClient,
        prepared: Result<(Request, Option<JsValue>), Error>,
        now: f64,
    ) -> Array {
        let mut call = PendingCall {
            n: u32::MAX,
            session: Rc::clone(&client.session),
            headers: Rc::clone(&client.headers),
            options: client.options,
            signal: client.signal.clone(),
            key_fn: client.key_fn.clone(),
            fetch: client.fetch.clone(),
            req: None,
            body: None,
            key: None,
            deadline: 0.0,
            run: None,
            phase: Phase::Start,
        };
        match reserve() {
            // Taken straight away: it is out of the table while it runs, as in `call_next`.
            Some(n) => {
                call.n = n;
                let asked = call.first(prepared, now);
                put_back(n, call);
                asked
            }
            // No room (never, short of 4 billion calls in flight).
            None => call.asked(FAIL, &[to_js_error(&gone())]),
        }
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
        Ok(self.asked(KEY, &[f.into(), remaining.into(), self.signal_value()]))
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
                    return Ok(self.asked(DONE, &[value]));
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
                    let (req, body) = if license {
                        license_req = license_request();
                        (&license_req, None)
                    } else {
                        (self.req.as_ref().ok_or_else(gone)?, self.body.clone())
                    };
                    let ctx = self.ctx(license);
                    let headers = self.headers.of(ctx, body.is_some());
                    match transport::sending(
                        ctx,
                        req,
                        body.unwrap_or(JsValue::UNDEFINED),
                        headers,
                        (deadline, now.unwrap_or_else(transport::now)),
                        timeout_ms,
                    ) {
                        Ok(s) => {
                            self.phase = Phase::Attempt {
                                license,
                                timeout_ms,
                            };
                            // Started here, in one call: `drive` awaits its promise, and
                            // takes a 2xx answer's data itself where it is plain.
                            let plain = if license {
                                JsValue::UNDEFINED
                            } else {
                                plain_data(req.unwrap)
                            };
                            return Ok(self.asked(SEND, &[s.start().into(), plain]));
                        }
                        Err(err) => next = self.ended(license, Err(err)).ok_or_else(gone)?,
                    }
                }
                Step::Sleep(ms) => {
                    self.phase = Phase::Wait;
                    return Ok(self.asked(WAIT, &[ms.into(), self.signal_value()]));
                }
                Step::Fail(err) => return Err(err),
            }
        }
    }

    /// The call's first step, at `now`: the key asked for, or its first attempt.
    fn begin_at(
        &mut self,
        prepared: Result<(Request, Option<JsValue>), Error>,
        now: f64,
    ) -> Result<Array, Error> {
        let (req, body) = prepared?;
        self.req = Some(req);
        self.body = body;
        self.deadline = now + f64::from(self.options.timeout_ms);
        if let Some(f) = self.key_fn.clone() {
            return self.ask_key(f);
        }
        self.begin(now)
    }

    fn advance(&mut self, how: u8, value: JsValue) -> Result<Array, Error> {
        match self.phase {
            // `start` takes the first step: `drive` never asks for it.
            Phase::Start => Err(gone()),
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
        let asked = self.advance(how, value);
        self.or_fail(asked)
    }

    fn first(&mut self, prepared: Result<(Request, Option<JsValue>), Error>, now: f64) -> Array {
        let asked = self.begin_at(prepared, now);
        self.or_fail(asked)
    }

    fn or_fail(&mut self, asked: Result<Array, Error>) -> Array {
        asked.unwrap_or_else(|err| {
            self.phase = Phase::Done;
            let err = err.redact(self.ctx(false).secret());
            self.asked(FAIL, &[to_js_error(&err)])
        })
    }

    /// `[what, ...args, n]`, padded to three before the call's number: attempt.js's `step`,
    /// an array literal in one call (`Array.of` is a generic builtin, several times slower;
    /// a push per item would be one more call each). `drive` reads the steps by index.
    fn asked(&self, what: u8, args: &[JsValue]) -> Array {
        let none = JsValue::UNDEFINED;
        let arg = |i: usize| args.get(i).unwrap_or(&none);
        step(what, arg(0), arg(1), arg(2), self.n)
    }
}

/// What `drive` needs to take a 2xx answer's data itself, without calling back into the
/// wasm (a call into it and a dozen out of it fewer, none of the answer read here): `true`
/// for the whole answer, a key for the value under it when the answer is an object that
/// has it. `undefined` for a reshaped answer; then, and whenever the answer is not so
/// plain, `callNext` gets it and [`transport::unwrap_js`] decides (and names the error).
fn plain_data(unwrap: crate::api::Unwrap) -> JsValue {
    use crate::api::Unwrap;
    match unwrap {
        Unwrap::Whole => JsValue::TRUE,
        Unwrap::Key(key) => transport::interned(key),
        _ => JsValue::UNDEFINED,
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

/// A number for a new call: its slot stays empty while the call takes its first step.
fn reserve() -> Option<u32> {
    with_calls(|calls| match calls.free.pop() {
        Some(n) => Some(n),
        None => {
            calls.slots.push(None);
            u32::try_from(calls.slots.len() - 1).ok()
        }
    })
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
/// `value`, 2 rejected with it, 3 abandoned at the deadline or the signal):
/// `[0, keyFunction, ms, signal, n]`, `[1, the attempt's promise, plain, _, n]` (`plain`:
/// `true` when a 2xx answer is the data, a key when the data is under it, else
/// `undefined`), `[2, ms, signal, _, n]`, `[3, result, _, _, n]` or `[4, error, _, _, n]`.
/// The first step comes from `Client.callAt`.
#[wasm_bindgen(js_name = callNext)]
pub fn call_next(n: u32, how: u8, value: JsValue) -> Array {
    let Some(mut call) = take(n) else {
        return step(
            FAIL,
            &to_js_error(&gone()),
            &JsValue::UNDEFINED,
            &JsValue::UNDEFINED,
            n,
        );
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

/// `next` called out of turn (only a broken driver does).
fn gone() -> Error {
    Error::invalid_argument("call", "has already ended")
}
