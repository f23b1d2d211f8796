//! The crate's one error type, and the decoding of non-2xx answers.

use std::fmt;

use serde::Deserialize;

/// How much of an unexpected body an error keeps (characters).
pub const SNIPPET_LIMIT: usize = 256;

/// What a scrubbed secret is replaced with.
pub const REDACTED: &str = "<redacted>";

/// The shortest piece of a secret that is scrubbed on its own: a body cut mid-key (by us
/// or by whoever sent it) must not leave a usable part of the key behind.
pub const SECRET_PIECE: usize = 8;

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
        /// What the runtime said, with the code of its cause (`ECONNREFUSED`) when it has one.
        message: String,
        /// The runtime's own error, handed to JavaScript callers as `err.cause`.
        cause: Cause,
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

/// The runtime's error behind an [`Error::Network`] (on wasm32, the JavaScript value the
/// fetch rejected with). It takes no part in comparisons and is never printed.
#[derive(Clone, Default)]
pub struct Cause {
    #[cfg(target_arch = "wasm32")]
    pub(crate) js: Option<wasm_bindgen::JsValue>,
}

impl Cause {
    /// No cause known.
    pub fn none() -> Self {
        Self::default()
    }

    /// The JavaScript value the fetch rejected with (wasm32).
    #[cfg(target_arch = "wasm32")]
    pub fn js_value(&self) -> Option<&wasm_bindgen::JsValue> {
        self.js.as_ref()
    }
}

impl PartialEq for Cause {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cause(..)")
    }
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
        // Concatenated, not `format!`: the npm wasm then has no `core::fmt` (see `decimal`).
        match self {
            Self::Api { description, .. } => description.clone(),
            Self::Http {
                status, snippet, ..
            } if snippet.is_empty() => crate::text::cat(&[
                "HTTP ",
                &crate::text::decimal(*status),
                " with an empty body",
            ]),
            Self::Http {
                status, snippet, ..
            } => {
                // Quoted by hand: `{:?}` would bring str's Debug (and its Unicode tables) into
                // the wasm.
                let status = crate::text::decimal(*status);
                crate::text::cat(&[
                    "HTTP ",
                    &status,
                    " with a body that is not a Descope error: \"",
                    snippet,
                    "\"",
                ])
            }
            Self::InvalidArgument { argument, reason } => {
                crate::text::cat(&[argument, " ", reason.as_str()])
            }
            Self::Network { message, .. } => {
                crate::text::cat(&["request failed: ", message.as_str()])
            }
            Self::Timeout { after_ms } => {
                crate::text::cat(&["no answer within ", &crate::text::decimal(*after_ms), " ms"])
            }
            Self::Aborted => "the request was aborted".into(),
            Self::Decode { path, message, .. } => {
                crate::text::cat(&["unexpected response at `", path, "`: ", message.as_str()])
            }
        }
    }

    /// The whole message, as `Display` writes it: `Descope [code] description`, then the
    /// service's message when it says more, then ` (HTTP status)`.
    pub fn message(&self) -> String {
        let mut out = crate::text::cat(&["Descope [", self.code(), "] ", &self.description()]);
        if let Self::Api {
            message: Some(m),
            description,
            ..
        } = self
        {
            if !m.is_empty() && m != description {
                out.push_str(": ");
                out.push_str(m);
            }
        }
        if self.status() != 0 {
            out.push_str(" (HTTP ");
            out.push_str(&crate::text::decimal(self.status()));
            out.push(')');
        }
        out
    }

    /// Seconds to wait before retrying, from `Retry-After`.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            Self::Api { retry_after, .. } | Self::Http { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The same error with `secret`, and every piece of it of [`SECRET_PIECE`] bytes or
    /// more, scrubbed from its text: for text that came from elsewhere (a body, a runtime
    /// message) and might echo the key.
    pub fn redact(self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        let clean = |s: String| scrub(&s, secret);
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
            Self::Network { message, cause } => Self::Network {
                message: clean(message),
                cause,
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
        f.write_str(&self.message())
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

/// `text` with `secret` and every piece of it of [`SECRET_PIECE`] bytes or more replaced
/// by [`REDACTED`]. A secret shorter than a piece is replaced only whole.
pub fn scrub(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        return text.to_string();
    }
    if secret.len() < SECRET_PIECE {
        return crate::api::replace_all(text, secret, REDACTED);
    }
    let word = |w: &[u8]| {
        let mut b = [0u8; SECRET_PIECE];
        b.copy_from_slice(w);
        u64::from_le_bytes(b)
    };
    // Every piece of the key as a number, sorted: a lookup per position of the text.
    let mut pieces: Vec<u64> = secret.as_bytes().windows(SECRET_PIECE).map(word).collect();
    // Insertion sort: a key has a few dozen pieces, and the library sort is 3 KB of wasm.
    for i in 1..pieces.len() {
        let mut j = i;
        while j > 0 && pieces[j - 1] > pieces[j] {
            pieces.swap(j - 1, j);
            j -= 1;
        }
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut covered_to) = (0, 0);
    let mut start = None;
    for (i, w) in bytes.windows(SECRET_PIECE).enumerate() {
        if pieces.binary_search(&word(w)).is_ok() {
            start.get_or_insert(i);
            covered_to = i + SECRET_PIECE;
        } else if let Some(from) = start.filter(|_| i >= covered_to) {
            copy_redacted(text, &mut out, &mut copied, from, covered_to);
            start = None;
        }
    }
    if let Some(from) = start {
        copy_redacted(text, &mut out, &mut copied, from, covered_to);
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// Appends `text[copied..from]` and a [`REDACTED`] for `from..to`, widened to whole
/// characters (a secret with non-ASCII bytes may match part of one).
fn copy_redacted(text: &str, out: &mut String, copied: &mut usize, from: usize, to: usize) {
    let mut from = from.max(*copied);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = to.min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    out.push_str(text.get(*copied..from).unwrap_or_default());
    out.push_str(REDACTED);
    *copied = to;
}

/// The fields of a Descope error body (`errorCode`, `errorDescription`, `errorMessage`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorFields {
    /// `errorCode` (`""` when absent).
    pub code: String,
    /// `errorDescription`.
    pub description: String,
    /// `errorMessage`.
    pub message: Option<String>,
}

/// Reads `body` as a Descope error body (natively, with serde_json; the wasm transport
/// reads it with `JSON.parse` instead and calls [`decode_error_parts`]).
pub fn parse_error_body(body: &[u8]) -> Option<ErrorFields> {
    serde_json::from_slice::<ErrorBody>(body)
        .ok()
        .map(|b| ErrorFields {
            code: b.error_code,
            description: b.error_description,
            message: b.error_message,
        })
}

/// Turns a non-2xx answer into an error: a Descope error body becomes [`Error::Api`],
/// anything else [`Error::Http`] with a bounded snippet of the body. `secret` (the key
/// the request carried) is scrubbed from the whole body before anything is cut from it.
pub fn decode_error_response(
    status: u16,
    retry_after: Option<&str>,
    body: &[u8],
    secret: &str,
) -> Error {
    let text = String::from_utf8_lossy(body);
    decode_error_parts(status, retry_after, parse_error_body(body), &text, secret)
}

/// [`decode_error_response`] with the body already read as text, and as `fields` (when it
/// parsed as an object).
pub fn decode_error_parts(
    status: u16,
    retry_after: Option<&str>,
    fields: Option<ErrorFields>,
    body: &str,
    secret: &str,
) -> Error {
    let retry_after = parse_retry_after(retry_after);
    if let Some(parsed) = fields.filter(|f| !f.code.is_empty()) {
        let description = if parsed.description.is_empty() {
            "Server error".to_string()
        } else {
            parsed.description
        };
        return Error::Api {
            status,
            code: parsed.code,
            description,
            message: parsed.message.filter(|m| !m.is_empty()),
            retry_after,
        }
        .redact(secret);
    }
    Error::Http {
        status,
        snippet: snippet(body, secret),
        retry_after,
    }
}

/// The first [`SNIPPET_LIMIT`] characters of a body read as text (natively, lossily
/// decoded; the wasm transport reads it in JavaScript), after `secret` is scrubbed from all
/// of it (so that a key straddling the cut leaves no piece behind).
pub fn snippet(body: &str, secret: &str) -> String {
    let text = scrub(body, secret);
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
    fn display_is_the_message() {
        let api = Error::Api {
            status: 404,
            code: "E112102".into(),
            description: "User not found".into(),
            message: Some("no user with that login ID".into()),
            retry_after: None,
        };
        assert_eq!(
            api.to_string(),
            "Descope [E112102] User not found: no user with that login ID (HTTP 404)"
        );
        assert_eq!(api.message(), api.to_string());
        let bad = Error::invalid_argument("options.timeoutMs", "must be a number");
        assert_eq!(
            bad.to_string(),
            "Descope [invalid_argument] options.timeoutMs must be a number"
        );
    }

    #[test]
    fn descope_error_body_is_decoded() {
        let body = br#"{"errorCode":"E112102","errorDescription":"User not found","errorMessage":"no user with that login ID"}"#;
        let err = decode_error_response(400, None, body, "");
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
        let err = decode_error_response(429, Some(" 10 "), body, "");
        assert_eq!(err.retry_after(), Some(10));
        assert_eq!(err.code(), "E130429");
    }

    #[test]
    fn html_empty_truncated_and_binary_bodies_keep_status_and_snippet() {
        let html = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
        let err = decode_error_response(502, None, html, "");
        assert_eq!((err.status(), err.code()), (502, codes::HTTP_ERROR));
        assert!(err.to_string().contains("502 Bad Gateway"), "{err}");

        let err = decode_error_response(500, None, b"", "");
        assert_eq!(err.description(), "HTTP 500 with an empty body");

        let err = decode_error_response(503, None, br#"{"errorCode":"E1"#, "");
        assert_eq!(err.code(), codes::HTTP_ERROR);
        assert!(err.description().contains("errorCode"));

        let err = decode_error_response(500, None, &[0xff, 0xfe, b'x'], "");
        assert!(err.description().contains('x'));
    }

    #[test]
    fn redact_removes_an_echoed_key_everywhere() {
        let key = "K2secret-fake-key";
        let echoed = format!("<html>Bearer P2x:{key}</html>");
        for err in [
            decode_error_response(502, None, echoed.as_bytes(), ""),
            decode_error_response(
                400,
                None,
                format!(
                    r#"{{"errorCode":"E1","errorDescription":"{key}","errorMessage":"{key}"}}"#
                )
                .as_bytes(),
                "",
            ),
            Error::Network {
                message: echoed.clone(),
                cause: Cause::none(),
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

    /// No piece of `key` of [`SECRET_PIECE`] bytes is in any text of `err`.
    fn assert_no_piece(err: &Error, key: &str) {
        let texts = format!("{err} {err:?} {}", err.description());
        for piece in key.as_bytes().windows(SECRET_PIECE) {
            let piece = std::str::from_utf8(piece).unwrap();
            assert!(!texts.contains(piece), "{piece:?} left in {texts}");
        }
    }

    #[test]
    fn a_key_straddling_the_cut_leaves_no_piece() {
        // A 502 page echoing the request's Authorization header, with the key at every
        // offset around the 256-character cut.
        let key = "K2AbCdEfGhIjKlMnOpQrStUvWxYz0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ01";
        for offset in (SNIPPET_LIMIT - key.len() - 8)..(SNIPPET_LIMIT + 8) {
            let body = format!("{}{key}{}", "x".repeat(offset), "y".repeat(300));
            let err = decode_error_response(502, None, body.as_bytes(), key);
            assert_no_piece(&err, key);
            assert_eq!(err.status(), 502);
            // Also when only the final redaction runs (a body that was cut elsewhere).
            let cut: String = body.chars().take(SNIPPET_LIMIT).collect();
            let err = Error::Http {
                status: 502,
                snippet: cut,
                retry_after: None,
            }
            .redact(key);
            assert_no_piece(&err, key);
        }
        let json = format!(
            r#"{{"errorCode":"E1","errorDescription":"{}{}","errorMessage":"m"}}"#,
            "d".repeat(250),
            &key[..40]
        );
        assert_no_piece(&decode_error_response(400, None, json.as_bytes(), key), key);
    }

    #[test]
    fn scrub_keeps_everything_else() {
        let key = "K2-0123456789";
        assert_eq!(scrub("a K2-0123456789 b", key), "a <redacted> b");
        assert_eq!(scrub("K2-01234 and 3456789", key), "<redacted> and 3456789");
        assert_eq!(scrub("é0123456789é", key), "é<redacted>é");
        assert_eq!(scrub("short", key), "short");
        assert_eq!(
            scrub("no key here at all, none", key),
            "no key here at all, none"
        );
        assert_eq!(scrub("xK2-0123456789K2-0123456789x", key), "x<redacted>x");
        assert_eq!(scrub("abc", "abc"), REDACTED);
        assert_eq!(scrub("ab", ""), "ab");
    }

    #[test]
    fn long_bodies_are_cut() {
        let body = "a".repeat(10_000);
        let Error::Http { snippet, .. } = decode_error_response(500, None, body.as_bytes(), "")
        else {
            panic!("expected Http");
        };
        assert_eq!(snippet.chars().count(), SNIPPET_LIMIT + 1);
    }

    #[test]
    fn empty_error_code_is_not_a_descope_error() {
        let err =
            decode_error_response(400, None, br#"{"errorCode":"","errorDescription":"x"}"#, "");
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
