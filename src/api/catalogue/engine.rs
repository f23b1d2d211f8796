//! `management.engine` (reference §23): engines and their secrets (answered by `create` and
//! `rotateSecret` only, and never quoted by an error).

use crate::api::engine::{Arg, Row, Ty};
use crate::api::Method::{Get, Post};
use crate::api::Unwrap::{self, Key, Whole};

group_rows!("engine");

const ENGINE: Unwrap = Key("engine");
const ID: Arg = Arg::new("id", Ty::Id, "id");
const NAME: Arg = Arg::new("name", Ty::Id, "name");

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("create", "create", Post, "/v1/mgmt/engine/create", ENGINE,
        "Creates an engine; its `secret` is answered once.")
        .returns("Engine")
        .args(&[NAME])
        .creates()
        .secret(),
    row("update", "update", Post, "/v1/mgmt/engine/update", ENGINE, "Renames an engine.")
        .returns("Engine")
        .args(&[ID, NAME]),
    row("delete", "delete", Post, "/v1/mgmt/engine/delete", Whole, "Deletes an engine.")
        .returns("Empty")
        .args(&[ID]),
    row("load", "load", Get, "/v1/mgmt/engine/load", ENGINE, "Loads an engine (never its secret).")
        .returns("Engine")
        .args(&[ID]),
    row("loadAll", "load_all", Get, "/v1/mgmt/engines/load", Key("engines"), "Lists the engines.")
        .returns("Engine[]"),
    row("rotateSecret", "rotate_secret", Post, "/v1/mgmt/engine/rotate", Whole,
        "Gives an engine a new secret (the old one stops working), answered once.")
        .returns("EngineSecret")
        .args(&[ID])
        .secret(),
];
