//! `management.fga` (reference §13): fine-grained authorization from a DSL schema, with
//! relations as tuples (node-sdk's `relations` are sent as `tuples`).

use super::f;
use crate::api::engine::{Arg, Row, Rule, Schema, Ty};
use crate::api::Method::{Delete, Get, Post};
use crate::api::Unwrap::{Key, Whole};

group_rows!("fga");

const TUPLES: Arg = Arg::new("relations", Ty::List1(&TUPLE_OBJ), "tuples");
const TENANT_ID: Arg = Arg::new("tenantId", Ty::Id, "tenantId");

/// The schema, as DSL text (`model AuthZ 1.0 …`).
pub static FGA_SCHEMA: Schema = Schema {
    name: "FgaSchema",
    fields: &[&[f("dsl", Ty::Str).required()]],
    rule: Rule::None,
};

/// A relation tuple.
pub static TUPLE: Schema = Schema {
    name: "FgaRelation",
    fields: &[&[
        f("resource", Ty::Id).required(),
        f("resourceType", Ty::Id).required(),
        f("relation", Ty::Id).required(),
        f("target", Ty::Id).required(),
        f("targetType", Ty::Id).required(),
    ]],
    rule: Rule::None,
};

static TUPLE_OBJ: Ty = Ty::Obj(&TUPLE);

/// A resource, by ID and type.
pub static RESOURCE_ID: Schema = Schema {
    name: "FgaResourceIdentifier",
    fields: &[&[
        f("resourceId", Ty::Id).required(),
        f("resourceType", Ty::Id).required(),
    ]],
    rule: Rule::None,
};

static RESOURCE_ID_OBJ: Ty = Ty::Obj(&RESOURCE_ID);

/// A resource's display details.
pub static RESOURCE_DETAILS: Schema = Schema {
    name: "FgaResourceDetails",
    fields: &[&[
        f("resourceId", Ty::Id).required(),
        f("resourceType", Ty::Id).required(),
        f("displayName", Ty::Str),
    ]],
    rule: Rule::None,
};

static RESOURCE_DETAILS_OBJ: Ty = Ty::Obj(&RESOURCE_DETAILS);

/// A search of a tenant's mappable resources of one type.
pub static RESOURCES_QUERY: Schema = Schema {
    name: "FgaResourcesQuery",
    fields: &[&[
        f("type", Ty::Id).required(),
        f("queries", Ty::Strings).required(),
    ]],
    rule: Rule::None,
};

static RESOURCES_QUERY_OBJ: Ty = Ty::Obj(&RESOURCES_QUERY);

/// How many resources to answer at most (left out or 0: the service's default).
pub static MAPPABLE_OPTIONS: Schema = Schema {
    name: "FgaMappableOptions",
    fields: &[&[f("resourcesLimit", Ty::Count).truthy()]],
    rule: Rule::None,
};

/// How many resources to answer at most, sent as a string (node-sdk's `String(n)`).
pub static MAPPABLE_SEARCH_OPTIONS: Schema = Schema {
    name: "FgaMappableSearchOptions",
    fields: &[&[f("resourcesLimit", Ty::CountText).truthy()]],
    rule: Rule::None,
};

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("saveSchema", "save_schema", Post, "/v1/mgmt/fga/schema", Whole,
        "Saves the DSL schema (relations of types or relations it drops are deleted).")
        .returns("Empty")
        .args(&[Arg::spread("schema", &FGA_SCHEMA)]),
    row("loadSchema", "load_schema", Get, "/v1/mgmt/fga/schema", Whole, "Loads the DSL schema.")
        .returns("FgaSchemaAnswer"),
    row("dryRunSchema", "dry_run_schema", Post, "/v1/mgmt/fga/schema/dryrun", Whole,
        "What saving this schema would delete.")
        .returns("FgaDryRun")
        .args(&[Arg::spread("schema", &FGA_SCHEMA)]),
    row("deleteSchema", "delete_schema", Post, "/v1/mgmt/authz/schema/delete", Whole,
        "Deletes the schema and every relation.")
        .returns("Empty"),
    row("createRelations", "create_relations", Post, "/v1/mgmt/fga/relations", Whole, "Creates relations.")
        .returns("Empty")
        .args(&[TUPLES]),
    row("deleteRelations", "delete_relations", Post, "/v1/mgmt/fga/relations/delete", Whole, "Deletes relations.")
        .returns("Empty")
        .args(&[TUPLES]),
    row("check", "check", Post, "/v1/mgmt/fga/check", Key("tuples"), "Checks relations: each `allowed` or not.")
        .returns("FgaCheck[]")
        .args(&[TUPLES]),
    row("checkWithContext", "check_with_context", Post, "/v1/mgmt/fga/check", Key("tuples"),
        "Checks relations with a context for conditions (an empty context is not sent).")
        .returns("FgaCheck[]")
        .args(&[TUPLES, Arg::new("context", Ty::Map(&Ty::Any), "context").filled()]),
    row("loadResourcesDetails", "load_resources_details", Post, "/v1/mgmt/fga/resources/load", Key("resourcesDetails"),
        "Loads resources' display details.")
        .returns("FgaResourceDetailsAnswer[]")
        .args(&[Arg::new("resourceIdentifiers", Ty::List1(&RESOURCE_ID_OBJ), "resourceIdentifiers")]),
    row("saveResourcesDetails", "save_resources_details", Post, "/v1/mgmt/fga/resources/save", Whole,
        "Saves resources' display details.")
        .returns("Empty")
        .args(&[Arg::new("resourcesDetails", Ty::List1(&RESOURCE_DETAILS_OBJ), "resourcesDetails")]),
    row("loadMappableSchema", "load_mappable_schema", Get, "/v1/mgmt/fga/mappable/schema", Whole,
        "The schema and resources a tenant's SSO groups can map to.")
        .returns("FgaMappableSchema")
        .args(&[TENANT_ID, Arg::spread("options", &MAPPABLE_OPTIONS)]),
    row("searchMappableResources", "search_mappable_resources", Post, "/v1/mgmt/fga/mappable/resources", Key("mappableResources"),
        "Searches a tenant's mappable resources.")
        .returns("FgaMappableResources[]")
        .args(&[
            TENANT_ID,
            Arg::new("resourcesQueries", Ty::List1(&RESOURCES_QUERY_OBJ), "resourcesQueries"),
            Arg::spread("options", &MAPPABLE_SEARCH_OPTIONS),
        ]),
    row("deleteAllRelations", "delete_all_relations", Delete, "/v1/mgmt/fga/relations", Whole,
        "Deletes every relation.")
        .returns("Empty"),
];
