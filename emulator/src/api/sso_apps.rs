//! `management.ssoApplication` (reference §6): applications for which Descope is the
//! identity provider — OIDC, SAML and WS-Fed. Update is a full overwrite; the values Descope
//! generates (issuer, IdP URLs and certificate) are derived from the project and app IDs.

use serde_json::{json, Map, Value};

use super::{empty, Call};
use crate::body::Obj;
use crate::crypto::random_token;
use crate::error::{ApiError, ApiResult};
use crate::store::{AppType, SsoApp, Store};

/// The settings keys each type accepts (request spellings), with how to read them.
#[derive(Clone, Copy)]
enum Kind {
    Str,
    Bool,
    StrList,
    /// `[{name, type, value}]`
    AttributeMapping,
    /// `[{name, type, filterType, value, roles: [{id, name}]}]`
    GroupsMapping,
    /// Free-form object (Go's `jwtBearerSettings`).
    Object,
}

const COMMON: &[(&str, Kind)] = &[
    ("loginPageUrl", Kind::Str),
    ("forceAuthentication", Kind::Bool),
];

/// Go-only OIDC options are accepted too (reference §6.2).
const OIDC: &[(&str, Kind)] = &[
    ("backChannelLogoutUrl", Kind::Str),
    ("clientType", Kind::Str),
    ("approvedRedirectUrls", Kind::StrList),
    ("authorizationCodeDisabled", Kind::Bool),
    ("clientCredentialsDisabled", Kind::Bool),
    ("refreshTokenDisabled", Kind::Bool),
    ("jwtBearerDisabled", Kind::Bool),
    ("deviceCodeDisabled", Kind::Bool),
    ("forcePkce", Kind::Bool),
    ("defaultAudience", Kind::Str),
    ("jwtBearerSettings", Kind::Object),
];

const SAML: &[(&str, Kind)] = &[
    ("useMetadataInfo", Kind::Bool),
    ("metadataUrl", Kind::Str),
    ("entityId", Kind::Str),
    ("acsUrl", Kind::Str),
    ("certificate", Kind::Str),
    ("attributeMapping", Kind::AttributeMapping),
    ("groupsMapping", Kind::GroupsMapping),
    ("acsAllowedCallbacks", Kind::StrList),
    ("subjectNameIdType", Kind::Str),
    ("subjectNameIdFormat", Kind::Str),
    ("defaultRelayState", Kind::Str),
    ("logoutRedirectUrl", Kind::Str),
    ("defaultSignatureAlgorithm", Kind::Str),
];

const WSFED: &[(&str, Kind)] = &[
    ("realm", Kind::Str),
    ("replyUrl", Kind::Str),
    ("attributeMapping", Kind::AttributeMapping),
    ("groupsMapping", Kind::GroupsMapping),
    ("logoutRedirectUrl", Kind::Str),
    ("errorRedirectUrl", Kind::Str),
    ("replyAllowedCallbacks", Kind::StrList),
];

/// Values Descope generates, per type, in answer order (read-only).
const OIDC_GENERATED: &[&str] = &["issuer", "discoveryUrl"];
const SAML_GENERATED: &[&str] = &[
    "idpCert",
    "idpMetadataUrl",
    "idpEntityId",
    "idpSsoUrl",
    "idpLogoutUrl",
    "idpInitiatedUrl",
];
const WSFED_GENERATED: &[&str] = &[
    "idpInitiatedUrl",
    "idpMetadataUrl",
    "idpEntityId",
    "idpSsoUrl",
    "idpCert",
];

fn keys(t: AppType) -> Vec<(&'static str, Kind)> {
    let extra = match t {
        AppType::Oidc => OIDC,
        AppType::Saml => SAML,
        AppType::WsFed => WSFED,
    };
    COMMON.iter().chain(extra).copied().collect()
}

fn read_entries(o: &mut Obj, key: &str, fields: &[(&str, Kind)]) -> ApiResult<Option<Value>> {
    let Some(items) = o.list(&[key])? else {
        return Ok(None);
    };
    let base = o.name(key);
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let mut e = Obj::from_value(item, &format!("{base}[{i}]"))?;
        let mut m = Map::new();
        for (k, kind) in fields {
            if let Some(v) = read_value(&mut e, k, *kind)? {
                m.insert((*k).into(), v);
            }
        }
        e.finish()?;
        out.push(Value::Object(m));
    }
    Ok(Some(Value::Array(out)))
}

fn read_value(o: &mut Obj, key: &str, kind: Kind) -> ApiResult<Option<Value>> {
    Ok(match kind {
        Kind::Str => o.str(&[key])?.map(Value::String),
        Kind::Bool => o.bool(&[key])?.map(Value::Bool),
        Kind::StrList => o.str_list(&[key])?.map(|l| json!(l)),
        Kind::Object => o.map(&[key])?.map(Value::Object),
        Kind::AttributeMapping => read_entries(
            o,
            key,
            &[
                ("name", Kind::Str),
                ("type", Kind::Str),
                ("value", Kind::Str),
            ],
        )?,
        Kind::GroupsMapping => {
            let Some(items) = o.list(&[key])? else {
                return Ok(None);
            };
            let base = o.name(key);
            let mut out = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                let path = format!("{base}[{i}]");
                let mut e = Obj::from_value(item, &path)?;
                let mut m = Map::new();
                for k in ["name", "type", "filterType", "value"] {
                    m.insert(k.into(), json!(e.str(&[k])?.unwrap_or_default()));
                }
                let roles =
                    read_entries(&mut e, "roles", &[("id", Kind::Str), ("name", Kind::Str)])?;
                m.insert("roles".into(), roles.unwrap_or(json!([])));
                e.finish()?;
                out.push(Value::Object(m));
            }
            Some(Value::Array(out))
        }
    })
}

/// An application as read from a create or update body (or a seed entry).
pub struct AppInput {
    pub id: Option<String>,
    pub name: String,
    pub description: String,
    pub logo: String,
    pub enabled: Option<bool>,
    pub settings: Map<String, Value>,
    pub custom_attributes: Map<String, Value>,
    pub client_secret: Option<String>,
    pub client_id: Option<String>,
}

impl AppInput {
    pub fn read(o: &mut Obj, t: AppType) -> ApiResult<AppInput> {
        let id = o.str(&["id"])?.filter(|s| !s.is_empty());
        let name = o.req_str(&["name"])?;
        let description = o.str(&["description"])?.unwrap_or_default();
        let logo = o.str(&["logo"])?.unwrap_or_default();
        let enabled = o.bool(&["enabled"])?;
        let custom_attributes = super::tenants::read_custom_attributes(o, "customAttributes")?;
        let (client_id, client_secret) = if t == AppType::Oidc {
            (o.str(&["clientId"])?, o.str(&["clientSecret"])?)
        } else {
            (None, None)
        };
        let mut settings = Map::new();
        for (k, kind) in keys(t) {
            if let Some(v) = read_value(o, k, kind)? {
                settings.insert(k.into(), v);
            }
        }
        let required: &[&str] = match t {
            AppType::WsFed => &["loginPageUrl", "realm", "replyUrl"],
            _ => &["loginPageUrl"],
        };
        for k in required {
            if settings
                .get(*k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .is_empty()
            {
                o.missing(k);
            }
        }
        let check = |key: &str, allowed: &[&str]| match settings.get(key).and_then(Value::as_str) {
            Some(v) => super::tenants::one_of(v, key, allowed),
            None => Ok(()),
        };
        check("clientType", &["", "confidential", "public"])?;
        check("defaultAudience", &["", "projectId", "clientId"])?;
        check("subjectNameIdType", &["", "email", "phone"])?;
        check("defaultSignatureAlgorithm", &["", "sha1", "sha256"])?;
        Ok(AppInput {
            id,
            name,
            description,
            logo,
            enabled,
            settings,
            custom_attributes,
            client_secret,
            client_id,
        })
    }
}

/// The read-only values of an app, derived from the project and app IDs (emulator choice of
/// URLs; computed when rendering, so they follow `--project-id`).
fn generated(t: AppType, project: &str, id: &str) -> Map<String, Value> {
    let base = "http://localhost";
    let mut m = Map::new();
    match t {
        AppType::Oidc => {
            m.insert("issuer".into(), json!(format!("{base}/{project}")));
            m.insert(
                "discoveryUrl".into(),
                json!(format!("{base}/{project}/.well-known/openid-configuration")),
            );
        }
        AppType::Saml | AppType::WsFed => {
            let kind = if t == AppType::Saml { "saml" } else { "wsfed" };
            m.insert(
                "idpCert".into(),
                json!(format!("emulator-idp-certificate-{id}")),
            );
            m.insert(
                "idpMetadataUrl".into(),
                json!(format!("{base}/v1/{kind}/{project}/{id}/metadata")),
            );
            m.insert(
                "idpEntityId".into(),
                json!(format!("{base}/{project}/{id}")),
            );
            m.insert(
                "idpSsoUrl".into(),
                json!(format!("{base}/v1/{kind}/{project}/{id}/sso")),
            );
            m.insert(
                "idpInitiatedUrl".into(),
                json!(format!("{base}/v1/{kind}/{project}/{id}/initiate")),
            );
            if t == AppType::Saml {
                m.insert(
                    "idpLogoutUrl".into(),
                    json!(format!("{base}/v1/saml/{project}/{id}/logout")),
                );
            }
        }
    }
    m
}

fn zero(kind: Kind) -> Value {
    match kind {
        Kind::Str => json!(""),
        Kind::Bool => json!(false),
        Kind::Object => json!({}),
        Kind::StrList | Kind::AttributeMapping | Kind::GroupsMapping => json!([]),
    }
}

/// One settings block: every key of the type with its zero value, then what is stored.
fn block(app: &SsoApp, t: AppType, project: &str) -> Value {
    let mine = app.app_type == t;
    let made = generated(t, project, &app.id);
    let mut out = Map::new();
    for (k, kind) in keys(t) {
        let v = if mine {
            app.settings.get(k).cloned()
        } else {
            None
        };
        out.insert(k.into(), v.unwrap_or_else(|| zero(kind)));
    }
    let gen = match t {
        AppType::Oidc => OIDC_GENERATED,
        AppType::Saml => SAML_GENERATED,
        AppType::WsFed => WSFED_GENERATED,
    };
    for k in gen {
        let v = if mine { made.get(*k).cloned() } else { None };
        out.insert((*k).into(), v.unwrap_or(json!("")));
    }
    if t == AppType::Oidc {
        let v = if mine {
            app.settings.get("clientId").cloned()
        } else {
            None
        };
        out.insert("clientId".into(), v.unwrap_or(json!("")));
    }
    Value::Object(out)
}

impl Store {
    /// The application (reference §6.3): all three settings blocks, zero-valued for the
    /// other types; never the secret. The WS-Fed block uses node's spelling `wsfedSettings`.
    pub fn render_app(&self, a: &SsoApp) -> Value {
        json!({
            "id": a.id,
            "name": a.name,
            "description": a.description,
            "enabled": a.enabled,
            "logo": a.logo,
            "appType": a.app_type.name(),
            "oidcSettings": block(a, AppType::Oidc, &self.project_id),
            "samlSettings": block(a, AppType::Saml, &self.project_id),
            "wsfedSettings": block(a, AppType::WsFed, &self.project_id),
            "customAttributes": a.custom_attributes,
        })
    }

    pub fn app_index(&self, id: &str) -> ApiResult<usize> {
        self.sso_apps
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| ApiError::not_found("SSO application", id))
    }
}

fn name_free(store: &Store, name: &str, except: Option<&str>) -> ApiResult<()> {
    if store
        .sso_apps
        .iter()
        .any(|a| Some(a.id.as_str()) != except && a.name == name)
    {
        return Err(ApiError::duplicate("SSO application", "name", name));
    }
    Ok(())
}

/// Creates the app; answers its index. Shared with the seed.
pub fn insert(store: &mut Store, t: AppType, input: AppInput) -> ApiResult<usize> {
    name_free(store, &input.name, None)?;
    let id = match input.id {
        Some(id) => {
            if store.app_index(&id).is_ok() {
                return Err(ApiError::duplicate("SSO application", "id", &id));
            }
            id
        }
        None => store.new_id("SA2", 28, |s, id| s.app_index(id).is_ok()),
    };
    let mut settings = input.settings;
    let secret = if t == AppType::Oidc {
        settings.insert(
            "clientId".into(),
            json!(input.client_id.unwrap_or_else(|| id.clone())),
        );
        input.client_secret.unwrap_or_else(|| random_token(40))
    } else {
        String::new()
    };
    store.sso_apps.push(SsoApp {
        id,
        name: input.name,
        description: input.description,
        // A new application is enabled unless told otherwise (node and Python default it).
        enabled: input.enabled.unwrap_or(true),
        logo: input.logo,
        app_type: t,
        settings,
        custom_attributes: input.custom_attributes,
        secret,
    });
    Ok(store.sso_apps.len() - 1)
}

fn create(store: &mut Store, call: &Call, t: AppType) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let input = AppInput::read(&mut o, t)?;
    o.finish()?;
    let idx = insert(store, t, input)?;
    Ok(json!({ "id": store.sso_apps[idx].id }))
}

fn update(store: &mut Store, call: &Call, t: AppType) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let input = AppInput::read(&mut o, t)?;
    if input.id.is_none() {
        o.missing("id");
    }
    o.finish()?;
    let id = input.id.clone().unwrap_or_default();
    let idx = store.app_index(&id)?;
    let app = &store.sso_apps[idx];
    if app.app_type != t {
        return Err(ApiError::invalid(format!(
            "SSO application \"{id}\" is a {} application, not {}",
            app.app_type.name(),
            t.name()
        )));
    }
    let client_id = app.settings.get("clientId").cloned();
    if let (Some(given), Some(Value::String(have))) = (&input.client_id, &client_id) {
        if given != have {
            return Err(ApiError::invalid("\"clientId\" cannot change"));
        }
    }
    if input.client_secret.is_some() {
        return Err(ApiError::invalid(
            "\"clientSecret\" can only be given on create; rotate the secret instead",
        ));
    }
    name_free(store, &input.name, Some(&id))?;
    let app = &mut store.sso_apps[idx];
    let mut settings = input.settings;
    if let Some(c) = client_id {
        settings.insert("clientId".into(), c);
    }
    app.name = input.name;
    app.description = input.description;
    app.logo = input.logo;
    // Full overwrite: node adds `enabled: true` on create only, so an update without it
    // disables the app (reference §6.4).
    app.enabled = input.enabled.unwrap_or(false);
    app.settings = settings;
    app.custom_attributes = input.custom_attributes;
    Ok(empty())
}

pub fn create_oidc(store: &mut Store, call: &Call) -> ApiResult<Value> {
    create(store, call, AppType::Oidc)
}
pub fn create_saml(store: &mut Store, call: &Call) -> ApiResult<Value> {
    create(store, call, AppType::Saml)
}
pub fn create_wsfed(store: &mut Store, call: &Call) -> ApiResult<Value> {
    create(store, call, AppType::WsFed)
}
pub fn update_oidc(store: &mut Store, call: &Call) -> ApiResult<Value> {
    update(store, call, AppType::Oidc)
}
pub fn update_saml(store: &mut Store, call: &Call) -> ApiResult<Value> {
    update(store, call, AppType::Saml)
}
pub fn update_wsfed(store: &mut Store, call: &Call) -> ApiResult<Value> {
    update(store, call, AppType::WsFed)
}

/// Also drops the app from users' `ssoAppIds` and tenants' `federatedAppIds`.
pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    o.finish()?;
    let idx = store.app_index(&id)?;
    store.sso_apps.remove(idx);
    for u in &mut store.users {
        u.sso_app_ids.retain(|a| *a != id);
    }
    for t in &mut store.tenants {
        t.federated_app_ids.retain(|a| *a != id);
    }
    Ok(empty())
}

fn query_id(call: &Call) -> ApiResult<String> {
    let mut q = call.query_obj()?;
    let id = q.req_str(&["id"])?;
    q.finish()?;
    Ok(id)
}

/// `GET /v1/mgmt/sso/idp/app/load?id=`: the app itself, not wrapped (reference §1.3).
pub fn load(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.app_index(&query_id(call)?)?;
    Ok(store.render_app(&store.sso_apps[idx]))
}

pub fn load_all(store: &mut Store, call: &Call) -> ApiResult<Value> {
    call.query_obj()?.finish()?;
    let apps: Vec<Value> = store.sso_apps.iter().map(|a| store.render_app(a)).collect();
    Ok(json!({ "apps": apps }))
}

fn oidc_app(store: &Store, id: &str) -> ApiResult<usize> {
    let idx = store.app_index(id)?;
    if store.sso_apps[idx].app_type != AppType::Oidc {
        return Err(ApiError::invalid(
            "Only OIDC applications have a client secret",
        ));
    }
    Ok(idx)
}

/// `{cleartext}`: the OIDC client secret (the one value that is meant to be revealed).
pub fn get_secret(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = oidc_app(store, &query_id(call)?)?;
    Ok(json!({ "cleartext": store.sso_apps[idx].secret }))
}

/// A new client secret; the old one is gone.
pub fn rotate_secret(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    o.finish()?;
    let idx = oidc_app(store, &id)?;
    let secret = random_token(40);
    store.sso_apps[idx].secret.clone_from(&secret);
    Ok(json!({ "cleartext": secret }))
}
