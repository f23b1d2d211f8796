//! The files derived from the catalogue's rows, regenerated and compared with what is
//! committed (web-sys's drift check): the typed Rust methods (`src/client/user.rs`), the
//! TypeScript declarations of the functions (`pkg/user-functions.d.ts`) and the README's
//! method table. `BLESS=1 cargo test --test generated` rewrites them.
// Native only: the generators and the docs read fields the wasm build leaves out.
#![cfg(not(target_arch = "wasm32"))]

use descope_mgmt::api::catalogue;
use descope_mgmt::api::engine::{Arg, Need, Row, Schema, To, Ty};

const BLESS_HINT: &str = "BLESS=1 cargo test --test generated";

/// The Rust model a schema is read into.
fn model(schema: &'static str) -> &'static str {
    hand_model(schema).unwrap_or(schema)
}

/// The hand-written Rust model of a schema, if it has one (the user API's, older than the
/// generator); every other schema's model is generated into `src/models/generated.rs`.
fn hand_model(schema: &str) -> Option<&'static str> {
    Some(match schema {
        "UserOptions" | "UpdateUserOptions" | "InviteOptions" => "UserOptions",
        "PatchUserOptions" | "PatchBatchUser" => "PatchOptions",
        "BatchUser" => "BatchUser",
        "SearchRequest" => "SearchRequest",
        "ProviderTokenOptions" => "ProviderTokenOptions",
        "LoginOptions" => "LoginOptions",
        "SignUpUser" => "SignUpUser",
        "CustomAttribute" => "CustomAttribute",
        "NewPermission" => "NewPermission",
        "PermissionUpdate" => "PermissionUpdate",
        "NewRole" => "NewRole",
        "RoleUpdate" => "RoleUpdate",
        "RoleSearchOptions" => "RoleSearchOptions",
        "PasswordSettings" => "PasswordSettings",
        _ => return None,
    })
}

/// The Rust type of a value of `ty`.
fn value_type(ty: &Ty) -> String {
    match ty {
        Ty::Id | Ty::Str => "String".into(),
        Ty::Bool => "bool".into(),
        Ty::Int | Ty::Count => "i64".into(),
        Ty::Num => "f64".into(),
        Ty::Attr => "AttributeValue".into(),
        Ty::Filter => "AttributeFilter".into(),
        Ty::Any => "serde_json::Value".into(),
        Ty::Strings | Ty::Ids | Ty::IdList => "Vec<String>".into(),
        Ty::Enum(choice) => choice.name.into(),
        Ty::Obj(schema) | Ty::StrOr(schema) => model(schema.name).into(),
        Ty::List(inner) | Ty::List1(inner) => format!("Vec<{}>", value_type(inner)),
        Ty::Map(inner) => format!("BTreeMap<String, {}>", value_type(inner)),
        // Epoch milliseconds.
        Ty::Time => "i64".into(),
        Ty::CountText => "u64".into(),
    }
}

/// What a row's answer decodes to in Rust.
fn output(returns: &str) -> String {
    let named = |t: &str| match t {
        "SearchResponse" | "User" | "BatchResponse" | "Empty" | "ImportResponse"
        | "ProviderToken" | "TrustedDevice" | "UserHistory" | "UserPasskey" | "CustomAttribute"
        | "GeneratedOtp" | "GeneratedLink" | "EmbeddedLink" | "Permission" | "Role" | "Group" => {
            t.to_string()
        }
        "Created"
        | "Tenant"
        | "SsoConfigurationLink"
        | "AccessKey"
        | "AccessKeyCreated"
        | "SsoApplication"
        | "Cleartext"
        | "SsoSettings"
        | "JwtAnswer"
        | "JwtResponse"
        | "AuditRecord"
        | "AuditSearchResponse"
        | "List"
        | "JwtTemplate"
        | "Descoper"
        | "DescoperList"
        | "ManagementKey"
        | "ManagementKeyCreated"
        | "DeletedCount"
        | "Engine"
        | "EngineSecret"
        | "ScopeClaims"
        | "AnalyticsRecord"
        | "FlowList"
        | "InboundApplication"
        | "InboundApplicationCreated"
        | "Consent"
        | "OutboundApplication"
        | "OutboundToken"
        | "TokenUploadFailures"
        | "AuthzRelationRecord"
        | "AuthzRelationAnswer"
        | "AuthzModified"
        | "FgaCheck" => t.to_string(),
        "boolean" => "bool".to_string(),
        "string" => "String".to_string(),
        "EnchantedLink" => "GeneratedLink".to_string(),
        // The answer as the service sent it (node-sdk passes it through).
        "PasswordSettingsAnswer"
        | "TenantSettingsAnswer"
        | "LegacySsoSettings"
        | "Record<string, unknown>"
        | "ThemeAnswer"
        | "FlowExport"
        | "ClonedProject"
        | "ProjectSummary"
        | "Snapshot"
        | "SnapshotValidation"
        | "JwtTemplateValidation"
        | "AuthzSchemaAnswer"
        | "AuthzResource"
        | "FgaSchemaAnswer"
        | "FgaDryRun"
        | "FgaResourceDetailsAnswer"
        | "FgaMappableSchema"
        | "FgaMappableResources" => "BTreeMap<String, serde_json::Value>".to_string(),
        other => panic!("no Rust type for {other}: add it to tests/generated.rs"),
    };
    match returns.strip_suffix("[]") {
        Some(item) => format!("Vec<{}>", named(item)),
        None => named(returns),
    }
}

/// `loginId` → `login_id`; a run of capitals is one word (`enforceSSO` → `enforce_sso`,
/// `spACSUrl` → `sp_acs_url`).
fn snake(name: &str) -> String {
    match name {
        "JWKsUrl" => return "jwks_url".into(),
        "type" => return "r#type".into(),
        _ => {}
    }
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower = i > 0 && !chars[i - 1].is_ascii_uppercase();
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
            if prev_lower || (prev_upper && next_lower) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A Rust variant name for an enum's wire value (`userOnly` → `UserOnly`, `RS256` →
/// `Rs256`, `select_account` → `SelectAccount`, `""` → `Unset`).
fn variant(value: &str) -> String {
    match value {
        "" => return "Unset".into(),
        // `Self` is a keyword.
        "self" => return "Itself".into(),
        _ => {}
    }
    let all_caps = value
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    value
        .split('_')
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            let rest: String = if all_caps {
                chars.as_str().to_ascii_lowercase()
            } else {
                chars.as_str().to_string()
            };
            first.into_iter().collect::<String>() + &rest
        })
        .collect()
}

/// Enums whose Rust and TypeScript types are written by hand.
const HAND_WRITTEN_ENUMS: &[&str] = &["UserStatus", "DeliveryMethod"];

/// Every enum the rows of `group` reach (and no earlier group did), each once.
fn enums(group: &str) -> Vec<(&'static str, &'static [&'static str])> {
    fn walk(
        ty: &Ty,
        seen: &mut Vec<*const Schema>,
        out: &mut Vec<(&'static str, &'static [&'static str])>,
    ) {
        match ty {
            Ty::Enum(c)
                if !out.iter().any(|(n, _)| *n == c.name)
                    && !HAND_WRITTEN_ENUMS.contains(&c.name) =>
            {
                out.push((c.name, c.values));
            }
            Ty::Obj(s) | Ty::StrOr(s) => {
                if seen.contains(&(*s as *const Schema)) {
                    return;
                }
                seen.push(*s);
                for f in s.all() {
                    walk(&f.ty, seen, out);
                }
            }
            Ty::List(inner) | Ty::List1(inner) | Ty::Map(inner) => walk(inner, seen, out),
            _ => {}
        }
    }
    let mut earlier = Vec::new();
    let mut seen = Vec::new();
    for (name, rows) in catalogue::GROUPS {
        let mut out = earlier.clone();
        let before = out.len();
        for row in *rows {
            for arg in row.args {
                walk(&arg.ty, &mut seen, &mut out);
            }
        }
        if *name == group {
            return out.split_off(before);
        }
        earlier = out;
    }
    Vec::new()
}

/// The Rust request models of every schema without a hand-written one, and the enums they
/// and the rows' arguments name: `src/models/generated.rs`.
fn rust_models() -> String {
    let mut out = format!(
        "// @generated by `{BLESS_HINT}` from the catalogue's schemas: do not edit.\n\
         //! The request models of the groups after `user`, one per catalogue schema: the keys\n\
         //! node-sdk's callers write (the engine renames them for the wire), each optional\n\
         //! unless the schema requires it.\n\n\
         #![allow(clippy::doc_markdown)]\n\n\
         #[allow(unused_imports)]\n\
         use std::collections::BTreeMap;\n\n\
         use serde::{{Deserialize, Serialize}};\n\n\
         #[allow(unused_imports)]\n\
         use super::*;\n\n"
    );
    // The user API's models are written by hand (src/models/): the other groups' here.
    for (group, _) in catalogue::GROUPS.iter().filter(|(g, _)| *g != "user") {
        for (name, values) in enums(group) {
            out.push_str(&format!(
                "/// One of {} (`{group}`).\n\
                 #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]\n\
                 pub enum {name} {{\n",
                values.iter().map(|v| format!("`\"{v}\"`")).collect::<Vec<_>>().join(", ")
            ));
            for (i, value) in values.iter().enumerate() {
                // The first value stands for "not chosen" in a model's `Default`.
                let default = if i == 0 { "    #[default]\n" } else { "" };
                out.push_str(&format!(
                    "    /// `\"{value}\"`\n{default}    #[serde(rename = \"{value}\")]\n    {},\n",
                    variant(value)
                ));
            }
            out.push_str("}\n\n");
        }
        for schema in schemas(group) {
            if hand_model(schema.name).is_some() || HAND_WRITTEN.contains(&schema.name) {
                continue;
            }
            let doc = match schema_doc(schema.name) {
                "" => format!("`{}` (`{group}`).", schema.name),
                doc => doc.to_string(),
            };
            out.push_str(&format!(
                "/// {doc}\n\
                 #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]\n\
                 #[serde(deny_unknown_fields)]\n\
                 pub struct {} {{\n",
                schema.name
            ));
            for field in schema.all() {
                // A second spelling of a key (node-sdk's) is for JavaScript callers only.
                if field.wire != field.key && schema.all().any(|g| g.key == field.wire) {
                    continue;
                }
                let ty = value_type(&field.ty);
                let rename = field.key;
                out.push_str(&format!("    /// `{}`", field.key));
                if field.wire != field.key {
                    out.push_str(&format!(" (sent as `{}`)", field.wire));
                }
                out.push_str(".\n");
                if field.need == Need::Required {
                    out.push_str(&format!(
                        "    #[serde(rename = \"{rename}\")]\n    pub {}: {ty},\n",
                        snake(field.key)
                    ));
                } else {
                    out.push_str(&format!(
                        "    #[serde(rename = \"{rename}\", default, skip_serializing_if = \"Option::is_none\")]\n    pub {}: Option<{ty}>,\n",
                        snake(field.key)
                    ));
                }
            }
            out.push_str("}\n\n");
        }
    }
    out
}

/// `(parameter, argument expression)` of one positional argument.
fn parameter(arg: &Arg) -> (String, String) {
    let name = snake(arg.name);
    let ty = value_type(&arg.ty);
    let required = matches!(arg.need, Need::Required | Need::Default(_));
    match (&arg.ty, required, arg.to) {
        // An options object: its model's defaults stand for "left out".
        (_, _, To::Spread) => (format!("{name}: {ty}"), format!("arg(&{name})")),
        (Ty::Id | Ty::Str, true, _) => (
            format!("{name}: impl Into<String>"),
            format!("arg(&{name}.into())"),
        ),
        (Ty::Attr, true, _) => (
            format!("{name}: impl Into<AttributeValue>"),
            format!("arg(&{name}.into())"),
        ),
        (_, true, _) => (format!("{name}: {ty}"), format!("arg(&{name})")),
        (_, false, _) => (format!("{name}: Option<{ty}>"), format!("opt(&{name})")),
    }
}

fn method(index: usize, row: &Row) -> String {
    let (params, exprs): (Vec<_>, Vec<_>) = row.args.iter().map(parameter).unzip();
    let mut out = String::new();
    out.push_str(&format!("    /// {}\n    ///\n", row.doc));
    out.push_str(&format!(
        "    /// `{} {}` (node-sdk `{}`).\n",
        row.method.as_str(),
        row.path,
        row.name
    ));
    if row.deprecated {
        out.push_str("    #[deprecated(note = \"deprecated by node-sdk\")]\n");
    }
    let params = if params.is_empty() {
        String::new()
    } else {
        format!(", {}", params.join(", "))
    };
    out.push_str(&format!(
        "    pub fn {}(&self{params}) -> Call<{}> {{\n",
        row.rust,
        output(row.returns)
    ));
    out.push_str(&format!(
        // A static per method: a Rust app links the rows it calls, not its group's table.
        "        static ROW: Row = ROWS[{index}];\n        self.call(&ROW, vec![{}])\n    }}\n",
        exprs.join(", ")
    ));
    out
}

/// `UserApi`, `PermissionApi`, … for node-sdk's group `group`.
fn api_name(group: &str) -> String {
    let mut name: String = group[..1].to_ascii_uppercase();
    name.push_str(&group[1..]);
    format!("{name}Api")
}

fn rust_api(group: &str, rows: &[Row]) -> String {
    let api = api_name(group);
    let module = snake(group);
    // The user API is declared by hand (it also has searchPages); the others here.
    let imported = if group == "user" {
        format!(", {api}")
    } else {
        String::new()
    };
    let mut out = format!(
        "// @generated by `{BLESS_HINT}` from src/api/catalogue/{module}.rs: do not edit.\n\
         //! `client.{module}()`: one method per row of the {group} catalogue, with node-sdk's\n\
         //! argument order. An argument left `None` is not sent, as `undefined` is not in\n\
         //! JavaScript.\n\n\
         #![allow(clippy::too_many_arguments)]\n\n\
         #[allow(unused_imports)]\n\
         use std::collections::BTreeMap;\n\n\
         #[allow(unused_imports)]\n\
         use super::{{arg, opt, Call, Client{imported}}};\n\
         use crate::api::catalogue::{module}::ROWS;\n\
         use crate::api::engine::Row;\n\
         #[allow(unused_imports)]\n\
         use crate::models::*;\n\n"
    );
    if group != "user" {
        // The user API is declared by hand (it also has searchPages).
        out.push_str(&format!(
            "/// `management.{group}`, in Rust: the same operations as `descope.{group}` in\n\
             /// JavaScript.\n\
             #[derive(Debug, Clone, Copy)]\n\
             pub struct {api}<'c> {{\n    client: &'c Client,\n}}\n\n\
             impl Client {{\n    /// `management.{group}`.\n    pub fn {module}(&self) -> {api}<'_> {{\n        {api} {{ client: self }}\n    }}\n}}\n\n"
        ));
    }
    out.push_str(&format!("impl {api}<'_> {{\n"));
    let methods: Vec<String> = rows.iter().enumerate().map(|(i, r)| method(i, r)).collect();
    out.push_str(&methods.join("\n"));
    out.push_str("}\n");
    if group == "user" {
        out
    } else {
        out.replace(
            "        self.call(&ROW,",
            "        super::call(self.client, &ROW,",
        )
    }
}

/// The TypeScript type of a value of `ty` (request types are the schemas' names, declared
/// in `pkg/index.d.ts`).
fn ts_type(ty: &Ty) -> String {
    match ty {
        Ty::Id | Ty::Str => "string".into(),
        Ty::Bool => "boolean".into(),
        Ty::Int | Ty::Count | Ty::Num => "number".into(),
        Ty::Attr => "AttributeValue".into(),
        Ty::Filter => "FilterValue | FilterValue[]".into(),
        Ty::Any => "unknown".into(),
        Ty::Strings | Ty::Ids | Ty::IdList => "string[]".into(),
        Ty::Enum(choice) => choice.name.into(),
        Ty::Obj(schema) => schema.name.into(),
        Ty::StrOr(schema) => format!("string | {}", schema.name),
        Ty::List(inner) | Ty::List1(inner) => match inner {
            Ty::Obj(_) | Ty::Enum(..) => format!("{}[]", ts_type(inner)),
            _ => format!("({})[]", ts_type(inner)),
        },
        Ty::Map(inner) => format!("Record<string, {}>", ts_type(inner)),
        Ty::Time => "Date | number".into(),
        Ty::CountText => "number".into(),
    }
}

fn ts_parameter(arg: &Arg) -> String {
    let ty = ts_type(&arg.ty);
    match (arg.need, arg.to) {
        (Need::Required, _) => format!("{}: {ty}", arg.name),
        // Left out or `null`: the options object is `{}`.
        (_, To::Spread) => format!("{}?: {ty} | null", arg.name),
        (Need::Default(_), _) => format!("{}?: {ty}", arg.name),
        // `null` is sent as `null`, as node-sdk sends it.
        _ => format!("{}?: {ty} | null", arg.name),
    }
}

/// Schemas whose TypeScript type is written by hand in `index.d.ts` (it is also an answer's
/// type); `tests/typings.rs` checks its keys.
const HAND_WRITTEN: &[&str] = &["CustomAttribute"];

/// The doc comment of a generated interface (presentation only, so it lives here).
fn schema_doc(name: &str) -> &'static str {
    match name {
        "UserOptions" => "Options of create. A key left out is not sent; `null` is sent as `null`, which Descope (and the emulator) treat like a key left out: the field keeps its value. To clear a string field, send `\"\"`.",
        "UpdateUserOptions" => "Options of update (a full overwrite) and createTestUser: those of create but `templateId`. `null` and `\"\"` as for UserOptions.",
        "InviteOptions" => "Options of invite: those of create and the invitation's.",
        "PatchUserOptions" => "What patch changes: only the keys given. `null` is sent as `null`, and leaves the field as it was (in Descope and in the emulator); `\"\"` clears a string field.",
        "PatchBatchUser" => "A patchBatch entry: the user (`loginIdOrUserId`, or the older `loginId`; one is required) and what to change.",
        "BatchUser" => "A user of createBatch / inviteBatch (`loginIdOrUserId`, or the older `loginId`, is required).",
        "HashedPassword" => "A hashed password to import: exactly one kind.",
        "SearchRequest" => "search / searchTestUsers options (times in epoch milliseconds).",
        "RoleFilter" => "A role filter of search: any of the roles, or all of them with `and`.",
        "LoginOptions" => "Login options of the test-user and sign-up link calls.",
        "ProviderTokenOptions" => "getProviderToken's options (sent in the query; `false` when left out).",
        "TenantSettings" => "A tenant's settings (a full overwrite: a key left out is reset). node-sdk's type spells `InactivityTime` and `InactivityTimeUnit`, its README `sessionSettingsEnabled`; the service reads `inactivityTime`, `inactivityTimeUnit` and `enabled`, which is what is sent (either spelling is taken).",
        "KeyTenant" => "A tenant of an access key, with the key's roles in it.",
        "OidcApplicationOptions" | "SamlApplicationOptions" | "WsFedApplicationOptions" => "An application to create: `enabled` is sent as `true` unless set (node-sdk's default).",
        "OidcApplicationUpdate" | "SamlApplicationUpdate" | "WsFedApplicationUpdate" => "An application to replace (a full overwrite): leaving `enabled` out disables it.",
        "OidcSettings" => "A tenant's OIDC IdP. `attributeMapping` is sent as the service's `userAttrMapping`.",
        "SamlSettings" => "A tenant's SAML IdP, given by hand.",
        "SamlByMetadataSettings" => "A tenant's SAML IdP, given by its metadata URL.",
        "AttributeMapping" => "Which IdP attribute fills each user field (values are the IdP's attribute names).",
        "RoleMapping" => "IdP groups that give a role.",
        "JwtSignInOptions" => "jwt.signIn's options, spread into the body (`stepup` and `mfa` need `jwt`).",
        "JwtSignUpOptions" => "jwt.signUp's options, spread into the body; Go's and Python's top-level `emailVerified`, `phoneVerified` and `ssoAppId` are taken too.",
        "AuditSearchOptions" => "An audit search: every filter given must match. Times in epoch milliseconds (`from` at most 30 days back); `loginIds` is sent as the service's `externalIds`; `size` and `page` page the records.",
        "AuditEvent" => "An event of your own in the audit trail.",
        "AuditWebhook" => "A webhook that receives the audit trail.",
        "AuditWebhookFilter" => "What a webhook receives. node-sdk's type names the discriminator `key`; the service reads `filterType`, which is what is sent (either spelling is taken).",
        "PasswordSettings" => "A password policy (a full overwrite). node-sdk's type spells `nonAlphaNumeric`; the service reads `nonAlphanumeric`, which is what is sent (either spelling is taken).",
        _ => "",
    }
}

/// Every schema the rows of `group` reach (and no earlier group did), each once, in the
/// order first reached.
fn schemas(group: &str) -> Vec<&'static Schema> {
    fn walk(ty: &Ty, out: &mut Vec<&'static Schema>) {
        match ty {
            Ty::Obj(s) | Ty::StrOr(s) => {
                if out.iter().any(|o| std::ptr::eq(*o, *s)) {
                    return;
                }
                out.push(s);
                for f in s.all() {
                    walk(&f.ty, out);
                }
            }
            Ty::List(inner) | Ty::List1(inner) | Ty::Map(inner) => walk(inner, out),
            _ => {}
        }
    }
    let mut earlier = Vec::new();
    for (name, rows) in catalogue::GROUPS {
        let mut out = earlier.clone();
        let before = out.len();
        for row in *rows {
            for arg in row.args {
                walk(&arg.ty, &mut out);
            }
        }
        if *name == group {
            return out.split_off(before);
        }
        earlier = out;
    }
    Vec::new()
}

/// A request type, from its schema: optional keys accept `null` where the engine sends it.
fn ts_interface(schema: &Schema) -> String {
    let mut out = String::new();
    let doc = schema_doc(schema.name);
    if !doc.is_empty() {
        out.push_str(&format!("/** {doc} */\n"));
    }
    out.push_str(&format!("export interface {} {{\n", schema.name));
    for field in schema.all() {
        let ty = ts_type(&field.ty);
        if field.wire != field.key {
            if schema.all().any(|g| g.key == field.wire) {
                out.push_str(&format!(
                    "  /** node-sdk's spelling of `{}`, which is what is sent. */\n",
                    field.wire
                ));
            } else {
                out.push_str(&format!("  /** Sent as `{}`. */\n", field.wire));
            }
        }
        match field.need {
            Need::Required => out.push_str(&format!("  {}: {ty};\n", field.key)),
            Need::Default(_) => out.push_str(&format!("  {}?: {ty};\n", field.key)),
            _ => out.push_str(&format!("  {}?: {ty} | null;\n", field.key)),
        }
    }
    out.push_str("}\n");
    out
}

fn ts_functions(group: &str, rows: &[Row]) -> String {
    // The types the declarations name, imported from index.d.ts.
    let mut names = std::collections::BTreeSet::new();
    let mut out = String::new();
    for row in rows {
        let mut params: Vec<String> = row.args.iter().map(ts_parameter).collect();
        // TypeScript has no optional parameter before a required one: it is spelled out.
        for (i, param) in params.iter_mut().enumerate() {
            if row.args[i + 1..].iter().any(|a| a.need == Need::Required) {
                if let Some((name, ty)) = param.split_once("?: ") {
                    *param = format!("{name}: {ty} | undefined");
                }
            }
        }
        let dep = if row.deprecated {
            " @deprecated by node-sdk."
        } else {
            ""
        };
        out.push_str(&format!(
            "  /** {}{dep} `{} {}` */\n  {}({}): Promise<{}>;\n",
            row.doc,
            row.method.as_str(),
            row.path,
            row.name,
            params.join(", "),
            row.returns
        ));
        for text in params.iter().map(String::as_str).chain([row.returns]) {
            for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
                if word.starts_with(|c: char| c.is_ascii_uppercase())
                    && !["Record", "Date", "Promise"].contains(&word)
                {
                    names.insert(word.to_string());
                }
            }
        }
    }
    let generated: Vec<&Schema> = schemas(group)
        .into_iter()
        .filter(|s| !HAND_WRITTEN.contains(&s.name))
        .collect();
    let mut types = String::new();
    let own_enums = enums(group);
    for (name, values) in &own_enums {
        let union: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
        types.push_str(&format!("export type {name} = {};\n\n", union.join(" | ")));
    }
    for schema in &generated {
        types.push_str(&ts_interface(schema));
        types.push('\n');
        for field in schema.all() {
            for word in ts_type(&field.ty).split(|c: char| !c.is_ascii_alphanumeric()) {
                if word.starts_with(|c: char| c.is_ascii_uppercase())
                    && !["Record", "Date", "Promise"].contains(&word)
                {
                    names.insert(word.to_string());
                }
            }
        }
    }
    let imports: Vec<String> = names
        .into_iter()
        .filter(|n| !generated.iter().any(|s| s.name == n))
        .filter(|n| !own_enums.iter().any(|(e, _)| e == n))
        .collect();
    format!(
        "// @generated by `{BLESS_HINT}` from src/api/catalogue/{}.rs: do not edit.\n\
         // The request types (from the catalogue's schemas) and the functions of `descope.{group}`.\n\
         import type {{ {} }} from \"./index.js\";\n\n\
         {types}\
         /** The functions of `descope.{group}`: node-sdk 2.13.0's names, argument order and results. */\n\
         export interface {}Functions {{\n{out}}}\n",
        snake(group),
        imports.join(", "),
        api_name(group).trim_end_matches("Api")
    )
}

/// One line on each group, for its member of `DescopeManagement`.
fn group_doc(group: &str) -> &'static str {
    match group {
        "permission" => "project-wide permissions",
        "role" => "project and tenant roles",
        "group" => "a tenant's IdP groups (read-only)",
        "password" => "the password policy of the project or a tenant",
        "tenant" => "tenants, their settings and SSO setup links",
        "accessKey" => "access keys (machine credentials); `cleartext` is answered once, by `create` and `rotate`",
        "ssoApplication" => "applications for which Descope is the identity provider (OIDC, SAML, WS-Fed)",
        "sso" => "a tenant's SSO configurations (Descope as the service provider)",
        "jwt" => "tokens minted on the server (each answered once)",
        "audit" => "the audit trail",
        "project" => "the project, its clones and snapshots",
        "flow" => "the project's flows; `run` runs a management flow",
        "theme" => "the project's theme",
        "authz" => "relationship-based access control (ReBAC): schema and relations",
        "fga" => "fine-grained authorization from a DSL schema, with relation tuples",
        "inboundApplication" => "other parties' OAuth clients and their users' consents; secrets answered once",
        "outboundApplication" => "connections to other OAuth providers, and the tokens kept for users and tenants",
        "list" => "project lists of IPs, texts or a JSON document",
        "jwtTemplate" => "JWT claim templates, and Descope's library of them",
        "descoper" => "the company's console administrators",
        "managementKey" => "company management keys; `cleartext` is answered once, by `create`",
        "engine" => "engines; their secret is answered once, by `create` and `rotateSecret`",
        "scopeClaimMapping" => "which claims each OIDC scope adds",
        "analytics" => "counts of audit events, grouped",
        other => panic!("no doc line for group {other}: add it to tests/generated.rs"),
    }
}

const INDEX_START: &str =
    "// @generated by `BLESS=1 cargo test --test generated` from the catalogue's groups";
const INDEX_END: &str = "// end of generated groups";

/// `pkg/index.d.ts`'s section on the groups: their functions and request types, and the
/// client's member for each.
fn ts_index_groups() -> String {
    let mut imports = String::new();
    let mut exports = String::new();
    let mut members = String::new();
    for (group, _) in catalogue::GROUPS {
        let functions = format!("{}Functions", api_name(group).trim_end_matches("Api"));
        let extra = if *group == "user" {
            "SearchRequest, "
        } else {
            ""
        };
        imports.push_str(&format!(
            "import type {{ {extra}{functions} }} from \"./{group}-functions.js\";\n"
        ));
        exports.push_str(&format!("export type * from \"./{group}-functions.js\";\n"));
        if *group != "user" {
            members.push_str(&format!(
                "  /** `management.{group}`: {}. */\n  readonly {group}: {functions};\n",
                group_doc(group)
            ));
        }
    }
    format!(
        "{INDEX_START}: do not edit this section.\n\
         {imports}{exports}\n\
         /** A client's groups but `user` (see `UserManagement`). */\n\
         export interface ManagementGroups {{\n{members}}}\n\
         {INDEX_END}"
    )
}

/// The README's method table: one line per group, every function with its path.
fn readme_methods() -> String {
    let mut out = format!(
        "<!-- @generated by `{BLESS_HINT}` from the catalogue's rows: do not edit. -->\n\n\
         | function | request | resolves to |\n|---|---|---|\n"
    );
    for (group, rows) in catalogue::GROUPS {
        for row in *rows {
            let dep = if row.deprecated { " (deprecated)" } else { "" };
            out.push_str(&format!(
                "| `{group}.{}`{dep} | `{} {}` | `{}` |\n",
                row.name,
                row.method.as_str(),
                row.path,
                row.returns
            ));
        }
    }
    out.push_str("\n<!-- end of generated methods -->");
    out
}

/// `path` holds `expected` (or, between `start` and `end` markers, holds it there).
fn check(path: &str, expected: &str, section: Option<(&str, &str)>) {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let current = std::fs::read_to_string(&full).unwrap_or_default();
    let wanted = match section {
        None => expected.to_string(),
        Some((start, end)) => {
            let a = current
                .find(start)
                .unwrap_or_else(|| panic!("{path} lacks the marker {start}"));
            let b = current[a..]
                .find(end)
                .map(|i| a + i + end.len())
                .unwrap_or_else(|| panic!("{path} lacks the marker {end}"));
            format!("{}{expected}{}", &current[..a], &current[b..])
        }
    };
    if current == wanted {
        return;
    }
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&full, &wanted).unwrap();
        return;
    }
    panic!("{path} is not what the catalogue generates: run `{BLESS_HINT}` and commit it");
}

#[test]
fn the_typescript_index_names_every_group() {
    check(
        "pkg/index.d.ts",
        &ts_index_groups(),
        Some((INDEX_START, INDEX_END)),
    );
}

#[test]
fn the_rust_models_are_generated_from_the_schemas() {
    check("src/models/generated.rs", &rustfmt(&rust_models()), None);
}

#[test]
fn the_rust_methods_are_generated_from_the_rows() {
    for (group, rows) in catalogue::GROUPS {
        // The committed file is rustfmt's layout of the generated text.
        let text = rustfmt(&rust_api(group, rows));
        check(&format!("src/client/{}.rs", snake(group)), &text, None);
    }
}

#[test]
fn the_typescript_functions_are_generated_from_the_rows() {
    for (group, rows) in catalogue::GROUPS {
        check(
            &format!("pkg/{group}-functions.d.ts"),
            &ts_functions(group, rows),
            None,
        );
    }
}

#[test]
fn the_typed_models_accept_the_keys_the_engine_accepts() {
    use descope_mgmt::api::catalogue::user as rows;
    use descope_mgmt::models::*;
    fn keys(schema: &descope_mgmt::api::engine::Schema) -> std::collections::BTreeSet<String> {
        schema.all().map(|f| f.key.to_string()).collect()
    }
    fn serialized<T: serde::Serialize>(value: &T) -> std::collections::BTreeSet<String> {
        serde_json::to_value(value)
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }
    // Every key a typed model sends (all set) is one the engine knows for its row.
    let all_user = UserOptions {
        email: Some(None),
        phone: Some(None),
        display_name: Some(None),
        given_name: Some(None),
        middle_name: Some(None),
        family_name: Some(None),
        roles: Some(None),
        user_tenants: Some(None),
        custom_attributes: Some(None),
        picture: Some(None),
        verified_email: Some(None),
        verified_phone: Some(None),
        additional_login_ids: Some(None),
        sso_app_ids: Some(None),
        template_id: Some(None),
        invite_url: Some(None),
        send_mail: Some(None),
        send_sms: Some(None),
        template_options: Some(None),
        locale: Some(None),
    };
    assert_eq!(serialized(&all_user), keys(&rows::INVITE_OPTIONS));
    let token = ProviderTokenOptions {
        with_refresh_token: Some(true),
        force_refresh: Some(true),
    };
    assert_eq!(serialized(&token), keys(&rows::PROVIDER_TOKEN_OPTIONS));
}

#[test]
fn the_readme_method_table_is_generated_from_the_rows() {
    check(
        "README.md",
        &readme_methods(),
        Some((
            "<!-- @generated by `BLESS=1 cargo test --test generated` from the catalogue",
            "<!-- end of generated methods -->",
        )),
    );
}

/// Formats Rust source with rustfmt (the committed file must pass `cargo fmt --check`).
fn rustfmt(source: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("rustfmt runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(source.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "rustfmt failed on the generated file");
    String::from_utf8(out.stdout).unwrap()
}

/// The catalogue packed into bytes for the npm build (`src/api/table.rs`, read by
/// `src/api/packed.rs`): a row there is about ten bytes of table instead of a few dozen
/// bytes of pointers, and every string is stored once, inside another when it can be.
mod packed {
    use descope_mgmt::api::catalogue;
    use descope_mgmt::api::engine::{
        Arg, Choice, Const, Field, Need, Preset, Row, Rule, Schema, To, Ty,
    };
    use descope_mgmt::api::{Method, Unwrap};

    #[derive(Default)]
    pub struct Tables {
        pool: String,
        schemas: Vec<(usize, Vec<u8>)>,
        fields: Vec<(usize, usize, Vec<u8>)>,
        choices: Vec<(usize, Vec<u8>)>,
    }

    impl Tables {
        fn str(&mut self, s: &str, out: &mut Vec<u8>) {
            let at = match self.pool.find(s) {
                Some(at) => at,
                None => {
                    self.pool.push_str(s);
                    self.pool.len() - s.len()
                }
            };
            let at = u16::try_from(at).expect("the string pool fits 64 KiB");
            let len = u8::try_from(s.len()).expect("a catalogue string is under 256 bytes");
            out.extend_from_slice(&at.to_le_bytes());
            out.push(len);
        }

        fn choice(&mut self, c: &'static Choice) -> u8 {
            let id = c as *const Choice as usize;
            let i = match self.choices.iter().position(|(p, _)| *p == id) {
                Some(i) => i,
                None => {
                    // Its name is for the generators only: not packed.
                    let mut b = vec![c.values.len() as u8];
                    for v in c.values {
                        self.str(v, &mut b);
                    }
                    self.choices.push((id, b));
                    self.choices.len() - 1
                }
            };
            u8::try_from(i).expect("under 256 enums")
        }

        fn group(&mut self, g: &'static [Field]) -> u8 {
            let (ptr, len) = (g.as_ptr() as usize, g.len());
            let i = match self
                .fields
                .iter()
                .position(|(p, l, _)| (*p, *l) == (ptr, len))
            {
                Some(i) => i,
                None => {
                    // Reserved first: a field's type may name a schema that names this group.
                    self.fields.push((ptr, len, Vec::new()));
                    let i = self.fields.len() - 1;
                    let mut b = vec![g.len() as u8];
                    for f in g {
                        // Most keys are sent under their own name: a bit says so.
                        self.str(f.key, &mut b);
                        if f.wire == f.key {
                            b.push(need(f.need) | 0x80);
                        } else {
                            b.push(need(f.need));
                            self.str(f.wire, &mut b);
                        }
                        self.ty(&f.ty, &mut b);
                    }
                    self.fields[i].2 = b;
                    i
                }
            };
            u8::try_from(i).expect("under 256 key groups")
        }

        /// A schema's index, or with the high bit set its place in `catalogue::RECURSIVE`.
        fn schema(&mut self, s: &'static Schema) -> u8 {
            if let Some(i) = catalogue::RECURSIVE
                .iter()
                .position(|r| std::ptr::eq(*r, s))
            {
                return 0x80 | i as u8;
            }
            let id = s as *const Schema as usize;
            let i = match self.schemas.iter().position(|(p, _)| *p == id) {
                Some(i) if self.schemas[i].1.is_empty() => {
                    panic!(
                        "schema {} holds itself: list it in catalogue::RECURSIVE",
                        s.name
                    )
                }
                Some(i) => i,
                None => {
                    self.schemas.push((id, Vec::new()));
                    let i = self.schemas.len() - 1;
                    // Its name is for the generators only: not packed.
                    let mut b = vec![match s.rule {
                        Rule::None => 0,
                        Rule::ExactlyOne => 1,
                        Rule::BatchLoginId => 2,
                    }];
                    b.push(s.fields.len() as u8);
                    for g in s.fields {
                        let gi = self.group(g);
                        b.push(gi);
                    }
                    self.schemas[i].1 = b;
                    i
                }
            };
            u8::try_from(i)
                .ok()
                .filter(|i| *i < 0x80)
                .expect("under 128 schemas")
        }

        fn ty(&mut self, ty: &Ty, out: &mut Vec<u8>) {
            let tag = |t: u8, out: &mut Vec<u8>| out.push(t);
            match ty {
                Ty::Id => tag(0, out),
                Ty::Str => tag(1, out),
                Ty::Bool => tag(2, out),
                Ty::Int => tag(3, out),
                Ty::Count => tag(4, out),
                Ty::Num => tag(5, out),
                Ty::Attr => tag(6, out),
                Ty::Filter => tag(7, out),
                Ty::Any => tag(8, out),
                Ty::Strings => tag(9, out),
                Ty::Ids => tag(10, out),
                Ty::IdList => tag(11, out),
                Ty::Enum(c) => {
                    let i = self.choice(c);
                    out.extend([12, i]);
                }
                Ty::Obj(s) => {
                    let i = self.schema(s);
                    out.extend([13, i]);
                }
                Ty::List(t) => {
                    tag(14, out);
                    self.ty(t, out);
                }
                Ty::List1(t) => {
                    tag(15, out);
                    self.ty(t, out);
                }
                Ty::Map(t) => {
                    tag(16, out);
                    self.ty(t, out);
                }
                Ty::StrOr(s) => {
                    let i = self.schema(s);
                    out.extend([17, i]);
                }
                Ty::Time => tag(18, out),
                Ty::CountText => tag(19, out),
            }
        }

        fn arg(&mut self, a: &Arg, out: &mut Vec<u8>) {
            self.str(a.name, out);
            self.ty(&a.ty, out);
            out.push(need(a.need));
            match a.to {
                // Sent under its own name.
                To::Key(k) if k == a.name => out.push(5),
                To::Key(k) => {
                    out.push(0);
                    self.str(k, out);
                }
                To::Spread => out.push(1),
                To::Whole => out.push(2),
                To::Path(p) => {
                    out.push(3);
                    self.str(p, out);
                }
                To::Not(k) => {
                    out.push(4);
                    self.str(k, out);
                }
            }
        }

        fn row(&mut self, r: &Row) -> Vec<u8> {
            let mut b = vec![match r.method {
                Method::Get => 0,
                Method::Post => 1,
                Method::Put => 2,
                Method::Patch => 3,
                Method::Delete => 4,
            }];
            self.str(r.path, &mut b);
            b.push(
                u8::from(r.creates)
                    | u8::from(r.deprecated) << 1
                    | u8::from(r.secret) << 2
                    | u8::from(r.bodiless) << 3,
            );
            match r.unwrap {
                Unwrap::Key(k) => {
                    b.push(0);
                    self.str(k, &mut b);
                }
                Unwrap::Whole => b.push(1),
                Unwrap::Pick(keys) => {
                    b.extend([2, keys.len() as u8]);
                    for k in keys {
                        self.str(k, &mut b);
                    }
                }
                Unwrap::Void => b.push(3),
                Unwrap::Audits => b.push(4),
                Unwrap::AuditPage => b.push(5),
                Unwrap::SsoSettings => b.push(6),
                Unwrap::SsoSettingsList => b.push(7),
                Unwrap::Projects => b.push(8),
                Unwrap::Resources => b.push(9),
            }
            b.push(r.args.len() as u8);
            for a in r.args {
                self.arg(a, &mut b);
            }
            b.push(r.consts.len() as u8);
            for (k, c) in r.consts {
                self.str(k, &mut b);
                match c {
                    Const::True => b.push(0),
                    Const::False => b.push(1),
                    Const::Str(s) => {
                        b.push(2);
                        self.str(s, &mut b);
                    }
                }
            }
            b.push(r.one_of.len() as u8);
            b.extend(r.one_of.iter().map(|&i| i as u8));
            b
        }
    }

    fn need(n: Need) -> u8 {
        match n {
            Need::Required => 0,
            Need::Optional => 1,
            Need::Truthy => 2,
            Need::Filled => 3,
            Need::Default(Preset::True) => 4,
            Need::Default(Preset::False) => 5,
            Need::Default(Preset::Zero) => 6,
        }
    }

    /// Bytes as a Rust byte-string literal, printable ones as themselves.
    fn literal(bytes: &[u8]) -> String {
        let mut s = String::from("b\"");
        for &b in bytes {
            match b {
                b'"' | b'\\' => {
                    s.push('\\');
                    s.push(b as char);
                }
                0x20..=0x7e => s.push(b as char),
                _ => s.push_str(&format!("\\x{b:02x}")),
            }
        }
        s.push('"');
        s
    }

    /// Concatenated entries and where each starts.
    fn indexed(parts: impl Iterator<Item = Vec<u8>>) -> (Vec<u8>, Vec<u16>) {
        let (mut all, mut at) = (Vec::new(), Vec::new());
        for p in parts {
            at.push(u16::try_from(all.len()).expect("a table fits 64 KiB"));
            all.extend(p);
        }
        (all, at)
    }

    pub fn source(groups: &[(&str, &'static [Row])], hint: &str) -> String {
        let mut t = Tables::default();
        // Longest first, so that shorter names land inside longer ones.
        let mut strings: Vec<&str> = Vec::new();
        for (g, rows) in groups {
            strings.push(g);
            for r in *rows {
                strings.extend([r.name, r.path]);
            }
        }
        strings.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for s in strings {
            t.str(s, &mut Vec::new());
        }
        // Each group on its own, under the cfg `tools/size-by-group.sh` leaves it out with.
        let mut group_entries = String::new();
        for (g, rows) in groups {
            let (mut head, mut body) = (vec![rows.len() as u8], Vec::new());
            for r in *rows {
                t.str(r.name, &mut head);
                let at = u16::try_from(body.len()).expect("a group's rows fit 64 KiB");
                head.extend_from_slice(&at.to_le_bytes());
                body.extend(t.row(r));
            }
            group_entries.push_str(&format!(
                "    #[cfg(not(descope_without = {g:?}))]\n    ({g:?}, {}, {}),\n",
                literal(&head),
                literal(&body)
            ));
        }
        let (schemas, schema_at) = indexed(std::mem::take(&mut t.schemas).into_iter().map(|s| s.1));
        let (fields, field_at) = indexed(std::mem::take(&mut t.fields).into_iter().map(|f| f.2));
        let (choices, choice_at) = indexed(std::mem::take(&mut t.choices).into_iter().map(|c| c.1));
        let array = |xs: &[u16]| {
            xs.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "// @generated by `{hint}` from the catalogue's rows: do not edit.\n\
             //! The catalogue packed for the npm build; `super::packed` reads it.\n\n\
             /// Every string of the table; the others point into it (offset, length).\n\
             pub(super) static POOL: &str = {pool:?};\n\
             /// How many rows there are (more than schemas, key groups or enums).\n\
             pub(super) const ROW_COUNT: usize = {row_count};\n\
             /// Each group: its name; its number of rows, and each row's name and where it\n\
             /// starts; its rows.\n\
             pub(super) static GROUPS: &[(&str, &[u8], &[u8])] = &[\n{group_entries}];\n\
             /// The option schemas, and where each starts.\n\
             pub(super) static SCHEMAS: &[u8] = {schemas};\n\
             pub(super) static SCHEMA_AT: &[u16] = &[{schema_at}];\n\
             /// The groups of keys the schemas share, and where each starts.\n\
             pub(super) static FIELDS: &[u8] = {fields};\n\
             pub(super) static FIELD_AT: &[u16] = &[{field_at}];\n\
             /// The enums, and where each starts.\n\
             pub(super) static CHOICES: &[u8] = {choices};\n\
             pub(super) static CHOICE_AT: &[u16] = &[{choice_at}];\n",
            pool = t.pool,
            row_count = groups.iter().map(|(_, rows)| rows.len()).sum::<usize>(),
            schemas = literal(&schemas),
            schema_at = array(&schema_at),
            fields = literal(&fields),
            field_at = array(&field_at),
            choices = literal(&choices),
            choice_at = array(&choice_at),
        )
    }
}

#[test]
fn the_packed_table_is_generated_from_the_rows() {
    let text = rustfmt(&packed::source(catalogue::GROUPS, BLESS_HINT));
    check("src/api/table.rs", &text, None);
}

/// For `tools/size-by-group.sh` only: with `DESCOPE_TABLE_OUT` set, writes there the table
/// of the groups named in `DESCOPE_TABLE_GROUPS` (comma-separated) alone, its strings and
/// schemas included, so that a scratch copy of the crate measures what those groups cost
/// by themselves.
#[test]
fn a_table_of_some_groups_is_written_on_request() {
    let (Some(out), Some(names)) = (
        std::env::var_os("DESCOPE_TABLE_OUT"),
        std::env::var("DESCOPE_TABLE_GROUPS").ok(),
    ) else {
        return;
    };
    let wanted: Vec<&str> = names.split(',').collect();
    let groups: Vec<(&str, &'static [Row])> = catalogue::GROUPS
        .iter()
        .copied()
        .filter(|(g, _)| wanted.contains(g))
        .collect();
    assert_eq!(
        groups.len(),
        wanted.len(),
        "DESCOPE_TABLE_GROUPS names an unknown group: {names}"
    );
    let text = rustfmt(&packed::source(&groups, BLESS_HINT));
    std::fs::write(out, text).unwrap();
}
