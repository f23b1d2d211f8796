//! Positional arguments of the JavaScript methods, read the way node-sdk reads them:
//! each argument is taken as `JSON.stringify` would send it, so `undefined` keys vanish
//! and `null` stays.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::Error;

/// A source of positional arguments: a JavaScript `arguments` array in wasm, a JSON array
/// in native tests.
pub trait Args {
    /// Argument `index` (called `name`) as JSON text, or `None` when it is absent or
    /// `undefined`.
    fn json(&self, index: usize, name: &str) -> Result<Option<String>, Error>;

    /// Argument `index` decoded as `T`; `None` when absent. Errors name `name` and the
    /// path inside it (`options.userTenants[0].tenantId`).
    fn get<T: DeserializeOwned>(&self, index: usize, name: &str) -> Result<Option<T>, Error> {
        let Some(text) = self.json(index, name)? else {
            return Ok(None);
        };
        let mut de = serde_json::Deserializer::from_str(&text);
        serde_path_to_error::deserialize(&mut de)
            .map(Some)
            .map_err(|e| {
                let path = e.path().to_string();
                let argument = join_path(name, &path);
                Error::invalid_argument(argument, friendly(&e.into_inner().to_string()))
            })
    }

    /// An optional argument: absent, `undefined` and `null` all give `None`.
    fn opt<T: DeserializeOwned>(&self, index: usize, name: &str) -> Result<Option<T>, Error> {
        Ok(self.get::<Option<T>>(index, name)?.flatten())
    }

    /// A required argument of any type.
    fn req<T: DeserializeOwned>(&self, index: usize, name: &str) -> Result<T, Error> {
        self.opt(index, name)?
            .ok_or_else(|| Error::invalid_argument(name, "is required"))
    }

    /// A required, non-empty list of non-empty strings (user IDs, names, …).
    fn ids(&self, index: usize, name: &str) -> Result<Vec<String>, Error> {
        let ids = self.id_list(index, name)?;
        super::check::ids(name, &ids)?;
        Ok(ids)
    }

    /// A required list of strings (may be empty: `setRoles(id, [])` removes every role).
    fn strings(&self, index: usize, name: &str) -> Result<Vec<String>, Error> {
        match self.get::<Vec<String>>(index, name) {
            Ok(Some(list)) => Ok(list),
            Ok(None) => Err(Error::invalid_argument(name, "is required")),
            Err(_) => Err(Error::invalid_argument(name, "must be an array of strings")),
        }
    }

    /// An optional boolean that defaults to `false` (node-sdk's default parameters).
    fn flag(&self, index: usize, name: &str) -> Result<bool, Error> {
        Ok(self.opt::<bool>(index, name)?.unwrap_or(false))
    }

    /// A required, non-empty string such as `loginIdOrUserId`.
    fn id(&self, index: usize, name: &str) -> Result<String, Error> {
        match self.get::<Value>(index, name)? {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
            _ => Err(Error::invalid_argument(name, "must be a non-empty string")),
        }
    }

    /// A required string that may be empty.
    fn string(&self, index: usize, name: &str) -> Result<String, Error> {
        match self.get::<Value>(index, name)? {
            Some(Value::String(s)) => Ok(s),
            _ => Err(Error::invalid_argument(name, "must be a string")),
        }
    }

    /// An optional string: absent or `null` gives `None`, anything but a string is an error.
    fn opt_string(&self, index: usize, name: &str) -> Result<Option<String>, Error> {
        match self.get::<Value>(index, name)? {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(Error::invalid_argument(name, "must be a string")),
        }
    }

    /// An optional string where `null` is kept apart from absent: absent gives `None`,
    /// `null` gives `Some(None)` (sent as `null`, as node-sdk sends it).
    fn nullable_string(&self, index: usize, name: &str) -> Result<Option<Option<String>>, Error> {
        match self.get::<Value>(index, name)? {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(Value::String(s)) => Ok(Some(Some(s))),
            Some(_) => Err(Error::invalid_argument(name, "must be a string or null")),
        }
    }

    /// A required list of non-empty strings that may be empty (node-sdk sends `[]`).
    fn id_list(&self, index: usize, name: &str) -> Result<Vec<String>, Error> {
        let list = self
            .opt::<Vec<Value>>(index, name)
            .map_err(|_| Error::invalid_argument(name, "must be an array of non-empty strings"))?
            .ok_or_else(|| Error::invalid_argument(name, "is required"))?;
        let ids = list
            .into_iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::String(s) if !s.trim().is_empty() => Ok(s),
                _ => Err(Error::invalid_argument(
                    format!("{name}[{i}]"),
                    "must be a non-empty string",
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        super::check::id_list(name, &ids)?;
        Ok(ids)
    }

    /// An options object: absent or `null` gives the default; anything but an object is
    /// an error.
    fn options<T: DeserializeOwned + Default>(&self, index: usize, name: &str) -> Result<T, Error> {
        match self.json(index, name)? {
            None => Ok(T::default()),
            Some(text) if text == "null" => Ok(T::default()),
            Some(text) if text.starts_with('{') => Ok(self.get(index, name)?.unwrap_or_default()),
            Some(_) => Err(Error::invalid_argument(name, "must be an object")),
        }
    }
}

/// `name` followed by a serde path (`.`, `[0]`, `tags[1]`).
pub(crate) fn join_path(name: &str, path: &str) -> String {
    match path {
        "." => name.to_string(),
        p if p.starts_with('[') => format!("{name}{p}"),
        p => format!("{name}.{p}"),
    }
}

/// Makes serde's wording read as a sentence after the argument's name.
fn friendly(message: &str) -> String {
    if message.starts_with("unknown field `") {
        // The path already ends with the unknown key.
        return "is not a known key".to_string();
    }
    if let Some(field) = message.strip_prefix("missing field `") {
        let field = field.split('`').next().unwrap_or_default();
        return format!("lacks the required key `{field}`");
    }
    // serde_json appends " at line 1 column 9": meaningless to a JavaScript caller.
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Arguments given as JSON values (native tests, conformance vectors).
#[derive(Debug, Clone)]
pub struct JsonArgs<'a>(pub &'a [Value]);

impl Args for JsonArgs<'_> {
    fn json(&self, index: usize, _name: &str) -> Result<Option<String>, Error> {
        Ok(self.0.get(index).map(Value::to_string))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    struct Opts {
        #[serde(default)]
        email: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[test]
    fn ids_must_be_non_empty_strings() {
        let v = [json!(""), json!(5), json!(null), json!("ok")];
        let a = JsonArgs(&v);
        for i in 0..3 {
            let err = a.id(i, "loginIdOrUserId").unwrap_err();
            assert_eq!(err.argument(), Some("loginIdOrUserId"));
        }
        assert_eq!(a.id(3, "x").unwrap(), "ok");
        assert!(a.id(9, "missing").is_err());
    }

    #[test]
    fn option_errors_name_the_path() {
        let v = [
            json!({"tags": ["a", 3]}),
            json!({"emial": "x"}),
            json!("str"),
        ];
        let a = JsonArgs(&v);
        let err = a.options::<Opts>(0, "options").unwrap_err();
        assert_eq!(err.argument(), Some("options.tags[1]"), "{err}");
        assert!(!err.to_string().contains("line 1"), "{err}");
        let err = a.options::<Opts>(1, "options").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Descope [invalid_argument] options.emial is not a known key"
        );
        let err = a.options::<Opts>(2, "options").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Descope [invalid_argument] options must be an object"
        );
        let absent = a.options::<Opts>(7, "options").unwrap();
        assert!(absent.email.is_none() && absent.tags.is_empty());
    }
}
