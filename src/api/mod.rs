//! Requests: the [`catalogue`] of endpoints, the [`engine`] that turns a row and its
//! arguments into a plain [`Request`] value, and the decoding of answers. The wasm
//! transport sends requests; native tests compare them with the conformance vectors.

pub mod answer;
pub mod catalogue;
pub mod engine;
// The packed catalogue: only the npm build (and its test) reads it.
#[cfg(any(all(target_arch = "wasm32", feature = "js"), test))]
pub mod packed;
pub mod pager;
#[cfg(any(all(target_arch = "wasm32", feature = "js"), test))]
mod table;
pub mod value;

use serde::de::DeserializeOwned;

use crate::error::Error;

/// `text` with every `pattern` replaced by `with`. By hand: `str::replace` brings the
/// two-way string searcher (2 KB) into the wasm, for patterns of a few bytes.
pub(crate) fn replace_all(text: &str, pattern: &str, with: &str) -> String {
    let (t, p) = (text.as_bytes(), pattern.as_bytes());
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    while !p.is_empty() && i + p.len() <= t.len() {
        if t.get(i..i + p.len()) == Some(p) {
            out.push_str(text.get(copied..i).unwrap_or_default());
            out.push_str(with);
            i += p.len();
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// HTTP methods the management API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

/// Which part of a 2xx answer the caller gets (what node-sdk puts in `data`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unwrap {
    /// The value under this key, such as `user` of `{ "user": … }`.
    Key(&'static str),
    /// The whole answer.
    Whole,
    /// Only these keys of the answer (node-sdk's `({ users, total })`).
    Pick(&'static [&'static str]),
    /// Nothing (`undefined` in JavaScript).
    Void,
    /// The `audits` of the answer, each record as node-sdk reshapes it (`occurred` a
    /// number, `externalIds` renamed `loginIds`): `audit.search`.
    Audits,
    /// `{ audits, total }`, the records reshaped as for [`Unwrap::Audits`]: `audit.searchAll`.
    AuditPage,
    /// An SSO settings envelope as node-sdk reshapes it (the OIDC `userAttrMapping` named
    /// `attributeMapping`, the SAML `groupsMapping` flattened to `{ groups, roleName }`).
    SsoSettings,
    /// The `SSOSettings` of the answer, each reshaped as for [`Unwrap::SsoSettings`].
    SsoSettingsList,
    /// The `projects` of the answer, each with only `id`, `name`, `environment` and `tags`
    /// (`project.listProjects`).
    Projects,
    /// The `resources` of the answer (IDs), each as `{ resource }`
    /// (`authz.whatCanTargetAccessWithRelation`).
    Resources,
}

/// One HTTP request, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// HTTP method.
    pub method: Method,
    /// Path, starting with `/v1` or `/v2`, its parameters filled in and percent-encoded.
    pub path: String,
    /// Query parameters, in order.
    pub query: Vec<(&'static str, String)>,
    /// JSON body, when the method carries one.
    pub body: Option<String>,
    /// What to hand back from the answer.
    pub unwrap: Unwrap,
    /// Whether sending it twice is harmless. Calls that create (their rows say so) are
    /// not: they are never re-sent after 520, 524 or a network error.
    pub idempotent: bool,
    /// Whether the answer holds a secret (a cleartext, a token): an answer that cannot be
    /// decoded is then reported without any of its text.
    pub secret: bool,
}

impl Request {
    /// A request without a body.
    pub fn bodiless(method: Method, path: &'static str, unwrap: Unwrap) -> Self {
        Self {
            method,
            path: path.to_string(),
            query: Vec::new(),
            body: None,
            unwrap,
            idempotent: true,
            secret: false,
        }
    }

    /// Adds a query parameter.
    pub fn with_query(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.query.push((key, value.into()));
        self
    }

    /// The full URL under `base_url` (no trailing slash), with the query encoded like
    /// JavaScript's `encodeURIComponent`.
    pub fn url(&self, base_url: &str) -> String {
        let mut url = String::with_capacity(base_url.len() + self.path.len() + 32);
        url.push_str(crate::text::trim_slashes(base_url));
        url.push_str(&self.path);
        for (i, (key, value)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(key);
            url.push('=');
            encode_component(value, &mut url);
        }
        url
    }
}

/// Percent-encodes like `encodeURIComponent`.
pub(crate) fn encode_component(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(char::from(byte)),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
        }
    }
}

/// Decodes the part of a 2xx answer that `unwrap` selects into `T`, naming the JSON path
/// that failed.
pub fn decode_output<T: DeserializeOwned>(body: &str, unwrap: Unwrap) -> Result<T, Error> {
    decode_answer(body, unwrap, false)
}

/// Decodes the answer of `request` (see [`decode_output`]); an answer that holds a secret
/// fails with none of its text.
pub fn decode_request<T: DeserializeOwned>(body: &str, request: &Request) -> Result<T, Error> {
    decode_answer(body, request.unwrap, request.secret)
}

fn decode_answer<T: DeserializeOwned>(
    body: &str,
    unwrap: Unwrap,
    secret: bool,
) -> Result<T, Error> {
    let snippet = || {
        if secret {
            String::new()
        } else {
            crate::error::snippet(body, "")
        }
    };
    let decode_error = |path: String, message: String| Error::Decode {
        path,
        message,
        snippet: snippet(),
    };
    let value = match unwrap {
        Unwrap::Void => serde_json::Value::Null,
        _ => serde_json::from_str::<serde_json::Value>(body).map_err(|e| {
            let message = if secret {
                "not JSON".to_string()
            } else {
                e.to_string()
            };
            decode_error(String::from("."), message)
        })?,
    };
    let value = match unwrap {
        Unwrap::Void => value,
        _ => answer::select(value::Arg::Json(value), unwrap)
            .map_err(|e| match e {
                Error::Decode { path, message, .. } => decode_error(path, message),
                other => other,
            })?
            .into_value(),
    };
    let prefix = answer::prefix(unwrap);
    serde_path_to_error::deserialize(value).map_err(|e| {
        let inner = e.path().to_string();
        let path = if prefix.is_empty() {
            inner
        } else {
            join_path(prefix, &inner)
        };
        // serde's message may quote the value it met: not for an answer holding a secret.
        let message = if secret {
            "does not have the expected type".to_string()
        } else {
            e.into_inner().to_string()
        };
        decode_error(path, message)
    })
}

/// `name` followed by a serde path (`.`, `[0]`, `tags[1]`).
fn join_path(name: &str, path: &str) -> String {
    match path {
        "." => name.to_string(),
        p if p.starts_with('[') => format!("{name}{p}"),
        p => format!("{name}.{p}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn replace_all_replaces_every_occurrence_and_only_those() {
        use super::replace_all;
        assert_eq!(
            replace_all("/a/{id}/b/{id}", "{id}", "x%2Fy"),
            "/a/x%2Fy/b/x%2Fy"
        );
        assert_eq!(replace_all("aaa", "aa", "b"), "ba");
        assert_eq!(replace_all("ключ K1 ключ", "ключ", "-"), "- K1 -");
        assert_eq!(replace_all("abc", "", "x"), "abc");
        assert_eq!(replace_all("ab", "abc", "x"), "ab");
    }

    use super::*;
    use crate::models::User;

    #[test]
    fn url_encodes_query_like_encode_uri_component() {
        let r = Request::bodiless(Method::Get, "/v1/mgmt/user", Unwrap::Key("user"))
            .with_query("loginId", "ann+1@example.com/é x");
        assert_eq!(
            r.url("http://127.0.0.1:1/"),
            "http://127.0.0.1:1/v1/mgmt/user?loginId=ann%2B1%40example.com%2F%C3%A9%20x"
        );
    }

    #[test]
    fn an_answer_holding_a_secret_is_never_quoted() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Key {
            cleartext: bool,
        }
        let mut req = Request::bodiless(Method::Post, "/v1/mgmt/accesskey/rotate", Unwrap::Whole);
        for body in [
            r#"{"key":{"id":"K1"},"cleartext":"K1:sEcReT"#,
            r#"{"cleartext":"K1:sEcReT"}"#,
        ] {
            req.secret = false;
            let shown = format!("{:?}", decode_request::<Key>(body, &req).unwrap_err());
            assert!(shown.contains("sEcReT"), "the check must see it: {shown}");
            req.secret = true;
            let err = decode_request::<Key>(body, &req).unwrap_err();
            let shown = format!("{err:?} {err}");
            assert!(
                !shown.contains("sEcReT") && !shown.contains("K1"),
                "{shown}"
            );
            assert_eq!(err.code(), "decode_error");
        }
    }

    #[test]
    fn decode_output_names_the_failing_path() {
        let user: User = decode_output(r#"{"user":{"name":"foo"}}"#, Unwrap::Key("user")).unwrap();
        assert_eq!(user.name.as_deref(), Some("foo"));
        let err =
            decode_output::<User>(r#"{"user":{"loginIds":[1]}}"#, Unwrap::Key("user")).unwrap_err();
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "user.loginIds[0]"),
            "{err:?}"
        );
        let err = decode_output::<User>(r#"{"users":[]}"#, Unwrap::Key("user")).unwrap_err();
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "user"),
            "{err:?}"
        );
        let err = decode_output::<User>("<html>", Unwrap::Key("user")).unwrap_err();
        assert_eq!(err.code(), "decode_error");
        decode_output::<()>("{}", Unwrap::Void).unwrap();
    }
}
