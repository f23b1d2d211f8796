//! `management.audit` (reference §11): the audit trail. node-sdk sends `loginIds` as
//! `externalIds`, and hands records back with `loginIds` and a numeric `occurred`: the
//! rows' `Unwrap` says so, and `api::answer` does it.

use super::f;
use crate::api::engine::{Arg, Choice, Row, Rule, Schema, Ty};
use crate::api::Method::Post;
use crate::api::Unwrap::{AuditPage, Audits, Whole};

group_rows!("audit");

static DEVICE: Ty = Ty::Enum(&Choice::new(
    "AuditDevice",
    &["Bot", "Mobile", "Desktop", "Tablet", "Unknown"],
));

/// A search of the trail: every filter given must match, any value of a list may.
/// Times are epoch milliseconds; `from` is at most 30 days back.
pub static AUDIT_SEARCH: Schema = Schema {
    name: "AuditSearchOptions",
    fields: &[&[
        f("userIds", Ty::Strings),
        f("actions", Ty::Strings),
        f("excludedActions", Ty::Strings),
        f("devices", Ty::List(&DEVICE)),
        f("methods", Ty::Strings),
        f("geos", Ty::Strings),
        f("remoteAddresses", Ty::Strings),
        f("loginIds", Ty::Strings).wire("externalIds"),
        f("tenants", Ty::Strings),
        f("noTenants", Ty::Bool),
        f("text", Ty::Str),
        f("from", Ty::Count),
        f("to", Ty::Count),
        f("size", Ty::Count),
        f("page", Ty::Count),
    ]],
    rule: Rule::None,
};

/// An event of your own in the trail.
pub static AUDIT_EVENT: Schema = Schema {
    name: "AuditEvent",
    fields: &[&[
        f("userId", Ty::Str),
        f("action", Ty::Id).required(),
        f(
            "type",
            Ty::Enum(&Choice::new("AuditEventType", &["info", "warn", "error"])),
        )
        .required(),
        f("actorId", Ty::Id).required(),
        f("tenantId", Ty::Id).required(),
        f("data", Ty::Map(&Ty::Any)),
    ]],
    rule: Rule::None,
};

static BASIC: Schema = Schema {
    name: "AuditWebhookBasicAuth",
    fields: &[&[f("username", Ty::Str), f("password", Ty::Str)]],
    rule: Rule::None,
};

static API_KEY: Schema = Schema {
    name: "AuditWebhookApiKey",
    fields: &[&[f("key", Ty::Str), f("token", Ty::Str)]],
    rule: Rule::None,
};

static AUTHENTICATION: Schema = Schema {
    name: "AuditWebhookAuthentication",
    fields: &[&[
        f("bearerToken", Ty::Str),
        f("basic", Ty::Obj(&BASIC)),
        f("apiKey", Ty::Obj(&API_KEY)),
    ]],
    rule: Rule::None,
};

const FILTER_TYPE: Ty = Ty::Enum(&Choice::new(
    "AuditFilterType",
    &["all", "actions", "tenants"],
));

/// What a webhook receives. node-sdk's type names the discriminator `key`; the service
/// reads `filterType`, which is what is sent (either spelling is taken).
static FILTER: Schema = Schema {
    name: "AuditWebhookFilter",
    fields: &[&[
        f("filterType", FILTER_TYPE),
        f("key", FILTER_TYPE).wire("filterType"),
        f(
            "operator",
            Ty::Enum(&Choice::new(
                "AuditFilterOperator",
                &["includes", "excludes"],
            )),
        ),
        f("values", Ty::Strings),
    ]],
    rule: Rule::None,
};

static FILTER_OBJ: Ty = Ty::Obj(&FILTER);

/// A webhook that receives the trail.
pub static AUDIT_WEBHOOK: Schema = Schema {
    name: "AuditWebhook",
    fields: &[&[
        f("name", Ty::Id).required(),
        f("description", Ty::Str),
        f("url", Ty::Str),
        f("authentication", Ty::Obj(&AUTHENTICATION)),
        f("hmacSecret", Ty::Str),
        f("headers", Ty::Map(&Ty::Str)),
        f("insecure", Ty::Bool),
        f("filters", Ty::List(&FILTER_OBJ)),
    ]],
    rule: Rule::None,
};

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("search", "search", Post, "/v1/mgmt/audit/search", Audits,
        "Searches the audit trail: the records (`loginIds`, `occurred` in epoch ms).")
        .returns("AuditRecord[]")
        .args(&[Arg::spread("searchOptions", &AUDIT_SEARCH)]),
    row("searchAll", "search_all", Post, "/v1/mgmt/audit/search", AuditPage,
        "Searches the audit trail: the records and the total.")
        .returns("AuditSearchResponse")
        .args(&[Arg::spread("searchOptions", &AUDIT_SEARCH)]),
    row("createEvent", "create_event", Post, "/v1/mgmt/audit/event", Whole,
        "Adds an event of your own to the trail.")
        .returns("Empty")
        .args(&[Arg::spread("options", &AUDIT_EVENT)])
        .creates(),
    row("createAuditWebhook", "create_audit_webhook", Post, "/v2/mgmt/connector/audit/web/set", Whole,
        "Sends the trail to a webhook.")
        .returns("Empty")
        .args(&[Arg::spread("options", &AUDIT_WEBHOOK)]),
];
