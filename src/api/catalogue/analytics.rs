//! `management.analytics` (reference §25): counts of audit events, grouped.

use super::f;
use crate::api::engine::{Arg, Choice, Row, Rule, Schema, Ty};
use crate::api::Method::Post;
use crate::api::Unwrap::Key;

static DEVICE: Ty = Ty::Enum(&Choice::new(
    "AuditDevice",
    &["Bot", "Mobile", "Desktop", "Tablet", "Unknown"],
));

/// What to count and how to group it. Times are epoch milliseconds (`from` at most 12
/// months back).
pub static ANALYTICS_SEARCH: Schema = Schema {
    name: "AnalyticsSearchOptions",
    fields: &[&[
        f("actions", Ty::Strings),
        f("excludedActions", Ty::Strings),
        f("from", Ty::Count),
        f("to", Ty::Count),
        f("devices", Ty::List(&DEVICE)),
        f("methods", Ty::Strings),
        f("geos", Ty::Strings),
        f("tenants", Ty::Strings),
        f("groupByAction", Ty::Bool),
        f("groupByDevice", Ty::Bool),
        f("groupByMethod", Ty::Bool),
        f("groupByGeo", Ty::Bool),
        f("groupByTenant", Ty::Bool),
        f("groupByReferrer", Ty::Bool),
        // The service's periods are h, d, w, m and q; node-sdk passes any string through.
        f("groupByCreated", Ty::Str),
    ]],
    rule: Rule::None,
};

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    Row::new("analytics", "search", "search", Post, "/v1/mgmt/analytics/search", Key("analytics"),
        "Counts audit events, grouped as asked (`created` and `cnt` are strings).")
        .returns("AnalyticsRecord[]")
        .args(&[Arg::spread("options", &ANALYTICS_SEARCH)]),
];
