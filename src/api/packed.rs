//! The npm build's catalogue. The JavaScript path may call any of the ~270 functions, so it
//! links every row; as [`Row`] values that is ~56 KB of pointers (17 KB gzip), as the bytes
//! the generator packs into `table.rs` it is a fraction of that. A row is decoded into a
//! [`Row`] the first time its function is called and kept for the module's life, so the
//! engine walks the very same rows as in a Rust app, which links only the rows it calls.
//!
//! The format is `tests/generated.rs`'s (`mod packed`); a unit test below decodes every row
//! and compares it with the catalogue's.

use std::cell::RefCell;

use super::engine::{self, Arg, Choice, Const, Field, Need, Preset, Row, Rule, Schema, To, Ty};
use super::table as t;
use super::value::Value;
use super::{Method, Request, Unwrap};
use crate::error::Error;

/// Deep enough for any schema of the catalogue (a list of objects of lists…); a corrupt
/// table cannot recurse for ever.
const MAX_DEPTH: u8 = 40;

struct Reader {
    bytes: &'static [u8],
    at: usize,
}

impl Reader {
    fn new(bytes: &'static [u8], at: usize) -> Self {
        Self { bytes, at }
    }

    fn u8(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from(self.u8()?) | u16::from(self.u8()?) << 8)
    }

    fn str(&mut self) -> Option<&'static str> {
        let at = usize::from(self.u16()?);
        let len = usize::from(self.u8()?);
        t::POOL.get(at..at + len)
    }

    /// `n` items read by `f`, as a slice that lives as long as the module.
    fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<&'static [T]> {
        let n = self.u8()?;
        let mut out = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            out.push(f(self)?);
        }
        Some(out.leak())
    }
}

/// What has been decoded, by index.
#[derive(Default)]
struct Cache {
    rows: Vec<Option<&'static Row>>,
    schemas: Vec<Option<&'static Schema>>,
    fields: Vec<Option<&'static [Field]>>,
    choices: Vec<Option<&'static Choice>>,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::default();
}

fn kept<T: Copy>(
    cache: &mut Vec<Option<T>>,
    i: usize,
    make: impl FnOnce() -> Option<T>,
) -> Option<T> {
    if cache.is_empty() {
        // Sized once, for the largest table (the rows): never grown again.
        cache.resize(t::ROW_COUNT, None);
    }
    if let Some(Some(x)) = cache.get(i) {
        return Some(*x);
    }
    let x = make()?;
    *cache.get_mut(i)? = Some(x);
    Some(x)
}

fn at(offsets: &[u16], i: u8) -> Option<usize> {
    offsets.get(usize::from(i)).map(|&o| usize::from(o))
}

fn choice(c: &mut Cache, i: u8) -> Option<&'static Choice> {
    kept(&mut c.choices, usize::from(i), || {
        let mut r = Reader::new(t::CHOICES, at(t::CHOICE_AT, i)?);
        // Enum and schema names are read by the generators only: the table leaves them out.
        let values = r.list(Reader::str)?;
        Some(&*Box::leak(Box::new(Choice::new("", values))))
    })
}

fn fields(c: &mut Cache, i: u8, depth: u8) -> Option<&'static [Field]> {
    if let Some(Some(g)) = c.fields.get(usize::from(i)) {
        return Some(*g);
    }
    let mut r = Reader::new(t::FIELDS, at(t::FIELD_AT, i)?);
    let g = r.list(|r| {
        let key = r.str()?;
        // The high bit: sent under its own name.
        let flagged = r.u8()?;
        let need = need(flagged & 0x7f)?;
        let wire = if flagged & 0x80 != 0 { key } else { r.str()? };
        let ty = ty(c, r, depth)?;
        Some(Field {
            key,
            wire,
            ty,
            need,
        })
    })?;
    kept(&mut c.fields, usize::from(i), || Some(g))
}

/// Schema `i`; with the high bit set, `catalogue::RECURSIVE[i & 0x7f]`.
fn schema(c: &mut Cache, i: u8, depth: u8) -> Option<&'static Schema> {
    if i & 0x80 != 0 {
        return super::catalogue::RECURSIVE
            .get(usize::from(i & 0x7f))
            .copied();
    }
    if let Some(Some(s)) = c.schemas.get(usize::from(i)) {
        return Some(*s);
    }
    if depth > MAX_DEPTH {
        return None;
    }
    let mut r = Reader::new(t::SCHEMAS, at(t::SCHEMA_AT, i)?);
    let rule = match r.u8()? {
        0 => Rule::None,
        1 => Rule::ExactlyOne,
        2 => Rule::BatchLoginId,
        _ => return None,
    };
    let groups = r.list(|r| fields(c, r.u8()?, depth + 1))?;
    let s: &'static Schema = Box::leak(Box::new(Schema {
        name: "",
        fields: groups,
        rule,
    }));
    kept(&mut c.schemas, usize::from(i), || Some(s))
}

fn ty(c: &mut Cache, r: &mut Reader, depth: u8) -> Option<Ty> {
    if depth > MAX_DEPTH {
        return None;
    }
    let inner = |c: &mut Cache, r: &mut Reader| -> Option<&'static Ty> {
        Some(Box::leak(Box::new(ty(c, r, depth + 1)?)))
    };
    Some(match r.u8()? {
        0 => Ty::Id,
        1 => Ty::Str,
        2 => Ty::Bool,
        3 => Ty::Int,
        4 => Ty::Count,
        5 => Ty::Num,
        6 => Ty::Attr,
        7 => Ty::Filter,
        8 => Ty::Any,
        9 => Ty::Strings,
        10 => Ty::Ids,
        11 => Ty::IdList,
        12 => Ty::Enum(choice(c, r.u8()?)?),
        13 => Ty::Obj(schema(c, r.u8()?, depth + 1)?),
        14 => Ty::List(inner(c, r)?),
        15 => Ty::List1(inner(c, r)?),
        16 => Ty::Map(inner(c, r)?),
        17 => Ty::StrOr(schema(c, r.u8()?, depth + 1)?),
        18 => Ty::Time,
        19 => Ty::CountText,
        _ => return None,
    })
}

fn need(b: u8) -> Option<Need> {
    Some(match b {
        0 => Need::Required,
        1 => Need::Optional,
        2 => Need::Truthy,
        3 => Need::Filled,
        4 => Need::Default(Preset::True),
        5 => Need::Default(Preset::False),
        6 => Need::Default(Preset::Zero),
        _ => return None,
    })
}

fn row(
    c: &mut Cache,
    group: &'static str,
    name: &'static str,
    rows: &'static [u8],
    at: usize,
) -> Option<Row> {
    let mut r = Reader::new(rows, at);
    let method = match r.u8()? {
        0 => Method::Get,
        1 => Method::Post,
        2 => Method::Put,
        3 => Method::Patch,
        4 => Method::Delete,
        _ => return None,
    };
    let path = r.str()?;
    let flags = r.u8()?;
    let unwrap = match r.u8()? {
        0 => Unwrap::Key(r.str()?),
        1 => Unwrap::Whole,
        2 => Unwrap::Pick(r.list(Reader::str)?),
        3 => Unwrap::Void,
        4 => Unwrap::Audits,
        5 => Unwrap::AuditPage,
        6 => Unwrap::SsoSettings,
        7 => Unwrap::SsoSettingsList,
        8 => Unwrap::Projects,
        9 => Unwrap::Resources,
        _ => return None,
    };
    let args = r.list(|r| {
        let name = r.str()?;
        let ty = ty(c, r, 0)?;
        let need = need(r.u8()?)?;
        let to = match r.u8()? {
            0 => To::Key(r.str()?),
            1 => To::Spread,
            2 => To::Whole,
            3 => To::Path(r.str()?),
            4 => To::Not(r.str()?),
            5 => To::Key(name),
            _ => return None,
        };
        Some(Arg { name, ty, need, to })
    })?;
    let consts = r.list(|r| {
        let key = r.str()?;
        let value = match r.u8()? {
            0 => Const::True,
            1 => Const::False,
            2 => Const::Str(r.str()?),
            _ => return None,
        };
        Some((key, value))
    })?;
    let one_of = r.list(|r| r.u8().map(usize::from))?;
    Some(Row {
        creates: flags & 1 != 0,
        deprecated: flags & 2 != 0,
        secret: flags & 4 != 0,
        bodiless: flags & 8 != 0,
        ..Row::new(group, name, "", method, path, unwrap, "")
            .args(args)
            .consts(consts)
            .one_of(one_of)
    })
}

/// Every group and function of the table, in the catalogue's order: `f(group, function,
/// index, the group's rows, where its row starts)`. Stops when `f` returns `Some`.
fn scan<T>(
    mut f: impl FnMut(&'static str, &'static str, usize, &'static [u8], usize) -> Option<T>,
) -> Option<T> {
    let mut index = 0;
    for &(group, head, rows) in t::GROUPS {
        let mut r = Reader::new(head, 0);
        for _ in 0..r.u8()? {
            let name = r.str()?;
            let at = usize::from(r.u16()?);
            if let Some(x) = f(group, name, index, rows, at) {
                return Some(x);
            }
            index += 1;
        }
    }
    None
}

/// Calls `f(group, function)` for every function, in the catalogue's order.
pub fn each(mut f: impl FnMut(&'static str, &'static str)) {
    scan::<()>(|g, n, _, _, _| {
        f(g, n);
        None
    });
}

/// Where `group.name` is in the catalogue's order (that of [`each`]).
pub fn index_of(group: &str, name: &str) -> Option<usize> {
    scan(|g, n, i, _, _| (g == group && n == name).then_some(i))
}

/// The row of the `index`th function of [`each`]: what the package's methods call by, so a
/// call neither sends its names into the wasm nor looks them up.
pub fn find_at(index: usize) -> Option<&'static Row> {
    cached(index).or_else(|| {
        let (group, name, rows, at) =
            scan(|g, n, i, rows, at| (i == index).then_some((g, n, rows, at)))?;
        decode(index, group, name, rows, at)
    })
}

/// The `index`th row, if it was decoded before.
fn cached(index: usize) -> Option<&'static Row> {
    CACHE.with(|cache| *cache.try_borrow().ok()?.rows.get(index)?)
}

/// Decodes the `index`th row (`group.name`, at `at` of its group's `rows`) and keeps it.
fn decode(
    index: usize,
    group: &'static str,
    name: &'static str,
    rows: &'static [u8],
    at: usize,
) -> Option<&'static Row> {
    CACHE.with(|cache| {
        let mut c = cache.try_borrow_mut().ok()?;
        let decoded: &'static Row = Box::leak(Box::new(row(&mut c, group, name, rows, at)?));
        kept(&mut c.rows, index, || Some(decoded))
    })
}

/// [`engine::prepare`] over the packed table, for the `index`th function, the body kept as
/// built (see [`engine::build_value`]).
pub fn prepare_at<V: Value>(index: usize, args: &[V]) -> Result<(Request, Option<V>), Error> {
    match find_at(index) {
        Some(row) => engine::build_value(row, args),
        None => Err(Error::invalid_argument(
            "method",
            "is not a function of the catalogue",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::catalogue::{GROUPS, RECURSIVE};

    /// A type written out in full, a recursive schema by its name only (its `Debug` would
    /// never end); enum and schema names are not packed.
    fn ty_text(ty: &Ty) -> String {
        match ty {
            Ty::Enum(c) => format!("Enum({:?})", c.values),
            Ty::Obj(s) => format!("Obj({})", schema_text(s)),
            Ty::StrOr(s) => format!("StrOr({})", schema_text(s)),
            Ty::List(t) => format!("List({})", ty_text(t)),
            Ty::List1(t) => format!("List1({})", ty_text(t)),
            Ty::Map(t) => format!("Map({})", ty_text(t)),
            other => format!("{other:?}"),
        }
    }

    fn schema_text(s: &Schema) -> String {
        if RECURSIVE.iter().any(|r| std::ptr::eq(*r, s)) {
            return format!("recursive {} at {:p}", s.name, s);
        }
        let groups: Vec<String> = s
            .fields
            .iter()
            .map(|g| {
                let keys: Vec<String> = g
                    .iter()
                    .map(|f| format!("{} {} {} {:?}", f.key, f.wire, ty_text(&f.ty), f.need))
                    .collect();
                keys.join(", ")
            })
            .collect();
        format!("{:?} [{}]", s.rule, groups.join("] ["))
    }

    fn row_text(r: &Row) -> String {
        let args: Vec<String> = r
            .args
            .iter()
            .map(|a| format!("{} {} {:?} {:?}", a.name, ty_text(&a.ty), a.need, a.to))
            .collect();
        format!(
            "{} {} {:?} {} {:?} {:?} {:?} {} {} {} {} args: {}",
            r.group,
            r.name,
            r.method,
            r.path,
            r.unwrap,
            r.consts,
            r.one_of,
            r.creates,
            r.deprecated,
            r.secret,
            r.bodiless,
            args.join("; ")
        )
    }

    #[test]
    fn every_row_decodes_to_the_catalogue_s() {
        let mut listed = Vec::new();
        each(|g, n| listed.push((g, n)));
        let mut expected = Vec::new();
        for (group, rows) in GROUPS {
            for r in *rows {
                expected.push((*group, r.name));
                let decoded = index_of(group, r.name)
                    .and_then(find_at)
                    .unwrap_or_else(|| panic!("{group}.{} does not decode", r.name));
                assert_eq!(row_text(decoded), row_text(r));
                // Kept: the second lookup is the same row.
                let again = index_of(group, r.name).and_then(find_at).unwrap();
                assert!(std::ptr::eq(decoded, again));
            }
        }
        assert_eq!(listed, expected);
        assert!(index_of("user", "nope").is_none());
        assert!(index_of("nope", "load").is_none());
        assert!(find_at(t::ROW_COUNT).is_none());
    }

    #[test]
    fn a_bad_row_is_unknown_rather_than_a_panic() {
        // Every truncation of the rows' bytes decodes to nothing or to a row, never panics.
        for &(_, _, rows) in t::GROUPS {
            for at in 0..rows.len() {
                let mut c = Cache::default();
                let _ = row(&mut c, "g", "n", rows, at);
            }
        }
    }
}
