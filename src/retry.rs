//! When to retry, decided without a network so it is tested natively. The transport asks
//! [`RetryPolicy::delay`] after every failed attempt.

/// Statuses retried by default: Cloudflare/edge failures, as the Go and Python SDKs do.
pub const RETRY_STATUSES: [u16; 6] = [503, 520, 521, 522, 524, 530];

/// Default overall timeout of a call (as the Go and Python SDKs).
pub const DEFAULT_TIMEOUT_MS: u32 = 60_000;

/// Waits between attempts before any cap: 100 ms, then 5 s (the Go and Python SDKs' steps).
const BACKOFF_MS: [u32; 2] = [100, 5_000];

/// How a call retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// The longest wait between attempts; a longer `Retry-After` is cut to this.
    pub max_delay_ms: u32,
    /// Retry 429 answers after `Retry-After` (off by default: the caller opts in).
    pub on_429: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            max_delay_ms: 5_000,
            on_429: false,
        }
    }
}

/// What an attempt ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An HTTP answer with a non-2xx status, and its `Retry-After` in seconds.
    Status(u16, Option<u32>),
    /// No answer: the request may or may not have reached the service.
    Network,
    /// The call's time ran out.
    Timeout,
    /// The caller aborted.
    Aborted,
}

impl RetryPolicy {
    /// How long to wait before attempt `attempts_done + 1`, or `None` to give up.
    /// `idempotent` says whether the call may run twice (create, invite, batch create and
    /// import may not: after a network error they are never retried). `remaining_ms` is
    /// what is left of the call's timeout: no retry is started past it.
    pub fn delay(
        &self,
        attempts_done: u32,
        outcome: Outcome,
        idempotent: bool,
        remaining_ms: f64,
    ) -> Option<u32> {
        if attempts_done >= self.max_attempts {
            return None;
        }
        let step = usize::try_from(attempts_done.saturating_sub(1)).unwrap_or(usize::MAX);
        let backoff = BACKOFF_MS[step.min(BACKOFF_MS.len() - 1)];
        let wait = match outcome {
            Outcome::Status(429, retry_after) if self.on_429 => {
                retry_after.map_or(backoff, |s| s.saturating_mul(1000))
            }
            Outcome::Status(status, _) if RETRY_STATUSES.contains(&status) => backoff,
            Outcome::Network if idempotent => backoff,
            _ => return None,
        };
        let wait = wait.min(self.max_delay_ms);
        (f64::from(wait) < remaining_ms).then_some(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOTS: f64 = 1e9;

    #[test]
    fn edge_failures_are_retried_with_backoff_up_to_the_attempt_limit() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay(1, Outcome::Status(503, None), true, LOTS),
            Some(100)
        );
        assert_eq!(
            p.delay(2, Outcome::Status(520, None), false, LOTS),
            Some(5_000)
        );
        assert_eq!(p.delay(3, Outcome::Status(503, None), true, LOTS), None);
        for status in [400, 401, 404, 500, 502] {
            assert_eq!(
                p.delay(1, Outcome::Status(status, None), true, LOTS),
                None,
                "{status}"
            );
        }
    }

    #[test]
    fn rate_limits_only_when_asked_and_after_retry_after_capped() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, Outcome::Status(429, Some(1)), true, LOTS), None);
        let p = RetryPolicy {
            on_429: true,
            max_attempts: 10,
            max_delay_ms: 3_000,
        };
        assert_eq!(
            p.delay(1, Outcome::Status(429, Some(2)), false, LOTS),
            Some(2_000)
        );
        assert_eq!(
            p.delay(1, Outcome::Status(429, Some(60)), false, LOTS),
            Some(3_000)
        );
        assert_eq!(
            p.delay(1, Outcome::Status(429, None), false, LOTS),
            Some(100)
        );
    }

    #[test]
    fn network_errors_retry_idempotent_calls_only() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, Outcome::Network, true, LOTS), Some(100));
        assert_eq!(p.delay(1, Outcome::Network, false, LOTS), None);
        assert_eq!(p.delay(1, Outcome::Timeout, true, LOTS), None);
        assert_eq!(p.delay(1, Outcome::Aborted, true, LOTS), None);
    }

    #[test]
    fn never_past_the_timeout() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, Outcome::Status(503, None), true, 100.0), None);
        assert_eq!(
            p.delay(1, Outcome::Status(503, None), true, 101.0),
            Some(100)
        );
        assert_eq!(p.delay(2, Outcome::Status(503, None), true, 4_000.0), None);
    }

    #[test]
    fn one_attempt_means_no_retry() {
        let p = RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        };
        assert_eq!(p.delay(1, Outcome::Status(503, None), true, LOTS), None);
    }
}
