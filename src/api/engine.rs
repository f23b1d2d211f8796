//! The one generic engine: it walks a catalogue [`Row`] over the caller's positional
//! arguments, checks each against its [`Ty`], and builds the [`Request`] — method, path,
//! query and JSON body — with no per-endpoint code. The same walk serves JavaScript values
//! (the npm package) and JSON values (native tests), through [`Value`].
//!
//! Semantics follow node-sdk, which sends `JSON.stringify` of what it is given: an
//! argument or key left `undefined` is not sent, a `null` is sent as `null` (unless the
//! argument is required), and defaults apply to `undefined` only.

use super::value::{Kind, Value};
use super::{Method, Request, Unwrap};
use crate::error::Error;

/// The type of an argument or of an option key.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// A non-empty string (an ID, a login ID, a name).
    Id,
    /// Any string, `""` included.
    Str,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Int,
    /// A whole number that is not negative (page, limit, offset).
    Count,
    /// A finite number.
    Num,
    /// A custom attribute value: a string, a finite number, a boolean, a list of strings,
    /// or `null`.
    Attr,
    /// A search filter value: a string, a finite number or a boolean, or a list of them.
    Filter,
    /// Anything JSON can carry, passed through as the caller gave it (`JSON.stringify`
    /// writes it, as node-sdk does: a `NaN` in it is sent as `null`).
    Any,
    /// A list of strings (may be empty).
    Strings,
    /// A non-empty list of non-empty strings.
    Ids,
    /// A list of non-empty strings (may be empty).
    IdList,
    /// One of these strings.
    Enum(&'static Choice),
    /// An object of this schema.
    Obj(&'static Schema),
    /// A list of values of this type.
    List(&'static Ty),
    /// A non-empty list of values of this type.
    List1(&'static Ty),
    /// An object with any keys, each value of this type.
    Map(&'static Ty),
    /// A string, or an object of this schema (a batch user's password).
    StrOr(&'static Schema),
    /// A point in time: a `Date`, or epoch milliseconds; sent as epoch milliseconds.
    Time,
    /// A whole number that is not negative, sent as a string (node-sdk's `String(limit)`).
    CountText,
}

/// The strings an enum may be, and the enum's name (TypeScript and Rust). Behind a pointer,
/// so that every [`Ty`] (one per argument and option key) stays two words.
#[derive(Debug)]
pub struct Choice {
    /// The type's name.
    pub name: &'static str,
    /// The values it allows.
    pub values: &'static [&'static str],
}

impl Choice {
    /// The enum `name` of `values`.
    pub const fn new(name: &'static str, values: &'static [&'static str]) -> Self {
        Self { name, values }
    }
}

/// When an argument or key must be there, and what its absence means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// `undefined` and `null` are refused.
    Required,
    /// `undefined` is not sent; `null` is sent as `null`.
    Optional,
    /// `undefined` is sent as this value (node-sdk's default parameters).
    Default(Preset),
    /// Sent only when truthy (node-sdk's `if (x)`).
    Truthy,
    /// Sent only when truthy and, for an object or a list, not empty (node-sdk's
    /// `Object.keys(x).length && x`).
    Filled,
}

/// A default of an argument or key left out: no payload, so that [`Need`] stays two bytes
/// in every argument and key of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// `true`
    True,
    /// `false`
    False,
    /// `0`
    Zero,
}

impl Preset {
    fn value<V: Value>(self) -> V {
        match self {
            Self::True => V::from_bool(true),
            Self::False => V::from_bool(false),
            Self::Zero => V::from_num(0.0),
        }
    }
}

/// A constant value in a row: a key every request of the row carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Const {
    /// `true`
    True,
    /// `false`
    False,
    /// A string.
    Str(&'static str),
}

impl Const {
    fn value<V: Value>(self) -> V {
        match self {
            Self::True => V::from_bool(true),
            Self::False => V::from_bool(false),
            Self::Str(s) => V::from_str(s),
        }
    }
}

/// A key of an options object.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The key the caller writes (node-sdk's name).
    pub key: &'static str,
    /// The key sent on the wire (usually the same).
    pub wire: &'static str,
    /// Its type.
    pub ty: Ty,
    /// Whether it must be there.
    pub need: Need,
}

impl Field {
    /// An optional key of type `ty`, sent under its own name.
    pub const fn new(key: &'static str, ty: Ty) -> Self {
        Self {
            key,
            wire: key,
            ty,
            need: Need::Optional,
        }
    }

    /// Sent as `wire` instead (`roles` → `roleNames`).
    pub const fn wire(self, wire: &'static str) -> Self {
        Self { wire, ..self }
    }

    /// A key that must be there.
    pub const fn required(self) -> Self {
        Self {
            need: Need::Required,
            ..self
        }
    }

    /// Sent only when truthy (node-sdk's `limit > 0 && …`).
    pub const fn truthy(self) -> Self {
        Self {
            need: Need::Truthy,
            ..self
        }
    }

    /// Left out, it is sent as `value` (node-sdk's `options.enabled ?? true`).
    pub const fn or(self, value: Preset) -> Self {
        Self {
            need: Need::Default(value),
            ..self
        }
    }
}

/// A rule of a schema that no single key can state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// None.
    None,
    /// Exactly one key must be set (a hashed password names one hash kind).
    ExactlyOne,
    /// A batch entry names its user by `loginIdOrUserId`, else the older `loginId`
    /// (node-sdk's order); sent as `loginId`.
    BatchLoginId,
}

/// The keys an options object may have.
#[derive(Debug)]
pub struct Schema {
    /// Its TypeScript name.
    pub name: &'static str,
    /// Its keys, in groups shared between schemas.
    pub fields: &'static [&'static [Field]],
    /// A rule across keys.
    pub rule: Rule,
}

impl Schema {
    /// Every key, in order.
    pub fn all(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().flat_map(|g| g.iter())
    }

    fn field(&self, key: &str) -> Option<&Field> {
        self.all().find(|f| f.key == key)
    }
}

/// Where a positional argument goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum To {
    /// Under this key of the body (or of the query, for a request without a body).
    Key(&'static str),
    /// Its keys into the body (or into the query), after renames.
    Spread,
    /// It is the body (a bare array).
    Whole,
    /// Into the path, in place of `{name}`, percent-encoded (an ID holding `/` or `?` must
    /// not reach another URL).
    Path(&'static str),
    /// A boolean sent negated under this key (node-sdk's `ignoreX: !includeX`).
    Not(&'static str),
}

/// A positional argument, in node-sdk's order.
#[derive(Debug, Clone, Copy)]
pub struct Arg {
    /// Its name in node-sdk's signature (named by errors).
    pub name: &'static str,
    /// Its type.
    pub ty: Ty,
    /// Whether it must be there.
    pub need: Need,
    /// Where it goes.
    pub to: To,
}

impl Arg {
    /// A required argument sent under `wire`.
    pub const fn new(name: &'static str, ty: Ty, wire: &'static str) -> Self {
        Self {
            name,
            ty,
            need: Need::Required,
            to: To::Key(wire),
        }
    }

    /// An options object whose keys are spread into the body; absent or `null` is `{}`.
    pub const fn spread(name: &'static str, schema: &'static Schema) -> Self {
        Self {
            name,
            ty: Ty::Obj(schema),
            need: Need::Optional,
            to: To::Spread,
        }
    }

    /// A required argument that goes into the path in place of `{placeholder}`.
    pub const fn path(name: &'static str, ty: Ty, placeholder: &'static str) -> Self {
        Self {
            name,
            ty,
            need: Need::Required,
            to: To::Path(placeholder),
        }
    }

    /// The argument is the whole body.
    pub const fn whole(name: &'static str, ty: Ty) -> Self {
        Self {
            name,
            ty,
            need: Need::Required,
            to: To::Whole,
        }
    }

    /// Optional: `undefined` is not sent.
    pub const fn opt(self) -> Self {
        Self {
            need: Need::Optional,
            ..self
        }
    }

    /// `undefined` is sent as `value`.
    pub const fn or(self, value: Preset) -> Self {
        Self {
            need: Need::Default(value),
            ..self
        }
    }

    /// Sent only when truthy (node-sdk's `...(ssoId && { ssoId })`).
    pub const fn truthy(self) -> Self {
        Self {
            need: Need::Truthy,
            ..self
        }
    }

    /// Sent only when truthy and not an empty object or list.
    pub const fn filled(self) -> Self {
        Self {
            need: Need::Filled,
            ..self
        }
    }

    /// A boolean that is sent negated, as `wire`; left out, it is `value`.
    pub const fn not(name: &'static str, wire: &'static str, value: Preset) -> Self {
        Self {
            name,
            ty: Ty::Bool,
            need: Need::Default(value),
            to: To::Not(wire),
        }
    }
}

/// One endpoint: a node-sdk function and the request it sends.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// node-sdk's group (`user`).
    pub group: &'static str,
    /// node-sdk's function name (`updatePicture`).
    pub name: &'static str,
    /// The Rust method name (`update_picture`). Like `returns` and `doc`, it is read only by
    /// the generators (native tests), so it is left out of the wasm, where it would only
    /// cost bytes.
    #[cfg(not(target_arch = "wasm32"))]
    pub rust: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path.
    pub path: &'static str,
    /// Positional arguments, in node-sdk's order.
    pub args: &'static [Arg],
    /// Keys every request carries (`test: true`), set after the arguments.
    pub consts: &'static [(&'static str, Const)],
    /// What the call resolves to (node-sdk's `data`): the part of the answer...
    pub unwrap: Unwrap,
    /// ...and its type, as TypeScript writes it (`User`, `User[]`, `Empty`).
    #[cfg(not(target_arch = "wasm32"))]
    pub returns: &'static str,
    /// Whether the call creates something: it is never re-sent where Descope may have
    /// done the work (520, 524, a network error).
    pub creates: bool,
    /// Deprecated by node-sdk.
    pub deprecated: bool,
    /// The answer holds a secret (a cleartext, a token), returned once: never quoted in
    /// an error.
    pub secret: bool,
    /// No body is sent, not even `{}`.
    pub bodiless: bool,
    /// Arguments (by position) of which at least one must be given (a non-empty list or
    /// string, or another value): an empty batch delete may be read by the service as "all".
    pub one_of: &'static [usize],
    /// One line for the docs.
    #[cfg(not(target_arch = "wasm32"))]
    pub doc: &'static str,
}

impl Row {
    /// A row with no arguments that answers `unwrap`.
    pub const fn new(
        group: &'static str,
        name: &'static str,
        rust: &'static str,
        method: Method,
        path: &'static str,
        unwrap: Unwrap,
        doc: &'static str,
    ) -> Self {
        #[cfg(target_arch = "wasm32")]
        let _ = (rust, doc);
        Self {
            group,
            name,
            #[cfg(not(target_arch = "wasm32"))]
            rust,
            method,
            path,
            args: &[],
            consts: &[],
            unwrap,
            #[cfg(not(target_arch = "wasm32"))]
            returns: "Empty",
            creates: false,
            deprecated: false,
            secret: false,
            bodiless: false,
            one_of: &[],
            #[cfg(not(target_arch = "wasm32"))]
            doc,
        }
    }

    /// The type it resolves to.
    pub const fn returns(self, returns: &'static str) -> Self {
        #[cfg(target_arch = "wasm32")]
        let _ = returns;
        Self {
            #[cfg(not(target_arch = "wasm32"))]
            returns,
            ..self
        }
    }

    /// Its arguments.
    pub const fn args(self, args: &'static [Arg]) -> Self {
        Self { args, ..self }
    }

    /// Keys every request carries.
    pub const fn consts(self, consts: &'static [(&'static str, Const)]) -> Self {
        Self { consts, ..self }
    }

    /// It creates something.
    pub const fn creates(self) -> Self {
        Self {
            creates: true,
            ..self
        }
    }

    /// At least one of these arguments must be a non-empty list.
    pub const fn one_of(self, one_of: &'static [usize]) -> Self {
        Self { one_of, ..self }
    }

    /// It sends no body at all (node-sdk's `post(path)`), not even `{}`.
    pub const fn bodiless(self) -> Self {
        Self {
            bodiless: true,
            ..self
        }
    }

    /// Its answer holds a secret.
    pub const fn secret(self) -> Self {
        Self {
            secret: true,
            ..self
        }
    }

    /// node-sdk deprecates it.
    pub const fn deprecated(self) -> Self {
        Self {
            deprecated: true,
            ..self
        }
    }
}

/// Where a value sits in the arguments, rendered only for an error message.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Name(&'a str),
    Key(&'a str),
    Index(usize),
}

#[derive(Clone, Copy)]
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

impl<'a> Path<'a> {
    fn root(name: &'a str) -> Self {
        Self {
            parent: None,
            seg: Seg::Name(name),
        }
    }

    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }

    fn render(&self) -> String {
        let mut out = self.parent.map(Path::render).unwrap_or_default();
        match self.seg {
            Seg::Name(n) => out.push_str(n),
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&crate::text::decimal(i as u64));
                out.push(']');
            }
        }
        out
    }

    fn fail(&self, reason: &str) -> Error {
        Error::invalid_argument(self.render(), reason)
    }
}

/// JavaScript's largest exact integer.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

fn is_truthy<V: Value>(v: &V, kind: Kind) -> bool {
    match kind {
        Kind::Undefined | Kind::Null => false,
        Kind::Bool => v.boolean() == Some(true),
        Kind::Number => v.number().is_some_and(|n| n != 0.0 && !n.is_nan()),
        Kind::String => v.string().is_some_and(|s| !s.is_empty()),
        _ => true,
    }
}

/// Applies `need` to `v`: `None` when nothing is sent.
fn take<V: Value>(ty: &Ty, need: Need, v: &V, path: &Path<'_>) -> Result<Option<V>, Error> {
    let kind = v.kind();
    match (kind, need) {
        (_, Need::Truthy) if !is_truthy(v, kind) => Ok(None),
        (_, Need::Filled) if !is_truthy(v, kind) => Ok(None),
        (Kind::Object, Need::Filled) if v.entries().is_empty() => Ok(None),
        (Kind::Array, Need::Filled) if v.items().is_empty() => Ok(None),
        (Kind::Undefined, Need::Required) => Err(path.fail("is required")),
        (Kind::Undefined, Need::Default(c)) => Ok(Some(c.value())),
        (Kind::Undefined, _) => Ok(None),
        (Kind::Null, Need::Required) if !matches!(ty, Ty::Attr) => Err(match ty {
            Ty::Id => path.fail("must be a non-empty string"),
            _ => path.fail("is required"),
        }),
        (Kind::Null, Need::Required) => Ok(Some(V::null())),
        (Kind::Null, _) => Ok(Some(V::null())),
        _ => check_kind(ty, v, kind, path).map(Some),
    }
}

/// Checks `v` against `ty` and returns what is sent for it.
fn check<V: Value>(ty: &Ty, v: &V, path: &Path<'_>) -> Result<V, Error> {
    check_kind(ty, v, v.kind(), path)
}

/// [`check`] of a value whose kind was read already (in JavaScript each read is a call).
fn check_kind<V: Value>(ty: &Ty, v: &V, kind: Kind, path: &Path<'_>) -> Result<V, Error> {
    match ty {
        Ty::Any => Ok(v.clone()),
        Ty::Id if v.filled() => Ok(v.clone()),
        Ty::Id => Err(path.fail("must be a non-empty string")),
        Ty::Str => match kind {
            Kind::String => Ok(v.clone()),
            _ => Err(path.fail("must be a string")),
        },
        Ty::Bool => match kind {
            Kind::Bool => Ok(v.clone()),
            _ => Err(path.fail("must be a boolean")),
        },
        Ty::Int | Ty::Count => match v.number() {
            Some(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => {
                if matches!(ty, Ty::Count) && n < 0.0 {
                    return Err(path.fail("must not be negative"));
                }
                Ok(v.clone())
            }
            _ => Err(path.fail("must be a whole number")),
        },
        Ty::Num => match v.number() {
            Some(n) if n.is_finite() => Ok(v.clone()),
            _ => Err(path.fail("must be a finite number")),
        },
        Ty::Attr => match kind {
            Kind::Null | Kind::Bool | Kind::String => Ok(v.clone()),
            Kind::Number if v.number().is_some_and(f64::is_finite) => Ok(v.clone()),
            Kind::Array => {
                for (i, item) in v.items().iter().enumerate() {
                    if item.kind() != Kind::String {
                        return Err(path.index(i).fail("must be a string"));
                    }
                }
                Ok(v.clone())
            }
            _ => Err(path
                .fail("must be a string, a finite number, a boolean, a list of strings or null")),
        },
        Ty::Strings | Ty::Ids | Ty::IdList => {
            if kind != Kind::Array {
                return Err(path.fail(match ty {
                    Ty::Strings => "must be an array of strings",
                    _ => "must be an array of non-empty strings",
                }));
            }
            let items = v.items();
            if matches!(ty, Ty::Ids) && items.is_empty() {
                return Err(path.fail("must not be empty"));
            }
            let each = if matches!(ty, Ty::Strings) {
                Ty::Str
            } else {
                Ty::Id
            };
            for (i, item) in items.iter().enumerate() {
                check(&each, item, &path.index(i))?;
            }
            Ok(v.clone())
        }
        Ty::Enum(choice) => match v.string() {
            Some(s) if choice.values.contains(&s.as_str()) => Ok(v.clone()),
            _ => Err(path.fail(&crate::text::cat(&[
                "must be one of ",
                &crate::text::join(choice.values, ", "),
            ]))),
        },
        Ty::Filter => match kind {
            Kind::Array => {
                for (i, item) in v.items().iter().enumerate() {
                    if item.kind() == Kind::Array {
                        return Err(path
                            .index(i)
                            .fail("must be a string, a number or a boolean"));
                    }
                    check(&Ty::Filter, item, &path.index(i))?;
                }
                Ok(v.clone())
            }
            Kind::Bool | Kind::String => Ok(v.clone()),
            Kind::Number if v.number().is_some_and(f64::is_finite) => Ok(v.clone()),
            _ => Err(path.fail("must be a string, a number, a boolean or a list of them")),
        },
        Ty::List(inner) | Ty::List1(inner) => {
            if kind != Kind::Array {
                return Err(path.fail("must be an array"));
            }
            let items = v.items();
            if matches!(ty, Ty::List1(_)) && items.is_empty() {
                return Err(path.fail("must not be empty"));
            }
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                out.push(check(inner, item, &path.index(i))?);
            }
            Ok(V::array(out))
        }
        Ty::Map(inner) => {
            if kind != Kind::Object {
                return Err(path.fail("must be an object"));
            }
            let mut out = V::object();
            for (key, item) in v.entries() {
                if item.kind() != Kind::Undefined {
                    out.set_owned(&key, check(inner, &item, &path.key(&key))?);
                }
            }
            Ok(out)
        }
        Ty::Obj(schema) => object(schema, v, path),
        Ty::StrOr(schema) => match kind {
            Kind::String => Ok(v.clone()),
            Kind::Object => object(schema, v, path),
            _ => Err(path.fail("must be a string or an object")),
        },
        Ty::Time => match (v.number(), v.time()) {
            (Some(n), _) if n.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&n) => {
                Ok(v.clone())
            }
            (None, Some(ms)) if ms.is_finite() => Ok(V::from_num(ms)),
            _ => Err(path.fail("must be a Date or epoch milliseconds")),
        },
        Ty::CountText => check(&Ty::Count, v, path).map(|n| V::from_str(&n.display())),
    }
}

/// Checks an object against `schema`: unknown keys are refused (a misspelt key would be
/// dropped by the service), keys are renamed, and the schema's rule is kept.
fn object<V: Value>(schema: &'static Schema, v: &V, path: &Path<'_>) -> Result<V, Error> {
    if v.kind() != Kind::Object {
        return Err(path.fail("must be an object"));
    }
    let mut out = V::object();
    let mut set = 0;
    let mut login = None;
    let entries = v.entries();
    for (key, item) in &entries {
        let at = path.key(key);
        let Some(field) = schema.field(key) else {
            return Err(at.fail("is not a known key"));
        };
        if let Some(sent) = take(&field.ty, field.need, item, &at)? {
            set += 1;
            if schema.rule == Rule::BatchLoginId && (key == "loginIdOrUserId" || key == "loginId") {
                // node-sdk's order: `loginIdOrUserId`, else `loginId`.
                if key == "loginIdOrUserId" || login.is_none() {
                    login = Some(sent);
                }
                continue;
            }
            out.set(field.wire, sent);
        }
    }
    for field in schema.all() {
        let given = entries
            .iter()
            .any(|(k, v)| k == field.key && v.kind() != Kind::Undefined);
        match field.need {
            Need::Required if !given => {
                return Err(path.fail(&crate::text::cat(&[
                    "lacks the required key `",
                    field.key,
                    "`",
                ])))
            }
            Need::Default(c) if !given => out.set(field.wire, c.value()),
            _ => {}
        }
    }
    match schema.rule {
        Rule::ExactlyOne if set != 1 => Err(path.fail("must set exactly one hash kind")),
        Rule::BatchLoginId => match login.filter(|l| l.kind() == Kind::String) {
            Some(id) => {
                out.set("loginId", id);
                Ok(out)
            }
            None => Err(path
                .key("loginIdOrUserId")
                .fail("is required (each user must have loginIdOrUserId or loginId)")),
        },
        _ => Ok(out),
    }
}

/// Builds the request of `row` from positional `args`, checking every argument first:
/// nothing is sent when this fails.
pub fn build<V: Value>(row: &'static Row, args: &[V]) -> Result<Request, Error> {
    let (mut req, body) = build_value(row, args)?;
    req.body = body.map(|b| b.to_json("body")).transpose()?;
    Ok(req)
}

/// [`build`] with the body kept as the value it was built as (a JavaScript object, which
/// the JavaScript client writes with `JSON.stringify` and keeps as JavaScript text): the
/// request's own `body` is `None`.
pub fn build_value<V: Value>(row: &'static Row, args: &[V]) -> Result<(Request, Option<V>), Error> {
    // A row whose body is one argument has no body when that argument is left out (node-sdk
    // sends none).
    let whole = row.args.iter().any(|a| a.to == To::Whole);
    let has_body = !matches!(row.method, Method::Get | Method::Delete) && !whole && !row.bodiless;
    let mut body = has_body.then(V::object);
    let mut query = Vec::new();
    let mut url_path = row.path.to_string();
    let undefined = V::undefined();
    for (i, arg) in row.args.iter().enumerate() {
        let mut given = args.get(i).unwrap_or(&undefined);
        // An options object left out or `null` is `{}`: its defaults still apply. (Made only
        // then: in JavaScript each object made is a call out of the wasm.)
        let empty;
        if arg.to == To::Spread && matches!(given.kind(), Kind::Undefined | Kind::Null) {
            empty = V::object();
            given = &empty;
        }
        let path = Path::root(arg.name);
        let Some(sent) = take(&arg.ty, arg.need, given, &path)? else {
            continue;
        };
        match arg.to {
            To::Key(key) => match &mut body {
                Some(b) => b.set(key, sent),
                None => query.push((key, sent.display())),
            },
            To::Spread => {
                let entries = sent.entries();
                match (&mut body, arg.ty) {
                    (Some(b), _) => entries.into_iter().for_each(|(k, v)| b.set_owned(&k, v)),
                    // Into the query, in the schema's order.
                    (None, Ty::Obj(schema)) => {
                        for field in schema.all() {
                            if let Some((_, v)) = entries.iter().find(|(k, _)| k == field.wire) {
                                query.push((field.wire, v.display()));
                            }
                        }
                    }
                    (None, _) => {}
                }
            }
            To::Whole => body = Some(sent),
            To::Not(key) => {
                let not = V::from_bool(sent.boolean() != Some(true));
                match &mut body {
                    Some(b) => b.set(key, not),
                    None => query.push((key, not.display())),
                }
            }
            To::Path(placeholder) => {
                let mut encoded = String::new();
                super::encode_component(&sent.display(), &mut encoded);
                let mut braced = String::with_capacity(placeholder.len() + 2);
                braced.push('{');
                braced.push_str(placeholder);
                braced.push('}');
                url_path = super::replace_all(&url_path, &braced, &encoded);
            }
        }
    }
    // A filter is given when it is a non-empty list or string, or any other value.
    let given = |v: &V| match v.kind() {
        Kind::Undefined | Kind::Null => false,
        Kind::Array => !v.items().is_empty(),
        Kind::String => v.string().is_some_and(|s| !s.is_empty()),
        _ => true,
    };
    if !row.one_of.is_empty() && !row.one_of.iter().any(|&i| args.get(i).is_some_and(given)) {
        let names: Vec<&str> = row
            .one_of
            .iter()
            .filter_map(|&i| row.args.get(i))
            .map(|a| a.name)
            .collect();
        return Err(Error::invalid_argument(
            names.first().copied().unwrap_or("arguments"),
            crate::text::cat(&[
                "and ",
                &crate::text::join(names.get(1..).unwrap_or_default(), ", "),
                " cannot all be empty: the service may read that as all",
            ]),
        ));
    }
    if let Some(b) = &mut body {
        for (key, value) in row.consts {
            b.set(key, value.value());
        }
    }
    let req = Request {
        method: row.method,
        path: url_path,
        query,
        body: None,
        unwrap: row.unwrap,
        idempotent: !row.creates,
        secret: row.secret,
    };
    Ok((req, body))
}

/// The row of `group.name`.
pub fn find(rows: &'static [Row], name: &str) -> Option<&'static Row> {
    rows.iter().find(|r| r.name == name)
}

/// The error for a function the catalogue does not have.
pub fn unknown(group: &str, name: &str) -> Error {
    Error::invalid_argument(
        "method",
        crate::text::cat(&["`", name, "` is not a ", group, " management method"]),
    )
}

/// The request of `descope.<group>.<name>(...args)`, checked; `method` names an unknown
/// function.
pub fn prepare<V: Value>(group: &str, name: &str, args: &[V]) -> Result<Request, Error> {
    let row = super::catalogue::group(group)
        .and_then(|rows| find(rows, name))
        .ok_or_else(|| unknown(group, name))?;
    build(row, args)
}
