//! Single-purpose updates: status, login ID, email/phone, recovery contacts, roles, tenants,
//! SSO apps. All answer `{"user": …}`.

use serde_json::Value;

use super::users::with_user;
use super::Call;
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::input::{check_status, dedup, LOGIN_ID, SSO_APP_IDS};
use crate::store::{Store, User};

/// activate / deactivate: only `enabled` and `disabled` are accepted here.
pub fn update_status(store: &mut Store, call: &Call) -> ApiResult<Value> {
    with_user(
        store,
        call,
        |o| {
            let s = o.req_str(&["status"])?;
            if !s.is_empty() {
                check_status(&s, "status", &["enabled", "disabled"])?;
            }
            Ok(s)
        },
        |_, u, status| {
            u.status = status;
            Ok(())
        },
    )
}

/// Replaces the login ID named by `loginId` (the first one when it holds a user ID) with
/// `newLoginId`; an empty or absent `newLoginId` removes it, except the last one.
pub fn update_login_id(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let id = o.req_str(LOGIN_ID)?;
    let new_id = o.str(&["newLoginId"])?.unwrap_or_default();
    o.finish()?;
    let idx = store.find_or_404(&id)?;
    if !new_id.is_empty() && store.login_id_owner(&new_id, Some(idx)).is_some() {
        return Err(ApiError::user_exists(format!(
            "login ID \"{new_id}\" already exists"
        )));
    }
    let u = &mut store.users[idx];
    let pos = u.login_ids.iter().position(|l| *l == id).unwrap_or(0);
    if new_id.is_empty() {
        if u.login_ids.len() <= 1 {
            return Err(ApiError::invalid("cannot remove the user's last login ID"));
        }
        u.login_ids.remove(pos);
    } else if let Some(slot) = u.login_ids.get_mut(pos) {
        *slot = new_id;
        u.login_ids = dedup(std::mem::take(&mut u.login_ids));
    }
    u.extra.modified_time = call.now;
    Ok(store.wrap(idx))
}

/// Which contact field an update touches.
#[derive(Clone, Copy)]
enum Contact {
    Email,
    Phone,
}

impl Contact {
    fn key(self) -> &'static str {
        match self {
            Contact::Email => "email",
            Contact::Phone => "phone",
        }
    }
}

fn update_contact(store: &mut Store, call: &Call, which: Contact) -> ApiResult<Value> {
    with_user(
        store,
        call,
        |o| {
            let value = o.str(&[which.key()])?;
            let value = o.require(value, which.key());
            let verified = o.bool(&["verified"])?.unwrap_or(false);
            let fail_on_conflict = o.bool(&["failOnConflict"])?.unwrap_or(false);
            Ok((value, verified, fail_on_conflict))
        },
        |store, u, (value, verified, fail_on_conflict)| {
            // failOnConflict: fail when the value is another user's login ID.
            if fail_on_conflict && !value.is_empty() {
                let taken = store
                    .users
                    .iter()
                    .any(|other| other.user_id != u.user_id && other.has_login_id(&value));
                if taken {
                    return Err(ApiError::user_exists(format!(
                        "{} \"{value}\" is another user's login ID",
                        which.key()
                    )));
                }
            }
            let verified = verified && !value.is_empty();
            match which {
                Contact::Email => (u.email, u.verified_email) = (value, verified),
                Contact::Phone => (u.phone, u.verified_phone) = (value, verified),
            }
            Ok(())
        },
    )
}

pub fn update_email(store: &mut Store, call: &Call) -> ApiResult<Value> {
    update_contact(store, call, Contact::Email)
}

pub fn update_phone(store: &mut Store, call: &Call) -> ApiResult<Value> {
    update_contact(store, call, Contact::Phone)
}

/// Recovery contacts have no field in the user object; the admin view shows them.
fn update_recovery(store: &mut Store, call: &Call, which: Contact) -> ApiResult<Value> {
    let key = match which {
        Contact::Email => "recoveryEmail",
        Contact::Phone => "recoveryPhone",
    };
    with_user(
        store,
        call,
        |o| {
            let value = o.str(&[key])?;
            let value = o.require(value, key);
            Ok((value, o.bool(&["verified"])?.unwrap_or(false)))
        },
        |_, u, (value, verified)| {
            let e = &mut u.extra;
            match which {
                Contact::Email => (e.recovery_email, e.recovery_email_verified) = (value, verified),
                Contact::Phone => (e.recovery_phone, e.recovery_phone_verified) = (value, verified),
            }
            Ok(())
        },
    )
}

pub fn update_recovery_email(store: &mut Store, call: &Call) -> ApiResult<Value> {
    update_recovery(store, call, Contact::Email)
}

pub fn update_recovery_phone(store: &mut Store, call: &Call) -> ApiResult<Value> {
    update_recovery(store, call, Contact::Phone)
}

#[derive(Clone, Copy, PartialEq)]
enum Change {
    Set,
    Add,
    Remove,
}

fn change_list(list: &mut Vec<String>, items: Vec<String>, change: Change) {
    match change {
        Change::Set => *list = dedup(items),
        Change::Add => {
            for i in items {
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        Change::Remove => list.retain(|x| !items.contains(x)),
    }
}

/// Project roles, or the roles in one tenant when `tenantId` is given (Go sends `""` for
/// none). Set/add need existing roles; tenant roles need a tenant the user belongs to.
fn roles(store: &mut Store, call: &Call, change: Change) -> ApiResult<Value> {
    with_user(
        store,
        call,
        |o: &mut Obj| {
            let names = o.str_list(&["roleNames"])?;
            let names = o.require(names, "roleNames");
            let tenant = o.str(&["tenantId"])?.filter(|t| !t.is_empty());
            Ok((names, tenant))
        },
        |store, u: &mut User, (names, tenant)| {
            let scope = tenant.as_deref().unwrap_or("");
            if let Some(t) = &tenant {
                store.check_tenant(t)?;
            }
            if change != Change::Remove {
                store.check_tenant_roles(scope, &names)?;
            }
            let ids = store.role_ids(scope, &names);
            let list = match &tenant {
                None => &mut u.role_ids,
                Some(t) => match u.tenants.iter_mut().find(|x| x.tenant_id == *t) {
                    Some(ut) => &mut ut.role_ids,
                    None => {
                        return Err(ApiError::invalid(format!(
                            "user is not a member of tenant \"{t}\""
                        )))
                    }
                },
            };
            change_list(list, ids, change);
            Ok(())
        },
    )
}

pub fn set_roles(store: &mut Store, call: &Call) -> ApiResult<Value> {
    roles(store, call, Change::Set)
}

pub fn add_roles(store: &mut Store, call: &Call) -> ApiResult<Value> {
    roles(store, call, Change::Add)
}

pub fn remove_roles(store: &mut Store, call: &Call) -> ApiResult<Value> {
    roles(store, call, Change::Remove)
}

/// Adding a tenant the user already has, or removing one it lacks, changes nothing.
fn tenant(store: &mut Store, call: &Call, add: bool) -> ApiResult<Value> {
    with_user(
        store,
        call,
        |o| o.req_str(&["tenantId"]),
        |store, u, tenant_id| {
            store.check_tenant(&tenant_id)?;
            if add {
                if u.tenant(&tenant_id).is_none() {
                    u.tenants.push(crate::store::UserTenant {
                        tenant_id,
                        role_ids: Vec::new(),
                    });
                }
            } else {
                u.tenants.retain(|t| t.tenant_id != tenant_id);
            }
            Ok(())
        },
    )
}

pub fn add_tenant(store: &mut Store, call: &Call) -> ApiResult<Value> {
    tenant(store, call, true)
}

pub fn remove_tenant(store: &mut Store, call: &Call) -> ApiResult<Value> {
    tenant(store, call, false)
}

fn sso_apps(store: &mut Store, call: &Call, change: Change) -> ApiResult<Value> {
    with_user(
        store,
        call,
        |o| {
            let ids = o.str_list(SSO_APP_IDS)?;
            Ok(o.require(ids, "ssoAppIds"))
        },
        |_, u, ids| {
            change_list(&mut u.sso_app_ids, ids, change);
            Ok(())
        },
    )
}

pub fn set_sso_apps(store: &mut Store, call: &Call) -> ApiResult<Value> {
    sso_apps(store, call, Change::Set)
}

pub fn add_sso_apps(store: &mut Store, call: &Call) -> ApiResult<Value> {
    sso_apps(store, call, Change::Add)
}

pub fn remove_sso_apps(store: &mut Store, call: &Call) -> ApiResult<Value> {
    sso_apps(store, call, Change::Remove)
}
