//! `management.group` (reference §8): IdP groups of a tenant, seeded only (no write API).
//! All three calls answer a bare JSON array (reference §1.3).

use serde_json::{json, Value};

use super::tenants::tenant_index;
use super::Call;
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::store::{Group, Store, DEFAULT_SSO_ID};

impl Store {
    /// `{id, display, members: [{loginId, userId, display}], source, ssoId}`; members are
    /// joined from the users, so deleted users drop out and renames show.
    pub fn render_group(&self, g: &Group) -> Value {
        let members: Vec<Value> = g
            .members
            .iter()
            .filter_map(|id| self.find_user_id(id).map(|i| &self.users[i]))
            .map(|u| {
                json!({
                    "loginId": u.login_ids.first().cloned().unwrap_or_default(),
                    "userId": u.user_id,
                    "display": u.name,
                })
            })
            .collect();
        let sso_id = if g.sso_id.is_empty() {
            DEFAULT_SSO_ID
        } else {
            g.sso_id.as_str()
        };
        json!({
            "id": g.id,
            "display": g.display,
            "members": members,
            "source": g.source,
            "ssoId": sso_id,
        })
    }
}

/// `tenantId` (must exist) and the optional `ssoId` (node 2.14): absent = every group.
fn scope(o: &mut Obj) -> ApiResult<(String, Option<String>)> {
    let tenant = o.req_str(&["tenantId"])?;
    let sso = o.str(&["ssoId"])?.filter(|s| !s.is_empty());
    Ok((tenant, sso))
}

fn in_scope(g: &Group, tenant: &str, sso: &Option<String>) -> bool {
    g.tenant_id == tenant
        && sso.as_deref().is_none_or(|s| {
            let s = if s == DEFAULT_SSO_ID { "" } else { s };
            g.sso_id == s
        })
}

fn answer(store: &Store, groups: Vec<&Group>) -> Value {
    Value::Array(groups.into_iter().map(|g| store.render_group(g)).collect())
}

pub fn load_all(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let (tenant, sso) = scope(&mut o)?;
    o.finish()?;
    tenant_index(store, &tenant)?;
    let groups = store
        .groups
        .iter()
        .filter(|g| in_scope(g, &tenant, &sso))
        .collect();
    Ok(answer(store, groups))
}

/// Groups that have any of the users (by user ID or login ID) as a member.
pub fn load_for_member(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let (tenant, sso) = scope(&mut o)?;
    let login_ids = o.str_list(&["loginIds"])?.unwrap_or_default();
    let user_ids = o.str_list(&["userIds"])?.unwrap_or_default();
    o.finish()?;
    tenant_index(store, &tenant)?;
    if login_ids.is_empty() && user_ids.is_empty() {
        return Err(ApiError::invalid(
            "\"userIds\" or \"loginIds\" must name at least one user",
        ));
    }
    let mut wanted = user_ids;
    for l in &login_ids {
        if let Some(i) = store.users.iter().position(|u| u.has_login_id(l)) {
            wanted.push(store.users[i].user_id.clone());
        }
    }
    let groups = store
        .groups
        .iter()
        .filter(|g| in_scope(g, &tenant, &sso) && g.members.iter().any(|m| wanted.contains(m)))
        .collect();
    Ok(answer(store, groups))
}

/// The one group, with its members, in an array.
pub fn load_members(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let (tenant, sso) = scope(&mut o)?;
    let group = o.req_str(&["groupId"])?;
    o.finish()?;
    tenant_index(store, &tenant)?;
    let groups: Vec<&Group> = store
        .groups
        .iter()
        .filter(|g| in_scope(g, &tenant, &sso) && g.id == group)
        .collect();
    if groups.is_empty() {
        return Err(ApiError::not_found("Group", &group));
    }
    Ok(answer(store, groups))
}
