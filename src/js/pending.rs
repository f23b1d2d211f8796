//! One JavaScript call in flight, with no Rust future: `attempt.js`'s `drive` asks
//! [`PendingCall::next`] what to do — ask the host's key function, send an attempt, wait —
//! does it, and reports how it ended, until the call resolves or rejects. The retries, the
//! waits, the license handshake and the deadline are `crate::exec::Run`'s, the same state
//! machine the Rust transports drive with `.await`, so every caller gets one behaviour; this
//! keeps wasm-bindgen's futures, task queue and closures out of the npm build.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise};
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
    // Runs the call to its end: a promise of its result.
    fn drive(call: PendingCall) -> Promise;
}

#[derive(Clone, Copy, PartialEq)]
enum Phase {
    Start,
    Key,
    Attempt { license: bool, timeout_ms: u32 },
    Wait,
    Done,
}

/// A call of the JavaScript client: what [`super::JsClient::call`] hands to `drive`.
#[wasm_bindgen]
pub struct PendingCall {
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
        let tier = ctx.session.license_tier();
        match &*made {
            Some(m) if m.tier == tier => pick(m),
            _ => {
                let frozen = |json| Object::freeze(&transport::headers_of(ctx, json));
                let m = Made {
                    tier,
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
    /// Starts `prepared` with the client's state; resolves to its result.
    pub(super) fn start(client: &super::JsClient, prepared: Result<Request, Error>) -> Promise {
        drive(PendingCall {
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

    /// What `step` asks `drive` for; an attempt that cannot even be sent ends at once.
    fn ask(&mut self, mut next: Next) -> Result<Array, Error> {
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
                    match transport::sending(ctx, req, headers, deadline, timeout_ms) {
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
                self.deadline = transport::deadline_of(&self.options);
                if let Some(f) = self.key_fn.clone() {
                    return self.ask_key(f);
                }
                self.begin()
            }
            Phase::Key => {
                self.keyed(how, value)?;
                self.begin()
            }
            Phase::Attempt {
                license,
                timeout_ms,
            } => {
                let result = if how == OK { Ok(value) } else { Err(value) };
                let settled = transport::settled(self.ctx(license), result, timeout_ms);
                let next = self.ended(license, settled).ok_or_else(gone)?;
                self.ask(next)
            }
            Phase::Wait => {
                let waited = if self.aborted() {
                    Err(Error::Aborted)
                } else {
                    Ok(())
                };
                let step = self.run.as_mut().ok_or_else(gone)?.slept(waited);
                self.ask(Next::Step(step))
            }
            Phase::Done => Err(gone()),
        }
    }

    fn begin(&mut self) -> Result<Array, Error> {
        let req = self.req.as_ref().ok_or_else(gone)?;
        let (run, step) = Run::start(
            &self.session,
            req,
            &self.options,
            self.deadline,
            crate::transport::now(),
        );
        self.run = Some(run);
        self.ask(Next::Step(step))
    }
}

#[wasm_bindgen]
impl PendingCall {
    /// What to do next, told how the last thing asked for ended (`how`: 1 resolved with
    /// `value`, 2 rejected with it, 3 abandoned at the deadline or the signal; the first call
    /// passes 0): `[0, keyFunction, ms, signal]`, `[1, the attempt's promise]`,
    /// `[2, ms, signal]`, `[3, result]` or `[4, error]`.
    pub fn next(&mut self, how: u8, value: JsValue) -> Array {
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

/// `[what, ...args]`.
fn asked(what: u8, args: &[JsValue]) -> Array {
    // One call for the array (a push each would be one more per item). Up to three
    // arguments are padded to `Array.of` of four: one import signature fewer to compile
    // (see "Imports" in src/transport.rs); `drive` reads the steps by index.
    let what = JsValue::from(what);
    let none = JsValue::UNDEFINED;
    match args {
        [a] => Array::of4(&what, a, &none, &none),
        [a, b] => Array::of4(&what, a, b, &none),
        [a, b, c] => Array::of4(&what, a, b, c),
        _ => {
            let out = Array::of1(&what);
            for a in args {
                out.push(a);
            }
            out
        }
    }
}

/// `next` called out of turn (only a broken driver does).
fn gone() -> Error {
    Error::invalid_argument("call", "has already ended")
}
