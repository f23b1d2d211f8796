//! `management.scopeClaimMapping` (reference §24): which claims each OIDC scope adds.

use super::f;
use crate::api::engine::{Arg, Row, Rule, Schema, Ty};
use crate::api::Method::Post;
use crate::api::Unwrap::{Key, Whole};

group_rows!("scopeClaimMapping");

/// One scope and the claims it adds (values are claim values or `{{templates}}`).
pub static MAPPING: Schema = Schema {
    name: "ScopeClaimMapping",
    fields: &[&[
        f("scope", Ty::Id).required(),
        f("claims", Ty::Map(&Ty::Any)).required(),
        f("description", Ty::Str),
    ]],
    rule: Rule::None,
};

static MAPPING_OBJ: Ty = Ty::Obj(&MAPPING);

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("get", "get", Post, "/v1/mgmt/scopeClaimMapping/get", Key("mappings"),
        "The project's scope-to-claims mapping (`[]` when none).")
        .returns("ScopeClaims[]"),
    row("set", "set", Post, "/v1/mgmt/scopeClaimMapping/set", Whole,
        "Replaces the whole mapping (`[]` clears it; a later entry wins a claim).")
        .returns("Empty")
        .args(&[Arg::new("mappings", Ty::List(&MAPPING_OBJ), "mappings")]),
    row("delete", "delete", Post, "/v1/mgmt/scopeClaimMapping/delete", Whole, "Deletes the mapping.")
        .returns("Empty"),
];
