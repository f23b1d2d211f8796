//! A bounded property test of response and error decoding (the fuzz targets in `fuzz/`
//! run the same functions for as long as one likes): random and mutated bodies never
//! panic, and the errors keep their promises (status kept, snippet bounded, code set).

use descope_mgmt::api::value::Arg;
use descope_mgmt::api::{catalogue, decode_output, engine, Unwrap};
use descope_mgmt::error::{decode_error_response, SECRET_PIECE, SNIPPET_LIMIT};

/// A fake key that bodies sometimes echo.
const ECHOED_KEY: &str = "K2fakeEchoedKey-0123456789abcdefghijklmnopqrstuvwxyz";
use descope_mgmt::models::{BatchResponse, SearchResponse, User, UserHistory};
use serde_json::Value;

/// xorshift64*: deterministic, so a failure is reproducible from its iteration number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SEEDS: &[&str] = &[
    r#"{"user":{"userId":"U1","loginIds":["a"],"customAttributes":{"k":[1,"x",null]},"OAuth":{"g":true}}}"#,
    r#"{"users":[{"userId":"U1"},{"name":"n","createdTime":1700000000}],"total":2}"#,
    r#"{"createdUsers":[],"failedUsers":[{"failure":"f","user":{"loginIds":["x"]}}],"additionalErrors":{}}"#,
    r#"[{"userId":"U1","loginTime":1,"city":"Oslo"}]"#,
    r#"{"errorCode":"E112102","errorDescription":"User not found","errorMessage":"m"}"#,
    "<html><body>502 Bad Gateway</body></html>",
    "",
];

const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b",",
    b"null",
    b"-1e999",
    b"\\u0000",
    b"\xff",
    b"\xe2\x82",
];

fn mutate(rng: &mut Rng, mut body: Vec<u8>) -> Vec<u8> {
    for _ in 0..=rng.below(4) {
        match rng.below(4) {
            0 if !body.is_empty() => {
                let at = rng.below(body.len());
                body.truncate(at);
            }
            1 if !body.is_empty() => {
                let at = rng.below(body.len());
                body[at] = rng.next() as u8;
            }
            2 => {
                let at = rng.below(body.len() + 1);
                let token = TOKENS[rng.below(TOKENS.len())];
                body.splice(at..at, token.iter().copied());
            }
            _ => body.extend((0..rng.below(600)).map(|_| rng.next() as u8)),
        }
    }
    body
}

#[test]
fn decoding_random_bodies_never_panics_and_errors_keep_their_promises() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..20_000 {
        let seed = SEEDS[i % SEEDS.len()].as_bytes().to_vec();
        let body = if i % 5 == 0 {
            (0..rng.below(300)).map(|_| rng.next() as u8).collect()
        } else {
            mutate(&mut rng, seed)
        };
        let status = [400, 401, 404, 429, 500, 502, 503, 530][rng.below(8)];
        let retry = ["", "7", "x", "-1", "99999999999"][rng.below(5)];
        // Now and then the body echoes the key somewhere, as a proxy's error page might.
        let mut body = body;
        if i % 3 == 0 {
            let at = rng.below(body.len() + 1);
            body.splice(at..at, ECHOED_KEY.bytes());
        }
        let err = decode_error_response(status, Some(retry), &body, ECHOED_KEY);
        let shown = format!("{err} {err:?}");
        for piece in ECHOED_KEY.as_bytes().windows(SECRET_PIECE) {
            let piece = String::from_utf8_lossy(piece);
            assert!(
                !shown.contains(&*piece),
                "iteration {i}: {piece} in {shown}"
            );
        }
        assert_eq!(err.status(), status, "iteration {i}");
        assert!(!err.code().is_empty(), "iteration {i}");
        assert!(
            err.to_string().contains(&format!("HTTP {status}")),
            "iteration {i}"
        );
        if let descope_mgmt::Error::Http { snippet, .. } = &err {
            assert!(
                snippet.chars().count() <= SNIPPET_LIMIT + 1,
                "iteration {i}"
            );
        }
        let text = String::from_utf8_lossy(&body);
        let _ = decode_output::<User>(&text, Unwrap::Key("user"));
        let _ = decode_output::<SearchResponse>(&text, Unwrap::Whole);
        let _ = decode_output::<BatchResponse>(&text, Unwrap::Whole);
        let _ = decode_output::<Vec<UserHistory>>(&text, Unwrap::Whole);
        if let Err(e) = decode_output::<Vec<User>>(&text, Unwrap::Key("users")) {
            assert_eq!(e.code(), "decode_error", "iteration {i}");
        }
    }
}

#[test]
fn random_arguments_never_panic() {
    // Arguments as JSON values of every shape, for every method.
    let mut rng = Rng(42);
    let shapes: Vec<Value> = vec![
        Value::Null,
        Value::Bool(true),
        serde_json::json!(-1),
        serde_json::json!(1e300),
        serde_json::json!(""),
        serde_json::json!("id"),
        serde_json::json!([]),
        serde_json::json!(["a", 1, null]),
        serde_json::json!({}),
        serde_json::json!({"email": 1, "roles": "x", "customAttributes": {"k": {"deep": []}}}),
        serde_json::json!({"limit": -3, "statuses": ["nope"], "sort": [{"field": 1}]}),
        serde_json::json!([{"loginId": "a", "hashedPassword": {}}, {"loginIdOrUserId": ""}]),
    ];
    for i in 0..5_000 {
        let rows = catalogue::user::ROWS;
        let method = rows[rng.below(rows.len())].name;
        let args: Vec<Value> = (0..rng.below(7))
            .map(|_| shapes[rng.below(shapes.len())].clone())
            .collect();
        if let Err(e) = engine::prepare("user", method, &Arg::list(&args)) {
            assert_eq!(
                e.code(),
                "invalid_argument",
                "iteration {i}: {method} {args:?}: {e}"
            );
            assert!(
                e.argument().is_some_and(|a| !a.is_empty()),
                "iteration {i}: {e}"
            );
        }
    }
}
