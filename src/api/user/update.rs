//! `POST /v1/mgmt/user/update`: `update(loginIdOrUserId, options?)`. A full overwrite:
//! the service clears every field not given.

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::{User, UserOptions};

use super::create::Body;

/// Replaces a user's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// Login ID or user ID.
    pub login_id: String,
    /// The user's new fields (absent ones are cleared by the service).
    pub options: UserOptions,
}

impl Update {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self {
            login_id: a.id(0, "loginIdOrUserId")?,
            options: a.options(1, "options")?,
        })
    }
}

impl Endpoint for Update {
    type Output = User;

    fn request(&self) -> Result<Request, Error> {
        require_id("loginIdOrUserId", &self.login_id)?;
        let mut refused = self.options.invite_keys();
        if self.options.template_id.is_some() {
            refused.push("templateId");
        }
        if let Some(key) = refused.first() {
            return Err(Error::invalid_argument(
                format!("options.{key}"),
                "is not accepted by update",
            ));
        }
        let body = Body {
            login_id: &self.login_id,
            options: &self.options,
            test: None,
            invite: None,
        };
        Request::json(
            Method::Post,
            "/v1/mgmt/user/update",
            &body,
            Unwrap::Key("user"),
        )
    }
}
