//! User statuses (reference §5.8).

use serde::{Deserialize, Serialize};

/// A user's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserStatus {
    /// Can sign in.
    Enabled,
    /// Cannot sign in.
    Disabled,
    /// Invited, not yet signed in.
    Invited,
    /// The invitation expired.
    Expired,
}

impl UserStatus {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Enabled => "enabled",
            Self::Disabled => "disabled",
            Self::Invited => "invited",
            Self::Expired => "expired",
        }
    }
}
