//! The wasm-bindgen façade. The package's JavaScript entry wraps [`JsClient`] as
//! `DescopeManagement` with one `descope.user.<name>` function per name of
//! [`crate::api::user::METHODS`]; every call goes through [`crate::api::user::prepare`].

use std::rc::Rc;

use js_sys::{Array, Promise};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::api::{user, Args};
use crate::config::{Config, ManagementKey};
use crate::error::Error;
use crate::transport;

#[wasm_bindgen(module = "/src/js/descope_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeDescopeError)]
    fn make_descope_error(
        message: &str,
        status: u16,
        code: &str,
        description: &str,
        retry_after: Option<u32>,
        argument: Option<String>,
    ) -> JsValue;

    #[wasm_bindgen(js_name = descopeErrorClass)]
    fn error_class() -> JsValue;
}

/// The `DescopeError` class, for the package entry to re-export.
#[wasm_bindgen(js_name = descopeErrorClass)]
pub fn descope_error_class() -> JsValue {
    error_class()
}

/// Converts an error into a `DescopeError`.
pub(crate) fn to_js_error(err: &Error) -> JsValue {
    make_descope_error(
        &err.to_string(),
        err.status(),
        err.code(),
        &err.description(),
        err.retry_after(),
        err.argument().map(str::to_string),
    )
}

/// The names of the `descope.user` methods.
#[wasm_bindgen(js_name = userMethods)]
pub fn user_methods() -> Array {
    user::METHODS.iter().map(|m| JsValue::from_str(m)).collect()
}

/// Positional JavaScript arguments, read through `JSON.stringify` like node-sdk's bodies.
struct JsArgs<'a>(&'a Array);

impl Args for JsArgs<'_> {
    fn json(&self, index: usize, name: &str) -> Result<Option<String>, Error> {
        let value = u32::try_from(index)
            .map(|i| self.0.get(i))
            .unwrap_or(JsValue::UNDEFINED);
        if value.is_undefined() {
            return Ok(None);
        }
        let text = js_sys::JSON::stringify(&value)
            .map_err(|_| Error::invalid_argument(name, "cannot be converted to JSON"))?;
        // JSON.stringify gives undefined for functions and symbols: node-sdk would drop them.
        Ok(text.as_string())
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClientOptions {
    #[serde(default)]
    project_id: Option<String>,
    #[serde(default)]
    management_key: Option<String>,
    #[serde(default)]
    base_url: Option<String>,
}

fn config_from_options(options: JsValue) -> Result<Config, Error> {
    if !options.is_object() {
        return Err(Error::invalid_argument(
            "options",
            "must be an object with projectId and managementKey",
        ));
    }
    let opts: ClientOptions = serde_wasm_bindgen::from_value(options).map_err(|e| {
        let msg = e.to_string();
        match msg
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next())
        {
            Some(key) => Error::invalid_argument(format!("options.{key}"), "is not a known option"),
            None => Error::invalid_argument("options", msg),
        }
    })?;
    let project_id = opts
        .project_id
        .ok_or_else(|| Error::invalid_argument("projectId", "is required"))?;
    Config::build(
        project_id,
        opts.management_key.map(ManagementKey::new),
        opts.base_url,
    )
}

/// The wasm side of `DescopeManagement` (the package entry wraps it).
#[wasm_bindgen(js_name = Client)]
pub struct JsClient {
    config: Rc<Config>,
}

#[wasm_bindgen(js_class = Client)]
impl JsClient {
    /// `new Client({ projectId, managementKey, baseUrl? })`; throws a `DescopeError`
    /// naming a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsClient, JsValue> {
        let config = config_from_options(options).map_err(|e| to_js_error(&e))?;
        Ok(JsClient {
            config: Rc::new(config),
        })
    }

    /// Calls `descope.user.<method>(...args)`: resolves to node-sdk's `data`, rejects with
    /// a `DescopeError`. Arguments are checked before anything is sent.
    #[wasm_bindgen(js_name = callUser)]
    pub fn call_user(&self, method: &str, args: &Array) -> Promise {
        let prepared = user::prepare(method, &JsArgs(args));
        let config = Rc::clone(&self.config);
        future_to_promise(async move {
            let req = prepared.map_err(|e| to_js_error(&e))?;
            let answer = transport::execute(&config, &req)
                .await
                .map_err(|e| to_js_error(&e))?;
            transport::unwrap_js(&answer, req.unwrap).map_err(|e| to_js_error(&e))
        })
    }
}
