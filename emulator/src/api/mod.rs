//! The management API: one table from (method, path) to a synchronous handler over the store.
//! Handlers parse strictly, validate everything, and only then change the store, so a
//! rejected request never leaves a half-applied change.

use serde_json::{Map, Value};

use crate::body::Obj;
use crate::config::Config;
use crate::error::ApiResult;
use crate::store::Store;

mod users;

/// What a handler sees of the request.
pub struct Call<'a> {
    pub query: &'a [(String, String)],
    pub body: &'a [u8],
    pub config: &'a Config,
    /// Seconds since the epoch.
    pub now: i64,
}

impl Call<'_> {
    /// The JSON body as a strictly-parsed object.
    pub fn obj(&self) -> ApiResult<Obj> {
        Obj::from_body(self.body)
    }

    /// Query parameters as an object of strings, so they are checked like body keys.
    pub fn query_obj(&self) -> ApiResult<Obj> {
        let map: Map<String, Value> = self
            .query
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        Ok(Obj::from_map(map))
    }
}

pub type Handler = fn(&mut Store, &Call) -> ApiResult<Value>;

/// Every endpoint, by method and exact path (reference §4 and Appendix A).
pub const ROUTES: &[(&str, &str, Handler)] = &[
    ("POST", "/v1/mgmt/user/create", users::create),
    ("POST", "/v1/mgmt/user/create/test", users::create_test),
    ("GET", "/v1/mgmt/user", users::load),
    (
        "POST",
        "/v1/mgmt/user/update/picture",
        users::update_picture,
    ),
    ("POST", "/v1/mgmt/user/update/name", users::update_name),
    (
        "POST",
        "/v1/mgmt/user/update/customAttribute",
        users::update_custom_attribute,
    ),
];

pub enum Lookup {
    Found(Handler),
    WrongMethod,
    NotFound,
}

pub fn lookup(method: &str, path: &str) -> Lookup {
    let mut path_known = false;
    for (m, p, h) in ROUTES {
        if *p == path {
            if *m == method {
                return Lookup::Found(*h);
            }
            path_known = true;
        }
    }
    if path_known {
        Lookup::WrongMethod
    } else {
        Lookup::NotFound
    }
}

/// `{}`: the answer of void operations.
pub fn empty() -> Value {
    Value::Object(Map::new())
}
