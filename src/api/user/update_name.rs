//! `POST /v1/mgmt/user/update/name`: `updateDisplayName(loginIdOrUserId, displayName,
//! givenName?, middleName?, familyName?)` and `updateUserNames(loginIdOrUserId, givenName?,
//! middleName?, familyName?)`. A name left out (`undefined`) is not sent; a positional
//! `null` is sent as `null`, as node-sdk sends it (the service then leaves it as it is).

use serde::Serialize;

use crate::api::{require_id, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::{Nullable, User};

/// Changes a user's display name and/or name parts; absent parts are not sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateName {
    /// Login ID or user ID.
    pub login_id: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Nullable<String>,
    /// Given name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Nullable<String>,
    /// Middle name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middle_name: Nullable<String>,
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Nullable<String>,
}

impl UpdateName {
    /// Sets the display name only.
    pub fn display_name(
        login_id_or_user_id: impl Into<String>,
        display_name: impl Into<String>,
    ) -> Self {
        Self {
            login_id: login_id_or_user_id.into(),
            display_name: Some(Some(display_name.into())),
            ..Self::default()
        }
    }

    /// Sets the given, middle and family names (each `None` is left as it is).
    pub fn user_names(
        login_id_or_user_id: impl Into<String>,
        given_name: Option<String>,
        middle_name: Option<String>,
        family_name: Option<String>,
    ) -> Self {
        Self {
            login_id: login_id_or_user_id.into(),
            given_name: given_name.map(Some),
            middle_name: middle_name.map(Some),
            family_name: family_name.map(Some),
            ..Self::default()
        }
    }

    pub(crate) fn display_name_from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self {
            login_id: a.id(0, "loginIdOrUserId")?,
            display_name: a.nullable_string(1, "displayName")?,
            given_name: a.nullable_string(2, "givenName")?,
            middle_name: a.nullable_string(3, "middleName")?,
            family_name: a.nullable_string(4, "familyName")?,
        })
    }

    pub(crate) fn user_names_from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self {
            login_id: a.id(0, "loginIdOrUserId")?,
            display_name: None,
            given_name: a.nullable_string(1, "givenName")?,
            middle_name: a.nullable_string(2, "middleName")?,
            family_name: a.nullable_string(3, "familyName")?,
        })
    }
}

impl Endpoint for UpdateName {
    type Output = User;

    fn request(&self) -> Result<Request, Error> {
        require_id("loginIdOrUserId", &self.login_id)?;
        Request::json(
            Method::Post,
            "/v1/mgmt/user/update/name",
            self,
            Unwrap::Key("user"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::JsonArgs;
    use serde_json::{json, Value};

    fn body(u: &UpdateName) -> Value {
        serde_json::from_str(u.request().unwrap().body.as_deref().unwrap()).unwrap()
    }

    #[test]
    fn only_given_names_are_sent() {
        let u = UpdateName::user_names("lid", Some("g".into()), None, Some("f".into()));
        assert_eq!(
            body(&u),
            json!({"loginId": "lid", "givenName": "g", "familyName": "f"})
        );
        assert_eq!(
            body(&UpdateName::display_name("lid", "D")),
            json!({"loginId": "lid", "displayName": "D"})
        );
    }

    #[test]
    fn a_positional_null_is_sent_as_null_and_undefined_not_at_all() {
        // node-sdk: `updateDisplayName("lid", null, "g", null)` sends both nulls.
        let args = [json!("lid"), json!(null), json!("g"), json!(null)];
        let u = UpdateName::display_name_from_args(&JsonArgs(&args)).unwrap();
        assert_eq!(
            body(&u),
            json!({"loginId": "lid", "displayName": null, "givenName": "g", "middleName": null})
        );
        let args = [json!("lid"), json!(null)];
        let u = UpdateName::user_names_from_args(&JsonArgs(&args)).unwrap();
        assert_eq!(body(&u), json!({"loginId": "lid", "givenName": null}));
    }

    #[test]
    fn a_number_as_a_name_is_named() {
        let args = [json!("lid"), json!("D"), json!(3)];
        let err = UpdateName::display_name_from_args(&JsonArgs(&args)).unwrap_err();
        assert_eq!(err.argument(), Some("givenName"));
    }
}
