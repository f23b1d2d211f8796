//! Custom attribute values: what the API can carry in `customAttributes` and
//! `updateCustomAttribute`.

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A custom attribute value: string, number, boolean, list of strings, or null (clears it).
#[derive(Debug, Clone, PartialEq)]
pub enum AttributeValue {
    /// `null`: removes the value.
    Null,
    /// A boolean attribute.
    Bool(bool),
    /// A numeric (or date, in ms) attribute. Always finite.
    Number(f64),
    /// A text or single-select attribute.
    String(String),
    /// A multi-select attribute.
    StringList(Vec<String>),
}

impl Serialize for AttributeValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => s.serialize_none(),
            Self::Bool(b) => s.serialize_bool(*b),
            // Whole numbers go out as integers so `7` is not sent as `7.0`.
            Self::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => {
                s.serialize_i64(*n as i64)
            }
            Self::Number(n) => s.serialize_f64(*n),
            Self::String(v) => s.serialize_str(v),
            Self::StringList(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for AttributeValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AttributeVisitor)
    }
}

struct AttributeVisitor;

impl<'de> Visitor<'de> for AttributeVisitor {
    type Value = AttributeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, a finite number, a boolean, a list of strings, or null")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(AttributeValue::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.visit_f64(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.is_finite() {
            Ok(AttributeValue::Number(v))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(AttributeValue::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(AttributeValue::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(AttributeValue::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(AttributeValue::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element::<ListItem>()? {
            items.push(item.0);
        }
        Ok(AttributeValue::StringList(items))
    }
}

/// An element of a list value: only strings are allowed.
struct ListItem(String);

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)
            .map(ListItem)
            .map_err(|_| de::Error::custom("a list value may hold strings only"))
    }
}

impl From<&str> for AttributeValue {
    fn from(v: &str) -> Self {
        Self::String(v.to_string())
    }
}

impl From<String> for AttributeValue {
    fn from(v: String) -> Self {
        Self::String(v)
    }
}

impl From<bool> for AttributeValue {
    fn from(v: bool) -> Self {
        Self::Bool(v)
    }
}

impl From<i32> for AttributeValue {
    fn from(v: i32) -> Self {
        Self::Number(f64::from(v))
    }
}

impl From<Vec<String>> for AttributeValue {
    fn from(v: Vec<String>) -> Self {
        Self::StringList(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_round_trips_as_plain_json() {
        for v in [
            json!(null),
            json!(true),
            json!(7),
            json!(-2.5),
            json!("x"),
            json!(["a", "b"]),
            json!([]),
        ] {
            let parsed: AttributeValue = serde_json::from_value(v.clone()).unwrap();
            assert_eq!(serde_json::to_value(&parsed).unwrap(), v);
        }
    }

    #[test]
    fn whole_floats_are_sent_as_integers() {
        assert_eq!(
            serde_json::to_string(&AttributeValue::Number(42.0)).unwrap(),
            "42"
        );
        assert_eq!(
            serde_json::to_string(&AttributeValue::Number(0.5)).unwrap(),
            "0.5"
        );
    }

    #[test]
    fn objects_and_mixed_lists_are_rejected_with_a_reason() {
        let err = serde_json::from_value::<AttributeValue>(json!({"a": 1})).unwrap_err();
        assert!(err.to_string().contains("list of strings"), "{err}");
        let err = serde_json::from_value::<AttributeValue>(json!(["a", 1])).unwrap_err();
        assert!(err.to_string().contains("strings only"), "{err}");
    }
}
