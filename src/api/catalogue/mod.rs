//! THE CATALOGUE: one [`Row`] per endpoint, grouped by node-sdk group,
//! and the option schemas the rows share. Everything else is derived from these rows: the
//! JavaScript methods (the engine walks them), the method lists, whether a call may be
//! re-sent, and the tests that every row is covered by a conformance vector.
//!
//! To add an endpoint, add its row to its group's file (see `user.rs`): node-sdk's name,
//! the Rust name, method, path, the arguments in node-sdk's order with their types and wire
//! keys, what the answer unwraps to, and whether it creates. `grep` a path and you land on
//! its row (and on the generated `src/api/table.rs`, the rows packed for the npm build:
//! `BLESS=1 cargo test --test generated` rewrites it with the other derived files).

/// A group file's shorthand for its rows: `row(name, rust, method, path, unwrap, doc)`, the
/// group filled in.
macro_rules! group_rows {
    ($group:literal) => {
        const fn row(
            name: &'static str,
            rust: &'static str,
            method: crate::api::Method,
            path: &'static str,
            unwrap: crate::api::Unwrap,
            doc: &'static str,
        ) -> crate::api::engine::Row {
            crate::api::engine::Row::new($group, name, rust, method, path, unwrap, doc)
        }
    };
}

pub mod access_key;
pub mod analytics;
pub mod audit;
pub mod authz;
pub mod descoper;
pub mod engine;
pub mod fga;
pub mod flow;
pub mod group;
pub mod inbound_application;
pub mod jwt;
pub mod jwt_template;
pub mod list;
pub mod management_key;
pub mod outbound_application;
pub mod password;
pub mod permission;
pub mod project;
pub mod role;
pub mod scope_claim_mapping;
pub mod sso;
pub mod sso_application;
pub mod tenant;
pub mod theme;
pub mod user;

use super::engine::{Field, Row, Schema, Ty};

/// The rows' shorthand for an optional option key sent under its own name.
const fn f(key: &'static str, ty: Ty) -> Field {
    Field::new(key, ty)
}

/// The schemas that hold themselves (a node of nodes). The npm build's packed table
/// (`super::packed`) cannot build a cycle out of bytes, so it links these as they are.
pub static RECURSIVE: &[&Schema] = &[&authz::NODE];

/// Every group, by node-sdk's name. (`--cfg descope_without="<group>"` leaves one out: only
/// `tools/size-by-group.sh` does, to measure what each group costs the wasm.)
pub const GROUPS: &[(&str, &[Row])] = &[
    #[cfg(not(descope_without = "user"))]
    ("user", user::ROWS),
    #[cfg(not(descope_without = "permission"))]
    ("permission", permission::ROWS),
    #[cfg(not(descope_without = "role"))]
    ("role", role::ROWS),
    #[cfg(not(descope_without = "group"))]
    ("group", group::ROWS),
    #[cfg(not(descope_without = "password"))]
    ("password", password::ROWS),
    #[cfg(not(descope_without = "tenant"))]
    ("tenant", tenant::ROWS),
    #[cfg(not(descope_without = "accessKey"))]
    ("accessKey", access_key::ROWS),
    #[cfg(not(descope_without = "ssoApplication"))]
    ("ssoApplication", sso_application::ROWS),
    #[cfg(not(descope_without = "sso"))]
    ("sso", sso::ROWS),
    #[cfg(not(descope_without = "jwt"))]
    ("jwt", jwt::ROWS),
    #[cfg(not(descope_without = "audit"))]
    ("audit", audit::ROWS),
    #[cfg(not(descope_without = "project"))]
    ("project", project::ROWS),
    #[cfg(not(descope_without = "flow"))]
    ("flow", flow::ROWS),
    #[cfg(not(descope_without = "theme"))]
    ("theme", theme::ROWS),
    #[cfg(not(descope_without = "authz"))]
    ("authz", authz::ROWS),
    #[cfg(not(descope_without = "fga"))]
    ("fga", fga::ROWS),
    #[cfg(not(descope_without = "inboundApplication"))]
    ("inboundApplication", inbound_application::ROWS),
    #[cfg(not(descope_without = "outboundApplication"))]
    ("outboundApplication", outbound_application::ROWS),
    #[cfg(not(descope_without = "list"))]
    ("list", list::ROWS),
    #[cfg(not(descope_without = "jwtTemplate"))]
    ("jwtTemplate", jwt_template::ROWS),
    #[cfg(not(descope_without = "descoper"))]
    ("descoper", descoper::ROWS),
    #[cfg(not(descope_without = "managementKey"))]
    ("managementKey", management_key::ROWS),
    #[cfg(not(descope_without = "engine"))]
    ("engine", engine::ROWS),
    #[cfg(not(descope_without = "scopeClaimMapping"))]
    ("scopeClaimMapping", scope_claim_mapping::ROWS),
    #[cfg(not(descope_without = "analytics"))]
    ("analytics", analytics::ROWS),
];

/// The rows of `group`.
pub fn group(name: &str) -> Option<&'static [Row]> {
    GROUPS
        .iter()
        .find(|(g, _)| *g == name)
        .map(|(_, rows)| *rows)
}
