//! `management.role` (reference §3): roles, project-wide or scoped to a tenant, each one row.

use super::f;
use crate::api::engine::{Arg, Field, Row, Rule, Schema, Ty};
use crate::api::Method::{Get, Post};
use crate::api::Unwrap::{self, Key, Whole};

group_rows!("role");

const ROLES: Unwrap = Key("roles");
const NAME: Arg = Arg::new("name", Ty::Id, "name");
const ID: Arg = Arg::new("id", Ty::Id, "id");
const NEW_NAME: Arg = Arg::new("newName", Ty::Id, "newName");
const DESCRIPTION: Arg = Arg::new("description", Ty::Str, "description").opt();
const PERMISSIONS: Arg = Arg::new("permissionNames", Ty::Strings, "permissionNames").opt();
const TENANT: Arg = Arg::new("tenantId", Ty::Str, "tenantId").opt();
const DEFAULT: Arg = Arg::new("defaultRole", Ty::Bool, "default").opt();

/// The keys a role's create or update may set.
const ROLE_FIELDS: &[Field] = &[
    f("description", Ty::Str),
    f("permissionNames", Ty::Strings),
    f("tenantId", Ty::Str),
    f("default", Ty::Bool),
    f("private", Ty::Bool),
];

/// A role to create: `{ name, description?, permissionNames?, tenantId?, default?, private? }`.
pub static NEW_ROLE: Schema = Schema {
    name: "NewRole",
    fields: &[&[f("name", Ty::Id).required()], ROLE_FIELDS],
    rule: Rule::None,
};

/// A role to update, by `id` or by `name` (with its `tenantId`): a full overwrite.
pub static ROLE_UPDATE: Schema = Schema {
    name: "RoleUpdate",
    fields: &[
        &[
            f("id", Ty::Id),
            f("name", Ty::Id),
            f("newName", Ty::Id).required(),
        ],
        ROLE_FIELDS,
    ],
    rule: Rule::None,
};

/// `search`'s options (reference §3.3): no paging, no total.
pub static ROLE_SEARCH: Schema = Schema {
    name: "RoleSearchOptions",
    fields: &[&[
        f("tenantIds", Ty::Strings),
        f("roleNames", Ty::Strings),
        f("roleNameLike", Ty::Str),
        f("permissionNames", Ty::Strings),
        f("includeProjectRoles", Ty::Bool),
        f("roleIds", Ty::Strings),
        f("text", Ty::Str),
    ]],
    rule: Rule::None,
};

static NEW_ROLE_OBJ: Ty = Ty::Obj(&NEW_ROLE);
static ROLE_UPDATE_OBJ: Ty = Ty::Obj(&ROLE_UPDATE);

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("create", "create", Post, "/v1/mgmt/role/create", Whole,
        "Creates a role (a project role, or one of `tenantId`).")
        .returns("Empty")
        .args(&[NAME, DESCRIPTION, PERMISSIONS, TENANT, DEFAULT])
        .creates(),
    row("createBatch", "create_batch", Post, "/v1/mgmt/role/create/batch", ROLES,
        "Creates roles (all or none).")
        .returns("Role[]")
        .args(&[Arg::new("roles", Ty::List1(&NEW_ROLE_OBJ), "roles")])
        .creates(),
    row("update", "update", Post, "/v1/mgmt/role/update", Whole,
        "Replaces a role (a full overwrite; a rename keeps its assignments).")
        .returns("Empty")
        .args(&[NAME, NEW_NAME, DESCRIPTION, PERMISSIONS, TENANT, DEFAULT]),
    row("updateWithId", "update_with_id", Post, "/v1/mgmt/role/update", Whole,
        "Replaces a role, by ID.")
        .returns("Empty")
        .args(&[ID, NEW_NAME, DESCRIPTION, PERMISSIONS, TENANT, DEFAULT]),
    row("updateBatch", "update_batch", Post, "/v1/mgmt/role/update/batch", ROLES,
        "Replaces roles (all or none).")
        .returns("Role[]")
        .args(&[Arg::new("roles", Ty::List1(&ROLE_UPDATE_OBJ), "roles")]),
    row("delete", "delete", Post, "/v1/mgmt/role/delete", Whole,
        "Deletes a role (users and keys lose it).")
        .returns("Empty")
        .args(&[NAME, TENANT]),
    row("deleteWithId", "delete_with_id", Post, "/v1/mgmt/role/delete", Whole,
        "Deletes a role by ID.")
        .returns("Empty")
        .args(&[ID, TENANT]),
    row("deleteBatch", "delete_batch", Post, "/v1/mgmt/role/delete/batch", Whole,
        "Deletes roles by name and/or ID (with neither, refused: the service deletes every role).")
        .returns("Empty")
        .args(&[
            Arg::new("roleNames", Ty::IdList, "roleNames").opt(),
            TENANT,
            Arg::new("roleIds", Ty::IdList, "roleIds").opt(),
        ])
        .one_of(&[0, 2]),
    row("loadAll", "load_all", Get, "/v1/mgmt/role/all", ROLES, "Lists every role.")
        .returns("Role[]"),
    row("search", "search", Post, "/v1/mgmt/role/search", ROLES,
        "Searches roles (no paging; node-sdk sends no body when the options are left out).")
        .returns("Role[]")
        .args(&[Arg::whole("options", Ty::Obj(&ROLE_SEARCH)).opt()]),
];
