//! `management.outboundApplication` (reference §18): connections to external OAuth
//! providers and API-key services, and the vault of tokens uploaded per user or per tenant.
//! `fetchToken…` answers exactly what was uploaded (a user's token, or a tenant's), refreshed
//! when it has expired or `forceRefresh` asks, with the refresh token only on
//! `withRefreshToken`. The client secret is write-only; tokens and API keys are answered only
//! by the fetches and never logged.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::common::{body_id, check_len, path_param, query_id, read_items};
use super::{empty, Call};
use crate::body::Obj;
use crate::crypto::random_token;
use crate::error::{ApiError, ApiResult, MISSING_FIELD};
use crate::store::{Secret, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Url,
    Bool,
    Strings,
    Params,
}

/// The application's fields (reference §18.2), in answer order.
const FIELDS: &[(&str, Kind)] = &[
    ("name", Kind::Str),
    ("description", Kind::Str),
    ("clientId", Kind::Str),
    ("logo", Kind::Str),
    ("discoveryUrl", Kind::Url),
    ("authorizationUrl", Kind::Url),
    ("authorizationUrlParams", Kind::Params),
    ("tokenUrl", Kind::Url),
    ("tokenUrlParams", Kind::Params),
    ("revocationUrl", Kind::Url),
    ("defaultScopes", Kind::Strings),
    ("defaultRedirectUrl", Kind::Url),
    ("callbackDomain", Kind::Str),
    ("pkce", Kind::Bool),
    ("accessType", Kind::Str),
    ("prompt", Kind::Strings),
    ("useDcr", Kind::Bool),
    ("dcrUrl", Kind::Url),
];

/// Go/OpenAPI keys node does not type: accepted, answered once set.
const EXTRAS: &[&str] = &["templateId", "appType", "tenantId"];

const ACCESS_TYPES: &[&str] = &["offline", "online"];
const PROMPTS: &[&str] = &["none", "login", "consent", "select_account"];

#[derive(Debug, Clone, PartialEq)]
pub struct OutboundApp {
    pub id: String,
    /// Every key of `FIELDS` (zero when unset), then the `EXTRAS` that were set.
    pub fields: Map<String, Value>,
    /// Write-only.
    pub client_secret: Secret,
}

impl OutboundApp {
    pub fn render(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        for (k, v) in &self.fields {
            m.insert(k.clone(), v.clone());
        }
        Value::Object(m)
    }

    pub fn name(&self) -> &str {
        self.fields["name"].as_str().unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutboundToken {
    pub id: String,
    pub app_id: String,
    /// `""` for a tenant token.
    pub user_id: String,
    pub tenant_id: String,
    pub access_token: Secret,
    pub access_token_type: String,
    /// Epoch seconds, 0 = unknown.
    pub access_token_expiry: i64,
    pub refresh_token: Secret,
    pub id_token: Secret,
    pub scopes: Vec<String>,
    pub granted_by: String,
    pub external_identifier: String,
    pub last_refresh_time: i64,
    /// An uploaded API key rather than an OAuth token.
    pub api_key: bool,
}

impl OutboundToken {
    pub fn render(&self, with_refresh: bool) -> Value {
        json!({
            "id": self.id,
            "appId": self.app_id,
            "userId": self.user_id,
            "tenantId": self.tenant_id,
            "accessToken": self.access_token.expose(),
            "accessTokenType": self.access_token_type,
            "accessTokenExpiry": self.access_token_expiry,
            "hasRefreshToken": !self.refresh_token.is_empty(),
            "refreshToken": if with_refresh { self.refresh_token.expose() } else { "" },
            "lastRefreshTime": self.last_refresh_time,
            "lastRefreshError": "",
            "scopes": self.scopes,
            "grantedBy": self.granted_by,
        })
    }

    fn expired(&self, now: i64) -> bool {
        self.access_token_expiry > 0 && self.access_token_expiry <= now
    }

    /// Usable: an access token that has not expired, or a refresh token to get one.
    fn valid(&self, now: i64) -> bool {
        (!self.access_token.is_empty() && !self.expired(now)) || !self.refresh_token.is_empty()
    }
}

fn zero(kind: Kind) -> Value {
    match kind {
        Kind::Str | Kind::Url => json!(""),
        Kind::Bool => json!(false),
        Kind::Strings | Kind::Params => json!([]),
    }
}

fn read_params(o: &mut Obj, key: &str) -> ApiResult<Option<Value>> {
    let list = read_items(o, key, |p| {
        let k = p.req_str(&["key"])?;
        let v = p.str(&["value"])?.unwrap_or_default();
        Ok(json!({ "key": k, "value": v }))
    })?;
    Ok(list.map(Value::Array))
}

/// The app fields as sent; `None` = absent. `clientSecret` comes back separately.
pub struct AppInput {
    pub id: Option<String>,
    pub fields: BTreeMap<String, Option<Value>>,
    pub client_secret: Option<String>,
}

impl AppInput {
    pub fn read(o: &mut Obj) -> ApiResult<AppInput> {
        let id = o.str(&["id"])?.filter(|s| !s.is_empty());
        let client_secret = o.str(&["clientSecret"])?.filter(|s| !s.is_empty());
        let mut fields = BTreeMap::new();
        for (key, kind) in FIELDS {
            let v = match kind {
                Kind::Str | Kind::Url => o.str(&[key])?.map(Value::from),
                Kind::Bool => o.bool(&[key])?.map(Value::from),
                Kind::Strings => o.str_list(&[key])?.map(Value::from),
                Kind::Params => read_params(o, key)?,
            };
            if let (Kind::Url, Some(Value::String(url))) = (kind, &v) {
                if !url.is_empty() && !url.starts_with("https://") && !url.starts_with("http://") {
                    return Err(ApiError::invalid(format!(
                        "\"{}\" must be an http(s) URL, not \"{url}\"",
                        o.name(key)
                    )));
                }
            }
            fields.insert((*key).to_string(), v);
        }
        for key in EXTRAS {
            let v = o.str(&[key])?.filter(|s| !s.is_empty()).map(Value::from);
            fields.insert((*key).to_string(), v);
        }
        let input = AppInput {
            id,
            fields,
            client_secret,
        };
        input.check(o)?;
        Ok(input)
    }

    fn check(&self, o: &Obj) -> ApiResult<()> {
        if let Some(Some(Value::String(t))) = self.fields.get("accessType") {
            if !t.is_empty() && !ACCESS_TYPES.contains(&t.as_str()) {
                return Err(ApiError::invalid(format!(
                    "\"{}\" must be one of offline, online, not \"{t}\"",
                    o.name("accessType")
                )));
            }
        }
        if let Some(Some(Value::Array(p))) = self.fields.get("prompt") {
            if let Some(bad) = p
                .iter()
                .filter_map(Value::as_str)
                .find(|x| !PROMPTS.contains(x))
            {
                return Err(ApiError::invalid(format!(
                    "\"{}\" values must be one of {}, not \"{bad}\"",
                    o.name("prompt"),
                    PROMPTS.join(", ")
                )));
            }
        }
        if let Some(Some(Value::String(n))) = self.fields.get("name") {
            check_len(n, &o.name("name"), 100)?;
        }
        Ok(())
    }

    pub fn has_name(&self) -> bool {
        matches!(self.fields.get("name"), Some(Some(Value::String(n))) if !n.is_empty())
    }

    /// The stored fields: every `FIELDS` key (absent = zero), the extras that were set.
    pub fn into_fields(self) -> Map<String, Value> {
        let mut out = Map::new();
        for (key, kind) in FIELDS {
            let v = self.fields.get(*key).cloned().flatten();
            out.insert((*key).to_string(), v.unwrap_or_else(|| zero(*kind)));
        }
        for key in EXTRAS {
            if let Some(Some(v)) = self.fields.get(*key) {
                out.insert((*key).to_string(), v.clone());
            }
        }
        out
    }
}

/// Templates `createApplicationByTemplate` knows (an emulator choice; the service has more).
fn template(id: &str) -> Option<Map<String, Value>> {
    let (name, description, discovery, auth, token, revoke, scopes) = match id {
        "google" => (
            "Google",
            "Google APIs",
            "https://accounts.google.com/.well-known/openid-configuration",
            "https://accounts.google.com/o/oauth2/v2/auth",
            "https://oauth2.googleapis.com/token",
            "https://oauth2.googleapis.com/revoke",
            vec!["openid", "email"],
        ),
        "github" => (
            "GitHub",
            "GitHub APIs",
            "",
            "https://github.com/login/oauth/authorize",
            "https://github.com/login/oauth/access_token",
            "",
            vec!["read:user"],
        ),
        "slack" => (
            "Slack",
            "Slack APIs",
            "",
            "https://slack.com/oauth/v2/authorize",
            "https://slack.com/api/oauth.v2.access",
            "https://slack.com/api/auth.revoke",
            vec!["chat:write"],
        ),
        "microsoft" => (
            "Microsoft",
            "Microsoft Graph",
            "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
            "https://login.microsoftonline.com/common/oauth2/v2.0/token",
            "",
            vec!["openid", "offline_access", "User.Read"],
        ),
        _ => return None,
    };
    let mut m = Map::new();
    for (key, kind) in FIELDS {
        m.insert((*key).to_string(), zero(*kind));
    }
    m.insert("name".into(), json!(name));
    m.insert("description".into(), json!(description));
    m.insert("discoveryUrl".into(), json!(discovery));
    m.insert("authorizationUrl".into(), json!(auth));
    m.insert("tokenUrl".into(), json!(token));
    m.insert("revocationUrl".into(), json!(revoke));
    m.insert("defaultScopes".into(), json!(scopes));
    m.insert("pkce".into(), json!(true));
    m.insert("accessType".into(), json!("offline"));
    m.insert("templateId".into(), json!(id));
    Some(m)
}

impl Store {
    pub fn outbound_index(&self, id: &str) -> ApiResult<usize> {
        self.outbound_apps
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| ApiError::not_found("Outbound application", id))
    }

    fn outbound_name_free(&self, name: &str, except: Option<&str>) -> ApiResult<()> {
        if self
            .outbound_apps
            .iter()
            .any(|a| a.name() == name && Some(a.id.as_str()) != except)
        {
            return Err(ApiError::duplicate("Outbound application", "name", name));
        }
        Ok(())
    }

    /// Stores a new app (ID generated unless given and free); answers its index.
    pub fn add_outbound_app(
        &mut self,
        id: Option<String>,
        fields: Map<String, Value>,
        client_secret: Option<String>,
    ) -> ApiResult<usize> {
        let name = fields["name"].as_str().unwrap_or_default().to_string();
        self.outbound_name_free(&name, None)?;
        if let Some(t) = fields.get("tenantId").and_then(Value::as_str) {
            super::tenants::tenant_index(self, t)?;
        }
        let id = match id {
            Some(id) if self.outbound_index(&id).is_ok() => {
                return Err(ApiError::duplicate("Outbound application", "id", &id))
            }
            Some(id) => id,
            None => self.new_id("OA2", 28, |s, id| s.outbound_index(id).is_ok()),
        };
        self.outbound_apps.push(OutboundApp {
            id,
            fields,
            client_secret: Secret(client_secret.unwrap_or_default()),
        });
        Ok(self.outbound_apps.len() - 1)
    }
}

fn wrap(store: &Store, idx: usize) -> Value {
    json!({ "app": store.outbound_apps[idx].render() })
}

/// The app keys at the top level (no wrapper) → `{app}`.
pub fn create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let input = AppInput::read(&mut o)?;
    if !input.has_name() {
        o.missing("name");
    }
    o.finish()?;
    let (id, secret) = (input.id.clone(), input.client_secret.clone());
    let idx = store.add_outbound_app(id, input.into_fields(), secret)?;
    Ok(wrap(store, idx))
}

/// `{templateId, id?, clientId?, clientSecret?, tenantId?, overrides?}`: the template's
/// fields, then the overrides (any field but `id` and `clientId`) → `{app}`.
pub fn create_by_template(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let template_id = o.req_str(&["templateId"])?;
    let id = o.str(&["id"])?.filter(|s| !s.is_empty());
    let client_id = o.str(&["clientId"])?.filter(|s| !s.is_empty());
    let secret = o.str(&["clientSecret"])?.filter(|s| !s.is_empty());
    let tenant_id = o.str(&["tenantId"])?.filter(|s| !s.is_empty());
    let overrides = match o.obj(&["overrides"])? {
        Some(mut ov) => {
            let input = AppInput::read(&mut ov)?;
            if input.id.is_some() || matches!(input.fields.get("clientId"), Some(Some(_))) {
                return Err(ApiError::invalid(
                    "\"overrides\" cannot set \"id\" or \"clientId\"",
                ));
            }
            if input.client_secret.is_some() {
                return Err(ApiError::invalid(
                    "\"overrides\" cannot set \"clientSecret\"; send it at the top level",
                ));
            }
            ov.finish()?;
            Some(input)
        }
        None => None,
    };
    o.finish()?;
    let mut fields = template(&template_id)
        .ok_or_else(|| ApiError::not_found("Outbound application template", &template_id))?;
    if let Some(ov) = overrides {
        for (k, v) in ov.fields {
            if let Some(v) = v {
                fields.insert(k, v);
            }
        }
    }
    if let Some(c) = client_id {
        fields.insert("clientId".into(), json!(c));
    }
    if let Some(t) = tenant_id {
        fields.insert("tenantId".into(), json!(t));
    }
    let idx = store.add_outbound_app(id, fields, secret)?;
    Ok(wrap(store, idx))
}

/// `{app: {...}}` (wrapped): every field overwritten; the client secret is kept unless
/// `clientSecret` is sent → `{app}`.
pub fn update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let Some(mut a) = o.obj(&["app"])? else {
        o.missing("app");
        o.finish()?;
        return Err(ApiError::invalid("\"app\" is required"));
    };
    o.finish()?;
    let input = AppInput::read(&mut a)?;
    if input.id.is_none() {
        a.missing("id");
    }
    if !input.has_name() {
        a.missing("name");
    }
    a.finish()?;
    let id = input.id.clone().unwrap_or_default();
    let idx = store.outbound_index(&id)?;
    let name = input
        .fields
        .get("name")
        .cloned()
        .flatten()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    store.outbound_name_free(&name, Some(&id))?;
    if let Some(Some(Value::String(t))) = input.fields.get("tenantId") {
        super::tenants::tenant_index(store, t)?;
    }
    let secret = input.client_secret.clone();
    let app = &mut store.outbound_apps[idx];
    app.fields = input.into_fields();
    if let Some(s) = secret {
        app.client_secret = Secret(s);
    }
    Ok(wrap(store, idx))
}

/// Also deletes the app's tokens.
pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let id = body_id(call)?;
    let idx = store.outbound_index(&id)?;
    store.outbound_apps.remove(idx);
    store.outbound_tokens.retain(|t| t.app_id != id);
    Ok(empty())
}

/// `GET /v1/mgmt/outbound/app/{id}` (path parameter).
pub fn load(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let id = path_param(call, "/v1/mgmt/outbound/app/")?;
    let idx = store.outbound_index(&id)?;
    Ok(wrap(store, idx))
}

pub fn load_all(store: &mut Store, call: &Call) -> ApiResult<Value> {
    call.query_obj()?.finish()?;
    let apps: Vec<Value> = store
        .outbound_apps
        .iter()
        .map(OutboundApp::render)
        .collect();
    Ok(json!({ "apps": apps }))
}

/// A user named by user ID or login ID, as its user ID.
fn user_id(store: &Store, id: &str) -> ApiResult<String> {
    store
        .find(id)
        .map(|i| store.users[i].user_id.clone())
        .ok_or_else(ApiError::user_not_found)
}

/// What one token upload says, before it is checked against the store.
struct Upload {
    app_id: String,
    user_id: String,
    tenant_id: String,
    access_token: String,
    refresh_token: String,
    id_token: String,
    access_token_type: String,
    access_token_expiry: i64,
    scopes: Vec<String>,
    granted_by: String,
    external_identifier: String,
    verify_refresh: bool,
    api_key: bool,
}

/// A token object as uploaded; `user` selects the user form (`userId` required) or the
/// tenant form (`tenantId` required); `single` accepts `verifyRefresh`.
fn read_upload(o: &mut Obj, user: bool, single: bool) -> ApiResult<Upload> {
    let app_id = o.req_str(&["appId"])?;
    let user_id = if user {
        o.req_str(&["userId"])?
    } else {
        String::new()
    };
    let tenant_id = if user {
        o.str(&["tenantId"])?.unwrap_or_default()
    } else {
        o.req_str(&["tenantId"])?
    };
    let up = Upload {
        app_id,
        user_id,
        tenant_id,
        refresh_token: o.str(&["refreshToken"])?.unwrap_or_default(),
        access_token: o.str(&["accessToken"])?.unwrap_or_default(),
        access_token_expiry: o.int(&["accessTokenExpiry"])?.unwrap_or(0),
        access_token_type: o.str(&["accessTokenType"])?.unwrap_or_default(),
        scopes: o.str_list(&["scopes"])?.unwrap_or_default(),
        external_identifier: o.str(&["externalIdentifier"])?.unwrap_or_default(),
        id_token: o.str(&["idToken"])?.unwrap_or_default(),
        granted_by: o.str(&["grantedBy"])?.unwrap_or_default(),
        verify_refresh: if single {
            o.bool(&["verifyRefresh"])?.unwrap_or(false)
        } else {
            false
        },
        api_key: false,
    };
    if up.access_token_expiry < 0 {
        return Err(ApiError::invalid(format!(
            "\"{}\" must not be negative",
            o.name("accessTokenExpiry")
        )));
    }
    Ok(up)
}

/// Checks an upload against the store: the app, the user (resolved to its user ID), the
/// tenant, and that there is a token at all.
fn check_upload(store: &Store, up: &mut Upload) -> ApiResult<()> {
    store.outbound_index(&up.app_id)?;
    if !up.user_id.is_empty() {
        up.user_id = user_id(store, &up.user_id)?;
    }
    if !up.tenant_id.is_empty() {
        super::tenants::tenant_index(store, &up.tenant_id)?;
    }
    if up.access_token.is_empty() && up.refresh_token.is_empty() {
        return Err(ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            MISSING_FIELD,
            "The refreshToken or accessToken field is required",
        ));
    }
    if up.verify_refresh && up.refresh_token.is_empty() {
        return Err(ApiError::invalid(
            "verifyRefresh needs a refreshToken to verify",
        ));
    }
    Ok(())
}

/// Stores a checked upload, replacing the token of the same app, user and tenant.
fn store_upload(store: &mut Store, up: Upload, now: i64) {
    let existing = store.outbound_tokens.iter().position(|t| {
        t.app_id == up.app_id && t.user_id == up.user_id && t.tenant_id == up.tenant_id
    });
    let id = match existing {
        Some(i) => store.outbound_tokens[i].id.clone(),
        None => store.new_id("OT2", 28, |s, id| {
            s.outbound_tokens.iter().any(|t| t.id == id)
        }),
    };
    let token = OutboundToken {
        id,
        app_id: up.app_id,
        user_id: up.user_id,
        tenant_id: up.tenant_id,
        access_token: Secret(up.access_token),
        access_token_type: if up.access_token_type.is_empty() {
            if up.api_key { "apiKey" } else { "Bearer" }.into()
        } else {
            up.access_token_type
        },
        access_token_expiry: up.access_token_expiry,
        refresh_token: Secret(up.refresh_token),
        id_token: Secret(up.id_token),
        scopes: up.scopes,
        granted_by: up.granted_by,
        external_identifier: up.external_identifier,
        last_refresh_time: now,
        api_key: up.api_key,
    };
    match existing {
        Some(i) => store.outbound_tokens[i] = token,
        None => store.outbound_tokens.push(token),
    }
}

fn upload(store: &mut Store, call: &Call, user: bool) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let mut up = read_upload(&mut o, user, true)?;
    o.finish()?;
    check_upload(store, &mut up)?;
    store_upload(store, up, call.now);
    Ok(empty())
}

pub fn upload_user_token(store: &mut Store, call: &Call) -> ApiResult<Value> {
    upload(store, call, true)
}

pub fn upload_tenant_token(store: &mut Store, call: &Call) -> ApiResult<Value> {
    upload(store, call, false)
}

/// `{appId, userId | tenantId, apiKey}`: an API key, answered as the token's `accessToken`.
fn upload_api_key(store: &mut Store, call: &Call, user: bool) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let app_id = o.req_str(&["appId"])?;
    let user_id = if user {
        o.req_str(&["userId"])?
    } else {
        String::new()
    };
    let tenant_id = if user {
        o.str(&["tenantId"])?.unwrap_or_default()
    } else {
        o.req_str(&["tenantId"])?
    };
    let api_key = o.req_str(&["apiKey"])?;
    o.finish()?;
    let mut up = Upload {
        app_id,
        user_id,
        tenant_id,
        access_token: api_key,
        refresh_token: String::new(),
        id_token: String::new(),
        access_token_type: String::new(),
        access_token_expiry: 0,
        scopes: Vec::new(),
        granted_by: String::new(),
        external_identifier: String::new(),
        verify_refresh: false,
        api_key: true,
    };
    check_upload(store, &mut up)?;
    store_upload(store, up, call.now);
    Ok(empty())
}

pub fn upload_user_api_key(store: &mut Store, call: &Call) -> ApiResult<Value> {
    upload_api_key(store, call, true)
}

pub fn upload_tenant_api_key(store: &mut Store, call: &Call) -> ApiResult<Value> {
    upload_api_key(store, call, false)
}

/// `{tokens}` → `{failures}`: all or nothing — when any token fails, none is stored.
fn batch_upload(store: &mut Store, call: &Call, user: bool) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let uploads = read_items(&mut o, "tokens", |t| read_upload(t, user, false))?;
    let uploads = match uploads {
        Some(u) if !u.is_empty() => u,
        _ => {
            o.missing("tokens");
            Vec::new()
        }
    };
    o.finish()?;
    let mut failures = Vec::new();
    let mut checked = Vec::new();
    for mut up in uploads {
        let (app, user_given, tenant) =
            (up.app_id.clone(), up.user_id.clone(), up.tenant_id.clone());
        match check_upload(store, &mut up) {
            Ok(()) => checked.push(up),
            Err(e) => {
                let mut f = json!({ "appId": app });
                if user {
                    f["userId"] = json!(user_given);
                }
                if !tenant.is_empty() {
                    f["tenantId"] = json!(tenant);
                }
                f["errorCode"] = json!(e.code);
                f["reason"] = json!(e.description);
                failures.push(f);
            }
        }
    }
    if failures.is_empty() {
        for up in checked {
            store_upload(store, up, call.now);
        }
    }
    Ok(json!({ "failures": failures }))
}

pub fn batch_upload_user_tokens(store: &mut Store, call: &Call) -> ApiResult<Value> {
    batch_upload(store, call, true)
}

pub fn batch_upload_tenant_tokens(store: &mut Store, call: &Call) -> ApiResult<Value> {
    batch_upload(store, call, false)
}

/// `options: {withRefreshToken?, forceRefresh?}`.
fn read_options(o: &mut Obj) -> ApiResult<(bool, bool)> {
    let Some(mut opt) = o.obj(&["options"])? else {
        return Ok((false, false));
    };
    let with_refresh = opt.bool(&["withRefreshToken"])?.unwrap_or(false);
    let force = opt.bool(&["forceRefresh"])?.unwrap_or(false);
    opt.finish()?;
    Ok((with_refresh, force))
}

/// The stored token of this app and user (or tenant), holding `scopes` when given; refreshed
/// when it has expired or `force` asks → `{token}`.
#[allow(clippy::too_many_arguments)]
fn fetch(
    store: &mut Store,
    call: &Call,
    app_id: &str,
    user: &str,
    tenant: &str,
    scopes: Option<&[String]>,
    with_refresh: bool,
    force: bool,
) -> ApiResult<Value> {
    store.outbound_index(app_id)?;
    let user_id = if user.is_empty() {
        String::new()
    } else {
        user_id(store, user)?
    };
    if !tenant.is_empty() {
        super::tenants::tenant_index(store, tenant)?;
    }
    let idx = store
        .outbound_tokens
        .iter()
        .position(|t| {
            t.app_id == app_id
                && t.user_id == user_id
                && t.tenant_id == tenant
                && scopes.is_none_or(|want| want.iter().all(|s| t.scopes.contains(s)))
        })
        .ok_or_else(|| {
            let whose = if user_id.is_empty() {
                format!("tenant \"{tenant}\"")
            } else {
                format!("user \"{user_id}\"")
            };
            let scoped = match scopes {
                Some(s) if !s.is_empty() => format!(" with the scopes {}", s.join(" ")),
                _ => String::new(),
            };
            ApiError::invalid("Outbound token not found").with_message(format!(
                "No token of application \"{app_id}\" for {whose}{scoped}"
            ))
        })?;
    let t = &mut store.outbound_tokens[idx];
    if force || (t.expired(call.now) && !t.refresh_token.is_empty()) {
        if t.refresh_token.is_empty() {
            return Err(ApiError::invalid(
                "The token has no refresh token to refresh with",
            ));
        }
        t.access_token = Secret(format!("emu-{}", random_token(32)));
        t.access_token_expiry = call.now + 3600;
        t.last_refresh_time = call.now;
    }
    Ok(json!({ "token": t.render(with_refresh) }))
}

/// `{appId, userId, scopes, options?, tenantId?}`.
pub fn fetch_user_token_by_scopes(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let app = o.req_str(&["appId"])?;
    let user = o.req_str(&["userId"])?;
    let scopes = o.str_list(&["scopes"])?;
    let scopes = o.require(scopes, "scopes");
    let (with_refresh, force) = read_options(&mut o)?;
    let tenant = o.str(&["tenantId"])?.unwrap_or_default();
    o.finish()?;
    fetch(
        store,
        call,
        &app,
        &user,
        &tenant,
        Some(&scopes),
        with_refresh,
        force,
    )
}

/// `{appId, userId, tenantId?, options?}` (node's `fetchToken`: the latest token).
pub fn fetch_user_token(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let app = o.req_str(&["appId"])?;
    let user = o.req_str(&["userId"])?;
    let tenant = o.str(&["tenantId"])?.unwrap_or_default();
    let (with_refresh, force) = read_options(&mut o)?;
    o.finish()?;
    fetch(store, call, &app, &user, &tenant, None, with_refresh, force)
}

/// `{appId, tenantId, scopes, options?}`.
pub fn fetch_tenant_token_by_scopes(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let app = o.req_str(&["appId"])?;
    let tenant = o.req_str(&["tenantId"])?;
    let scopes = o.str_list(&["scopes"])?;
    let scopes = o.require(scopes, "scopes");
    let (with_refresh, force) = read_options(&mut o)?;
    o.finish()?;
    fetch(
        store,
        call,
        &app,
        "",
        &tenant,
        Some(&scopes),
        with_refresh,
        force,
    )
}

/// `{appId, tenantId, options?}`.
pub fn fetch_tenant_token(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let app = o.req_str(&["appId"])?;
    let tenant = o.req_str(&["tenantId"])?;
    let (with_refresh, force) = read_options(&mut o)?;
    o.finish()?;
    fetch(store, call, &app, "", &tenant, None, with_refresh, force)
}

/// `DELETE /v1/mgmt/outbound/user/tokens?appId&userId`: the user tokens matching both given
/// values; at least one is needed. (node sends a missing one as the text `undefined`, which
/// then matches nothing.)
pub fn delete_user_tokens(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut q = call.query_obj()?;
    let app = q.str(&["appId"])?.filter(|s| !s.is_empty());
    let user = q.str(&["userId"])?.filter(|s| !s.is_empty());
    q.finish()?;
    if app.is_none() && user.is_none() {
        return Err(ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            MISSING_FIELD,
            "At least one of appId or userId is required",
        ));
    }
    let user = user.map(|u| {
        store
            .find(&u)
            .map(|i| store.users[i].user_id.clone())
            .unwrap_or(u)
    });
    store.outbound_tokens.retain(|t| {
        let selected = !t.user_id.is_empty()
            && app.as_ref().is_none_or(|a| t.app_id == *a)
            && user.as_ref().is_none_or(|u| t.user_id == *u);
        !selected
    });
    Ok(empty())
}

/// `DELETE /v1/mgmt/outbound/token?id=`.
pub fn delete_token(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let id = query_id(call)?;
    let idx = store
        .outbound_tokens
        .iter()
        .position(|t| t.id == id)
        .ok_or_else(|| ApiError::not_found("Outbound token", &id))?;
    store.outbound_tokens.remove(idx);
    Ok(empty())
}

/// `?userId[&tenantId]` → `{appIds}`: apps for which the user holds a usable token (of that
/// tenant when given).
pub fn list_apps_with_user_token(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut q = call.query_obj()?;
    let user = q.req_str(&["userId"])?;
    let tenant = q.str(&["tenantId"])?.filter(|s| !s.is_empty());
    q.finish()?;
    let user_id = store
        .find(&user)
        .map(|i| store.users[i].user_id.clone())
        .ok_or_else(ApiError::user_not_found)?;
    let mut ids: Vec<String> = Vec::new();
    for t in &store.outbound_tokens {
        let fits = t.user_id == user_id
            && tenant.as_ref().is_none_or(|x| t.tenant_id == *x)
            && t.valid(call.now);
        if fits && !ids.contains(&t.app_id) {
            ids.push(t.app_id.clone());
        }
    }
    Ok(json!({ "appIds": ids }))
}
