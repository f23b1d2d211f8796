//! `management.list` (reference §19): project lists of IPs, texts or a JSON document.

use super::f;
use crate::api::engine::{Arg, Row, Rule, Schema, Ty};
use crate::api::Method::{Get, Post};
use crate::api::Unwrap::{self, Key, Whole};

group_rows!("list");

const LIST: Unwrap = Key("list");
const ID: Arg = Arg::new("id", Ty::Id, "id");
const IPS: Arg = Arg::new("ips", Ty::Ids, "ips");
const TEXTS: Arg = Arg::new("texts", Ty::Ids, "texts");

/// A list to create or replace. The service's types are `ips`, `texts` and `json`
/// (node-sdk's README says `ip`, which is passed through as given); `data` is a list of
/// strings, or an object for `json`.
pub static LIST_REQUEST: Schema = Schema {
    name: "ListRequest",
    fields: &[&[
        f("name", Ty::Id).required(),
        f("description", Ty::Str),
        f("type", Ty::Str).required(),
        f("data", Ty::Any),
    ]],
    rule: Rule::None,
};

/// A list to import (created or replaced by ID).
pub static LIST_IMPORT: Schema = Schema {
    name: "ListImport",
    fields: &[&[
        f("id", Ty::Str),
        f("name", Ty::Id).required(),
        f("description", Ty::Str),
        f("type", Ty::Str).required(),
        f("data", Ty::Any),
    ]],
    rule: Rule::None,
};

static LIST_IMPORT_OBJ: Ty = Ty::Obj(&LIST_IMPORT);

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("create", "create", Post, "/v1/mgmt/list", LIST, "Creates a list (names are unique).")
        .returns("List")
        .args(&[Arg::spread("request", &LIST_REQUEST)])
        .creates(),
    row("update", "update", Post, "/v1/mgmt/list/update", LIST, "Replaces a list (a full overwrite).")
        .returns("List")
        .args(&[ID, Arg::spread("request", &LIST_REQUEST)]),
    row("delete", "delete", Post, "/v1/mgmt/list/delete", Whole, "Deletes a list.")
        .returns("Empty")
        .args(&[ID]),
    row("load", "load", Get, "/v1/mgmt/list/{id}", LIST, "Loads a list by ID.")
        .returns("List")
        .args(&[Arg::path("id", Ty::Id, "id")]),
    row("loadByName", "load_by_name", Get, "/v1/mgmt/list/name/{name}", LIST, "Loads a list by name.")
        .returns("List")
        .args(&[Arg::path("name", Ty::Id, "name")]),
    row("loadAll", "load_all", Get, "/v1/mgmt/list/all", Key("lists"), "Lists every list.")
        .returns("List[]"),
    row("import", "import", Post, "/v1/mgmt/list/import", Whole, "Creates or replaces lists by ID.")
        .returns("Empty")
        .args(&[Arg::new("lists", Ty::List1(&LIST_IMPORT_OBJ), "lists")]),
    row("addIPs", "add_ips", Post, "/v1/mgmt/list/ip/add", Whole,
        "Adds IPs or CIDR ranges to an `ips` list (duplicates are ignored).")
        .returns("Empty")
        .args(&[ID, IPS]),
    row("removeIPs", "remove_ips", Post, "/v1/mgmt/list/ip/remove", Whole,
        "Removes IPs or CIDR ranges from an `ips` list.")
        .returns("Empty")
        .args(&[ID, IPS]),
    row("checkIP", "check_ip", Post, "/v1/mgmt/list/ip/check", Key("exists"),
        "Whether an `ips` list holds an IP.")
        .returns("boolean")
        .args(&[ID, Arg::new("ip", Ty::Id, "ip")]),
    row("addTexts", "add_texts", Post, "/v1/mgmt/list/text/add", Whole,
        "Adds texts to a `texts` list (duplicates are ignored).")
        .returns("Empty")
        .args(&[ID, TEXTS]),
    row("removeTexts", "remove_texts", Post, "/v1/mgmt/list/text/remove", Whole,
        "Removes texts from a `texts` list.")
        .returns("Empty")
        .args(&[ID, TEXTS]),
    row("checkText", "check_text", Post, "/v1/mgmt/list/text/check", Key("exists"),
        "Whether a `texts` list holds a text.")
        .returns("boolean")
        .args(&[ID, Arg::new("text", Ty::Str, "text")]),
    row("clear", "clear", Post, "/v1/mgmt/list/clear", Whole,
        "Empties a list (its name, description and type stay).")
        .returns("Empty")
        .args(&[ID]),
];
