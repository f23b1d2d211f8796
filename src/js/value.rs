//! The engine's [`Value`] over JavaScript values: arguments are read where they are, never
//! copied into Rust structures, and bodies are built as plain objects for `JSON.stringify`.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::value::{Kind, Value};
use crate::error::Error;

use crate::transport::{get, interned, json_stringify, put};

#[wasm_bindgen(module = "/src/js/attempt.js")]
extern "C" {
    // One call, where wasm-bindgen's checks take one per question (`is_undefined`,
    // `is_null`, `as_bool`…).
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of(v: &JsValue) -> u8;

    // `Value::filled` in one call, the text never copied into the wasm (`kindOf`'s
    // signature: no stub more for V8 to compile).
    fn filled(v: &JsValue) -> u8;
}

#[wasm_bindgen]
extern "C" {
    // `parseFloat` of a JavaScript string, its number read as a value: a value in and a
    // value out, the signature of imports the module has anyway (see "Imports" in
    // src/transport.rs), where a number out would be one of its own.
    #[wasm_bindgen(js_name = parseFloat)]
    fn parse_float_js(text: &JsValue) -> JsValue;
}

/// A JavaScript value the engine reads or builds.
#[derive(Clone, Debug)]
pub struct Js(pub JsValue);

impl Value for Js {
    fn kind(&self) -> Kind {
        // attempt.js's `kindOf` numbers them in this order.
        match kind_of(&self.0) {
            0 => Kind::Undefined,
            1 => Kind::Null,
            2 => Kind::Bool,
            3 => Kind::Number,
            4 => Kind::String,
            5 => Kind::Array,
            6 => Kind::Object,
            _ => Kind::Other,
        }
    }

    fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn filled(&self) -> bool {
        filled(&self.0) != 0
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn time(&self) -> Option<f64> {
        self.0
            .dyn_ref::<js_sys::Date>()
            .and_then(|d| crate::transport::time_of(d).as_f64())
    }

    fn items(&self) -> Vec<Self> {
        match self.0.dyn_ref::<Array>() {
            Some(a) => crate::transport::items(a).map(Js).collect(),
            None => Vec::new(),
        }
    }

    fn entries(&self) -> Vec<(String, Self)> {
        let Some(obj) = self.0.dyn_ref::<Object>() else {
            return Vec::new();
        };
        crate::transport::items(&Object::keys(obj))
            .filter_map(|k| {
                let value = get(obj, &k);
                k.as_string().map(|k| (k, Js(value)))
            })
            .collect()
    }

    fn get(&self, key: &'static str) -> Self {
        if self.0.is_object() {
            Js(get(&self.0, &interned(key)))
        } else {
            Js(JsValue::UNDEFINED)
        }
    }

    fn get_owned(&self, key: &str) -> Self {
        if self.0.is_object() {
            Js(get(&self.0, &JsValue::from_str(key)))
        } else {
            Js(JsValue::UNDEFINED)
        }
    }

    fn undefined() -> Self {
        Js(JsValue::UNDEFINED)
    }

    fn null() -> Self {
        Js(JsValue::NULL)
    }

    fn from_bool(b: bool) -> Self {
        Js(JsValue::from_bool(b))
    }

    fn from_str(s: &str) -> Self {
        Js(JsValue::from_str(s))
    }

    fn from_num(n: f64) -> Self {
        Js(JsValue::from_f64(n))
    }

    fn parse_float(text: &str) -> f64 {
        parse_float_js(&JsValue::from_str(text))
            .as_f64()
            .unwrap_or(f64::NAN)
    }

    fn array(items: Vec<Self>) -> Self {
        // Set by index with `put` (an `Array.push` import would be one more import
        // signature for V8 to compile, see "Imports" in src/transport.rs).
        let array = Array::new();
        for (i, item) in items.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            put(&array, &crate::transport::index(i), &item.0);
        }
        Js(array.into())
    }

    fn object() -> Self {
        Js(Object::new().into())
    }

    fn set(&mut self, key: &'static str, value: Self) {
        // A plain object made here: setting a key cannot fail.
        put(&self.0, &interned(key), &value.0);
    }

    fn set_owned(&mut self, key: &str, value: Self) {
        put(&self.0, &JsValue::from_str(key), &value.0);
    }

    fn display(&self) -> String {
        if let Some(s) = self.0.as_string() {
            return s;
        }
        if let Some(b) = self.0.as_bool() {
            return if b { "true" } else { "false" }.to_string();
        }
        // Query values are strings, booleans or whole numbers, which JSON writes as their
        // digits (as Rust's integer `Display` would, without `core::fmt` in the wasm).
        json_stringify(&self.0)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default()
    }

    fn to_json(&self, name: &str) -> Result<String, Error> {
        self.json_text(name)
            .map(|text| text.as_string().unwrap_or_default())
    }
}

impl Js {
    /// The value as JSON text, kept as the JavaScript string `JSON.stringify` wrote (a body
    /// sent as it is, never copied into the wasm and out again); `name` is blamed when it
    /// cannot be written. Numbers were checked finite by the engine (only `Ty::Any` values
    /// pass as given).
    pub(crate) fn json_text(&self, name: &str) -> Result<JsValue, Error> {
        json_stringify(&self.0).map_err(|e| {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            Error::invalid_argument(name, crate::text::cat(&["cannot be sent as JSON: ", &why]))
        })
    }
}
