//! The management API: one table from (method, path) to a synchronous handler over the store.
//! Handlers parse strictly, validate everything, and only then change the store, so a
//! rejected request never leaves a half-applied change.

use serde_json::{Map, Value};

use crate::body::Obj;
use crate::config::Config;
use crate::error::ApiResult;
use crate::store::Store;

mod auth;
mod fields;
mod project;
mod search;
mod users;

/// What a handler sees of the request.
pub struct Call<'a> {
    pub query: &'a [(String, String)],
    pub body: &'a [u8],
    pub config: &'a Config,
    /// Seconds since the epoch.
    pub now: i64,
}

impl Call<'_> {
    /// The JSON body as a strictly-parsed object.
    pub fn obj(&self) -> ApiResult<Obj> {
        Obj::from_body(self.body)
    }

    /// Query parameters as an object of strings, so they are checked like body keys.
    pub fn query_obj(&self) -> ApiResult<Obj> {
        let map: Map<String, Value> = self
            .query
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        Ok(Obj::from_map(map))
    }
}

pub type Handler = fn(&mut Store, &Call) -> ApiResult<Value>;

/// Every endpoint, by method and exact path (reference §4 and Appendix A).
pub const ROUTES: &[(&str, &str, Handler)] = &[
    // create / invite / batch
    ("POST", "/v1/mgmt/user/create", users::create),
    ("POST", "/v1/mgmt/user/create/test", users::create_test),
    ("POST", "/v1/mgmt/user/create/batch", users::create_batch),
    // update / patch
    ("POST", "/v1/mgmt/user/update", users::update),
    ("PATCH", "/v1/mgmt/user/patch", users::patch),
    ("PATCH", "/v1/mgmt/user/patch/batch", users::patch_batch),
    // delete / logout
    ("POST", "/v1/mgmt/user/delete", users::delete),
    ("POST", "/v1/mgmt/user/delete/batch", users::delete_batch),
    (
        "DELETE",
        "/v1/mgmt/user/test/delete/all",
        users::delete_all_test_users,
    ),
    ("POST", "/v1/mgmt/user/logout", users::logout),
    // load / search
    ("GET", "/v1/mgmt/user", users::load),
    ("POST", "/v1/mgmt/users/load", users::load_users),
    ("POST", "/v2/mgmt/user/search", search::search),
    ("POST", "/v2/mgmt/user/search/test", search::search_test),
    ("GET", "/v1/mgmt/user/provider/token", auth::provider_token),
    // single-field updates
    ("POST", "/v1/mgmt/user/update/status", fields::update_status),
    (
        "POST",
        "/v1/mgmt/user/update/loginid",
        fields::update_login_id,
    ),
    ("POST", "/v1/mgmt/user/update/email", fields::update_email),
    ("POST", "/v1/mgmt/user/update/phone", fields::update_phone),
    ("POST", "/v1/mgmt/user/update/name", users::update_name),
    (
        "POST",
        "/v1/mgmt/user/update/picture",
        users::update_picture,
    ),
    (
        "POST",
        "/v1/mgmt/user/update/customAttribute",
        users::update_custom_attribute,
    ),
    (
        "POST",
        "/v1/mgmt/user/update/recovery/email",
        fields::update_recovery_email,
    ),
    (
        "POST",
        "/v1/mgmt/user/update/recovery/phone",
        fields::update_recovery_phone,
    ),
    // roles, tenants, SSO apps
    ("POST", "/v1/mgmt/user/update/role/set", fields::set_roles),
    ("POST", "/v2/mgmt/user/update/role/add", fields::add_roles),
    (
        "POST",
        "/v1/mgmt/user/update/role/remove",
        fields::remove_roles,
    ),
    (
        "POST",
        "/v1/mgmt/user/update/tenant/add",
        fields::add_tenant,
    ),
    (
        "POST",
        "/v1/mgmt/user/update/tenant/remove",
        fields::remove_tenant,
    ),
    (
        "POST",
        "/v1/mgmt/user/update/ssoapp/set",
        fields::set_sso_apps,
    ),
    (
        "POST",
        "/v1/mgmt/user/update/ssoapp/add",
        fields::add_sso_apps,
    ),
    (
        "POST",
        "/v1/mgmt/user/update/ssoapp/remove",
        fields::remove_sso_apps,
    ),
    // passwords and authenticators
    ("POST", "/v1/mgmt/user/password/set", auth::password_set),
    (
        "POST",
        "/v1/mgmt/user/password/set/temporary",
        auth::password_set_temporary,
    ),
    (
        "POST",
        "/v1/mgmt/user/password/set/active",
        auth::password_set_active,
    ),
    (
        "POST",
        "/v1/mgmt/user/password/expire",
        auth::password_expire,
    ),
    (
        "POST",
        "/v1/mgmt/user/passkeys/delete",
        auth::passkeys_delete,
    ),
    ("POST", "/v1/mgmt/user/passkey/delete", auth::passkey_delete),
    ("POST", "/v1/mgmt/user/passkeys/list", auth::passkeys_list),
    ("POST", "/v1/mgmt/user/totp/delete", auth::totp_delete),
    (
        "POST",
        "/v1/mgmt/user/recovery-codes/delete",
        auth::recovery_codes_delete,
    ),
    (
        "POST",
        "/v1/mgmt/user/trusteddevices/list",
        auth::trusted_devices_list,
    ),
    (
        "POST",
        "/v1/mgmt/user/trusteddevices/remove",
        auth::trusted_devices_remove,
    ),
    // test users and embedded links
    ("POST", "/v1/mgmt/tests/generate/otp", auth::generate_otp),
    (
        "POST",
        "/v1/mgmt/tests/generate/magiclink",
        auth::generate_magic_link,
    ),
    (
        "POST",
        "/v1/mgmt/tests/generate/enchantedlink",
        auth::generate_enchanted_link,
    ),
    (
        "POST",
        "/v1/mgmt/user/signin/embeddedlink",
        auth::signin_embedded_link,
    ),
    (
        "POST",
        "/v1/mgmt/user/signup/embeddedlink",
        auth::signup_embedded_link,
    ),
    // project level
    ("POST", "/v1/mgmt/user/history", project::history),
    ("POST", "/v1/mgmt/user/import", project::import),
    (
        "GET",
        "/v1/mgmt/user/customattributes",
        project::custom_attributes,
    ),
    (
        "POST",
        "/v1/mgmt/user/customattribute/create",
        project::custom_attribute_create,
    ),
    (
        "POST",
        "/v1/mgmt/user/customattribute/delete",
        project::custom_attribute_delete,
    ),
    ("GET", "/v1/mgmt/license", project::license),
];

pub enum Lookup {
    Found(Handler),
    WrongMethod,
    NotFound,
}

pub fn lookup(method: &str, path: &str) -> Lookup {
    let mut path_known = false;
    for (m, p, h) in ROUTES {
        if *p == path {
            if *m == method {
                return Lookup::Found(*h);
            }
            path_known = true;
        }
    }
    if path_known {
        Lookup::WrongMethod
    } else {
        Lookup::NotFound
    }
}

/// `{}`: the answer of void operations.
pub fn empty() -> Value {
    Value::Object(Map::new())
}
