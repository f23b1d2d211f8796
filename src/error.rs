//! The crate's one error type, and the decoding of non-2xx answers.

use std::fmt;

use serde::Deserialize;

/// How much of an unexpected body an error keeps (characters).
pub const SNIPPET_LIMIT: usize = 256;

/// Every way a call can fail.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// Descope answered with its error body (`errorCode`, `errorDescription`, `errorMessage`).
    Api {
        /// HTTP status.
        status: u16,
        /// Descope error code, such as `E112102`.
        code: String,
        /// `errorDescription`.
        description: String,
        /// `errorMessage`, when sent.
        message: Option<String>,
        /// Seconds from `Retry-After` (on 429).
        retry_after: Option<u32>,
    },
    /// A non-2xx answer whose body is not a Descope error (HTML, empty, truncated, not UTF-8).
    Http {
        /// HTTP status.
        status: u16,
        /// The start of the body, lossily decoded.
        snippet: String,
        /// Seconds from `Retry-After`, when sent.
        retry_after: Option<u32>,
    },
    /// An argument was rejected before anything was sent.
    InvalidArgument {
        /// The argument's name, as in the JavaScript signature (`loginIdOrUserId`, `options.email`).
        argument: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The request could not be sent or its answer not read.
    Network {
        /// What the runtime said.
        message: String,
    },
    /// No answer within the timeout.
    Timeout {
        /// The timeout that ran out.
        after_ms: u32,
    },
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// A 2xx answer that is not the expected shape.
    Decode {
        /// The JSON path that failed, such as `user` or `users[3].loginIds`.
        path: String,
        /// What was wrong there.
        message: String,
        /// The start of the body.
        snippet: String,
    },
}

/// Client-side error codes (Descope's own codes start with `E`).
pub mod codes {
    /// See [`super::Error::InvalidArgument`].
    pub const INVALID_ARGUMENT: &str = "invalid_argument";
    /// See [`super::Error::Http`].
    pub const HTTP_ERROR: &str = "http_error";
    /// See [`super::Error::Network`].
    pub const NETWORK_ERROR: &str = "network_error";
    /// See [`super::Error::Timeout`].
    pub const TIMEOUT: &str = "timeout";
    /// See [`super::Error::Aborted`].
    pub const ABORTED: &str = "aborted";
    /// See [`super::Error::Decode`].
    pub const DECODE_ERROR: &str = "decode_error";
}

impl Error {
    /// An [`Error::InvalidArgument`].
    pub fn invalid_argument(argument: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidArgument {
            argument: argument.into(),
            reason: reason.into(),
        }
    }

    /// The HTTP status, or 0 when no answer came.
    pub fn status(&self) -> u16 {
        match self {
            Self::Api { status, .. } | Self::Http { status, .. } => *status,
            Self::Decode { .. } => 200,
            _ => 0,
        }
    }

    /// The Descope error code (`E…`) or a client code from [`codes`].
    pub fn code(&self) -> &str {
        match self {
            Self::Api { code, .. } => code,
            Self::Http { .. } => codes::HTTP_ERROR,
            Self::InvalidArgument { .. } => codes::INVALID_ARGUMENT,
            Self::Network { .. } => codes::NETWORK_ERROR,
            Self::Timeout { .. } => codes::TIMEOUT,
            Self::Aborted => codes::ABORTED,
            Self::Decode { .. } => codes::DECODE_ERROR,
        }
    }

    /// A one-line description without the code and status.
    pub fn description(&self) -> String {
        match self {
            Self::Api { description, .. } => description.clone(),
            Self::Http {
                status, snippet, ..
            } if snippet.is_empty() => {
                format!("HTTP {status} with an empty body")
            }
            Self::Http {
                status, snippet, ..
            } => {
                format!("HTTP {status} with a body that is not a Descope error: {snippet:?}")
            }
            Self::InvalidArgument { argument, reason } => format!("{argument} {reason}"),
            Self::Network { message } => format!("request failed: {message}"),
            Self::Timeout { after_ms } => format!("no answer within {after_ms} ms"),
            Self::Aborted => "the request was aborted".to_string(),
            Self::Decode { path, message, .. } => {
                format!("unexpected response at `{path}`: {message}")
            }
        }
    }

    /// Seconds to wait before retrying, from `Retry-After`.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            Self::Api { retry_after, .. } | Self::Http { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The same error with every occurrence of `secret` in its text replaced, for text that
    /// came from elsewhere (a body, a runtime message) and might echo the key.
    pub fn redact(self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        let clean = |s: String| s.replace(secret, "<redacted>");
        match self {
            Self::Api {
                status,
                code,
                description,
                message,
                retry_after,
            } => Self::Api {
                status,
                code: clean(code),
                description: clean(description),
                message: message.map(clean),
                retry_after,
            },
            Self::Http {
                status,
                snippet,
                retry_after,
            } => Self::Http {
                status,
                snippet: clean(snippet),
                retry_after,
            },
            Self::Network { message } => Self::Network {
                message: clean(message),
            },
            Self::Decode {
                path,
                message,
                snippet,
            } => Self::Decode {
                path: clean(path),
                message: clean(message),
                snippet: clean(snippet),
            },
            Self::InvalidArgument { argument, reason } => Self::InvalidArgument {
                argument: clean(argument),
                reason: clean(reason),
            },
            other => other,
        }
    }

    /// The argument an [`Error::InvalidArgument`] names.
    pub fn argument(&self) -> Option<&str> {
        match self {
            Self::InvalidArgument { argument, .. } => Some(argument),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Descope [{}] {}", self.code(), self.description())?;
        if let Self::Api {
            message: Some(m),
            description,
            ..
        } = self
        {
            if !m.is_empty() && m != description {
                write!(f, ": {m}")?;
            }
        }
        match self.status() {
            0 => Ok(()),
            s => write!(f, " (HTTP {s})"),
        }
    }
}

impl std::error::Error for Error {}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    #[serde(default)]
    error_code: String,
    #[serde(default)]
    error_description: String,
    #[serde(default)]
    error_message: Option<String>,
}

/// Parses `Retry-After` as whole seconds (HTTP dates are not used by Descope).
pub fn parse_retry_after(value: Option<&str>) -> Option<u32> {
    value.and_then(|v| v.trim().parse::<u32>().ok())
}

/// Turns a non-2xx answer into an error: a Descope error body becomes [`Error::Api`],
/// anything else [`Error::Http`] with a bounded snippet of the body.
pub fn decode_error_response(status: u16, retry_after: Option<&str>, body: &[u8]) -> Error {
    let retry_after = parse_retry_after(retry_after);
    if let Ok(parsed) = serde_json::from_slice::<ErrorBody>(body) {
        if !parsed.error_code.is_empty() {
            let description = if parsed.error_description.is_empty() {
                "Server error".to_string()
            } else {
                parsed.error_description
            };
            return Error::Api {
                status,
                code: parsed.error_code,
                description,
                message: parsed.error_message.filter(|m| !m.is_empty()),
                retry_after,
            };
        }
    }
    Error::Http {
        status,
        snippet: snippet(body),
        retry_after,
    }
}

/// The first [`SNIPPET_LIMIT`] characters of a body, lossily decoded.
pub fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(SNIPPET_LIMIT).collect();
    if text.chars().nth(SNIPPET_LIMIT).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descope_error_body_is_decoded() {
        let body = br#"{"errorCode":"E112102","errorDescription":"User not found","errorMessage":"no user with that login ID"}"#;
        let err = decode_error_response(400, None, body);
        assert_eq!(err.code(), "E112102");
        assert_eq!(err.status(), 400);
        assert_eq!(err.description(), "User not found");
        assert_eq!(
            err.to_string(),
            "Descope [E112102] User not found: no user with that login ID (HTTP 400)"
        );
    }

    #[test]
    fn rate_limit_keeps_retry_after() {
        let body = br#"{"errorCode":"E130429","errorDescription":"https://docs.descope.com/rate-limit","errorMessage":"API rate limit exceeded."}"#;
        let err = decode_error_response(429, Some(" 10 "), body);
        assert_eq!(err.retry_after(), Some(10));
        assert_eq!(err.code(), "E130429");
    }

    #[test]
    fn html_empty_truncated_and_binary_bodies_keep_status_and_snippet() {
        let html = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
        let err = decode_error_response(502, None, html);
        assert_eq!((err.status(), err.code()), (502, codes::HTTP_ERROR));
        assert!(err.to_string().contains("502 Bad Gateway"), "{err}");

        let err = decode_error_response(500, None, b"");
        assert_eq!(err.description(), "HTTP 500 with an empty body");

        let err = decode_error_response(503, None, br#"{"errorCode":"E1"#);
        assert_eq!(err.code(), codes::HTTP_ERROR);
        assert!(err.description().contains("errorCode"));

        let err = decode_error_response(500, None, &[0xff, 0xfe, b'x']);
        assert!(err.description().contains('x'));
    }

    #[test]
    fn redact_removes_an_echoed_key_everywhere() {
        let key = "K2secret-fake-key";
        let echoed = format!("<html>Bearer P2x:{key}</html>");
        for err in [
            decode_error_response(502, None, echoed.as_bytes()),
            decode_error_response(
                400,
                None,
                format!(
                    r#"{{"errorCode":"E1","errorDescription":"{key}","errorMessage":"{key}"}}"#
                )
                .as_bytes(),
            ),
            Error::Network {
                message: echoed.clone(),
            },
            Error::Decode {
                path: ".".into(),
                message: key.into(),
                snippet: echoed.clone(),
            },
        ] {
            let clean = err.redact(key);
            assert!(
                !format!("{clean} {clean:?} {}", clean.description()).contains(key),
                "{clean:?}"
            );
        }
    }

    #[test]
    fn long_bodies_are_cut() {
        let body = "a".repeat(10_000);
        let Error::Http { snippet, .. } = decode_error_response(500, None, body.as_bytes()) else {
            panic!("expected Http");
        };
        assert_eq!(snippet.chars().count(), SNIPPET_LIMIT + 1);
    }

    #[test]
    fn empty_error_code_is_not_a_descope_error() {
        let err = decode_error_response(400, None, br#"{"errorCode":"","errorDescription":"x"}"#);
        assert_eq!(err.code(), codes::HTTP_ERROR);
    }

    #[test]
    fn client_errors_have_status_zero_and_named_arguments() {
        let err = Error::invalid_argument("loginIdOrUserId", "must be a non-empty string");
        assert_eq!(err.status(), 0);
        assert_eq!(err.argument(), Some("loginIdOrUserId"));
        assert_eq!(
            err.to_string(),
            "Descope [invalid_argument] loginIdOrUserId must be a non-empty string"
        );
        assert_eq!(
            Error::Timeout { after_ms: 5 }.to_string(),
            "Descope [timeout] no answer within 5 ms"
        );
    }
}
