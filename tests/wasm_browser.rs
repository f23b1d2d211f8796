//! wasm-bindgen tests in headless Chromium (`wasm-pack test --headless --chrome`) against
//! the emulator (which sends CORS headers).
#![cfg(all(target_arch = "wasm32", feature = "js"))]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("wasm/common.rs");
