//! `management.audit` (reference §11) and the audit trail itself: every management call
//! that changes something (users included) and succeeds is recorded, next to the events of
//! `createEvent` and those seeded. Records hold who and where, never request bodies, so no
//! secret reaches them.

use serde_json::{json, Map, Value};

use super::tenants::tenant_index;
use super::{empty, Call};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::store::{AuditEvent, Store, Webhook, AUDIT_CAPACITY};

/// Calls that change nothing (besides GETs). `audit/event` records its own event.
const READ_ONLY: &[&str] = &[
    "/v2/mgmt/user/search",
    "/v2/mgmt/user/search/test",
    "/v1/mgmt/users/load",
    "/v1/mgmt/user/passkeys/list",
    "/v1/mgmt/user/trusteddevices/list",
    "/v1/mgmt/user/history",
    "/v1/mgmt/tenant/search",
    "/v1/mgmt/role/search",
    "/v1/mgmt/accesskey/search",
    "/v1/mgmt/group/all",
    "/v1/mgmt/group/member/all",
    "/v1/mgmt/group/members",
    "/v1/mgmt/audit/search",
    "/v1/mgmt/audit/event",
    // issue 15: checks, loads, searches and fetches sent as POSTs
    "/v1/mgmt/list/ip/check",
    "/v1/mgmt/list/text/check",
    "/v1/mgmt/descoper/list",
    "/v1/mgmt/jwt/templates/list",
    "/v1/mgmt/jwt/templates/load",
    "/v1/mgmt/jwt/templates/validate",
    "/v1/mgmt/jwt/templates/library/list",
    "/v1/mgmt/jwt/templates/library/load",
    "/v1/mgmt/scopeClaimMapping/get",
    "/v1/mgmt/thirdparty/consents/search",
    "/v1/mgmt/outbound/app/user/token",
    "/v1/mgmt/outbound/app/user/token/latest",
    "/v1/mgmt/outbound/app/tenant/token",
    "/v1/mgmt/outbound/app/tenant/token/latest",
    "/v1/mgmt/authz/schema/load",
    "/v1/mgmt/authz/re/has",
    "/v1/mgmt/authz/re/who",
    "/v1/mgmt/authz/re/resource",
    "/v1/mgmt/authz/re/targets",
    "/v1/mgmt/authz/re/targetall",
    "/v1/mgmt/authz/re/targetwithrelation",
    "/v1/mgmt/authz/getmodified",
    "/v1/mgmt/fga/check",
    "/v1/mgmt/fga/schema/dryrun",
    "/v1/mgmt/fga/resources/load",
    "/v1/mgmt/fga/mappable/resources",
    "/v1/mgmt/projects/list",
    "/v1/mgmt/project/snapshot/export",
    "/v1/mgmt/project/snapshot/validate",
    "/v1/mgmt/flow/list",
    "/v1/mgmt/flow/export",
    "/v1/mgmt/theme/export",
    "/v1/mgmt/analytics/search",
];

/// Page size when `size` is absent, and the most one page holds (Go: "default and max 1000").
const PAGE_MAX: usize = 1000;

pub fn is_recorded(method: &str, path: &str) -> bool {
    method != "GET" && !READ_ONLY.contains(&path)
}

/// `POST /v1/mgmt/user/update/role/set` → `mgmt.user.update.role.set`; a `DELETE` whose path
/// does not say so gets `.delete` (DELETE and POST share `/v1/mgmt/sso/settings`), a `PUT`
/// `.create` and a `PATCH` `.update` (`/v1/mgmt/descoper`, `/v1/mgmt/managementkey`).
pub fn action_name(method: &str, path: &str) -> String {
    let rest = path
        .strip_prefix("/v1/mgmt/")
        .or_else(|| path.strip_prefix("/v2/mgmt/"))
        .unwrap_or(path);
    let mut name = format!("mgmt.{}", rest.replace('/', "."));
    // One path serves several verbs for descopers and management keys (PUT create, PATCH
    // update, DELETE): the verb names the action when the path does not.
    match method {
        "DELETE" if !rest.contains("delete") => name.push_str(".delete"),
        "PUT" if !rest.contains("create") => name.push_str(".create"),
        "PATCH" if !rest.contains("patch") && !rest.contains("update") => name.push_str(".update"),
        _ => {}
    }
    name
}

/// What the request names before the handler runs (a deleted user is gone afterwards).
pub struct Before {
    user: Option<(String, Vec<String>)>,
    tenants: Vec<String>,
}

fn push(list: &mut Vec<String>, v: Option<&str>) {
    if let Some(v) = v.filter(|v| !v.is_empty()) {
        if !list.iter().any(|x| x == v) {
            list.push(v.to_string());
        }
    }
}

pub fn before(store: &Store, path: &str, call: &Call) -> Before {
    let body: Value = serde_json::from_slice(call.body).unwrap_or(Value::Null);
    let s = |k: &str| {
        body.get(k)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
    };
    let user = ["loginId", "identifier", "userId"]
        .iter()
        .find_map(|k| s(k))
        .and_then(|who| store.find(who))
        .map(|i| {
            let u = &store.users[i];
            (u.user_id.clone(), u.login_ids.clone())
        });
    let mut tenants = Vec::new();
    for k in ["tenantId", "selectedTenant"] {
        push(&mut tenants, s(k));
    }
    if path.starts_with("/v1/mgmt/tenant/") {
        push(&mut tenants, s("id"));
    }
    for list in ["userTenants", "keyTenants"] {
        for t in body
            .get(list)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            push(&mut tenants, t["tenantId"].as_str());
        }
    }
    for (k, v) in call.query {
        if k == "tenantId" {
            push(&mut tenants, Some(v));
        }
    }
    if let Some(i) = user.as_ref().and_then(|(id, _)| store.find_user_id(id)) {
        for t in &store.users[i].tenants {
            push(&mut tenants, Some(&t.tenant_id));
        }
    }
    Before { user, tenants }
}

fn append(store: &mut Store, mut e: AuditEvent) {
    e.id = store.new_audit_id();
    store.audit.push(e);
    if store.audit.len() > AUDIT_CAPACITY {
        let extra = store.audit.len() - AUDIT_CAPACITY;
        store.audit.drain(..extra);
    }
}

/// Records a successful change. The user comes from the request, else from the answer
/// (a create); the tenants from the request, the user and a created tenant's ID.
pub fn record(
    store: &mut Store,
    method: &str,
    path: &str,
    call: &Call,
    pre: Before,
    answer: &Value,
) {
    let mut tenants = pre.tenants;
    let user = pre.user.or_else(|| {
        let u = answer.get("user")?;
        let id = u.get("userId")?.as_str()?.to_string();
        let logins = u
            .get("loginIds")
            .and_then(Value::as_array)
            .map(|l| {
                l.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        for t in u
            .get("userTenants")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            push(&mut tenants, t["tenantId"].as_str());
        }
        Some((id, logins))
    });
    if path == "/v1/mgmt/tenant/create" {
        push(&mut tenants, answer["id"].as_str());
    }
    let (user_id, external_ids) = user.unwrap_or_default();
    let mut data = Map::new();
    data.insert("method".into(), json!(method));
    data.insert("path".into(), json!(path));
    append(
        store,
        AuditEvent {
            id: String::new(),
            user_id,
            action: action_name(method, path),
            kind: "info".into(),
            actor_id: super::access_keys::MANAGEMENT_ACTOR.into(),
            occurred: call.now_ms,
            device: String::new(),
            method: String::new(),
            geo: String::new(),
            remote_address: call.remote.to_string(),
            external_ids,
            tenants,
            data,
        },
    );
}

impl Store {
    /// The wire record: `occurred` is a string of milliseconds, login IDs are `externalIds`
    /// (node converts both, reference §11).
    pub fn render_audit(&self, e: &AuditEvent) -> Value {
        json!({
            "ID": e.id,
            "projectId": self.project_id,
            "userId": e.user_id,
            "action": e.action,
            "type": e.kind,
            "actorId": e.actor_id,
            "occurred": e.occurred.to_string(),
            "device": e.device,
            "method": e.method,
            "geo": e.geo,
            "remoteAddress": e.remote_address,
            "externalIds": e.external_ids,
            "tenants": e.tenants,
            "data": e.data,
        })
    }
}

fn list(o: &mut Obj, key: &str) -> ApiResult<Vec<String>> {
    Ok(o.str_list(&[key])?.unwrap_or_default())
}

fn count(o: &mut Obj, key: &str) -> ApiResult<Option<usize>> {
    match o.int(&[key])? {
        None => Ok(None),
        Some(n) if n < 0 => Err(ApiError::invalid(format!("\"{key}\" must not be negative"))),
        Some(n) => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
    }
}

/// Filters AND together, the values of one list OR; empty lists filter nothing. `from`
/// and `to` are inclusive epoch milliseconds. Newest first unless `oldestFirst`. Paging by
/// `size` (default and maximum 1000) and 0-based `page`; `total` counts every match.
/// node's `loginIds` travel as `externalIds`.
pub fn search(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let user_ids = list(&mut o, "userIds")?;
    let actions = list(&mut o, "actions")?;
    let excluded_actions = list(&mut o, "excludedActions")?;
    let devices = list(&mut o, "devices")?;
    let methods = list(&mut o, "methods")?;
    let geos = list(&mut o, "geos")?;
    let addresses = list(&mut o, "remoteAddresses")?;
    let external = list(&mut o, "externalIds")?;
    let excluded_external = list(&mut o, "excludedExternalIds")?;
    let actors = list(&mut o, "actorIds")?;
    let tenants = list(&mut o, "tenants")?;
    let no_tenants = o.bool(&["noTenants"])?.unwrap_or(false);
    let text = o.str(&["text"])?.unwrap_or_default().to_lowercase();
    let from = o.int(&["from"])?.unwrap_or(0);
    let to = o.int(&["to"])?.unwrap_or(0);
    let oldest_first = o.bool(&["oldestFirst"])?.unwrap_or(false);
    let size = count(&mut o, "size")?
        .filter(|s| *s > 0)
        .unwrap_or(PAGE_MAX)
        .min(PAGE_MAX);
    let page = count(&mut o, "page")?.unwrap_or(0);
    o.finish()?;
    let any = |want: &[String], have: &str| want.is_empty() || want.iter().any(|w| w == have);
    let overlap = |want: &[String], have: &[String]| want.iter().any(|w| have.contains(w));
    let text_hit = |e: &AuditEvent| {
        let mut fields = vec![e.action.as_str(), e.user_id.as_str(), e.actor_id.as_str()];
        fields.extend(e.external_ids.iter().map(String::as_str));
        fields.extend(e.tenants.iter().map(String::as_str));
        fields.iter().any(|f| f.to_lowercase().contains(&text))
            || Value::Object(e.data.clone())
                .to_string()
                .to_lowercase()
                .contains(&text)
    };
    let mut hits: Vec<&AuditEvent> = store
        .audit
        .iter()
        .filter(|e| {
            any(&user_ids, &e.user_id)
                && any(&actions, &e.action)
                && !excluded_actions.contains(&e.action)
                && any(&devices, &e.device)
                && any(&methods, &e.method)
                && any(&geos, &e.geo)
                && any(&addresses, &e.remote_address)
                && any(&actors, &e.actor_id)
                && (external.is_empty() || overlap(&external, &e.external_ids))
                && !overlap(&excluded_external, &e.external_ids)
                && (tenants.is_empty()
                    || overlap(&tenants, &e.tenants)
                    || (no_tenants && e.tenants.is_empty()))
                && (text.is_empty() || text_hit(e))
                && (from <= 0 || e.occurred >= from)
                && (to <= 0 || e.occurred <= to)
        })
        .collect();
    // Stable: equal times keep the order they were recorded in.
    hits.sort_by_key(|e| e.occurred);
    if !oldest_first {
        hits.reverse();
    }
    let total = hits.len();
    let audits: Vec<Value> = hits
        .into_iter()
        .skip(page.saturating_mul(size))
        .take(size)
        .map(|e| store.render_audit(e))
        .collect();
    Ok(json!({ "audits": audits, "total": total }))
}

/// `{userId?, action, type, actorId, tenantId, data?}`: a custom event, found by search.
/// Go's client-side rules are the emulator's: action, actorId and an existing tenantId are
/// required, `type` is `info`, `warn` or `error`.
pub fn create_event(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let user_id = o.str(&["userId"])?.unwrap_or_default();
    let action = o.req_str(&["action"])?;
    let kind = o.req_str(&["type"])?;
    let actor = o.req_str(&["actorId"])?;
    let tenant = o.req_str(&["tenantId"])?;
    let data = o.map(&["data"])?.unwrap_or_default();
    o.finish()?;
    super::tenants::one_of(&kind, "type", &["info", "warn", "error"])?;
    tenant_index(store, &tenant)?;
    let external_ids = store
        .find_user_id(&user_id)
        .map(|i| store.users[i].login_ids.clone())
        .unwrap_or_default();
    append(
        store,
        AuditEvent {
            id: String::new(),
            user_id,
            action,
            kind,
            actor_id: actor,
            occurred: call.now_ms,
            device: String::new(),
            method: String::new(),
            geo: String::new(),
            remote_address: call.remote.to_string(),
            external_ids,
            tenants: vec![tenant],
            data,
        },
    );
    Ok(empty())
}

/// One filter: `filterType` (Go, OpenAPI) or node's `key`, `operator`, `values`.
fn read_filter(item: Value, path: &str) -> ApiResult<Value> {
    let mut f = Obj::from_value(item, path)?;
    let kind = f.str(&["filterType", "key"])?.unwrap_or_default();
    let operator = f.str(&["operator"])?.unwrap_or_default();
    let values = f.str_list(&["values"])?.unwrap_or_default();
    f.finish()?;
    super::tenants::one_of(
        &kind,
        &format!("{path}.filterType"),
        &["all", "actions", "tenants"],
    )?;
    if !operator.is_empty() {
        super::tenants::one_of(
            &operator,
            &format!("{path}.operator"),
            &["includes", "excludes"],
        )?;
    }
    Ok(json!({ "filterType": kind, "operator": operator, "values": values }))
}

/// `POST /v2/mgmt/connector/audit/web/set`: stores (or replaces, by name) the webhook.
/// Nothing is delivered; credentials are checked for shape and not kept.
pub fn set_webhook(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let name = o.req_str(&["name"])?;
    let description = o.str(&["description"])?.unwrap_or_default();
    let url = o.str(&["url"])?.unwrap_or_default();
    let mut authentication = Vec::new();
    if let Some(mut a) = o.obj(&["authentication"])? {
        if a.str(&["bearerToken"])?.is_some() {
            authentication.push("bearerToken".to_string());
        }
        if let Some(mut b) = a.obj(&["basic"])? {
            b.str(&["username"])?;
            b.str(&["password"])?;
            b.finish()?;
            authentication.push("basic".into());
        }
        if let Some(mut k) = a.obj(&["apiKey"])? {
            k.str(&["key"])?;
            k.str(&["token"])?;
            k.finish()?;
            authentication.push("apiKey".into());
        }
        a.finish()?;
    }
    let hmac_secret_set = o.str(&["hmacSecret"])?.is_some_and(|s| !s.is_empty());
    let headers = o.str_map(&["headers"])?.unwrap_or_default();
    let insecure = o.bool(&["insecure"])?.unwrap_or(false);
    // An array (Go) or a single object (the OpenAPI): both are read.
    let filters = match o.raw("filters") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, f)| read_filter(f, &format!("filters[{i}]")))
            .collect::<ApiResult<Vec<_>>>()?,
        Some(single @ Value::Object(_)) => vec![read_filter(single, "filters")?],
        Some(_) => return Err(ApiError::invalid("\"filters\" must be an array")),
    };
    o.finish()?;
    store.webhooks.retain(|w| w.name != name);
    store.webhooks.push(Webhook {
        name,
        description,
        url,
        authentication,
        hmac_secret_set,
        headers,
        insecure,
        filters,
    });
    Ok(empty())
}

impl Store {
    /// `GET /emulator/audit`: header names only (their values may be credentials).
    pub fn admin_webhook(&self, w: &Webhook) -> Value {
        let headers: Vec<&String> = w.headers.keys().collect();
        json!({
            "name": w.name,
            "description": w.description,
            "url": w.url,
            "authentication": w.authentication,
            "hmacSecret": w.hmac_secret_set,
            "headers": headers,
            "insecure": w.insecure,
            "filters": w.filters,
        })
    }
}
