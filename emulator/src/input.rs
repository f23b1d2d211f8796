//! Reading and applying the user fields shared by create, update, patch and batch bodies.

use serde_json::{Map, Value};

use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::store::{Store, User, UserTenant};

/// A `userTenants` entry as sent: role names, resolved to IDs when applied.
#[derive(Debug, Clone, PartialEq)]
pub struct TenantInput {
    pub tenant_id: String,
    pub role_names: Vec<String>,
}

// Key spellings: node's first, then the aliases of reference §5.9 and the Go/Python forms.
pub const LOGIN_ID: &[&str] = &["loginId", "identifier"];
pub const DISPLAY_NAME: &[&str] = &["displayName", "name"];
pub const ADDITIONAL_LOGIN_IDS: &[&str] = &["additionalLoginIds", "additionalIdentifiers"];
pub const ADDITIONAL_IDENTIFIERS: &[&str] = &["additionalIdentifiers", "additionalLoginIds"];
pub const SSO_APP_IDS: &[&str] = &["ssoAppIds", "ssoAppIDs"];

/// Profile fields; `None` means the key was absent (or `null`).
#[derive(Debug, Default, Clone)]
pub struct Profile {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub display_name: Option<String>,
    pub given_name: Option<String>,
    pub middle_name: Option<String>,
    pub family_name: Option<String>,
    pub picture: Option<String>,
    pub verified_email: Option<bool>,
    pub verified_phone: Option<bool>,
    pub role_names: Option<Vec<String>>,
    pub user_tenants: Option<Vec<TenantInput>>,
    pub custom_attributes: Option<Map<String, Value>>,
    pub sso_app_ids: Option<Vec<String>>,
    pub additional_login_ids: Option<Vec<String>>,
}

impl Profile {
    /// Reads the profile keys every user-writing endpoint accepts.
    /// `additional` is the spelling list for extra login IDs (it differs between endpoints).
    pub fn read(o: &mut Obj, additional: &[&str]) -> ApiResult<Profile> {
        Ok(Profile {
            email: o.str(&["email"])?,
            phone: o.str(&["phone"])?,
            display_name: o.str(DISPLAY_NAME)?,
            given_name: o.str(&["givenName"])?,
            middle_name: o.str(&["middleName"])?,
            family_name: o.str(&["familyName"])?,
            picture: o.str(&["picture"])?,
            verified_email: o.bool(&["verifiedEmail"])?,
            verified_phone: o.bool(&["verifiedPhone"])?,
            role_names: o.str_list(&["roleNames"])?,
            user_tenants: read_tenants(o)?,
            custom_attributes: o.map(&["customAttributes"])?,
            sso_app_ids: o.str_list(SSO_APP_IDS)?,
            additional_login_ids: o.str_list(additional)?,
        })
    }

    /// Checks references (roles, tenants, attributes) before anything changes.
    pub fn validate(&self, store: &Store) -> ApiResult<()> {
        if let Some(roles) = &self.role_names {
            store.check_roles(roles)?;
        }
        for t in self.user_tenants.iter().flatten() {
            store.check_tenant(&t.tenant_id)?;
            store.check_tenant_roles(&t.tenant_id, &t.role_names)?;
        }
        for (k, v) in self.custom_attributes.iter().flatten() {
            store.check_attr(k, v)?;
        }
        Ok(())
    }

    /// Writes the fields. With `overwrite`, absent fields are cleared (create/update);
    /// otherwise only present fields change (patch). Call `validate` first.
    pub fn apply(self, store: &Store, u: &mut User, overwrite: bool) {
        fn set<T: Default>(slot: &mut T, v: Option<T>, overwrite: bool) {
            match v {
                Some(v) => *slot = v,
                None if overwrite => *slot = T::default(),
                None => {}
            }
        }
        set(&mut u.email, self.email, overwrite);
        set(&mut u.phone, self.phone, overwrite);
        set(&mut u.name, self.display_name, overwrite);
        set(&mut u.given_name, self.given_name, overwrite);
        set(&mut u.middle_name, self.middle_name, overwrite);
        set(&mut u.family_name, self.family_name, overwrite);
        set(&mut u.picture, self.picture, overwrite);
        set(&mut u.verified_email, self.verified_email, overwrite);
        set(&mut u.verified_phone, self.verified_phone, overwrite);
        let role_ids = self.role_names.map(|names| store.role_ids("", &names));
        set(&mut u.role_ids, role_ids, overwrite);
        let tenants = self.user_tenants.map(|list| {
            list.into_iter()
                .map(|t| UserTenant {
                    role_ids: store.role_ids(&t.tenant_id, &t.role_names),
                    tenant_id: t.tenant_id,
                })
                .collect()
        });
        set(&mut u.tenants, tenants, overwrite);
        set(&mut u.sso_app_ids, self.sso_app_ids.map(dedup), overwrite);
        match self.custom_attributes {
            Some(attrs) => {
                if overwrite {
                    u.custom_attributes.clear();
                }
                for (k, v) in attrs {
                    match store.check_attr(&k, &v) {
                        Ok(Some(v)) => {
                            u.custom_attributes.insert(k, v);
                        }
                        _ => {
                            u.custom_attributes.remove(&k);
                        }
                    }
                }
            }
            None if overwrite => u.custom_attributes.clear(),
            None => {}
        }
        if let Some(extra) = self.additional_login_ids {
            let primary = u.login_ids.first().cloned();
            u.login_ids = primary.into_iter().collect();
            for id in extra {
                if !id.is_empty() && !u.has_login_id(&id) {
                    u.login_ids.push(id);
                }
            }
        } else if overwrite {
            u.login_ids.truncate(1);
        }
    }

    /// Login IDs this profile would add, for the uniqueness check.
    pub fn new_login_ids(&self) -> &[String] {
        self.additional_login_ids.as_deref().unwrap_or(&[])
    }
}

/// `userTenants: [{tenantId, roleNames}]`, parsed strictly.
pub fn read_tenants(o: &mut Obj) -> ApiResult<Option<Vec<TenantInput>>> {
    let Some(items) = o.list(&["userTenants"])? else {
        return Ok(None);
    };
    let base = o.name("userTenants");
    let mut out: Vec<TenantInput> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let mut t = Obj::from_value(item, &format!("{base}[{i}]"))?;
        let tenant_id = t.req_str(&["tenantId"])?;
        let role_names = t.str_list(&["roleNames"])?.unwrap_or_default();
        // Loaded users carry these; accepting them lets a client send a user back as is.
        let _ = t.str(&["tenantName"])?;
        let _ = t.str_list(&["permissions"])?;
        t.finish()?;
        match out.iter_mut().find(|x| x.tenant_id == tenant_id) {
            Some(existing) => existing.role_names = dedup(role_names),
            None => out.push(TenantInput {
                tenant_id,
                role_names: dedup(role_names),
            }),
        }
    }
    Ok(Some(out))
}

/// Makes sure none of `ids` is another user's login ID.
pub fn check_login_ids_free(store: &Store, ids: &[String], except: Option<usize>) -> ApiResult<()> {
    for id in ids {
        if store.login_id_owner(id, except).is_some() {
            return Err(ApiError::user_exists(format!(
                "login ID \"{id}\" already exists"
            )));
        }
    }
    Ok(())
}

/// A status value; `allowed` lists what this endpoint takes.
pub fn check_status(status: &str, key: &str, allowed: &[&str]) -> ApiResult<()> {
    if allowed.contains(&status) {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "\"{key}\" must be one of {}, not \"{status}\"",
            allowed.join(", ")
        )))
    }
}

pub fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}
