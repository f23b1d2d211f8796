//! The values the engine walks: JavaScript values on the npm path (`crate::js`), and
//! `serde_json::Value` natively (tests, conformance vectors, the fuzz targets). One trait,
//! so that validation and encoding are one code path for both.

use crate::error::Error;

/// What kind of value a [`Value`] holds, as JavaScript sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `undefined`, or an argument not given.
    Undefined,
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// A plain object (anything `typeof` calls "object" that is not an array or null).
    Object,
    /// A function, symbol or bigint: nothing JSON can carry.
    Other,
}

/// A value the engine can read and build. Reading never fails; building is infallible
/// except for the final JSON text.
pub trait Value: Clone + Sized {
    /// Its kind.
    fn kind(&self) -> Kind;
    /// Its text, when it is a string.
    fn string(&self) -> Option<String>;
    /// Its number, when it is one.
    fn number(&self) -> Option<f64>;
    /// Its truth, when it is a boolean.
    fn boolean(&self) -> Option<bool>;
    /// Its epoch milliseconds, when it is a date (JavaScript's `Date`).
    fn time(&self) -> Option<f64> {
        None
    }
    /// Its elements, when it is an array.
    fn items(&self) -> Vec<Self>;
    /// Its own keys and values, when it is an object, in order.
    fn entries(&self) -> Vec<(String, Self)>;
    /// The value of `key` (`undefined` when absent or not an object).
    fn get(&self, key: &str) -> Self {
        self.entries()
            .into_iter()
            .find(|(k, _)| k == key)
            .map_or_else(Self::undefined, |(_, v)| v)
    }
    /// `undefined`.
    fn undefined() -> Self;
    /// `null`.
    fn null() -> Self;
    /// A boolean.
    fn from_bool(b: bool) -> Self;
    /// A string.
    fn from_str(s: &str) -> Self;
    /// A number (`NaN` is `null` where JSON cannot hold it).
    fn from_num(n: f64) -> Self;
    /// An array of `items`.
    fn array(items: Vec<Self>) -> Self;
    /// An empty object.
    fn object() -> Self;
    /// Sets `key` on an object made by [`Value::object`].
    fn set(&mut self, key: &str, value: Self);
    /// The value as a query-string value (`String(value)` in JavaScript).
    fn display(&self) -> String;
    /// The value as JSON text (`JSON.stringify`); `name` is blamed when it cannot be.
    fn to_json(&self, name: &str) -> Result<String, Error>;
    /// JavaScript's `parseFloat` of `text`: the longest number it starts with, else `NaN`.
    /// (JavaScript values use JavaScript's own, which keeps Rust's float parser out of the
    /// wasm.)
    fn parse_float(text: &str) -> f64 {
        let text = text.trim_start();
        let end = text
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E')))
            .unwrap_or(text.len());
        let candidate = &text[..end];
        (1..=candidate.len())
            .rev()
            .find_map(|n| candidate[..n].parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    }
}

/// A positional argument of a native call: a JSON value, or absent (`undefined`).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Not given.
    Undefined,
    /// Given.
    Json(serde_json::Value),
}

impl Value for Arg {
    fn kind(&self) -> Kind {
        use serde_json::Value as J;
        match self {
            Self::Undefined => Kind::Undefined,
            Self::Json(J::Null) => Kind::Null,
            Self::Json(J::Bool(_)) => Kind::Bool,
            Self::Json(J::Number(_)) => Kind::Number,
            Self::Json(J::String(_)) => Kind::String,
            Self::Json(J::Array(_)) => Kind::Array,
            Self::Json(J::Object(_)) => Kind::Object,
        }
    }

    fn string(&self) -> Option<String> {
        self.json().and_then(|v| v.as_str()).map(str::to_string)
    }

    fn number(&self) -> Option<f64> {
        self.json().and_then(serde_json::Value::as_f64)
    }

    fn boolean(&self) -> Option<bool> {
        self.json().and_then(serde_json::Value::as_bool)
    }

    fn items(&self) -> Vec<Self> {
        self.json()
            .and_then(|v| v.as_array())
            .map(|a| a.iter().cloned().map(Self::Json).collect())
            .unwrap_or_default()
    }

    fn entries(&self) -> Vec<(String, Self)> {
        self.json()
            .and_then(|v| v.as_object())
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), Self::Json(v.clone())))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn undefined() -> Self {
        Self::Undefined
    }

    fn null() -> Self {
        Self::Json(serde_json::Value::Null)
    }

    fn from_bool(b: bool) -> Self {
        Self::Json(serde_json::Value::Bool(b))
    }

    fn from_str(s: &str) -> Self {
        Self::Json(serde_json::Value::String(s.to_string()))
    }

    fn from_num(n: f64) -> Self {
        Self::Json(
            serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, |n| {
                // Whole numbers stay integers, as JSON.parse would give them back.
                match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
                        serde_json::Value::from(f as i64)
                    }
                    _ => serde_json::Value::Number(n),
                }
            }),
        )
    }

    fn array(items: Vec<Self>) -> Self {
        Self::Json(serde_json::Value::Array(
            items.into_iter().filter_map(Self::into_json).collect(),
        ))
    }

    fn object() -> Self {
        Self::Json(serde_json::Value::Object(serde_json::Map::new()))
    }

    fn set(&mut self, key: &str, value: Self) {
        if let (Self::Json(serde_json::Value::Object(map)), Self::Json(v)) = (self, value) {
            map.insert(key.to_string(), v);
        }
    }

    fn display(&self) -> String {
        match self {
            Self::Undefined => "undefined".to_string(),
            Self::Json(serde_json::Value::String(s)) => s.clone(),
            Self::Json(v) => v.to_string(),
        }
    }

    fn to_json(&self, name: &str) -> Result<String, Error> {
        match self {
            Self::Undefined => Err(Error::invalid_argument(name, "is undefined")),
            Self::Json(v) => serde_json::to_string(v)
                .map_err(|e| Error::invalid_argument(name, format!("cannot be sent as JSON: {e}"))),
        }
    }
}

impl Arg {
    fn json(&self) -> Option<&serde_json::Value> {
        match self {
            Self::Undefined => None,
            Self::Json(v) => Some(v),
        }
    }

    fn into_json(self) -> Option<serde_json::Value> {
        match self {
            Self::Undefined => None,
            Self::Json(v) => Some(v),
        }
    }

    /// The JSON value (`undefined` is `null`).
    pub fn into_value(self) -> serde_json::Value {
        self.into_json().unwrap_or(serde_json::Value::Null)
    }

    /// Positional arguments from a JSON array (an absent tail is `undefined`).
    pub fn list(values: &[serde_json::Value]) -> Vec<Self> {
        values.iter().cloned().map(Self::Json).collect()
    }
}
