//! The engine: any JSON arguments to any catalogue row give a request or an
//! `invalid_argument` error naming an argument, never a panic.
#![no_main]

use descope_mgmt::api::catalogue::GROUPS;
use descope_mgmt::api::engine;
use descope_mgmt::api::value::Arg;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let rows: Vec<_> = GROUPS.iter().flat_map(|(_, rows)| rows.iter()).collect();
    let row = rows[usize::from(pick) % rows.len()];
    let Ok(serde_json::Value::Array(args)) = serde_json::from_slice::<serde_json::Value>(rest) else { return };
    if let Err(e) = engine::build(row, &Arg::list(&args)) {
        assert_eq!(e.code(), "invalid_argument");
        assert!(e.argument().is_some());
    }
});
