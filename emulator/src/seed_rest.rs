//! Seed sections for the groups of issue 15, as one table: each section reads its entries
//! (strictly, like requests; an entry whose ID exists replaces it), clears itself, and
//! exports its entries in the same format. Project snapshots (`project.exportSnapshot` /
//! `importSnapshot`) are made of these exports, so what a snapshot holds is exactly what a
//! seed can say.
//!
//! Secrets are never exported. On import an entry without its secret keeps the secret of
//! the entry of the same ID that existed before (`before`), else gets a new random one.

use serde_json::{json, Value};

use crate::api::common::read_ips;
use crate::api::descopers::{read_attributes, read_rbac, Descoper};
use crate::api::engines::Engine;
use crate::api::inbound_apps::{AppInput as InboundInput, Consent};
use crate::api::jwt_templates::{read_fields, JwtTemplate};
use crate::api::lists::ListInput;
use crate::api::mgmt_keys::{read_rebac, MgmtKey};
use crate::api::outbound_apps::{AppInput as OutboundInput, OutboundToken};
use crate::api::scope_claims::read_mapping;
use crate::body::Obj;
use crate::crypto::random_token;
use crate::error::{ApiError, ApiResult};
use crate::seed::SAMPLE_EPOCH;
use crate::store::{Secret, Store};

pub type Read = fn(&mut Store, &Store, Obj) -> ApiResult<()>;

pub struct Section {
    /// The seed key (and snapshot file `<name>.json`).
    pub name: &'static str,
    pub read: Read,
    pub clear: fn(&mut Store),
    pub export: fn(&Store) -> Vec<Value>,
    /// Part of a project snapshot (token vaults and consents are user data: seeds only).
    pub snapshot: bool,
}

pub const SECTIONS: &[Section] = &[
    Section {
        name: "lists",
        read: list,
        clear: |s| s.lists.clear(),
        export: |s| s.lists.iter().map(|l| l.render()).collect(),
        snapshot: true,
    },
    Section {
        name: "managementKeys",
        read: mgmt_key,
        clear: |s| s.mgmt_keys.clear(),
        export: |s| s.mgmt_keys.iter().map(MgmtKey::render).collect(),
        snapshot: false,
    },
    Section {
        name: "descopers",
        read: descoper,
        clear: |s| s.descopers.clear(),
        export: |s| s.descopers.iter().map(Descoper::render).collect(),
        snapshot: false,
    },
    Section {
        name: "jwtTemplates",
        read: jwt_template,
        clear: |s| s.jwt_templates.clear(),
        export: |s| s.jwt_templates.iter().map(JwtTemplate::render).collect(),
        snapshot: true,
    },
    Section {
        name: "jwtTemplateLibrary",
        read: library_entry,
        clear: |s| s.jwt_library.clear(),
        export: |s| s.jwt_library.iter().map(JwtTemplate::render).collect(),
        snapshot: false,
    },
    Section {
        name: "engines",
        read: engine,
        clear: |s| s.engines.clear(),
        export: |s| s.engines.iter().map(|e| e.render("")).collect(),
        snapshot: true,
    },
    Section {
        name: "scopeClaimMappings",
        read: scope_mapping,
        clear: |s| s.scope_mappings.clear(),
        export: |s| s.scope_mappings.iter().map(|m| m.render()).collect(),
        snapshot: true,
    },
    Section {
        name: "inboundApps",
        read: inbound_app,
        clear: |s| s.inbound_apps.clear(),
        export: |s| s.inbound_apps.iter().map(|a| a.render()).collect(),
        snapshot: true,
    },
    Section {
        name: "inboundConsents",
        read: consent,
        clear: |s| s.consents.clear(),
        export: |s| s.consents.iter().map(Consent::render).collect(),
        snapshot: false,
    },
    Section {
        name: "outboundApps",
        read: outbound_app,
        clear: |s| s.outbound_apps.clear(),
        export: |s| {
            s.outbound_apps
                .iter()
                .map(|a| {
                    let mut v = a.render();
                    v["hasClientSecret"] = json!(!a.client_secret.is_empty());
                    v
                })
                .collect()
        },
        snapshot: true,
    },
    Section {
        name: "flows",
        read: flow,
        clear: |s| s.flows.clear(),
        export: |s| {
            s.flows
                .iter()
                .map(|f| {
                    let mut v = f.render();
                    v["screens"] = json!(f.render_screens());
                    v
                })
                .collect()
        },
        snapshot: true,
    },
    Section {
        name: "flowOutputs",
        read: flow_output,
        clear: |s| s.flow_outputs.clear(),
        export: |s| {
            s.flow_outputs
                .iter()
                .map(|(f, o)| json!({ "flowId": f, "output": o }))
                .collect()
        },
        snapshot: false,
    },
    Section {
        name: "outboundTokens",
        read: outbound_token,
        clear: |s| s.outbound_tokens.clear(),
        export: |_| Vec::new(),
        snapshot: false,
    },
];

/// A section that is one object rather than a list of entries (a schema, a theme…).
pub struct ObjectSection {
    pub name: &'static str,
    /// Reads the object into the store, replacing what the section held.
    pub read: fn(&mut Store, Obj) -> ApiResult<()>,
    pub export: fn(&Store) -> Value,
    pub snapshot: bool,
}

pub const OBJECT_SECTIONS: &[ObjectSection] = &[
    ObjectSection {
        name: "project",
        read: project,
        export: |s| {
            json!({
                "name": s.project_name,
                "environment": s.project_environment,
                "tags": s.project_tags,
            })
        },
        snapshot: false,
    },
    ObjectSection {
        name: "theme",
        read: theme,
        export: |s| s.theme_json()["theme"].clone(),
        snapshot: true,
    },
    ObjectSection {
        name: "authz",
        read: authz,
        export: |s| {
            json!({
                "schema": s.authz.render_schema(),
                "relations": s.authz.relations.iter().map(|r| r.render()).collect::<Vec<_>>(),
            })
        },
        snapshot: true,
    },
    ObjectSection {
        name: "fga",
        read: fga,
        export: |s| {
            json!({
                "dsl": s.fga.dsl,
                "relations": s.fga.tuples.iter().map(|t| t.render()).collect::<Vec<_>>(),
                "resourcesDetails": s.fga.details.iter().map(|d| json!({
                    "resourceId": d.resource_id,
                    "resourceType": d.resource_type,
                    "displayName": d.display_name,
                })).collect::<Vec<_>>(),
            })
        },
        snapshot: true,
    },
];

/// Reads every section present in the seed document `o`. With `replace` (start-up) a present
/// section replaces what the store had (the default JWT library, for one).
pub fn apply(store: &mut Store, o: &mut Obj, replace: bool) -> ApiResult<()> {
    for s in SECTIONS {
        let Some(items) = o.list(&[s.name])? else {
            continue;
        };
        let before = store.clone();
        if replace {
            (s.clear)(store);
        }
        read_section(store, &before, s, items)?;
    }
    for s in OBJECT_SECTIONS {
        if let Some(x) = o.obj(&[s.name])? {
            (s.read)(store, x)?;
        }
    }
    Ok(())
}

/// `project: {name?, environment? ("" | "production"), tags?}`.
fn project(store: &mut Store, mut o: Obj) -> ApiResult<()> {
    let name = o.str(&["name"])?;
    let environment = o.str(&["environment"])?;
    let tags = o.str_list(&["tags"])?;
    o.finish()?;
    if let Some(e) = &environment {
        crate::api::tenants::one_of(e, "project.environment", crate::api::projects::ENVIRONMENTS)?;
    }
    if let Some(n) = name {
        store.project_name = n;
    }
    if let Some(e) = environment {
        store.project_environment = e;
    }
    if let Some(t) = tags {
        store.project_tags = t;
    }
    Ok(())
}

/// `theme: {id?, cssTemplate?}`.
fn theme(store: &mut Store, mut o: Obj) -> ApiResult<()> {
    let id = o.str(&["id"])?.unwrap_or_default();
    let css = o.map(&["cssTemplate"])?.unwrap_or_default();
    o.finish()?;
    store.theme_id = id;
    store.theme_css = css;
    Ok(())
}

/// A flow as exported (`{id, name, description, dsl, disabled, etag}`) plus its `screens`.
fn flow(store: &mut Store, _before: &Store, mut o: Obj) -> ApiResult<()> {
    use crate::api::flows::{read_flow, read_screen};
    let input = read_flow(&mut o)?;
    let screens =
        crate::api::common::read_items(&mut o, "screens", read_screen)?.unwrap_or_default();
    if input.id.is_none() {
        o.missing("id");
    }
    o.finish()?;
    let id = input.id.clone().unwrap_or_default();
    store.put_flow(id, input, screens);
    Ok(())
}

/// `{flowId?, output}`: what `flow.run` answers for that flow (every flow without one).
fn flow_output(store: &mut Store, _before: &Store, mut o: Obj) -> ApiResult<()> {
    let flow = o.str(&["flowId"])?.unwrap_or_default();
    let output = o.map(&["output"])?;
    let output = o.require(output, "output");
    o.finish()?;
    store.flow_outputs.retain(|(f, _)| *f != flow);
    store.flow_outputs.push((flow, Value::Object(output)));
    Ok(())
}

/// `authz: {schema?: {name, namespaces}, relations?: [relation]}`: replaces both.
fn authz(store: &mut Store, mut o: Obj) -> ApiResult<()> {
    use crate::api::authz::{read_relation, read_schema};
    let schema = match o.obj(&["schema"])? {
        Some(mut s) => {
            let x = read_schema(&mut s)?;
            s.finish()?;
            x
        }
        None => Default::default(),
    };
    let relations =
        crate::api::common::read_items(&mut o, "relations", read_relation)?.unwrap_or_default();
    o.finish()?;
    let mut next = crate::api::authz::Authz {
        schema_name: schema.0,
        namespaces: schema.1,
        ..Default::default()
    };
    next.check_references()?;
    for r in relations {
        next.check_relation(&r)?;
        if !next.relations.contains(&r) {
            next.relations.push(r);
        }
    }
    store.authz = next;
    Ok(())
}

/// `fga: {dsl?, relations?: [tuple], resourcesDetails?: [...]}`: replaces all three.
fn fga(store: &mut Store, mut o: Obj) -> ApiResult<()> {
    use crate::api::fga::{check_tuple, parse_dsl, Fga, ResourceDetails, Tuple};
    let dsl = o.str(&["dsl"])?.unwrap_or_default();
    let tuples = crate::api::common::read_items(&mut o, "relations", |t| {
        Ok(Tuple {
            resource: t.req_str(&["resource"])?,
            resource_type: t.req_str(&["resourceType"])?,
            relation: t.req_str(&["relation"])?,
            target: t.req_str(&["target"])?,
            target_type: t.req_str(&["targetType"])?,
        })
    })?
    .unwrap_or_default();
    let details = crate::api::common::read_items(&mut o, "resourcesDetails", |d| {
        Ok(ResourceDetails {
            resource_id: d.req_str(&["resourceId"])?,
            resource_type: d.req_str(&["resourceType"])?,
            display_name: d.str(&["displayName"])?.unwrap_or_default(),
        })
    })?
    .unwrap_or_default();
    o.finish()?;
    let types = if dsl.is_empty() {
        Vec::new()
    } else {
        parse_dsl(&dsl)?
    };
    let mut next = Fga {
        dsl,
        types,
        version: store.fga.version + 1,
        tuples: Vec::new(),
        details,
    };
    for t in tuples {
        check_tuple(&next, &t)?;
        if !next.tuples.contains(&t) {
            next.tuples.push(t);
        }
    }
    store.fga = next;
    Ok(())
}

/// Reads the entries of one section into the store.
pub fn read_section(
    store: &mut Store,
    before: &Store,
    s: &Section,
    items: Vec<Value>,
) -> ApiResult<()> {
    for (i, item) in items.into_iter().enumerate() {
        let o = Obj::from_value(item, &format!("{}[{i}]", s.name))?;
        (s.read)(store, before, o)?;
    }
    Ok(())
}

fn text(o: &mut Obj, key: &str) -> ApiResult<String> {
    Ok(o.str(&[key])?.unwrap_or_default())
}

fn list(store: &mut Store, _before: &Store, mut o: Obj) -> ApiResult<()> {
    let input = ListInput::read(&mut o)?;
    o.finish()?;
    store.put_list(input, true).map(|_| ())
}

/// The key object plus `cleartext` (its secret, for a known bearer in tests).
fn mgmt_key(store: &mut Store, before: &Store, mut o: Obj) -> ApiResult<()> {
    let id = o.str(&["id"])?.filter(|s| !s.is_empty());
    let name = o.req_str(&["name"])?;
    let description = text(&mut o, "description")?;
    let status = o.str(&["status"])?.unwrap_or_else(|| "active".into());
    let created_time = o.int(&["createdTime"])?.unwrap_or(SAMPLE_EPOCH);
    let expire_time = o.int(&["expireTime"])?.unwrap_or(0);
    let permitted_ips = read_ips(&mut o, "permittedIps")?.unwrap_or_default();
    let rebac = match o.obj(&["reBac"])? {
        Some(mut r) => {
            let x = read_rebac(&mut r)?;
            r.finish()?;
            x
        }
        None => Default::default(),
    };
    let version = o.int(&["version"])?.unwrap_or(1);
    o.int(&["authzVersion"])?;
    let cleartext = o.str(&["cleartext"])?.filter(|s| !s.is_empty());
    o.finish()?;
    crate::api::tenants::one_of(&status, "status", &["active", "inactive"])?;
    let id = id.unwrap_or_else(|| store.new_id("MK2", 28, |s, id| s.mgmt_key_index(id).is_ok()));
    let secret_hash = match cleartext {
        Some(c) => crate::api::mgmt_keys::secret_hash(&c),
        None => before
            .mgmt_keys
            .iter()
            .find(|k| k.id == id)
            .map(|k| k.secret_hash.clone())
            .unwrap_or_else(|| crate::api::mgmt_keys::secret_hash(&random_token(48))),
    };
    store.mgmt_keys.retain(|k| k.id != id);
    store.mgmt_keys.push(MgmtKey {
        id,
        name,
        description,
        active: status == "active",
        created_time,
        expire_time,
        permitted_ips,
        rebac,
        version,
        secret_hash,
    });
    Ok(())
}

/// The descoper object (`loginIds`, or `loginId` for one).
fn descoper(store: &mut Store, _before: &Store, mut o: Obj) -> ApiResult<()> {
    let id = o.str(&["id"])?.filter(|s| !s.is_empty());
    let mut login_ids = o.str_list(&["loginIds"])?.unwrap_or_default();
    if let Some(l) = o.str(&["loginId"])?.filter(|s| !s.is_empty()) {
        login_ids.insert(0, l);
    }
    if login_ids.is_empty() {
        o.missing("loginIds");
    }
    let attributes = read_attributes(&mut o, "attributes")?.unwrap_or_default();
    let rbac = read_rbac(&mut o, "rbac")?.unwrap_or_default();
    let status = o.str(&["status"])?.unwrap_or_else(|| "enabled".into());
    o.finish()?;
    let id = id.unwrap_or_else(|| store.new_id("D2", 28, |s, id| s.descoper_index(id).is_ok()));
    store.descopers.retain(|d| d.id != id);
    store.descopers.push(Descoper {
        id,
        login_ids,
        attributes,
        rbac,
        status,
    });
    Ok(())
}

fn jwt_template(store: &mut Store, _before: &Store, mut o: Obj) -> ApiResult<()> {
    let id = o.str(&["id"])?.filter(|s| !s.is_empty());
    let mut fields = read_fields(&mut o, false)?;
    if fields["name"] == "" {
        o.missing("name");
    }
    o.finish()?;
    if fields["source"] == "" {
        fields.insert("source".into(), json!("custom"));
    }
    if let Some(id) = &id {
        store.jwt_templates.retain(|t| t.id != *id);
    }
    store.add_jwt_template(id, fields).map(|_| ())
}

fn library_entry(store: &mut Store, _before: &Store, mut o: Obj) -> ApiResult<()> {
    let id = o.req_str(&["id"])?;
    let mut fields = read_fields(&mut o, true)?;
    o.finish()?;
    if fields["source"] == "" {
        fields.insert("source".into(), json!("library"));
    }
    store.jwt_library.retain(|e| e.id != id);
    store.jwt_library.push(JwtTemplate { id, fields });
    Ok(())
}

/// `{id?, name, createdTime?, secret?}`.
fn engine(store: &mut Store, before: &Store, mut o: Obj) -> ApiResult<()> {
    let id = o.str(&["id"])?.filter(|s| !s.is_empty());
    let name = o.req_str(&["name"])?;
    let created_time = o.int(&["createdTime"])?.unwrap_or(SAMPLE_EPOCH);
    let secret = o.str(&["secret"])?.filter(|s| !s.is_empty());
    o.finish()?;
    let id = id.unwrap_or_else(|| store.new_id("EN2", 28, |s, id| s.engine_index(id).is_ok()));
    let secret_hash = match secret {
        Some(s) => crate::api::engines::secret_hash(&s),
        None => before
            .engines
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.secret_hash.clone())
            .unwrap_or_else(|| crate::api::engines::secret_hash(&random_token(40))),
    };
    store.engines.retain(|e| e.id != id);
    store.engines.push(Engine {
        id,
        name,
        created_time,
        secret_hash,
    });
    Ok(())
}

fn scope_mapping(store: &mut Store, _before: &Store, mut o: Obj) -> ApiResult<()> {
    let m = read_mapping(&mut o)?;
    o.finish()?;
    store.scope_mappings.retain(|x| x.scope != m.scope);
    store.scope_mappings.push(m);
    Ok(())
}

/// The app as loaded, plus `secret` (the client secret).
fn inbound_app(store: &mut Store, before: &Store, mut o: Obj) -> ApiResult<()> {
    let input = InboundInput::read(&mut o)?;
    let client_id = o.str(&["clientId"])?;
    let secret = o.str(&["secret"])?.filter(|s| !s.is_empty());
    if input.name.as_deref().unwrap_or_default().is_empty() {
        o.missing("name");
    }
    o.finish()?;
    let secret = secret.or_else(|| {
        let id = input.id.as_deref()?;
        before
            .inbound_apps
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.secret.expose().to_string())
    });
    if let Some(id) = &input.id {
        store.inbound_apps.retain(|a| a.id != *id);
    }
    store.add_inbound_app(input, client_id, secret).map(|_| ())
}

/// `{id?, appId, userId?, tenantId?, scopes?, grantedBy?, createdTime?}`: a user-level
/// consent names a user, a tenant-level one only a tenant.
fn consent(store: &mut Store, _before: &Store, mut o: Obj) -> ApiResult<()> {
    let id = o.str(&["id"])?.filter(|s| !s.is_empty());
    let app_id = o.req_str(&["appId"])?;
    let user = text(&mut o, "userId")?;
    let tenant_id = text(&mut o, "tenantId")?;
    let scopes = o.str_list(&["scopes"])?.unwrap_or_default();
    let granted_by = text(&mut o, "grantedBy")?;
    let created_time = o.int(&["createdTime"])?.unwrap_or(SAMPLE_EPOCH);
    o.finish()?;
    store.inbound_index(&app_id)?;
    let user_id = if user.is_empty() {
        String::new()
    } else {
        let i = store.find(&user).ok_or_else(ApiError::user_not_found)?;
        store.users[i].user_id.clone()
    };
    if !tenant_id.is_empty() {
        crate::api::tenants::tenant_index(store, &tenant_id)?;
    }
    if user_id.is_empty() && tenant_id.is_empty() {
        return Err(ApiError::invalid(
            "a consent names a user (userId) or a tenant (tenantId)",
        ));
    }
    let id = id
        .unwrap_or_else(|| store.new_id("CN2", 28, |s, id| s.consents.iter().any(|c| c.id == id)));
    store.consents.retain(|c| c.id != id);
    store.consents.push(Consent {
        id,
        app_id,
        user_id,
        scopes,
        granted_by: if granted_by.is_empty() {
            user.clone()
        } else {
            granted_by
        },
        created_time,
        tenant_id,
    });
    Ok(())
}

/// The app as loaded (or a create body), plus `clientSecret`; `hasClientSecret` (what
/// exports say) is accepted.
fn outbound_app(store: &mut Store, before: &Store, mut o: Obj) -> ApiResult<()> {
    let input = OutboundInput::read(&mut o)?;
    o.bool(&["hasClientSecret"])?;
    if !input.has_name() {
        o.missing("name");
    }
    o.finish()?;
    let id = input.id.clone();
    let secret = input.client_secret.clone().or_else(|| {
        let id = id.as_deref()?;
        before
            .outbound_apps
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.client_secret.expose().to_string())
            .filter(|s| !s.is_empty())
    });
    let fields = input.into_fields();
    if let Some(id) = &id {
        store.outbound_apps.retain(|a| a.id != *id);
    }
    store.add_outbound_app(id, fields, secret).map(|_| ())
}

/// A stored token: `{id?, appId, userId? | tenantId, accessToken?, refreshToken?, idToken?,
/// accessTokenType?, accessTokenExpiry?, scopes?, grantedBy?, externalIdentifier?,
/// lastRefreshTime?, apiKey?: bool}`.
fn outbound_token(store: &mut Store, _before: &Store, mut o: Obj) -> ApiResult<()> {
    let id = o.str(&["id"])?.filter(|s| !s.is_empty());
    let app_id = o.req_str(&["appId"])?;
    let user = text(&mut o, "userId")?;
    let tenant_id = text(&mut o, "tenantId")?;
    let access_token = text(&mut o, "accessToken")?;
    let refresh_token = text(&mut o, "refreshToken")?;
    let id_token = text(&mut o, "idToken")?;
    let api_key = o.bool(&["apiKey"])?.unwrap_or(false);
    let access_token_type = o
        .str(&["accessTokenType"])?
        .unwrap_or_else(|| if api_key { "apiKey" } else { "Bearer" }.into());
    let access_token_expiry = o.int(&["accessTokenExpiry"])?.unwrap_or(0);
    let scopes = o.str_list(&["scopes"])?.unwrap_or_default();
    let granted_by = text(&mut o, "grantedBy")?;
    let external_identifier = text(&mut o, "externalIdentifier")?;
    let last_refresh_time = o.int(&["lastRefreshTime"])?.unwrap_or(SAMPLE_EPOCH);
    o.finish()?;
    store.outbound_index(&app_id)?;
    let user_id = if user.is_empty() {
        String::new()
    } else {
        let i = store.find(&user).ok_or_else(ApiError::user_not_found)?;
        store.users[i].user_id.clone()
    };
    if !tenant_id.is_empty() {
        crate::api::tenants::tenant_index(store, &tenant_id)?;
    }
    if user_id.is_empty() && tenant_id.is_empty() {
        return Err(ApiError::invalid(
            "an outbound token belongs to a user (userId) or a tenant (tenantId)",
        ));
    }
    if access_token.is_empty() && refresh_token.is_empty() {
        return Err(ApiError::invalid(
            "an outbound token needs an accessToken or a refreshToken",
        ));
    }
    let id = id.unwrap_or_else(|| {
        store.new_id("OT2", 28, |s, id| {
            s.outbound_tokens.iter().any(|t| t.id == id)
        })
    });
    store.outbound_tokens.retain(|t| t.id != id);
    store.outbound_tokens.push(OutboundToken {
        id,
        app_id,
        user_id,
        tenant_id,
        access_token: Secret(access_token),
        access_token_type,
        access_token_expiry,
        refresh_token: Secret(refresh_token),
        id_token: Secret(id_token),
        scopes,
        granted_by,
        external_identifier,
        last_refresh_time,
        api_key,
    });
    Ok(())
}
