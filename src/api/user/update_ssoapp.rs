//! `POST /v1/mgmt/user/update/ssoapp/set`, `/ssoapp/add` and `/ssoapp/remove`:
//! `setSSOapps`/`addSSOapps`/`removeSSOapps(loginIdOrUserId, ssoAppIds)`.

use serde::Serialize;

use super::update_role::SetOp;
use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::User;

/// Changes the SSO applications a user may use.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateSsoApps {
    /// Set, add or remove.
    #[serde(skip)]
    pub op: SetOp,
    /// Login ID or user ID.
    pub login_id: String,
    /// SSO application IDs.
    pub sso_app_ids: Vec<String>,
}

impl UpdateSsoApps {
    pub(crate) fn from_args(a: &impl Args, op: SetOp) -> Result<Self, Error> {
        Ok(Self {
            op,
            login_id: a.id(0, "loginIdOrUserId")?,
            sso_app_ids: a.strings(1, "ssoAppIds")?,
        })
    }
}

impl Endpoint for UpdateSsoApps {
    type Output = User;

    fn request(&self) -> Result<Request, Error> {
        require_id("loginIdOrUserId", &self.login_id)?;
        let path = match self.op {
            SetOp::Set => "/v1/mgmt/user/update/ssoapp/set",
            SetOp::Add => "/v1/mgmt/user/update/ssoapp/add",
            SetOp::Remove => "/v1/mgmt/user/update/ssoapp/remove",
        };
        Request::json(Method::Post, path, self, Unwrap::Key("user"))
    }
}
