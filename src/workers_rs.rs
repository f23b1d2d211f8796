//! workers-rs (cargo feature `worker`): `?` turns an [`Error`] into a `worker::Error`, so a
//! handler returning `worker::Result` needs no `map_err`. The text is the error's
//! `Display` (`Descope [E112102] User not found (HTTP 400)`), which never holds the key; a
//! handler that wants the status in its answer matches on the error first.

use crate::error::Error;

impl From<Error> for ::worker::Error {
    fn from(err: Error) -> Self {
        ::worker::Error::RustError(err.to_string())
    }
}
