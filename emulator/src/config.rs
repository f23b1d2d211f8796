//! Settings and the hand-written command-line parser.

use std::net::IpAddr;
use std::path::PathBuf;

use serde_json::Value;

/// 28 characters like real project IDs, so the client's region rule yields the default URL.
pub const DEFAULT_PROJECT_ID: &str = "P2emulatorProject00000000001";
pub const DEFAULT_MANAGEMENT_KEY: &str = "K2emulator-fake-management-key";
pub const DEFAULT_LICENSE_TIER: &str = "tier2";

pub const USAGE: &str = "usage: descope-emulator --port N [--host 127.0.0.1] [--seed FILE.json] \
[--sample-users N] [--project-id ID] [--management-key KEY] [--license-tier tier2] \
[--latency-ms MS] [--rate-limit N/SECS] [--fault JSON]...";

#[derive(Clone, PartialEq)]
pub struct Config {
    pub host: IpAddr,
    pub port: u16,
    pub seed: Option<PathBuf>,
    pub sample_users: usize,
    pub project_id: String,
    pub management_key: String,
    pub license_tier: String,
    /// Fault rules in the `POST /emulator/faults` format, from `--latency-ms`,
    /// `--rate-limit` and `--fault`.
    pub faults: Vec<Value>,
}

// The management key never appears in logs or panics.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("seed", &self.seed)
            .field("sample_users", &self.sample_users)
            .field("project_id", &self.project_id)
            .field("management_key", &"<redacted>")
            .field("license_tier", &self.license_tier)
            .field("faults", &self.faults)
            .finish()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 0,
            seed: None,
            sample_users: 0,
            project_id: DEFAULT_PROJECT_ID.to_string(),
            management_key: DEFAULT_MANAGEMENT_KEY.to_string(),
            license_tier: DEFAULT_LICENSE_TIER.to_string(),
            faults: Vec::new(),
        }
    }
}

impl Config {
    /// Parses the arguments after the program name. `--port` is required.
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<Config, String> {
        let mut config = Config::default();
        let mut port = None;
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let (name, inline) = match flag.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
                _ => (flag.clone(), None),
            };
            if name == "--help" || name == "-h" {
                return Err(USAGE.to_string());
            }
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
            };
            match name.as_str() {
                "--port" => {
                    let v = value()?;
                    port = Some(
                        v.parse::<u16>()
                            .map_err(|_| format!("--port: not a port number: {v}"))?,
                    );
                }
                "--host" => {
                    let v = value()?;
                    let ip = if v == "localhost" {
                        IpAddr::from([127, 0, 0, 1])
                    } else {
                        v.parse::<IpAddr>()
                            .map_err(|_| format!("--host: not an IP address: {v}"))?
                    };
                    // A fake management API must never be reachable from other machines.
                    if !ip.is_loopback() {
                        return Err(format!(
                            "--host: only loopback addresses are allowed, not {v}"
                        ));
                    }
                    config.host = ip;
                }
                "--seed" => config.seed = Some(PathBuf::from(value()?)),
                "--sample-users" => {
                    let v = value()?;
                    config.sample_users = v
                        .parse()
                        .map_err(|_| format!("--sample-users: not a count: {v}"))?;
                }
                "--project-id" => {
                    let v = value()?;
                    if v.is_empty() || v.contains(':') {
                        return Err("--project-id must be non-empty and contain no ':'".into());
                    }
                    config.project_id = v;
                }
                "--management-key" => {
                    let v = value()?;
                    if v.is_empty() {
                        return Err("--management-key must be non-empty".into());
                    }
                    config.management_key = v;
                }
                "--license-tier" => config.license_tier = value()?,
                "--latency-ms" => {
                    let v = value()?;
                    let ms: u64 = v
                        .parse()
                        .map_err(|_| format!("--latency-ms: not a number: {v}"))?;
                    config
                        .faults
                        .push(serde_json::json!({"kind": "latency", "ms": ms}));
                }
                "--rate-limit" => {
                    let v = value()?;
                    let parsed = v
                        .split_once('/')
                        .and_then(|(n, s)| Some((n.parse::<u64>().ok()?, s.parse::<u64>().ok()?)));
                    let Some((limit, secs)) = parsed else {
                        return Err(format!("--rate-limit: expected N/SECS, got {v}"));
                    };
                    config.faults.push(serde_json::json!(
                        {"kind": "rateLimit", "limit": limit, "windowSecs": secs}
                    ));
                }
                "--fault" => {
                    let v = value()?;
                    let rule: Value = serde_json::from_str(&v)
                        .map_err(|e| format!("--fault: invalid JSON: {e}"))?;
                    config.faults.push(rule);
                }
                _ => return Err(format!("unknown argument: {flag}\n{USAGE}")),
            }
        }
        config.port = port.ok_or_else(|| format!("--port is required\n{USAGE}"))?;
        Ok(config)
    }

    /// The bearer token value the emulator expects.
    pub fn bearer(&self) -> String {
        format!("{}:{}", self.project_id, self.management_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Config, String> {
        Config::from_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_flags() {
        let c = parse(&["--port", "0"]).unwrap();
        assert_eq!(c.project_id.len(), 28);
        assert!(c.project_id.starts_with("P2"));
        let c = parse(&["--port=8080", "--host", "::1", "--sample-users", "5"]).unwrap();
        assert_eq!(c.port, 8080);
        assert_eq!(c.sample_users, 5);
        assert!(parse(&["--host", "0.0.0.0", "--port", "1"]).is_err());
        assert!(parse(&["--host", "10.0.0.1", "--port", "1"]).is_err());
        assert!(parse(&[]).is_err());
        assert!(parse(&["--port", "1", "--bogus"]).is_err());
        let c = parse(&["--port", "1", "--rate-limit", "5/10", "--latency-ms", "3"]).unwrap();
        assert_eq!(c.faults.len(), 2);
    }

    #[test]
    fn debug_hides_the_key() {
        let c = Config::default();
        assert!(!format!("{c:?}").contains(DEFAULT_MANAGEMENT_KEY));
    }
}
