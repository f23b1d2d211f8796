//! `management.list` (reference §19): project lists of IP addresses / CIDR ranges (`ips`),
//! texts (`texts`) or one JSON document (`json`). Names are unique; `update` overwrites;
//! `add*` append what is new in order, `remove*` ignore what is absent; `checkIP` also
//! matches an address inside a stored range (open question §30.13, answered yes here).

use serde_json::{json, Map, Value};

use super::common::{body_id, check_ips, check_len, ip_within, no_empty, parse_ip, path_param};
use super::{empty, Call};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::input::dedup;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListType {
    Texts,
    Ips,
    Json,
}

impl ListType {
    /// The server's values; node's README and tests pass `ip`/`text`, taken as aliases.
    pub fn parse(s: &str) -> Option<ListType> {
        match s {
            "texts" | "text" => Some(ListType::Texts),
            "ips" | "ip" => Some(ListType::Ips),
            "json" => Some(ListType::Json),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ListType::Texts => "texts",
            ListType::Ips => "ips",
            ListType::Json => "json",
        }
    }

    fn empty_data(self) -> Value {
        match self {
            ListType::Json => Value::Object(Map::new()),
            _ => Value::Array(Vec::new()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub id: String,
    pub name: String,
    pub description: String,
    pub kind: ListType,
    /// An array of strings for `ips`/`texts`, an object for `json`.
    pub data: Value,
}

impl List {
    pub fn render(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "type": self.kind.name(),
            "data": self.data,
        })
    }

    fn items(&self) -> Vec<String> {
        self.data
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The fields of create, update, import entries and seeds: `{id?, name, description?, type,
/// data?}`.
pub struct ListInput {
    pub id: Option<String>,
    pub name: String,
    pub description: String,
    pub kind: ListType,
    pub data: Value,
}

impl ListInput {
    pub fn read(o: &mut Obj) -> ApiResult<ListInput> {
        let id = o.str(&["id"])?.filter(|s| !s.is_empty());
        let name = o.req_str(&["name"])?;
        let description = o.str(&["description"])?.unwrap_or_default();
        let type_key = o.name("type");
        let kind = match o.str(&["type"])? {
            Some(t) if !t.is_empty() => Some(ListType::parse(&t).ok_or_else(|| {
                ApiError::invalid(format!(
                    "\"{type_key}\" must be one of texts, ips, json, not \"{t}\""
                ))
            })?),
            _ => {
                o.missing("type");
                None
            }
        };
        let data_key = o.name("data");
        let raw = o.raw("data").filter(|v| !v.is_null());
        let kind = kind.unwrap_or(ListType::Texts);
        let data = check_data(kind, raw, &data_key)?;
        check_len(&name, &o.name("name"), 100)?;
        Ok(ListInput {
            id,
            name,
            description,
            kind,
            data,
        })
    }
}

/// `data` must suit the type: strings (valid addresses or ranges for `ips`), or an object.
fn check_data(kind: ListType, raw: Option<Value>, key: &str) -> ApiResult<Value> {
    let Some(raw) = raw else {
        return Ok(kind.empty_data());
    };
    match kind {
        ListType::Json => match raw {
            Value::Object(_) => Ok(raw),
            _ => Err(ApiError::invalid(format!(
                "\"{key}\" must be an object for a json list"
            ))),
        },
        ListType::Texts | ListType::Ips => {
            let items = crate::body::string_list(raw, key)?;
            check_items(kind, &items, key)?;
            Ok(json!(dedup(items)))
        }
    }
}

fn check_items(kind: ListType, items: &[String], key: &str) -> ApiResult<()> {
    match kind {
        ListType::Ips => check_ips(items, key),
        _ => no_empty(items, key),
    }
}

impl Store {
    pub fn list_index(&self, id: &str) -> ApiResult<usize> {
        self.lists
            .iter()
            .position(|l| l.id == id)
            .ok_or_else(|| ApiError::not_found("List", id))
    }

    fn list_name_free(&self, name: &str, except: Option<&str>) -> ApiResult<()> {
        match self
            .lists
            .iter()
            .find(|l| l.name == name && Some(l.id.as_str()) != except)
        {
            Some(_) => Err(ApiError::duplicate("List", "name", name)),
            None => Ok(()),
        }
    }

    /// Creates a list (ID generated unless given and free) or, with `upsert`, overwrites the
    /// list of that ID. Answers its index.
    pub fn put_list(&mut self, input: ListInput, upsert: bool) -> ApiResult<usize> {
        let existing = input
            .id
            .as_deref()
            .and_then(|id| self.lists.iter().position(|l| l.id == id));
        if existing.is_some() && !upsert {
            return Err(ApiError::duplicate(
                "List",
                "id",
                input.id.as_deref().unwrap_or_default(),
            ));
        }
        self.list_name_free(&input.name, input.id.as_deref())?;
        let id = match input.id {
            Some(id) => id,
            None => self.new_id("LS2", 28, |s, id| s.lists.iter().any(|l| l.id == id)),
        };
        let list = List {
            id,
            name: input.name,
            description: input.description,
            kind: input.kind,
            data: input.data,
        };
        Ok(match existing {
            Some(i) => {
                self.lists[i] = list;
                i
            }
            None => {
                self.lists.push(list);
                self.lists.len() - 1
            }
        })
    }
}

fn wrap(store: &Store, idx: usize) -> Value {
    json!({ "list": store.lists[idx].render() })
}

/// `POST /v1/mgmt/list` → `{list}`.
pub fn create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let input = ListInput::read(&mut o)?;
    o.finish()?;
    let idx = store.put_list(input, false)?;
    Ok(wrap(store, idx))
}

/// Full overwrite (absent description and data are cleared) → `{list}`.
pub fn update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let input = ListInput::read(&mut o)?;
    if input.id.is_none() {
        o.missing("id");
    }
    o.finish()?;
    store.list_index(input.id.as_deref().unwrap_or_default())?;
    let idx = store.put_list(input, true)?;
    Ok(wrap(store, idx))
}

pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let id = body_id(call)?;
    let idx = store.list_index(&id)?;
    store.lists.remove(idx);
    Ok(empty())
}

/// `GET /v1/mgmt/list/{id}` (the ID percent-encoded).
pub fn load(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let id = path_param(call, "/v1/mgmt/list/")?;
    let idx = store.list_index(&id)?;
    Ok(wrap(store, idx))
}

/// `GET /v1/mgmt/list/name/{name}`.
pub fn load_by_name(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let name = path_param(call, "/v1/mgmt/list/name/")?;
    let idx = store
        .lists
        .iter()
        .position(|l| l.name == name)
        .ok_or_else(|| {
            ApiError::invalid("List not found").with_message(format!("List \"{name}\" not found"))
        })?;
    Ok(wrap(store, idx))
}

pub fn load_all(store: &mut Store, call: &Call) -> ApiResult<Value> {
    call.query_obj()?.finish()?;
    let lists: Vec<Value> = store.lists.iter().map(List::render).collect();
    Ok(json!({ "lists": lists }))
}

/// `{lists: [List]}`: creates or overwrites by ID, all or nothing; names stay unique.
pub fn import(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let inputs = super::common::read_items(&mut o, "lists", ListInput::read)?;
    let inputs = o.require(inputs, "lists");
    o.finish()?;
    let mut candidate = store.clone();
    for input in inputs {
        candidate.put_list(input, true)?;
    }
    *store = candidate;
    Ok(empty())
}

/// The list of `id`, which must be of type `kind`.
fn typed(store: &Store, id: &str, kind: ListType) -> ApiResult<usize> {
    let idx = store.list_index(id)?;
    if store.lists[idx].kind != kind {
        return Err(
            ApiError::invalid(format!("List is not of type {}", kind.name())).with_message(
                format!(
                    "List \"{id}\" is of type {}, not {}",
                    store.lists[idx].kind.name(),
                    kind.name()
                ),
            ),
        );
    }
    Ok(idx)
}

/// `{id, <key>: [...]}` for add and remove.
fn read_items_body(call: &Call, key: &str, kind: ListType) -> ApiResult<(String, Vec<String>)> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    let items = o.str_list(&[key])?;
    let items = o.require(items, key);
    o.finish()?;
    check_items(kind, &items, key)?;
    Ok((id, items))
}

fn add(store: &mut Store, call: &Call, key: &str, kind: ListType) -> ApiResult<Value> {
    let (id, items) = read_items_body(call, key, kind)?;
    let idx = typed(store, &id, kind)?;
    let mut have = store.lists[idx].items();
    have.extend(items);
    store.lists[idx].data = json!(dedup(have));
    Ok(empty())
}

fn remove(store: &mut Store, call: &Call, key: &str, kind: ListType) -> ApiResult<Value> {
    let (id, items) = read_items_body(call, key, kind)?;
    let idx = typed(store, &id, kind)?;
    let mut have = store.lists[idx].items();
    have.retain(|x| !items.contains(x));
    store.lists[idx].data = json!(have);
    Ok(empty())
}

/// `{id, <key>: "..."}` for the checks.
fn read_check(call: &Call, key: &str) -> ApiResult<(String, String)> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    let value = o.req_str(&[key])?;
    o.finish()?;
    Ok((id, value))
}

pub fn add_ips(store: &mut Store, call: &Call) -> ApiResult<Value> {
    add(store, call, "ips", ListType::Ips)
}

pub fn remove_ips(store: &mut Store, call: &Call) -> ApiResult<Value> {
    remove(store, call, "ips", ListType::Ips)
}

/// `{exists}`: the address (or range) is in the list, or inside one of its ranges.
pub fn check_ip(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (id, ip) = read_check(call, "ip")?;
    if parse_ip(&ip).is_none() {
        return Err(ApiError::invalid(format!(
            "\"ip\": \"{ip}\" is not an IP address"
        )));
    }
    let idx = typed(store, &id, ListType::Ips)?;
    let exists = store.lists[idx].items().iter().any(|r| ip_within(&ip, r));
    Ok(json!({ "exists": exists }))
}

pub fn add_texts(store: &mut Store, call: &Call) -> ApiResult<Value> {
    add(store, call, "texts", ListType::Texts)
}

pub fn remove_texts(store: &mut Store, call: &Call) -> ApiResult<Value> {
    remove(store, call, "texts", ListType::Texts)
}

/// `{exists}`: exact, case-sensitive match.
pub fn check_text(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (id, text) = read_check(call, "text")?;
    let idx = typed(store, &id, ListType::Texts)?;
    let exists = store.lists[idx].items().contains(&text);
    Ok(json!({ "exists": exists }))
}

/// Keeps name, description and type; `data` back to `[]` (`{}` for json).
pub fn clear(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let id = body_id(call)?;
    let idx = store.list_index(&id)?;
    let kind = store.lists[idx].kind;
    store.lists[idx].data = kind.empty_data();
    Ok(empty())
}
