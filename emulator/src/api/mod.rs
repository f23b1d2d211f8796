//! The management API: tables from (method, path) to synchronous handlers over the store —
//! `ROUTES` for the user API, `MGMT_ROUTES` for the groups of issue 14, `REST_ROUTES` for
//! those of issue 15, `PARAM_ROUTES` for the few paths that end in a parameter. Handlers
//! parse strictly, validate everything, and only then change the store, so a rejected request
//! never leaves a half-applied change; a successful change is then recorded in the audit
//! trail.

use serde_json::{Map, Value};

use crate::body::Obj;
use crate::config::Config;
use crate::error::{ApiError, ApiResult, BAD_JSON, INVALID_REQUEST, MISSING_FIELD};
use crate::store::Store;

pub mod access_keys;
pub mod analytics;
pub mod audit;
mod auth;
pub mod authz;
pub mod common;
pub mod descopers;
pub mod engines;
pub mod fga;
mod fields;
pub mod flows;
mod groups;
pub mod inbound_apps;
pub mod jwt;
pub mod jwt_templates;
pub mod lists;
pub mod mgmt_keys;
pub mod outbound_apps;
mod password_settings;
mod project;
pub mod projects;
pub mod roles;
pub mod scope_claims;
mod search;
pub mod sso;
pub mod sso_apps;
pub mod tenants;
mod users;

/// What a handler sees of the request.
pub struct Call<'a> {
    /// The request path as received (percent-encoded), for path-parameter routes.
    pub path: &'a str,
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

/// The groups of issue 15 (reference §12–§25), answered with the §27.2 error codes.
pub const REST_ROUTES: &[(&str, &str, Handler)] = &[
    // lists
    ("POST", "/v1/mgmt/list", lists::create),
    ("POST", "/v1/mgmt/list/update", lists::update),
    ("POST", "/v1/mgmt/list/delete", lists::delete),
    ("GET", "/v1/mgmt/list/all", lists::load_all),
    ("POST", "/v1/mgmt/list/import", lists::import),
    ("POST", "/v1/mgmt/list/ip/add", lists::add_ips),
    ("POST", "/v1/mgmt/list/ip/remove", lists::remove_ips),
    ("POST", "/v1/mgmt/list/ip/check", lists::check_ip),
    ("POST", "/v1/mgmt/list/text/add", lists::add_texts),
    ("POST", "/v1/mgmt/list/text/remove", lists::remove_texts),
    ("POST", "/v1/mgmt/list/text/check", lists::check_text),
    ("POST", "/v1/mgmt/list/clear", lists::clear),
    // management keys (PUT create, PATCH update)
    ("PUT", "/v1/mgmt/managementkey", mgmt_keys::create),
    ("PATCH", "/v1/mgmt/managementkey", mgmt_keys::update),
    ("GET", "/v1/mgmt/managementkey", mgmt_keys::load),
    ("POST", "/v1/mgmt/managementkey/delete", mgmt_keys::delete),
    ("GET", "/v1/mgmt/managementkey/search", mgmt_keys::search),
    // descopers (PUT create, PATCH update, DELETE with a query, POST list with no body)
    ("PUT", "/v1/mgmt/descoper", descopers::create),
    ("PATCH", "/v1/mgmt/descoper", descopers::update),
    ("GET", "/v1/mgmt/descoper", descopers::load),
    ("DELETE", "/v1/mgmt/descoper", descopers::delete),
    ("POST", "/v1/mgmt/descoper/list", descopers::list),
    // JWT templates (every call a POST)
    (
        "POST",
        "/v1/mgmt/jwt/templates/create",
        jwt_templates::create,
    ),
    (
        "POST",
        "/v1/mgmt/jwt/templates/update",
        jwt_templates::update,
    ),
    (
        "POST",
        "/v1/mgmt/jwt/templates/delete",
        jwt_templates::delete,
    ),
    ("POST", "/v1/mgmt/jwt/templates/list", jwt_templates::list),
    ("POST", "/v1/mgmt/jwt/templates/load", jwt_templates::load),
    (
        "POST",
        "/v1/mgmt/jwt/templates/validate",
        jwt_templates::validate,
    ),
    (
        "POST",
        "/v1/mgmt/jwt/templates/library/list",
        jwt_templates::list_library,
    ),
    (
        "POST",
        "/v1/mgmt/jwt/templates/library/load",
        jwt_templates::load_library_entry,
    ),
    (
        "POST",
        "/v1/mgmt/jwt/templates/library/apply",
        jwt_templates::apply_from_library,
    ),
    // engines
    ("POST", "/v1/mgmt/engine/create", engines::create),
    ("POST", "/v1/mgmt/engine/update", engines::update),
    ("POST", "/v1/mgmt/engine/delete", engines::delete),
    ("GET", "/v1/mgmt/engine/load", engines::load),
    ("GET", "/v1/mgmt/engines/load", engines::load_all),
    ("POST", "/v1/mgmt/engine/rotate", engines::rotate),
    // scope-claim mapping (camel case in the path)
    ("POST", "/v1/mgmt/scopeClaimMapping/get", scope_claims::get),
    ("POST", "/v1/mgmt/scopeClaimMapping/set", scope_claims::set),
    (
        "POST",
        "/v1/mgmt/scopeClaimMapping/delete",
        scope_claims::delete,
    ),
    // inbound (third-party) applications
    (
        "POST",
        "/v1/mgmt/thirdparty/app/create",
        inbound_apps::create,
    ),
    (
        "POST",
        "/v1/mgmt/thirdparty/app/update",
        inbound_apps::update,
    ),
    ("POST", "/v1/mgmt/thirdparty/app/patch", inbound_apps::patch),
    (
        "POST",
        "/v1/mgmt/thirdparty/app/delete",
        inbound_apps::delete,
    ),
    (
        "POST",
        "/v1/mgmt/thirdparty/app/delete/batch",
        inbound_apps::delete_batch,
    ),
    ("GET", "/v1/mgmt/thirdparty/app/load", inbound_apps::load),
    (
        "GET",
        "/v1/mgmt/thirdparty/apps/load",
        inbound_apps::load_all,
    ),
    (
        "GET",
        "/v1/mgmt/thirdparty/app/secret",
        inbound_apps::get_secret,
    ),
    (
        "POST",
        "/v1/mgmt/thirdparty/app/rotate",
        inbound_apps::rotate_secret,
    ),
    (
        "POST",
        "/v1/mgmt/thirdparty/consents/search",
        inbound_apps::search_consents,
    ),
    (
        "POST",
        "/v1/mgmt/thirdparty/consents/delete",
        inbound_apps::delete_consents,
    ),
    (
        "POST",
        "/v1/mgmt/thirdparty/consents/delete/tenant",
        inbound_apps::delete_tenant_consents,
    ),
    // outbound applications and their token vault
    (
        "POST",
        "/v1/mgmt/outbound/app/create",
        outbound_apps::create,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/create/bytemplate",
        outbound_apps::create_by_template,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/update",
        outbound_apps::update,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/delete",
        outbound_apps::delete,
    ),
    ("GET", "/v1/mgmt/outbound/apps", outbound_apps::load_all),
    (
        "POST",
        "/v1/mgmt/outbound/app/user/token",
        outbound_apps::fetch_user_token_by_scopes,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/user/token/latest",
        outbound_apps::fetch_user_token,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/tenant/token",
        outbound_apps::fetch_tenant_token_by_scopes,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/tenant/token/latest",
        outbound_apps::fetch_tenant_token,
    ),
    (
        "DELETE",
        "/v1/mgmt/outbound/user/tokens",
        outbound_apps::delete_user_tokens,
    ),
    (
        "DELETE",
        "/v1/mgmt/outbound/token",
        outbound_apps::delete_token,
    ),
    (
        "GET",
        "/v1/mgmt/outbound/apps-with-user-token",
        outbound_apps::list_apps_with_user_token,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/user/apikey/upload",
        outbound_apps::upload_user_api_key,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/tenant/apikey/upload",
        outbound_apps::upload_tenant_api_key,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/user/oauthtoken/upload",
        outbound_apps::upload_user_token,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/tenant/oauthtoken/upload",
        outbound_apps::upload_tenant_token,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/user/oauthtoken/batch/upload",
        outbound_apps::batch_upload_user_tokens,
    ),
    (
        "POST",
        "/v1/mgmt/outbound/app/tenant/oauthtoken/batch/upload",
        outbound_apps::batch_upload_tenant_tokens,
    ),
    // authz (ReBAC)
    ("POST", "/v1/mgmt/authz/schema/save", authz::save_schema),
    // shared by authz.deleteSchema and fga.deleteSchema: both stores are cleared
    ("POST", "/v1/mgmt/authz/schema/delete", authz::delete_schema),
    ("POST", "/v1/mgmt/authz/schema/load", authz::load_schema),
    ("POST", "/v1/mgmt/authz/ns/save", authz::save_namespace),
    ("POST", "/v1/mgmt/authz/ns/delete", authz::delete_namespace),
    (
        "POST",
        "/v1/mgmt/authz/rd/save",
        authz::save_relation_definition,
    ),
    (
        "POST",
        "/v1/mgmt/authz/rd/delete",
        authz::delete_relation_definition,
    ),
    ("POST", "/v1/mgmt/authz/re/create", authz::create_relations),
    ("POST", "/v1/mgmt/authz/re/delete", authz::delete_relations),
    (
        "POST",
        "/v1/mgmt/authz/re/deleteresources",
        authz::delete_for_ids,
    ),
    (
        "POST",
        "/v1/mgmt/authz/re/deleteresourcesrelations",
        authz::delete_resource_relations,
    ),
    ("POST", "/v1/mgmt/authz/re/has", authz::has_relations),
    ("POST", "/v1/mgmt/authz/re/who", authz::who_can_access),
    (
        "POST",
        "/v1/mgmt/authz/re/resource",
        authz::resource_relations,
    ),
    (
        "POST",
        "/v1/mgmt/authz/re/targets",
        authz::targets_relations,
    ),
    (
        "POST",
        "/v1/mgmt/authz/re/targetall",
        authz::what_can_target_access,
    ),
    (
        "POST",
        "/v1/mgmt/authz/re/targetwithrelation",
        authz::what_can_target_access_with_relation,
    ),
    ("POST", "/v1/mgmt/authz/getmodified", authz::get_modified),
    // FGA
    ("POST", "/v1/mgmt/fga/schema", fga::save_schema),
    ("GET", "/v1/mgmt/fga/schema", fga::load_schema),
    ("POST", "/v1/mgmt/fga/schema/dryrun", fga::dry_run_schema),
    ("POST", "/v1/mgmt/fga/relations", fga::create_relations),
    (
        "DELETE",
        "/v1/mgmt/fga/relations",
        fga::delete_all_relations,
    ),
    (
        "POST",
        "/v1/mgmt/fga/relations/delete",
        fga::delete_relations,
    ),
    ("POST", "/v1/mgmt/fga/check", fga::check),
    (
        "POST",
        "/v1/mgmt/fga/resources/load",
        fga::load_resources_details,
    ),
    (
        "POST",
        "/v1/mgmt/fga/resources/save",
        fga::save_resources_details,
    ),
    (
        "GET",
        "/v1/mgmt/fga/mappable/schema",
        fga::load_mappable_schema,
    ),
    (
        "POST",
        "/v1/mgmt/fga/mappable/resources",
        fga::search_mappable_resources,
    ),
    // flows and the theme
    ("POST", "/v1/mgmt/flow/list", flows::list),
    ("POST", "/v1/mgmt/flow/delete", flows::delete),
    ("POST", "/v1/mgmt/flow/export", flows::export),
    ("POST", "/v1/mgmt/flow/import", flows::import),
    ("POST", "/v1/mgmt/flow/run", flows::run),
    ("POST", "/v1/mgmt/theme/export", flows::theme_export),
    ("POST", "/v1/mgmt/theme/import", flows::theme_import),
    // analytics (from the audit trail)
    ("POST", "/v1/mgmt/analytics/search", analytics::search),
    // projects
    (
        "POST",
        "/v1/mgmt/project/update/name",
        projects::update_name,
    ),
    (
        "POST",
        "/v1/mgmt/project/update/tags",
        projects::update_tags,
    ),
    ("POST", "/v1/mgmt/project/delete", projects::delete),
    ("POST", "/v1/mgmt/project/clone", projects::clone),
    ("POST", "/v1/mgmt/projects/list", projects::list_projects),
    (
        "POST",
        "/v1/mgmt/project/snapshot/export",
        projects::export_snapshot,
    ),
    (
        "POST",
        "/v1/mgmt/project/snapshot/import",
        projects::import_snapshot,
    ),
    (
        "POST",
        "/v1/mgmt/project/snapshot/validate",
        projects::validate_snapshot,
    ),
];

/// Routes whose last path segment is a parameter (`/v1/mgmt/list/{id}`): the prefix, then
/// one non-empty segment without `/`. Exact routes win; the handler decodes the segment.
pub const PARAM_ROUTES: &[(&str, &str, Handler)] = &[
    ("GET", "/v1/mgmt/list/name/", lists::load_by_name),
    ("GET", "/v1/mgmt/list/", lists::load),
    ("GET", "/v1/mgmt/outbound/app/", outbound_apps::load),
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
    let tables = [
        (ROUTES, Family::User),
        (MGMT_ROUTES, Family::Management),
        (REST_ROUTES, Family::Management),
    ];
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
    for (m, prefix, h) in PARAM_ROUTES {
        let Some(rest) = path.strip_prefix(prefix) else {
            continue;
        };
        if rest.is_empty() || rest.contains('/') {
            continue;
        }
        if *m == method {
            return Lookup::Found(*h, Family::Management);
        }
        path_known = true;
    }
    if path_known {
        Lookup::WrongMethod
    } else {
        Lookup::NotFound
    }
}

/// Paths of company-level entities: whichever project's bearer calls them, they run on the
/// first project, which holds them (and the list of projects).
const COMPANY_LEVEL: &[&str] = &[
    "/v1/mgmt/descoper",
    "/v1/mgmt/managementkey",
    "/v1/mgmt/projects/list",
];

/// Runs one API request for `project`: the store's own, or a project cloned from it (taken
/// out while its handler runs; projects it clones in turn join the first project's list).
pub fn handle_for(
    store: &mut Store,
    project: &str,
    method: &str,
    path: &str,
    call: &Call,
) -> ApiResult<Value> {
    let company = COMPANY_LEVEL.iter().any(|p| path.starts_with(p));
    let Some(i) = store
        .clones
        .iter()
        .position(|c| c.project_id == project)
        .filter(|_| project != store.project_id && !company)
    else {
        return handle(store, method, path, call);
    };
    let mut clone = std::mem::take(&mut store.clones[i]);
    let config = Config {
        project_id: project.to_string(),
        ..call.config.clone()
    };
    let call = Call {
        config: &config,
        ..*call
    };
    let result = handle(&mut clone, method, path, &call);
    let born = std::mem::take(&mut clone.clones);
    if clone.deleted {
        store.clones.remove(i);
    } else {
        store.clones[i] = clone;
    }
    store.clones.extend(born);
    result
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
