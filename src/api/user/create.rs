//! `POST /v1/mgmt/user/create` and `/v1/mgmt/user/create/test`: `create(loginId, options?)`,
//! `createTestUser(loginId, options?)` and `invite(loginIdOrUserId, options?)`.

use serde::Serialize;

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::{User, UserOptions};

/// Which of the three create calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateKind {
    /// `create`
    User,
    /// `createTestUser`: sends `test: true` to `/create/test`.
    TestUser,
    /// `invite`: sends `invite: true`; an existing user ID re-sends the invite.
    Invite,
}

/// Creates (or invites) a user.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateUser {
    /// Login ID (for `invite`, a login ID or an existing user ID).
    pub login_id: String,
    /// The user's fields.
    pub options: UserOptions,
    /// Which call.
    pub kind: CreateKind,
}

/// `loginId` plus the options' keys (also the body of `update`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Body<'a> {
    pub(crate) login_id: &'a str,
    #[serde(flatten)]
    pub(crate) options: &'a UserOptions,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) test: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) invite: Option<bool>,
}

impl CreateUser {
    /// A builder.
    pub fn new(login_id: impl Into<String>, options: UserOptions, kind: CreateKind) -> Self {
        Self {
            login_id: login_id.into(),
            options,
            kind,
        }
    }

    pub(crate) fn from_args(a: &impl Args, kind: CreateKind) -> Result<Self, Error> {
        let id_name = if kind == CreateKind::Invite {
            "loginIdOrUserId"
        } else {
            "loginId"
        };
        Ok(Self::new(a.id(0, id_name)?, a.options(1, "options")?, kind))
    }
}

impl Endpoint for CreateUser {
    type Output = User;

    fn request(&self) -> Result<Request, Error> {
        require_id("loginId", &self.login_id)?;
        if self.kind != CreateKind::Invite {
            if let Some(key) = self.options.invite_keys().first() {
                return Err(Error::invalid_argument(
                    format!("options.{key}"),
                    "is only accepted by invite",
                ));
            }
        }
        if self.kind == CreateKind::TestUser && self.options.template_id.is_some() {
            return Err(Error::invalid_argument(
                "options.templateId",
                "is not accepted by createTestUser",
            ));
        }
        let body = Body {
            login_id: &self.login_id,
            options: &self.options,
            test: (self.kind == CreateKind::TestUser).then_some(true),
            invite: (self.kind == CreateKind::Invite).then_some(true),
        };
        let path = match self.kind {
            CreateKind::TestUser => "/v1/mgmt/user/create/test",
            CreateKind::User | CreateKind::Invite => "/v1/mgmt/user/create",
        };
        Request::json(Method::Post, path, &body, Unwrap::Key("user"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::JsonArgs;
    use serde_json::{json, Value};

    fn body(args: &[Value], kind: CreateKind) -> Result<Value, Error> {
        let r = CreateUser::from_args(&JsonArgs(args), kind)?.request()?;
        Ok(serde_json::from_str(r.body.as_deref().unwrap()).unwrap())
    }

    #[test]
    fn nulls_are_kept_and_absent_keys_stay_absent() {
        let b = body(
            &[json!("lid"), json!({"email": "a@b.c", "phone": null})],
            CreateKind::User,
        )
        .unwrap();
        assert_eq!(
            b,
            json!({"loginId": "lid", "email": "a@b.c", "phone": null})
        );
        let b = body(&[json!("lid")], CreateKind::TestUser).unwrap();
        assert_eq!(b, json!({"loginId": "lid", "test": true}));
    }

    #[test]
    fn invite_fields_only_on_invite() {
        let args = [json!("lid"), json!({"sendMail": true})];
        let err = body(&args, CreateKind::User).unwrap_err();
        assert_eq!(err.argument(), Some("options.sendMail"));
        assert_eq!(
            body(&args, CreateKind::Invite).unwrap()["invite"],
            json!(true)
        );
    }

    #[test]
    fn positional_form_is_refused_with_a_clear_error() {
        let err = body(&[json!("lid"), json!("a@b.c")], CreateKind::User).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Descope [invalid_argument] options must be an object"
        );
    }
}
