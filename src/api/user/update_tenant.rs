//! `POST /v1/mgmt/user/update/tenant/add` and `/tenant/remove`:
//! `addTenant(loginIdOrUserId, tenantId)` and `removeTenant(loginIdOrUserId, tenantId)`.

use serde::Serialize;

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::User;

/// Adds a user to a tenant, or removes them from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateTenant {
    /// Add (true) or remove (false).
    #[serde(skip)]
    pub add: bool,
    /// Login ID or user ID.
    pub login_id: String,
    /// The tenant.
    pub tenant_id: String,
}

impl UpdateTenant {
    pub(crate) fn from_args(a: &impl Args, add: bool) -> Result<Self, Error> {
        Ok(Self {
            add,
            login_id: a.id(0, "loginIdOrUserId")?,
            tenant_id: a.id(1, "tenantId")?,
        })
    }
}

impl Endpoint for UpdateTenant {
    type Output = User;

    fn request(&self) -> Result<Request, Error> {
        require_id("loginIdOrUserId", &self.login_id)?;
        require_id("tenantId", &self.tenant_id)?;
        let path = if self.add {
            "/v1/mgmt/user/update/tenant/add"
        } else {
            "/v1/mgmt/user/update/tenant/remove"
        };
        Request::json(Method::Post, path, self, Unwrap::Key("user"))
    }
}
