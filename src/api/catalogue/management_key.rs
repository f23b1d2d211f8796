//! `management.managementKey` (reference §22): company keys for the management API. The
//! cleartext is answered once, by `create`; node-sdk creates with PUT and updates with PATCH.

use super::f;
use crate::api::engine::{Arg, Choice, Row, Rule, Schema, Ty};
use crate::api::Method::{Get, Patch, Post, Put};
use crate::api::Unwrap::{self, Key, Whole};

group_rows!("managementKey");

const KEY: Unwrap = Key("key");

static PROJECT_ROLES: Schema = Schema {
    name: "ManagementKeyProjectRoles",
    fields: &[&[
        f("projectIds", Ty::Strings).required(),
        f("roles", Ty::Strings).required(),
    ]],
    rule: Rule::None,
};

static TAG_ROLES: Schema = Schema {
    name: "ManagementKeyTagRoles",
    fields: &[&[
        f("tags", Ty::Strings).required(),
        f("roles", Ty::Strings).required(),
    ]],
    rule: Rule::None,
};

static PROJECT_ROLES_OBJ: Ty = Ty::Obj(&PROJECT_ROLES);
static TAG_ROLES_OBJ: Ty = Ty::Obj(&TAG_ROLES);

/// What a key may do: company roles, or roles per project or project tag.
pub static RE_BAC: Schema = Schema {
    name: "ManagementKeyReBac",
    fields: &[&[
        f("companyRoles", Ty::Strings),
        f("projectRoles", Ty::List(&PROJECT_ROLES_OBJ)),
        f("tagRoles", Ty::List(&TAG_ROLES_OBJ)),
    ]],
    rule: Rule::None,
};

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("create", "create", Put, "/v1/mgmt/managementkey", Whole,
        "Creates a management key; `expiresIn` seconds (0: never). The answer's `cleartext` is shown once.")
        .returns("ManagementKeyCreated")
        .args(&[
            Arg::new("name", Ty::Id, "name"),
            Arg::new("reBac", Ty::Obj(&RE_BAC), "reBac"),
            Arg::new("description", Ty::Str, "description").opt(),
            Arg::new("expiresIn", Ty::Count, "expiresIn").opt(),
            Arg::new("permittedIps", Ty::Strings, "permittedIps").opt(),
        ])
        .creates()
        .secret(),
    row("update", "update", Patch, "/v1/mgmt/managementkey", KEY,
        "Replaces a key's name, description, status and IPs.")
        .returns("ManagementKey")
        .args(&[
            Arg::new("id", Ty::Id, "id"),
            Arg::new("name", Ty::Id, "name"),
            Arg::new("description", Ty::Str, "description"),
            Arg::new("status", Ty::Enum(&Choice::new("KeyStatus", &["active", "inactive"])), "status"),
            Arg::new("permittedIps", Ty::Strings, "permittedIps").opt(),
        ]),
    row("delete", "delete", Post, "/v1/mgmt/managementkey/delete", Whole, "Deletes management keys.")
        .returns("DeletedCount")
        .args(&[Arg::new("ids", Ty::Ids, "ids")]),
    row("load", "load", Get, "/v1/mgmt/managementkey", KEY, "Loads a management key (never its cleartext).")
        .returns("ManagementKey")
        .args(&[Arg::new("id", Ty::Id, "id")]),
    row("search", "search", Get, "/v1/mgmt/managementkey/search", Key("keys"), "Lists the management keys.")
        .returns("ManagementKey[]"),
];
