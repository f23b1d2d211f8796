//! `management.flow` (reference §15): the project's flows; `run` runs a management flow.

use super::f;
use crate::api::engine::{Arg, Row, Rule, Schema, Ty};
use crate::api::Method::Post;
use crate::api::Unwrap::{Key, Whole};

group_rows!("flow");

const FLOW_ID: Arg = Arg::new("flowId", Ty::Id, "flowId");

/// What a management flow runs with.
pub static RUN_OPTIONS: Schema = Schema {
    name: "FlowRunOptions",
    fields: &[&[
        f("input", Ty::Map(&Ty::Any)),
        f("preview", Ty::Bool),
        f("tenant", Ty::Str),
    ]],
    rule: Rule::None,
};

static DOCUMENT: Ty = Ty::Map(&Ty::Any);

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("list", "list", Post, "/v1/mgmt/flow/list", Whole, "Lists the flows.")
        .returns("FlowList"),
    row("delete", "delete", Post, "/v1/mgmt/flow/delete", Whole, "Deletes flows.")
        .returns("Empty")
        .args(&[Arg::new("flowIds", Ty::Ids, "ids")]),
    row("export", "export", Post, "/v1/mgmt/flow/export", Whole, "Exports a flow and its screens.")
        .returns("FlowExport")
        .args(&[FLOW_ID]),
    row("import", "import", Post, "/v1/mgmt/flow/import", Whole,
        "Replaces the flow `flowId` (which wins over the ID inside `flow`) and its screens.")
        .returns("FlowExport")
        .args(&[
            FLOW_ID,
            Arg::new("flow", Ty::Map(&Ty::Any), "flow"),
            Arg::new("screens", Ty::List(&DOCUMENT), "screens").opt(),
        ]),
    row("run", "run", Post, "/v1/mgmt/flow/run", Key("output"),
        "Runs a management flow: its output.")
        .returns("Record<string, unknown>")
        .args(&[FLOW_ID, Arg::new("options", Ty::Obj(&RUN_OPTIONS), "options").opt()]),
];
