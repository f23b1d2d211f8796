//! THE CATALOGUE: one [`Row`] per endpoint, grouped by node-sdk group,
//! and the option schemas the rows share. Everything else is derived from these rows: the
//! JavaScript methods (the engine walks them), the method lists, whether a call may be
//! re-sent, and the tests that every row is covered by a conformance vector.
//!
//! To add an endpoint, add its row to its group's file (see `user.rs`): node-sdk's name,
//! the Rust name, method, path, the arguments in node-sdk's order with their types and wire
//! keys, what the answer unwraps to, and whether it creates. `grep` a path and you land on
//! its row.

pub mod group;
pub mod password;
pub mod permission;
pub mod role;
pub mod user;

use super::engine::{Field, Row, Ty};

/// The rows' shorthand for an optional option key sent under its own name.
const fn f(key: &'static str, ty: Ty) -> Field {
    Field::new(key, ty)
}

/// Every group, by node-sdk's name.
pub const GROUPS: &[(&str, &[Row])] = &[
    ("user", user::ROWS),
    ("permission", permission::ROWS),
    ("role", role::ROWS),
    ("group", group::ROWS),
    ("password", password::ROWS),
];

/// The rows of `group`.
pub fn group(name: &str) -> Option<&'static [Row]> {
    GROUPS
        .iter()
        .find(|(g, _)| *g == name)
        .map(|(_, rows)| *rows)
}
