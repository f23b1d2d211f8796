//! Response and error decoding: any status, `Retry-After` and body must decode to a value
//! or an error, never a panic (in wasm a panic kills the instance).
#![no_main]

use descope_mgmt::api::{decode_output, Unwrap};
use descope_mgmt::error::{decode_error_response, SNIPPET_LIMIT};
use descope_mgmt::models::{BatchResponse, CustomAttribute, SearchResponse, TrustedDevice, User, UserHistory};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(3));
    let status = 400 + u16::from(head.first().copied().unwrap_or(0)) % 200;
    let retry_after = head.get(1..).map(String::from_utf8_lossy);
    let err = decode_error_response(status, retry_after.as_deref(), body, "K2fuzz-fake-key-0123456789");
    assert!(!format!("{err:?}").contains("K2fuzz-fake-key-0123456789"));
    assert_eq!(err.status(), status);
    if let descope_mgmt::Error::Http { snippet, .. } = &err {
        assert!(snippet.chars().count() <= SNIPPET_LIMIT + 1);
    }
    let _ = err.to_string();
    if let Ok(text) = std::str::from_utf8(body) {
        let _ = decode_output::<User>(text, Unwrap::Key("user"));
        let _ = decode_output::<SearchResponse>(text, Unwrap::Whole);
        let _ = decode_output::<BatchResponse>(text, Unwrap::Whole);
        let _ = decode_output::<Vec<UserHistory>>(text, Unwrap::Whole);
        let _ = decode_output::<Vec<TrustedDevice>>(text, Unwrap::Key("devices"));
        let _ = decode_output::<Vec<CustomAttribute>>(text, Unwrap::Key("data"));
    }
});
