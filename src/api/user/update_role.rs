//! `POST /v1/mgmt/user/update/role/set`, `/v2/mgmt/user/update/role/add` (v2!) and
//! `/v1/mgmt/user/update/role/remove`: `setRoles`/`addRoles`/`removeRoles(loginIdOrUserId,
//! roles)` and, with a tenant, `setTenantRoles`/`addTenantRoles`/`removeTenantRoles(
//! loginIdOrUserId, tenantId, roles)`.

use serde::Serialize;

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::User;

/// Which change to make to a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetOp {
    /// Replace the set.
    Set,
    /// Add to it.
    Add,
    /// Remove from it.
    Remove,
}

/// Changes a user's project roles, or their roles in one tenant.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRoles {
    /// Set, add or remove.
    #[serde(skip)]
    pub op: SetOp,
    /// Login ID or user ID.
    pub login_id: String,
    /// The tenant, for tenant roles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Role names.
    pub role_names: Vec<String>,
}

impl UpdateRoles {
    pub(crate) fn from_args(a: &impl Args, op: SetOp) -> Result<Self, Error> {
        Ok(Self {
            op,
            login_id: a.id(0, "loginIdOrUserId")?,
            tenant_id: None,
            role_names: a.strings(1, "roles")?,
        })
    }

    pub(crate) fn tenant_from_args(a: &impl Args, op: SetOp) -> Result<Self, Error> {
        Ok(Self {
            op,
            login_id: a.id(0, "loginIdOrUserId")?,
            tenant_id: Some(a.id(1, "tenantId")?),
            role_names: a.strings(2, "roles")?,
        })
    }
}

impl Endpoint for UpdateRoles {
    type Output = User;

    fn request(&self) -> Result<Request, Error> {
        require_id("loginIdOrUserId", &self.login_id)?;
        if let Some(tenant) = &self.tenant_id {
            require_id("tenantId", tenant)?;
        }
        let path = match self.op {
            SetOp::Set => "/v1/mgmt/user/update/role/set",
            SetOp::Add => "/v2/mgmt/user/update/role/add",
            SetOp::Remove => "/v1/mgmt/user/update/role/remove",
        };
        Request::json(Method::Post, path, self, Unwrap::Key("user"))
    }
}
