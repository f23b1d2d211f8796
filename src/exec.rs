//! The one attempt loop of every transport — the fetch transport on wasm32
//! ([`crate::transport`]) and reqwest natively (feature `reqwest`): the license handshake,
//! the attempts with their retries and waits within the call's deadline, and the redaction
//! of the key from the error a call ends with. A transport says only how to send one
//! attempt, how to wait and what time it is, so JavaScript callers, Rust wasm apps and
//! Rust backends get one behaviour.

use std::future::Future;

use crate::api::{Method, Request, Unwrap};
use crate::error::Error;
use crate::retry::Outcome;
use crate::session::{CallOptions, Session};

/// The license handshake waits at most this long (and never past the call's timeout).
pub(crate) const LICENSE_TIMEOUT_MS: f64 = 2_000.0;

/// How one transport sends one attempt. Deadlines are milliseconds on the transport's own
/// clock ([`Transport::now_ms`]).
pub(crate) trait Transport {
    /// A 2xx answer.
    type Answer;

    /// The client's shared state: its configuration and the learnt tier.
    fn session(&self) -> &Session;

    /// The key to keep out of every error.
    fn secret(&self) -> &str;

    /// Now, in milliseconds.
    fn now_ms(&self) -> f64;

    /// One attempt that ends by `deadline` (with [`Error::Timeout`] naming `timeout_ms`): a
    /// 2xx answer, or the error it ended with. `text`: read the body as text (the license
    /// answer), whatever this transport reads bodies as otherwise.
    fn attempt(
        &self,
        req: &Request,
        deadline: f64,
        timeout_ms: u32,
        text: bool,
    ) -> impl Future<Output = Result<Self::Answer, Error>>;

    /// Waits `ms` (or less, with [`Error::Aborted`], if the caller cancels).
    fn sleep(&self, ms: u32) -> impl Future<Output = Result<(), Error>>;

    /// `rateLimitTier` of a license answer read as text.
    fn rate_limit_tier(&self, answer: &Self::Answer) -> Option<String>;
}

/// Sends `req` with retries until `deadline`, and returns the 2xx answer or the error the
/// last attempt ended with, the key redacted from it.
pub(crate) async fn execute_by<T: Transport>(
    t: &T,
    req: &Request,
    options: &CallOptions,
    deadline: f64,
) -> Result<T::Answer, Error> {
    run(t, req, options, deadline)
        .await
        .map_err(|e| e.redact(t.secret()))
}

/// The license handshake's request.
pub(crate) fn license_request() -> Request {
    Request::bodiless(Method::Get, "/v1/mgmt/license", Unwrap::Whole)
}

/// What the call does next.
pub(crate) enum Step {
    /// Send one attempt that ends by `deadline` (with [`Error::Timeout`] naming
    /// `timeout_ms`): of the license handshake (its body read as text), or of the request.
    Attempt {
        license: bool,
        deadline: f64,
        timeout_ms: u32,
    },
    /// Wait this long, then go on ([`Run::slept`]).
    Sleep(u32),
    /// End with this error (the driver redacts the key from it).
    Fail(Error),
}

/// The attempt loop as a state machine, with no I/O: a driver sends what each [`Step`] asks
/// for and reports how it ended. [`execute_by`] drives it with `.await`; the npm build drives
/// it from JavaScript (`src/js/attempt.js`), so that no Rust future is needed there. A
/// successful attempt of the request is the call's answer: the driver keeps it.
pub(crate) struct Run {
    deadline: f64,
    attempts: u32,
    options: CallOptions,
    idempotent: bool,
}

impl Run {
    /// A call of `req` that ends by `deadline`, starting `now`: the license handshake first,
    /// once per process and base URL, else the first attempt.
    pub(crate) fn start(
        session: &Session,
        req: &Request,
        options: &CallOptions,
        deadline: f64,
        now: f64,
    ) -> (Self, Step) {
        let mut run = Self {
            deadline,
            attempts: 0,
            options: *options,
            idempotent: req.idempotent,
        };
        let step = if session.claim_license_handshake() {
            let budget = (deadline - now).min(LICENSE_TIMEOUT_MS) / 2.0;
            Step::Attempt {
                license: true,
                deadline: now + budget,
                timeout_ms: 0,
            }
        } else {
            run.attempt()
        };
        (run, step)
    }

    fn attempt(&mut self) -> Step {
        self.attempts += 1;
        Step::Attempt {
            license: false,
            deadline: self.deadline,
            timeout_ms: self.options.timeout_ms,
        }
    }

    /// The handshake ended, having learnt `tier` (`None` when it failed: that is ignored).
    pub(crate) fn licensed(&mut self, session: &Session, tier: Option<String>) -> Step {
        session.record_license(tier);
        self.attempt()
    }

    /// An attempt of the request ended with `err`, `now`: retry after a wait, or give up.
    pub(crate) fn failed(&mut self, err: Error, now: f64) -> Step {
        let remaining = self.deadline - now;
        let delay = outcome(&err).and_then(|o| {
            self.options
                .retry
                .delay(self.attempts, o, self.idempotent, remaining)
        });
        match delay {
            Some(ms) => Step::Sleep(ms),
            None => Step::Fail(err),
        }
    }

    /// The wait ended (or was aborted).
    pub(crate) fn slept(&mut self, waited: Result<(), Error>) -> Step {
        match waited {
            Ok(()) => self.attempt(),
            Err(err) => Step::Fail(err),
        }
    }
}

/// What the retry policy needs to know of an error.
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

async fn run<T: Transport>(
    t: &T,
    req: &Request,
    options: &CallOptions,
    deadline: f64,
) -> Result<T::Answer, Error> {
    let (mut run, mut step) = Run::start(t.session(), req, options, deadline, t.now_ms());
    loop {
        step = match step {
            Step::Attempt {
                license: true,
                deadline,
                timeout_ms,
            } => {
                let tier = match t
                    .attempt(&license_request(), deadline, timeout_ms, true)
                    .await
                {
                    Ok(answer) => t.rate_limit_tier(&answer),
                    Err(_) => None,
                };
                run.licensed(t.session(), tier)
            }
            Step::Attempt {
                license: false,
                deadline,
                timeout_ms,
            } => match t.attempt(req, deadline, timeout_ms, false).await {
                Ok(answer) => return Ok(answer),
                Err(err) => run.failed(err, t.now_ms()),
            },
            Step::Sleep(ms) => run.slept(t.sleep(ms).await),
            Step::Fail(err) => return Err(err),
        };
    }
}

#[cfg(test)]
mod tests {
    //! The loop against a scripted transport whose clock moves only when it sleeps or an
    //! attempt says so: no network, no timer.

    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::future::{ready, Future};
    use std::pin::pin;
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};

    use super::*;
    use crate::config::Config;
    use crate::error::{decode_error_response, Cause};
    use crate::retry::RetryPolicy;

    const KEY: &str = "K2exec-fake-management-key";

    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }

    /// Polls a future that never waits (the scripted transport's are all ready).
    fn now<F: Future>(f: F) -> F::Output {
        let waker = Waker::from(Arc::new(Noop));
        let mut cx = Context::from_waker(&waker);
        match pin!(f).poll(&mut cx) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("the scripted transport never waits"),
        }
    }

    /// One scripted attempt: what it answers and how long it takes.
    type Step = (Result<&'static str, Error>, f64);

    struct Script {
        session: Session,
        clock: RefCell<f64>,
        steps: RefCell<VecDeque<Step>>,
        sent: RefCell<Vec<String>>,
        slept: RefCell<Vec<u32>>,
    }

    impl Script {
        fn new(project: &str, steps: Vec<Step>) -> Self {
            let config = Config::new(project, KEY).unwrap();
            Self {
                session: Session::new(config, None),
                clock: RefCell::new(0.0),
                steps: RefCell::new(steps.into()),
                sent: RefCell::new(Vec::new()),
                slept: RefCell::new(Vec::new()),
            }
        }
    }

    impl Transport for Script {
        type Answer = String;

        fn session(&self) -> &Session {
            &self.session
        }

        fn secret(&self) -> &str {
            KEY
        }

        fn now_ms(&self) -> f64 {
            *self.clock.borrow()
        }

        fn attempt(
            &self,
            req: &Request,
            deadline: f64,
            timeout_ms: u32,
            _text: bool,
        ) -> impl Future<Output = Result<String, Error>> {
            self.sent.borrow_mut().push(req.path.clone());
            let (answer, took) = self
                .steps
                .borrow_mut()
                .pop_front()
                .unwrap_or((Ok("{}"), 0.0));
            let started = self.now_ms();
            *self.clock.borrow_mut() = (started + took).min(deadline);
            ready(if started + took >= deadline {
                Err(Error::Timeout {
                    after_ms: timeout_ms,
                })
            } else {
                answer.map(str::to_string)
            })
        }

        fn sleep(&self, ms: u32) -> impl Future<Output = Result<(), Error>> {
            self.slept.borrow_mut().push(ms);
            *self.clock.borrow_mut() += f64::from(ms);
            ready(Ok(()))
        }

        fn rate_limit_tier(&self, answer: &String) -> Option<String> {
            let v: serde_json::Value = serde_json::from_str(answer).ok()?;
            v.get("rateLimitTier")?.as_str().map(str::to_string)
        }
    }

    fn status(code: u16) -> Result<&'static str, Error> {
        Err(decode_error_response(code, None, b"{}", ""))
    }

    fn post(idempotent: bool) -> Request {
        Request {
            idempotent,
            ..Request::bodiless(Method::Post, "/v1/mgmt/user/update/picture", Unwrap::Whole)
        }
    }

    fn send(s: &Script, req: &Request, options: &CallOptions) -> Result<String, Error> {
        let deadline = s.now_ms() + f64::from(options.timeout_ms);
        now(execute_by(s, req, options, deadline))
    }

    #[test]
    fn the_license_is_asked_once_then_sent_and_edge_failures_retried() {
        let s = Script::new(
            "P2execRetry",
            vec![
                (Ok(r#"{"rateLimitTier":"tier4"}"#), 1.0),
                (status(503), 1.0),
                (status(520), 1.0),
                (Ok(r#"{"ok":1}"#), 1.0),
            ],
        );
        let options = CallOptions::default();
        assert_eq!(send(&s, &post(true), &options).unwrap(), r#"{"ok":1}"#);
        assert_eq!(s.session.license_tier().as_deref(), Some("tier4"));
        assert_eq!(*s.slept.borrow(), vec![100, 5_000]);
        send(&s, &post(true), &options).unwrap();
        let sent = s.sent.borrow();
        assert_eq!(sent[0], "/v1/mgmt/license");
        assert_eq!(sent.iter().filter(|p| p.ends_with("license")).count(), 1);
        assert_eq!(sent.len(), 5);
    }

    #[test]
    fn a_create_is_not_resent_after_520_but_is_after_503() {
        let s = Script::new("P2execCreate", vec![(Ok("{}"), 0.0), (status(520), 1.0)]);
        let err = send(&s, &post(false), &CallOptions::default()).unwrap_err();
        assert_eq!(err.status(), 520);
        assert_eq!(s.sent.borrow().len(), 2);
        let s = Script::new("P2execCreate", vec![(status(503), 1.0)]);
        send(&s, &post(false), &CallOptions::default()).unwrap();
        assert_eq!(*s.slept.borrow(), vec![100]);
    }

    #[test]
    fn a_retry_after_longer_than_allowed_gives_up_at_once() {
        let rate_limited = || {
            Err(decode_error_response(
                429,
                Some("30"),
                br#"{"errorCode":"E130429","errorDescription":"rate"}"#,
                "",
            ))
        };
        let s = Script::new("P2execRate", vec![(Ok("{}"), 0.0), (rate_limited(), 1.0)]);
        let options = CallOptions {
            retry: RetryPolicy {
                on_429: true,
                ..RetryPolicy::default()
            },
            ..CallOptions::default()
        };
        let err = send(&s, &post(true), &options).unwrap_err();
        assert_eq!((err.status(), err.retry_after()), (429, Some(30)));
        assert!(s.slept.borrow().is_empty());
    }

    #[test]
    fn the_deadline_covers_every_attempt_and_wait() {
        let s = Script::new(
            "P2execDeadline",
            vec![(Ok("{}"), 0.0), (status(503), 1.0), (status(503), 1.0)],
        );
        let options = CallOptions {
            timeout_ms: 3_000,
            ..CallOptions::default()
        };
        // 503, wait 100 ms, 503 — the next wait (5 s) is past the deadline: no third try.
        let err = send(&s, &post(true), &options).unwrap_err();
        assert_eq!(err.status(), 503);
        assert_eq!(s.sent.borrow().len(), 3);
        let s = Script::new("P2execSlow", vec![(Ok("{}"), 0.0), (Ok("{}"), 5_000.0)]);
        let err = send(&s, &post(true), &options).unwrap_err();
        assert_eq!(err, Error::Timeout { after_ms: 3_000 });
    }

    #[test]
    fn the_key_is_redacted_from_the_error_a_call_ends_with() {
        let echoed = Error::Network {
            message: format!("connection reset by a proxy echoing Bearer P2:{KEY}"),
            cause: Cause::none(),
        };
        let s = Script::new("P2execRedact", vec![(Ok("{}"), 0.0), (Err(echoed), 1.0)]);
        let options = CallOptions {
            retry: RetryPolicy {
                max_attempts: 1,
                ..RetryPolicy::default()
            },
            ..CallOptions::default()
        };
        let err = send(&s, &post(true), &options).unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains(KEY) && text.contains("<redacted>"), "{text}");
    }

    #[test]
    fn a_failed_handshake_is_ignored() {
        let s = Script::new("P2execNoLicense", vec![(status(500), 1.0)]);
        send(&s, &post(true), &CallOptions::default()).unwrap();
        assert_eq!(s.session.license_tier(), None);
        assert_eq!(s.sent.borrow().len(), 2);
    }
}
