//! Answers of the groups after `user` (reference §2–§11): every field optional and unknown
//! ones kept, so a new field on the service never breaks decoding. Secrets the service
//! answers once are [`Secret`]s, which `Debug` and `Display` never show.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::responses::number_or_string;
use super::{AttributeValue, User};

/// A secret answered once: an access key's cleartext, a client secret, a JWT, an SSO setup
/// link. `Debug` and `Display` print `[redacted]`; [`Secret::expose`] gives the text.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The secret's text: hand it to where it is needed, never to a log.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The secret's text, owned.
    pub fn into_inner(self) -> String {
        self.0
    }

    /// Whether it is empty (the service answered none).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// `{ id }`: what a create answers (tenants, SSO applications).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Created {
    /// The new object's ID.
    #[serde(default)]
    pub id: String,
    /// Any other keys the service sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A tenant (`tenant.load`, `loadAll`, `searchAll`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    /// ID (generated, or chosen by `createWithId`).
    #[serde(default)]
    pub id: String,
    /// Name, unique in the project.
    #[serde(default)]
    pub name: String,
    /// Email domains whose users may join it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_provisioning_domains: Option<Vec<String>>,
    /// Its custom attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_attributes: Option<BTreeMap<String, AttributeValue>>,
    /// Created (Unix seconds).
    #[serde(
        default,
        deserialize_with = "number_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_time: Option<i64>,
    /// SSO domains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domains: Option<Vec<String>>,
    /// `none`, `saml` or `oidc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<String>,
    /// Only SSO sign-in for its members.
    #[serde(
        default,
        rename = "enforceSSO",
        skip_serializing_if = "Option::is_none"
    )]
    pub enforce_sso: Option<bool>,
    /// User IDs exempt from `enforceSSO`.
    #[serde(
        default,
        rename = "enforceSSOExclusions",
        skip_serializing_if = "Option::is_none"
    )]
    pub enforce_sso_exclusions: Option<Vec<String>>,
    /// Sign-in into it is disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// Project roles its users get.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_roles: Option<Vec<String>>,
    /// Its parent's ID (`""` for a top-level tenant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Its sub-tenants' IDs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successors: Option<Vec<String>>,
    /// `""`, `none` or `userOnly`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_inheritance: Option<String>,
    /// SSO applications linked to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub federated_app_ids: Option<Vec<String>>,
    /// Any other keys the service sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// `{ adminSSOConfigurationLink }` (`tenant.generateSSOConfigurationLink`): the link is a
/// credential until it expires.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SsoConfigurationLink {
    /// The link to the SSO setup suite.
    #[serde(default, rename = "adminSSOConfigurationLink")]
    pub admin_sso_configuration_link: Secret,
}

/// A tenant of an access key, as answered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessKeyTenant {
    /// The tenant's ID.
    #[serde(default)]
    pub tenant_id: String,
    /// The tenant's name (joined by the service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_name: Option<String>,
    /// The key's roles in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_names: Option<Vec<String>>,
}

/// An access key (never its cleartext).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessKey {
    /// ID.
    #[serde(default)]
    pub id: String,
    /// Name (not unique).
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Project roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_names: Option<Vec<String>>,
    /// Tenants, with roles in each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_tenants: Option<Vec<AccessKeyTenant>>,
    /// `active` or `inactive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Created (Unix seconds).
    #[serde(
        default,
        deserialize_with = "number_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_time: Option<i64>,
    /// Expires (Unix seconds; 0: never).
    #[serde(
        default,
        deserialize_with = "number_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expire_time: Option<i64>,
    /// Who created it (a user or a management key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// The user it acts as, if bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_user_id: Option<String>,
    /// Claims added to its JWTs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_claims: Option<BTreeMap<String, Value>>,
    /// IPs and CIDRs it may be used from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permitted_ips: Option<Vec<String>>,
    /// Its custom attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_attributes: Option<BTreeMap<String, AttributeValue>>,
    /// Any other keys the service sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// `{ key, cleartext }` (`accessKey.create`, `rotate`): the cleartext is answered once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccessKeyCreated {
    /// The key.
    #[serde(default)]
    pub key: AccessKey,
    /// Its secret, to hand to whoever uses the key.
    #[serde(default)]
    pub cleartext: Secret,
}

/// `{ cleartext }`: an SSO application's client secret.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cleartext {
    /// The secret.
    #[serde(default)]
    pub cleartext: Secret,
}

/// An application for which Descope is the identity provider.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SsoApplication {
    /// ID.
    #[serde(default)]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether users may sign in to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Logo URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// `oidc`, `saml` or `wsfed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_type: Option<String>,
    /// The SAML settings (`loginPageUrl`, `idpCert`, `entityId`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saml_settings: Option<BTreeMap<String, Value>>,
    /// The OIDC settings (`loginPageUrl`, `issuer`, `discoveryUrl`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oidc_settings: Option<BTreeMap<String, Value>>,
    /// Any other keys (`wsfedSettings`, …).
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A tenant's SSO configuration, as node-sdk reshapes it (`sso.loadSettings`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SsoSettings {
    /// The tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<Tenant>,
    /// The SAML IdP (`groupsMapping` as `{ groups, roleName }`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saml: Option<BTreeMap<String, Value>>,
    /// The OIDC IdP (its mapping as `attributeMapping`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oidc: Option<BTreeMap<String, Value>>,
    /// The configuration's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_id: Option<String>,
    /// Any other keys the service sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// `{ jwt }`: a token minted or changed on the server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JwtAnswer {
    /// The token.
    #[serde(default)]
    pub jwt: Secret,
}

/// The tokens of a sign-in or sign-up (`jwt.signIn`, `signUp`, `anonymous`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JwtResponse {
    /// The session JWT.
    #[serde(default)]
    pub session_jwt: Secret,
    /// The refresh JWT.
    #[serde(default)]
    pub refresh_jwt: Secret,
    /// The cookies' domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_domain: Option<String>,
    /// The cookies' path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_path: Option<String>,
    /// The refresh cookie's max age (seconds).
    #[serde(
        default,
        deserialize_with = "number_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub cookie_max_age: Option<i64>,
    /// The refresh cookie's expiry (Unix seconds).
    #[serde(
        default,
        deserialize_with = "number_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub cookie_expiration: Option<i64>,
    /// The user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// Whether the user signed in for the first time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<bool>,
    /// Any other keys the service sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// An audit record, as node-sdk reshapes it (`loginIds`, `occurred` a number).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    /// The project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// The user it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// What happened (`LoginSucceed`, `UserModified`, your own action…).
    #[serde(default)]
    pub action: String,
    /// `info`, `warn` or `error` (events of your own).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Who did it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<String>,
    /// When (epoch milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurred: Option<f64>,
    /// The device kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// The authentication method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<String>,
    /// The client's IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_address: Option<String>,
    /// The user's login IDs (the service's `externalIds`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_ids: Option<Vec<String>>,
    /// Its tenants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenants: Option<Vec<String>>,
    /// Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<BTreeMap<String, Value>>,
    /// Any other keys the service sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// `{ audits, total }` (`audit.searchAll`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditSearchResponse {
    /// The records.
    #[serde(default)]
    pub audits: Vec<AuditRecord>,
    /// How many records match.
    #[serde(
        default,
        deserialize_with = "number_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub total: Option<i64>,
}

/// Declares an answer: every field optional (`default`, left out when `None`), renamed to
/// camel case, unknown keys kept in `extra`. A newcomer reads each field's wire name from
/// its Rust name.
macro_rules! answer {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
            /// Any other keys the service sent.
            #[serde(flatten)]
            pub extra: BTreeMap<String, Value>,
        }
    };
}

answer! {
    /// A list of IPs, texts or a JSON document.
    List {
        /// ID.
        id: String,
        /// Name, unique in the project.
        name: String,
        /// Description.
        description: String,
        /// `ips`, `texts` or `json`.
        r#type: String,
        /// Strings, or an object for `json`.
        data: Value,
    }
}

answer! {
    /// A JWT template, or an entry of Descope's library.
    JwtTemplate {
        /// ID.
        id: String,
        /// Name.
        name: String,
        /// Description.
        description: String,
        /// The claims, by name: values or `{{templates}}`.
        template: BTreeMap<String, Value>,
        /// Tags.
        tags: Vec<String>,
        /// `user` or `key` tokens.
        r#type: String,
    }
}

answer! {
    /// A console administrator.
    Descoper {
        /// ID.
        id: String,
        /// Login IDs.
        login_ids: Vec<String>,
        /// `{ displayName, email, phone }`.
        attributes: BTreeMap<String, Value>,
        /// `{ isCompanyAdmin, tags, projects }`.
        rbac: BTreeMap<String, Value>,
        /// Status.
        status: String,
    }
}

answer! {
    /// `{ descopers, total }`.
    DescoperList {
        /// The descopers.
        descopers: Vec<Descoper>,
        /// How many there are.
        total: i64,
    }
}

answer! {
    /// A management key (never its cleartext).
    ManagementKey {
        /// ID.
        id: String,
        /// Name.
        name: String,
        /// Description.
        description: String,
        /// `active` or `inactive`.
        status: String,
        /// Created (Unix seconds).
        created_time: i64,
        /// Expires (Unix seconds; 0: never).
        expire_time: i64,
        /// IPs and CIDRs it may be used from.
        permitted_ips: Vec<String>,
        /// Its company, project or tag roles.
        re_bac: BTreeMap<String, Value>,
    }
}

/// `{ key, cleartext }` (`managementKey.create`): the cleartext is answered once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ManagementKeyCreated {
    /// The key.
    #[serde(default)]
    pub key: ManagementKey,
    /// Its secret.
    #[serde(default)]
    pub cleartext: Secret,
}

answer! {
    /// `{ total }`: how many were deleted.
    DeletedCount {
        /// How many.
        total: i64,
    }
}

/// An engine; its `secret` only in `create`'s answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Engine {
    /// ID.
    #[serde(default)]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Its secret (empty but after `create`).
    #[serde(default)]
    pub secret: Secret,
    /// Created (Unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<i64>,
}

/// `{ secret }` (`engine.rotateSecret`), answered once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EngineSecret {
    /// The new secret.
    #[serde(default)]
    pub secret: Secret,
}

answer! {
    /// One scope and the claims it adds.
    ScopeClaims {
        /// The scope.
        scope: String,
        /// The claims, by name: values or `{{templates}}`.
        claims: BTreeMap<String, Value>,
        /// Description.
        description: String,
    }
}

answer! {
    /// A count of audit events (`created` and `cnt` are strings on the wire).
    AnalyticsRecord {
        /// The project.
        project_id: String,
        /// The action counted.
        action: String,
        /// The period (epoch ms, a string).
        created: String,
        /// Device.
        device: String,
        /// Method.
        method: String,
        /// Country code.
        geo: String,
        /// Tenant.
        tenant: String,
        /// Referrer.
        referrer: String,
        /// The count (a string).
        cnt: String,
    }
}

answer! {
    /// `{ flows, total }`.
    FlowList {
        /// The flows: `{ id, name, description, disabled }`.
        flows: Vec<BTreeMap<String, Value>>,
        /// How many there are.
        total: i64,
    }
}

answer! {
    /// Another party's OAuth client.
    InboundApplication {
        /// ID.
        id: String,
        /// Its OAuth client ID.
        client_id: String,
        /// Name.
        name: String,
        /// Description.
        description: String,
        /// Logo URL.
        logo: String,
        /// Its login page.
        login_page_url: String,
        /// Callback URLs it may use.
        approved_callback_urls: Vec<String>,
        /// Permission scopes it may ask for.
        permissions_scopes: Vec<BTreeMap<String, Value>>,
        /// Attribute scopes it may ask for.
        attributes_scopes: Vec<BTreeMap<String, Value>>,
    }
}

/// `{ id, clientId, cleartext }` (`inboundApplication.createApplication`): the client
/// secret is answered once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InboundApplicationCreated {
    /// ID.
    #[serde(default)]
    pub id: String,
    /// Its OAuth client ID.
    #[serde(default)]
    pub client_id: String,
    /// Its client secret.
    #[serde(default)]
    pub cleartext: Secret,
}

answer! {
    /// A user's consent to an application.
    Consent {
        /// ID.
        id: String,
        /// The application.
        app_id: String,
        /// The user.
        user_id: String,
        /// The scopes granted.
        scopes: Vec<String>,
        /// Who granted them.
        granted_by: String,
        /// Created.
        created_time: Value,
        /// The tenant, for a tenant's consent.
        tenant_id: String,
    }
}

answer! {
    /// A connection to another OAuth provider (never its client secret).
    OutboundApplication {
        /// ID.
        id: String,
        /// Name.
        name: String,
        /// Description.
        description: String,
        /// Its OAuth client ID.
        client_id: String,
        /// Logo URL.
        logo: String,
        /// The provider's discovery URL.
        discovery_url: String,
        /// The provider's authorization URL.
        authorization_url: String,
        /// The provider's token URL.
        token_url: String,
        /// Scopes asked for by default.
        default_scopes: Vec<String>,
    }
}

/// A token kept for a user or a tenant: hand it to the API it is for, never to a log.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboundToken {
    /// ID.
    #[serde(default)]
    pub id: String,
    /// The application.
    #[serde(default)]
    pub app_id: String,
    /// The user (empty for a tenant's token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The tenant (empty for a user's token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// The access token.
    #[serde(default)]
    pub access_token: Secret,
    /// When it expires (epoch seconds; a number or a string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_expiry: Option<Value>,
    /// The refresh token, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
    /// Whether there is a refresh token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_refresh_token: Option<bool>,
    /// Its scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// Who granted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granted_by: Option<String>,
}

answer! {
    /// `{ failures }` of a batch token upload (any failure: nothing was stored).
    TokenUploadFailures {
        /// `{ appId, userId?, tenantId?, errorCode, reason }` each.
        failures: Vec<BTreeMap<String, Value>>,
    }
}

answer! {
    /// A stored relation.
    AuthzRelationRecord {
        /// The resource.
        resource: String,
        /// The relation definition.
        relation_definition: String,
        /// Its namespace.
        namespace: String,
        /// The target.
        target: String,
        /// The target set's resource.
        target_set_resource: String,
        /// The target set's relation definition.
        target_set_relation_definition: String,
        /// The target set's namespace.
        target_set_relation_definition_namespace: String,
    }
}

answer! {
    /// A relation query, answered.
    AuthzRelationAnswer {
        /// The resource.
        resource: String,
        /// The relation definition.
        relation_definition: String,
        /// Its namespace.
        namespace: String,
        /// The target.
        target: String,
        /// Whether the target has the relation.
        has_relation: bool,
    }
}

answer! {
    /// What changed (`authz.getModified`).
    AuthzModified {
        /// Resources.
        resources: Vec<String>,
        /// Targets.
        targets: Vec<String>,
        /// Whether the schema changed.
        schema_changed: bool,
    }
}

answer! {
    /// A checked relation.
    FgaCheck {
        /// Whether it holds.
        allowed: bool,
        /// The relation: `{ resource, resourceType, relation, target, targetType }`.
        tuple: BTreeMap<String, Value>,
        /// How it was decided.
        info: BTreeMap<String, Value>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_or_display() {
        let created: AccessKeyCreated =
            serde_json::from_str(r#"{"key":{"id":"K1","name":"ci"},"cleartext":"K1-sEcReT-text"}"#)
                .unwrap();
        assert_eq!(created.cleartext.expose(), "K1-sEcReT-text");
        for shown in [
            format!("{created:?}"),
            format!("{:#?}", created),
            created.cleartext.to_string(),
        ] {
            assert!(!shown.contains("sEcReT"), "{shown}");
        }
        let tokens: JwtResponse =
            serde_json::from_str(r#"{"sessionJwt":"a.sEcReT.b","refreshJwt":"c.sEcReT.d"}"#)
                .unwrap();
        assert!(!format!("{tokens:?}").contains("sEcReT"));
        assert_eq!(tokens.refresh_jwt.expose(), "c.sEcReT.d");
        let token: OutboundToken =
            serde_json::from_str(r#"{"accessToken":"ya29.sEcReT","refreshToken":"r.sEcReT"}"#)
                .unwrap();
        let key: ManagementKeyCreated =
            serde_json::from_str(r#"{"key":{"id":"MK1"},"cleartext":"MK1:sEcReT"}"#).unwrap();
        assert!(!format!("{token:?} {key:?}").contains("sEcReT"));
        assert_eq!(key.cleartext.expose(), "MK1:sEcReT");
    }
}
