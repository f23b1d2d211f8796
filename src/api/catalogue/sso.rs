//! `management.sso` (reference §7): a tenant's SSO configurations, where the tenant's IdP
//! signs users in. node-sdk reshapes the settings it answers (§7.3): the rows say so with
//! their `Unwrap`, and `api::answer` does it.

use super::f;
use crate::api::engine::{Arg, Choice, Row, Rule, Schema, Ty};
use crate::api::Method::{Delete, Get, Post};
use crate::api::Unwrap::{SsoSettings, SsoSettingsList, Whole};

group_rows!("sso");

const TENANT_ID: Arg = Arg::new("tenantId", Ty::Id, "tenantId");
/// Sent only when truthy, as node-sdk does for every `ssoId` of this group.
const SSO_ID: Arg = Arg::new("ssoId", Ty::Str, "ssoId").truthy();
const DOMAINS: Arg = Arg::new("domains", Ty::Strings, "domains").opt();
const ROLE_MAPPINGS: Arg =
    Arg::new("roleMappings", Ty::List(&ROLE_MAPPING_OBJ), "roleMappings").opt();

/// IdP groups that give a role.
pub static ROLE_MAPPING: Schema = Schema {
    name: "RoleMapping",
    fields: &[&[
        f("groups", Ty::Strings).required(),
        f("roleName", Ty::Str).required(),
    ]],
    rule: Rule::None,
};

const MAPPED: &[crate::api::engine::Field] = &[
    f("name", Ty::Str),
    f("email", Ty::Str),
    f("username", Ty::Str),
    f("phoneNumber", Ty::Str),
    f("givenName", Ty::Str),
    f("middleName", Ty::Str),
    f("familyName", Ty::Str),
    f("picture", Ty::Str),
    f("verifiedEmail", Ty::Str),
    f("verifiedPhone", Ty::Str),
    f("group", Ty::Str),
    f("customAttributes", Ty::Map(&Ty::Str)),
];

/// Which IdP attribute fills each user field (values are the IdP's attribute names).
pub static ATTRIBUTE_MAPPING: Schema = Schema {
    name: "AttributeMapping",
    fields: &[MAPPED],
    rule: Rule::None,
};

/// The OIDC mapping: that of SAML, and the login ID.
pub static OIDC_ATTRIBUTE_MAPPING: Schema = Schema {
    name: "OidcAttributeMapping",
    fields: &[&[f("loginId", Ty::Str)], MAPPED],
    rule: Rule::None,
};

static ROLE_MAPPING_OBJ: Ty = Ty::Obj(&ROLE_MAPPING);

const SAML_COMMON: &[crate::api::engine::Field] = &[
    f("roleMappings", Ty::List(&ROLE_MAPPING_OBJ)),
    f("attributeMapping", Ty::Obj(&ATTRIBUTE_MAPPING)),
    f("defaultSSORoles", Ty::Strings),
    f("spACSUrl", Ty::Str),
    f("spEntityId", Ty::Str),
];

/// A SAML IdP given by hand.
pub static SAML_SETTINGS: Schema = Schema {
    name: "SamlSettings",
    fields: &[
        &[
            f("idpUrl", Ty::Str).required(),
            f("idpCert", Ty::Str).required(),
            f("entityId", Ty::Str).required(),
        ],
        SAML_COMMON,
    ],
    rule: Rule::None,
};

/// A SAML IdP given by its metadata URL.
pub static SAML_METADATA_SETTINGS: Schema = Schema {
    name: "SamlByMetadataSettings",
    fields: &[
        &[
            f("idpMetadataUrl", Ty::Str).required(),
            f("entityId", Ty::Str),
        ],
        SAML_COMMON,
    ],
    rule: Rule::None,
};

/// An OIDC IdP. node-sdk's `attributeMapping` is sent as the service's `userAttrMapping`.
pub static OIDC_SETTINGS: Schema = Schema {
    name: "OidcSettings",
    fields: &[&[
        f("name", Ty::Str).required(),
        f("clientId", Ty::Str).required(),
        f("clientSecret", Ty::Str),
        f("redirectUrl", Ty::Str),
        f("authUrl", Ty::Str),
        f("tokenUrl", Ty::Str),
        f("userDataUrl", Ty::Str),
        f("scope", Ty::Strings),
        f("JWKsUrl", Ty::Str),
        f("attributeMapping", Ty::Obj(&OIDC_ATTRIBUTE_MAPPING)).wire("userAttrMapping"),
        f("manageProviderTokens", Ty::Bool),
        f("callbackDomain", Ty::Str),
        f("prompt", Ty::List(&PROMPT)),
        f(
            "grantType",
            Ty::Enum(&Choice::new(
                "OidcGrantType",
                &["authorization_code", "implicit"],
            )),
        ),
        f("issuer", Ty::Str),
        f("roleMappings", Ty::List(&ROLE_MAPPING_OBJ)),
        f("defaultSSORoles", Ty::Strings),
    ]],
    rule: Rule::None,
};

static PROMPT: Ty = Ty::Enum(&Choice::new(
    "OidcPrompt",
    &["none", "login", "consent", "select_account"],
));

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("getSettings", "get_settings", Get, "/v1/mgmt/sso/settings", Whole,
        "Reads a tenant's SSO settings in the old flat form (use loadSettings).")
        .returns("LegacySsoSettings")
        .args(&[TENANT_ID])
        .deprecated(),
    row("newSettings", "new_settings", Post, "/v1/mgmt/sso/settings/new", SsoSettings,
        "Adds an SSO configuration to a tenant (its ID generated when `ssoId` is empty).")
        .returns("SsoSettings")
        .args(&[TENANT_ID, SSO_ID, Arg::new("displayName", Ty::Str, "displayName")])
        .creates(),
    row("deleteSettings", "delete_settings", Delete, "/v1/mgmt/sso/settings", Whole,
        "Deletes a tenant's SSO configuration (the default one without `ssoId`).")
        .returns("Empty")
        .args(&[TENANT_ID, SSO_ID]),
    row("configureSettings", "configure_settings", Post, "/v1/mgmt/sso/settings", Whole,
        "Configures a tenant's SAML IdP by hand (use configureSAMLSettings).")
        .returns("Empty")
        .args(&[
            TENANT_ID,
            Arg::new("idpURL", Ty::Str, "idpURL"),
            Arg::new("idpCert", Ty::Str, "idpCert"),
            Arg::new("entityId", Ty::Str, "entityId"),
            Arg::new("redirectURL", Ty::Str, "redirectURL"),
            Arg::new("domains", Ty::Strings, "domains"),
        ])
        .deprecated(),
    row("configureMetadata", "configure_metadata", Post, "/v1/mgmt/sso/metadata", Whole,
        "Configures a tenant's SAML IdP by metadata URL (use configureSAMLByMetadata).")
        .returns("Empty")
        .args(&[
            TENANT_ID,
            Arg::new("idpMetadataURL", Ty::Str, "idpMetadataURL"),
            Arg::new("redirectURL", Ty::Str, "redirectURL"),
            Arg::new("domains", Ty::Strings, "domains"),
        ])
        .deprecated(),
    row("configureMapping", "configure_mapping", Post, "/v1/mgmt/sso/mapping", Whole,
        "Sets a tenant's SSO role and attribute mappings (use the configure calls' settings).")
        .returns("Empty")
        .args(&[
            TENANT_ID,
            ROLE_MAPPINGS,
            Arg::new("attributeMapping", Ty::Obj(&ATTRIBUTE_MAPPING), "attributeMapping").opt(),
            Arg::new("defaultSSORoles", Ty::Strings, "defaultSSORoles").opt(),
        ])
        .deprecated(),
    row("configureOIDCSettings", "configure_oidc_settings", Post, "/v1/mgmt/sso/oidc", Whole,
        "Configures a tenant's OIDC IdP (`domains` replace the SSO domains).")
        .returns("Empty")
        .args(&[
            TENANT_ID,
            Arg::new("settings", Ty::Obj(&OIDC_SETTINGS), "settings"),
            DOMAINS,
            SSO_ID,
        ]),
    row("configureSAMLSettings", "configure_saml_settings", Post, "/v1/mgmt/sso/saml", Whole,
        "Configures a tenant's SAML IdP by hand (`redirectUrl` and `domains` replace what is set, even left out).")
        .returns("Empty")
        .args(&[
            TENANT_ID,
            Arg::new("settings", Ty::Obj(&SAML_SETTINGS), "settings"),
            Arg::new("redirectUrl", Ty::Str, "redirectUrl").opt(),
            DOMAINS,
            SSO_ID,
        ]),
    row("configureSAMLByMetadata", "configure_saml_by_metadata", Post, "/v1/mgmt/sso/saml/metadata", Whole,
        "Configures a tenant's SAML IdP by metadata URL (`redirectUrl` and `domains` replace what is set, even left out).")
        .returns("Empty")
        .args(&[
            TENANT_ID,
            Arg::new("settings", Ty::Obj(&SAML_METADATA_SETTINGS), "settings"),
            Arg::new("redirectUrl", Ty::Str, "redirectUrl").opt(),
            DOMAINS,
            SSO_ID,
        ]),
    row("configureSSORedirectURL", "configure_sso_redirect_url", Post, "/v1/mgmt/sso/redirect", Whole,
        "Sets only the redirect URLs of a tenant's SSO (`\"\"` is sent; a URL left out is not).")
        .returns("Empty")
        .args(&[
            TENANT_ID,
            Arg::new("samlRedirectUrl", Ty::Str, "samlRedirectUrl").opt(),
            Arg::new("oauthRedirectUrl", Ty::Str, "oauthRedirectUrl").opt(),
            SSO_ID,
        ]),
    row("recalculateSSOMappings", "recalculate_sso_mappings", Post, "/v1/mgmt/sso/recalculate-mappings", Whole,
        "Applies a tenant's group-to-role mappings again to its SSO users.")
        .returns("Empty")
        .args(&[TENANT_ID, SSO_ID]),
    row("loadSettings", "load_settings", Get, "/v2/mgmt/sso/settings", SsoSettings,
        "Loads a tenant's SSO configuration (the default one without `ssoId`).")
        .returns("SsoSettings")
        .args(&[TENANT_ID, SSO_ID]),
    row("loadAllSettings", "load_all_settings", Get, "/v2/mgmt/sso/settings/all", SsoSettingsList,
        "Loads every SSO configuration of a tenant.")
        .returns("SsoSettings[]")
        .args(&[TENANT_ID]),
];
