//! `management.authz` (reference §12): the ReBAC schema (namespaces with relation
//! definitions, optionally built from nodes), the stored relations, and the questions
//! answered from them.
//!
//! Evaluation (reference §12.2–§12.3, Descope's schema documentation): a relation definition
//! without a `complexDefinition` holds exactly its stored relations (`self`). A node is
//! `child` (one expression), `union` (any child), `intersect` (every child) or `sub` (the
//! first child but none of the others). Expressions:
//! - `self`: a stored relation of this resource and definition whose target is the target,
//!   or whose target set (`targetSetResource#targetSetRelationDefinition`) the target holds
//!   (evaluated), or whose user query (ABAC) the target user matches;
//! - `targetSet`: the target holds `targetRelationDefinition` on the same resource;
//! - `relationLeft`: the resource has a stored `relationDefinition` relation to some X, and
//!   the target holds `targetRelationDefinition` on X;
//! - `relationRight`: some X has a stored `relationDefinition` relation to the resource, and
//!   the target holds `targetRelationDefinition` on X.
//!
//! `hasRelations`, `whoCanAccess`, `whatCanTargetAccess(WithRelation)` evaluate;
//! `resourceRelations` and `targetsRelations` list stored relations (non-recursive).

use serde_json::{json, Map, Value};

use super::common::{empty_body, read_items};
use super::{empty, Call};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::store::{Store, User};

/// How deep derived relations are followed before the answer is "no" (cycles stop earlier).
const MAX_DEPTH: usize = 32;
/// Changes `getModified` remembers.
const CHANGES_KEPT: usize = 10_000;

const NODE_TYPES: &[&str] = &["child", "union", "intersect", "sub"];
const EXPRESSION_TYPES: &[&str] = &["self", "targetSet", "relationLeft", "relationRight"];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Expression {
    pub ne_type: String,
    pub relation_definition: String,
    pub relation_definition_namespace: String,
    pub target_relation_definition: String,
    pub target_relation_definition_namespace: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Node {
    pub n_type: String,
    pub children: Vec<Node>,
    pub expression: Option<Expression>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct RelationDefinition {
    pub name: String,
    pub complex: Option<Node>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Namespace {
    pub name: String,
    pub relation_definitions: Vec<RelationDefinition>,
}

/// ABAC: a relation whose targets are the users matching this query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserQuery {
    pub tenants: Vec<String>,
    pub roles: Vec<String>,
    pub text: String,
    pub statuses: Vec<String>,
    pub sso_only: bool,
    pub with_test_user: bool,
    pub custom_attributes: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub resource: String,
    pub relation_definition: String,
    pub namespace: String,
    pub target: String,
    pub target_set_resource: String,
    pub target_set_relation_definition: String,
    pub target_set_relation_definition_namespace: String,
    pub query: Option<UserQuery>,
}

/// Resources and targets touched at a moment (epoch ms), for `getModified`.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub at: i64,
    pub resources: Vec<String>,
    pub targets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Authz {
    pub schema_name: String,
    pub namespaces: Vec<Namespace>,
    pub relations: Vec<Relation>,
    pub changes: Vec<Change>,
    /// Epoch ms of the last schema change, 0 = never.
    pub schema_changed: i64,
}

// ---------------------------------------------------------------- rendering

impl Expression {
    fn render(&self) -> Value {
        let mut m = Map::new();
        m.insert("neType".into(), json!(self.ne_type));
        for (k, v) in [
            ("relationDefinition", &self.relation_definition),
            (
                "relationDefinitionNamespace",
                &self.relation_definition_namespace,
            ),
            ("targetRelationDefinition", &self.target_relation_definition),
            (
                "targetRelationDefinitionNamespace",
                &self.target_relation_definition_namespace,
            ),
        ] {
            if !v.is_empty() {
                m.insert(k.into(), json!(v));
            }
        }
        Value::Object(m)
    }
}

impl Node {
    fn render(&self) -> Value {
        let mut m = Map::new();
        m.insert("nType".into(), json!(self.n_type));
        if !self.children.is_empty() {
            m.insert(
                "children".into(),
                Value::Array(self.children.iter().map(Node::render).collect()),
            );
        }
        if let Some(e) = &self.expression {
            m.insert("expression".into(), e.render());
        }
        Value::Object(m)
    }

    /// `(namespace, definition)` pairs the expressions of this tree name.
    fn references(&self, ns: &str, out: &mut Vec<(String, String)>) {
        if let Some(e) = &self.expression {
            if !e.relation_definition.is_empty() {
                out.push((
                    or(&e.relation_definition_namespace, ns),
                    e.relation_definition.clone(),
                ));
            }
            if !e.target_relation_definition.is_empty() {
                out.push((
                    or(&e.target_relation_definition_namespace, ns),
                    e.target_relation_definition.clone(),
                ));
            }
        }
        for c in &self.children {
            c.references(ns, out);
        }
    }
}

fn or(a: &str, b: &str) -> String {
    if a.is_empty() { b } else { a }.to_string()
}

impl RelationDefinition {
    fn render(&self) -> Value {
        let mut m = Map::new();
        m.insert("name".into(), json!(self.name));
        if let Some(c) = &self.complex {
            m.insert("complexDefinition".into(), c.render());
        }
        Value::Object(m)
    }
}

impl Namespace {
    pub fn render(&self) -> Value {
        json!({
            "name": self.name,
            "relationDefinitions": self.relation_definitions.iter()
                .map(RelationDefinition::render).collect::<Vec<_>>(),
        })
    }
}

impl UserQuery {
    fn render(&self) -> Value {
        json!({
            "tenants": self.tenants,
            "roles": self.roles,
            "text": self.text,
            "statuses": self.statuses,
            "ssoOnly": self.sso_only,
            "withTestUser": self.with_test_user,
            "customAttributes": self.custom_attributes,
        })
    }
}

impl Relation {
    pub fn render(&self) -> Value {
        let mut v = json!({
            "resource": self.resource,
            "relationDefinition": self.relation_definition,
            "namespace": self.namespace,
            "target": self.target,
            "targetSetResource": self.target_set_resource,
            "targetSetRelationDefinition": self.target_set_relation_definition,
            "targetSetRelationDefinitionNamespace": self.target_set_relation_definition_namespace,
        });
        if let Some(q) = &self.query {
            v["query"] = q.render();
        }
        v
    }

    fn is_target_set(&self) -> bool {
        !self.target_set_resource.is_empty()
    }
}

impl Authz {
    pub fn render_schema(&self) -> Value {
        json!({
            "name": self.schema_name,
            "namespaces": self.namespaces.iter().map(Namespace::render).collect::<Vec<_>>(),
        })
    }

    fn namespace(&self, name: &str) -> Option<&Namespace> {
        self.namespaces.iter().find(|n| n.name == name)
    }

    fn definition(&self, ns: &str, rd: &str) -> Option<&RelationDefinition> {
        self.namespace(ns)?
            .relation_definitions
            .iter()
            .find(|d| d.name == rd)
    }

    /// A relation's namespace and definitions (its own, its target set's) must exist.
    pub fn check_relation(&self, r: &Relation) -> ApiResult<()> {
        if self.namespace(&r.namespace).is_none() {
            return Err(ApiError::not_found("Namespace", &r.namespace));
        }
        if self
            .definition(&r.namespace, &r.relation_definition)
            .is_none()
        {
            return Err(
                ApiError::not_found("Relation definition", &r.relation_definition).with_message(
                    format!(
                        "Relation definition \"{}\" not found in namespace \"{}\"",
                        r.relation_definition, r.namespace
                    ),
                ),
            );
        }
        if r.is_target_set()
            && self
                .definition(
                    &r.target_set_relation_definition_namespace,
                    &r.target_set_relation_definition,
                )
                .is_none()
        {
            return Err(ApiError::not_found(
                "Relation definition",
                &r.target_set_relation_definition,
            )
            .with_message(format!(
                "Target set relation definition \"{}\" not found in namespace \"{}\"",
                r.target_set_relation_definition, r.target_set_relation_definition_namespace
            )));
        }
        Ok(())
    }

    /// Every name the schema's expressions use must exist.
    pub fn check_references(&self) -> ApiResult<()> {
        for ns in &self.namespaces {
            for rd in &ns.relation_definitions {
                let mut refs = Vec::new();
                if let Some(c) = &rd.complex {
                    c.references(&ns.name, &mut refs);
                }
                for (rns, rrd) in refs {
                    if self.definition(&rns, &rrd).is_none() {
                        return Err(ApiError::invalid(format!(
                            "Relation definition \"{}\" of namespace \"{}\" refers to \
                             \"{rrd}\" in namespace \"{rns}\", which does not exist",
                            rd.name, ns.name
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    /// Drops relations whose namespace or definition no longer exists.
    fn prune(&mut self, now_ms: i64) {
        let mut gone = Vec::new();
        let schema = self.clone();
        self.relations.retain(|r| {
            let keep = schema
                .definition(&r.namespace, &r.relation_definition)
                .is_some()
                && (!r.is_target_set()
                    || schema
                        .definition(
                            &r.target_set_relation_definition_namespace,
                            &r.target_set_relation_definition,
                        )
                        .is_some());
            if !keep {
                gone.push(r.clone());
            }
            keep
        });
        self.note(&gone, now_ms);
    }

    fn note(&mut self, relations: &[Relation], now_ms: i64) {
        if relations.is_empty() {
            return;
        }
        let mut c = Change {
            at: now_ms,
            resources: Vec::new(),
            targets: Vec::new(),
        };
        for r in relations {
            if !c.resources.contains(&r.resource) {
                c.resources.push(r.resource.clone());
            }
            let t = if r.is_target_set() {
                &r.target_set_resource
            } else {
                &r.target
            };
            if !t.is_empty() && !c.targets.contains(t) {
                c.targets.push(t.clone());
            }
        }
        self.changes.push(c);
        if self.changes.len() > CHANGES_KEPT {
            let extra = self.changes.len() - CHANGES_KEPT;
            self.changes.drain(..extra);
        }
    }

    fn schema_changed(&mut self, now_ms: i64) {
        self.schema_changed = now_ms;
    }
}

// ---------------------------------------------------------------- parsing

fn read_expression(o: &mut Obj) -> ApiResult<Expression> {
    let e = Expression {
        ne_type: o.req_str(&["neType"])?,
        relation_definition: o.str(&["relationDefinition"])?.unwrap_or_default(),
        relation_definition_namespace: o.str(&["relationDefinitionNamespace"])?.unwrap_or_default(),
        target_relation_definition: o.str(&["targetRelationDefinition"])?.unwrap_or_default(),
        target_relation_definition_namespace: o
            .str(&["targetRelationDefinitionNamespace"])?
            .unwrap_or_default(),
    };
    if !e.ne_type.is_empty() && !EXPRESSION_TYPES.contains(&e.ne_type.as_str()) {
        return Err(ApiError::invalid(format!(
            "\"{}\" must be one of {}, not \"{}\"",
            o.name("neType"),
            EXPRESSION_TYPES.join(", "),
            e.ne_type
        )));
    }
    let needs_relation = matches!(e.ne_type.as_str(), "relationLeft" | "relationRight");
    if needs_relation && e.relation_definition.is_empty() {
        o.missing("relationDefinition");
    }
    if e.ne_type != "self" && !e.ne_type.is_empty() && e.target_relation_definition.is_empty() {
        o.missing("targetRelationDefinition");
    }
    Ok(e)
}

fn read_node(o: &mut Obj) -> ApiResult<Node> {
    let n_type = o.req_str(&["nType"])?;
    if !n_type.is_empty() && !NODE_TYPES.contains(&n_type.as_str()) {
        return Err(ApiError::invalid(format!(
            "\"{}\" must be one of {}, not \"{n_type}\"",
            o.name("nType"),
            NODE_TYPES.join(", ")
        )));
    }
    let children = read_items(o, "children", read_node)?.unwrap_or_default();
    let expression = match o.obj(&["expression"])? {
        Some(mut e) => {
            let x = read_expression(&mut e)?;
            e.finish()?;
            Some(x)
        }
        None => None,
    };
    if n_type == "child" && expression.is_none() {
        o.missing("expression");
    }
    if n_type != "child" && !n_type.is_empty() && children.is_empty() {
        o.missing("children");
    }
    Ok(Node {
        n_type,
        children,
        expression,
    })
}

pub fn read_definition(o: &mut Obj) -> ApiResult<RelationDefinition> {
    let name = o.req_str(&["name"])?;
    let complex = match o.obj(&["complexDefinition"])? {
        Some(mut c) => {
            let n = read_node(&mut c)?;
            c.finish()?;
            Some(n)
        }
        None => None,
    };
    Ok(RelationDefinition { name, complex })
}

pub fn read_namespace(o: &mut Obj) -> ApiResult<Namespace> {
    let name = o.req_str(&["name"])?;
    let relation_definitions =
        read_items(o, "relationDefinitions", read_definition)?.unwrap_or_default();
    for (i, d) in relation_definitions.iter().enumerate() {
        if relation_definitions[..i].iter().any(|x| x.name == d.name) {
            return Err(ApiError::invalid(format!(
                "namespace \"{name}\" defines \"{}\" twice",
                d.name
            )));
        }
    }
    Ok(Namespace {
        name,
        relation_definitions,
    })
}

/// `{name?, namespaces}`.
pub fn read_schema(o: &mut Obj) -> ApiResult<(String, Vec<Namespace>)> {
    let name = o.str(&["name"])?.unwrap_or_default();
    let namespaces = read_items(o, "namespaces", read_namespace)?.unwrap_or_default();
    for (i, n) in namespaces.iter().enumerate() {
        if namespaces[..i].iter().any(|x| x.name == n.name) {
            return Err(ApiError::invalid(format!(
                "the schema defines namespace \"{}\" twice",
                n.name
            )));
        }
    }
    Ok((name, namespaces))
}

fn read_query(o: &mut Obj) -> ApiResult<UserQuery> {
    let mut statuses = o.str_list(&["statuses"])?.unwrap_or_default();
    // Go sends `userStatus` where node's type says `statuses`.
    statuses.extend(o.str_list(&["userStatus"])?.unwrap_or_default());
    Ok(UserQuery {
        tenants: o.str_list(&["tenants"])?.unwrap_or_default(),
        roles: o.str_list(&["roles"])?.unwrap_or_default(),
        text: o.str(&["text"])?.unwrap_or_default(),
        statuses,
        sso_only: o.bool(&["ssoOnly"])?.unwrap_or(false),
        with_test_user: o.bool(&["withTestUser"])?.unwrap_or(false),
        custom_attributes: o.map(&["customAttributes"])?.unwrap_or_default(),
    })
}

/// A relation: a target, a target set (all three keys) or a user query — exactly one.
pub fn read_relation(o: &mut Obj) -> ApiResult<Relation> {
    let r = Relation {
        resource: o.req_str(&["resource"])?,
        relation_definition: o.req_str(&["relationDefinition"])?,
        namespace: o.req_str(&["namespace"])?,
        target: o.str(&["target"])?.unwrap_or_default(),
        target_set_resource: o.str(&["targetSetResource"])?.unwrap_or_default(),
        target_set_relation_definition: o
            .str(&["targetSetRelationDefinition"])?
            .unwrap_or_default(),
        target_set_relation_definition_namespace: o
            .str(&["targetSetRelationDefinitionNamespace"])?
            .unwrap_or_default(),
        query: match o.obj(&["query"])? {
            Some(mut q) => {
                let x = read_query(&mut q)?;
                q.finish()?;
                Some(x)
            }
            None => None,
        },
    };
    let set_parts = [
        &r.target_set_resource,
        &r.target_set_relation_definition,
        &r.target_set_relation_definition_namespace,
    ];
    let set = set_parts.iter().any(|p| !p.is_empty());
    if set && set_parts.iter().any(|p| p.is_empty()) {
        return Err(ApiError::invalid(format!(
            "\"{}\": a target set needs targetSetResource, targetSetRelationDefinition and \
             targetSetRelationDefinitionNamespace",
            o.name("targetSetResource")
        )));
    }
    let kinds =
        usize::from(!r.target.is_empty()) + usize::from(set) + usize::from(r.query.is_some());
    if kinds == 0 {
        o.missing("target");
    } else if kinds > 1 {
        return Err(ApiError::invalid(format!(
            "\"{}\": a relation has one target, target set or query, not several",
            o.name("target")
        )));
    }
    Ok(r)
}

// ---------------------------------------------------------------- evaluation

struct Eval<'a> {
    store: &'a Store,
    authz: &'a Authz,
    /// Questions being answered further up: asking one again is a cycle (answered "no").
    open: Vec<(String, String, String, String)>,
}

impl Eval<'_> {
    fn new(store: &Store) -> Eval<'_> {
        Eval {
            store,
            authz: &store.authz,
            open: Vec::new(),
        }
    }

    /// Does `target` hold `rd` (of namespace `ns`) on `resource`?
    fn check(&mut self, resource: &str, rd: &str, ns: &str, target: &str) -> bool {
        let key = (
            resource.to_string(),
            rd.to_string(),
            ns.to_string(),
            target.to_string(),
        );
        if self.open.len() >= MAX_DEPTH || self.open.contains(&key) {
            return false;
        }
        self.open.push(key);
        let complex = self
            .authz
            .definition(ns, rd)
            .and_then(|d| d.complex.clone());
        let answer = match complex {
            None => self.direct(resource, rd, ns, target),
            Some(node) => self.node(&node, resource, rd, ns, target),
        };
        self.open.pop();
        answer
    }

    fn node(&mut self, n: &Node, resource: &str, rd: &str, ns: &str, target: &str) -> bool {
        match n.n_type.as_str() {
            "child" => match &n.expression {
                Some(e) => self.expression(e, resource, rd, ns, target),
                None => false,
            },
            "union" => n
                .children
                .iter()
                .any(|c| self.node(c, resource, rd, ns, target)),
            "intersect" => {
                !n.children.is_empty()
                    && n.children
                        .iter()
                        .all(|c| self.node(c, resource, rd, ns, target))
            }
            "sub" => match n.children.split_first() {
                Some((first, rest)) => {
                    self.node(first, resource, rd, ns, target)
                        && !rest.iter().any(|c| self.node(c, resource, rd, ns, target))
                }
                None => false,
            },
            _ => false,
        }
    }

    fn expression(
        &mut self,
        e: &Expression,
        resource: &str,
        rd: &str,
        ns: &str,
        target: &str,
    ) -> bool {
        let rel_ns = or(&e.relation_definition_namespace, ns);
        let target_ns = or(&e.target_relation_definition_namespace, ns);
        match e.ne_type.as_str() {
            "self" => self.direct(resource, rd, ns, target),
            "targetSet" => self.check(resource, &e.target_relation_definition, &target_ns, target),
            "relationLeft" => {
                let next: Vec<String> = self
                    .authz
                    .relations
                    .iter()
                    .filter(|r| {
                        r.resource == resource
                            && r.relation_definition == e.relation_definition
                            && r.namespace == rel_ns
                            && !r.target.is_empty()
                    })
                    .map(|r| r.target.clone())
                    .collect();
                next.iter()
                    .any(|x| self.check(x, &e.target_relation_definition, &target_ns, target))
            }
            "relationRight" => {
                let next: Vec<String> = self
                    .authz
                    .relations
                    .iter()
                    .filter(|r| {
                        r.target == resource
                            && r.relation_definition == e.relation_definition
                            && r.namespace == rel_ns
                    })
                    .map(|r| r.resource.clone())
                    .collect();
                next.iter()
                    .any(|x| self.check(x, &e.target_relation_definition, &target_ns, target))
            }
            _ => false,
        }
    }

    /// The stored relations of this resource and definition (`self`).
    fn direct(&mut self, resource: &str, rd: &str, ns: &str, target: &str) -> bool {
        let stored: Vec<Relation> = self
            .authz
            .relations
            .iter()
            .filter(|r| r.resource == resource && r.relation_definition == rd && r.namespace == ns)
            .cloned()
            .collect();
        stored.iter().any(|r| {
            if let Some(q) = &r.query {
                return self
                    .store
                    .find_user_id(target)
                    .is_some_and(|i| matches_query(self.store, &self.store.users[i], q));
            }
            if r.is_target_set() {
                return self.check(
                    &r.target_set_resource,
                    &r.target_set_relation_definition,
                    &r.target_set_relation_definition_namespace,
                    target,
                );
            }
            r.target == target
        })
    }
}

fn matches_query(store: &Store, u: &User, q: &UserQuery) -> bool {
    if u.test && !q.with_test_user {
        return false;
    }
    if !q.tenants.is_empty() && !u.tenants.iter().any(|t| q.tenants.contains(&t.tenant_id)) {
        return false;
    }
    if !q.roles.is_empty() {
        let mut names = store.role_names(&u.role_ids);
        for t in &u.tenants {
            names.extend(store.role_names(&t.role_ids));
        }
        if !q.roles.iter().any(|r| names.contains(r)) {
            return false;
        }
    }
    if !q.statuses.is_empty() && !q.statuses.contains(&u.status) {
        return false;
    }
    if q.sso_only && !(u.saml || u.oidc) {
        return false;
    }
    if !q.text.is_empty() {
        let needle = q.text.to_lowercase();
        let hay = [&u.name, &u.email, &u.phone]
            .into_iter()
            .chain(u.login_ids.iter())
            .any(|s| s.to_lowercase().contains(&needle));
        if !hay {
            return false;
        }
    }
    q.custom_attributes.iter().all(|(k, want)| {
        u.custom_attributes
            .get(k)
            .is_some_and(|have| super::tenants::attr_equals(have, want))
    })
}

/// Everyone who could hold a relation: every direct target, and every user when some
/// relation is a user query.
fn candidate_targets(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        if !s.is_empty() && !out.iter().any(|x| x == s) {
            out.push(s.to_string());
        }
    };
    for r in &store.authz.relations {
        push(&r.target);
    }
    if store.authz.relations.iter().any(|r| r.query.is_some()) {
        for u in &store.users {
            push(&u.user_id);
        }
    }
    out
}

/// Everything that could be a resource of namespace `ns`: what its relations name as a
/// resource or a target, and what target sets of that namespace name.
fn candidate_resources(authz: &Authz, ns: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        if !s.is_empty() && !out.iter().any(|x| x == s) {
            out.push(s.to_string());
        }
    };
    for r in &authz.relations {
        if r.namespace == ns {
            push(&r.resource);
            push(&r.target);
        }
        if r.target_set_relation_definition_namespace == ns {
            push(&r.target_set_resource);
        }
    }
    out
}

// ---------------------------------------------------------------- handlers

/// `{schema, upgrade?}`: without `upgrade` the namespaces given replace those of the same
/// name and the others stay; with it the stored schema becomes exactly the given one. Either
/// way relations of definitions that disappear are deleted.
pub fn save_schema(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let schema = match o.obj(&["schema"])? {
        Some(mut s) => {
            let x = read_schema(&mut s)?;
            s.finish()?;
            Some(x)
        }
        None => None,
    };
    let (name, namespaces) = o.require(schema, "schema");
    let upgrade = o.bool(&["upgrade"])?.unwrap_or(false);
    o.finish()?;
    let mut next = store.authz.clone();
    next.schema_name = name;
    if upgrade {
        next.namespaces = namespaces;
    } else {
        for ns in namespaces {
            match next.namespaces.iter_mut().find(|n| n.name == ns.name) {
                Some(existing) => *existing = ns,
                None => next.namespaces.push(ns),
            }
        }
    }
    next.check_references()?;
    next.prune(call.now_ms);
    next.schema_changed(call.now_ms);
    store.authz = next;
    Ok(empty())
}

/// Deletes the schema and every relation — ReBAC's and FGA's (the endpoint is shared).
pub fn delete_schema(store: &mut Store, call: &Call) -> ApiResult<Value> {
    empty_body(call)?;
    let all = std::mem::take(&mut store.authz.relations);
    store.authz.note(&all, call.now_ms);
    store.authz.namespaces.clear();
    store.authz.schema_name.clear();
    store.authz.schema_changed(call.now_ms);
    store.fga = Default::default();
    Ok(empty())
}

pub fn load_schema(store: &mut Store, call: &Call) -> ApiResult<Value> {
    empty_body(call)?;
    Ok(json!({ "schema": store.authz.render_schema() }))
}

/// `{namespace, oldName?, schemaName?}`: adds or replaces the namespace; definitions it does
/// not mention stay. `oldName` renames an existing namespace (its relations follow).
/// `schemaName` is accepted (the emulator has one schema).
pub fn save_namespace(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let ns = match o.obj(&["namespace"])? {
        Some(mut n) => {
            let x = read_namespace(&mut n)?;
            n.finish()?;
            Some(x)
        }
        None => None,
    };
    let ns = o.require(ns, "namespace");
    let old = o.str(&["oldName"])?.filter(|s| !s.is_empty());
    o.str(&["schemaName"])?;
    o.finish()?;
    let mut next = store.authz.clone();
    let current = old.clone().unwrap_or_else(|| ns.name.clone());
    let idx = next.namespaces.iter().position(|n| n.name == current);
    if old.is_some() && idx.is_none() {
        return Err(ApiError::not_found("Namespace", &current));
    }
    if let Some(old) = &old {
        if *old != ns.name && next.namespace(&ns.name).is_some() {
            return Err(ApiError::duplicate("Namespace", "name", &ns.name));
        }
        rename_namespace(&mut next, old, &ns.name);
    }
    match idx {
        Some(i) => {
            let existing = &mut next.namespaces[i];
            existing.name = ns.name;
            for d in ns.relation_definitions {
                match existing
                    .relation_definitions
                    .iter_mut()
                    .find(|x| x.name == d.name)
                {
                    Some(x) => *x = d,
                    None => existing.relation_definitions.push(d),
                }
            }
        }
        None => next.namespaces.push(ns),
    }
    next.check_references()?;
    next.schema_changed(call.now_ms);
    store.authz = next;
    Ok(empty())
}

fn rename_namespace(a: &mut Authz, old: &str, new: &str) {
    for r in &mut a.relations {
        if r.namespace == old {
            r.namespace = new.to_string();
        }
        if r.target_set_relation_definition_namespace == old {
            r.target_set_relation_definition_namespace = new.to_string();
        }
    }
    fn walk(n: &mut Node, old: &str, new: &str) {
        if let Some(e) = &mut n.expression {
            for s in [
                &mut e.relation_definition_namespace,
                &mut e.target_relation_definition_namespace,
            ] {
                if s == old {
                    *s = new.to_string();
                }
            }
        }
        n.children.iter_mut().for_each(|c| walk(c, old, new));
    }
    for ns in &mut a.namespaces {
        for d in &mut ns.relation_definitions {
            if let Some(c) = &mut d.complex {
                walk(c, old, new);
            }
        }
    }
}

/// `{name, schemaName?}`: the namespace and every relation that uses it; refused while a
/// definition of another namespace is built from it.
pub fn delete_namespace(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let name = o.req_str(&["name"])?;
    o.str(&["schemaName"])?;
    o.finish()?;
    let idx = store
        .authz
        .namespaces
        .iter()
        .position(|n| n.name == name)
        .ok_or_else(|| ApiError::not_found("Namespace", &name))?;
    let mut next = store.authz.clone();
    next.namespaces.remove(idx);
    // Definitions of other namespaces built from this one keep it.
    next.check_references()?;
    next.prune(call.now_ms);
    next.schema_changed(call.now_ms);
    store.authz = next;
    Ok(empty())
}

/// `{relationDefinition, namespace, oldName?, schemaName?}`: adds or replaces the definition
/// in an existing namespace; `oldName` renames one (its relations follow).
pub fn save_relation_definition(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let rd = match o.obj(&["relationDefinition"])? {
        Some(mut r) => {
            let x = read_definition(&mut r)?;
            r.finish()?;
            Some(x)
        }
        None => None,
    };
    let rd = o.require(rd, "relationDefinition");
    let ns = o.req_str(&["namespace"])?;
    let old = o.str(&["oldName"])?.filter(|s| !s.is_empty());
    o.str(&["schemaName"])?;
    o.finish()?;
    let mut next = store.authz.clone();
    let Some(nsi) = next.namespaces.iter().position(|n| n.name == ns) else {
        return Err(ApiError::not_found("Namespace", &ns));
    };
    let current = old.clone().unwrap_or_else(|| rd.name.clone());
    let idx = next.namespaces[nsi]
        .relation_definitions
        .iter()
        .position(|d| d.name == current);
    if old.is_some() && idx.is_none() {
        return Err(ApiError::not_found("Relation definition", &current));
    }
    if let Some(old) = &old {
        if *old != rd.name && next.definition(&ns, &rd.name).is_some() {
            return Err(ApiError::duplicate("Relation definition", "name", &rd.name));
        }
        rename_definition(&mut next, &ns, old, &rd.name);
    }
    let defs = &mut next.namespaces[nsi].relation_definitions;
    match idx {
        Some(i) => defs[i] = rd,
        None => defs.push(rd),
    }
    next.check_references()?;
    next.schema_changed(call.now_ms);
    store.authz = next;
    Ok(empty())
}

fn rename_definition(a: &mut Authz, ns: &str, old: &str, new: &str) {
    for r in &mut a.relations {
        if r.namespace == ns && r.relation_definition == old {
            r.relation_definition = new.to_string();
        }
        if r.target_set_relation_definition_namespace == ns
            && r.target_set_relation_definition == old
        {
            r.target_set_relation_definition = new.to_string();
        }
    }
    fn walk(n: &mut Node, home: &str, ns: &str, old: &str, new: &str) {
        if let Some(e) = &mut n.expression {
            if or(&e.relation_definition_namespace, home) == ns && e.relation_definition == old {
                e.relation_definition = new.to_string();
            }
            if or(&e.target_relation_definition_namespace, home) == ns
                && e.target_relation_definition == old
            {
                e.target_relation_definition = new.to_string();
            }
        }
        n.children
            .iter_mut()
            .for_each(|c| walk(c, home, ns, old, new));
    }
    for n in &mut a.namespaces {
        let home = n.name.clone();
        for d in &mut n.relation_definitions {
            if let Some(c) = &mut d.complex {
                walk(c, &home, ns, old, new);
            }
        }
    }
}

/// `{name, namespace, schemaName?}`: the definition and every relation that uses it;
/// refused while another definition is built from it.
pub fn delete_relation_definition(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let name = o.req_str(&["name"])?;
    let ns = o.req_str(&["namespace"])?;
    o.str(&["schemaName"])?;
    o.finish()?;
    let mut next = store.authz.clone();
    let Some(nsi) = next.namespaces.iter().position(|n| n.name == ns) else {
        return Err(ApiError::not_found("Namespace", &ns));
    };
    let defs = &mut next.namespaces[nsi].relation_definitions;
    let Some(i) = defs.iter().position(|d| d.name == name) else {
        return Err(ApiError::not_found("Relation definition", &name));
    };
    defs.remove(i);
    // A definition others are built from stays.
    next.check_references()?;
    next.prune(call.now_ms);
    next.schema_changed(call.now_ms);
    store.authz = next;
    Ok(empty())
}

fn read_relations(call: &Call) -> ApiResult<Vec<Relation>> {
    let mut o = call.body_obj()?;
    let relations = read_items(&mut o, "relations", read_relation)?;
    let relations = match relations {
        Some(r) if !r.is_empty() => r,
        _ => {
            o.missing("relations");
            Vec::new()
        }
    };
    o.finish()?;
    Ok(relations)
}

/// Adds relations (all or nothing); their namespaces and definitions must exist. A relation
/// already stored is not stored twice.
pub fn create_relations(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let relations = read_relations(call)?;
    for r in &relations {
        store.authz.check_relation(r)?;
    }
    let mut added = Vec::new();
    for r in relations {
        if !store.authz.relations.contains(&r) {
            store.authz.relations.push(r.clone());
            added.push(r);
        }
    }
    store.authz.note(&added, call.now_ms);
    Ok(empty())
}

/// Removes exactly these relations; absent ones are ignored.
pub fn delete_relations(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let relations = read_relations(call)?;
    let mut gone = Vec::new();
    store.authz.relations.retain(|r| {
        let hit = relations.contains(r);
        if hit {
            gone.push(r.clone());
        }
        !hit
    });
    store.authz.note(&gone, call.now_ms);
    Ok(empty())
}

fn read_resources(call: &Call) -> ApiResult<Vec<String>> {
    let mut o = call.body_obj()?;
    let resources = super::common::req_list(&mut o, "resources")?;
    o.finish()?;
    Ok(resources)
}

fn delete_where(store: &mut Store, call: &Call, hit: impl Fn(&Relation) -> bool) {
    let mut gone = Vec::new();
    store.authz.relations.retain(|r| {
        let h = hit(r);
        if h {
            gone.push(r.clone());
        }
        !h
    });
    store.authz.note(&gone, call.now_ms);
}

/// `{resources}`: relations whose resource **or** target is one of them (the deprecated
/// `deleteRelationsForResources` and `deleteRelationsForIds` share this path).
pub fn delete_for_ids(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let ids = read_resources(call)?;
    delete_where(store, call, |r| {
        ids.contains(&r.resource) || ids.contains(&r.target)
    });
    Ok(empty())
}

/// `{resources}`: relations whose resource is one of them (targets untouched).
pub fn delete_resource_relations(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let ids = read_resources(call)?;
    delete_where(store, call, |r| ids.contains(&r.resource));
    Ok(empty())
}

/// `{relationQueries: [{resource, relationDefinition, namespace, target}]}` → the queries
/// with `hasRelation`, evaluated through the schema.
pub fn has_relations(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let queries = read_items(&mut o, "relationQueries", |q| {
        Ok((
            q.req_str(&["resource"])?,
            q.req_str(&["relationDefinition"])?,
            q.req_str(&["namespace"])?,
            q.req_str(&["target"])?,
            q.bool(&["hasRelation"])?,
        ))
    })?;
    let queries = o.require(queries, "relationQueries");
    o.finish()?;
    let mut eval = Eval::new(store);
    let out: Vec<Value> = queries
        .into_iter()
        .map(|(resource, rd, ns, target, _)| {
            let has = eval.check(&resource, &rd, &ns, &target);
            json!({
                "resource": resource,
                "relationDefinition": rd,
                "namespace": ns,
                "target": target,
                "hasRelation": has,
            })
        })
        .collect();
    Ok(json!({ "relationQueries": out }))
}

/// `{resource, relationDefinition, namespace}` → `{targets}`: everyone holding it, derived
/// relations included. (Go's `context` is accepted and not used.)
pub fn who_can_access(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let resource = o.req_str(&["resource"])?;
    let rd = o.req_str(&["relationDefinition"])?;
    let ns = o.req_str(&["namespace"])?;
    o.map(&["context"])?;
    o.finish()?;
    let mut eval = Eval::new(store);
    let targets: Vec<String> = candidate_targets(store)
        .into_iter()
        .filter(|t| eval.check(&resource, &rd, &ns, t))
        .collect();
    Ok(json!({ "targets": targets }))
}

/// `{resource, ignoreTargetSetRelations}` → `{relations}`: the stored relations of the
/// resource (without those to target sets when asked).
pub fn resource_relations(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let resource = o.req_str(&["resource"])?;
    let ignore_sets = o.bool(&["ignoreTargetSetRelations"])?.unwrap_or(false);
    o.finish()?;
    let out: Vec<Value> = store
        .authz
        .relations
        .iter()
        .filter(|r| r.resource == resource && !(ignore_sets && r.is_target_set()))
        .map(Relation::render)
        .collect();
    Ok(json!({ "relations": out }))
}

/// `{targets, includeTargetSetRelations}` → `{relations}`: the stored relations naming one
/// of the targets; with the flag also those to a target set one of them belongs to.
pub fn targets_relations(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let targets = super::common::req_list(&mut o, "targets")?;
    let include_sets = o.bool(&["includeTargetSetRelations"])?.unwrap_or(false);
    o.finish()?;
    let mut eval = Eval::new(store);
    let out: Vec<Value> = store
        .authz
        .relations
        .iter()
        .filter(|r| {
            targets.contains(&r.target)
                || (include_sets
                    && r.is_target_set()
                    && targets.iter().any(|t| {
                        eval.check(
                            &r.target_set_resource,
                            &r.target_set_relation_definition,
                            &r.target_set_relation_definition_namespace,
                            t,
                        )
                    }))
        })
        .map(Relation::render)
        .collect();
    Ok(json!({ "relations": out }))
}

/// Every `(resource, definition, namespace)` the target holds, derived ones included.
fn accessible(store: &Store, target: &str, only: Option<(&str, &str)>) -> Vec<Relation> {
    let mut eval = Eval::new(store);
    let mut out = Vec::new();
    for ns in &store.authz.namespaces {
        if only.is_some_and(|(_, n)| n != ns.name) {
            continue;
        }
        let resources = candidate_resources(&store.authz, &ns.name);
        for d in &ns.relation_definitions {
            if only.is_some_and(|(rd, _)| rd != d.name) {
                continue;
            }
            for res in &resources {
                if res != target && eval.check(res, &d.name, &ns.name, target) {
                    out.push(Relation {
                        resource: res.clone(),
                        relation_definition: d.name.clone(),
                        namespace: ns.name.clone(),
                        target: target.to_string(),
                        target_set_resource: String::new(),
                        target_set_relation_definition: String::new(),
                        target_set_relation_definition_namespace: String::new(),
                        query: None,
                    });
                }
            }
        }
    }
    out
}

/// `{target}` → `{relations}`: what the target can access, derived relations included.
pub fn what_can_target_access(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let target = o.req_str(&["target"])?;
    o.map(&["context"])?;
    o.finish()?;
    let out: Vec<Value> = accessible(store, &target, None)
        .iter()
        .map(Relation::render)
        .collect();
    Ok(json!({ "relations": out }))
}

/// `{target, relationDefinition, namespace}` → `{resources: [id]}` (node wraps each one).
pub fn what_can_target_access_with_relation(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let target = o.req_str(&["target"])?;
    let rd = o.req_str(&["relationDefinition"])?;
    let ns = o.req_str(&["namespace"])?;
    o.finish()?;
    let resources: Vec<String> = accessible(store, &target, Some((&rd, &ns)))
        .into_iter()
        .map(|r| r.resource)
        .collect();
    Ok(json!({ "resources": resources }))
}

/// `{since}` (epoch ms; 0 = since the start) → `{resources, targets, schemaChanged}`.
pub fn get_modified(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let since = o.int(&["since"])?.unwrap_or(0);
    o.finish()?;
    let mut resources: Vec<String> = Vec::new();
    let mut targets: Vec<String> = Vec::new();
    for c in store.authz.changes.iter().filter(|c| c.at >= since) {
        for r in &c.resources {
            if !resources.contains(r) {
                resources.push(r.clone());
            }
        }
        for t in &c.targets {
            if !targets.contains(t) {
                targets.push(t.clone());
            }
        }
    }
    let changed = store.authz.schema_changed > 0 && store.authz.schema_changed >= since;
    Ok(json!({ "resources": resources, "targets": targets, "schemaChanged": changed }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(resource: &str, rd: &str, ns: &str, target: &str) -> Relation {
        Relation {
            resource: resource.into(),
            relation_definition: rd.into(),
            namespace: ns.into(),
            target: target.into(),
            target_set_resource: String::new(),
            target_set_relation_definition: String::new(),
            target_set_relation_definition_namespace: String::new(),
            query: None,
        }
    }

    #[test]
    fn cycles_end_as_no() {
        let mut store = Store::default();
        let child = |ne: &str, rd: &str, trd: &str| Node {
            n_type: "child".into(),
            children: vec![],
            expression: Some(Expression {
                ne_type: ne.into(),
                relation_definition: rd.into(),
                relation_definition_namespace: String::new(),
                target_relation_definition: trd.into(),
                target_relation_definition_namespace: String::new(),
            }),
        };
        store.authz.namespaces.push(Namespace {
            name: "n".into(),
            relation_definitions: vec![
                RelationDefinition {
                    name: "a".into(),
                    complex: Some(child("targetSet", "", "b")),
                },
                RelationDefinition {
                    name: "b".into(),
                    complex: Some(child("targetSet", "", "a")),
                },
            ],
        });
        store.authz.relations.push(rel("r", "a", "n", "u"));
        let mut e = Eval::new(&store);
        assert!(!e.check("r", "a", "n", "u"));
        assert!(e.open.is_empty());
    }
}
