//! `POST /v1/mgmt/user/update/customAttribute`: `updateCustomAttribute(loginIdOrUserId,
//! attributeKey, attributeValue)`.

use serde::Serialize;

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::{AttributeValue, User};

/// Sets one custom attribute (`null` clears it).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCustomAttribute {
    /// Login ID or user ID.
    pub login_id: String,
    /// The attribute's machine name.
    pub attribute_key: String,
    /// The new value.
    pub attribute_value: AttributeValue,
}

impl UpdateCustomAttribute {
    /// A builder.
    pub fn new(
        login_id_or_user_id: impl Into<String>,
        attribute_key: impl Into<String>,
        attribute_value: impl Into<AttributeValue>,
    ) -> Self {
        Self {
            login_id: login_id_or_user_id.into(),
            attribute_key: attribute_key.into(),
            attribute_value: attribute_value.into(),
        }
    }

    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        let login_id = a.id(0, "loginIdOrUserId")?;
        let key = a.id(1, "attributeKey")?;
        // `undefined` would vanish from the body; make the caller say `null` to clear.
        let value = a
            .get::<AttributeValue>(2, "attributeValue")?
            .ok_or_else(|| {
                Error::invalid_argument(
                    "attributeValue",
                    "is required (use null to clear the attribute)",
                )
            })?;
        Ok(Self::new(login_id, key, value))
    }
}

impl Endpoint for UpdateCustomAttribute {
    type Output = User;

    fn request(&self) -> Result<Request, Error> {
        require_id("loginIdOrUserId", &self.login_id)?;
        require_id("attributeKey", &self.attribute_key)?;
        Request::json(
            Method::Post,
            "/v1/mgmt/user/update/customAttribute",
            self,
            Unwrap::Key("user"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::JsonArgs;
    use serde_json::json;

    #[test]
    fn values_of_every_kind_and_bad_ones() {
        for v in [
            json!("s"),
            json!(42),
            json!(1.5),
            json!(true),
            json!(["a"]),
            json!(null),
        ] {
            let args = [json!("lid"), json!("k"), v.clone()];
            let r = UpdateCustomAttribute::from_args(&JsonArgs(&args))
                .unwrap()
                .request()
                .unwrap();
            let body: serde_json::Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
            assert_eq!(
                body,
                json!({"loginId": "lid", "attributeKey": "k", "attributeValue": v})
            );
        }
        for (args, name) in [
            (vec![json!("lid"), json!(""), json!(1)], "attributeKey"),
            (vec![json!("lid"), json!("k")], "attributeValue"),
            (
                vec![json!("lid"), json!("k"), json!({"a": 1})],
                "attributeValue",
            ),
            (
                vec![json!("lid"), json!("k"), json!([1])],
                "attributeValue[0]",
            ),
        ] {
            let err = UpdateCustomAttribute::from_args(&JsonArgs(&args)).unwrap_err();
            assert_eq!(err.argument(), Some(name), "{err}");
        }
    }
}
