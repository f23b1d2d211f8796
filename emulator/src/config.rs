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
[--latency-ms MS] [--rate-limit N/SECS] [--fault JSON]... [--admin-cors-origin ORIGIN]...";

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
    /// Exact origins (`scheme://host[:port]`, as browsers send them in `Origin`) whose pages
    /// may read the `/emulator/*` admin endpoints cross-origin (`--admin-cors-origin`).
    /// Empty (the default): the admin endpoints send no CORS headers at all.
    pub admin_cors_origins: Vec<String>,
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
            .field("admin_cors_origins", &self.admin_cors_origins)
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
            admin_cors_origins: Vec::new(),
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
                "--admin-cors-origin" => {
                    let v = value()?;
                    check_origin(&v).map_err(|e| format!("--admin-cors-origin {v:?}: {e}"))?;
                    if !config.admin_cors_origins.contains(&v) {
                        config.admin_cors_origins.push(v);
                    }
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

/// Accepts exactly one serialized origin as a browser sends it in `Origin`:
/// `http://` or `https://`, a lowercase host name, IPv4 or bracketed IPv6 address, and an
/// optional non-default port; no path, query, fragment, user info, trailing slash or `*`.
/// Anything else could never equal a browser's `Origin`, or would open the admin endpoints
/// to every page, so it is refused rather than silently never matching.
fn check_origin(v: &str) -> Result<(), String> {
    const FORM: &str = "expected an exact origin like http://127.0.0.1:8123 \
(scheme://host[:port], no path)";
    if v.contains('*') {
        return Err(format!("wildcards are not allowed; {FORM}"));
    }
    let (scheme, rest) = v
        .split_once("://")
        .ok_or_else(|| format!("no scheme; {FORM}"))?;
    let default_port = match scheme {
        "http" => "80",
        "https" => "443",
        _ => return Err(format!("scheme must be http or https; {FORM}")),
    };
    if rest.contains(['/', '?', '#', '@']) {
        return Err(format!("path, query, fragment or user info given; {FORM}"));
    }
    let port = if let Some(after) = rest.strip_prefix('[') {
        let (addr, tail) = after
            .split_once(']')
            .ok_or_else(|| format!("unclosed IPv6 address; {FORM}"))?;
        if addr.parse::<std::net::Ipv6Addr>().is_err()
            || addr.contains(|c: char| c.is_ascii_uppercase())
        {
            return Err(format!("not an IPv6 address: {addr}; {FORM}"));
        }
        match tail {
            "" => None,
            t => Some(
                t.strip_prefix(':')
                    .ok_or_else(|| format!("unexpected text after the host; {FORM}"))?,
            ),
        }
    } else {
        let (host, port) = match rest.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        };
        let host_ok = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
        if !host_ok {
            return Err(format!(
                "host must be a lowercase name or an IP address; {FORM}"
            ));
        }
        port
    };
    if let Some(p) = port {
        let valid = !p.is_empty()
            && !p.starts_with('0')
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u16>().is_ok();
        if !valid {
            return Err(format!("not a port number: {p}; {FORM}"));
        }
        if p == default_port {
            return Err(format!(
                "browsers omit the default port {p} for {scheme}; leave it out"
            ));
        }
    }
    Ok(())
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
    fn admin_cors_origins() {
        assert!(parse(&["--port", "1"])
            .unwrap()
            .admin_cors_origins
            .is_empty());
        let c = parse(&[
            "--port",
            "1",
            "--admin-cors-origin",
            "http://127.0.0.1:8123",
            "--admin-cors-origin=https://localhost",
            "--admin-cors-origin",
            "http://[::1]:9000",
            "--admin-cors-origin",
            "http://127.0.0.1:8123",
        ])
        .unwrap();
        assert_eq!(
            c.admin_cors_origins,
            [
                "http://127.0.0.1:8123",
                "https://localhost",
                "http://[::1]:9000"
            ]
        );
        for bad in [
            "*",
            "http://*",
            "https://*.example.com",
            "null",
            "",
            "127.0.0.1:8123",
            "ftp://127.0.0.1",
            "http://",
            "http://127.0.0.1:8123/",
            "http://127.0.0.1:8123/path",
            "http://127.0.0.1:8123?q",
            "http://user@127.0.0.1",
            "http://LOCALHOST:1",
            "http://127.0.0.1:",
            "http://127.0.0.1:99999",
            "http://127.0.0.1:080",
            "http://127.0.0.1:80",
            "https://localhost:443",
            "http://[::1",
            "http://[nope]:1",
            "http://[::1]x",
            "http://[::ABCD]:1",
        ] {
            let e = parse(&["--port", "1", "--admin-cors-origin", bad]).unwrap_err();
            assert!(e.starts_with("--admin-cors-origin"), "{bad}: {e}");
        }
        let e = parse(&["--port", "1", "--admin-cors-origin", "*"]).unwrap_err();
        assert!(e.contains("wildcards are not allowed"), "{e}");
        assert!(parse(&["--port", "1", "--admin-cors-origin"]).is_err());
    }

    #[test]
    fn debug_hides_the_key() {
        let c = Config::default();
        assert!(!format!("{c:?}").contains(DEFAULT_MANAGEMENT_KEY));
    }
}
