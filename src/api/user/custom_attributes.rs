//! `GET /v1/mgmt/user/customattributes`, `POST /v1/mgmt/user/customattribute/create` and
//! `/customattribute/delete`: `getCustomAttributes()`, `createCustomAttributes(attributes)`
//! and `deleteCustomAttributes(names)`. Each answers `{ data: [...] }` (the full set).

use serde::Serialize;

use crate::api::{Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::CustomAttribute;

/// Lists the project's custom attribute definitions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GetCustomAttributes;

impl Endpoint for GetCustomAttributes {
    type Output = Vec<CustomAttribute>;

    fn request(&self) -> Result<Request, Error> {
        Ok(Request::bodiless(
            Method::Get,
            "/v1/mgmt/user/customattributes",
            Unwrap::Key("data"),
        ))
    }
}

/// Creates custom attribute definitions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreateCustomAttributes {
    /// The definitions.
    pub attributes: Vec<CustomAttribute>,
}

impl CreateCustomAttributes {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self {
            attributes: a.req(0, "attributes")?,
        })
    }
}

impl Endpoint for CreateCustomAttributes {
    type Output = Vec<CustomAttribute>;

    fn request(&self) -> Result<Request, Error> {
        if self.attributes.is_empty() {
            return Err(Error::invalid_argument("attributes", "must not be empty"));
        }
        for (i, attr) in self.attributes.iter().enumerate() {
            crate::api::check::id(&format!("attributes[{i}].name"), &attr.name)?;
        }
        Request::json(
            Method::Post,
            "/v1/mgmt/user/customattribute/create",
            self,
            Unwrap::Key("data"),
        )
    }
}

json_endpoint! {
    /// Deletes custom attribute definitions by name.
    pub struct DeleteCustomAttributes => Post "/v1/mgmt/user/customattribute/delete", Unwrap::Key("data"), Vec<CustomAttribute> {
        /// Attribute names.
        names: Vec<String> = ids(0, "names"),
    }
}
