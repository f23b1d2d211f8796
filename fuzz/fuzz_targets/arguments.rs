//! Argument reading: any JSON arguments to any method give a request or an
//! `invalid_argument` error naming an argument, never a panic.
#![no_main]

use descope_mgmt::api::{user, JsonArgs};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let method = user::METHODS[usize::from(pick) % user::METHODS.len()];
    let Ok(serde_json::Value::Array(args)) = serde_json::from_slice::<serde_json::Value>(rest) else { return };
    if let Err(e) = user::prepare(method, &JsonArgs(&args)) {
        assert_eq!(e.code(), "invalid_argument");
        assert!(e.argument().is_some());
    }
});
