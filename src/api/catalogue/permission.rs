//! `management.permission` (reference §4): project-wide permissions, each one row.

use super::f;
use crate::api::engine::{Arg, Row, Rule, Schema, Ty};
use crate::api::Method::{Get, Post};
use crate::api::Unwrap::{Key, Whole};

group_rows!("permission");

const NAME: Arg = Arg::new("name", Ty::Id, "name");
const ID: Arg = Arg::new("id", Ty::Id, "id");
const NEW_NAME: Arg = Arg::new("newName", Ty::Id, "newName");
const DESCRIPTION: Arg = Arg::new("description", Ty::Str, "description").opt();

/// A permission to create: `{ name, description? }`.
pub static NEW_PERMISSION: Schema = Schema {
    name: "NewPermission",
    fields: &[&[
        f("name", Ty::Id).required(),
        f("description", Ty::Str),
        f("systemDefault", Ty::Bool),
    ]],
    rule: Rule::None,
};

/// A permission to update, by `id` or by `name`: `{ id | name, newName, description? }`.
pub static PERMISSION_UPDATE: Schema = Schema {
    name: "PermissionUpdate",
    fields: &[&[
        f("id", Ty::Id),
        f("name", Ty::Id),
        f("newName", Ty::Id).required(),
        f("description", Ty::Str),
    ]],
    rule: Rule::None,
};

static NEW_PERMISSION_OBJ: Ty = Ty::Obj(&NEW_PERMISSION);
static PERMISSION_UPDATE_OBJ: Ty = Ty::Obj(&PERMISSION_UPDATE);

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("create", "create", Post, "/v1/mgmt/permission/create", Whole, "Creates a permission.")
        .returns("Empty")
        .args(&[NAME, DESCRIPTION])
        .creates(),
    row("createBatch", "create_batch", Post, "/v1/mgmt/permission/create/batch", Whole,
        "Creates permissions (all or none).")
        .returns("Empty")
        .args(&[Arg::new("permissions", Ty::List1(&NEW_PERMISSION_OBJ), "permissions")])
        .creates(),
    row("update", "update", Post, "/v1/mgmt/permission/update", Whole,
        "Renames a permission and replaces its description (a full overwrite).")
        .returns("Empty")
        .args(&[NAME, NEW_NAME, DESCRIPTION]),
    row("updateWithId", "update_with_id", Post, "/v1/mgmt/permission/update", Whole,
        "Renames a permission, by ID, and replaces its description.")
        .returns("Empty")
        .args(&[ID, NEW_NAME, DESCRIPTION]),
    row("updateBatch", "update_batch", Post, "/v1/mgmt/permission/update/batch", Whole,
        "Updates permissions (all or none).")
        .returns("Empty")
        .args(&[Arg::new("permissions", Ty::List1(&PERMISSION_UPDATE_OBJ), "permissions")]),
    row("delete", "delete", Post, "/v1/mgmt/permission/delete", Whole,
        "Deletes a permission (roles lose it).")
        .returns("Empty")
        .args(&[NAME]),
    row("deleteWithId", "delete_with_id", Post, "/v1/mgmt/permission/delete", Whole,
        "Deletes a permission by ID.")
        .returns("Empty")
        .args(&[ID]),
    row("deleteBatch", "delete_batch", Post, "/v1/mgmt/permission/delete/batch", Whole,
        "Deletes permissions by name and/or ID (with neither, refused: the service may read it as all).")
        .returns("Empty")
        .args(&[
            Arg::new("names", Ty::IdList, "names").opt(),
            Arg::new("ids", Ty::IdList, "ids").opt(),
        ])
        .one_of(&[0, 1]),
    row("loadAll", "load_all", Get, "/v1/mgmt/permission/all", Key("permissions"),
        "Lists every permission.")
        .returns("Permission[]"),
];
