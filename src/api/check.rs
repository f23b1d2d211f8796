//! Checks that builders run in `request()`, so a builder made in Rust is held to the same
//! rules as one read from JavaScript arguments. Each is named after the [`super::Args`]
//! reader it mirrors.

use crate::error::Error;

/// A non-empty string.
pub fn id(name: &str, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid_argument(name, "must be a non-empty string"));
    }
    Ok(())
}

/// A non-empty list of non-empty strings.
pub fn ids(name: &str, values: &[String]) -> Result<(), Error> {
    if values.is_empty() {
        return Err(Error::invalid_argument(name, "must not be empty"));
    }
    id_list(name, values)
}

/// A list of non-empty strings, perhaps empty.
pub fn id_list(name: &str, values: &[String]) -> Result<(), Error> {
    for (i, v) in values.iter().enumerate() {
        id(&format!("{name}[{i}]"), v)?;
    }
    Ok(())
}

/// Readers whose type says it all need no further check.
pub fn string<T: ?Sized>(_: &str, _: &T) -> Result<(), Error> {
    Ok(())
}

pub use string as opt_string;
pub use string as opt;
pub use string as req;
pub use string as flag;
