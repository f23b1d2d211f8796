//! What a client keeps between calls: its configuration and its default call options;
//! and, shared by every client of the process (a Worker isolate), the rate-limit tier
//! learnt from `GET /v1/mgmt/license` for each base URL and project ID.

use std::sync::{Mutex, PoisonError};

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

/// Where the rate-limit tier of one base URL and project ID stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tier {
    /// Asked (or being asked); no answer to use. A failed handshake stays here: it is not
    /// asked again.
    Asked,
    /// Known: sent as `x-descope-license`.
    Known(String),
}

/// The tiers learnt in this process, by base URL and project ID. One cache for all
/// clients, so that a Worker that builds a client per request still asks once per
/// isolate. A handful of entries at most: a linear scan is enough.
static TIERS: Mutex<Vec<(String, String, Tier)>> = Mutex::new(Vec::new());

fn with_tiers<T>(f: impl FnOnce(&mut Vec<(String, String, Tier)>) -> T) -> T {
    // The lock guards plain data: a panic elsewhere cannot leave it half-written.
    f(&mut TIERS.lock().unwrap_or_else(PoisonError::into_inner))
}

/// A client's state, shared by every view of it (`descope.with(...)`).
#[derive(Debug)]
pub struct Session {
    config: Config,
    /// A tier the caller gave (`licenseTier`): no handshake, nothing shared.
    given_tier: Option<String>,
    /// The native transport's HTTP client (its connection pool), made at the first call.
    #[cfg(all(not(target_arch = "wasm32"), feature = "reqwest"))]
    pub(crate) http: std::sync::OnceLock<reqwest::Client>,
}

impl Session {
    /// A session; `license_tier` skips the handshake.
    pub fn new(config: Config, license_tier: Option<String>) -> Self {
        Self {
            config,
            given_tier: license_tier.filter(|t| !t.is_empty()),
            #[cfg(all(not(target_arch = "wasm32"), feature = "reqwest"))]
            http: std::sync::OnceLock::new(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn is_mine(&self, entry: &(String, String, Tier)) -> bool {
        entry.0 == self.config.base_url() && entry.1 == self.config.project_id()
    }

    /// The `x-descope-license` value, once known.
    pub fn license_tier(&self) -> Option<String> {
        if let Some(t) = &self.given_tier {
            return Some(t.clone());
        }
        with_tiers(|tiers| match tiers.iter().find(|e| self.is_mine(e)) {
            Some((_, _, Tier::Known(t))) => Some(t.clone()),
            _ => None,
        })
    }

    /// Whether the `x-descope-license` value is `tier` (`None`: not known yet), read without
    /// copying it (the npm build asks at every call whether its made headers still hold).
    pub fn license_tier_is(&self, tier: Option<&str>) -> bool {
        if let Some(t) = &self.given_tier {
            return tier == Some(t.as_str());
        }
        with_tiers(|tiers| match tiers.iter().find(|e| self.is_mine(e)) {
            Some((_, _, Tier::Known(t))) => tier == Some(t.as_str()),
            _ => tier.is_none(),
        })
    }

    /// True exactly once per process for this base URL and project ID (and only with a
    /// management key and no given tier): the caller should ask `GET /v1/mgmt/license`
    /// now. Other calls do not wait for the answer.
    pub fn claim_license_handshake(&self) -> bool {
        if self.given_tier.is_some() || !self.config.has_management_key() {
            return false;
        }
        with_tiers(|tiers| {
            if tiers.iter().any(|e| self.is_mine(e)) {
                return false;
            }
            tiers.push((
                self.config.base_url().to_string(),
                self.config.project_id().to_string(),
                Tier::Asked,
            ));
            true
        })
    }

    /// Records the handshake's answer (`None` when it failed: it is not asked again).
    pub fn record_license(&self, tier: Option<String>) {
        let Some(t) = tier.filter(|t| !t.is_empty()) else {
            return;
        };
        with_tiers(|tiers| {
            if let Some(entry) = tiers.iter_mut().find(|e| self.is_mine(e)) {
                entry.2 = Tier::Known(t);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Each test uses project IDs of its own: the cache is one per process.

    #[test]
    fn the_handshake_is_claimed_once_and_its_answer_kept() {
        let s = Session::new(Config::new("P2once", "K2fake").unwrap(), None);
        assert!(s.claim_license_handshake());
        assert!(!s.claim_license_handshake());
        assert_eq!(s.license_tier(), None);
        s.record_license(Some("tier3".into()));
        assert_eq!(s.license_tier().as_deref(), Some("tier3"));
    }

    #[test]
    fn every_client_of_the_process_shares_the_tier_of_its_base_url_and_project() {
        let config = Config::new("P2shared", "K2fake").unwrap();
        let first = Session::new(config.clone(), None);
        assert!(first.claim_license_handshake());
        // A client per request (a Worker's habit) asks no more.
        let second = Session::new(config.clone(), None);
        assert!(!second.claim_license_handshake());
        first.record_license(Some("tier9".into()));
        assert_eq!(second.license_tier().as_deref(), Some("tier9"));
        // Another base URL or another project asks for itself.
        let elsewhere = Session::new(config.with_base_url("http://127.0.0.1:1").unwrap(), None);
        assert!(elsewhere.claim_license_handshake());
        assert_eq!(elsewhere.license_tier(), None);
        let other = Session::new(Config::new("P2sharedOther", "K2fake").unwrap(), None);
        assert!(other.claim_license_handshake());
    }

    #[test]
    fn a_failed_handshake_is_not_asked_again() {
        let s = Session::new(Config::new("P2failed", "K2fake").unwrap(), None);
        assert!(s.claim_license_handshake());
        s.record_license(None);
        let again = Session::new(Config::new("P2failed", "K2fake").unwrap(), None);
        assert!(!again.claim_license_handshake());
        assert_eq!(again.license_tier(), None);
    }

    #[test]
    fn a_given_tier_or_a_keyless_client_skips_it() {
        let s = Session::new(
            Config::new("P2given", "K2fake").unwrap(),
            Some("tier2".into()),
        );
        assert!(!s.claim_license_handshake());
        assert_eq!(s.license_tier().as_deref(), Some("tier2"));
        let keyless = Config::build(
            "P2keyless".into(),
            None,
            Some("https://proxy.example".into()),
        )
        .unwrap();
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
