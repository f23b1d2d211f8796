//! `management.password` (reference §9): the password policy, of the project or a tenant.

use super::f;
use crate::api::engine::{Arg, Row, Rule, Schema, Ty};
use crate::api::Method::{Get, Post};
use crate::api::Unwrap::Whole;

group_rows!("password");

/// The policy (a full overwrite). node-sdk's type spells `nonAlphaNumeric`; the service
/// reads `nonAlphanumeric`, so either spelling is taken and the service's is sent.
pub static PASSWORD_SETTINGS: Schema = Schema {
    name: "PasswordSettings",
    fields: &[&[
        f("enabled", Ty::Bool),
        f("minLength", Ty::Count),
        f("lowercase", Ty::Bool),
        f("uppercase", Ty::Bool),
        f("number", Ty::Bool),
        f("nonAlphanumeric", Ty::Bool),
        f("nonAlphaNumeric", Ty::Bool).wire("nonAlphanumeric"),
        f("expiration", Ty::Bool),
        f("expirationWeeks", Ty::Count),
        f("reuse", Ty::Bool),
        f("reuseAmount", Ty::Count),
        f("lock", Ty::Bool),
        f("lockAttempts", Ty::Count),
        f("tempLock", Ty::Bool),
        f("tempLockAttempts", Ty::Count),
        f("tempLockDuration", Ty::Count),
        f("enablePasswordStrength", Ty::Bool),
        f("passwordStrengthScore", Ty::Count),
    ]],
    rule: Rule::None,
};

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("getSettings", "get_settings", Get, "/v1/mgmt/password/settings", Whole,
        "Reads the password policy of a tenant (`\"\"`: the project's).")
        .returns("PasswordSettingsAnswer")
        .args(&[Arg::new("tenantId", Ty::Str, "tenantId")]),
    row("configureSettings", "configure_settings", Post, "/v1/mgmt/password/settings", Whole,
        "Replaces the password policy of a tenant (`\"\"`: the project's).")
        .returns("Empty")
        .args(&[
            Arg::new("tenantId", Ty::Str, "tenantId"),
            Arg::spread("settings", &PASSWORD_SETTINGS),
        ]),
];
