//! When to retry, decided without a network so it is tested natively. The transport asks
//! [`RetryPolicy::delay`] after every failed attempt.

/// Statuses retried by default: Cloudflare/edge failures, as the Go and Python SDKs do
/// (and 523, origin unreachable).
pub const RETRY_STATUSES: [u16; 7] = [503, 520, 521, 522, 523, 524, 530];

/// The retried statuses that say the request did not reach Descope, so that even a call
/// that creates may be sent again. 520 and 524 are not among them: the origin may have
/// done the work (a create re-sent after them reported "already exists" for its own user).
pub const NOT_REACHED_STATUSES: [u16; 5] = [503, 521, 522, 523, 530];

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
    /// `idempotent` says whether the call may run twice: calls that create (create, invite,
    /// batch create, import) may not, so they are re-sent only after a status in
    /// [`NOT_REACHED_STATUSES`], never after 520, 524 or a network error. `remaining_ms` is
    /// what is left of the call's timeout: no retry is started past it. A `Retry-After` is
    /// never cut short: when it is longer than `max_delay_ms` or the time left, the call
    /// gives up at once (and the caller sees `retry_after`).
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
        let backoff = BACKOFF_MS[step.min(BACKOFF_MS.len() - 1)].min(self.max_delay_ms);
        let retry_after = match outcome {
            Outcome::Status(429, retry_after) if self.on_429 => retry_after,
            Outcome::Status(status, retry_after)
                if RETRY_STATUSES.contains(&status)
                    && (idempotent || NOT_REACHED_STATUSES.contains(&status)) =>
            {
                retry_after
            }
            Outcome::Network if idempotent => None,
            _ => return None,
        };
        let wait = match retry_after {
            Some(secs) => {
                let asked = secs.saturating_mul(1000);
                if asked > self.max_delay_ms {
                    return None;
                }
                asked.max(backoff)
            }
            None => backoff,
        };
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
            p.delay(2, Outcome::Status(520, None), true, LOTS),
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
        // Never before Retry-After: a longer one than max_delay_ms gives up at once.
        assert_eq!(
            p.delay(1, Outcome::Status(429, Some(60)), false, LOTS),
            None
        );
        assert_eq!(p.delay(1, Outcome::Status(429, Some(4)), true, LOTS), None);
        assert_eq!(
            p.delay(1, Outcome::Status(429, Some(3)), true, LOTS),
            Some(3_000)
        );
        // Nor when it is longer than the time left.
        assert_eq!(
            p.delay(1, Outcome::Status(429, Some(2)), true, 1_500.0),
            None
        );
        assert_eq!(
            p.delay(1, Outcome::Status(429, None), false, LOTS),
            Some(100)
        );
    }

    #[test]
    fn creates_are_resent_only_where_the_origin_was_not_reached() {
        let p = RetryPolicy::default();
        for status in [520, 524] {
            assert_eq!(p.delay(1, Outcome::Status(status, None), false, LOTS), None);
            assert_eq!(
                p.delay(1, Outcome::Status(status, None), true, LOTS),
                Some(100)
            );
        }
        for status in NOT_REACHED_STATUSES {
            assert_eq!(
                p.delay(1, Outcome::Status(status, None), false, LOTS),
                Some(100),
                "{status}"
            );
        }
        assert_eq!(p.delay(1, Outcome::Network, false, LOTS), None);
    }

    #[test]
    fn a_retry_after_on_a_5xx_is_waited_for_too() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay(1, Outcome::Status(503, Some(2)), true, LOTS),
            Some(2_000)
        );
        assert_eq!(p.delay(1, Outcome::Status(503, Some(9)), true, LOTS), None);
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
