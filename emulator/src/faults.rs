//! Fault injection: latency, per-project rate limits, injected 5xx, HTML bodies, truncated
//! bodies and dropped connections. Rules are checked in order; the first rule that changes the
//! answer wins, and rules after it do not see the request, so `[status×1, drop×1]` fails the
//! first request with a 5xx and drops the second. Latency rules always apply on top.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::store::splitmix;

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Latency {
        ms: u64,
    },
    RateLimit {
        limit: u64,
        window: Duration,
        retry_after: Option<u64>,
    },
    Status {
        statuses: Vec<u16>,
    },
    Html {
        status: u16,
    },
    Truncate,
    Drop,
}

#[derive(Debug, Clone)]
struct Rule {
    id: u64,
    kind: Kind,
    spec: Value,
    path_prefix: String,
    method: Option<String>,
    /// Applications left; `None` = unlimited.
    remaining: Option<u64>,
    every: u64,
    after: u64,
    probability: Option<(f64, u64)>,
    matched: u64,
    applied: u64,
    /// Rate-limit windows by project ID: (start, requests in window).
    windows: HashMap<String, (Instant, u64)>,
}

/// What to do with one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Drop,
    RateLimited { retry_after: u64 },
    Status(u16),
    Html(u16),
    Truncate,
}

impl Action {
    /// The name used in the request log's `injected` field.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Drop => "drop",
            Action::RateLimited { .. } => "rateLimit",
            Action::Status(_) => "status",
            Action::Html(_) => "html",
            Action::Truncate => "truncate",
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Decision {
    pub latency: Duration,
    pub action: Option<Action>,
}

#[derive(Debug, Default, Clone)]
pub struct Faults {
    rules: Vec<Rule>,
    next_id: u64,
}

impl Faults {
    /// Adds one rule (the `POST /emulator/faults` object form); returns its id.
    pub fn add(&mut self, spec: Value) -> ApiResult<u64> {
        let mut o = Obj::from_value(spec.clone(), "fault")?;
        let kind_name = o.str(&["kind"])?.ok_or_else(|| o.required("kind"))?;
        let kind = match kind_name.as_str() {
            "latency" => Kind::Latency {
                ms: non_negative(&mut o, "ms")?.ok_or_else(|| o.required("ms"))?,
            },
            "rateLimit" => {
                let limit = non_negative(&mut o, "limit")?.ok_or_else(|| o.required("limit"))?;
                let secs = non_negative(&mut o, "windowSecs")?.unwrap_or(60).max(1);
                Kind::RateLimit {
                    limit,
                    window: Duration::from_secs(secs),
                    retry_after: non_negative(&mut o, "retryAfterSecs")?,
                }
            }
            "status" => {
                let mut statuses: Vec<i64> = Vec::new();
                if let Some(s) = o.int(&["status"])? {
                    statuses.push(s);
                }
                for v in o.list(&["statuses"])?.unwrap_or_default() {
                    statuses.push(crate::body::as_int(&v).ok_or_else(|| {
                        ApiError::invalid("\"fault.statuses\" must be an array of integers")
                    })?);
                }
                if statuses.is_empty() {
                    statuses.push(503);
                }
                Kind::Status {
                    statuses: statuses
                        .into_iter()
                        .map(error_status)
                        .collect::<ApiResult<_>>()?,
                }
            }
            "html" => Kind::Html {
                status: error_status(o.int(&["status"])?.unwrap_or(502))?,
            },
            "truncate" => Kind::Truncate,
            "drop" => Kind::Drop,
            other => {
                return Err(ApiError::invalid(format!(
                    "\"fault.kind\" must be latency, rateLimit, status, html, truncate or drop, \
                     not \"{other}\""
                )))
            }
        };
        let path_prefix = o.str(&["pathPrefix"])?.unwrap_or_default();
        let method = o.str(&["method"])?.map(|m| m.to_ascii_uppercase());
        let remaining = non_negative(&mut o, "count")?;
        let every = non_negative(&mut o, "every")?.unwrap_or(1).max(1);
        let after = non_negative(&mut o, "after")?.unwrap_or(0);
        let probability = match o.raw("probability") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => {
                let p = n
                    .as_f64()
                    .filter(|p| (0.0..=1.0).contains(p))
                    .ok_or_else(|| {
                        ApiError::invalid("\"fault.probability\" must be between 0 and 1")
                    })?;
                Some((p, non_negative(&mut o, "seed")?.unwrap_or(1)))
            }
            Some(_) => {
                return Err(ApiError::invalid(
                    "\"fault.probability\" must be a number between 0 and 1",
                ))
            }
        };
        if probability.is_none() {
            // `seed` only means something with a probability, but is harmless alone.
            non_negative(&mut o, "seed")?;
        }
        o.finish()?;
        self.next_id += 1;
        self.rules.push(Rule {
            id: self.next_id,
            kind,
            spec,
            path_prefix,
            method,
            remaining,
            every,
            after,
            probability,
            matched: 0,
            applied: 0,
            windows: HashMap::new(),
        });
        Ok(self.next_id)
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// The rules with their counters, for `GET /emulator/faults`.
    pub fn view(&self) -> Value {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "rule": r.spec,
                    "matched": r.matched,
                    "applied": r.applied,
                    "remaining": r.remaining,
                })
            })
            .collect();
        json!({ "faults": rules })
    }

    /// Decides the fate of one API request. `project` keys the rate limit.
    pub fn decide(&mut self, method: &str, path: &str, project: &str, now: Instant) -> Decision {
        let mut decision = Decision::default();
        for rule in &mut self.rules {
            if !path.starts_with(&rule.path_prefix)
                || rule.method.as_deref().is_some_and(|m| m != method)
            {
                continue;
            }
            let is_latency = matches!(rule.kind, Kind::Latency { .. });
            if decision.action.is_some() && !is_latency {
                continue;
            }
            if let Kind::RateLimit {
                limit,
                window,
                retry_after,
            } = rule.kind
            {
                rule.matched += 1;
                let slot = rule.windows.entry(project.to_string()).or_insert((now, 0));
                if now.duration_since(slot.0) >= window {
                    *slot = (now, 0);
                }
                slot.1 += 1;
                if slot.1 > limit {
                    rule.applied += 1;
                    let left = window.saturating_sub(now.duration_since(slot.0));
                    let secs = retry_after.unwrap_or_else(|| left.as_secs_f64().ceil() as u64);
                    decision.action = Some(Action::RateLimited {
                        retry_after: secs.max(1),
                    });
                }
                continue;
            }
            if rule.remaining == Some(0) {
                continue;
            }
            rule.matched += 1;
            if rule.matched <= rule.after {
                continue;
            }
            let n = rule.matched - rule.after;
            if n % rule.every != 0 {
                continue;
            }
            if let Some((p, seed)) = rule.probability {
                let roll =
                    splitmix(seed.wrapping_mul(1_000_003).wrapping_add(n)) as f64 / u64::MAX as f64;
                if roll >= p {
                    continue;
                }
            }
            if let Some(r) = rule.remaining.as_mut() {
                *r -= 1;
            }
            rule.applied += 1;
            match &rule.kind {
                Kind::Latency { ms } => decision.latency += Duration::from_millis(*ms),
                Kind::Status { statuses } => {
                    let i = ((rule.applied - 1) as usize) % statuses.len().max(1);
                    decision.action = Some(Action::Status(statuses.get(i).copied().unwrap_or(503)));
                }
                Kind::Html { status } => decision.action = Some(Action::Html(*status)),
                Kind::Truncate => decision.action = Some(Action::Truncate),
                Kind::Drop => decision.action = Some(Action::Drop),
                Kind::RateLimit { .. } => {}
            }
        }
        decision
    }
}

fn non_negative(o: &mut Obj, key: &str) -> ApiResult<Option<u64>> {
    match o.int(&[key])? {
        None => Ok(None),
        Some(n) if n >= 0 => Ok(Some(n as u64)),
        Some(_) => Err(ApiError::invalid(format!(
            "\"{}\" must not be negative",
            o.name(key)
        ))),
    }
}

fn error_status(s: i64) -> ApiResult<u16> {
    match u16::try_from(s) {
        Ok(s) if (400..=599).contains(&s) => Ok(s),
        _ => Err(ApiError::invalid(format!(
            "fault status {s} must be between 400 and 599"
        ))),
    }
}

/// The error body of an injected status.
pub fn status_error(status: u16) -> ApiError {
    let code = axum::http::StatusCode::from_u16(status)
        .unwrap_or(axum::http::StatusCode::SERVICE_UNAVAILABLE);
    let reason = code.canonical_reason().unwrap_or("Server Error");
    ApiError::new(code, crate::error::INJECTED_SERVER_ERROR, reason)
        .with_message(format!("{reason} (injected by descope-emulator)"))
}

/// The rate-limit error exactly as the service sends it.
pub fn rate_limit_error() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::TOO_MANY_REQUESTS,
        crate::error::RATE_LIMITED,
        "https://docs.descope.com/rate-limit",
    )
    .with_message("API rate limit exceeded.")
}

/// An edge-proxy style HTML error page.
pub fn html_page(status: u16) -> String {
    let reason = axum::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    format!(
        "<!DOCTYPE html>\n<html>\n<head><title>{status} {reason}</title></head>\n<body>\n\
         <center><h1>{status} {reason}</h1></center>\n<hr><center>cloudflare</center>\n\
         </body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(f: &mut Faults, path: &str) -> Option<Action> {
        f.decide("POST", path, "P", Instant::now()).action
    }

    #[test]
    fn count_every_after_and_order() {
        let mut f = Faults::default();
        f.add(json!({"kind": "status", "statuses": [500, 503], "count": 2}))
            .unwrap();
        f.add(json!({"kind": "drop", "count": 1})).unwrap();
        assert_eq!(decide(&mut f, "/v1/x"), Some(Action::Status(500)));
        assert_eq!(decide(&mut f, "/v1/x"), Some(Action::Status(503)));
        assert_eq!(decide(&mut f, "/v1/x"), Some(Action::Drop));
        assert_eq!(decide(&mut f, "/v1/x"), None);

        let mut f = Faults::default();
        f.add(json!({"kind": "html", "every": 3, "after": 1, "pathPrefix": "/v1/a"}))
            .unwrap();
        let got: Vec<bool> = (0..8)
            .map(|_| decide(&mut f, "/v1/a/b").is_some())
            .collect();
        assert_eq!(got, [false, false, false, true, false, false, true, false]);
        assert_eq!(decide(&mut f, "/v2/a"), None);
    }

    #[test]
    fn probability_is_deterministic() {
        let run = || {
            let mut f = Faults::default();
            f.add(json!({"kind": "truncate", "probability": 0.5, "seed": 7}))
                .unwrap();
            (0..64)
                .map(|_| decide(&mut f, "/").is_some())
                .collect::<Vec<_>>()
        };
        let a = run();
        assert_eq!(a, run());
        let hits = a.iter().filter(|h| **h).count();
        assert!((16..=48).contains(&hits), "{hits}");
    }

    #[test]
    fn bad_rules() {
        let mut f = Faults::default();
        assert!(f.add(json!({"kind": "nope"})).is_err());
        assert!(f.add(json!({"kind": "status", "status": 200})).is_err());
        assert!(f.add(json!({"kind": "latency"})).is_err());
        assert!(f.add(json!({"kind": "drop", "cuont": 1})).is_err());
        assert!(f.add(json!({"kind": "drop", "probability": 2})).is_err());
    }
}
