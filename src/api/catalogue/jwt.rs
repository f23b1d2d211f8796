//! `management.jwt` (reference §10): tokens minted and changed on the server. Every answer
//! holds a token: the rows are marked secret, so no error ever quotes one.

use super::f;
use crate::api::engine::{Arg, Choice, Row, Rule, Schema, Ty};
use crate::api::Method::Post;
use crate::api::Unwrap::Whole;

group_rows!("jwt");

const JWT: Arg = Arg::new("jwt", Ty::Id, "jwt");
const LOGIN_ID: Arg = Arg::new("loginId", Ty::Id, "loginId");
const CLAIMS: Arg = Arg::new("customClaims", Ty::Map(&Ty::Any), "customClaims").opt();
const TENANT: Arg = Arg::new("selectedTenant", Ty::Str, "selectedTenant").opt();
const REFRESH: Arg = Arg::new("refreshDuration", Ty::Count, "refreshDuration").opt();
const IMPERSONATION: &[Arg] = &[
    Arg::new("impersonatorId", Ty::Id, "impersonatorId"),
    LOGIN_ID,
    Arg::new("validateConsent", Ty::Bool, "validateConsent"),
    CLAIMS,
    TENANT,
    REFRESH,
];

/// `signIn`'s options, spread into the body.
pub static SIGN_IN_OPTIONS: Schema = Schema {
    name: "JwtSignInOptions",
    fields: &[&[
        f("stepup", Ty::Bool),
        f("mfa", Ty::Bool),
        f("revokeOtherSessions", Ty::Bool),
        f("revokeOtherSessionsTypes", Ty::Strings),
        f("customClaims", Ty::Map(&Ty::Any)),
        f("tenantId", Ty::Str),
        f("jwt", Ty::Str),
        f("refreshDuration", Ty::Count),
    ]],
    rule: Rule::None,
};

/// The user of `signUp` / `signUpOrIn`, sent as given under `user`.
pub static SIGN_UP_USER: Schema = Schema {
    name: "JwtSignUpUser",
    fields: &[&[
        f("email", Ty::Str),
        f("phone", Ty::Str),
        f("name", Ty::Str),
        f("givenName", Ty::Str),
        f("middleName", Ty::Str),
        f("familyName", Ty::Str),
        f("verifiedEmail", Ty::Bool),
        f("verifiedPhone", Ty::Bool),
        f("ssoAppIds", Ty::Strings),
    ]],
    rule: Rule::None,
};

/// `signUp`'s options, spread into the body. Go and Python send `emailVerified`,
/// `phoneVerified` and `ssoAppId` here, next to `user`: they are taken too.
pub static SIGN_UP_OPTIONS: Schema = Schema {
    name: "JwtSignUpOptions",
    fields: &[&[
        f("customClaims", Ty::Map(&Ty::Any)),
        f("refreshDuration", Ty::Count),
        f("emailVerified", Ty::Bool),
        f("phoneVerified", Ty::Bool),
        f("ssoAppId", Ty::Str),
    ]],
    rule: Rule::None,
};

const SIGN_UP: &[Arg] = &[
    LOGIN_ID,
    Arg::new("user", Ty::Obj(&SIGN_UP_USER), "user").opt(),
    Arg::spread("signUpOptions", &SIGN_UP_OPTIONS),
];

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("update", "update", Post, "/v1/mgmt/jwt/update", Whole,
        "Adds custom claims to a JWT and signs it again.")
        .returns("JwtAnswer")
        .args(&[JWT, CLAIMS, REFRESH])
        .secret(),
    row("impersonate", "impersonate", Post, "/v1/mgmt/impersonate", Whole,
        "A refresh JWT of `loginId`, for an impersonator with the Impersonate permission.")
        .returns("JwtAnswer")
        .args(IMPERSONATION)
        .secret(),
    row("impersonateStepup", "impersonate_stepup", Post, "/v1/mgmt/impersonate/stepup", Whole,
        "A stepped-up session JWT of `loginId`, for an impersonator.")
        .returns("JwtAnswer")
        .args(IMPERSONATION)
        .secret(),
    row("stopImpersonation", "stop_impersonation", Post, "/v1/mgmt/stop/impersonation", Whole,
        "Ends an impersonation: a refresh JWT of the impersonator.")
        .returns("JwtAnswer")
        .args(&[JWT, CLAIMS, TENANT, REFRESH])
        .secret(),
    row("signIn", "sign_in", Post, "/v1/mgmt/auth/signin", Whole,
        "Signs a user in without a flow (`stepup` and `mfa` need `jwt`).")
        .returns("JwtResponse")
        .args(&[LOGIN_ID, Arg::spread("loginOptions", &SIGN_IN_OPTIONS)])
        .secret(),
    row("signUp", "sign_up", Post, "/v1/mgmt/auth/signup", Whole,
        "Signs a new user up without a flow.")
        .returns("JwtResponse")
        .args(SIGN_UP)
        .creates()
        .secret(),
    row("signUpOrIn", "sign_up_or_in", Post, "/v1/mgmt/auth/signup-in", Whole,
        "Signs a user in, signing them up first when new.")
        .returns("JwtResponse")
        .args(SIGN_UP)
        .creates()
        .secret(),
    row("anonymous", "anonymous", Post, "/v1/mgmt/auth/anonymous", Whole,
        "Tokens of an anonymous user.")
        .returns("JwtResponse")
        .args(&[CLAIMS, TENANT, REFRESH])
        .secret(),
    row("generateClientAssertionJwt", "generate_client_assertion_jwt", Post, "/v1/mgmt/token/clientassertion", Whole,
        "A client-assertion JWT (RFC 7523) signed by the project, valid for `expiresIn` seconds.")
        .returns("JwtAnswer")
        .args(&[
            Arg::new("issuer", Ty::Id, "issuer"),
            Arg::new("subject", Ty::Id, "subject"),
            Arg::new("audience", Ty::Ids, "audience"),
            Arg::new("expiresIn", Ty::Count, "expiresIn"),
            Arg::new("flattenAudience", Ty::Bool, "flattenAudience").opt(),
            Arg::new("algorithm", Ty::Enum(&Choice::new("ClientAssertionAlgorithm", &["RS256", "RS384", "ES384"])), "algorithm").opt(),
        ])
        .secret(),
];
