//! `management.user`: node-sdk 2.13.0's functions and `removeRecoveryCodes`
//! (reference: `descope-user-api.md`), one row each, in node-sdk's order.

use super::f;
use crate::api::engine::{Arg, Choice, Const, Field, Need, Preset, Row, Rule, Schema, Ty};
use crate::api::Method::{Delete, Get, Patch, Post};
use crate::api::Unwrap::{self, Key, Whole};

group_rows!("user");

// ------------------------------------------------------------------ arguments

/// The user, by login ID or user ID, sent as `loginId`.
const LOGIN: Arg = Arg::new("loginIdOrUserId", Ty::Id, "loginId");
const LOGIN_ID: Arg = Arg::new("loginId", Ty::Id, "loginId");
const USER_ID: Arg = Arg::new("userId", Ty::Id, "userId");
const ROLES: Arg = Arg::new("roles", Ty::Strings, "roleNames");
const TENANT: Arg = Arg::new("tenantId", Ty::Id, "tenantId");
const SSO_APPS: Arg = Arg::new("ssoAppIds", Ty::Strings, "ssoAppIds");
const PASSWORD: Arg = Arg::new("password", Ty::Id, "password");
const DELIVERY: Arg = Arg::new(
    "deliveryMethod",
    Ty::Enum(&Choice::new("DeliveryMethod", DELIVERY_METHODS)),
    "deliveryMethod",
);
const URI: Arg = Arg::new("uri", Ty::Str, "URI");
const TIMEOUT: Arg = Arg::new("timeout", Ty::Int, "timeout").opt();
const VERIFIED: Arg = Arg::new("isVerified", Ty::Bool, "verified").opt();

const DELIVERY_METHODS: &[&str] = &["email", "sms", "voice", "whatsapp", "Embedded", "im"];
const STATUSES: &[&str] = &["enabled", "disabled", "invited", "expired"];

// ------------------------------------------------------------------ schemas

/// `{ tenantId, roleNames? }`
pub static ASSOCIATED_TENANT: Schema = Schema {
    name: "AssociatedTenant",
    fields: &[&[
        f("tenantId", Ty::Id).required(),
        f("roleNames", Ty::Strings),
    ]],
    rule: Rule::None,
};

static TENANT_OBJ: Ty = Ty::Obj(&ASSOCIATED_TENANT);

/// The fields every user-writing call shares (`roles` → `roleNames`).
const PERSON_FIELDS: &[Field] = &[
    f("email", Ty::Str),
    f("phone", Ty::Str),
    f("displayName", Ty::Str),
    f("givenName", Ty::Str),
    f("middleName", Ty::Str),
    f("familyName", Ty::Str),
    f("roles", Ty::Strings).wire("roleNames"),
    f("userTenants", Ty::List(&TENANT_OBJ)),
    f("customAttributes", Ty::Map(&Ty::Attr)),
    f("picture", Ty::Str),
    f("verifiedEmail", Ty::Bool),
    f("verifiedPhone", Ty::Bool),
];
/// The rest of the user fields of create, createTestUser, invite and update.
const USER_FIELDS: &[Field] = &[
    f("additionalLoginIds", Ty::Strings),
    f("ssoAppIds", Ty::Strings),
];
const TEMPLATE_ID: &[Field] = &[f("templateId", Ty::Str)];
/// Keys only an invitation sends.
const INVITE_FIELDS: &[Field] = &[
    f("inviteUrl", Ty::Str),
    f("sendMail", Ty::Bool),
    f("sendSMS", Ty::Bool),
    f("templateOptions", Ty::Map(&Ty::Str)),
    f("locale", Ty::Str),
];

/// Options of `create`.
pub static CREATE_OPTIONS: Schema = Schema {
    name: "UserOptions",
    fields: &[PERSON_FIELDS, USER_FIELDS, TEMPLATE_ID],
    rule: Rule::None,
};
/// Options of `createTestUser` and `update`.
pub static UPDATE_OPTIONS: Schema = Schema {
    name: "UpdateUserOptions",
    fields: &[PERSON_FIELDS, USER_FIELDS],
    rule: Rule::None,
};
/// Options of `invite`.
pub static INVITE_OPTIONS: Schema = Schema {
    name: "InviteOptions",
    fields: &[PERSON_FIELDS, USER_FIELDS, TEMPLATE_ID, INVITE_FIELDS],
    rule: Rule::None,
};

/// What `patch` changes besides the shared fields: only the keys given.
const PATCH_FIELDS: &[Field] = &[
    f("ssoAppIds", Ty::Strings),
    f("scim", Ty::Bool),
    f("status", Ty::Enum(&Choice::new("UserStatus", STATUSES))),
    f("additionalIdentifiers", Ty::Strings),
];
/// A batch entry's user: `loginIdOrUserId`, else the older `loginId`.
const BATCH_LOGIN: &[Field] = &[f("loginIdOrUserId", Ty::Id), f("loginId", Ty::Id)];

/// Options of `patch`.
pub static PATCH_OPTIONS: Schema = Schema {
    name: "PatchUserOptions",
    fields: &[PERSON_FIELDS, PATCH_FIELDS],
    rule: Rule::None,
};
/// An entry of `patchBatch`.
pub static PATCH_BATCH_USER: Schema = Schema {
    name: "PatchBatchUser",
    fields: &[BATCH_LOGIN, PERSON_FIELDS, PATCH_FIELDS],
    rule: Rule::BatchLoginId,
};

static HASH_ONLY: Schema = Schema {
    name: "HashOnly",
    fields: &[&[f("hash", Ty::Str).required()]],
    rule: Rule::None,
};
static SALTED_ITERATED: Schema = Schema {
    name: "SaltedIterated",
    fields: &[&[
        f("hash", Ty::Str).required(),
        f("salt", Ty::Str).required(),
        f("iterations", Ty::Count).required(),
        f("type", Ty::Str).required(),
    ]],
    rule: Rule::None,
};
static FIREBASE: Schema = Schema {
    name: "FirebaseHash",
    fields: &[&[
        f("hash", Ty::Str).required(),
        f("salt", Ty::Str).required(),
        f("saltSeparator", Ty::Str).required(),
        f("signerKey", Ty::Str).required(),
        f("memory", Ty::Count).required(),
        f("rounds", Ty::Count).required(),
    ]],
    rule: Rule::None,
};
static SHA: Schema = Schema {
    name: "ShaHash",
    fields: &[&[
        f("hash", Ty::Str).required(),
        f("type", Ty::Str).required(),
        f("salt", Ty::Str),
    ]],
    rule: Rule::None,
};
static ARGON2: Schema = Schema {
    name: "Argon2Hash",
    fields: &[&[
        f("hash", Ty::Str).required(),
        f("salt", Ty::Str).required(),
        f("iterations", Ty::Count).required(),
        f("memory", Ty::Count).required(),
        f("threads", Ty::Count).required(),
    ]],
    rule: Rule::None,
};
static BACH: Schema = Schema {
    name: "BachHash",
    fields: &[&[f("hash", Ty::Str).required(), f("key", Ty::Str).required()]],
    rule: Rule::None,
};
/// A hashed password to import: exactly one kind.
pub static HASHED_PASSWORD: Schema = Schema {
    name: "HashedPassword",
    fields: &[&[
        f("bcrypt", Ty::Obj(&HASH_ONLY)),
        f("pbkdf2", Ty::Obj(&SALTED_ITERATED)),
        f("firebase", Ty::Obj(&FIREBASE)),
        f("django", Ty::Obj(&HASH_ONLY)),
        f("phpass", Ty::Obj(&SALTED_ITERATED)),
        f("md5", Ty::Obj(&HASH_ONLY)),
        f("sha", Ty::Obj(&SHA)),
        f("argon2", Ty::Obj(&ARGON2)),
        f("bach", Ty::Obj(&BACH)),
        f("buddyauth", Ty::Obj(&HASH_ONLY)),
    ]],
    rule: Rule::ExactlyOne,
};
static PASSWORD_OBJECT: Schema = Schema {
    name: "BatchPasswordObject",
    fields: &[&[
        f("cleartext", Ty::Str),
        f("hashed", Ty::Obj(&HASHED_PASSWORD)),
    ]],
    rule: Rule::None,
};
/// A user of `createBatch` and `inviteBatch`.
pub static BATCH_USER: Schema = Schema {
    name: "BatchUser",
    fields: &[
        BATCH_LOGIN,
        PERSON_FIELDS,
        &[
            f("test", Ty::Bool),
            f("additionalLoginIds", Ty::Strings),
            f("ssoAppIds", Ty::Strings),
            f("password", Ty::StrOr(&PASSWORD_OBJECT)),
            f("hashedPassword", Ty::Obj(&HASHED_PASSWORD)),
            f("seed", Ty::Str),
            f("status", Ty::Enum(&Choice::new("UserStatus", STATUSES))),
            f("createdTime", Ty::Int),
        ],
    ],
    rule: Rule::BatchLoginId,
};

static SORT_ITEM: Schema = Schema {
    name: "SortItem",
    fields: &[&[f("field", Ty::Str).required(), f("desc", Ty::Bool)]],
    rule: Rule::None,
};
/// `{ values, and? }`: a user must have any (or, with `and`, all) of the roles.
pub static ROLE_FILTER: Schema = Schema {
    name: "RoleFilter",
    fields: &[&[f("values", Ty::Strings).required(), f("and", Ty::Bool)]],
    rule: Rule::None,
};
/// The search request (reference §5.6); `roles` → `roleNames`.
pub static SEARCH_REQUEST: Schema = Schema {
    name: "SearchRequest",
    fields: &[&[
        f("page", Ty::Count),
        f("limit", Ty::Count),
        f("offset", Ty::Count),
        f("sort", Ty::List(&Ty::Obj(&SORT_ITEM))),
        f("text", Ty::Str),
        f("emails", Ty::Strings),
        f("phones", Ty::Strings),
        f(
            "statuses",
            Ty::List(&Ty::Enum(&Choice::new("UserStatus", STATUSES))),
        ),
        f("roles", Ty::Strings).wire("roleNames"),
        f("tenantIds", Ty::Strings),
        f("customAttributes", Ty::Map(&Ty::Filter)),
        f("withTestUser", Ty::Bool),
        f("testUsersOnly", Ty::Bool),
        f("ssoAppIds", Ty::Strings),
        f("loginIds", Ty::Strings),
        f("userIds", Ty::Strings),
        f("fromCreatedTime", Ty::Int),
        f("toCreatedTime", Ty::Int),
        f("fromModifiedTime", Ty::Int),
        f("toModifiedTime", Ty::Int),
        f("tenantRoleIds", Ty::Map(&Ty::Obj(&ROLE_FILTER))),
        f("tenantRoleNames", Ty::Map(&Ty::Obj(&ROLE_FILTER))),
        f("verifiedEmail", Ty::Bool),
        f("verifiedPhone", Ty::Bool),
        f("includeSubTenants", Ty::Bool),
        f("loginId", Ty::Str),
        f("ssoOnly", Ty::Bool),
        f("scimOnly", Ty::Bool),
        f("password", Ty::Bool),
        f("totp", Ty::Bool),
        f("webauthn", Ty::Bool),
        f("scim", Ty::Bool),
        f("selectedColumns", Ty::Strings),
    ]],
    rule: Rule::None,
};

/// `getProviderToken`'s options, sent in the query (`false` when left out).
pub static PROVIDER_TOKEN_OPTIONS: Schema = Schema {
    name: "ProviderTokenOptions",
    fields: &[&[
        Field {
            need: Need::Default(Preset::False),
            ..f("withRefreshToken", Ty::Bool)
        },
        Field {
            need: Need::Default(Preset::False),
            ..f("forceRefresh", Ty::Bool)
        },
    ]],
    rule: Rule::None,
};

/// Options of the test-user links and the sign-up embedded link.
pub static LOGIN_OPTIONS: Schema = Schema {
    name: "LoginOptions",
    fields: &[&[
        f("stepup", Ty::Bool),
        f("mfa", Ty::Bool),
        f("revokeOtherSessions", Ty::Bool),
        f("revokeOtherSessionsTypes", Ty::Strings),
        f("customClaims", Ty::Map(&Ty::Any)),
        f("templateId", Ty::Str),
        f("templateOptions", Ty::Map(&Ty::Str)),
        f("tenantId", Ty::Str),
        f("locale", Ty::Str),
        f("ssoAppId", Ty::Str),
        f("pkceChallenge", Ty::Str),
    ]],
    rule: Rule::None,
};
/// The user of `generateSignUpEmbeddedLink`.
pub static SIGN_UP_USER: Schema = Schema {
    name: "SignUpUser",
    fields: &[&[
        f("name", Ty::Str),
        f("givenName", Ty::Str),
        f("middleName", Ty::Str),
        f("familyName", Ty::Str),
        f("phone", Ty::Str),
        f("email", Ty::Str),
        f("loginId", Ty::Str),
    ]],
    rule: Rule::None,
};

static ATTRIBUTE_OPTION: Schema = Schema {
    name: "AttributeOption",
    fields: &[&[f("value", Ty::Str).required(), f("label", Ty::Str)]],
    rule: Rule::None,
};
/// A custom attribute definition.
pub static CUSTOM_ATTRIBUTE: Schema = Schema {
    name: "CustomAttribute",
    fields: &[&[
        f("name", Ty::Id).required(),
        f("type", Ty::Int).required(),
        f("options", Ty::List(&Ty::Obj(&ATTRIBUTE_OPTION))),
        f("displayName", Ty::Str),
        f("defaultValue", Ty::Any),
        f("viewPermissions", Ty::Strings),
        f("editPermissions", Ty::Strings),
    ]],
    rule: Rule::None,
};

// ------------------------------------------------------------------ rows

const USER: Unwrap = Key("user");
/// node-sdk resolves `{ users, total }` of a search, nothing else.
const PAGE: Unwrap = Unwrap::Pick(&["users", "total"]);

/// The rows, in node-sdk's order.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("create", "create", Post, "/v1/mgmt/user/create", USER, "Creates a user.")
        .returns("User")
        .args(&[LOGIN_ID, Arg::spread("options", &CREATE_OPTIONS)])
        .creates(),
    row("createTestUser", "create_test_user", Post, "/v1/mgmt/user/create/test", USER,
        "Creates a test user.")
        .returns("User")
        .args(&[LOGIN_ID, Arg::spread("options", &UPDATE_OPTIONS)])
        .consts(&[("test", Const::True)])
        .creates(),
    row("invite", "invite", Post, "/v1/mgmt/user/create", USER,
        "Creates a user and invites them (an existing user ID re-sends the invitation).")
        .returns("User")
        .args(&[LOGIN, Arg::spread("options", &INVITE_OPTIONS)])
        .consts(&[("invite", Const::True)])
        .creates(),
    row("inviteBatch", "invite_batch", Post, "/v1/mgmt/user/create/batch", Whole,
        "Creates users and invites them.")
        .returns("BatchResponse")
        .args(&[
            Arg::new("users", Ty::List(&Ty::Obj(&BATCH_USER)), "users"),
            Arg::new("inviteUrl", Ty::Str, "inviteUrl").opt(),
            Arg::new("sendMail", Ty::Bool, "sendMail").opt(),
            Arg::new("sendSMS", Ty::Bool, "sendSMS").opt(),
            Arg::new("templateOptions", Ty::Map(&Ty::Str), "templateOptions").opt(),
            Arg::new("templateId", Ty::Str, "templateId").opt(),
            Arg::new("locale", Ty::Str, "locale").opt(),
        ])
        .consts(&[("invite", Const::True)])
        .creates(),
    row("createBatch", "create_batch", Post, "/v1/mgmt/user/create/batch", Whole, "Creates users.")
        .returns("BatchResponse")
        .args(&[Arg::new("users", Ty::List(&Ty::Obj(&BATCH_USER)), "users")])
        .creates(),
    row("update", "update", Post, "/v1/mgmt/user/update", USER,
        "Replaces a user's fields (a full overwrite).")
        .returns("User")
        .args(&[LOGIN, Arg::spread("options", &UPDATE_OPTIONS)]),
    row("patch", "patch", Patch, "/v1/mgmt/user/patch", USER, "Changes the given fields of a user.")
        .returns("User")
        .args(&[LOGIN, Arg::spread("options", &PATCH_OPTIONS)]),
    row("patchBatch", "patch_batch", Patch, "/v1/mgmt/user/patch/batch", Whole,
        "Changes the given fields of several users.")
        .returns("BatchResponse")
        .args(&[Arg::new("users", Ty::List(&Ty::Obj(&PATCH_BATCH_USER)), "users")]),
    row("delete", "delete", Post, "/v1/mgmt/user/delete", Whole, "Deletes a user.")
        .returns("Empty")
        .args(&[LOGIN]),
    row("deleteByUserId", "delete_by_user_id", Post, "/v1/mgmt/user/delete", Whole,
        "Deletes a user by user ID.")
        .returns("Empty")
        .args(&[USER_ID]),
    row("deleteBatch", "delete_batch", Post, "/v1/mgmt/user/delete/batch", Whole,
        "Deletes users by user ID (an empty list is refused).")
        .returns("Empty")
        .args(&[Arg::new("userIds", Ty::Ids, "userIds")]),
    row("deleteAllTestUsers", "delete_all_test_users", Delete, "/v1/mgmt/user/test/delete/all", Whole,
        "Deletes every test user.")
        .returns("Empty"),
    row("load", "load", Get, "/v1/mgmt/user", USER, "Loads a user.")
        .returns("User")
        .args(&[LOGIN]),
    row("loadByUserId", "load_by_user_id", Get, "/v1/mgmt/user", USER, "Loads a user by user ID.")
        .returns("User")
        .args(&[USER_ID]),
    row("loadUsers", "load_users", Post, "/v1/mgmt/users/load", Key("users"),
        "Loads users by user ID.")
        .returns("User[]")
        .args(&[
            Arg::new("userIds", Ty::Ids, "userIds"),
            Arg::new("includeInvalidUsers", Ty::Bool, "includeInvalidUsers").opt(),
        ]),
    row("logoutUser", "logout_user", Post, "/v1/mgmt/user/logout", Whole,
        "Signs a user out of every session.")
        .returns("Empty")
        .args(&[LOGIN]),
    row("logoutUserByUserId", "logout_user_by_user_id", Post, "/v1/mgmt/user/logout", Whole,
        "Signs a user out of every session, by user ID.")
        .returns("Empty")
        .args(&[USER_ID]),
    row("search", "search", Post, "/v2/mgmt/user/search", PAGE,
        "Searches users: a page and the total.")
        .returns("SearchResponse")
        .args(&[Arg::spread("options", &SEARCH_REQUEST)]),
    row("searchTestUsers", "search_test_users", Post, "/v2/mgmt/user/search/test", PAGE,
        "Searches test users.")
        .returns("SearchResponse")
        .args(&[Arg::spread("options", &SEARCH_REQUEST)])
        .consts(&[("withTestUser", Const::True), ("testUsersOnly", Const::True)]),
    row("searchAll", "search_all", Post, "/v2/mgmt/user/search", Key("users"),
        "Searches users (positional form; use search).")
        .returns("User[]")
        .args(&[
            Arg::new("tenantIds", Ty::Strings, "tenantIds").opt(),
            Arg::new("roles", Ty::Strings, "roleNames").opt(),
            Arg::new("limit", Ty::Count, "limit").opt(),
            Arg::new("page", Ty::Count, "page").opt(),
            Arg::new("testUsersOnly", Ty::Bool, "testUsersOnly").opt(),
            Arg::new("withTestUser", Ty::Bool, "withTestUser").opt(),
            Arg::new("customAttributes", Ty::Map(&Ty::Filter), "customAttributes").opt(),
            Arg::new("statuses", Ty::List(&Ty::Enum(&Choice::new("UserStatus", STATUSES))), "statuses").opt(),
            Arg::new("emails", Ty::Strings, "emails").opt(),
            Arg::new("phones", Ty::Strings, "phones").opt(),
        ])
        .deprecated(),
    row("getProviderToken", "get_provider_token", Get, "/v1/mgmt/user/provider/token", Whole,
        "Reads the token of a user's OAuth provider.")
        .returns("ProviderToken")
        .args(&[
            LOGIN,
            Arg::new("provider", Ty::Id, "provider"),
            Arg::spread("options", &PROVIDER_TOKEN_OPTIONS),
        ]),
    row("activate", "activate", Post, "/v1/mgmt/user/update/status", USER, "Enables a user.")
        .returns("User")
        .args(&[LOGIN])
        .consts(&[("status", Const::Str("enabled"))]),
    row("deactivate", "deactivate", Post, "/v1/mgmt/user/update/status", USER, "Disables a user.")
        .returns("User")
        .args(&[LOGIN])
        .consts(&[("status", Const::Str("disabled"))]),
    row("updateLoginId", "update_login_id", Post, "/v1/mgmt/user/update/loginid", USER,
        "Changes a login ID (none removes it).")
        .returns("User")
        .args(&[LOGIN, Arg::new("newLoginId", Ty::Str, "newLoginId").opt()]),
    row("updateEmail", "update_email", Post, "/v1/mgmt/user/update/email", USER,
        "Changes a user's email.")
        .returns("User")
        .args(&[
            LOGIN,
            Arg::new("email", Ty::Str, "email"),
            VERIFIED,
            Arg::new("failOnConflict", Ty::Bool, "failOnConflict").opt(),
        ]),
    row("updatePhone", "update_phone", Post, "/v1/mgmt/user/update/phone", USER,
        "Changes a user's phone.")
        .returns("User")
        .args(&[
            LOGIN,
            Arg::new("phone", Ty::Str, "phone"),
            VERIFIED,
            Arg::new("failOnConflict", Ty::Bool, "failOnConflict").opt(),
        ]),
    row("updateDisplayName", "update_display_name", Post, "/v1/mgmt/user/update/name", USER,
        "Changes a user's display name (and name parts).")
        .returns("User")
        .args(&[
            LOGIN,
            Arg::new("displayName", Ty::Str, "displayName").opt(),
            Arg::new("givenName", Ty::Str, "givenName").opt(),
            Arg::new("middleName", Ty::Str, "middleName").opt(),
            Arg::new("familyName", Ty::Str, "familyName").opt(),
        ]),
    row("updateUserNames", "update_user_names", Post, "/v1/mgmt/user/update/name", USER,
        "Changes a user's name parts.")
        .returns("User")
        .args(&[
            LOGIN,
            Arg::new("givenName", Ty::Str, "givenName").opt(),
            Arg::new("middleName", Ty::Str, "middleName").opt(),
            Arg::new("familyName", Ty::Str, "familyName").opt(),
        ]),
    row("updatePicture", "update_picture", Post, "/v1/mgmt/user/update/picture", USER,
        "Changes a user's picture.")
        .returns("User")
        .args(&[LOGIN, Arg::new("picture", Ty::Str, "picture")]),
    row("updateCustomAttribute", "update_custom_attribute", Post, "/v1/mgmt/user/update/customAttribute", USER,
        "Sets one custom attribute (null clears it).")
        .returns("User")
        .args(&[
            LOGIN,
            Arg::new("attributeKey", Ty::Id, "attributeKey"),
            Arg::new("attributeValue", Ty::Attr, "attributeValue"),
        ]),
    row("setRoles", "set_roles", Post, "/v1/mgmt/user/update/role/set", USER,
        "Sets a user's project roles.")
        .returns("User")
        .args(&[LOGIN, ROLES]),
    row("addRoles", "add_roles", Post, "/v2/mgmt/user/update/role/add", USER,
        "Adds project roles to a user.")
        .returns("User")
        .args(&[LOGIN, ROLES]),
    row("removeRoles", "remove_roles", Post, "/v1/mgmt/user/update/role/remove", USER,
        "Removes project roles from a user.")
        .returns("User")
        .args(&[LOGIN, ROLES]),
    row("addTenant", "add_tenant", Post, "/v1/mgmt/user/update/tenant/add", USER,
        "Adds a user to a tenant.")
        .returns("User")
        .args(&[LOGIN, TENANT]),
    row("removeTenant", "remove_tenant", Post, "/v1/mgmt/user/update/tenant/remove", USER,
        "Removes a user from a tenant.")
        .returns("User")
        .args(&[LOGIN, TENANT]),
    row("setTenantRoles", "set_tenant_roles", Post, "/v1/mgmt/user/update/role/set", USER,
        "Sets a user's roles in a tenant.")
        .returns("User")
        .args(&[LOGIN, TENANT, ROLES]),
    row("addTenantRoles", "add_tenant_roles", Post, "/v2/mgmt/user/update/role/add", USER,
        "Adds roles in a tenant to a user.")
        .returns("User")
        .args(&[LOGIN, TENANT, ROLES]),
    row("removeTenantRoles", "remove_tenant_roles", Post, "/v1/mgmt/user/update/role/remove", USER,
        "Removes roles in a tenant from a user.")
        .returns("User")
        .args(&[LOGIN, TENANT, ROLES]),
    row("addSSOapps", "add_sso_apps", Post, "/v1/mgmt/user/update/ssoapp/add", USER,
        "Adds SSO applications to a user.")
        .returns("User")
        .args(&[LOGIN, SSO_APPS]),
    row("setSSOapps", "set_sso_apps", Post, "/v1/mgmt/user/update/ssoapp/set", USER,
        "Sets a user's SSO applications.")
        .returns("User")
        .args(&[LOGIN, SSO_APPS]),
    row("removeSSOapps", "remove_sso_apps", Post, "/v1/mgmt/user/update/ssoapp/remove", USER,
        "Removes SSO applications from a user.")
        .returns("User")
        .args(&[LOGIN, SSO_APPS]),
    row("setTemporaryPassword", "set_temporary_password", Post, "/v1/mgmt/user/password/set/temporary", Whole,
        "Sets a password the user must change at next sign-in.")
        .returns("Empty")
        .args(&[LOGIN, PASSWORD]),
    row("setActivePassword", "set_active_password", Post, "/v1/mgmt/user/password/set/active", Whole,
        "Sets a password the user keeps.")
        .returns("Empty")
        .args(&[LOGIN, PASSWORD]),
    row("setPassword", "set_password", Post, "/v1/mgmt/user/password/set", Whole,
        "Sets a temporary password (use setTemporaryPassword).")
        .returns("Empty")
        .args(&[LOGIN, PASSWORD])
        .deprecated(),
    row("expirePassword", "expire_password", Post, "/v1/mgmt/user/password/expire", Whole,
        "Expires a user's password.")
        .returns("Empty")
        .args(&[LOGIN]),
    row("removeAllPasskeys", "remove_all_passkeys", Post, "/v1/mgmt/user/passkeys/delete", Whole,
        "Removes every passkey of a user.")
        .returns("Empty")
        .args(&[LOGIN]),
    row("removePasskey", "remove_passkey", Post, "/v1/mgmt/user/passkey/delete", Whole,
        "Removes one passkey.")
        .returns("Empty")
        .args(&[LOGIN, Arg::new("credentialId", Ty::Id, "credentialId")]),
    row("listPasskeys", "list_passkeys", Post, "/v1/mgmt/user/passkeys/list", Key("passkeys"),
        "Lists a user's passkeys.")
        .returns("UserPasskey[]")
        .args(&[LOGIN]),
    row("removeTOTPSeed", "remove_totp_seed", Post, "/v1/mgmt/user/totp/delete", Whole,
        "Removes a user's TOTP seed.")
        .returns("Empty")
        .args(&[LOGIN]),
    row("removeRecoveryCodes", "remove_recovery_codes", Post, "/v1/mgmt/user/recovery-codes/delete", Whole,
        "Removes a user's recovery codes.")
        .returns("Empty")
        .args(&[LOGIN]),
    row("generateOTPForTestUser", "generate_otp_for_test_user", Post, "/v1/mgmt/tests/generate/otp", Whole,
        "Generates an OTP code for a test user.")
        .returns("GeneratedOtp")
        .secret()
        .args(&[
            DELIVERY,
            LOGIN_ID,
            Arg::new("loginOptions", Ty::Obj(&LOGIN_OPTIONS), "loginOptions").opt(),
        ]),
    row("generateMagicLinkForTestUser", "generate_magic_link_for_test_user", Post, "/v1/mgmt/tests/generate/magiclink", Whole,
        "Generates a magic link for a test user.")
        .returns("GeneratedLink")
        .secret()
        .args(&[
            DELIVERY,
            LOGIN_ID,
            URI,
            Arg::new("loginOptions", Ty::Obj(&LOGIN_OPTIONS), "loginOptions").opt(),
        ]),
    row("generateEnchantedLinkForTestUser", "generate_enchanted_link_for_test_user", Post, "/v1/mgmt/tests/generate/enchantedlink", Whole,
        "Generates an enchanted link for a test user.")
        .returns("EnchantedLink")
        .secret()
        .args(&[
            LOGIN_ID,
            URI,
            Arg::new("loginOptions", Ty::Obj(&LOGIN_OPTIONS), "loginOptions").opt(),
        ]),
    row("generateEmbeddedLink", "generate_embedded_link", Post, "/v1/mgmt/user/signin/embeddedlink", Whole,
        "Generates a sign-in token (embedded link).")
        .returns("EmbeddedLink")
        .secret()
        .args(&[
            LOGIN_ID,
            Arg::new("customClaims", Ty::Map(&Ty::Any), "customClaims").opt(),
            TIMEOUT,
        ]),
    row("generateSignUpEmbeddedLink", "generate_sign_up_embedded_link", Post, "/v1/mgmt/user/signup/embeddedlink", Whole,
        "Generates a sign-up token (embedded link).")
        .returns("EmbeddedLink")
        .secret()
        .args(&[
            LOGIN_ID,
            Arg::new("user", Ty::Obj(&SIGN_UP_USER), "user").opt(),
            Arg::new("emailVerified", Ty::Bool, "emailVerified").opt(),
            Arg::new("phoneVerified", Ty::Bool, "phoneVerified").opt(),
            Arg::new("loginOptions", Ty::Obj(&LOGIN_OPTIONS), "loginOptions").opt(),
            TIMEOUT,
        ]),
    row("history", "history", Post, "/v1/mgmt/user/history", Whole,
        "Reads users' sign-in history (the body is the bare list of user IDs).")
        .returns("UserHistory[]")
        .args(&[Arg::whole("userIds", Ty::IdList)]),
    row("import", "import", Post, "/v1/mgmt/user/import", Whole,
        "Imports users from another provider.")
        .returns("ImportResponse")
        .args(&[
            Arg::new("source", Ty::Id, "source"),
            Arg::new("users", Ty::Str, "users").opt(),
            Arg::new("hashes", Ty::Str, "hashes").opt(),
            Arg::new("dryrun", Ty::Bool, "dryrun").or(Preset::False),
        ])
        .creates(),
    row("updateRecoveryEmail", "update_recovery_email", Post, "/v1/mgmt/user/update/recovery/email", USER,
        "Sets a user's recovery email.")
        .returns("User")
        .args(&[LOGIN, Arg::new("email", Ty::Str, "recoveryEmail"), VERIFIED]),
    row("updateRecoveryPhone", "update_recovery_phone", Post, "/v1/mgmt/user/update/recovery/phone", USER,
        "Sets a user's recovery phone.")
        .returns("User")
        .args(&[LOGIN, Arg::new("phone", Ty::Str, "recoveryPhone"), VERIFIED]),
    row("getCustomAttributes", "get_custom_attributes", Get, "/v1/mgmt/user/customattributes", Key("data"), "Lists the project's custom attributes.")
        .returns("CustomAttribute[]"),
    row("createCustomAttributes", "create_custom_attributes", Post, "/v1/mgmt/user/customattribute/create", Key("data"),
        "Declares custom attributes.")
        .returns("CustomAttribute[]")
        .args(&[Arg::new("attributes", Ty::List1(&Ty::Obj(&CUSTOM_ATTRIBUTE)), "attributes")]),
    row("deleteCustomAttributes", "delete_custom_attributes", Post, "/v1/mgmt/user/customattribute/delete", Key("data"),
        "Deletes custom attributes.")
        .returns("CustomAttribute[]")
        .args(&[Arg::new("names", Ty::Ids, "names")]),
    row("listTrustedDevices", "list_trusted_devices", Post, "/v1/mgmt/user/trusteddevices/list", Key("devices"),
        "Lists users' trusted devices.")
        .returns("TrustedDevice[]")
        .args(&[Arg::new("loginIdsOrUserIds", Ty::Ids, "identifiers")]),
    row("removeTrustedDevices", "remove_trusted_devices", Post, "/v1/mgmt/user/trusteddevices/remove", Whole,
        "Removes trusted devices of a user.")
        .returns("Empty")
        .args(&[
            Arg::new("loginIdOrUserId", Ty::Id, "identifier"),
            Arg::new("deviceIds", Ty::Ids, "deviceIds"),
        ]),
];
