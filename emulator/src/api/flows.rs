//! `management.flow` and `management.theme` (reference §15–§16): flows and the project theme
//! are stored documents. `flow.import` creates or overwrites the flow of `flowId` (which
//! wins over the ID inside `flow`); `flow.run` answers the output configured with
//! `POST /emulator/flows/output` (`{}` until one is), and records the run.

use serde_json::{json, Map, Value};

use super::common::{empty_body, read_items, req_list};
use super::{empty, Call};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::store::Store;

/// Runs the admin view keeps.
const RUNS_KEPT: usize = 1000;

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub dsl: Value,
    pub disabled: bool,
    /// Bumped on every import (answered as a string).
    pub etag: u64,
    pub screens: Vec<Screen>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Screen {
    pub id: String,
    pub inputs: Value,
    pub interactions: Value,
    pub html_template: Value,
}

impl Flow {
    pub fn summary(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "disabled": self.disabled,
        })
    }

    pub fn render(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "dsl": self.dsl,
            "disabled": self.disabled,
            "etag": self.etag.to_string(),
        })
    }

    pub fn render_screens(&self) -> Vec<Value> {
        self.screens
            .iter()
            .map(|s| {
                json!({
                    "id": s.id,
                    "flowId": self.id,
                    "inputs": s.inputs,
                    "interactions": s.interactions,
                    "htmlTemplate": s.html_template,
                })
            })
            .collect()
    }

    /// `{flow, screens}`: what export and import answer.
    pub fn document(&self) -> Value {
        json!({ "flow": self.render(), "screens": self.render_screens() })
    }
}

/// The flow object of `import` (and of seeds and snapshots): `{id?, name?, description?,
/// dsl?, disabled?, etag?}`.
pub struct FlowInput {
    pub id: Option<String>,
    pub name: Option<String>,
    pub description: String,
    pub dsl: Value,
    pub disabled: bool,
    /// Kept from seeds and snapshots; an API import makes a new one.
    pub etag: Option<u64>,
}

pub fn read_flow(o: &mut Obj) -> ApiResult<FlowInput> {
    let input = FlowInput {
        id: o.str(&["id"])?.filter(|s| !s.is_empty()),
        name: o.str(&["name"])?.filter(|s| !s.is_empty()),
        description: o.str(&["description"])?.unwrap_or_default(),
        dsl: o.raw("dsl").filter(|v| !v.is_null()).unwrap_or(json!({})),
        disabled: o.bool(&["disabled"])?.unwrap_or(false),
        etag: o.int(&["etag"])?.and_then(|e| u64::try_from(e).ok()),
    };
    Ok(input)
}

pub fn read_screen(o: &mut Obj) -> ApiResult<Screen> {
    let id = o.req_str(&["id"])?;
    o.str(&["flowId"])?;
    let mut part = |k: &str| o.raw(k).filter(|v| !v.is_null()).unwrap_or(json!({}));
    Ok(Screen {
        id,
        inputs: part("inputs"),
        interactions: part("interactions"),
        html_template: part("htmlTemplate"),
    })
}

impl Store {
    pub fn flow_index(&self, id: &str) -> ApiResult<usize> {
        self.flows
            .iter()
            .position(|f| f.id == id)
            .ok_or_else(|| ApiError::not_found("Flow", id))
    }

    /// Creates or overwrites the flow `id`; answers its index.
    pub fn put_flow(&mut self, id: String, input: FlowInput, screens: Vec<Screen>) -> usize {
        let existing = self.flows.iter().position(|f| f.id == id);
        let etag = input
            .etag
            .unwrap_or_else(|| existing.map(|i| self.flows[i].etag).unwrap_or(0) + 1);
        let flow = Flow {
            name: input.name.unwrap_or_else(|| id.clone()),
            id,
            description: input.description,
            dsl: input.dsl,
            disabled: input.disabled,
            etag,
            screens,
        };
        match existing {
            Some(i) => {
                self.flows[i] = flow;
                i
            }
            None => {
                self.flows.push(flow);
                self.flows.len() - 1
            }
        }
    }

    pub fn theme_json(&self) -> Value {
        json!({
            "theme": {
                "id": if self.theme_id.is_empty() { "theme" } else { self.theme_id.as_str() },
                "cssTemplate": self.theme_css,
            }
        })
    }
}

/// `{}` → `{flows: [{id, name, description, disabled}], total}`.
pub fn list(store: &mut Store, call: &Call) -> ApiResult<Value> {
    empty_body(call)?;
    let flows: Vec<Value> = store.flows.iter().map(Flow::summary).collect();
    Ok(json!({ "total": flows.len(), "flows": flows }))
}

/// `{ids}`: every ID must exist (all or nothing).
pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let ids = req_list(&mut o, "ids")?;
    o.finish()?;
    for id in &ids {
        store.flow_index(id)?;
    }
    store.flows.retain(|f| !ids.contains(&f.id));
    Ok(empty())
}

/// `{flowId}` → `{flow, screens}`.
pub fn export(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["flowId"])?;
    o.finish()?;
    let idx = store.flow_index(&id)?;
    Ok(store.flows[idx].document())
}

/// `{flowId, flow, screens?}` → `{flow, screens}` as stored.
pub fn import(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["flowId"])?;
    let flow = match o.obj(&["flow"])? {
        Some(mut f) => {
            let x = read_flow(&mut f)?;
            f.finish()?;
            Some(x)
        }
        None => {
            o.missing("flow");
            None
        }
    };
    let screens = read_items(&mut o, "screens", read_screen)?.unwrap_or_default();
    o.finish()?;
    let Some(mut flow) = flow else {
        return Err(ApiError::invalid("\"flow\" is required"));
    };
    flow.etag = None;
    let idx = store.put_flow(id, flow, screens);
    Ok(store.flows[idx].document())
}

/// `{flowId, options?: {input?, preview?, tenant?}}` → `{output}`.
pub fn run(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["flowId"])?;
    let (input, preview, tenant) = match o.obj(&["options"])? {
        Some(mut opt) => {
            let input = opt.map(&["input"])?.unwrap_or_default();
            let preview = opt.bool(&["preview"])?.unwrap_or(false);
            let tenant = opt.str(&["tenant"])?.unwrap_or_default();
            opt.finish()?;
            (input, preview, tenant)
        }
        None => (Map::new(), false, String::new()),
    };
    o.finish()?;
    let idx = store.flow_index(&id)?;
    if store.flows[idx].disabled {
        return Err(ApiError::invalid("Flow is disabled")
            .with_message(format!("Flow \"{id}\" is disabled and cannot run")));
    }
    if !tenant.is_empty() {
        super::tenants::tenant_index(store, &tenant)?;
    }
    let output = store
        .flow_outputs
        .iter()
        .find(|(f, _)| *f == id)
        .or_else(|| store.flow_outputs.iter().find(|(f, _)| f.is_empty()))
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| json!({}));
    store.flow_runs.push(json!({
        "flowId": id,
        "input": input,
        "preview": preview,
        "tenant": tenant,
        "time": call.now,
    }));
    if store.flow_runs.len() > RUNS_KEPT {
        store.flow_runs.remove(0);
    }
    Ok(json!({ "output": output }))
}

/// `{}` → `{theme: {id, cssTemplate}}`.
pub fn theme_export(store: &mut Store, call: &Call) -> ApiResult<Value> {
    empty_body(call)?;
    Ok(store.theme_json())
}

/// `{theme: {id?, cssTemplate?}}` replaces the theme → `{theme}`.
pub fn theme_import(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let theme = match o.obj(&["theme"])? {
        Some(mut t) => {
            let id = t.str(&["id"])?.unwrap_or_default();
            let css = t.map(&["cssTemplate"])?.unwrap_or_default();
            t.finish()?;
            Some((id, css))
        }
        None => None,
    };
    let (id, css) = o.require(theme, "theme");
    o.finish()?;
    if !id.is_empty() {
        store.theme_id = id;
    }
    store.theme_css = css;
    Ok(store.theme_json())
}
