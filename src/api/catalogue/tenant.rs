//! `management.tenant` (reference §2): tenants, their settings and SSO setup links.

use super::f;
use crate::api::engine::{Arg, Choice, Row, Rule, Schema, Ty};
use crate::api::Method::{Get, Post};
use crate::api::Unwrap::{self, Key, Whole};

group_rows!("tenant");

const TENANTS: Unwrap = Key("tenants");
const ID: Arg = Arg::new("id", Ty::Id, "id");
const TENANT_ID: Arg = Arg::new("tenantId", Ty::Id, "tenantId");
const NAME: Arg = Arg::new("name", Ty::Id, "name");
const DOMAINS: Arg = Arg::new(
    "selfProvisioningDomains",
    Ty::Strings,
    "selfProvisioningDomains",
)
.opt();
const ATTRIBUTES: Arg = Arg::new("customAttributes", Ty::Map(&Ty::Attr), "customAttributes").opt();
const ENFORCE_SSO: Arg = Arg::new("enforceSSO", Ty::Bool, "enforceSSO").opt();
const DISABLED: Arg = Arg::new("disabled", Ty::Bool, "disabled").opt();
const PARENT: Arg = Arg::new("parent", Ty::Id, "parent").opt();
const INHERITANCE: Arg = Arg::new("roleInheritance", ROLE_INHERITANCE, "roleInheritance").opt();
const SSO_ID: Arg = Arg::new("ssoId", Ty::Str, "ssoId");

/// How a sub-tenant inherits its parent's roles (`""`: the project's default).
const ROLE_INHERITANCE: Ty = Ty::Enum(&Choice::new("RoleInheritance", &["", "none", "userOnly"]));
const UNIT: Ty = Ty::Enum(&Choice::new(
    "TimeUnit",
    &["minutes", "hours", "days", "weeks"],
));

static SSO_SUITE_FEATURES: Schema = Schema {
    name: "SsoSetupSuiteDisabledFeatures",
    fields: &[&[
        f("saml", Ty::Bool),
        f("oidc", Ty::Bool),
        f("scim", Ty::Bool),
        f("ssoDomains", Ty::Bool),
        f("groupMapping", Ty::Bool),
    ]],
    rule: Rule::None,
};

static SSO_SUITE: Schema = Schema {
    name: "SsoSetupSuiteSettings",
    fields: &[&[
        f("enabled", Ty::Bool),
        f("styleId", Ty::Str),
        f("disabledFeatures", Ty::Obj(&SSO_SUITE_FEATURES)),
    ]],
    rule: Rule::None,
};

/// A tenant's settings (a full overwrite). node-sdk's type spells `InactivityTime` and
/// `InactivityTimeUnit`, and its README `sessionSettingsEnabled`; the service reads
/// `inactivityTime`, `inactivityTimeUnit` and `enabled`, which is what is sent (either
/// spelling is taken).
pub static TENANT_SETTINGS: Schema = Schema {
    name: "TenantSettings",
    fields: &[&[
        f("selfProvisioningDomains", Ty::Strings),
        f("domains", Ty::Strings),
        f(
            "authType",
            Ty::Enum(&Choice::new("TenantAuthType", &["none", "saml", "oidc"])),
        ),
        f("enabled", Ty::Bool),
        f("sessionSettingsEnabled", Ty::Bool).wire("enabled"),
        f("refreshTokenExpiration", Ty::Count),
        f("refreshTokenExpirationUnit", UNIT),
        f("sessionTokenExpiration", Ty::Count),
        f("sessionTokenExpirationUnit", UNIT),
        f("stepupTokenExpiration", Ty::Count),
        f("stepupTokenExpirationUnit", UNIT),
        f("enableInactivity", Ty::Bool),
        f("inactivityTime", Ty::Count),
        f("InactivityTime", Ty::Count).wire("inactivityTime"),
        f("inactivityTimeUnit", UNIT),
        f("InactivityTimeUnit", UNIT).wire("inactivityTimeUnit"),
        f("JITDisabled", Ty::Bool),
        f("ssoSetupSuiteSettings", Ty::Obj(&SSO_SUITE)),
        f("enforceSSO", Ty::Bool),
        f("enforceSSOExclusions", Ty::Strings),
        f("federatedAppIds", Ty::Strings),
    ]],
    rule: Rule::None,
};

/// The keys a tenant carries on create and update, after its name.
const TENANT_ARGS: &[Arg] = &[
    NAME,
    DOMAINS,
    ATTRIBUTES,
    ENFORCE_SSO,
    DISABLED,
    PARENT,
    INHERITANCE,
];

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("create", "create", Post, "/v1/mgmt/tenant/create", Whole,
        "Creates a tenant (a sub-tenant of `parent`); its ID is generated.")
        .returns("Created")
        .args(TENANT_ARGS)
        .creates(),
    row("createWithId", "create_with_id", Post, "/v1/mgmt/tenant/create", Whole,
        "Creates a tenant with the ID given (IDs and names are unique).")
        .returns("Created")
        .args(&[ID, NAME, DOMAINS, ATTRIBUTES, ENFORCE_SSO, DISABLED, PARENT, INHERITANCE])
        .creates(),
    row("update", "update", Post, "/v1/mgmt/tenant/update", Whole,
        "Replaces a tenant (a full overwrite: a key left out is cleared; no re-parenting).")
        .returns("Empty")
        .args(&[ID, NAME, DOMAINS, ATTRIBUTES, ENFORCE_SSO, DISABLED, INHERITANCE]),
    row("updateDefaultRoles", "update_default_roles", Post, "/v1/mgmt/tenant/updateDefaultRoles", Whole,
        "Sets the project roles given to the tenant's users (`[]` clears them).")
        .returns("Empty")
        .args(&[ID, Arg::new("defaultRoles", Ty::IdList, "defaultRoles")]),
    row("delete", "delete", Post, "/v1/mgmt/tenant/delete", Whole,
        "Deletes a tenant; with `cascade`, also the users and keys left with no tenant.")
        .returns("Empty")
        .args(&[ID, Arg::new("cascade", Ty::Bool, "cascade").opt()]),
    row("load", "load", Get, "/v1/mgmt/tenant", Whole, "Loads a tenant.")
        .returns("Tenant")
        .args(&[ID]),
    row("loadAll", "load_all", Get, "/v1/mgmt/tenant/all", TENANTS, "Lists every tenant.")
        .returns("Tenant[]"),
    row("searchAll", "search_all", Post, "/v1/mgmt/tenant/search", TENANTS,
        "Searches tenants (every filter given must match; no paging).")
        .returns("Tenant[]")
        .args(&[
            Arg::new("ids", Ty::IdList, "tenantIds").opt(),
            Arg::new("names", Ty::IdList, "tenantNames").opt(),
            Arg::new("selfProvisioningDomains", Ty::Strings, "tenantSelfProvisioningDomains").opt(),
            ATTRIBUTES,
            Arg::new("parentTenantId", Ty::Id, "parentTenantId").opt(),
        ]),
    row("getSettings", "get_settings", Get, "/v1/mgmt/tenant/settings", Whole,
        "Reads a tenant's settings.")
        .returns("TenantSettingsAnswer")
        .args(&[Arg::new("tenantId", Ty::Id, "id")]),
    row("configureSettings", "configure_settings", Post, "/v1/mgmt/tenant/settings", Whole,
        "Replaces a tenant's settings (a full overwrite).")
        .returns("Empty")
        .args(&[TENANT_ID, Arg::spread("settings", &TENANT_SETTINGS)]),
    row("generateSSOConfigurationLink", "generate_sso_configuration_link", Post, "/v2/mgmt/tenant/adminlinks/sso/generate", Whole,
        "Makes a link to the SSO setup suite, valid for `expireDuration` seconds (a credential: kept out of errors).")
        .returns("SsoConfigurationLink")
        .args(&[
            TENANT_ID,
            Arg::new("expireDuration", Ty::Count, "expireTime"),
            SSO_ID.opt(),
            Arg::new("email", Ty::Str, "email").opt(),
            Arg::new("templateId", Ty::Str, "templateId").opt(),
            Arg::new("actorId", Ty::Str, "actorId").opt(),
        ])
        .secret(),
    row("revokeSSOConfigurationLink", "revoke_sso_configuration_link", Post, "/v1/mgmt/tenant/adminlinks/sso/revoke", Whole,
        "Revokes the SSO setup links of a tenant (of one SSO configuration with `ssoId`).")
        .returns("Empty")
        .args(&[TENANT_ID, SSO_ID.truthy()]),
];
