//! `management.sso` (reference §7): per-tenant SSO configurations, Descope as the service
//! provider.

use serde_json::{json, Map, Value};

use super::tenants::tenant_index;
use super::Call;
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::input::dedup;
use crate::store::{GroupMapping, SsoConfig, Store, Tenant, UserTenant};

/// SSO domains route users to one tenant, so another tenant may not hold them (inferred,
/// reference §7.4).
pub fn check_domains_free(store: &Store, tenant_id: &str, domains: &[String]) -> ApiResult<()> {
    for d in domains {
        if let Some(other) = store
            .tenants
            .iter()
            .find(|t| t.id != tenant_id && t.domains().contains(d))
        {
            return Err(
                ApiError::invalid("SSO domain is already in use").with_message(format!(
                    "SSO domain \"{d}\" is already used by tenant \"{}\"",
                    other.id
                )),
            );
        }
    }
    Ok(())
}

/// Attribute-mapping keys (reference §7.2); OIDC adds `loginId`.
pub const ATTRIBUTE_KEYS: &[&str] = &[
    "name",
    "email",
    "username",
    "phoneNumber",
    "group",
    "givenName",
    "middleName",
    "familyName",
    "picture",
    "verifiedEmail",
    "verifiedPhone",
];

/// SAML response keys that hold strings (reference §7.2), in answer order.
const SAML_STRINGS: &[&str] = &[
    "idpEntityId",
    "idpSSOUrl",
    "idpCertificate",
    "idpMetadataUrl",
    "spEntityId",
    "spACSUrl",
    "spCertificate",
];

/// OIDC response keys that hold strings.
const OIDC_STRINGS: &[&str] = &[
    "name",
    "clientId",
    "redirectUrl",
    "authUrl",
    "tokenUrl",
    "userDataUrl",
    "JWKsUrl",
    "callbackDomain",
    "grantType",
    "issuer",
];

fn mapping_with_zeros(stored: Option<&Value>, oidc: bool) -> Value {
    let mut out = Map::new();
    if oidc {
        out.insert("loginId".into(), json!(""));
    }
    for k in ATTRIBUTE_KEYS {
        out.insert((*k).into(), json!(""));
    }
    out.insert("customAttributes".into(), json!({}));
    if let Some(Value::Object(m)) = stored {
        for (k, v) in m {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}

impl Store {
    fn render_groups(&self, groups: &[GroupMapping]) -> Value {
        let items: Vec<Value> = groups
            .iter()
            .map(|g| {
                json!({
                    "role": {"id": g.role_id, "name": self.role_name(&g.role_id)},
                    "groups": g.groups,
                })
            })
            .collect();
        Value::Array(items)
    }

    /// The wire shape (node renames and flattens it client-side, reference §7.3).
    pub fn render_saml(&self, c: &SsoConfig) -> Value {
        let mut s = c.saml.clone();
        if !s.is_empty() {
            sp_defaults(&mut s, &self.project_id);
        }
        let mut out = Map::new();
        for k in SAML_STRINGS {
            out.insert((*k).into(), s.get(*k).cloned().unwrap_or(json!("")));
        }
        out.insert(
            "attributeMapping".into(),
            mapping_with_zeros(s.get("attributeMapping"), false),
        );
        out.insert("groupsMapping".into(), self.render_groups(&c.saml_groups));
        out.insert(
            "defaultSSORoles".into(),
            json!(self.role_names(&c.saml_default_roles)),
        );
        out.insert(
            "redirectUrl".into(),
            s.get("redirectUrl").cloned().unwrap_or(json!("")),
        );
        out.insert(
            "groupsPriority".into(),
            s.get("groupsPriority").cloned().unwrap_or(json!([])),
        );
        out.insert("providerID".into(), json!(""));
        out.insert("scimProviderID".into(), json!(""));
        out.insert(
            "lastSuccessTestTime".into(),
            s.get("lastSuccessTestTime").cloned().unwrap_or(json!(0)),
        );
        Value::Object(out)
    }

    /// OIDC settings as answered: `userAttrMapping` (node renames it), `clientSecret` empty.
    pub fn render_oidc(&self, c: &SsoConfig) -> Value {
        let s = &c.oidc;
        let mut out = Map::new();
        for k in OIDC_STRINGS {
            out.insert((*k).into(), s.get(*k).cloned().unwrap_or(json!("")));
        }
        out.insert("clientSecret".into(), json!(""));
        for k in ["scope", "prompt", "groupsPriority"] {
            out.insert(k.into(), s.get(k).cloned().unwrap_or(json!([])));
        }
        out.insert(
            "manageProviderTokens".into(),
            s.get("manageProviderTokens")
                .cloned()
                .unwrap_or(json!(false)),
        );
        out.insert(
            "userAttrMapping".into(),
            mapping_with_zeros(s.get("userAttrMapping"), true),
        );
        out.insert("groupsMapping".into(), self.render_groups(&c.oidc_groups));
        out.insert(
            "defaultSSORoles".into(),
            json!(self.role_names(&c.oidc_default_roles)),
        );
        out.insert("providerID".into(), json!(""));
        out.insert("scimProviderID".into(), json!(""));
        out.insert("lastSuccessTestTime".into(), json!(0));
        Value::Object(out)
    }

    /// `{tenant, saml, oidc, ssoId}` — both protocol blocks always present (zero values when
    /// unconfigured), since node's transform reads them.
    pub fn render_sso_envelope(&self, t: &Tenant, c: &SsoConfig) -> Value {
        json!({
            "tenant": self.render_tenant(t),
            "saml": self.render_saml(c),
            "oidc": self.render_oidc(c),
            "ssoId": c.sso_id,
        })
    }
}

// ---------------------------------------------------------------- requests

const PROMPTS: &[&str] = &["none", "login", "consent", "select_account"];
const GRANT_TYPES: &[&str] = &["", "authorization_code", "implicit"];

/// The tenant and the configuration an `ssoId` names (absent = the default one).
fn locate(store: &Store, tenant_id: &str, sso_id: &str) -> ApiResult<(usize, usize)> {
    let t = tenant_index(store, tenant_id)?;
    let c = store.tenants[t]
        .sso_index(sso_id)
        .ok_or_else(|| ApiError::not_found("SSO configuration", sso_id))?;
    Ok((t, c))
}

/// `attributeMapping` / `userAttrMapping`, strictly; values are IdP attribute names.
fn read_mapping(o: &mut Obj, key: &str, oidc: bool) -> ApiResult<Option<Value>> {
    let Some(mut m) = o.obj(&[key])? else {
        return Ok(None);
    };
    let mut out = Map::new();
    let keys = ATTRIBUTE_KEYS
        .iter()
        .copied()
        .chain(oidc.then_some("loginId"));
    for k in keys {
        if let Some(v) = m.str(&[k])? {
            out.insert(k.into(), v.into());
        }
    }
    if let Some(c) = m.str_map(&["customAttributes"])? {
        out.insert("customAttributes".into(), Value::Object(c));
    }
    m.finish()?;
    Ok(Some(Value::Object(out)))
}

/// `roleMappings: [{groups, roleName}]` → role IDs (tenant roles or project roles).
fn read_role_mappings(o: &mut Obj, store: &Store, tenant: &str) -> ApiResult<Vec<GroupMapping>> {
    let items = o.list(&["roleMappings"])?.unwrap_or_default();
    let base = o.name("roleMappings");
    let mut out: Vec<GroupMapping> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let mut m = Obj::from_value(item, &format!("{base}[{i}]"))?;
        let groups = m.str_list(&["groups"])?.unwrap_or_default();
        let role = m.req_str(&["roleName"])?;
        m.finish()?;
        let id = super::roles::scoped_role_ids(store, tenant, std::slice::from_ref(&role))?;
        for role_id in id {
            match out.iter_mut().find(|g| g.role_id == role_id) {
                Some(g) => g.groups = dedup([g.groups.clone(), groups.clone()].concat()),
                None => out.push(GroupMapping {
                    role_id,
                    groups: groups.clone(),
                }),
            }
        }
    }
    Ok(out)
}

fn read_default_roles(o: &mut Obj, store: &Store, tenant: &str) -> ApiResult<Vec<String>> {
    let names = o.str_list(&["defaultSSORoles"])?.unwrap_or_default();
    super::roles::scoped_role_ids(store, tenant, &names)
}

/// Where the service provider side lives (emulator choice, from the project ID), unless the
/// configuration names it; filled in when rendering a configured SAML block.
fn sp_defaults(saml: &mut Map<String, Value>, project: &str) {
    let defaults = [
        ("spEntityId", format!("http://localhost/{project}")),
        ("spACSUrl", "http://localhost/v1/auth/saml/acs".to_string()),
        (
            "spCertificate",
            format!("emulator-sp-certificate-{project}"),
        ),
    ];
    for (k, v) in defaults {
        let empty = saml.get(k).and_then(Value::as_str).unwrap_or("").is_empty();
        if empty {
            saml.insert(k.into(), v.into());
        }
    }
}

/// Envelope of `configureSAMLSettings`, `…ByMetadata` and `configureOIDCSettings`.
struct Envelope {
    tenant: String,
    sso_id: String,
    domains: Vec<String>,
    redirect_url: String,
}

impl Envelope {
    fn read(o: &mut Obj, with_redirect: bool) -> ApiResult<Envelope> {
        Ok(Envelope {
            tenant: o.req_str(&["tenantId"])?,
            sso_id: o.str(&["ssoId"])?.unwrap_or_default(),
            domains: dedup(o.str_list(&["domains"])?.unwrap_or_default()),
            redirect_url: if with_redirect {
                o.str(&["redirectUrl"])?.unwrap_or_default()
            } else {
                String::new()
            },
        })
    }
}

/// SAML by values or by metadata. `redirectUrl` and `domains` override what was set, even
/// when empty (reference §7.4).
fn configure_saml_common(store: &mut Store, call: &Call, metadata: bool) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let env = Envelope::read(&mut o, true)?;
    let settings = o.obj(&["settings"])?;
    let Some(mut s) = settings else {
        o.missing("settings");
        o.finish()?;
        return Err(ApiError::invalid("\"settings\" is required"));
    };
    let mut saml = Map::new();
    if metadata {
        saml.insert(
            "idpMetadataUrl".into(),
            s.req_str(&["idpMetadataUrl"])?.into(),
        );
        saml.insert(
            "idpEntityId".into(),
            s.str(&["entityId"])?.unwrap_or_default().into(),
        );
    } else {
        saml.insert("idpSSOUrl".into(), s.req_str(&["idpUrl"])?.into());
        saml.insert("idpCertificate".into(), s.req_str(&["idpCert"])?.into());
        saml.insert("idpEntityId".into(), s.req_str(&["entityId"])?.into());
    }
    let groups = read_role_mappings(&mut s, store, &env.tenant);
    let mapping = read_mapping(&mut s, "attributeMapping", false)?;
    let defaults = read_default_roles(&mut s, store, &env.tenant);
    for k in ["spACSUrl", "spEntityId"] {
        if let Some(v) = s.str(&[k])? {
            saml.insert(k.into(), v.into());
        }
    }
    if let Some(p) = s.str_list(&["groupsPriority"])? {
        saml.insert("groupsPriority".into(), json!(p));
    }
    s.finish()?;
    o.finish()?;
    let (t, c) = locate(store, &env.tenant, &env.sso_id)?;
    let (groups, defaults) = (groups?, defaults?);
    check_domains_free(store, &env.tenant, &env.domains)?;
    if let Some(m) = mapping {
        saml.insert("attributeMapping".into(), m);
    }
    saml.insert("redirectUrl".into(), env.redirect_url.into());
    let cfg = &mut store.tenants[t].sso[c];
    cfg.saml = saml;
    cfg.saml_groups = groups;
    cfg.saml_default_roles = defaults;
    cfg.domains = env.domains;
    cfg.auth_type = "saml".into();
    Ok(super::empty())
}

pub fn configure_saml(store: &mut Store, call: &Call) -> ApiResult<Value> {
    configure_saml_common(store, call, false)
}

pub fn configure_saml_metadata(store: &mut Store, call: &Call) -> ApiResult<Value> {
    configure_saml_common(store, call, true)
}

/// OIDC settings: `userAttrMapping` is the wire key (node renames `attributeMapping`, so a
/// client that forgets the rename is refused here); `clientSecret` is never kept.
pub fn configure_oidc(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let env = Envelope::read(&mut o, false)?;
    let Some(mut s) = o.obj(&["settings"])? else {
        o.missing("settings");
        o.finish()?;
        return Err(ApiError::invalid("\"settings\" is required"));
    };
    let mut oidc = Map::new();
    for k in OIDC_STRINGS {
        if let Some(v) = s.str(&[k])? {
            oidc.insert((*k).into(), v.into());
        }
    }
    // Write-only: read (so it is not an unknown key) and dropped.
    s.str(&["clientSecret"])?;
    for k in ["scope", "prompt", "groupsPriority"] {
        if let Some(v) = s.str_list(&[k])? {
            oidc.insert(k.into(), json!(v));
        }
    }
    if let Some(b) = s.bool(&["manageProviderTokens"])? {
        oidc.insert("manageProviderTokens".into(), b.into());
    }
    let mapping = read_mapping(&mut s, "userAttrMapping", true)?;
    let groups = read_role_mappings(&mut s, store, &env.tenant);
    let defaults = read_default_roles(&mut s, store, &env.tenant);
    s.finish()?;
    o.finish()?;
    for p in oidc
        .get("prompt")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        super::tenants::one_of(p.as_str().unwrap_or(""), "settings.prompt", PROMPTS)?;
    }
    if let Some(g) = oidc.get("grantType").and_then(Value::as_str) {
        super::tenants::one_of(g, "settings.grantType", GRANT_TYPES)?;
    }
    let (t, c) = locate(store, &env.tenant, &env.sso_id)?;
    let (groups, defaults) = (groups?, defaults?);
    check_domains_free(store, &env.tenant, &env.domains)?;
    if let Some(m) = mapping {
        oidc.insert("userAttrMapping".into(), m);
    }
    let cfg = &mut store.tenants[t].sso[c];
    cfg.oidc = oidc;
    cfg.oidc_groups = groups;
    cfg.oidc_default_roles = defaults;
    cfg.domains = env.domains;
    cfg.auth_type = "oidc".into();
    Ok(super::empty())
}

/// Only the redirect URLs change; an absent key leaves its URL, `""` clears it.
pub fn configure_redirect(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tenant = o.req_str(&["tenantId"])?;
    let saml = o.str(&["samlRedirectUrl"])?;
    let oauth = o.str(&["oauthRedirectUrl"])?;
    let sso_id = o.str(&["ssoId"])?.unwrap_or_default();
    o.finish()?;
    let (t, c) = locate(store, &tenant, &sso_id)?;
    let cfg = &mut store.tenants[t].sso[c];
    if let Some(u) = saml {
        cfg.saml.insert("redirectUrl".into(), u.into());
    }
    if let Some(u) = oauth {
        cfg.oidc.insert("redirectUrl".into(), u.into());
    }
    Ok(super::empty())
}

/// Re-applies the configuration's group → role mappings to the members of the tenant's
/// groups (matched by group ID or display name): each member joins the tenant if needed and
/// gains the mapped roles. Roles are only added, never removed (emulator choice).
pub fn recalculate(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tenant = o.req_str(&["tenantId"])?;
    let sso_id = o.str(&["ssoId"])?.unwrap_or_default();
    o.finish()?;
    let (t, c) = locate(store, &tenant, &sso_id)?;
    let cfg = &store.tenants[t].sso[c];
    let mappings = if cfg.auth_type == "oidc" {
        cfg.oidc_groups.clone()
    } else {
        cfg.saml_groups.clone()
    };
    let cfg_id = cfg.sso_id.clone();
    let mut grants: Vec<(String, String)> = Vec::new();
    for g in store
        .groups
        .iter()
        .filter(|g| g.tenant_id == tenant && g.sso_id == cfg_id)
    {
        for m in &mappings {
            if m.groups.iter().any(|x| *x == g.id || *x == g.display) {
                grants.extend(g.members.iter().map(|u| (u.clone(), m.role_id.clone())));
            }
        }
    }
    for (user_id, role_id) in grants {
        let Some(i) = store.find_user_id(&user_id) else {
            continue;
        };
        let u = &mut store.users[i];
        if u.tenant(&tenant).is_none() {
            u.tenants.push(UserTenant {
                tenant_id: tenant.clone(),
                role_ids: Vec::new(),
            });
        }
        if let Some(ut) = u.tenants.iter_mut().find(|x| x.tenant_id == tenant) {
            if !ut.role_ids.contains(&role_id) {
                ut.role_ids.push(role_id);
            }
        }
        u.extra.modified_time = call.now;
    }
    Ok(super::empty())
}

fn tenant_and_sso(call: &Call) -> ApiResult<(String, String)> {
    let mut q = call.query_obj()?;
    let tenant = q.req_str(&["tenantId"])?;
    let sso_id = q.str(&["ssoId"])?.unwrap_or_default();
    q.finish()?;
    Ok((tenant, sso_id))
}

/// `GET /v2/mgmt/sso/settings?tenantId=[&ssoId=]` → `{tenant, saml, oidc, ssoId}`.
pub fn load_settings(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (tenant, sso_id) = tenant_and_sso(call)?;
    let (t, c) = locate(store, &tenant, &sso_id)?;
    let tenant = &store.tenants[t];
    Ok(store.render_sso_envelope(tenant, &tenant.sso[c]))
}

/// `{SSOSettings: [...]}` (capital key): the default configuration first.
pub fn load_all_settings(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut q = call.query_obj()?;
    let tenant = q.req_str(&["tenantId"])?;
    q.finish()?;
    let t = &store.tenants[tenant_index(store, &tenant)?];
    let all: Vec<Value> = t
        .sso
        .iter()
        .map(|c| store.render_sso_envelope(t, c))
        .collect();
    Ok(json!({ "SSOSettings": all }))
}

/// An additional configuration; its ID is generated when none is given.
pub fn new_settings(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tenant = o.req_str(&["tenantId"])?;
    let sso_id = o.str(&["ssoId"])?.filter(|s| !s.is_empty());
    let display = o.req_str(&["displayName"])?;
    o.finish()?;
    let t = tenant_index(store, &tenant)?;
    let sso_id = match sso_id {
        Some(id) => {
            if store.tenants[t].sso_index(&id).is_some() {
                return Err(ApiError::duplicate("SSO configuration", "ssoId", &id));
            }
            id
        }
        None => store.new_id("SSO2", 28, |s, id| {
            s.tenants
                .iter()
                .any(|t| t.sso.iter().any(|c| c.sso_id == id))
        }),
    };
    store.tenants[t].sso.push(SsoConfig::new(sso_id, display));
    let tenant = &store.tenants[t];
    let cfg = tenant.sso.last().unwrap_or(&tenant.sso[0]);
    Ok(store.render_sso_envelope(tenant, cfg))
}

/// `DELETE /v1/mgmt/sso/settings?tenantId=[&ssoId=]`: an additional configuration goes; the
/// default one is reset to nothing configured. Its groups go with it.
pub fn delete_settings(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (tenant, sso_id) = tenant_and_sso(call)?;
    let (t, c) = locate(store, &tenant, &sso_id)?;
    let id = store.tenants[t].sso[c].sso_id.clone();
    if c == 0 {
        store.tenants[t].sso[0] = SsoConfig::new(String::new(), String::new());
    } else {
        store.tenants[t].sso.remove(c);
        store
            .groups
            .retain(|g| !(g.tenant_id == tenant && g.sso_id == id));
    }
    store.tenants[t].sso_links.retain(|l| l.sso_id != id);
    Ok(super::empty())
}

// ---------------------------------------------------------------- deprecated calls

/// The flat legacy object of `getSettings`, from the default configuration.
pub fn get_settings_legacy(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut q = call.query_obj()?;
    let tenant = q.req_str(&["tenantId"])?;
    q.finish()?;
    let t = &store.tenants[tenant_index(store, &tenant)?];
    let cfg = &t.sso[0];
    let saml = store.render_saml(cfg);
    let mapping = &saml["attributeMapping"];
    let domains = cfg.domains.clone();
    Ok(json!({
        "tenantId": t.id,
        "idpEntityId": saml["idpEntityId"],
        "idpSSOUrl": saml["idpSSOUrl"],
        "idpCertificate": saml["idpCertificate"],
        "idpMetadataUrl": saml["idpMetadataUrl"],
        "spEntityId": saml["spEntityId"],
        "spACSUrl": saml["spACSUrl"],
        "spCertificate": saml["spCertificate"],
        "userMapping": {
            "name": mapping["name"],
            "email": mapping["email"],
            "username": mapping["username"],
            "phoneNumber": mapping["phoneNumber"],
            "group": mapping["group"],
        },
        "groupsMapping": saml["groupsMapping"],
        "redirectUrl": saml["redirectUrl"],
        "domain": domains.first().cloned().unwrap_or_default(),
        "domains": domains,
    }))
}

fn legacy_saml(store: &mut Store, call: &Call, metadata: bool) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tenant = o.req_str(&["tenantId"])?;
    let mut values = Map::new();
    if metadata {
        values.insert(
            "idpMetadataUrl".into(),
            o.req_str(&["idpMetadataURL"])?.into(),
        );
    } else {
        values.insert("idpSSOUrl".into(), o.req_str(&["idpURL"])?.into());
        values.insert("idpEntityId".into(), o.req_str(&["entityId"])?.into());
        values.insert("idpCertificate".into(), o.req_str(&["idpCert"])?.into());
    }
    let redirect = o.str(&["redirectURL"])?.unwrap_or_default();
    let domains = dedup(o.str_list(&["domains"])?.unwrap_or_default());
    o.finish()?;
    let (t, c) = locate(store, &tenant, "")?;
    check_domains_free(store, &tenant, &domains)?;
    let cfg = &mut store.tenants[t].sso[c];
    // The mapping is configured separately (`configureMapping`), so it stays.
    let mapping = cfg.saml.get("attributeMapping").cloned();
    cfg.saml = values;
    if let Some(m) = mapping {
        cfg.saml.insert("attributeMapping".into(), m);
    }
    cfg.saml.insert("redirectUrl".into(), redirect.into());
    cfg.domains = domains;
    cfg.auth_type = "saml".into();
    Ok(super::empty())
}

pub fn configure_settings_legacy(store: &mut Store, call: &Call) -> ApiResult<Value> {
    legacy_saml(store, call, false)
}

pub fn configure_metadata_legacy(store: &mut Store, call: &Call) -> ApiResult<Value> {
    legacy_saml(store, call, true)
}

/// Overwrites the default configuration's SAML role mappings, attribute mapping and
/// default roles.
pub fn configure_mapping_legacy(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tenant = o.req_str(&["tenantId"])?;
    let groups = read_role_mappings(&mut o, store, &tenant);
    let mapping = read_mapping(&mut o, "attributeMapping", false)?;
    let defaults = read_default_roles(&mut o, store, &tenant);
    o.finish()?;
    let (t, c) = locate(store, &tenant, "")?;
    let (groups, defaults) = (groups?, defaults?);
    let cfg = &mut store.tenants[t].sso[c];
    cfg.saml_groups = groups;
    cfg.saml_default_roles = defaults;
    match mapping {
        Some(m) => cfg.saml.insert("attributeMapping".into(), m),
        None => cfg.saml.remove("attributeMapping"),
    };
    Ok(super::empty())
}
