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
    /// Whether it is a string holding more than white space (Unicode's `White_Space`, as
    /// `str::trim` has it): an ID. An implementation may answer without copying the text.
    fn filled(&self) -> bool {
        self.string().is_some_and(|s| !s.trim().is_empty())
    }
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
    /// The value of `key` (`undefined` when absent or not an object): a key of the
    /// catalogue or of the code, which lives as long as the program, so that an
    /// implementation may keep what it made of it (see [`Value::get_owned`]).
    fn get(&self, key: &'static str) -> Self {
        self.get_owned(key)
    }
    /// [`Value::get`] with any key (one read from a value).
    fn get_owned(&self, key: &str) -> Self {
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
    /// Sets `key` on an object made by [`Value::object`]: a key of the catalogue or of the
    /// code, as with [`Value::get`].
    fn set(&mut self, key: &'static str, value: Self) {
        self.set_owned(key, value);
    }
    /// [`Value::set`] with any key (one read from a value).
    fn set_owned(&mut self, key: &str, value: Self);
    /// The value as a query-string value (`String(value)` in JavaScript).
    fn display(&self) -> String;
    /// The value as JSON text (`JSON.stringify`); `name` is blamed when it cannot be.
    fn to_json(&self, name: &str) -> Result<String, Error>;
    /// JavaScript's `parseFloat` of `text`: the longest number it starts with, else `NaN`.
    /// (JavaScript values use JavaScript's own.) The number is read by serde_json, which
    /// the crate has anyway: Rust's own float parser brings a 10 KB table of powers of five
    /// into every Rust wasm app.
    fn parse_float(text: &str) -> f64 {
        parse_float(text)
    }
}

/// [`Value::parse_float`]: the longest prefix of `text` that is a decimal literal (sign,
/// digits, fraction, exponent, or `Infinity`), rewritten as JSON (no `+`, no leading zeros,
/// a digit on each side of the point) and read by serde_json.
pub(crate) fn parse_float(text: &str) -> f64 {
    let b = text.trim_start().as_bytes();
    let digits = |from: usize| {
        b.get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let (negative, mut at) = match b.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let infinite = if negative {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    if b.get(at..).unwrap_or_default().starts_with(b"Infinity") {
        return infinite;
    }
    let whole = b.get(at..at + digits(at)).unwrap_or_default();
    at += whole.len();
    let mut fraction: &[u8] = &[];
    if b.get(at) == Some(&b'.') {
        fraction = b.get(at + 1..at + 1 + digits(at + 1)).unwrap_or_default();
        if !whole.is_empty() || !fraction.is_empty() {
            at += 1 + fraction.len();
        }
    }
    if whole.is_empty() && fraction.is_empty() {
        return f64::NAN;
    }
    let mut exponent: &[u8] = &[];
    if matches!(b.get(at), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(at + 1), Some(b'+' | b'-')));
        let n = digits(at + 1 + sign);
        if n > 0 {
            exponent = b.get(at + 1..at + 1 + sign + n).unwrap_or_default();
        }
    }
    let mut json = String::with_capacity(whole.len() + fraction.len() + exponent.len() + 4);
    let mut put = |part: &[u8]| json.extend(part.iter().map(|&c| char::from(c)));
    if negative {
        put(b"-");
    }
    match whole.iter().position(|&c| c != b'0') {
        Some(first) => put(whole.get(first..).unwrap_or_default()),
        None => put(b"0"),
    }
    if !fraction.is_empty() {
        put(b".");
        put(fraction);
    }
    if !exponent.is_empty() {
        put(b"e");
        put(exponent);
    }
    // The text is a valid JSON number by now: it fails only out of range (JavaScript's
    // Infinity). Read as the answers are (`from_str`), so serde_json's parser is shared.
    serde_json::from_str::<f64>(&json).unwrap_or(infinite)
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

    fn set_owned(&mut self, key: &str, value: Self) {
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

#[cfg(test)]
mod tests {
    use super::parse_float;

    #[test]
    fn parse_float_reads_what_javascript_reads() {
        // Whole literals: the same number as Rust's own (correctly rounded) parser.
        for text in [
            "0",
            "7",
            "1714412345678",
            "-42",
            "3.25",
            "0.1",
            "-0.5",
            "1e5",
            "2.5E-3",
            "123456789012345678",
            "9007199254740993",
            "1e-300",
        ] {
            assert_eq!(parse_float(text), text.parse::<f64>().unwrap(), "{text}");
        }
        // What JavaScript's parseFloat makes of the rest: the longest number in front.
        for (text, want) in [
            ("+1.5", 1.5),
            (".5", 0.5),
            ("-.25", -0.25),
            ("1.", 1.0),
            ("1.e3", 1000.0),
            ("007", 7.0),
            ("  12abc", 12.0),
            ("0x10", 0.0),
            ("1e", 1.0),
            ("1e+", 1.0),
            ("2e-1x", 0.2),
            ("1e400", f64::INFINITY),
            ("-1e400", f64::NEG_INFINITY),
            ("Infinityx", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
        ] {
            assert_eq!(parse_float(text), want, "{text}");
        }
        for text in ["", "abc", ".", "-", "+-1", "e5", "-.e1"] {
            assert!(parse_float(text).is_nan(), "{text}");
        }
    }
}
