//! `management.inboundApplication` (reference §17): other parties' OAuth clients, with
//! Descope as their authorization server, and the consents users give them. The client
//! secret (`cleartext`) is answered by create, `getApplicationSecret` and rotate, and never
//! quoted by an error.

use super::f;
use crate::api::engine::{Arg, Field, Row, Rule, Schema, Ty};
use crate::api::Method::{Get, Post};
use crate::api::Unwrap::{Key, Whole};

group_rows!("inboundApplication");

const ID: Arg = Arg::new("id", Ty::Id, "id");

/// A scope an application may ask for.
pub static SCOPE: Schema = Schema {
    name: "InboundApplicationScope",
    fields: &[&[
        f("name", Ty::Id).required(),
        f("description", Ty::Str),
        f("values", Ty::Strings),
        f("optional", Ty::Bool),
    ]],
    rule: Rule::None,
};

static SCOPE_OBJ: Ty = Ty::Obj(&SCOPE);

const APP_FIELDS: &[Field] = &[
    f("description", Ty::Str),
    f("logo", Ty::Str),
    f("loginPageUrl", Ty::Str),
    f("approvedCallbackUrls", Ty::Strings),
    f("permissionsScopes", Ty::List(&SCOPE_OBJ)),
    f("attributesScopes", Ty::List(&SCOPE_OBJ)),
];

/// An application to create (names are unique).
pub static NEW_APP: Schema = Schema {
    name: "InboundApplicationOptions",
    fields: &[&[f("name", Ty::Id).required()], APP_FIELDS],
    rule: Rule::None,
};

/// An application to replace (a full overwrite), by `id`.
pub static APP_UPDATE: Schema = Schema {
    name: "InboundApplicationUpdate",
    fields: &[
        &[f("id", Ty::Id).required(), f("name", Ty::Id).required()],
        APP_FIELDS,
    ],
    rule: Rule::None,
};

/// What to change in an application, by `id`: only the keys given.
pub static APP_PATCH: Schema = Schema {
    name: "InboundApplicationPatch",
    fields: &[&[f("id", Ty::Id).required(), f("name", Ty::Id)], APP_FIELDS],
    rule: Rule::None,
};

/// A consent search (pages from 0).
pub static CONSENT_SEARCH: Schema = Schema {
    name: "ConsentSearchOptions",
    fields: &[&[
        f("appId", Ty::Str),
        f("userId", Ty::Str),
        f("consentId", Ty::Str),
        f("page", Ty::Count),
    ]],
    rule: Rule::None,
};

/// Consents to delete: by ID, application or user.
pub static CONSENT_DELETE: Schema = Schema {
    name: "ConsentDeleteOptions",
    fields: &[&[
        f("consentIds", Ty::Strings),
        f("appId", Ty::Str),
        f("userIds", Ty::Strings),
    ]],
    rule: Rule::None,
};

/// A tenant's consents to delete: by ID, application or tenant.
pub static TENANT_CONSENT_DELETE: Schema = Schema {
    name: "TenantConsentDeleteOptions",
    fields: &[&[
        f("consentIds", Ty::Strings),
        f("appId", Ty::Str),
        f("tenantId", Ty::Str),
    ]],
    rule: Rule::None,
};

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("createApplication", "create_application", Post, "/v1/mgmt/thirdparty/app/create", Whole,
        "Creates an application: its ID, client ID and client secret (`cleartext`, shown once).")
        .returns("InboundApplicationCreated")
        .args(&[Arg::spread("options", &NEW_APP)])
        .creates()
        .secret(),
    row("updateApplication", "update_application", Post, "/v1/mgmt/thirdparty/app/update", Whole,
        "Replaces an application (a full overwrite).")
        .returns("Empty")
        .args(&[Arg::spread("options", &APP_UPDATE)]),
    row("patchApplication", "patch_application", Post, "/v1/mgmt/thirdparty/app/patch", Whole,
        "Changes only the keys given of an application.")
        .returns("Empty")
        .args(&[Arg::spread("options", &APP_PATCH)]),
    row("deleteApplication", "delete_application", Post, "/v1/mgmt/thirdparty/app/delete", Whole,
        "Deletes an application.")
        .returns("Empty")
        .args(&[ID]),
    row("deleteApplicationBatch", "delete_application_batch", Post, "/v1/mgmt/thirdparty/app/delete/batch", Whole,
        "Deletes applications (an empty list is refused).")
        .returns("Empty")
        .args(&[Arg::new("ids", Ty::Ids, "ids")]),
    row("loadApplication", "load_application", Get, "/v1/mgmt/thirdparty/app/load", Whole,
        "Loads an application.")
        .returns("InboundApplication")
        .args(&[ID]),
    row("loadAllApplications", "load_all_applications", Get, "/v1/mgmt/thirdparty/apps/load", Key("apps"),
        "Lists the applications.")
        .returns("InboundApplication[]"),
    row("getApplicationSecret", "get_application_secret", Get, "/v1/mgmt/thirdparty/app/secret", Whole,
        "Reads an application's client secret (kept out of errors).")
        .returns("Cleartext")
        .args(&[ID])
        .secret(),
    row("rotateApplicationSecret", "rotate_application_secret", Post, "/v1/mgmt/thirdparty/app/rotate", Whole,
        "Replaces an application's client secret; the new one is answered once.")
        .returns("Cleartext")
        .args(&[ID])
        .secret(),
    row("searchConsents", "search_consents", Post, "/v1/mgmt/thirdparty/consents/search", Key("consents"),
        "Searches the consents users gave.")
        .returns("Consent[]")
        .args(&[Arg::spread("options", &CONSENT_SEARCH)]),
    row("deleteConsents", "delete_consents", Post, "/v1/mgmt/thirdparty/consents/delete", Whole,
        "Deletes consents (by ID, application or user).")
        .returns("Empty")
        .args(&[Arg::spread("options", &CONSENT_DELETE)]),
    row("deleteTenantConsents", "delete_tenant_consents", Post, "/v1/mgmt/thirdparty/consents/delete/tenant", Whole,
        "Deletes a tenant's consents (by ID, application or tenant).")
        .returns("Empty")
        .args(&[Arg::spread("options", &TENANT_CONSENT_DELETE)]),
];
