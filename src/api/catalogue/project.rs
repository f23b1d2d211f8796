//! `management.project` (reference §14): the project, its clones and snapshots.
//! `listProjects` keeps four keys of each project and `export` answers the files, as
//! node-sdk does.

use super::f;
use crate::api::engine::{Arg, Choice, Row, Rule, Schema, Ty};
use crate::api::Method::Post;
use crate::api::Unwrap::{Key, Projects, Whole};

group_rows!("project");

static SECRET: Schema = Schema {
    name: "SnapshotSecret",
    fields: &[&[
        f("id", Ty::Str).required(),
        f("name", Ty::Str),
        f("type", Ty::Str),
        f("value", Ty::Str),
    ]],
    rule: Rule::None,
};

static SECRET_OBJ: Ty = Ty::Obj(&SECRET);

/// Secrets a snapshot needs (each `value` filled in).
pub static SNAPSHOT_SECRETS: Schema = Schema {
    name: "SnapshotSecrets",
    fields: &[&[
        f("connectors", Ty::List(&SECRET_OBJ)),
        f("oauthProviders", Ty::List(&SECRET_OBJ)),
        f("outboundApps", Ty::List(&SECRET_OBJ)),
    ]],
    rule: Rule::None,
};

/// A snapshot to import or validate: its files, and the secrets new entities need.
pub static SNAPSHOT: Schema = Schema {
    name: "SnapshotRequest",
    fields: &[&[
        f("files", Ty::Map(&Ty::Any)).required(),
        f("inputSecrets", Ty::Obj(&SNAPSHOT_SECRETS)),
        f("excludes", Ty::Strings),
    ]],
    rule: Rule::None,
};

const SNAPSHOT_FILES: Ty = Ty::Map(&Ty::Any);

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("updateName", "update_name", Post, "/v1/mgmt/project/update/name", Whole, "Renames the project.")
        .returns("Empty")
        .args(&[Arg::new("name", Ty::Id, "name")]),
    row("updateTags", "update_tags", Post, "/v1/mgmt/project/update/tags", Whole, "Replaces the project's tags.")
        .returns("Empty")
        .args(&[Arg::new("tags", Ty::Strings, "tags")]),
    row("delete", "delete", Post, "/v1/mgmt/project/delete", Whole,
        "Deletes the project, irreversibly.")
        .returns("Empty"),
    row("clone", "clone", Post, "/v1/mgmt/project/clone", Whole,
        "Clones the project's configuration (not its users, tenants or keys).")
        .returns("ClonedProject")
        .args(&[
            Arg::new("name", Ty::Id, "name"),
            Arg::new("environment", Ty::Enum(&Choice::new("ProjectEnvironment", &["", "production"])), "environment").opt(),
            Arg::new("tags", Ty::Strings, "tags").opt(),
        ])
        .creates(),
    row("listProjects", "list_projects", Post, "/v1/mgmt/projects/list", Projects,
        "Lists the company's projects (`id`, `name`, `environment`, `tags`).")
        .returns("ProjectSummary[]"),
    row("exportSnapshot", "export_snapshot", Post, "/v1/mgmt/project/snapshot/export", Whole,
        "Exports the project's configuration as files (secrets blanked).")
        .returns("Snapshot"),
    row("importSnapshot", "import_snapshot", Post, "/v1/mgmt/project/snapshot/import", Whole,
        "Imports a snapshot's files into the project.")
        .returns("Empty")
        .args(&[Arg::spread("request", &SNAPSHOT)]),
    row("validateSnapshot", "validate_snapshot", Post, "/v1/mgmt/project/snapshot/validate", Whole,
        "Checks a snapshot without importing it.")
        .returns("SnapshotValidation")
        .args(&[Arg::spread("request", &SNAPSHOT)]),
    row("export", "export", Post, "/v1/mgmt/project/snapshot/export", Key("files"),
        "Exports the project's configuration: the files (use exportSnapshot).")
        .returns("Record<string, unknown>")
        .deprecated(),
    row("import", "import", Post, "/v1/mgmt/project/snapshot/import", Whole,
        "Imports snapshot files (use importSnapshot).")
        .returns("Empty")
        .args(&[Arg::new("files", SNAPSHOT_FILES, "files")])
        .deprecated(),
];
