//! `management.descoper` (reference §21): the company's console administrators. node-sdk
//! creates with PUT, updates with PATCH, and deletes with a query.

use super::f;
use crate::api::engine::{Arg, Choice, Row, Rule, Schema, Ty};
use crate::api::Method::{Delete, Get, Patch, Post, Put};
use crate::api::Unwrap::{Key, Whole};

group_rows!("descoper");

const ID: Arg = Arg::new("id", Ty::Id, "id");
const ROLE: Ty = Ty::Enum(&Choice::new(
    "DescoperRole",
    &["admin", "developer", "support", "auditor"],
));

/// A descoper's name, email and phone.
pub static ATTRIBUTES: Schema = Schema {
    name: "DescoperAttributes",
    fields: &[&[
        f("displayName", Ty::Str),
        f("email", Ty::Str),
        f("phone", Ty::Str),
    ]],
    rule: Rule::None,
};

static TAG_ROLE: Schema = Schema {
    name: "DescoperTagRole",
    fields: &[&[
        f("tags", Ty::Strings).required(),
        f("role", ROLE).required(),
    ]],
    rule: Rule::None,
};

static PROJECT_ROLE: Schema = Schema {
    name: "DescoperProjectRole",
    fields: &[&[
        f("projectIds", Ty::Strings).required(),
        f("role", ROLE).required(),
    ]],
    rule: Rule::None,
};

static TAG_ROLE_OBJ: Ty = Ty::Obj(&TAG_ROLE);
static PROJECT_ROLE_OBJ: Ty = Ty::Obj(&PROJECT_ROLE);

/// What a descoper may do: the whole company, or roles per project tag or project.
pub static RBAC: Schema = Schema {
    name: "DescoperRbac",
    fields: &[&[
        f("isCompanyAdmin", Ty::Bool),
        f("tags", Ty::List(&TAG_ROLE_OBJ)),
        f("projects", Ty::List(&PROJECT_ROLE_OBJ)),
    ]],
    rule: Rule::None,
};

/// A descoper to create.
pub static NEW_DESCOPER: Schema = Schema {
    name: "NewDescoper",
    fields: &[&[
        f("loginId", Ty::Id).required(),
        f("attributes", Ty::Obj(&ATTRIBUTES)),
        f("sendInvite", Ty::Bool),
        f("rbac", Ty::Obj(&RBAC)),
    ]],
    rule: Rule::None,
};

static NEW_DESCOPER_OBJ: Ty = Ty::Obj(&NEW_DESCOPER);

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("create", "create", Put, "/v1/mgmt/descoper", Whole, "Creates descopers.")
        .returns("DescoperList")
        .args(&[Arg::new("descopers", Ty::List1(&NEW_DESCOPER_OBJ), "descopers")])
        .creates(),
    row("update", "update", Patch, "/v1/mgmt/descoper", Key("descoper"),
        "Updates a descoper: `attributes` and `rbac` replace what is stored when given.")
        .returns("Descoper")
        .args(&[
            ID,
            Arg::new("attributes", Ty::Obj(&ATTRIBUTES), "attributes").opt(),
            Arg::new("rbac", Ty::Obj(&RBAC), "rbac").opt(),
        ]),
    row("load", "load", Get, "/v1/mgmt/descoper", Key("descoper"), "Loads a descoper.")
        .returns("Descoper")
        .args(&[ID]),
    row("delete", "delete", Delete, "/v1/mgmt/descoper", Whole, "Deletes a descoper.")
        .returns("Empty")
        .args(&[ID]),
    row("list", "list", Post, "/v1/mgmt/descoper/list", Whole,
        "Lists the descopers (node-sdk sends no body).")
        .returns("DescoperList")
        .bodiless(),
];
