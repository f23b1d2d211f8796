//! `management.theme` (reference §16): the project's theme.

use crate::api::engine::{Arg, Row, Ty};
use crate::api::Method::Post;
use crate::api::Unwrap::Whole;

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    Row::new("theme", "export", "export", Post, "/v1/mgmt/theme/export", Whole, "Exports the project's theme.")
        .returns("ThemeAnswer"),
    Row::new("theme", "import", "import", Post, "/v1/mgmt/theme/import", Whole,
        "Replaces the project's theme.")
        .returns("ThemeAnswer")
        .args(&[Arg::new("theme", Ty::Map(&Ty::Any), "theme")]),
];
