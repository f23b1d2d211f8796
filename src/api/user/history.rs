//! `POST /v1/mgmt/user/history`: `history(userIds)`. The body and the answer are bare
//! JSON arrays.

use crate::api::{check, Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::UserHistory;

/// Reads the login history of users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// User IDs.
    pub user_ids: Vec<String>,
}

impl History {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        Ok(Self {
            user_ids: a.id_list(0, "userIds")?,
        })
    }
}

impl Endpoint for History {
    type Output = Vec<UserHistory>;

    fn request(&self) -> Result<Request, Error> {
        // `[]` is sent, as node-sdk sends it (and answered with `[]`).
        check::id_list("userIds", &self.user_ids)?;
        Request::json(
            Method::Post,
            "/v1/mgmt/user/history",
            &self.user_ids,
            Unwrap::Whole,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::JsonArgs;
    use serde_json::json;

    #[test]
    fn an_empty_list_is_sent_and_a_bad_entry_named() {
        let r = History::from_args(&JsonArgs(&[json!([])]))
            .unwrap()
            .request()
            .unwrap();
        assert_eq!(r.body.as_deref(), Some("[]"));
        let err = History::from_args(&JsonArgs(&[json!(["u1", ""])])).unwrap_err();
        assert_eq!(err.argument(), Some("userIds[1]"));
        assert!(History::from_args(&JsonArgs(&[])).is_err());
    }
}
