//! The management API: tables from (method, path) to synchronous handlers over the store —
//! `ROUTES` for the user API, `MGMT_ROUTES` for the other groups. Handlers parse strictly,
//! validate everything, and only then change the store, so a rejected request never leaves a
//! half-applied change; a successful change is then recorded in the audit trail.

use serde_json::{Map, Value};

use crate::body::Obj;
use crate::config::Config;
use crate::error::{ApiError, ApiResult, BAD_JSON, INVALID_REQUEST, MISSING_FIELD};
use crate::store::Store;

pub mod access_keys;
pub mod audit;
mod auth;
mod fields;
mod groups;
pub mod jwt;
mod password_settings;
mod project;
pub mod roles;
mod search;
pub mod sso;
pub mod sso_apps;
pub mod tenants;
mod users;

/// What a handler sees of the request.
pub struct Call<'a> {
    pub query: &'a [(String, String)],
    pub body: &'a [u8],
    pub config: &'a Config,
    /// Seconds since the epoch.
    pub now: i64,
    /// Milliseconds since the epoch (audit times).
    pub now_ms: i64,
    /// The client's IP address when known (`""` in-process).
    pub remote: &'a str,
}

impl Call<'_> {
    /// The JSON body as a strictly-parsed object.
    pub fn obj(&self) -> ApiResult<Obj> {
        Obj::from_body(self.body)
    }

    /// Like `obj`, but an empty body counts as `{}`: node sends none for `role.search()`
    /// and `descoper.list()` (reference §1.2). Used by the non-user groups.
    pub fn body_obj(&self) -> ApiResult<Obj> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Obj::from_map(Map::new()));
        }
        self.obj()
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

/// The other groups of issue 14 (reference §2–§11), answered with the §27.2 error codes.
pub const MGMT_ROUTES: &[(&str, &str, Handler)] = &[
    // tenants
    ("POST", "/v1/mgmt/tenant/create", tenants::create),
    ("POST", "/v1/mgmt/tenant/update", tenants::update),
    (
        "POST",
        "/v1/mgmt/tenant/updateDefaultRoles",
        tenants::update_default_roles,
    ),
    ("POST", "/v1/mgmt/tenant/delete", tenants::delete),
    ("GET", "/v1/mgmt/tenant", tenants::load),
    ("GET", "/v1/mgmt/tenant/all", tenants::load_all),
    ("POST", "/v1/mgmt/tenant/search", tenants::search),
    ("GET", "/v1/mgmt/tenant/settings", tenants::get_settings),
    (
        "POST",
        "/v1/mgmt/tenant/settings",
        tenants::configure_settings,
    ),
    (
        "POST",
        "/v2/mgmt/tenant/adminlinks/sso/generate",
        tenants::generate_sso_link,
    ),
    (
        "POST",
        "/v1/mgmt/tenant/adminlinks/sso/revoke",
        tenants::revoke_sso_link,
    ),
    // roles
    ("POST", "/v1/mgmt/role/create", roles::create),
    ("POST", "/v1/mgmt/role/create/batch", roles::create_batch),
    ("POST", "/v1/mgmt/role/update", roles::update),
    ("POST", "/v1/mgmt/role/update/batch", roles::update_batch),
    ("POST", "/v1/mgmt/role/delete", roles::delete),
    ("POST", "/v1/mgmt/role/delete/batch", roles::delete_batch),
    ("GET", "/v1/mgmt/role/all", roles::load_all),
    ("POST", "/v1/mgmt/role/search", roles::search),
    // permissions
    (
        "POST",
        "/v1/mgmt/permission/create",
        roles::permission_create,
    ),
    (
        "POST",
        "/v1/mgmt/permission/create/batch",
        roles::permission_create_batch,
    ),
    (
        "POST",
        "/v1/mgmt/permission/update",
        roles::permission_update,
    ),
    (
        "POST",
        "/v1/mgmt/permission/update/batch",
        roles::permission_update_batch,
    ),
    (
        "POST",
        "/v1/mgmt/permission/delete",
        roles::permission_delete,
    ),
    (
        "POST",
        "/v1/mgmt/permission/delete/batch",
        roles::permission_delete_batch,
    ),
    ("GET", "/v1/mgmt/permission/all", roles::permission_load_all),
    // access keys
    ("POST", "/v1/mgmt/accesskey/create", access_keys::create),
    ("GET", "/v1/mgmt/accesskey", access_keys::load),
    ("POST", "/v1/mgmt/accesskey/search", access_keys::search),
    ("POST", "/v1/mgmt/accesskey/update", access_keys::update),
    (
        "POST",
        "/v1/mgmt/accesskey/deactivate",
        access_keys::deactivate,
    ),
    ("POST", "/v1/mgmt/accesskey/activate", access_keys::activate),
    (
        "POST",
        "/v1/mgmt/accesskey/deactivate/batch",
        access_keys::deactivate_batch,
    ),
    (
        "POST",
        "/v1/mgmt/accesskey/activate/batch",
        access_keys::activate_batch,
    ),
    ("POST", "/v1/mgmt/accesskey/delete", access_keys::delete),
    (
        "POST",
        "/v1/mgmt/accesskey/delete/batch",
        access_keys::delete_batch,
    ),
    ("POST", "/v1/mgmt/accesskey/rotate", access_keys::rotate),
    // SSO applications
    (
        "POST",
        "/v1/mgmt/sso/idp/app/oidc/create",
        sso_apps::create_oidc,
    ),
    (
        "POST",
        "/v1/mgmt/sso/idp/app/saml/create",
        sso_apps::create_saml,
    ),
    (
        "POST",
        "/v1/mgmt/sso/idp/app/wsfed/create",
        sso_apps::create_wsfed,
    ),
    (
        "POST",
        "/v1/mgmt/sso/idp/app/oidc/update",
        sso_apps::update_oidc,
    ),
    (
        "POST",
        "/v1/mgmt/sso/idp/app/saml/update",
        sso_apps::update_saml,
    ),
    (
        "POST",
        "/v1/mgmt/sso/idp/app/wsfed/update",
        sso_apps::update_wsfed,
    ),
    ("POST", "/v1/mgmt/sso/idp/app/delete", sso_apps::delete),
    ("GET", "/v1/mgmt/sso/idp/app/load", sso_apps::load),
    ("GET", "/v1/mgmt/sso/idp/apps/load", sso_apps::load_all),
    ("GET", "/v1/mgmt/sso/idp/app/secret", sso_apps::get_secret),
    (
        "POST",
        "/v1/mgmt/sso/idp/app/rotate",
        sso_apps::rotate_secret,
    ),
    // SSO settings
    ("GET", "/v2/mgmt/sso/settings", sso::load_settings),
    ("GET", "/v2/mgmt/sso/settings/all", sso::load_all_settings),
    ("POST", "/v1/mgmt/sso/settings/new", sso::new_settings),
    ("DELETE", "/v1/mgmt/sso/settings", sso::delete_settings),
    ("POST", "/v1/mgmt/sso/saml", sso::configure_saml),
    (
        "POST",
        "/v1/mgmt/sso/saml/metadata",
        sso::configure_saml_metadata,
    ),
    ("POST", "/v1/mgmt/sso/oidc", sso::configure_oidc),
    ("POST", "/v1/mgmt/sso/redirect", sso::configure_redirect),
    (
        "POST",
        "/v1/mgmt/sso/recalculate-mappings",
        sso::recalculate,
    ),
    ("GET", "/v1/mgmt/sso/settings", sso::get_settings_legacy),
    (
        "POST",
        "/v1/mgmt/sso/settings",
        sso::configure_settings_legacy,
    ),
    (
        "POST",
        "/v1/mgmt/sso/metadata",
        sso::configure_metadata_legacy,
    ),
    (
        "POST",
        "/v1/mgmt/sso/mapping",
        sso::configure_mapping_legacy,
    ),
    // JWT
    ("POST", "/v1/mgmt/jwt/update", jwt::update),
    ("POST", "/v1/mgmt/impersonate", jwt::impersonate),
    (
        "POST",
        "/v1/mgmt/impersonate/stepup",
        jwt::impersonate_stepup,
    ),
    (
        "POST",
        "/v1/mgmt/stop/impersonation",
        jwt::stop_impersonation,
    ),
    ("POST", "/v1/mgmt/auth/signin", jwt::sign_in),
    ("POST", "/v1/mgmt/auth/signup", jwt::sign_up),
    ("POST", "/v1/mgmt/auth/signup-in", jwt::sign_up_or_in),
    ("POST", "/v1/mgmt/auth/anonymous", jwt::anonymous),
    (
        "POST",
        "/v1/mgmt/token/clientassertion",
        jwt::client_assertion,
    ),
    // audit
    ("POST", "/v1/mgmt/audit/search", audit::search),
    ("POST", "/v1/mgmt/audit/event", audit::create_event),
    (
        "POST",
        "/v2/mgmt/connector/audit/web/set",
        audit::set_webhook,
    ),
    // groups (read-only)
    ("POST", "/v1/mgmt/group/all", groups::load_all),
    ("POST", "/v1/mgmt/group/member/all", groups::load_for_member),
    ("POST", "/v1/mgmt/group/members", groups::load_members),
    // password settings
    (
        "GET",
        "/v1/mgmt/password/settings",
        password_settings::get_settings,
    ),
    (
        "POST",
        "/v1/mgmt/password/settings",
        password_settings::configure_settings,
    ),
];

/// Which error dialect a route answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `management.user` (user reference §6): every validation failure is `E011003`.
    User,
    /// Everything else (reference §27.2): `E011002` for a missing field, `E011001` for an
    /// unknown key or a wrong JSON type, `E011003` for the rest.
    Management,
}

pub enum Lookup {
    Found(Handler, Family),
    WrongMethod,
    NotFound,
}

pub fn lookup(method: &str, path: &str) -> Lookup {
    let mut path_known = false;
    let tables = [(ROUTES, Family::User), (MGMT_ROUTES, Family::Management)];
    for (table, family) in tables {
        for (m, p, h) in table {
            if *p == path {
                if *m == method {
                    return Lookup::Found(*h, family);
                }
                path_known = true;
            }
        }
    }
    if path_known {
        Lookup::WrongMethod
    } else {
        Lookup::NotFound
    }
}

/// Runs one API request against the store: route, handler, audit record, error dialect.
pub fn handle(store: &mut Store, method: &str, path: &str, call: &Call) -> ApiResult<Value> {
    let (handler, family) = match lookup(method, path) {
        Lookup::Found(h, f) => (h, f),
        Lookup::WrongMethod => return Err(ApiError::method_not_allowed(method, path)),
        Lookup::NotFound => return Err(ApiError::not_found_path(path)),
    };
    let pre = audit::is_recorded(method, path).then(|| audit::before(store, path, call));
    let result = handler(store, call);
    if let (Ok(answer), Some(pre)) = (&result, pre) {
        audit::record(store, method, path, call, pre, answer);
    }
    match family {
        Family::User => result,
        Family::Management => result.map_err(management_dialect),
    }
}

/// Re-codes the strict parser's errors as reference §27.2 recommends for these groups:
/// `"x" is required` → `E011002` "The x field is required" (the service's observed wording),
/// unknown keys and wrong JSON types → `E011001`. Other errors are left alone.
pub fn management_dialect(e: ApiError) -> ApiError {
    if e.code != INVALID_REQUEST {
        return e;
    }
    let d = e.description.as_str();
    if let Some(field) = d
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix("\" is required"))
    {
        let text = format!("The {field} field is required");
        return ApiError::new(e.status, MISSING_FIELD, text);
    }
    const TYPES: &[&str] = &[
        "a string",
        "a boolean",
        "an integer",
        "an array",
        "an object",
        "an array of strings",
    ];
    let type_error = d.starts_with('"')
        && TYPES
            .iter()
            .any(|t| d.ends_with(&format!("\" must be {t}")));
    let shape_error = d.starts_with("unknown key \"")
        || d.ends_with("\" disagree")
        || d == "the request body must be a JSON object";
    if type_error || shape_error {
        let message = e.message.clone();
        return ApiError::new(e.status, BAD_JSON, e.description).with_message(message);
    }
    e
}

/// `{}`: the answer of void operations.
pub fn empty() -> Value {
    Value::Object(Map::new())
}
