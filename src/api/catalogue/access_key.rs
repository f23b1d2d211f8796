//! `management.accessKey` (reference §5): machine credentials. `create` and `rotate` answer
//! the key's cleartext, once: those rows are marked secret, so no error ever quotes it.

use super::f;
use crate::api::engine::{Arg, Row, Rule, Schema, Ty};
use crate::api::Method::{Get, Post};
use crate::api::Unwrap::{self, Key, Whole};

group_rows!("accessKey");

const KEY: Unwrap = Key("key");
const ID: Arg = Arg::new("id", Ty::Id, "id");
const IDS: Arg = Arg::new("ids", Ty::Ids, "ids");
const NAME: Arg = Arg::new("name", Ty::Id, "name");
const DESCRIPTION: Arg = Arg::new("description", Ty::Str, "description").opt();
const ROLES: Arg = Arg::new("roles", Ty::Strings, "roleNames").opt();
const TENANTS: Arg = Arg::new("tenants", Ty::List(&KEY_TENANT_OBJ), "keyTenants").opt();
const CLAIMS: Arg = Arg::new("customClaims", Ty::Map(&Ty::Any), "customClaims").opt();
const IPS: Arg = Arg::new("permittedIps", Ty::Strings, "permittedIps").opt();
const ATTRIBUTES: Arg = Arg::new("customAttributes", Ty::Map(&Ty::Attr), "customAttributes").opt();

/// A tenant of a key, with the key's roles in it.
pub static KEY_TENANT: Schema = Schema {
    name: "KeyTenant",
    fields: &[&[
        f("tenantId", Ty::Id).required(),
        f("roleNames", Ty::Strings),
    ]],
    rule: Rule::None,
};

static KEY_TENANT_OBJ: Ty = Ty::Obj(&KEY_TENANT);

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("create", "create", Post, "/v1/mgmt/accesskey/create", Whole,
        "Creates an access key (active); `expireTime` is in Unix seconds, 0 for never. The answer's `cleartext` is shown once.")
        .returns("AccessKeyCreated")
        .args(&[
            NAME,
            Arg::new("expireTime", Ty::Count, "expireTime"),
            ROLES,
            TENANTS,
            Arg::new("userId", Ty::Str, "userId").opt(),
            CLAIMS,
            DESCRIPTION,
            IPS,
            ATTRIBUTES,
        ])
        .creates()
        .secret(),
    row("load", "load", Get, "/v1/mgmt/accesskey", KEY, "Loads an access key (never its cleartext).")
        .returns("AccessKey")
        .args(&[ID]),
    row("searchAll", "search_all", Post, "/v1/mgmt/accesskey/search", Key("keys"),
        "Searches access keys (every filter given must match; no paging).")
        .returns("AccessKey[]")
        .args(&[
            Arg::new("tenantIds", Ty::IdList, "tenantIds").opt(),
            Arg::new("boundUserId", Ty::Str, "boundUserId").opt(),
            Arg::new("creatingUser", Ty::Str, "creatingUser").opt(),
            ATTRIBUTES,
        ]),
    row("update", "update", Post, "/v1/mgmt/accesskey/update", KEY,
        "Updates an access key: a key left out keeps its value.")
        .returns("AccessKey")
        .args(&[ID, NAME, DESCRIPTION, ROLES, TENANTS, CLAIMS, IPS, ATTRIBUTES]),
    row("deactivate", "deactivate", Post, "/v1/mgmt/accesskey/deactivate", Whole,
        "Deactivates an access key (kept, unusable).")
        .returns("Empty")
        .args(&[ID]),
    row("deactivateBatch", "deactivate_batch", Post, "/v1/mgmt/accesskey/deactivate/batch", Whole,
        "Deactivates access keys.")
        .returns("Empty")
        .args(&[IDS]),
    row("activate", "activate", Post, "/v1/mgmt/accesskey/activate", Whole,
        "Activates a deactivated access key.")
        .returns("Empty")
        .args(&[ID]),
    row("activateBatch", "activate_batch", Post, "/v1/mgmt/accesskey/activate/batch", Whole,
        "Activates access keys.")
        .returns("Empty")
        .args(&[IDS]),
    row("delete", "delete", Post, "/v1/mgmt/accesskey/delete", Whole, "Deletes an access key.")
        .returns("Empty")
        .args(&[ID]),
    row("deleteBatch", "delete_batch", Post, "/v1/mgmt/accesskey/delete/batch", Whole,
        "Deletes access keys (an empty list is refused).")
        .returns("Empty")
        .args(&[IDS]),
    row("rotate", "rotate", Post, "/v1/mgmt/accesskey/rotate", Whole,
        "Gives an access key a new secret (the old one stops working); the new `cleartext` is shown once.")
        .returns("AccessKeyCreated")
        .args(&[ID])
        .secret(),
];
