//! wasm-bindgen tests in headless Chromium (`wasm-pack test --headless --chrome`) against
//! the emulator (which sends CORS headers).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("wasm/common.rs");
