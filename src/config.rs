//! Client configuration: project ID, management key and base URL.

use std::fmt;

use crate::error::Error;

/// Descope's default API host, used for short (non-regional) project IDs.
pub const DEFAULT_BASE_URL: &str = "https://api.descope.com";

/// Value of the `x-descope-sdk-name` header.
pub const SDK_NAME: &str = "rust-wasm";

/// Value of the `x-descope-sdk-version` header.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The base URL for a project ID, by the region rule of the Go and Python SDKs:
/// IDs of 32 characters or more carry a region in characters 1..5
/// (`Puse1…` → `https://api.use1.descope.com`).
pub fn base_url_for_project(project_id: &str) -> String {
    match project_id.get(1..5) {
        // Characters counted as the bytes that start one (`chars().count()` costs the wasm
        // a kilobyte).
        Some(region) if project_id.bytes().filter(|b| b & 0xC0 != 0x80).count() >= 32 => {
            crate::text::cat(&["https://api.", region, ".descope.com"])
        }
        _ => DEFAULT_BASE_URL.to_string(),
    }
}

/// A management key. It is never shown by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct ManagementKey(String);

impl ManagementKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself, for building the `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ManagementKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ManagementKey(<redacted>)")
    }
}

/// Everything a client needs to address Descope. Built once per client.
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    project_id: String,
    management_key: Option<ManagementKey>,
    /// The host hands the key over at each call (a function in JavaScript).
    key_from_host: bool,
    base_url: String,
}

impl Config {
    /// A configuration for `project_id` authenticated with `management_key`, using the
    /// region's default base URL.
    pub fn new(
        project_id: impl Into<String>,
        management_key: impl Into<String>,
    ) -> Result<Self, Error> {
        let key = management_key.into();
        if key.is_empty() {
            return Err(Error::invalid_argument(
                "managementKey",
                "must be a non-empty string",
            ));
        }
        Self::build(project_id.into(), Some(ManagementKey::new(key)), None)
    }

    /// The general form: an optional key and an optional base URL. Without a key a base
    /// URL is required (a host-side proxy that adds the bearer itself).
    pub fn build(
        project_id: String,
        management_key: Option<ManagementKey>,
        base_url: Option<String>,
    ) -> Result<Self, Error> {
        check_project_id(&project_id)?;
        if management_key
            .as_ref()
            .is_some_and(|k| k.expose().is_empty())
        {
            return Err(Error::invalid_argument(
                "managementKey",
                "must be a non-empty string",
            ));
        }
        let base_url = match base_url {
            Some(url) => normalize_base_url(&url)?,
            None if management_key.is_none() => {
                return Err(Error::invalid_argument(
                    "managementKey",
                    "is required unless baseUrl points at a proxy that adds it",
                ))
            }
            None => base_url_for_project(&project_id),
        };
        Ok(Self {
            project_id,
            management_key,
            key_from_host: false,
            base_url,
        })
    }

    /// A configuration whose key the host supplies at each call (see
    /// [`Config::headers_with_key`]); `base_url` defaults by region.
    pub fn with_key_from_host(project_id: String, base_url: Option<String>) -> Result<Self, Error> {
        let placeholder = base_url
            .clone()
            .unwrap_or_else(|| base_url_for_project(&project_id));
        let mut config = Self::build(project_id, None, Some(placeholder))?;
        config.key_from_host = true;
        Ok(config)
    }

    /// Replaces the base URL.
    pub fn with_base_url(mut self, base_url: &str) -> Result<Self, Error> {
        self.base_url = normalize_base_url(base_url)?;
        Ok(self)
    }

    /// The project ID.
    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Whether a management key is configured.
    pub fn has_management_key(&self) -> bool {
        self.management_key.is_some() || self.key_from_host
    }

    /// The key itself, for redacting it from text that came from elsewhere.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn secret(&self) -> Option<&str> {
        self.management_key.as_ref().map(ManagementKey::expose)
    }

    /// The `Authorization` header value, or `None` when no key is configured.
    pub fn authorization(&self) -> Option<String> {
        self.management_key
            .as_ref()
            .map(|key| crate::text::cat(&["Bearer ", &self.project_id, ":", key.expose()]))
    }

    /// Whether the key comes from the host at each call.
    pub fn key_from_host(&self) -> bool {
        self.key_from_host
    }

    /// Every header a management request carries, except `Content-Type`.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        self.headers_with_key(None)
    }

    /// The headers, with `key` (supplied by the host for this call) in place of the
    /// configured one.
    pub fn headers_with_key(&self, key: Option<&str>) -> Vec<(&'static str, String)> {
        let mut headers = Vec::with_capacity(4);
        let auth = match key {
            Some(k) => Some(crate::text::cat(&["Bearer ", &self.project_id, ":", k])),
            None => self.authorization(),
        };
        if let Some(auth) = auth {
            headers.push(("Authorization", auth));
        }
        headers.push(("x-descope-project-id", self.project_id.clone()));
        headers.push(("x-descope-sdk-name", SDK_NAME.to_string()));
        headers.push(("x-descope-sdk-version", SDK_VERSION.to_string()));
        headers
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("project_id", &self.project_id)
            .field("management_key", &self.management_key)
            .field("key_from_host", &self.key_from_host)
            .field("base_url", &self.base_url)
            .finish()
    }
}

/// Project IDs are letters and digits only: the ID goes into the default base URL (the
/// region rule) and the bearer, so `P…/x` or `P…@host` must never pick the host.
fn check_project_id(project_id: &str) -> Result<(), Error> {
    if project_id.is_empty() {
        return Err(Error::invalid_argument(
            "projectId",
            "must be a non-empty string",
        ));
    }
    if !project_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::invalid_argument(
            "projectId",
            "must contain letters and digits only",
        ));
    }
    Ok(())
}

/// An absolute `http(s)` URL with a host and no user info, query or fragment; the trailing
/// slash is dropped. The bearer goes wherever this points, so nothing odd is accepted.
fn normalize_base_url(url: &str) -> Result<String, Error> {
    let bad = |why: &str| Err(Error::invalid_argument("baseUrl", why.to_string()));
    let url = url.trim();
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return bad("must be an absolute http:// or https:// URL");
    };
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return bad("must not contain white space, control characters or backslashes");
    }
    // Searched byte by byte (every byte looked for is ASCII): `str`'s char searcher costs
    // the wasm more.
    if url.bytes().any(|b| b == b'?' || b == b'#') {
        return bad("must not have a query or a fragment");
    }
    let authority = crate::text::split_at_byte(rest, b'/', false).map_or(rest, |(a, _)| a);
    if authority.bytes().any(|b| b == b'@') {
        return bad("must not contain user info (user:password@)");
    }
    let (host, port) = match authority.strip_prefix("[") {
        // An IPv6 literal: `[::1]` or `[::1]:8080`.
        Some(v6) => match crate::text::split_at_byte(v6, b']', false) {
            Some((host, "")) => (host, "0"),
            Some((host, rest)) => (host, rest.strip_prefix(":").unwrap_or("x")),
            None => ("", ""),
        },
        None => crate::text::split_at_byte(authority, b':', true).unwrap_or((authority, "0")),
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._:".contains(&b));
    if !host_ok {
        return bad("must name a host");
    }
    if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
        return bad("must have a numeric port, if any");
    }
    Ok(crate::text::trim_slashes(url).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_rule_vectors() {
        // Vectors from reference §2.1.
        let cases = [
            ("P2aAc4T2V93bddihGEx2Ryhc8e5Z", "https://api.descope.com"),
            (
                "Puse12aAc4T2V93bddihGEx2Ryhc8e5Z",
                "https://api.use1.descope.com",
            ),
            (
                "Puse12aAc4T2V93bddihGEx2Ryhc8e5Zfoobar",
                "https://api.use1.descope.com",
            ),
            (
                "Peuc12aAc4T2V93bddihGEx2Ryhc8e5Z",
                "https://api.euc1.descope.com",
            ),
            ("", "https://api.descope.com"),
            ("Puse", "https://api.descope.com"),
            ("Puse1ar", "https://api.descope.com"),
        ];
        for (id, want) in cases {
            assert_eq!(base_url_for_project(id), want, "project ID {id:?}");
        }
    }

    #[test]
    fn config_uses_region_and_explicit_base_url() {
        let c = Config::new("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z", "k").unwrap();
        assert_eq!(c.base_url(), "https://api.use1.descope.com");
        let c = c.with_base_url("http://127.0.0.1:9999/").unwrap();
        assert_eq!(c.base_url(), "http://127.0.0.1:9999");
        assert!(Config::new("P1", "k")
            .unwrap()
            .with_base_url("ftp://x")
            .is_err());
    }

    #[test]
    fn debug_never_shows_the_key() {
        let c = Config::new("P2abc", "K2-super-secret-value").unwrap();
        let shown = format!("{c:?} {:?}", ManagementKey::new("K2-super-secret-value"));
        assert!(!shown.contains("K2-super-secret-value"), "{shown}");
        assert!(shown.contains("P2abc"));
    }

    #[test]
    fn headers_carry_bearer_and_project() {
        let c = Config::new("P2abc", "K2key").unwrap();
        let h = c.headers();
        assert_eq!(h[0], ("Authorization", "Bearer P2abc:K2key".to_string()));
        assert_eq!(h[1], ("x-descope-project-id", "P2abc".to_string()));
        assert!(h
            .iter()
            .any(|(k, v)| *k == "x-descope-sdk-version" && v == SDK_VERSION));
    }

    #[test]
    fn keyless_config_needs_a_base_url_and_sends_no_bearer() {
        let err = Config::build("P2abc".into(), None, None).unwrap_err();
        assert!(err.to_string().contains("managementKey"), "{err}");
        let c = Config::build("P2abc".into(), None, Some("https://admin.example".into())).unwrap();
        assert_eq!(c.authorization(), None);
        assert!(c.headers().iter().all(|(k, _)| *k != "Authorization"));
    }

    #[test]
    fn a_host_supplied_key_is_used_per_call() {
        let c = Config::with_key_from_host("P2abc".into(), None).unwrap();
        assert!(c.has_management_key());
        assert_eq!(c.base_url(), DEFAULT_BASE_URL);
        assert!(c.headers().iter().all(|(k, _)| *k != "Authorization"));
        let h = c.headers_with_key(Some("K2now"));
        assert_eq!(h[0], ("Authorization", "Bearer P2abc:K2now".to_string()));
    }

    #[test]
    fn bad_project_ids_are_named() {
        for id in [
            "",
            "  ",
            "a:b",
            "a b",
            "Pco/x",
            "Pco/x2aAc4T2V93bddihGEx2Ryhc8e5Z",
            "Pev@l2aAc4T2V93bddihGEx2Ryhc8e5Z",
            "P2abc.evil",
            "P2abc#",
            "P2é",
        ] {
            let err = Config::new(id, "k").unwrap_err();
            assert_eq!(err.argument(), Some("projectId"), "{id:?}: {err}");
        }
    }

    #[test]
    fn a_project_id_never_picks_another_host() {
        // Reproduced by the review: `Pco/x…` made `https://api.co/x.descope.com`.
        let err = Config::new("Pco/x2aAc4T2V93bddihGEx2Ryhc8e5Z", "k").unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
        let err = Config::with_key_from_host("Pco/x2aAc4T2V93bddihGEx2Ryhc8e5Z".into(), None)
            .unwrap_err();
        assert_eq!(err.argument(), Some("projectId"));
    }

    #[test]
    fn base_urls_are_absolute_http_without_user_info_query_or_fragment() {
        for good in [
            "https://api.descope.com",
            "http://127.0.0.1:8791/",
            "https://proxy.example/descope",
            "http://[::1]:8080",
            "http://localhost",
        ] {
            let c = Config::new("P2abc", "k").unwrap().with_base_url(good);
            assert!(c.is_ok(), "{good}: {c:?}");
        }
        for bad in [
            "api.descope.com",
            "ftp://x",
            "https://",
            "https:///path",
            "https://user:pw@api.descope.com",
            "https://api.descope.com@evil.example",
            "https://api.descope.com?x=1",
            "https://api.descope.com#frag",
            "https://api.descope.com:port",
            "https://api descope.com",
            "https://api.descope.com\\@evil",
            "//api.descope.com",
        ] {
            let err = Config::new("P2abc", "k")
                .unwrap()
                .with_base_url(bad)
                .unwrap_err();
            assert_eq!(err.argument(), Some("baseUrl"), "{bad}");
            let err = Config::build("P2abc".into(), None, Some(bad.into())).unwrap_err();
            assert_eq!(err.argument(), Some("baseUrl"), "{bad}");
        }
    }
}
