//! `POST /v1/mgmt/user/create/batch`: `createBatch(users)` and `inviteBatch(users,
//! inviteUrl?, sendMail?, sendSMS?, templateOptions?, templateId?, locale?)`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::api::{batch_login_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::{BatchPassword, BatchResponse, BatchUser};

/// The invitation part of `inviteBatch`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchInvite {
    /// Invite redirect URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invite_url: Option<String>,
    /// Send by email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_mail: Option<bool>,
    /// Send by SMS.
    #[serde(rename = "sendSMS", skip_serializing_if = "Option::is_none")]
    pub send_sms: Option<bool>,
    /// Template variables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_options: Option<BTreeMap<String, String>>,
    /// Messaging template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// Message locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// Creates (or invites) several users; per-user failures come back in the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateBatch {
    /// The users.
    pub users: Vec<BatchUser>,
    /// Set for `inviteBatch`.
    pub invite: Option<BatchInvite>,
}

impl CreateBatch {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self {
            users: a.req(0, "users")?,
            invite: None,
        })
    }

    pub(crate) fn invite_from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self {
            users: a.req(0, "users")?,
            invite: Some(BatchInvite {
                invite_url: a.opt_string(1, "inviteUrl")?,
                send_mail: a.opt(2, "sendMail")?,
                send_sms: a.opt(3, "sendSMS")?,
                template_options: a.opt(4, "templateOptions")?,
                template_id: a.opt_string(5, "templateId")?,
                locale: a.opt_string(6, "locale")?,
            }),
        })
    }
}

#[derive(Serialize)]
struct Body<'a> {
    users: Vec<BatchUser>,
    #[serde(skip_serializing_if = "Option::is_none")]
    invite: Option<bool>,
    #[serde(flatten)]
    options: Option<&'a BatchInvite>,
}

impl Endpoint for CreateBatch {
    type Output = BatchResponse;

    fn request(&self) -> Result<Request, Error> {
        let users = self
            .users
            .iter()
            .enumerate()
            .map(|(i, user)| {
                let id = batch_login_id(
                    i,
                    user.login_id_or_user_id.as_deref(),
                    user.login_id.as_deref(),
                )?;
                // A hash with no kind (or two) would import a user whose password
                // nobody can check.
                let nested = match &user.password {
                    Some(BatchPassword::Object(o)) => o.hashed.as_ref(),
                    _ => None,
                };
                for (hash, key) in [
                    (user.hashed_password.as_ref(), "hashedPassword"),
                    (nested, "password.hashed"),
                ] {
                    if hash.is_some_and(|h| h.kinds() != 1) {
                        return Err(Error::invalid_argument(
                            format!("users[{i}].{key}"),
                            "must set exactly one hash kind",
                        ));
                    }
                }
                Ok(BatchUser {
                    login_id: Some(id.to_string()),
                    login_id_or_user_id: None,
                    ..user.clone()
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let body = Body {
            users,
            invite: self.invite.as_ref().map(|_| true),
            options: self.invite.as_ref(),
        };
        Request::json(
            Method::Post,
            "/v1/mgmt/user/create/batch",
            &body,
            Unwrap::Whole,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::JsonArgs;
    use serde_json::{json, Value};

    fn prepare(users: Value) -> Result<Request, Error> {
        CreateBatch::from_args(&JsonArgs(&[users]))?.request()
    }

    #[test]
    fn an_empty_batch_is_sent_as_node_sdk_sends_it() {
        let r = prepare(json!([])).unwrap();
        assert_eq!(r.body.as_deref(), Some(r#"{"users":[]}"#));
    }

    #[test]
    fn a_hash_must_have_exactly_one_kind() {
        let bcrypt = json!({"bcrypt": {"hash": "$2a$10$x"}});
        for (user, argument) in [
            (
                json!({"loginId": "a", "hashedPassword": {}}),
                "users[0].hashedPassword",
            ),
            (
                json!({"loginId": "a", "hashedPassword": {"bcrypt": {"hash": "h"}, "md5": {"hash": "h"}}}),
                "users[0].hashedPassword",
            ),
            (
                json!({"loginId": "a", "password": {"hashed": {}}}),
                "users[0].password.hashed",
            ),
        ] {
            let err = prepare(json!([{"loginId": "ok"}, user])).unwrap_err();
            assert_eq!(
                err.argument(),
                Some(argument.replace("[0]", "[1]").as_str()),
                "{err}"
            );
        }
        prepare(json!([{"loginId": "a", "hashedPassword": bcrypt}])).unwrap();
        prepare(json!([{"loginId": "a", "password": {"hashed": bcrypt}}])).unwrap();
    }
}
