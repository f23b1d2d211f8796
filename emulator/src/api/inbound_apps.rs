//! `management.inboundApplication` (reference §17; paths say `thirdparty`): OAuth clients of
//! other parties. Create answers `{id, clientId, cleartext}`; the client secret is revealed
//! again by `getApplicationSecret` and replaced by `rotate` (the old one stops working).
//! `update` overwrites, `patch` changes only what it is given; names are unique. Consents
//! cannot be made through the API (users grant them in flows): they are seeded
//! (`inboundConsents`), searched and deleted; deleting an app deletes its consents.

use serde_json::{json, Map, Value};

use super::common::{body_id, check_len, query_id, read_items, req_list};
use super::{empty, Call};
use crate::body::Obj;
use crate::crypto::{random_token, same};
use crate::error::{ApiError, ApiResult};
use crate::store::{Secret, Store};

#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    pub name: String,
    pub description: String,
    pub values: Vec<String>,
    pub optional: bool,
}

impl Scope {
    fn render(&self) -> Value {
        json!({
            "name": self.name,
            "description": self.description,
            "values": self.values,
            "optional": self.optional,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Str,
    Bool,
    Strings,
    Object,
    Array,
}

/// Keys of the OpenAPI/Go application that node does not type: accepted, stored as sent, and
/// answered once set.
const EXTRAS: &[(&str, Kind)] = &[
    ("audienceWhitelist", Kind::Strings),
    ("connectionsScopes", Kind::Array),
    ("consentFlowId", Kind::Str),
    ("forceAddAllAuthorizationInfo", Kind::Bool),
    ("jwtBearerSettings", Kind::Object),
    ("logoUrl", Kind::Str),
    ("nonConfidentialClient", Kind::Bool),
    ("sessionSettings", Kind::Object),
    ("scopeClaimMapping", Kind::Array),
    ("customAttributes", Kind::Object),
    ("forcePkce", Kind::Bool),
    ("defaultAudience", Kind::Str),
];

#[derive(Debug, Clone, PartialEq)]
pub struct InboundApp {
    pub id: String,
    pub client_id: String,
    pub name: String,
    pub description: String,
    pub logo: String,
    pub login_page_url: String,
    pub approved_callback_urls: Vec<String>,
    pub permissions_scopes: Vec<Scope>,
    pub attributes_scopes: Vec<Scope>,
    pub extras: Map<String, Value>,
    /// The client secret: revealed by `getApplicationSecret`, so kept in clear.
    pub secret: Secret,
}

impl InboundApp {
    /// The app as loaded (flat, reference §1.3); never the secret.
    pub fn render(&self) -> Value {
        let scopes = |l: &[Scope]| l.iter().map(Scope::render).collect::<Vec<_>>();
        let mut v = json!({
            "id": self.id,
            "clientId": self.client_id,
            "name": self.name,
            "description": self.description,
            "logo": self.logo,
            "loginPageUrl": self.login_page_url,
            "approvedCallbackUrls": self.approved_callback_urls,
            "permissionsScopes": scopes(&self.permissions_scopes),
            "attributesScopes": scopes(&self.attributes_scopes),
        });
        if let Value::Object(m) = &mut v {
            for (k, x) in &self.extras {
                m.insert(k.clone(), x.clone());
            }
        }
        v
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Consent {
    pub id: String,
    pub app_id: String,
    /// `""` for a tenant-level consent.
    pub user_id: String,
    pub scopes: Vec<String>,
    pub granted_by: String,
    pub created_time: i64,
    pub tenant_id: String,
}

impl Consent {
    pub fn render(&self) -> Value {
        json!({
            "id": self.id,
            "appId": self.app_id,
            "userId": self.user_id,
            "scopes": self.scopes,
            "grantedBy": self.granted_by,
            "createdTime": self.created_time,
            "tenantId": self.tenant_id,
        })
    }

    fn tenant_level(&self) -> bool {
        self.user_id.is_empty() && !self.tenant_id.is_empty()
    }
}

fn read_scope(s: &mut Obj) -> ApiResult<Scope> {
    Ok(Scope {
        name: s.req_str(&["name"])?,
        description: s.str(&["description"])?.unwrap_or_default(),
        values: s.str_list(&["values"])?.unwrap_or_default(),
        optional: s.bool(&["optional"])?.unwrap_or(false),
    })
}

fn read_scopes(o: &mut Obj, key: &str) -> ApiResult<Option<Vec<Scope>>> {
    let Some(list) = read_items(o, key, read_scope)? else {
        return Ok(None);
    };
    for (i, s) in list.iter().enumerate() {
        if list[..i].iter().any(|x| x.name == s.name) {
            return Err(ApiError::invalid(format!(
                "\"{}\" names the scope \"{}\" twice",
                o.name(key),
                s.name
            )));
        }
    }
    Ok(Some(list))
}

fn check_url(url: &str, key: &str) -> ApiResult<()> {
    if url.is_empty() || url.starts_with("https://") || url.starts_with("http://") {
        return Ok(());
    }
    Err(ApiError::invalid(format!(
        "\"{key}\" must be an http(s) URL, not \"{url}\""
    )))
}

/// The body of create, update and patch; `None` = absent.
#[derive(Default)]
pub struct AppInput {
    pub id: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub logo: Option<String>,
    pub login_page_url: Option<String>,
    pub approved_callback_urls: Option<Vec<String>>,
    pub permissions_scopes: Option<Vec<Scope>>,
    pub attributes_scopes: Option<Vec<Scope>>,
    pub extras: Map<String, Value>,
}

impl AppInput {
    pub fn read(o: &mut Obj) -> ApiResult<AppInput> {
        let mut input = AppInput {
            id: o.str(&["id"])?.filter(|s| !s.is_empty()),
            name: o.str(&["name"])?,
            description: o.str(&["description"])?,
            logo: o.str(&["logo"])?,
            login_page_url: o.str(&["loginPageUrl"])?,
            approved_callback_urls: o.str_list(&["approvedCallbackUrls"])?,
            permissions_scopes: read_scopes(o, "permissionsScopes")?,
            attributes_scopes: read_scopes(o, "attributesScopes")?,
            extras: Map::new(),
        };
        for (key, kind) in EXTRAS {
            let v = match kind {
                Kind::Str => o.str(&[key])?.map(Value::from),
                Kind::Bool => o.bool(&[key])?.map(Value::from),
                Kind::Strings => o.str_list(&[key])?.map(Value::from),
                Kind::Object => o.map(&[key])?.map(Value::Object),
                Kind::Array => o.list(&[key])?.map(Value::Array),
            };
            if let Some(v) = v {
                input.extras.insert((*key).to_string(), v);
            }
        }
        if let Some(url) = &input.login_page_url {
            check_url(url, &o.name("loginPageUrl"))?;
        }
        for url in input.approved_callback_urls.iter().flatten() {
            if url.is_empty() {
                return Err(ApiError::invalid(format!(
                    "\"{}\" must not hold empty strings",
                    o.name("approvedCallbackUrls")
                )));
            }
            check_url(url, &o.name("approvedCallbackUrls"))?;
        }
        if let Some(n) = &input.name {
            check_len(n, &o.name("name"), 100)?;
        }
        Ok(input)
    }

    /// Writes the fields: with `overwrite` absent ones are cleared (update), else kept (patch).
    fn apply(self, app: &mut InboundApp, overwrite: bool) {
        fn set<T: Default>(slot: &mut T, v: Option<T>, overwrite: bool) {
            match v {
                Some(v) => *slot = v,
                None if overwrite => *slot = T::default(),
                None => {}
            }
        }
        set(&mut app.name, self.name, overwrite);
        set(&mut app.description, self.description, overwrite);
        set(&mut app.logo, self.logo, overwrite);
        set(&mut app.login_page_url, self.login_page_url, overwrite);
        set(
            &mut app.approved_callback_urls,
            self.approved_callback_urls,
            overwrite,
        );
        set(
            &mut app.permissions_scopes,
            self.permissions_scopes,
            overwrite,
        );
        set(
            &mut app.attributes_scopes,
            self.attributes_scopes,
            overwrite,
        );
        if overwrite {
            app.extras = self.extras;
        } else {
            app.extras.extend(self.extras);
        }
    }
}

impl Store {
    pub fn inbound_index(&self, id: &str) -> ApiResult<usize> {
        self.inbound_apps
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| ApiError::not_found("Inbound application", id))
    }

    fn inbound_name_free(&self, name: &str, except: Option<&str>) -> ApiResult<()> {
        if self
            .inbound_apps
            .iter()
            .any(|a| a.name == name && Some(a.id.as_str()) != except)
        {
            return Err(ApiError::duplicate("Inbound application", "name", name));
        }
        Ok(())
    }

    /// Stores a new app (ID and client ID generated unless given); answers its index.
    pub fn add_inbound_app(
        &mut self,
        input: AppInput,
        client_id: Option<String>,
        secret: Option<String>,
    ) -> ApiResult<usize> {
        let name = input.name.clone().unwrap_or_default();
        self.inbound_name_free(&name, None)?;
        let id = match input.id.clone() {
            Some(id) if self.inbound_index(&id).is_ok() => {
                return Err(ApiError::duplicate("Inbound application", "id", &id))
            }
            Some(id) => id,
            None => self.new_id("TPA2", 28, |s, id| s.inbound_index(id).is_ok()),
        };
        let client_id = match client_id.filter(|c| !c.is_empty()) {
            Some(c) => c,
            None => self.new_id("TPA2", 32, |s, c| {
                s.inbound_apps.iter().any(|a| a.client_id == c)
            }),
        };
        let mut app = InboundApp {
            id,
            client_id,
            name: String::new(),
            description: String::new(),
            logo: String::new(),
            login_page_url: String::new(),
            approved_callback_urls: Vec::new(),
            permissions_scopes: Vec::new(),
            attributes_scopes: Vec::new(),
            extras: Map::new(),
            secret: Secret(secret.unwrap_or_else(|| random_token(40))),
        };
        input.apply(&mut app, true);
        self.inbound_apps.push(app);
        Ok(self.inbound_apps.len() - 1)
    }

    /// Which app this client secret is the current secret of (admin verification).
    pub fn inbound_app_by_secret(&self, secret: &str) -> Option<&InboundApp> {
        self.inbound_apps
            .iter()
            .find(|a| !secret.is_empty() && same(a.secret.expose().as_bytes(), secret.as_bytes()))
    }
}

/// `options` → `{id, clientId, cleartext}`.
pub fn create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let input = AppInput::read(&mut o)?;
    if input.name.as_deref().unwrap_or_default().is_empty() {
        o.missing("name");
    }
    o.finish()?;
    let idx = store.add_inbound_app(input, None, None)?;
    let app = &store.inbound_apps[idx];
    Ok(json!({
        "id": app.id,
        "clientId": app.client_id,
        "cleartext": app.secret.expose(),
    }))
}

/// Full overwrite (absent = cleared); `id` and `name` required.
pub fn update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    write(store, call, true)
}

/// Only the keys sent change; `id` required.
pub fn patch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    write(store, call, false)
}

fn write(store: &mut Store, call: &Call, overwrite: bool) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let input = AppInput::read(&mut o)?;
    if input.id.is_none() {
        o.missing("id");
    }
    let name_missing = input.name.as_deref().is_none_or(str::is_empty);
    if name_missing && (overwrite || input.name.is_some()) {
        o.missing("name");
    }
    o.finish()?;
    let id = input.id.clone().unwrap_or_default();
    let idx = store.inbound_index(&id)?;
    if let Some(name) = &input.name {
        store.inbound_name_free(name, Some(&id))?;
    }
    input.apply(&mut store.inbound_apps[idx], overwrite);
    Ok(empty())
}

/// Also deletes the app's consents.
pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let id = body_id(call)?;
    let idx = store.inbound_index(&id)?;
    store.inbound_apps.remove(idx);
    store.consents.retain(|c| c.app_id != id);
    Ok(empty())
}

/// `{ids}`: every ID must exist (all or nothing).
pub fn delete_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let ids = req_list(&mut o, "ids")?;
    o.finish()?;
    for id in &ids {
        store.inbound_index(id)?;
    }
    store.inbound_apps.retain(|a| !ids.contains(&a.id));
    store.consents.retain(|c| !ids.contains(&c.app_id));
    Ok(empty())
}

/// `GET /v1/mgmt/thirdparty/app/load?id=`: the app itself, not wrapped (reference §1.3).
pub fn load(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.inbound_index(&query_id(call)?)?;
    Ok(store.inbound_apps[idx].render())
}

pub fn load_all(store: &mut Store, call: &Call) -> ApiResult<Value> {
    call.query_obj()?.finish()?;
    let apps: Vec<Value> = store.inbound_apps.iter().map(InboundApp::render).collect();
    Ok(json!({ "apps": apps }))
}

/// `{cleartext}`: the client secret.
pub fn get_secret(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.inbound_index(&query_id(call)?)?;
    Ok(json!({ "cleartext": store.inbound_apps[idx].secret.expose() }))
}

/// `{id}` → `{cleartext}`: a new secret; the old one is gone.
pub fn rotate_secret(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let idx = store.inbound_index(&body_id(call)?)?;
    let secret = random_token(40);
    store.inbound_apps[idx].secret = Secret(secret.clone());
    Ok(json!({ "cleartext": secret }))
}

/// `{appId?, userId?, consentId?, tenantId?, page?, limit?}` → `{consents, total}`; filters
/// AND together, `page` is 0-based, `limit` defaults to 100; `total` counts every match.
pub fn search_consents(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let app_id = o.str(&["appId"])?.filter(|s| !s.is_empty());
    let user_id = o.str(&["userId"])?.filter(|s| !s.is_empty());
    let consent_id = o.str(&["consentId"])?.filter(|s| !s.is_empty());
    let tenant_id = o.str(&["tenantId"])?.filter(|s| !s.is_empty());
    let page = o.int(&["page"])?.unwrap_or(0);
    let limit = o.int(&["limit"])?.unwrap_or(0);
    o.finish()?;
    if page < 0 || limit < 0 {
        return Err(ApiError::invalid(
            "\"page\" and \"limit\" must not be negative",
        ));
    }
    let limit = if limit == 0 { 100 } else { limit as usize };
    let matches: Vec<&Consent> = store
        .consents
        .iter()
        .filter(|c| app_id.as_ref().is_none_or(|a| c.app_id == *a))
        .filter(|c| user_id.as_ref().is_none_or(|u| c.user_id == *u))
        .filter(|c| consent_id.as_ref().is_none_or(|i| c.id == *i))
        .filter(|c| tenant_id.as_ref().is_none_or(|t| c.tenant_id == *t))
        .collect();
    let total = matches.len();
    let page: Vec<Value> = matches
        .into_iter()
        .skip(page as usize * limit)
        .take(limit)
        .map(Consent::render)
        .collect();
    Ok(json!({ "consents": page, "total": total }))
}

/// Deletes the consents matching every filter given; at least one is needed. `tenant`
/// selects tenant-level consents (`consents/delete/tenant`), else user-level ones: the one
/// kind never touches the other.
fn delete_consents_where(store: &mut Store, call: &Call, tenant: bool) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let ids = o.str_list(&["consentIds"])?.unwrap_or_default();
    let app_id = o.str(&["appId"])?.filter(|s| !s.is_empty());
    let (users, tenant_id) = if tenant {
        (Vec::new(), o.str(&["tenantId"])?.filter(|s| !s.is_empty()))
    } else {
        (o.str_list(&["userIds"])?.unwrap_or_default(), None)
    };
    o.finish()?;
    if ids.is_empty() && app_id.is_none() && users.is_empty() && tenant_id.is_none() {
        let which = if tenant {
            "consentIds, appId or tenantId"
        } else {
            "consentIds, appId or userIds"
        };
        return Err(ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            crate::error::MISSING_FIELD,
            format!("At least one of {which} is required"),
        ));
    }
    store.consents.retain(|c| {
        let selected = c.tenant_level() == tenant
            && (ids.is_empty() || ids.contains(&c.id))
            && app_id.as_ref().is_none_or(|a| c.app_id == *a)
            && (users.is_empty() || users.contains(&c.user_id))
            && tenant_id.as_ref().is_none_or(|t| c.tenant_id == *t);
        !selected
    });
    Ok(empty())
}

pub fn delete_consents(store: &mut Store, call: &Call) -> ApiResult<Value> {
    delete_consents_where(store, call, false)
}

pub fn delete_tenant_consents(store: &mut Store, call: &Call) -> ApiResult<Value> {
    delete_consents_where(store, call, true)
}
