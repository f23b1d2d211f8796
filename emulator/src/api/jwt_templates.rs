//! `management.jwtTemplate` (reference §20): named claim templates, plus a library of
//! starters that the API can read and copy but never change. Every call is a `POST`, loads
//! included. Update overwrites every field. A template whose claims fail validation (a
//! reserved claim, an unknown `{{source.…}}`, an unclosed placeholder) is refused on create
//! and update with the first issue; `validate` lists them all.

use serde_json::{json, Map, Value};

use super::common::{body_id, check_len, empty_body};
use super::{empty, Call};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Bool,
    Strings,
    Object,
}

/// The template fields (reference §20), in answer order, with their JSON kinds.
const FIELDS: &[(&str, Kind)] = &[
    ("name", Kind::Str),
    ("description", Kind::Str),
    ("template", Kind::Object),
    ("source", Kind::Str),
    ("tags", Kind::Strings),
    ("authSchema", Kind::Str),
    ("type", Kind::Str),
    ("conformanceIssuer", Kind::Bool),
    ("autoDCT", Kind::Bool),
    ("enforceIssuer", Kind::Bool),
    ("emptyClaimPolicy", Kind::Str),
    ("overrideSubject", Kind::Bool),
    ("issuerType", Kind::Str),
    ("omitCustomClaimsFromDSR", Kind::Bool),
    ("addJti", Kind::Bool),
    ("excludePermissions", Kind::Bool),
];

/// What library entries add.
const LIBRARY_FIELDS: &[(&str, Kind)] = &[
    ("experimental", Kind::Bool),
    ("logoLight", Kind::Str),
    ("logoDark", Kind::Str),
];

/// `type`: a template shapes user session tokens or access-key tokens.
const TYPES: &[&str] = &["user", "key"];

/// Roots a `{{…}}` placeholder may read from (an emulator choice: the reference lists none).
pub const SOURCES: &[&str] = &["user", "tenant", "key", "app", "project", "sso"];

#[derive(Debug, Clone, PartialEq)]
pub struct JwtTemplate {
    pub id: String,
    /// Every key of `FIELDS` (and `LIBRARY_FIELDS` for library entries), zero when unset.
    pub fields: Map<String, Value>,
}

impl JwtTemplate {
    pub fn render(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        for (k, v) in &self.fields {
            m.insert(k.clone(), v.clone());
        }
        Value::Object(m)
    }

    pub fn name(&self) -> &str {
        self.fields
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
}

fn zero(kind: Kind) -> Value {
    match kind {
        Kind::Str => json!(""),
        Kind::Bool => json!(false),
        Kind::Strings => json!([]),
        Kind::Object => json!({}),
    }
}

/// Reads the template fields strictly; absent keys get their zero values. With `library`
/// the entry keys are read too (seeds of the library).
pub fn read_fields(o: &mut Obj, library: bool) -> ApiResult<Map<String, Value>> {
    let mut out = Map::new();
    let extra: &[(&str, Kind)] = if library { LIBRARY_FIELDS } else { &[] };
    for (key, kind) in FIELDS.iter().chain(extra) {
        let v = match kind {
            Kind::Str => o.str(&[key])?.map(Value::from),
            Kind::Bool => o.bool(&[key])?.map(Value::from),
            Kind::Strings => o.str_list(&[key])?.map(Value::from),
            Kind::Object => o.map(&[key])?.map(Value::Object),
        };
        out.insert((*key).to_string(), v.unwrap_or_else(|| zero(*kind)));
    }
    let ty = out["type"].as_str().unwrap_or_default().to_string();
    if ty.is_empty() {
        out.insert("type".into(), json!("user"));
    } else if !TYPES.contains(&ty.as_str()) {
        return Err(ApiError::invalid(format!(
            "\"{}\" must be one of {}, not \"{ty}\"",
            o.name("type"),
            TYPES.join(", ")
        )));
    }
    if out["authSchema"] == "" {
        out.insert("authSchema".into(), json!("default"));
    }
    if out["emptyClaimPolicy"] == "" {
        out.insert("emptyClaimPolicy".into(), json!("none"));
    }
    Ok(out)
}

/// Problems with a template's claims, as `{message, severity, path}` (node's issue shape).
pub fn issues(fields: &Map<String, Value>) -> Vec<Value> {
    let mut out = Vec::new();
    if fields
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .is_empty()
    {
        out.push(issue("name is required", "name"));
    }
    if let Some(Value::Object(claims)) = fields.get("template") {
        for (k, v) in claims {
            let path = format!("template.{k}");
            if k.is_empty() {
                out.push(issue("a claim name is empty", "template"));
            }
            if super::jwt::RESERVED.contains(&k.as_str()) {
                out.push(issue(
                    &format!("\"{k}\" is a reserved claim and cannot be templated"),
                    &path,
                ));
            }
            value_issues(v, &path, &mut out);
        }
    }
    out
}

fn issue(message: &str, path: &str) -> Value {
    json!({ "message": message, "severity": "error", "path": path })
}

fn value_issues(v: &Value, path: &str, out: &mut Vec<Value>) {
    match v {
        Value::String(s) => {
            let mut rest = s.as_str();
            while let Some(start) = rest.find("{{") {
                let after = &rest[start + 2..];
                let Some(end) = after.find("}}") else {
                    out.push(issue("unclosed \"{{\" placeholder", path));
                    return;
                };
                let inner = after[..end].trim();
                let root = inner.split('.').next().unwrap_or_default();
                if !SOURCES.contains(&root) {
                    out.push(issue(
                        &format!("unknown claim source \"{root}\" in \"{{{{{inner}}}}}\""),
                        path,
                    ));
                }
                rest = &after[end + 2..];
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                value_issues(x, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                value_issues(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn refuse_invalid(fields: &Map<String, Value>) -> ApiResult<()> {
    match issues(fields).first() {
        None => Ok(()),
        Some(i) => Err(ApiError::invalid(format!(
            "Invalid JWT template: {} ({})",
            i["message"].as_str().unwrap_or_default(),
            i["path"].as_str().unwrap_or_default()
        ))),
    }
}

/// The three library entries every project has (IDs `hasura`, `supabase`, `aws-appsync`).
pub fn default_library() -> Vec<JwtTemplate> {
    let entry = |id: &str, name: &str, description: &str, template: Value, tags: &[&str]| {
        let mut fields = Map::new();
        for (k, kind) in FIELDS.iter().chain(LIBRARY_FIELDS) {
            fields.insert((*k).to_string(), zero(*kind));
        }
        fields.insert("name".into(), json!(name));
        fields.insert("description".into(), json!(description));
        fields.insert("template".into(), template);
        fields.insert("source".into(), json!("library"));
        fields.insert("tags".into(), json!(tags));
        fields.insert("authSchema".into(), json!("default"));
        fields.insert("type".into(), json!("user"));
        fields.insert("emptyClaimPolicy".into(), json!("none"));
        JwtTemplate {
            id: id.into(),
            fields,
        }
    };
    vec![
        entry(
            "hasura",
            "Hasura",
            "Claims Hasura reads",
            json!({"https://hasura.io/jwt/claims": {
                "x-hasura-user-id": "{{user.userId}}",
                "x-hasura-default-role": "user",
                "x-hasura-allowed-roles": ["user"]
            }}),
            &["hasura"],
        ),
        entry(
            "supabase",
            "Supabase",
            "Claims Supabase row-level security reads",
            json!({"role": "authenticated", "email": "{{user.email}}"}),
            &["supabase"],
        ),
        entry(
            "aws-appsync",
            "AWS AppSync",
            "Claims for AppSync resolvers",
            json!({"username": "{{user.userId}}", "groups": "{{user.roleNames}}"}),
            &["aws"],
        ),
    ]
}

impl Store {
    pub fn jwt_template_index(&self, id: &str) -> ApiResult<usize> {
        match self.jwt_templates.iter().position(|t| t.id == id) {
            Some(i) => Ok(i),
            None if self.jwt_library.iter().any(|e| e.id == id) => Err(ApiError::invalid(
                "JWT template library entries are read-only",
            )
            .with_message(format!(
                "\"{id}\" is a library entry: it cannot be changed; apply it to get a template"
            ))),
            None => Err(ApiError::not_found("JWT template", id)),
        }
    }

    fn jwt_template_name_free(&self, name: &str, except: Option<&str>) -> ApiResult<()> {
        if self
            .jwt_templates
            .iter()
            .any(|t| t.name() == name && Some(t.id.as_str()) != except)
        {
            return Err(ApiError::duplicate("JWT template", "name", name));
        }
        Ok(())
    }

    /// Stores a new template (ID given or generated) after the checks of create.
    pub fn add_jwt_template(
        &mut self,
        id: Option<String>,
        fields: Map<String, Value>,
    ) -> ApiResult<usize> {
        let name = fields["name"].as_str().unwrap_or_default().to_string();
        check_len(&name, "template.name", 100)?;
        self.jwt_template_name_free(&name, None)?;
        refuse_invalid(&fields)?;
        let id = match id {
            Some(id) if self.jwt_templates.iter().any(|t| t.id == id) => {
                return Err(ApiError::duplicate("JWT template", "id", &id))
            }
            Some(id) => id,
            None => self.new_id("JT2", 28, |s, id| {
                s.jwt_templates.iter().any(|t| t.id == id)
            }),
        };
        self.jwt_templates.push(JwtTemplate { id, fields });
        Ok(self.jwt_templates.len() - 1)
    }
}

/// `{template: {...}}` with `name` required; the ID (if any) comes back separately.
fn read_template_body(call: &Call) -> ApiResult<(Option<String>, Map<String, Value>)> {
    let mut o = call.body_obj()?;
    let Some(mut t) = o.obj(&["template"])? else {
        o.missing("template");
        o.finish()?;
        return Err(ApiError::invalid("\"template\" is required"));
    };
    o.finish()?;
    let id = t.str(&["id"])?.filter(|s| !s.is_empty());
    let fields = read_fields(&mut t, false)?;
    if fields["name"] == "" {
        t.missing("name");
    }
    t.finish()?;
    Ok((id, fields))
}

/// `{template}` → `{template}`; the service assigns the ID (a given one is refused).
pub fn create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (id, mut fields) = read_template_body(call)?;
    if id.is_some() {
        return Err(ApiError::invalid(
            "\"template.id\" is assigned by the service; leave it out on create",
        ));
    }
    fields.insert("source".into(), json!("custom"));
    let idx = store.add_jwt_template(None, fields)?;
    Ok(json!({ "template": store.jwt_templates[idx].render() }))
}

/// `{template: {id, ...}}`: every field overwritten → `{template}`.
pub fn update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (id, mut fields) = read_template_body(call)?;
    let Some(id) = id else {
        return Err(ApiError::invalid("\"template.id\" is required"));
    };
    let idx = store.jwt_template_index(&id)?;
    let name = fields["name"].as_str().unwrap_or_default().to_string();
    check_len(&name, "template.name", 100)?;
    store.jwt_template_name_free(&name, Some(&id))?;
    refuse_invalid(&fields)?;
    let source = store.jwt_templates[idx].fields["source"].clone();
    if fields["source"] == "" {
        fields.insert("source".into(), source);
    }
    store.jwt_templates[idx].fields = fields;
    Ok(json!({ "template": store.jwt_templates[idx].render() }))
}

pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let id = body_id(call)?;
    let idx = store.jwt_template_index(&id)?;
    store.jwt_templates.remove(idx);
    Ok(empty())
}

pub fn list(store: &mut Store, call: &Call) -> ApiResult<Value> {
    empty_body(call)?;
    let all: Vec<Value> = store
        .jwt_templates
        .iter()
        .map(JwtTemplate::render)
        .collect();
    Ok(json!({ "templates": all }))
}

pub fn load(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let id = body_id(call)?;
    let idx = store.jwt_template_index(&id)?;
    Ok(json!({ "template": store.jwt_templates[idx].render() }))
}

/// `{id?, template?}` → `{valid, issues}`: an inline template is checked as given; else the
/// stored one. With both, the ID must exist and the inline template is what is checked.
pub fn validate(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.str(&["id"])?.filter(|s| !s.is_empty());
    let inline = match o.obj(&["template"])? {
        Some(mut t) => {
            t.str(&["id"])?;
            let f = read_fields(&mut t, false)?;
            t.finish()?;
            Some(f)
        }
        None => None,
    };
    if id.is_none() && inline.is_none() {
        o.missing("id");
    }
    o.finish()?;
    let stored = match &id {
        Some(id) => Some(store.jwt_template_index(id)?),
        None => None,
    };
    let fields = match (inline, stored) {
        (Some(f), _) => f,
        (None, Some(i)) => store.jwt_templates[i].fields.clone(),
        (None, None) => Map::new(),
    };
    let found = issues(&fields);
    Ok(json!({ "valid": found.is_empty(), "issues": found }))
}

pub fn list_library(store: &mut Store, call: &Call) -> ApiResult<Value> {
    empty_body(call)?;
    let all: Vec<Value> = store.jwt_library.iter().map(JwtTemplate::render).collect();
    Ok(json!({ "entries": all }))
}

fn library_index(store: &Store, id: &str) -> ApiResult<usize> {
    store
        .jwt_library
        .iter()
        .position(|e| e.id == id)
        .ok_or_else(|| ApiError::not_found("JWT template library entry", id))
}

pub fn load_library_entry(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let id = body_id(call)?;
    let idx = library_index(store, &id)?;
    Ok(json!({ "entry": store.jwt_library[idx].render() }))
}

/// `{libraryEntryId, nameOverride?, descriptionOverride?, tagsOverride?, templateOverride?}`
/// → a new template copied from the entry (`source: "library"`).
pub fn apply_from_library(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let entry_id = o.req_str(&["libraryEntryId"])?;
    let name = o.str(&["nameOverride"])?.filter(|s| !s.is_empty());
    let description = o.str(&["descriptionOverride"])?;
    let tags = o.str_list(&["tagsOverride"])?;
    let template = o.map(&["templateOverride"])?;
    o.finish()?;
    let entry = &store.jwt_library[library_index(store, &entry_id)?];
    let mut fields: Map<String, Value> = FIELDS
        .iter()
        .map(|(k, _)| ((*k).to_string(), entry.fields[*k].clone()))
        .collect();
    let base_name = entry.name().to_string();
    fields.insert("name".into(), json!(name.unwrap_or(base_name)));
    if let Some(d) = description {
        fields.insert("description".into(), json!(d));
    }
    if let Some(t) = tags {
        fields.insert("tags".into(), json!(t));
    }
    if let Some(t) = template {
        fields.insert("template".into(), Value::Object(t));
    }
    fields.insert("source".into(), json!("library"));
    let idx = store.add_jwt_template(None, fields)?;
    Ok(json!({ "template": store.jwt_templates[idx].render() }))
}
