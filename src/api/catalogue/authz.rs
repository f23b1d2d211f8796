//! `management.authz` (reference §12): relationship-based access control — a schema of
//! namespaces and relation definitions, and relations between resources and targets.

use super::f;
use crate::api::engine::{Arg, Choice, Preset, Row, Rule, Schema, Ty};
use crate::api::Method::Post;
use crate::api::Unwrap::{self, Key, Resources, Whole};

group_rows!("authz");

const RELATIONS: Unwrap = Key("relations");
const SCHEMA_NAME: Arg = Arg::new("schemaName", Ty::Str, "schemaName").opt();
const OLD_NAME: Arg = Arg::new("oldName", Ty::Str, "oldName").opt();
const NAMESPACE: Arg = Arg::new("namespace", Ty::Id, "namespace");
const RESOURCES: Arg = Arg::new("resources", Ty::Ids, "resources");
const RELATION_LIST: Arg = Arg::new("relations", Ty::List1(&RELATION_OBJ), "relations");

/// An expression of a relation definition's node.
pub static EXPRESSION: Schema = Schema {
    name: "AuthzNodeExpression",
    fields: &[&[
        f(
            "neType",
            Ty::Enum(&Choice::new(
                "AuthzExpressionType",
                &["self", "targetSet", "relationLeft", "relationRight"],
            )),
        )
        .required(),
        f("relationDefinition", Ty::Str),
        f("relationDefinitionNamespace", Ty::Str),
        f("targetRelationDefinition", Ty::Str),
        f("targetRelationDefinitionNamespace", Ty::Str),
    ]],
    rule: Rule::None,
};

/// A node of a complex relation definition.
pub static NODE: Schema = Schema {
    name: "AuthzNode",
    fields: &[&[
        f(
            "nType",
            Ty::Enum(&Choice::new(
                "AuthzNodeType",
                &["child", "union", "intersect", "sub"],
            )),
        )
        .required(),
        f("children", Ty::List(&NODE_OBJ)),
        f("expression", Ty::Obj(&EXPRESSION)),
    ]],
    rule: Rule::None,
};

static NODE_OBJ: Ty = Ty::Obj(&NODE);

/// A relation definition (`owner`, `viewer`…), simple or built from nodes.
pub static RELATION_DEFINITION: Schema = Schema {
    name: "AuthzRelationDefinition",
    fields: &[&[
        f("name", Ty::Id).required(),
        f("complexDefinition", Ty::Obj(&NODE)),
    ]],
    rule: Rule::None,
};

static RELATION_DEFINITION_OBJ: Ty = Ty::Obj(&RELATION_DEFINITION);

/// A namespace (an entity type) and its relation definitions.
pub static NAMESPACE_SCHEMA: Schema = Schema {
    name: "AuthzNamespace",
    fields: &[&[
        f("name", Ty::Id).required(),
        f("relationDefinitions", Ty::List(&RELATION_DEFINITION_OBJ)).required(),
    ]],
    rule: Rule::None,
};

static NAMESPACE_OBJ: Ty = Ty::Obj(&NAMESPACE_SCHEMA);

/// The schema: its namespaces (`name` is a free version label).
pub static AUTHZ_SCHEMA: Schema = Schema {
    name: "AuthzSchema",
    fields: &[&[
        f("name", Ty::Str),
        f("namespaces", Ty::List(&NAMESPACE_OBJ)).required(),
    ]],
    rule: Rule::None,
};

/// Users a relation may point at instead of one target (ABAC).
pub static USER_QUERY: Schema = Schema {
    name: "AuthzUserQuery",
    fields: &[&[
        f("tenants", Ty::Strings),
        f("roles", Ty::Strings),
        f("text", Ty::Str),
        f("statuses", Ty::Strings),
        f("ssoOnly", Ty::Bool),
        f("withTestUser", Ty::Bool),
        f("customAttributes", Ty::Map(&Ty::Any)),
    ]],
    rule: Rule::None,
};

/// A relation: a resource's relation to a target, to a target set, or to a user query.
pub static RELATION: Schema = Schema {
    name: "AuthzRelation",
    fields: &[&[
        f("resource", Ty::Id).required(),
        f("relationDefinition", Ty::Id).required(),
        f("namespace", Ty::Id).required(),
        f("target", Ty::Str),
        f("targetSetResource", Ty::Str),
        f("targetSetRelationDefinition", Ty::Str),
        f("targetSetRelationDefinitionNamespace", Ty::Str),
        f("query", Ty::Obj(&USER_QUERY)),
    ]],
    rule: Rule::None,
};

static RELATION_OBJ: Ty = Ty::Obj(&RELATION);

/// A question: does the target have the relation to the resource?
pub static RELATION_QUERY: Schema = Schema {
    name: "AuthzRelationQuery",
    fields: &[&[
        f("resource", Ty::Id).required(),
        f("relationDefinition", Ty::Id).required(),
        f("namespace", Ty::Id).required(),
        f("target", Ty::Id).required(),
    ]],
    rule: Rule::None,
};

static RELATION_QUERY_OBJ: Ty = Ty::Obj(&RELATION_QUERY);

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("saveSchema", "save_schema", Post, "/v1/mgmt/authz/schema/save", Whole,
        "Saves the schema (`upgrade`: namespaces left out are deleted).")
        .returns("Empty")
        .args(&[
            Arg::new("schema", Ty::Obj(&AUTHZ_SCHEMA), "schema"),
            Arg::new("upgrade", Ty::Bool, "upgrade"),
        ]),
    row("deleteSchema", "delete_schema", Post, "/v1/mgmt/authz/schema/delete", Whole,
        "Deletes the schema and every relation.")
        .returns("Empty"),
    row("loadSchema", "load_schema", Post, "/v1/mgmt/authz/schema/load", Key("schema"), "Loads the schema.")
        .returns("AuthzSchemaAnswer"),
    row("saveNamespace", "save_namespace", Post, "/v1/mgmt/authz/ns/save", Whole,
        "Saves a namespace (`oldName` renames one).")
        .returns("Empty")
        .args(&[
            Arg::new("namespace", Ty::Obj(&NAMESPACE_SCHEMA), "namespace"),
            OLD_NAME,
            SCHEMA_NAME,
        ]),
    row("deleteNamespace", "delete_namespace", Post, "/v1/mgmt/authz/ns/delete", Whole,
        "Deletes a namespace and its relations.")
        .returns("Empty")
        .args(&[Arg::new("name", Ty::Id, "name"), SCHEMA_NAME]),
    row("saveRelationDefinition", "save_relation_definition", Post, "/v1/mgmt/authz/rd/save", Whole,
        "Saves a relation definition of a namespace (`oldName` renames one).")
        .returns("Empty")
        .args(&[
            Arg::new("relationDefinition", Ty::Obj(&RELATION_DEFINITION), "relationDefinition"),
            NAMESPACE,
            OLD_NAME,
            SCHEMA_NAME,
        ]),
    row("deleteRelationDefinition", "delete_relation_definition", Post, "/v1/mgmt/authz/rd/delete", Whole,
        "Deletes a relation definition and its relations.")
        .returns("Empty")
        .args(&[Arg::new("name", Ty::Id, "name"), NAMESPACE, SCHEMA_NAME]),
    row("createRelations", "create_relations", Post, "/v1/mgmt/authz/re/create", Whole, "Creates relations.")
        .returns("Empty")
        .args(&[RELATION_LIST]),
    row("deleteRelations", "delete_relations", Post, "/v1/mgmt/authz/re/delete", Whole, "Deletes relations.")
        .returns("Empty")
        .args(&[RELATION_LIST]),
    row("deleteRelationsForResources", "delete_relations_for_resources", Post, "/v1/mgmt/authz/re/deleteresources", Whole,
        "Deletes the relations whose resource or target is one of these (use deleteRelationsForIds).")
        .returns("Empty")
        .args(&[RESOURCES])
        .deprecated(),
    row("deleteResourceRelationsForResources", "delete_resource_relations_for_resources", Post, "/v1/mgmt/authz/re/deleteresourcesrelations", Whole,
        "Deletes the relations whose resource is one of these.")
        .returns("Empty")
        .args(&[RESOURCES]),
    row("deleteRelationsForIds", "delete_relations_for_ids", Post, "/v1/mgmt/authz/re/deleteresources", Whole,
        "Deletes the relations whose resource or target is one of these IDs.")
        .returns("Empty")
        .args(&[Arg::new("ids", Ty::Ids, "resources")]),
    row("hasRelations", "has_relations", Post, "/v1/mgmt/authz/re/has", Key("relationQueries"),
        "Answers each query (`hasRelation`), through the schema's definitions.")
        .returns("AuthzRelationAnswer[]")
        .args(&[Arg::new("relationQueries", Ty::List1(&RELATION_QUERY_OBJ), "relationQueries")]),
    row("whoCanAccess", "who_can_access", Post, "/v1/mgmt/authz/re/who", Key("targets"),
        "The targets that have the relation to the resource, through the schema's definitions.")
        .returns("string[]")
        .args(&[
            Arg::new("resource", Ty::Id, "resource"),
            Arg::new("relationDefinition", Ty::Id, "relationDefinition"),
            NAMESPACE,
        ]),
    row("resourceRelations", "resource_relations", Post, "/v1/mgmt/authz/re/resource", RELATIONS,
        "The stored relations of a resource.")
        .returns("AuthzRelationRecord[]")
        .args(&[
            Arg::new("resource", Ty::Id, "resource"),
            Arg::new("ignoreTargetSetRelations", Ty::Bool, "ignoreTargetSetRelations").or(Preset::False),
        ]),
    row("resourceRelationsWithTargetSetsFilter", "resource_relations_with_target_sets_filter", Post, "/v1/mgmt/authz/re/resource", RELATIONS,
        "The stored relations of a resource, those to target sets only when asked (the default).")
        .returns("AuthzRelationRecord[]")
        .args(&[
            Arg::new("resource", Ty::Id, "resource"),
            Arg::not("includeTargetSetRelations", "ignoreTargetSetRelations", Preset::True),
        ]),
    row("targetsRelations", "targets_relations", Post, "/v1/mgmt/authz/re/targets", RELATIONS,
        "The stored relations of targets.")
        .returns("AuthzRelationRecord[]")
        .args(&[
            Arg::new("targets", Ty::Ids, "targets"),
            Arg::new("includeTargetSetRelations", Ty::Bool, "includeTargetSetRelations").or(Preset::False),
        ]),
    row("targetsRelationsWithTargetSetsFilter", "targets_relations_with_target_sets_filter", Post, "/v1/mgmt/authz/re/targets", RELATIONS,
        "The stored relations of targets (as targetsRelations).")
        .returns("AuthzRelationRecord[]")
        .args(&[
            Arg::new("targets", Ty::Ids, "targets"),
            Arg::new("includeTargetSetRelations", Ty::Bool, "includeTargetSetRelations").or(Preset::False),
        ]),
    row("whatCanTargetAccess", "what_can_target_access", Post, "/v1/mgmt/authz/re/targetall", RELATIONS,
        "Every relation a target has, through the schema's definitions.")
        .returns("AuthzRelationRecord[]")
        .args(&[Arg::new("target", Ty::Id, "target")]),
    row("whatCanTargetAccessWithRelation", "what_can_target_access_with_relation", Post, "/v1/mgmt/authz/re/targetwithrelation", Resources,
        "The resources to which a target has the relation: each `{ resource }`.")
        .returns("AuthzResource[]")
        .args(&[
            Arg::new("target", Ty::Id, "target"),
            Arg::new("relationDefinition", Ty::Id, "relationDefinition"),
            NAMESPACE,
        ]),
    row("getModified", "get_modified", Post, "/v1/mgmt/authz/getmodified", Whole,
        "What changed since a moment in the last 24 hours (a `Date` or epoch ms; left out: 0).")
        .returns("AuthzModified")
        .args(&[Arg::new("since", Ty::Time, "since").or(Preset::Zero)]),
];
