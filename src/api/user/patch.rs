//! `PATCH /v1/mgmt/user/patch` and `/patch/batch`: `patch(loginIdOrUserId, options)` and
//! `patchBatch(users)`. Only the keys given change; a key set to `null` is sent as `null`.

use serde::Serialize;

use crate::api::{batch_login_id, require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::{BatchResponse, PatchOptions, User};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    login_id: &'a str,
    #[serde(flatten)]
    options: &'a PatchOptions,
}

/// Changes some of a user's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Patch {
    /// Login ID or user ID.
    pub login_id: String,
    /// What to change.
    pub options: PatchOptions,
}

impl Patch {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self {
            login_id: a.id(0, "loginIdOrUserId")?,
            options: a.options(1, "options")?,
        })
    }
}

impl Endpoint for Patch {
    type Output = User;

    fn request(&self) -> Result<Request, Error> {
        require_id("loginIdOrUserId", &self.login_id)?;
        if self.options.login_id_or_user_id.is_some() || self.options.login_id.is_some() {
            return Err(Error::invalid_argument(
                "options.loginIdOrUserId",
                "belongs in the first argument of patch",
            ));
        }
        let body = Body {
            login_id: &self.login_id,
            options: &self.options,
        };
        Request::json(
            Method::Patch,
            "/v1/mgmt/user/patch",
            &body,
            Unwrap::Key("user"),
        )
    }
}

/// Patches several users; each entry names its user with `loginIdOrUserId` (or `loginId`).
#[derive(Debug, Clone, PartialEq)]
pub struct PatchBatch {
    /// The entries.
    pub users: Vec<PatchOptions>,
}

impl PatchBatch {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self {
            users: a.req(0, "users")?,
        })
    }
}

#[derive(Serialize)]
struct BatchBody<'a> {
    users: Vec<Body<'a>>,
}

impl Endpoint for PatchBatch {
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
                Ok(Body {
                    login_id: id,
                    options: user,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Request::json(
            Method::Patch,
            "/v1/mgmt/user/patch/batch",
            &BatchBody { users },
            Unwrap::Whole,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::JsonArgs;
    use serde_json::{json, Value};

    #[test]
    fn left_out_stays_absent_and_null_is_sent_as_null() {
        let args = [
            json!("lid"),
            json!({"phone": null, "displayName": "D", "customAttributes": {"k": null}}),
        ];
        let r = Patch::from_args(&JsonArgs(&args))
            .unwrap()
            .request()
            .unwrap();
        let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"loginId": "lid", "phone": null, "displayName": "D", "customAttributes": {"k": null}})
        );
        assert_eq!(r.method, Method::Patch);
    }
}
