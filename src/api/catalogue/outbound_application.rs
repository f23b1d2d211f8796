//! `management.outboundApplication` (reference §18): the project's connections to other
//! OAuth providers and API-key services, and the tokens kept for users and tenants. Tokens
//! are answered to the backend and never quoted by an error.

use super::f;
use crate::api::engine::{Arg, Choice, Field, Row, Rule, Schema, Ty};
use crate::api::Method::{Delete, Get, Post};
use crate::api::Unwrap::{self, Key, Whole};

group_rows!("outboundApplication");

const APP: Unwrap = Key("app");
const TOKEN: Unwrap = Key("token");
const APP_ID: Arg = Arg::new("appId", Ty::Id, "appId");
const USER_ID: Arg = Arg::new("userId", Ty::Id, "userId");
const TENANT_ID: Arg = Arg::new("tenantId", Ty::Id, "tenantId");
const SCOPES: Arg = Arg::new("scopes", Ty::Strings, "scopes");
const OPTIONS: Arg = Arg::new("options", Ty::Obj(&FETCH_OPTIONS), "options").opt();
const API_KEY: Arg = Arg::new("apiKey", Ty::Id, "apiKey");

static URL_PARAM: Schema = Schema {
    name: "UrlParam",
    fields: &[&[f("key", Ty::Str).required(), f("value", Ty::Str)]],
    rule: Rule::None,
};

static URL_PARAM_OBJ: Ty = Ty::Obj(&URL_PARAM);
static PROMPT: Ty = Ty::Enum(&Choice::new(
    "OidcPrompt",
    &["none", "login", "consent", "select_account"],
));

const APP_FIELDS: &[Field] = &[
    f("description", Ty::Str),
    f("clientId", Ty::Str),
    f("clientSecret", Ty::Str),
    f("logo", Ty::Str),
    f("discoveryUrl", Ty::Str),
    f("authorizationUrl", Ty::Str),
    f("authorizationUrlParams", Ty::List(&URL_PARAM_OBJ)),
    f("tokenUrl", Ty::Str),
    f("tokenUrlParams", Ty::List(&URL_PARAM_OBJ)),
    f("revocationUrl", Ty::Str),
    f("defaultScopes", Ty::Strings),
    f("defaultRedirectUrl", Ty::Str),
    f("callbackDomain", Ty::Str),
    f("pkce", Ty::Bool),
    f(
        "accessType",
        Ty::Enum(&Choice::new("OutboundAccessType", &["offline", "online"])),
    ),
    f("prompt", Ty::List(&PROMPT)),
    f("useDcr", Ty::Bool),
    f("dcrUrl", Ty::Str),
];

/// An application to create (`clientSecret` is write-only).
pub static NEW_APP: Schema = Schema {
    name: "OutboundApplicationOptions",
    fields: &[
        &[f("id", Ty::Str), f("name", Ty::Id).required()],
        APP_FIELDS,
    ],
    rule: Rule::None,
};

/// An application to replace (a full overwrite; the stored secret stays when
/// `clientSecret` is left out).
pub static APP_UPDATE: Schema = Schema {
    name: "OutboundApplicationUpdate",
    fields: &[
        &[f("id", Ty::Id).required(), f("name", Ty::Id).required()],
        APP_FIELDS,
    ],
    rule: Rule::None,
};

/// What a template-made application changes: any application key but `id` and `clientId`.
pub static OVERRIDES: Schema = Schema {
    name: "OutboundApplicationOverrides",
    fields: &[&[
        f("name", Ty::Str),
        f("description", Ty::Str),
        f("logo", Ty::Str),
        f("discoveryUrl", Ty::Str),
        f("authorizationUrl", Ty::Str),
        f("authorizationUrlParams", Ty::List(&URL_PARAM_OBJ)),
        f("tokenUrl", Ty::Str),
        f("tokenUrlParams", Ty::List(&URL_PARAM_OBJ)),
        f("revocationUrl", Ty::Str),
        f("defaultScopes", Ty::Strings),
        f("defaultRedirectUrl", Ty::Str),
        f("callbackDomain", Ty::Str),
        f("pkce", Ty::Bool),
        f(
            "accessType",
            Ty::Enum(&Choice::new("OutboundAccessType", &["offline", "online"])),
        ),
        f("prompt", Ty::List(&PROMPT)),
    ]],
    rule: Rule::None,
};

/// An application made from one of Descope's templates.
pub static BY_TEMPLATE: Schema = Schema {
    name: "OutboundApplicationByTemplate",
    fields: &[&[
        f("templateId", Ty::Id).required(),
        f("id", Ty::Str),
        f("clientId", Ty::Str),
        f("clientSecret", Ty::Str),
        f("tenantId", Ty::Str),
        f("overrides", Ty::Obj(&OVERRIDES)),
    ]],
    rule: Rule::None,
};

/// How a token is fetched.
pub static FETCH_OPTIONS: Schema = Schema {
    name: "FetchTokenOptions",
    fields: &[&[f("withRefreshToken", Ty::Bool), f("forceRefresh", Ty::Bool)]],
    rule: Rule::None,
};

const TOKEN_FIELDS: &[Field] = &[
    f("refreshToken", Ty::Str),
    f("accessToken", Ty::Str),
    f("accessTokenExpiry", Ty::Count),
    f("accessTokenType", Ty::Str),
    f("scopes", Ty::Strings),
    f("externalIdentifier", Ty::Str),
    f("idToken", Ty::Str),
    f("grantedBy", Ty::Str),
];

/// A user's token to upload (a refresh or an access token; expiry in epoch seconds).
pub static USER_TOKEN: Schema = Schema {
    name: "UserTokenUpload",
    fields: &[
        &[
            f("appId", Ty::Id).required(),
            f("userId", Ty::Id).required(),
            f("tenantId", Ty::Str),
        ],
        TOKEN_FIELDS,
        &[f("verifyRefresh", Ty::Bool)],
    ],
    rule: Rule::None,
};

/// A tenant's token to upload.
pub static TENANT_TOKEN: Schema = Schema {
    name: "TenantTokenUpload",
    fields: &[
        &[
            f("appId", Ty::Id).required(),
            f("tenantId", Ty::Id).required(),
        ],
        TOKEN_FIELDS,
        &[f("verifyRefresh", Ty::Bool)],
    ],
    rule: Rule::None,
};

/// A user's token of a batch (all or nothing).
pub static BATCH_USER_TOKEN: Schema = Schema {
    name: "BatchUserToken",
    fields: &[
        &[
            f("appId", Ty::Id).required(),
            f("userId", Ty::Id).required(),
            f("tenantId", Ty::Str),
        ],
        TOKEN_FIELDS,
    ],
    rule: Rule::None,
};

/// A tenant's token of a batch (all or nothing).
pub static BATCH_TENANT_TOKEN: Schema = Schema {
    name: "BatchTenantToken",
    fields: &[
        &[
            f("appId", Ty::Id).required(),
            f("tenantId", Ty::Id).required(),
        ],
        TOKEN_FIELDS,
    ],
    rule: Rule::None,
};

static BATCH_USER_TOKEN_OBJ: Ty = Ty::Obj(&BATCH_USER_TOKEN);
static BATCH_TENANT_TOKEN_OBJ: Ty = Ty::Obj(&BATCH_TENANT_TOKEN);

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("createApplication", "create_application", Post, "/v1/mgmt/outbound/app/create", APP,
        "Creates an application.")
        .returns("OutboundApplication")
        .args(&[Arg::spread("app", &NEW_APP)])
        .creates(),
    row("createApplicationByTemplate", "create_application_by_template", Post, "/v1/mgmt/outbound/app/create/bytemplate", APP,
        "Creates an application from one of Descope's templates.")
        .returns("OutboundApplication")
        .args(&[Arg::spread("options", &BY_TEMPLATE)])
        .creates(),
    row("updateApplication", "update_application", Post, "/v1/mgmt/outbound/app/update", APP,
        "Replaces an application (a full overwrite).")
        .returns("OutboundApplication")
        .args(&[Arg::new("app", Ty::Obj(&APP_UPDATE), "app")]),
    row("deleteApplication", "delete_application", Post, "/v1/mgmt/outbound/app/delete", Whole,
        "Deletes an application.")
        .returns("Empty")
        .args(&[Arg::new("id", Ty::Id, "id")]),
    row("loadApplication", "load_application", Get, "/v1/mgmt/outbound/app/{id}", APP,
        "Loads an application (its ID percent-encoded into the path, which node-sdk does not do).")
        .returns("OutboundApplication")
        .args(&[Arg::path("id", Ty::Id, "id")]),
    row("loadAllApplications", "load_all_applications", Get, "/v1/mgmt/outbound/apps", Key("apps"),
        "Lists the applications.")
        .returns("OutboundApplication[]"),
    row("fetchTokenByScopes", "fetch_token_by_scopes", Post, "/v1/mgmt/outbound/app/user/token", TOKEN,
        "A user's token with these scopes.")
        .returns("OutboundToken")
        .args(&[APP_ID, USER_ID, SCOPES, OPTIONS, Arg::new("tenantId", Ty::Str, "tenantId").opt()])
        .secret(),
    row("fetchToken", "fetch_token", Post, "/v1/mgmt/outbound/app/user/token/latest", TOKEN,
        "A user's latest token.")
        .returns("OutboundToken")
        .args(&[APP_ID, USER_ID, Arg::new("tenantId", Ty::Str, "tenantId").opt(), OPTIONS])
        .secret(),
    row("fetchTenantTokenByScopes", "fetch_tenant_token_by_scopes", Post, "/v1/mgmt/outbound/app/tenant/token", TOKEN,
        "A tenant's token with these scopes.")
        .returns("OutboundToken")
        .args(&[APP_ID, TENANT_ID, SCOPES, OPTIONS])
        .secret(),
    row("fetchTenantToken", "fetch_tenant_token", Post, "/v1/mgmt/outbound/app/tenant/token/latest", TOKEN,
        "A tenant's latest token.")
        .returns("OutboundToken")
        .args(&[APP_ID, TENANT_ID, OPTIONS])
        .secret(),
    row("deleteUserTokens", "delete_user_tokens", Delete, "/v1/mgmt/outbound/user/tokens", Whole,
        "Deletes a user's tokens, of one application or all (a value left out is left out of the query, not sent as `undefined`).")
        .returns("Empty")
        .args(&[
            Arg::new("appId", Ty::Id, "appId").opt(),
            Arg::new("userId", Ty::Id, "userId").opt(),
        ])
        .one_of(&[0, 1]),
    row("deleteTokenById", "delete_token_by_id", Delete, "/v1/mgmt/outbound/token", Whole,
        "Deletes a token.")
        .returns("Empty")
        .args(&[Arg::new("id", Ty::Id, "id")]),
    row("listAppsWithUserToken", "list_apps_with_user_token", Get, "/v1/mgmt/outbound/apps-with-user-token", Key("appIds"),
        "The IDs of the applications a user holds a valid token of.")
        .returns("string[]")
        .args(&[USER_ID, Arg::new("tenantId", Ty::Str, "tenantId").truthy()]),
    row("uploadUserApiKey", "upload_user_api_key", Post, "/v1/mgmt/outbound/app/user/apikey/upload", Whole,
        "Stores a user's API key for an application.")
        .returns("Empty")
        .args(&[APP_ID, USER_ID, API_KEY, Arg::new("tenantId", Ty::Str, "tenantId").opt()]),
    row("uploadTenantApiKey", "upload_tenant_api_key", Post, "/v1/mgmt/outbound/app/tenant/apikey/upload", Whole,
        "Stores a tenant's API key for an application.")
        .returns("Empty")
        .args(&[APP_ID, TENANT_ID, API_KEY]),
    row("uploadUserToken", "upload_user_token", Post, "/v1/mgmt/outbound/app/user/oauthtoken/upload", Whole,
        "Stores a user's OAuth token (`verifyRefresh` checks it with the provider first).")
        .returns("Empty")
        .args(&[Arg::spread("token", &USER_TOKEN)]),
    row("uploadTenantToken", "upload_tenant_token", Post, "/v1/mgmt/outbound/app/tenant/oauthtoken/upload", Whole,
        "Stores a tenant's OAuth token.")
        .returns("Empty")
        .args(&[Arg::spread("token", &TENANT_TOKEN)]),
    row("batchUploadUserTokens", "batch_upload_user_tokens", Post, "/v1/mgmt/outbound/app/user/oauthtoken/batch/upload", Whole,
        "Stores users' tokens, all or none (any failure: none stored).")
        .returns("TokenUploadFailures")
        .args(&[Arg::new("tokens", Ty::List1(&BATCH_USER_TOKEN_OBJ), "tokens")]),
    row("batchUploadTenantTokens", "batch_upload_tenant_tokens", Post, "/v1/mgmt/outbound/app/tenant/oauthtoken/batch/upload", Whole,
        "Stores tenants' tokens, all or none (any failure: none stored).")
        .returns("TokenUploadFailures")
        .args(&[Arg::new("tokens", Ty::List1(&BATCH_TENANT_TOKEN_OBJ), "tokens")]),
];
