//! `pkg/index.d.ts` (models and options, by hand) and `pkg/user-functions.d.ts` (the
//! functions, generated from the catalogue) are the package's declarations. This test keeps
//! them in step with the Rust side: every row of the user catalogue is declared (with its
//! HTTP path in the doc comment), and every option key a Rust request model accepts is
//! declared in the matching TypeScript interface, and no other.

use std::collections::BTreeSet;

use descope_mgmt::api::catalogue;
use descope_mgmt::models::*;
use serde::de::{self, Deserialize, Deserializer, Visitor};

const DTS: &str = include_str!("../pkg/index.d.ts");
/// The functions' declarations, generated from the catalogue (tests/generated.rs).
const FUNCTIONS: &str = include_str!("../pkg/user-functions.d.ts");

/// The keys a model's `Deserialize` accepts, captured from the field list serde hands to
/// `deserialize_struct` (these are the JavaScript-side names, e.g. `roles`).
fn accepted_keys<T: for<'de> Deserialize<'de>>() -> BTreeSet<String> {
    struct Capture(Vec<&'static str>);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    impl<'de> Deserializer<'de> for &mut Capture {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0.extend_from_slice(fields);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut capture = Capture(Vec::new());
    let _ = T::deserialize(&mut capture);
    assert!(!capture.0.is_empty(), "no fields captured");
    capture.0.into_iter().map(str::to_string).collect()
}

/// The property names declared directly in `interface NAME { … }`.
fn interface_keys(name: &str) -> BTreeSet<String> {
    let decl = format!("export interface {name} ");
    // Request types are generated into user-functions.d.ts; the rest is in index.d.ts.
    let dts = if DTS.contains(&decl) { DTS } else { FUNCTIONS };
    let start = dts
        .find(&decl)
        .unwrap_or_else(|| panic!("interface {name} is not declared"));
    let body_start = start + dts[start..].find('{').unwrap() + 1;
    let mut depth = 1;
    let mut end = body_start;
    for (i, c) in dts[body_start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            end = body_start + i;
            break;
        }
    }
    let mut keys = BTreeSet::new();
    let mut depth = 0;
    for line in dts[body_start..end].lines() {
        let trimmed = line.trim();
        if depth == 0 && !trimmed.starts_with("/") && !trimmed.starts_with('*') {
            if let Some((key, _)) = trimmed.split_once(':') {
                let key = key.trim_end_matches('?');
                if key.chars().all(|c| c.is_ascii_alphanumeric()) && !key.is_empty() {
                    keys.insert(key.to_string());
                }
            }
        }
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
    }
    keys
}

fn same(rust: BTreeSet<String>, ts: BTreeSet<String>, what: &str) {
    let missing: Vec<_> = rust.difference(&ts).collect();
    let extra: Vec<_> = ts.difference(&rust).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: missing in .d.ts {missing:?}, only in .d.ts {extra:?}"
    );
}

#[test]
fn request_models_match_their_interfaces() {
    let invite_only: BTreeSet<String> = [
        "inviteUrl",
        "sendMail",
        "sendSMS",
        "templateOptions",
        "locale",
    ]
    .map(String::from)
    .into();
    let user_options = accepted_keys::<UserOptions>();
    same(
        user_options.difference(&invite_only).cloned().collect(),
        interface_keys("UserOptions"),
        "UserOptions",
    );
    same(
        user_options.clone(),
        interface_keys("InviteOptions"),
        "InviteOptions",
    );
    let mut update = user_options
        .difference(&invite_only)
        .cloned()
        .collect::<BTreeSet<_>>();
    update.remove("templateId");
    same(
        update,
        interface_keys("UpdateUserOptions"),
        "UpdateUserOptions",
    );
    same(
        accepted_keys::<PatchOptions>(),
        interface_keys("PatchBatchUser"),
        "PatchBatchUser",
    );
    same(
        accepted_keys::<ProviderTokenOptions>(),
        interface_keys("ProviderTokenOptions"),
        "ProviderTokenOptions",
    );
    let mut patch = accepted_keys::<PatchOptions>();
    patch.remove("loginIdOrUserId");
    patch.remove("loginId");
    same(
        patch,
        interface_keys("PatchUserOptions"),
        "PatchUserOptions",
    );
    same(
        accepted_keys::<SearchRequest>(),
        interface_keys("SearchRequest"),
        "SearchRequest",
    );
    same(
        accepted_keys::<BatchUser>(),
        interface_keys("BatchUser"),
        "BatchUser",
    );
    same(
        accepted_keys::<LoginOptions>(),
        interface_keys("LoginOptions"),
        "LoginOptions",
    );
    same(
        accepted_keys::<SignUpUser>(),
        interface_keys("SignUpUser"),
        "SignUpUser",
    );
    same(
        accepted_keys::<AssociatedTenant>(),
        interface_keys("AssociatedTenant"),
        "AssociatedTenant",
    );
    same(
        accepted_keys::<CustomAttribute>(),
        interface_keys("CustomAttribute"),
        "CustomAttribute",
    );
    same(
        accepted_keys::<RoleFilter>(),
        interface_keys("RoleFilter"),
        "RoleFilter",
    );
}

#[test]
fn every_method_is_declared_with_its_path() {
    let api = interface_keys_methods();
    let names: Vec<&str> = catalogue::user::ROWS.iter().map(|r| r.name).collect();
    for m in &names {
        let doc = api
            .iter()
            .find(|(name, _)| name == *m)
            .unwrap_or_else(|| panic!("{m} is not declared"));
        assert!(
            doc.1.contains("/v1/") || doc.1.contains("/v2/"),
            "{m}: its doc comment names no path"
        );
    }
    assert!(DTS.contains("export interface UserManagement extends UserFunctions {"));
    assert!(DTS.contains("  searchPages("));
    assert_eq!(api.len(), names.len(), "declared methods: {api:?}");
}

/// `(method, doc comment)` of `interface UserFunctions`.
fn interface_keys_methods() -> Vec<(String, String)> {
    let start = FUNCTIONS.find("export interface UserFunctions ").unwrap();
    let body = &FUNCTIONS[start..];
    let body = &body[..body.find("\n}\n").unwrap()];
    let mut out = Vec::new();
    let mut doc = String::new();
    for line in body.lines().skip(1) {
        let t = line.trim();
        if t.starts_with("/**") {
            doc = t.to_string();
        } else if line.starts_with("  ") && !line.starts_with("   ") {
            if let Some(name) = t
                .split('(')
                .next()
                .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric()) && t.contains('('))
            {
                out.push((name.to_string(), std::mem::take(&mut doc)));
            }
        }
    }
    out
}
