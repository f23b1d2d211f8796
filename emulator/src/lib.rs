//! `descope-emulator`: a local stand-in for Descope's management API — users, tenants, roles,
//! permissions, access keys, SSO applications and settings, groups, password settings, JWT,
//! audit, and (issue 15) lists, JWT templates, descopers, management keys, engines,
//! scope-claim mapping, inbound and outbound applications, authz (ReBAC), FGA, flows,
//! themes, analytics and projects (snapshots, clones).
//!
//! It keeps a project in memory (and the projects cloned from it), checks the management
//! bearer, parses requests strictly from
//! the wire references (never from the client crate's types), answers in Descope's shapes,
//! sends CORS headers on the API paths, records every API request and an audit trail, and can
//! inject faults. See `emulator/README.md` for flags, admin endpoints and error codes.
//!
//! Tests build the router in-process:
//!
//! ```no_run
//! use descope_emulator::{Config, Emulator};
//! let emulator = Emulator::new(Config::default()).map_err(std::io::Error::other)?;
//! let router = emulator.router();
//! # let _ = router;
//! # Ok::<(), std::io::Error>(())
//! ```

use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;

pub mod api;
pub mod body;
pub mod config;
pub mod crypto;
pub mod error;
pub mod faults;
mod http;
pub mod input;
pub mod model;
pub mod password;
pub mod seed;
mod seed_entities;
pub mod seed_rest;
pub mod server;
pub mod snapshot;
pub mod store;

pub use config::{Config, DEFAULT_MANAGEMENT_KEY, DEFAULT_PROJECT_ID};
pub use error::ApiError;
pub use store::Store;

/// Every user status the service knows.
pub const STATUSES: &[&str] = &["enabled", "disabled", "invited", "expired"];

/// The request log keeps at most this many entries (oldest dropped first).
pub const LOG_CAPACITY: usize = 10_000;

/// A running project: cheap to clone, shared by all connections.
#[derive(Clone)]
pub struct Emulator {
    shared: Arc<Shared>,
}

struct Shared {
    config: Config,
    /// The seed state `POST /emulator/reset` returns to.
    initial: Store,
    store: Mutex<Store>,
    log: Mutex<RequestLog>,
    faults: Mutex<faults::Faults>,
}

#[derive(Default)]
struct RequestLog {
    entries: std::collections::VecDeque<Value>,
    next_seq: u64,
}

/// A poisoned lock only means another request panicked mid-way; the data is still usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Emulator {
    /// Builds the project from the config: built-in defaults, the `--seed` file, sample users,
    /// and the fault rules given by flags.
    pub fn new(config: Config) -> Result<Emulator, String> {
        let seed = match &config.seed {
            None => None,
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read seed file {}: {e}", path.display()))?;
                let v: Value = serde_json::from_str(&text)
                    .map_err(|e| format!("seed file {} is not JSON: {e}", path.display()))?;
                Some(v)
            }
        };
        let store = seed::build(seed.as_ref(), config.sample_users)?;
        let mut faults = faults::Faults::default();
        for rule in &config.faults {
            faults
                .add(rule.clone())
                .map_err(|e| format!("fault rule: {}", e.description))?;
        }
        Ok(Emulator::with_store(config, store, faults))
    }

    /// A project with exactly this starting store.
    pub fn with_store(config: Config, mut store: Store, faults: faults::Faults) -> Emulator {
        store.project_id.clone_from(&config.project_id);
        Emulator {
            shared: Arc::new(Shared {
                config,
                initial: store.clone(),
                store: Mutex::new(store),
                log: Mutex::new(RequestLog::default()),
                faults: Mutex::new(faults),
            }),
        }
    }

    /// The axum router: management API (with CORS), admin endpoints.
    pub fn router(&self) -> axum::Router {
        http::router(self.clone())
    }

    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    /// Direct access to the project, for tests and admin endpoints.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.shared.store)
    }

    /// Back to the starting state (the request log and faults are left alone).
    pub fn reset(&self) {
        *self.store() = self.shared.initial.clone();
    }

    /// Logged API requests, oldest first.
    pub fn requests(&self) -> Vec<Value> {
        lock(&self.shared.log).entries.iter().cloned().collect()
    }

    pub fn clear_requests(&self) {
        lock(&self.shared.log).entries.clear();
    }

    fn log(&self, mut entry: Value) {
        let mut log = lock(&self.shared.log);
        log.next_seq += 1;
        entry["seq"] = Value::from(log.next_seq);
        if log.entries.len() >= LOG_CAPACITY {
            log.entries.pop_front();
        }
        log.entries.push_back(entry);
    }

    fn faults(&self) -> MutexGuard<'_, faults::Faults> {
        lock(&self.shared.faults)
    }
}
