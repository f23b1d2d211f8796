//! What a client keeps between calls: its configuration, its default call options, and
//! the rate-limit tier learnt from `GET /v1/mgmt/license`.

use std::cell::RefCell;

use crate::config::Config;
use crate::error::Error;
use crate::retry::{RetryPolicy, DEFAULT_TIMEOUT_MS};

/// Options of one call: the overall timeout and the retry policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallOptions {
    /// The whole call, retries included, must end within this many milliseconds.
    pub timeout_ms: u32,
    /// When to retry.
    pub retry: RetryPolicy,
}

impl Default for CallOptions {
    fn default() -> Self {
        Self {
            timeout_ms: DEFAULT_TIMEOUT_MS,
            retry: RetryPolicy::default(),
        }
    }
}

impl CallOptions {
    /// Checks the values a caller gave.
    pub fn validate(&self) -> Result<(), Error> {
        if self.timeout_ms == 0 {
            return Err(Error::invalid_argument(
                "timeoutMs",
                "must be a positive number of milliseconds",
            ));
        }
        if self.retry.max_attempts == 0 {
            return Err(Error::invalid_argument(
                "retry.maxAttempts",
                "must be at least 1",
            ));
        }
        Ok(())
    }
}

/// Where the rate-limit tier stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tier {
    /// Not asked yet.
    Unknown,
    /// Asked (or being asked); no answer to use.
    Asked,
    /// Known: sent as `x-descope-license`.
    Known(String),
}

/// A client's state, shared by every view of it (`descope.with(...)`).
#[derive(Debug)]
pub struct Session {
    config: Config,
    tier: RefCell<Tier>,
}

impl Session {
    /// A session; `license_tier` skips the handshake.
    pub fn new(config: Config, license_tier: Option<String>) -> Self {
        let tier = match license_tier {
            Some(t) => Tier::Known(t),
            None => Tier::Unknown,
        };
        Self {
            config,
            tier: RefCell::new(tier),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The `x-descope-license` value, once known.
    pub fn license_tier(&self) -> Option<String> {
        match &*self.tier.borrow() {
            Tier::Known(t) => Some(t.clone()),
            _ => None,
        }
    }

    /// True exactly once per session (and only with a management key): the caller should
    /// ask `GET /v1/mgmt/license` now. Later calls do not wait for the answer.
    pub fn claim_license_handshake(&self) -> bool {
        let mut tier = self.tier.borrow_mut();
        if *tier == Tier::Unknown && self.config.has_management_key() {
            *tier = Tier::Asked;
            return true;
        }
        false
    }

    /// Records the handshake's answer (`None` when it failed: it is not asked again).
    pub fn record_license(&self, tier: Option<String>) {
        if let Some(t) = tier.filter(|t| !t.is_empty()) {
            *self.tier.borrow_mut() = Tier::Known(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handshake_is_claimed_once_and_its_answer_kept() {
        let s = Session::new(Config::new("P2a", "K2fake").unwrap(), None);
        assert!(s.claim_license_handshake());
        assert!(!s.claim_license_handshake());
        assert_eq!(s.license_tier(), None);
        s.record_license(Some("tier3".into()));
        assert_eq!(s.license_tier().as_deref(), Some("tier3"));
    }

    #[test]
    fn a_given_tier_or_a_keyless_client_skips_it() {
        let s = Session::new(Config::new("P2a", "K2fake").unwrap(), Some("tier2".into()));
        assert!(!s.claim_license_handshake());
        assert_eq!(s.license_tier().as_deref(), Some("tier2"));
        let keyless =
            Config::build("P2a".into(), None, Some("https://proxy.example".into())).unwrap();
        assert!(!Session::new(keyless, None).claim_license_handshake());
    }

    #[test]
    fn bad_options_are_named() {
        let o = CallOptions {
            timeout_ms: 0,
            ..CallOptions::default()
        };
        assert_eq!(o.validate().unwrap_err().argument(), Some("timeoutMs"));
    }
}
