//! `management.user`: one module per endpoint path, named after it.
//!
//! [`prepare`] maps a node-sdk method name and its positional arguments to a [`Request`];
//! the JavaScript façade and the conformance tests both go through it.

pub mod create;
pub mod load;
pub mod update_custom_attribute;
pub mod update_name;
pub mod update_picture;

pub use create::{CreateKind, CreateUser};
pub use load::Load;
pub use update_custom_attribute::UpdateCustomAttribute;
pub use update_name::UpdateName;
pub use update_picture::UpdatePicture;

use crate::api::{Args, Endpoint, Request};
use crate::error::Error;

/// Every `descope.user.<name>` method, with node-sdk's names.
pub const METHODS: &[&str] = &[
    "create",
    "createTestUser",
    "invite",
    "load",
    "loadByUserId",
    "updatePicture",
    "updateDisplayName",
    "updateUserNames",
    "updateCustomAttribute",
];

/// Builds the request for `descope.user.<method>(...args)`, validating every argument.
pub fn prepare(method: &str, a: &impl Args) -> Result<Request, Error> {
    match method {
        "create" => CreateUser::from_args(a, CreateKind::User)?.request(),
        "createTestUser" => CreateUser::from_args(a, CreateKind::TestUser)?.request(),
        "invite" => CreateUser::from_args(a, CreateKind::Invite)?.request(),
        "load" => Load::from_args(a)?.request(),
        "loadByUserId" => Load::by_user_id_from_args(a)?.request(),
        "updatePicture" => UpdatePicture::from_args(a)?.request(),
        "updateDisplayName" => UpdateName::display_name_from_args(a)?.request(),
        "updateUserNames" => UpdateName::user_names_from_args(a)?.request(),
        "updateCustomAttribute" => UpdateCustomAttribute::from_args(a)?.request(),
        _ => Err(Error::invalid_argument(
            "method",
            format!("`{method}` is not a user management method"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::JsonArgs;

    #[test]
    fn every_listed_method_is_dispatched() {
        for m in METHODS {
            let err = prepare(m, &JsonArgs(&[])).err();
            // With no arguments each method fails on its first argument, never on the name.
            if let Some(e) = err {
                assert_ne!(e.argument(), Some("method"), "{m}");
            }
        }
        assert_eq!(
            prepare("nope", &JsonArgs(&[])).unwrap_err().argument(),
            Some("method")
        );
    }
}
