//! wasm-bindgen tests in Node (`wasm-pack test --node`) against the emulator.
#![cfg(all(target_arch = "wasm32", feature = "js"))]

include!("wasm/common.rs");
