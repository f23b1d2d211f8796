//! Batch create / invite (reference §5.4, §5.5) and the batch answers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AssociatedTenant, AttributeValue, User, UserStatus};

/// Bcrypt: `hash` like `$2a$…`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HashOnly {
    /// The hash.
    pub hash: String,
}

/// PBKDF2 / phpass: base64 hash and salt, iterations and a digest type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaltedIterated {
    /// The hash.
    pub hash: String,
    /// The salt.
    pub salt: String,
    /// Iterations.
    pub iterations: u32,
    /// Digest: `sha1`/`sha256`/`sha512` (PBKDF2) or `md5`/`sha512` (phpass).
    #[serde(rename = "type")]
    pub kind: String,
}

/// Firebase scrypt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Firebase {
    /// The hash (base64).
    pub hash: String,
    /// The salt (base64).
    pub salt: String,
    /// The salt separator (base64).
    pub salt_separator: String,
    /// The signer key (base64).
    pub signer_key: String,
    /// Memory cost.
    pub memory: u32,
    /// Rounds.
    pub rounds: u32,
}

/// A plain SHA digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sha {
    /// The hash.
    pub hash: String,
    /// `sha1`, `sha256` or `sha512`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The salt, when salted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
}

/// Argon2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Argon2 {
    /// The hash (base64).
    pub hash: String,
    /// The salt (base64).
    pub salt: String,
    /// Iterations.
    pub iterations: u32,
    /// Memory in KiB.
    pub memory: u32,
    /// Threads.
    pub threads: u32,
}

/// Bach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bach {
    /// The hash.
    pub hash: String,
    /// The key.
    pub key: String,
}

/// A hashed password to import; exactly one kind is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HashedPassword {
    /// Bcrypt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bcrypt: Option<HashOnly>,
    /// PBKDF2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pbkdf2: Option<SaltedIterated>,
    /// Firebase scrypt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firebase: Option<Firebase>,
    /// Django.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub django: Option<HashOnly>,
    /// phpass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phpass: Option<SaltedIterated>,
    /// MD5 (hex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub md5: Option<HashOnly>,
    /// SHA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha: Option<Sha>,
    /// Argon2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub argon2: Option<Argon2>,
    /// Bach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bach: Option<Bach>,
    /// BuddyAuth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buddyauth: Option<HashOnly>,
}

impl HashedPassword {
    /// How many kinds are set (a valid value has exactly one).
    pub fn kinds(&self) -> usize {
        [
            self.bcrypt.is_some(),
            self.pbkdf2.is_some(),
            self.firebase.is_some(),
            self.django.is_some(),
            self.phpass.is_some(),
            self.md5.is_some(),
            self.sha.is_some(),
            self.argon2.is_some(),
            self.bach.is_some(),
            self.buddyauth.is_some(),
        ]
        .into_iter()
        .filter(|set| *set)
        .count()
    }
}

/// A batch user's password: a cleartext string, or `{ cleartext }` / `{ hashed }` as
/// node-sdk sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BatchPassword {
    /// Cleartext.
    Cleartext(String),
    /// `{ cleartext?, hashed? }`.
    Object(Box<PasswordObject>),
}

/// The object form of a batch password.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordObject {
    /// Cleartext.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cleartext: Option<String>,
    /// Hashed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hashed: Option<HashedPassword>,
}

/// A user of `createBatch` / `inviteBatch`. `loginIdOrUserId` (or `loginId`) is sent as
/// `loginId`, `roles` as `roleNames`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BatchUser {
    /// Login ID (or, for invites, an existing user ID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_id_or_user_id: Option<String>,
    /// Deprecated spelling of `loginIdOrUserId`; this is the key sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_id: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// Project roles (`roles` in, `roleNames` on the wire).
    #[serde(rename = "roles", default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// Tenants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_tenants: Option<Vec<AssociatedTenant>>,
    /// Custom attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_attributes: Option<BTreeMap<String, AttributeValue>>,
    /// Picture URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// Email verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_email: Option<bool>,
    /// Phone verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_phone: Option<bool>,
    /// A test user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
    /// More login IDs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_login_ids: Option<Vec<String>>,
    /// SSO applications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_app_ids: Option<Vec<String>>,
    /// Password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<BatchPassword>,
    /// Hashed password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hashed_password: Option<HashedPassword>,
    /// TOTP seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
    /// Creation time (seconds since the epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<i64>,
}

/// A user a batch call could not create or patch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FailedUser {
    /// Why.
    #[serde(default)]
    pub failure: String,
    /// The user as sent (or as known).
    #[serde(default)]
    pub user: User,
}

/// The answer of `createBatch` / `inviteBatch` / `patchBatch`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchResponse {
    /// Created users (create/invite batch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_users: Option<Vec<User>>,
    /// Patched users (patch batch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patched_users: Option<Vec<User>>,
    /// Users that failed.
    #[serde(default)]
    pub failed_users: Vec<FailedUser>,
    /// Other errors, by key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub additional_errors: BTreeMap<String, String>,
}
