//! wasm-bindgen tests in Node (`wasm-pack test --node`) against the emulator.
#![cfg(target_arch = "wasm32")]

include!("wasm/common.rs");
