//! `management.ssoApplication` (reference §6): applications for which Descope is the
//! identity provider (OIDC, SAML, WS-Fed). Their secrets are answered once and never quoted
//! in an error.

use super::f;
use crate::api::engine::{Arg, Choice, Field, Preset, Row, Rule, Schema, Ty};
use crate::api::Method::{Get, Post};
use crate::api::Unwrap::{Key, Whole};

group_rows!("ssoApplication");

const ID: Arg = Arg::new("id", Ty::Id, "id");

/// What every kind of application has; `id` is generated when left out.
const COMMON: &[Field] = &[
    f("id", Ty::Str),
    f("name", Ty::Id).required(),
    f("loginPageUrl", Ty::Str).required(),
    f("description", Ty::Str),
    f("logo", Ty::Str),
    f("forceAuthentication", Ty::Bool),
];
/// node-sdk sends `enabled: options.enabled ?? true` on create...
const ENABLED_ON_CREATE: &[Field] = &[f("enabled", Ty::Bool).or(Preset::True)];
/// ...and nothing on update, where the service overwrites every field: an update that
/// leaves `enabled` out disables the application.
const ENABLED: &[Field] = &[f("enabled", Ty::Bool)];
/// The update's `id` is required.
const UPDATE_ID: &[Field] = &[f("id", Ty::Id).required()];

static ATTRIBUTE_MAPPING: Schema = Schema {
    name: "SamlIdpAttributeMapping",
    fields: &[&[
        f("name", Ty::Str).required(),
        f("type", Ty::Str),
        f("value", Ty::Str),
    ]],
    rule: Rule::None,
};

static ROLE_REF: Schema = Schema {
    name: "SamlIdpRoleRef",
    fields: &[&[f("id", Ty::Str), f("name", Ty::Str)]],
    rule: Rule::None,
};

static GROUP_MAPPING: Schema = Schema {
    name: "SamlIdpGroupsMapping",
    fields: &[&[
        f("name", Ty::Str).required(),
        f("type", Ty::Str),
        f("filterType", Ty::Str),
        f("value", Ty::Str),
        f("roles", Ty::List(&ROLE_REF_OBJ)),
    ]],
    rule: Rule::None,
};

static ROLE_REF_OBJ: Ty = Ty::Obj(&ROLE_REF);
static ATTRIBUTE_MAPPING_OBJ: Ty = Ty::Obj(&ATTRIBUTE_MAPPING);
static GROUP_MAPPING_OBJ: Ty = Ty::Obj(&GROUP_MAPPING);

const SAML: &[Field] = &[
    f("useMetadataInfo", Ty::Bool),
    f("metadataUrl", Ty::Str),
    f("entityId", Ty::Str),
    f("acsUrl", Ty::Str),
    f("certificate", Ty::Str),
    f("attributeMapping", Ty::List(&ATTRIBUTE_MAPPING_OBJ)),
    f("groupsMapping", Ty::List(&GROUP_MAPPING_OBJ)),
    f("acsAllowedCallbacks", Ty::Strings),
    f(
        "subjectNameIdType",
        Ty::Enum(&Choice::new("SubjectNameIdType", &["", "email", "phone"])),
    ),
    f("subjectNameIdFormat", Ty::Str),
    f("defaultRelayState", Ty::Str),
    f("logoutRedirectUrl", Ty::Str),
    f("defaultSignatureAlgorithm", Ty::Str),
];

const WS_FED: &[Field] = &[
    f("realm", Ty::Str).required(),
    f("replyUrl", Ty::Str).required(),
    f("attributeMapping", Ty::List(&ATTRIBUTE_MAPPING_OBJ)),
    f("groupsMapping", Ty::List(&GROUP_MAPPING_OBJ)),
    f("logoutRedirectUrl", Ty::Str),
    f("errorRedirectUrl", Ty::Str),
];

/// An OIDC application to create (`enabled` unless set `false`).
pub static OIDC_APP: Schema = Schema {
    name: "OidcApplicationOptions",
    fields: &[COMMON, ENABLED_ON_CREATE],
    rule: Rule::None,
};
/// An OIDC application to replace, by `id`.
pub static OIDC_APP_UPDATE: Schema = Schema {
    name: "OidcApplicationUpdate",
    fields: &[UPDATE_ID, &COMMON_AFTER_ID, ENABLED],
    rule: Rule::None,
};
/// A SAML application to create (`enabled` unless set `false`).
pub static SAML_APP: Schema = Schema {
    name: "SamlApplicationOptions",
    fields: &[COMMON, ENABLED_ON_CREATE, SAML],
    rule: Rule::None,
};
/// A SAML application to replace, by `id`.
pub static SAML_APP_UPDATE: Schema = Schema {
    name: "SamlApplicationUpdate",
    fields: &[UPDATE_ID, &COMMON_AFTER_ID, ENABLED, SAML],
    rule: Rule::None,
};
/// A WS-Fed application to create (`enabled` unless set `false`).
pub static WS_FED_APP: Schema = Schema {
    name: "WsFedApplicationOptions",
    fields: &[COMMON, ENABLED_ON_CREATE, WS_FED],
    rule: Rule::None,
};
/// A WS-Fed application to replace, by `id`.
pub static WS_FED_APP_UPDATE: Schema = Schema {
    name: "WsFedApplicationUpdate",
    fields: &[UPDATE_ID, &COMMON_AFTER_ID, ENABLED, WS_FED],
    rule: Rule::None,
};

/// The common keys but `id` (an update's `id` is required).
const COMMON_AFTER_ID: [Field; 5] = [COMMON[1], COMMON[2], COMMON[3], COMMON[4], COMMON[5]];

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("createOidcApplication", "create_oidc_application", Post, "/v1/mgmt/sso/idp/app/oidc/create", Whole,
        "Creates an OIDC application (enabled unless `enabled: false`).")
        .returns("Created")
        .args(&[Arg::spread("options", &OIDC_APP)])
        .creates(),
    row("createSamlApplication", "create_saml_application", Post, "/v1/mgmt/sso/idp/app/saml/create", Whole,
        "Creates a SAML application (enabled unless `enabled: false`).")
        .returns("Created")
        .args(&[Arg::spread("options", &SAML_APP)])
        .creates(),
    row("createWsFedApplication", "create_ws_fed_application", Post, "/v1/mgmt/sso/idp/app/wsfed/create", Whole,
        "Creates a WS-Fed application (enabled unless `enabled: false`).")
        .returns("Created")
        .args(&[Arg::spread("options", &WS_FED_APP)])
        .creates(),
    row("updateOidcApplication", "update_oidc_application", Post, "/v1/mgmt/sso/idp/app/oidc/update", Whole,
        "Replaces an OIDC application (a full overwrite: leaving `enabled` out disables it).")
        .returns("Empty")
        .args(&[Arg::spread("options", &OIDC_APP_UPDATE)]),
    row("updateSamlApplication", "update_saml_application", Post, "/v1/mgmt/sso/idp/app/saml/update", Whole,
        "Replaces a SAML application (a full overwrite: leaving `enabled` out disables it).")
        .returns("Empty")
        .args(&[Arg::spread("options", &SAML_APP_UPDATE)]),
    row("updateWsFedApplication", "update_ws_fed_application", Post, "/v1/mgmt/sso/idp/app/wsfed/update", Whole,
        "Replaces a WS-Fed application (a full overwrite: leaving `enabled` out disables it).")
        .returns("Empty")
        .args(&[Arg::spread("options", &WS_FED_APP_UPDATE)]),
    row("delete", "delete", Post, "/v1/mgmt/sso/idp/app/delete", Whole, "Deletes an application.")
        .returns("Empty")
        .args(&[ID]),
    row("load", "load", Get, "/v1/mgmt/sso/idp/app/load", Whole, "Loads an application.")
        .returns("SsoApplication")
        .args(&[ID]),
    row("loadAll", "load_all", Get, "/v1/mgmt/sso/idp/apps/load", Key("apps"), "Lists every application.")
        .returns("SsoApplication[]"),
    row("getApplicationSecret", "get_application_secret", Get, "/v1/mgmt/sso/idp/app/secret", Whole,
        "Reads an OIDC application's client secret (kept out of errors).")
        .returns("Cleartext")
        .args(&[ID])
        .secret(),
    row("rotateApplicationSecret", "rotate_application_secret", Post, "/v1/mgmt/sso/idp/app/rotate", Whole,
        "Replaces an OIDC application's client secret; the new one is answered once.")
        .returns("Cleartext")
        .args(&[ID])
        .secret(),
];
