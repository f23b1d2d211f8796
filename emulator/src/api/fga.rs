//! `management.fga` (reference §13): the schema as DSL text, tuples
//! `{resource, resourceType, relation, target, targetType}`, resource display names, and
//! `check` answered from the stored tuples.
//!
//! The DSL (Descope's FGA schema language) is parsed:
//!
//! ```text
//! model AuthZ 1.0
//! type user
//! type group
//!   relation member: user
//! type doc
//!   relation parent: folder
//!   relation owner: user | group#member
//!   permission can_view: owner | parent.can_view | (viewer & can_edit) - banned
//! ```
//!
//! `check` is true for a stored tuple (`info.direct`), for a relation reached through a
//! userset (a tuple whose `targetType` is `group#member` grants its members), and for a
//! permission whose expression holds: names (a relation or permission of the same type),
//! arrows `x.y` (`y` on whatever the resource's `x` tuples point to), `|` (or), `&` (and),
//! `-` (but not); `&` and `-` bind tighter than `|`. Tuples must fit the schema when one is
//! saved; saving a schema that drops types or relations deletes their tuples (`dryRun`
//! previews exactly that).

use serde_json::{json, Value};

use super::common::read_items;
use super::{empty, Call};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::store::Store;

const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Name(String),
    Arrow(String, String),
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    But(Box<Expr>, Box<Expr>),
}

/// A relation's allowed target: a type, or a userset `type#relation`.
#[derive(Debug, Clone, PartialEq)]
pub struct Allowed {
    pub ty: String,
    pub relation: Option<String>,
}

impl Allowed {
    fn target_type(&self) -> String {
        match &self.relation {
            Some(r) => format!("{}#{r}", self.ty),
            None => self.ty.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub relations: Vec<(String, Vec<Allowed>)>,
    pub permissions: Vec<(String, Expr)>,
}

impl TypeDef {
    fn relation(&self, name: &str) -> Option<&[Allowed]> {
        self.relations
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, a)| a.as_slice())
    }

    fn permission(&self, name: &str) -> Option<&Expr> {
        self.permissions
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, e)| e)
    }

    fn has(&self, name: &str) -> bool {
        self.relation(name).is_some() || self.permission(name).is_some()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tuple {
    pub resource: String,
    pub resource_type: String,
    pub relation: String,
    pub target: String,
    pub target_type: String,
}

impl Tuple {
    pub fn render(&self) -> Value {
        json!({
            "resource": self.resource,
            "resourceType": self.resource_type,
            "relation": self.relation,
            "target": self.target,
            "targetType": self.target_type,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResourceDetails {
    pub resource_id: String,
    pub resource_type: String,
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fga {
    /// `""` = no schema.
    pub dsl: String,
    pub types: Vec<TypeDef>,
    /// Changes on every save.
    pub version: u64,
    pub tuples: Vec<Tuple>,
    pub details: Vec<ResourceDetails>,
}

impl Fga {
    fn ty(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }
}

// ---------------------------------------------------------------- the DSL

fn dsl_error(line: usize, what: impl std::fmt::Display) -> ApiError {
    ApiError::invalid(format!("Invalid FGA schema: line {line}: {what}"))
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Parses and checks a schema: `model AuthZ <version>` first, then types with their
/// relations and permissions; every name used must be declared.
pub fn parse_dsl(dsl: &str) -> ApiResult<Vec<TypeDef>> {
    let mut types: Vec<TypeDef> = Vec::new();
    let mut lines: Vec<(usize, &str)> = Vec::new();
    for (i, raw) in dsl.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with("//") || line.starts_with('#') {
            continue;
        }
        lines.push((i + 1, line));
    }
    match lines.first() {
        Some((_, l)) if l.split_whitespace().take(2).eq(["model", "AuthZ"]) => {}
        Some((n, _)) => {
            return Err(dsl_error(
                *n,
                "the schema must start with \"model AuthZ 1.0\"",
            ))
        }
        None => return Err(ApiError::invalid("Invalid FGA schema: it is empty")),
    }
    let mut at: Vec<usize> = Vec::new();
    for (n, line) in lines.iter().skip(1) {
        let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        match word {
            "type" => {
                if !is_ident(rest) {
                    return Err(dsl_error(*n, format!("\"{rest}\" is not a type name")));
                }
                if types.iter().any(|t| t.name == rest) {
                    return Err(dsl_error(*n, format!("type \"{rest}\" is declared twice")));
                }
                types.push(TypeDef {
                    name: rest.to_string(),
                    relations: Vec::new(),
                    permissions: Vec::new(),
                });
                at.push(*n);
            }
            "relation" | "permission" => {
                let Some(t) = types.last_mut() else {
                    return Err(dsl_error(*n, format!("a {word} outside of a type")));
                };
                let Some((name, def)) = rest.split_once(':') else {
                    return Err(dsl_error(*n, format!("expected \"{word} <name>: …\"")));
                };
                let name = name.trim();
                if !is_ident(name) {
                    return Err(dsl_error(*n, format!("\"{name}\" is not a {word} name")));
                }
                if t.has(name) {
                    return Err(dsl_error(
                        *n,
                        format!("\"{name}\" is declared twice in type \"{}\"", t.name),
                    ));
                }
                if word == "relation" {
                    let mut allowed = Vec::new();
                    for part in def.split('|') {
                        let part = part.trim();
                        let (ty, rel) = match part.split_once('#') {
                            Some((a, b)) => (a, Some(b.to_string())),
                            None => (part, None),
                        };
                        if !is_ident(ty) || rel.as_deref().is_some_and(|r| !is_ident(r)) {
                            return Err(dsl_error(*n, format!("\"{part}\" is not a type")));
                        }
                        allowed.push(Allowed {
                            ty: ty.to_string(),
                            relation: rel,
                        });
                    }
                    t.relations.push((name.to_string(), allowed));
                } else {
                    let expr = parse_expr(def).map_err(|e| dsl_error(*n, e))?;
                    t.permissions.push((name.to_string(), expr));
                }
            }
            _ => return Err(dsl_error(*n, format!("unexpected \"{word}\""))),
        }
    }
    check_names(&types, &lines)?;
    Ok(types)
}

/// Every type, relation and permission a definition names must exist.
fn check_names(types: &[TypeDef], lines: &[(usize, &str)]) -> ApiResult<()> {
    let line_of = |needle: &str| {
        lines
            .iter()
            .find(|(_, l)| l.contains(needle))
            .map(|(n, _)| *n)
            .unwrap_or(0)
    };
    let find = |name: &str| types.iter().find(|t| t.name == name);
    for t in types {
        for (rel, allowed) in &t.relations {
            for a in allowed {
                let Some(target) = find(&a.ty) else {
                    return Err(dsl_error(
                        line_of(&format!("relation {rel}")),
                        format!("type \"{}\" is not declared", a.ty),
                    ));
                };
                if let Some(r) = &a.relation {
                    if !target.has(r) {
                        return Err(dsl_error(
                            line_of(&format!("relation {rel}")),
                            format!("type \"{}\" has no relation \"{r}\"", a.ty),
                        ));
                    }
                }
            }
        }
        for (perm, expr) in &t.permissions {
            let mut problem = None;
            walk_expr(expr, &mut |e| match e {
                Expr::Name(n) if !t.has(n) => {
                    problem.get_or_insert(format!("\"{n}\" is not a relation of \"{}\"", t.name));
                }
                Expr::Arrow(x, y) => match t.relation(x) {
                    None => {
                        problem
                            .get_or_insert(format!("\"{x}\" is not a relation of \"{}\"", t.name));
                    }
                    Some(allowed) => {
                        let reachable = allowed
                            .iter()
                            .filter_map(|a| find(&a.ty))
                            .any(|target| target.has(y));
                        if !reachable {
                            problem.get_or_insert(format!("no type \"{x}\" points to has \"{y}\""));
                        }
                    }
                },
                _ => {}
            });
            if let Some(p) = problem {
                return Err(dsl_error(line_of(&format!("permission {perm}")), p));
            }
        }
    }
    Ok(())
}

fn walk_expr(e: &Expr, f: &mut impl FnMut(&Expr)) {
    f(e);
    match e {
        Expr::Or(a, b) | Expr::And(a, b) | Expr::But(a, b) => {
            walk_expr(a, f);
            walk_expr(b, f);
        }
        _ => {}
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Dot,
    Or,
    And,
    But,
    Open,
    Close,
}

fn tokens(s: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' => {}
            '.' => out.push(Token::Dot),
            '|' => out.push(Token::Or),
            '&' => out.push(Token::And),
            '-' => out.push(Token::But),
            '(' => out.push(Token::Open),
            ')' => out.push(Token::Close),
            c if c.is_ascii_alphanumeric() || c == '_' => {
                let start = i;
                while i + 1 < chars.len()
                    && (chars[i + 1].is_ascii_alphanumeric() || chars[i + 1] == '_')
                {
                    i += 1;
                }
                out.push(Token::Ident(chars[start..=i].iter().collect()));
            }
            other => return Err(format!("unexpected \"{other}\"")),
        }
        i += 1;
    }
    Ok(out)
}

fn parse_expr(s: &str) -> Result<Expr, String> {
    let toks = tokens(s)?;
    let mut pos = 0;
    let e = parse_or(&toks, &mut pos)?;
    if pos != toks.len() {
        return Err("unexpected text after the expression".into());
    }
    Ok(e)
}

fn parse_or(t: &[Token], pos: &mut usize) -> Result<Expr, String> {
    let mut left = parse_and(t, pos)?;
    while t.get(*pos) == Some(&Token::Or) {
        *pos += 1;
        let right = parse_and(t, pos)?;
        left = Expr::Or(Box::new(left), Box::new(right));
    }
    Ok(left)
}

fn parse_and(t: &[Token], pos: &mut usize) -> Result<Expr, String> {
    let mut left = parse_term(t, pos)?;
    loop {
        match t.get(*pos) {
            Some(Token::And) => {
                *pos += 1;
                let right = parse_term(t, pos)?;
                left = Expr::And(Box::new(left), Box::new(right));
            }
            Some(Token::But) => {
                *pos += 1;
                let right = parse_term(t, pos)?;
                left = Expr::But(Box::new(left), Box::new(right));
            }
            _ => return Ok(left),
        }
    }
}

fn parse_term(t: &[Token], pos: &mut usize) -> Result<Expr, String> {
    match t.get(*pos) {
        Some(Token::Open) => {
            *pos += 1;
            let e = parse_or(t, pos)?;
            if t.get(*pos) != Some(&Token::Close) {
                return Err("missing \")\"".into());
            }
            *pos += 1;
            Ok(e)
        }
        Some(Token::Ident(a)) => {
            *pos += 1;
            if t.get(*pos) == Some(&Token::Dot) {
                *pos += 1;
                match t.get(*pos) {
                    Some(Token::Ident(b)) => {
                        *pos += 1;
                        Ok(Expr::Arrow(a.clone(), b.clone()))
                    }
                    _ => Err(format!("expected a name after \"{a}.\"")),
                }
            } else {
                Ok(Expr::Name(a.clone()))
            }
        }
        _ => Err("expected a relation or permission name".into()),
    }
}

// ---------------------------------------------------------------- evaluation

struct Eval<'a> {
    fga: &'a Fga,
    open: Vec<(String, String, String)>,
}

impl Eval<'_> {
    /// Does `(target, target_type)` hold `relation` on `(resource, resource_type)`?
    fn check(
        &mut self,
        resource: &str,
        rtype: &str,
        relation: &str,
        target: &str,
        ttype: &str,
    ) -> bool {
        let key = (
            format!("{rtype}:{resource}"),
            relation.to_string(),
            format!("{ttype}:{target}"),
        );
        if self.open.len() >= MAX_DEPTH || self.open.contains(&key) {
            return false;
        }
        self.open.push(key);
        let answer = self.check_inner(resource, rtype, relation, target, ttype);
        self.open.pop();
        answer
    }

    fn direct(
        &self,
        resource: &str,
        rtype: &str,
        relation: &str,
        target: &str,
        ttype: &str,
    ) -> bool {
        self.fga.tuples.iter().any(|t| {
            t.resource == resource
                && t.resource_type == rtype
                && t.relation == relation
                && t.target == target
                && t.target_type == ttype
        })
    }

    fn check_inner(
        &mut self,
        resource: &str,
        rtype: &str,
        relation: &str,
        target: &str,
        ttype: &str,
    ) -> bool {
        if self.direct(resource, rtype, relation, target, ttype) {
            return true;
        }
        let Some(def) = self.fga.ty(rtype).cloned() else {
            return false;
        };
        if let Some(allowed) = def.relation(relation) {
            // Usersets: a tuple to `group#member` grants the group's members.
            let sets: Vec<(String, String, String)> = self
                .fga
                .tuples
                .iter()
                .filter(|t| {
                    t.resource == resource && t.resource_type == rtype && t.relation == relation
                })
                .filter_map(|t| {
                    let (ty, rel) = t.target_type.split_once('#')?;
                    let ok = allowed
                        .iter()
                        .any(|a| a.ty == ty && a.relation.as_deref() == Some(rel));
                    ok.then(|| (t.target.clone(), ty.to_string(), rel.to_string()))
                })
                .collect();
            return sets
                .iter()
                .any(|(x, ty, rel)| self.check(x, ty, rel, target, ttype));
        }
        match def.permission(relation) {
            Some(e) => self.expr(e, resource, rtype, target, ttype),
            None => false,
        }
    }

    fn expr(&mut self, e: &Expr, resource: &str, rtype: &str, target: &str, ttype: &str) -> bool {
        match e {
            Expr::Name(n) => self.check(resource, rtype, n, target, ttype),
            Expr::Arrow(x, y) => {
                let next: Vec<(String, String)> = self
                    .fga
                    .tuples
                    .iter()
                    .filter(|t| {
                        t.resource == resource
                            && t.resource_type == rtype
                            && t.relation == *x
                            && !t.target_type.contains('#')
                    })
                    .map(|t| (t.target.clone(), t.target_type.clone()))
                    .collect();
                next.iter()
                    .any(|(r, rt)| self.check(r, rt, y, target, ttype))
            }
            Expr::Or(a, b) => {
                self.expr(a, resource, rtype, target, ttype)
                    || self.expr(b, resource, rtype, target, ttype)
            }
            Expr::And(a, b) => {
                self.expr(a, resource, rtype, target, ttype)
                    && self.expr(b, resource, rtype, target, ttype)
            }
            Expr::But(a, b) => {
                self.expr(a, resource, rtype, target, ttype)
                    && !self.expr(b, resource, rtype, target, ttype)
            }
        }
    }
}

// ---------------------------------------------------------------- handlers

fn read_tuple(o: &mut Obj) -> ApiResult<Tuple> {
    Ok(Tuple {
        resource: o.req_str(&["resource"])?,
        resource_type: o.req_str(&["resourceType"])?,
        relation: o.req_str(&["relation"])?,
        target: o.req_str(&["target"])?,
        target_type: o.req_str(&["targetType"])?,
    })
}

fn read_tuples(o: &mut Obj) -> ApiResult<Vec<Tuple>> {
    match read_items(o, "tuples", read_tuple)? {
        Some(t) if !t.is_empty() => Ok(t),
        _ => {
            o.missing("tuples");
            Ok(Vec::new())
        }
    }
}

/// With a schema, a tuple's resource type must be declared, its relation a relation (not a
/// permission) of that type, and its target type one the relation allows.
pub fn check_tuple(fga: &Fga, t: &Tuple) -> ApiResult<()> {
    if fga.dsl.is_empty() {
        return Ok(());
    }
    let Some(def) = fga.ty(&t.resource_type) else {
        return Err(ApiError::invalid(format!(
            "type \"{}\" is not in the FGA schema",
            t.resource_type
        )));
    };
    let Some(allowed) = def.relation(&t.relation) else {
        return Err(ApiError::invalid(format!(
            "\"{}\" is not a relation of type \"{}\"",
            t.relation, t.resource_type
        )));
    };
    if !allowed.iter().any(|a| a.target_type() == t.target_type) {
        let shown: Vec<String> = allowed.iter().map(Allowed::target_type).collect();
        return Err(ApiError::invalid(format!(
            "relation \"{}#{}\" takes {}, not \"{}\"",
            t.resource_type,
            t.relation,
            shown.join(" | "),
            t.target_type
        )));
    }
    Ok(())
}

/// What saving `types` would delete: the tuples that do not fit them, as the relations
/// (`type#relation`) and types they belong to. Tuples stored before any schema count too.
fn deletes(fga: &Fga, types: &[TypeDef]) -> (Vec<String>, Vec<String>) {
    let mut rels = Vec::new();
    let mut gone_types = Vec::new();
    for t in &fga.tuples {
        match types.iter().find(|x| x.name == t.resource_type) {
            None => {
                if !gone_types.contains(&t.resource_type) {
                    gone_types.push(t.resource_type.clone());
                }
            }
            Some(def) if def.relation(&t.relation).is_none() => {
                let r = format!("{}#{}", t.resource_type, t.relation);
                if !rels.contains(&r) {
                    rels.push(r);
                }
            }
            Some(_) => {}
        }
    }
    (rels, gone_types)
}

fn read_dsl(call: &Call) -> ApiResult<(String, Vec<TypeDef>)> {
    let mut o = call.body_obj()?;
    let dsl = o.req_str(&["dsl"])?;
    o.finish()?;
    let types = parse_dsl(&dsl)?;
    Ok((dsl, types))
}

/// `{dsl}`: replaces the schema; tuples whose type or relation it does not have are deleted
/// (with the details of dropped types).
pub fn save_schema(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (dsl, types) = read_dsl(call)?;
    let fga = &mut store.fga;
    let keep = |t: &Tuple| {
        types
            .iter()
            .find(|x| x.name == t.resource_type)
            .is_some_and(|d| d.relation(&t.relation).is_some())
    };
    fga.tuples.retain(keep);
    fga.details
        .retain(|d| types.iter().any(|t| t.name == d.resource_type));
    fga.dsl = dsl;
    fga.types = types;
    fga.version += 1;
    Ok(empty())
}

pub fn load_schema(store: &mut Store, call: &Call) -> ApiResult<Value> {
    call.query_obj()?.finish()?;
    Ok(json!({ "dsl": store.fga.dsl }))
}

/// `{dsl}` → `{deletesPreview: {hasDeletes, relations, types}}`: what saving would delete.
pub fn dry_run_schema(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let (_, types) = read_dsl(call)?;
    let (relations, gone) = deletes(&store.fga, &types);
    Ok(json!({ "deletesPreview": {
        "hasDeletes": !(relations.is_empty() && gone.is_empty()),
        "relations": relations,
        "types": gone,
    }}))
}

/// `{tuples}`: all or nothing; each must fit the schema; a stored tuple is not stored twice.
pub fn create_relations(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tuples = read_tuples(&mut o)?;
    o.finish()?;
    for t in &tuples {
        check_tuple(&store.fga, t)?;
    }
    for t in tuples {
        if !store.fga.tuples.contains(&t) {
            store.fga.tuples.push(t);
        }
    }
    Ok(empty())
}

pub fn delete_relations(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tuples = read_tuples(&mut o)?;
    o.finish()?;
    store.fga.tuples.retain(|t| !tuples.contains(t));
    Ok(empty())
}

/// `DELETE /v1/mgmt/fga/relations` (no body): every tuple.
pub fn delete_all_relations(store: &mut Store, call: &Call) -> ApiResult<Value> {
    call.query_obj()?.finish()?;
    store.fga.tuples.clear();
    Ok(empty())
}

/// `{tuples, context?}` → `{tuples: [{allowed, tuple, info: {direct}}]}`.
pub fn check(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tuples = read_tuples(&mut o)?;
    o.map(&["context"])?;
    o.bool(&["listConditions"])?;
    o.finish()?;
    let mut eval = Eval {
        fga: &store.fga,
        open: Vec::new(),
    };
    let out: Vec<Value> = tuples
        .iter()
        .map(|t| {
            let direct = eval.direct(
                &t.resource,
                &t.resource_type,
                &t.relation,
                &t.target,
                &t.target_type,
            );
            let allowed = direct
                || eval.check(
                    &t.resource,
                    &t.resource_type,
                    &t.relation,
                    &t.target,
                    &t.target_type,
                );
            json!({ "allowed": allowed, "tuple": t.render(), "info": { "direct": direct } })
        })
        .collect();
    Ok(json!({ "tuples": out }))
}

fn details_json(d: &ResourceDetails) -> Value {
    json!({
        "resourceId": d.resource_id,
        "resourceType": d.resource_type,
        "displayName": d.display_name,
    })
}

/// `{resourceIdentifiers: [{resourceId, resourceType}]}` → `{resourcesDetails}` (the known
/// ones, in the order asked).
pub fn load_resources_details(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let ids = read_items(&mut o, "resourceIdentifiers", |r| {
        Ok((r.req_str(&["resourceId"])?, r.req_str(&["resourceType"])?))
    })?;
    let ids = o.require(ids, "resourceIdentifiers");
    o.finish()?;
    let out: Vec<Value> = ids
        .iter()
        .filter_map(|(id, ty)| {
            store
                .fga
                .details
                .iter()
                .find(|d| d.resource_id == *id && d.resource_type == *ty)
        })
        .map(details_json)
        .collect();
    Ok(json!({ "resourcesDetails": out }))
}

/// `{resourcesDetails: [{resourceId, resourceType, displayName}]}`: added or replaced.
pub fn save_resources_details(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let list = read_items(&mut o, "resourcesDetails", |r| {
        Ok(ResourceDetails {
            resource_id: r.req_str(&["resourceId"])?,
            resource_type: r.req_str(&["resourceType"])?,
            display_name: r.str(&["displayName"])?.unwrap_or_default(),
        })
    })?;
    let list = o.require(list, "resourcesDetails");
    o.finish()?;
    for d in list {
        store
            .fga
            .details
            .retain(|x| !(x.resource_id == d.resource_id && x.resource_type == d.resource_type));
        store.fga.details.push(d);
    }
    Ok(empty())
}

/// Resources of a type: those its tuples name, then those with details; with display names.
fn resources_of(fga: &Fga, ty: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let names = fga
        .tuples
        .iter()
        .filter(|t| t.resource_type == ty)
        .map(|t| t.resource.clone())
        .chain(
            fga.details
                .iter()
                .filter(|d| d.resource_type == ty)
                .map(|d| d.resource_id.clone()),
        );
    for r in names {
        if !out.iter().any(|(x, _)| *x == r) {
            let display = fga
                .details
                .iter()
                .find(|d| d.resource_type == ty && d.resource_id == r)
                .map(|d| d.display_name.clone())
                .unwrap_or_default();
            out.push((r, display));
        }
    }
    out
}

fn resource_json((r, display): &(String, String)) -> Value {
    if display.is_empty() {
        json!({ "resource": r })
    } else {
        json!({ "resource": r, "displayName": display })
    }
}

fn limit(v: Option<i64>, key: &str) -> ApiResult<usize> {
    match v {
        None | Some(0) => Ok(usize::MAX),
        Some(n) if n > 0 => Ok(n as usize),
        Some(_) => Err(ApiError::invalid(format!("\"{key}\" must not be negative"))),
    }
}

/// `?tenantId[&resourcesLimit]` → `{schema, mappableResources}`: the schema's types and
/// relations in the ReBAC shape, and the resources of each type (at most the limit).
pub fn load_mappable_schema(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut q = call.query_obj()?;
    let tenant = q.req_str(&["tenantId"])?;
    let max = q.int(&["resourcesLimit"])?;
    q.finish()?;
    super::tenants::tenant_index(store, &tenant)?;
    let max = limit(max, "resourcesLimit")?;
    let namespaces: Vec<Value> = store
        .fga
        .types
        .iter()
        .map(|t| {
            json!({
                "name": t.name,
                "relationDefinitions": t.relations.iter()
                    .map(|(n, _)| json!({ "name": n })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let resources: Vec<Value> = store
        .fga
        .types
        .iter()
        .filter_map(|t| {
            let list = resources_of(&store.fga, &t.name);
            (!list.is_empty()).then(|| {
                json!({
                    "type": t.name,
                    "resources": list.iter().take(max).map(resource_json).collect::<Vec<_>>(),
                })
            })
        })
        .collect();
    Ok(json!({
        "schema": { "name": "", "namespaces": namespaces },
        "mappableResources": resources,
    }))
}

/// `{tenantId, resourcesQueries: [{type, queries}], resourcesLimit?}` →
/// `{mappableResources}`: per type, the resources whose ID or display name contains one of
/// the queries (case-insensitive; no queries = all).
pub fn search_mappable_resources(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let tenant = o.req_str(&["tenantId"])?;
    let queries = read_items(&mut o, "resourcesQueries", |q| {
        Ok((
            q.req_str(&["type"])?,
            q.str_list(&["queries"])?.unwrap_or_default(),
        ))
    })?;
    let queries = o.require(queries, "resourcesQueries");
    let max = o.int(&["resourcesLimit"])?;
    o.finish()?;
    super::tenants::tenant_index(store, &tenant)?;
    let max = limit(max, "resourcesLimit")?;
    let out: Vec<Value> = queries
        .iter()
        .map(|(ty, words)| {
            let words: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
            let found: Vec<Value> = resources_of(&store.fga, ty)
                .iter()
                .filter(|(r, d)| {
                    words.is_empty()
                        || words
                            .iter()
                            .any(|w| r.to_lowercase().contains(w) || d.to_lowercase().contains(w))
                })
                .take(max)
                .map(resource_json)
                .collect();
            json!({ "type": ty, "resources": found })
        })
        .collect();
    Ok(json!({ "mappableResources": out }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DSL: &str = "model AuthZ 1.0\n\ntype user\n\ntype group\n  relation member: user\n\n\
        type folder\n  relation owner: user | group#member\n  relation viewer: user\n\
        \n  permission can_view: viewer | owner\n\ntype doc\n  relation parent: folder\n\
        \n  relation banned: user\n  permission can_view: parent.can_view - banned\n";

    #[test]
    fn parses_and_checks_names() {
        let types = parse_dsl(DSL).unwrap();
        assert_eq!(types.len(), 4);
        assert!(parse_dsl("type user").is_err());
        let e = parse_dsl("model AuthZ 1.0\ntype doc\n  relation owner: nobody\n").unwrap_err();
        assert!(e.description.contains("line 3"), "{}", e.description);
        assert!(parse_dsl("model AuthZ 1.0\ntype doc\n  permission p: q\n").is_err());
        assert_eq!(
            parse_expr("a | b & c").unwrap(),
            Expr::Or(
                Box::new(Expr::Name("a".into())),
                Box::new(Expr::And(
                    Box::new(Expr::Name("b".into())),
                    Box::new(Expr::Name("c".into()))
                ))
            )
        );
        assert!(parse_expr("(a | b").is_err());
    }
}
