//! `management.jwtTemplate` (reference §20): named claim templates for session JWTs, and
//! Descope's read-only library of starters.

use super::f;
use crate::api::engine::{Arg, Field, Row, Rule, Schema, Ty};
use crate::api::Method::Post;
use crate::api::Unwrap::{self, Key, Whole};

group_rows!("jwtTemplate");

const TEMPLATE: Unwrap = Key("template");
const ID: Arg = Arg::new("id", Ty::Id, "id");

const TEMPLATE_FIELDS: &[Field] = &[
    f("description", Ty::Str),
    f("template", Ty::Map(&Ty::Any)),
    f("tags", Ty::Strings),
    f("authSchema", Ty::Str),
    f("type", Ty::Str),
    f("conformanceIssuer", Ty::Bool),
    f("autoDCT", Ty::Bool),
    f("enforceIssuer", Ty::Bool),
    f("emptyClaimPolicy", Ty::Str),
    f("overrideSubject", Ty::Bool),
    f("issuerType", Ty::Str),
    f("omitCustomClaimsFromDSR", Ty::Bool),
    f("addJti", Ty::Bool),
    f("excludePermissions", Ty::Bool),
];

/// A template to create.
pub static NEW_TEMPLATE: Schema = Schema {
    name: "NewJwtTemplate",
    fields: &[&[f("name", Ty::Id).required()], TEMPLATE_FIELDS],
    rule: Rule::None,
};

/// A template to replace (a full overwrite), by `id`.
pub static TEMPLATE_UPDATE: Schema = Schema {
    name: "JwtTemplateUpdate",
    fields: &[
        &[f("id", Ty::Id).required(), f("name", Ty::Id).required()],
        TEMPLATE_FIELDS,
    ],
    rule: Rule::None,
};

/// An inline template to validate.
pub static TEMPLATE_DRAFT: Schema = Schema {
    name: "JwtTemplateDraft",
    fields: &[&[f("id", Ty::Str), f("name", Ty::Str)], TEMPLATE_FIELDS],
    rule: Rule::None,
};

/// A library entry to apply, with what to change in it.
pub static APPLY: Schema = Schema {
    name: "ApplyJwtTemplate",
    fields: &[&[
        f("libraryEntryId", Ty::Id).required(),
        f("nameOverride", Ty::Str),
        f("descriptionOverride", Ty::Str),
        f("tagsOverride", Ty::Strings),
        f("templateOverride", Ty::Map(&Ty::Any)),
    ]],
    rule: Rule::None,
};

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("create", "create", Post, "/v1/mgmt/jwt/templates/create", TEMPLATE, "Creates a JWT template.")
        .returns("JwtTemplate")
        .args(&[Arg::new("template", Ty::Obj(&NEW_TEMPLATE), "template")])
        .creates(),
    row("update", "update", Post, "/v1/mgmt/jwt/templates/update", TEMPLATE,
        "Replaces a JWT template (a full overwrite).")
        .returns("JwtTemplate")
        .args(&[Arg::new("template", Ty::Obj(&TEMPLATE_UPDATE), "template")]),
    row("delete", "delete", Post, "/v1/mgmt/jwt/templates/delete", Whole, "Deletes a JWT template.")
        .returns("Empty")
        .args(&[ID]),
    row("list", "list", Post, "/v1/mgmt/jwt/templates/list", Key("templates"), "Lists the JWT templates.")
        .returns("JwtTemplate[]"),
    row("load", "load", Post, "/v1/mgmt/jwt/templates/load", TEMPLATE, "Loads a JWT template.")
        .returns("JwtTemplate")
        .args(&[ID]),
    row("validate", "validate", Post, "/v1/mgmt/jwt/templates/validate", Whole,
        "Validates a stored template, an inline one, or both.")
        .returns("JwtTemplateValidation")
        .args(&[ID, Arg::new("template", Ty::Obj(&TEMPLATE_DRAFT), "template").opt()]),
    row("listLibrary", "list_library", Post, "/v1/mgmt/jwt/templates/library/list", Key("entries"),
        "Lists Descope's library of templates.")
        .returns("JwtTemplate[]"),
    row("loadLibraryEntry", "load_library_entry", Post, "/v1/mgmt/jwt/templates/library/load", Key("entry"),
        "Loads a library entry.")
        .returns("JwtTemplate")
        .args(&[ID]),
    row("applyFromLibrary", "apply_from_library", Post, "/v1/mgmt/jwt/templates/library/apply", TEMPLATE,
        "Creates a template from a library entry.")
        .returns("JwtTemplate")
        .args(&[Arg::spread("request", &APPLY)])
        .creates(),
];
