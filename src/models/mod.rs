//! Serde models of the user-management API (reference §5).

mod attribute;
mod options;
mod user;

pub use attribute::AttributeValue;
pub use options::{AssociatedTenant, Nullable, UserOptions};
pub use user::{User, UserResponse, UserTenant};
