//! Serde models of the user-management API (reference §5): the user, the options callers
//! pass, and the answers.

mod attribute;
mod batch;
mod generated;
mod login;
mod management;
mod options;
mod patch;
mod responses;
mod search;
mod status;
mod user;

pub use attribute::AttributeValue;
pub use batch::{
    Argon2, Bach, BatchPassword, BatchResponse, BatchUser, FailedUser, Firebase, HashOnly,
    HashedPassword, PasswordObject, SaltedIterated, Sha,
};
pub use generated::*;
pub use login::{DeliveryMethod, LoginOptions, SignUpUser};
pub use management::{
    AccessKey, AccessKeyCreated, AccessKeyTenant, AnalyticsRecord, AuditRecord,
    AuditSearchResponse, AuthzModified, AuthzRelationAnswer, AuthzRelationRecord, Cleartext,
    Consent, Created, DeletedCount, Descoper, DescoperList, Engine, EngineSecret, FgaCheck,
    FlowList, InboundApplication, InboundApplicationCreated, JwtAnswer, JwtResponse, JwtTemplate,
    List, ManagementKey, ManagementKeyCreated, OutboundApplication, OutboundToken, ScopeClaims,
    Secret, SsoApplication, SsoConfigurationLink, SsoSettings, Tenant, TokenUploadFailures,
};
pub use options::{
    AssociatedTenant, NewPermission, NewRole, Nullable, PasswordSettings, PermissionUpdate,
    ProviderTokenOptions, RoleSearchOptions, RoleUpdate, UserOptions,
};
pub use patch::PatchOptions;
pub use responses::{
    AttributeOption, CustomAttribute, EmbeddedLink, Empty, GeneratedLink, GeneratedOtp, Group,
    GroupMember, ImportFailure, ImportResponse, License, Permission, ProviderToken, Role,
    TrustedDevice, UserHistory, UserPasskey,
};
pub use search::{
    AttributeFilter, FilterValue, RoleFilter, SearchRequest, SearchResponse, SortItem,
};
pub use status::UserStatus;
pub use user::{User, UserResponse, UserTenant};
