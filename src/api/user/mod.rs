//! `management.user`: one module per endpoint path, named after it.
//!
//! [`prepare`] maps a node-sdk method name and its positional arguments to a [`Request`];
//! the JavaScript façade and the conformance tests both go through it.

pub mod create;
pub mod create_batch;
pub mod custom_attributes;
pub mod delete;
pub mod embedded_link;
pub mod history;
pub mod import;
pub mod load;
pub mod load_users;
pub mod logout;
pub mod passkeys;
pub mod password;
pub mod patch;
pub mod provider_token;
pub mod recovery_codes;
pub mod search;
pub mod tests_generate;
pub mod totp;
pub mod trusted_devices;
pub mod update;
pub mod update_custom_attribute;
pub mod update_email;
pub mod update_login_id;
pub mod update_name;
pub mod update_phone;
pub mod update_picture;
pub mod update_recovery;
pub mod update_role;
pub mod update_ssoapp;
pub mod update_status;
pub mod update_tenant;

pub use create::{CreateKind, CreateUser};
pub use create_batch::{BatchInvite, CreateBatch};
pub use custom_attributes::{CreateCustomAttributes, DeleteCustomAttributes, GetCustomAttributes};
pub use delete::{Delete, DeleteAllTestUsers, DeleteBatch};
pub use embedded_link::{GenerateEmbeddedLink, GenerateSignUpEmbeddedLink};
pub use history::History;
pub use import::Import;
pub use load::Load;
pub use load_users::LoadUsers;
pub use logout::Logout;
pub use passkeys::{ListPasskeys, RemoveAllPasskeys, RemovePasskey};
pub use password::{ExpirePassword, PasswordKind, SetPassword};
pub use patch::{Patch, PatchBatch};
pub use provider_token::GetProviderToken;
pub use recovery_codes::RemoveRecoveryCodes;
pub use search::{Search, SearchAll, SearchKind, SearchPage, SearchPager};
pub use tests_generate::{
    GenerateEnchantedLinkForTestUser, GenerateMagicLinkForTestUser, GenerateOtpForTestUser,
};
pub use totp::RemoveTotpSeed;
pub use trusted_devices::{ListTrustedDevices, RemoveTrustedDevices};
pub use update::Update;
pub use update_custom_attribute::UpdateCustomAttribute;
pub use update_email::UpdateEmail;
pub use update_login_id::UpdateLoginId;
pub use update_name::UpdateName;
pub use update_phone::UpdatePhone;
pub use update_picture::UpdatePicture;
pub use update_recovery::{UpdateRecoveryEmail, UpdateRecoveryPhone};
pub use update_role::{SetOp, UpdateRoles};
pub use update_ssoapp::UpdateSsoApps;
pub use update_status::UpdateStatus;
pub use update_tenant::UpdateTenant;

use crate::api::{Args, Endpoint, Request};
use crate::error::Error;
use crate::models::UserStatus;

/// Every `descope.user.<name>` method, with node-sdk's names (Appendix A of the reference).
pub const METHODS: &[&str] = &[
    "create",
    "createTestUser",
    "invite",
    "inviteBatch",
    "createBatch",
    "update",
    "patch",
    "patchBatch",
    "delete",
    "deleteByUserId",
    "deleteBatch",
    "deleteAllTestUsers",
    "load",
    "loadByUserId",
    "loadUsers",
    "logoutUser",
    "logoutUserByUserId",
    "search",
    "searchTestUsers",
    "searchAll",
    "getProviderToken",
    "activate",
    "deactivate",
    "updateLoginId",
    "updateEmail",
    "updatePhone",
    "updateDisplayName",
    "updateUserNames",
    "updatePicture",
    "updateCustomAttribute",
    "setRoles",
    "addRoles",
    "removeRoles",
    "addTenant",
    "removeTenant",
    "setTenantRoles",
    "addTenantRoles",
    "removeTenantRoles",
    "addSSOapps",
    "setSSOapps",
    "removeSSOapps",
    "setTemporaryPassword",
    "setActivePassword",
    "setPassword",
    "expirePassword",
    "removeAllPasskeys",
    "removePasskey",
    "listPasskeys",
    "removeTOTPSeed",
    "removeRecoveryCodes",
    "generateOTPForTestUser",
    "generateMagicLinkForTestUser",
    "generateEnchantedLinkForTestUser",
    "generateEmbeddedLink",
    "generateSignUpEmbeddedLink",
    "history",
    "import",
    "updateRecoveryEmail",
    "updateRecoveryPhone",
    "getCustomAttributes",
    "createCustomAttributes",
    "deleteCustomAttributes",
    "listTrustedDevices",
    "removeTrustedDevices",
];

/// Builds the request for `descope.user.<method>(...args)`, validating every argument.
pub fn prepare(method: &str, a: &impl Args) -> Result<Request, Error> {
    match method {
        "create" => CreateUser::from_args(a, CreateKind::User)?.request(),
        "createTestUser" => CreateUser::from_args(a, CreateKind::TestUser)?.request(),
        "invite" => CreateUser::from_args(a, CreateKind::Invite)?.request(),
        "inviteBatch" => CreateBatch::invite_from_args(a)?.request(),
        "createBatch" => CreateBatch::from_args(a)?.request(),
        "update" => Update::from_args(a)?.request(),
        "patch" => Patch::from_args(a)?.request(),
        "patchBatch" => PatchBatch::from_args(a)?.request(),
        "delete" => Delete::from_args(a)?.request(),
        "deleteByUserId" => Delete::by_user_id_from_args(a)?.request(),
        "deleteBatch" => DeleteBatch::from_args(a)?.request(),
        "deleteAllTestUsers" => DeleteAllTestUsers.request(),
        "load" => Load::from_args(a)?.request(),
        "loadByUserId" => Load::by_user_id_from_args(a)?.request(),
        "loadUsers" => LoadUsers::from_args(a)?.request(),
        "logoutUser" => Logout::from_args(a)?.request(),
        "logoutUserByUserId" => Logout::by_user_id_from_args(a)?.request(),
        "search" => Search::from_args(a, SearchKind::Users)?.request(),
        "searchTestUsers" => Search::from_args(a, SearchKind::TestUsers)?.request(),
        "searchAll" => SearchAll::from_args(a)?.request(),
        "getProviderToken" => GetProviderToken::from_args(a)?.request(),
        "activate" => UpdateStatus::from_args(a, UserStatus::Enabled)?.request(),
        "deactivate" => UpdateStatus::from_args(a, UserStatus::Disabled)?.request(),
        "updateLoginId" => UpdateLoginId::from_args(a)?.request(),
        "updateEmail" => UpdateEmail::from_args(a)?.request(),
        "updatePhone" => UpdatePhone::from_args(a)?.request(),
        "updateDisplayName" => UpdateName::display_name_from_args(a)?.request(),
        "updateUserNames" => UpdateName::user_names_from_args(a)?.request(),
        "updatePicture" => UpdatePicture::from_args(a)?.request(),
        "updateCustomAttribute" => UpdateCustomAttribute::from_args(a)?.request(),
        "setRoles" => UpdateRoles::from_args(a, SetOp::Set)?.request(),
        "addRoles" => UpdateRoles::from_args(a, SetOp::Add)?.request(),
        "removeRoles" => UpdateRoles::from_args(a, SetOp::Remove)?.request(),
        "addTenant" => UpdateTenant::from_args(a, true)?.request(),
        "removeTenant" => UpdateTenant::from_args(a, false)?.request(),
        "setTenantRoles" => UpdateRoles::tenant_from_args(a, SetOp::Set)?.request(),
        "addTenantRoles" => UpdateRoles::tenant_from_args(a, SetOp::Add)?.request(),
        "removeTenantRoles" => UpdateRoles::tenant_from_args(a, SetOp::Remove)?.request(),
        "addSSOapps" => UpdateSsoApps::from_args(a, SetOp::Add)?.request(),
        "setSSOapps" => UpdateSsoApps::from_args(a, SetOp::Set)?.request(),
        "removeSSOapps" => UpdateSsoApps::from_args(a, SetOp::Remove)?.request(),
        "setTemporaryPassword" => SetPassword::from_args(a, PasswordKind::Temporary)?.request(),
        "setActivePassword" => SetPassword::from_args(a, PasswordKind::Active)?.request(),
        "setPassword" => SetPassword::from_args(a, PasswordKind::Deprecated)?.request(),
        "expirePassword" => ExpirePassword::from_args(a)?.request(),
        "removeAllPasskeys" => RemoveAllPasskeys::from_args(a)?.request(),
        "removePasskey" => RemovePasskey::from_args(a)?.request(),
        "listPasskeys" => ListPasskeys::from_args(a)?.request(),
        "removeTOTPSeed" => RemoveTotpSeed::from_args(a)?.request(),
        "removeRecoveryCodes" => RemoveRecoveryCodes::from_args(a)?.request(),
        "generateOTPForTestUser" => GenerateOtpForTestUser::from_args(a)?.request(),
        "generateMagicLinkForTestUser" => GenerateMagicLinkForTestUser::from_args(a)?.request(),
        "generateEnchantedLinkForTestUser" => {
            GenerateEnchantedLinkForTestUser::from_args(a)?.request()
        }
        "generateEmbeddedLink" => GenerateEmbeddedLink::from_args(a)?.request(),
        "generateSignUpEmbeddedLink" => GenerateSignUpEmbeddedLink::from_args(a)?.request(),
        "history" => History::from_args(a)?.request(),
        "import" => Import::from_args(a)?.request(),
        "updateRecoveryEmail" => UpdateRecoveryEmail::from_args(a)?.request(),
        "updateRecoveryPhone" => UpdateRecoveryPhone::from_args(a)?.request(),
        "getCustomAttributes" => GetCustomAttributes.request(),
        "createCustomAttributes" => CreateCustomAttributes::from_args(a)?.request(),
        "deleteCustomAttributes" => DeleteCustomAttributes::from_args(a)?.request(),
        "listTrustedDevices" => ListTrustedDevices::from_args(a)?.request(),
        "removeTrustedDevices" => RemoveTrustedDevices::from_args(a)?.request(),
        _ => Err(Error::invalid_argument(
            "method",
            format!("`{method}` is not a user management method"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::JsonArgs;

    #[test]
    fn every_listed_method_is_dispatched() {
        for m in METHODS {
            // With no arguments each method fails on its own arguments, never on the name.
            if let Err(e) = prepare(m, &JsonArgs(&[])) {
                assert_ne!(e.argument(), Some("method"), "{m}");
            }
        }
        assert_eq!(
            prepare("nope", &JsonArgs(&[])).unwrap_err().argument(),
            Some("method")
        );
    }
}

#[cfg(test)]
mod idempotence_tests {
    use super::*;
    use crate::api::JsonArgs;
    use serde_json::json;

    #[test]
    fn creating_calls_are_not_idempotent_and_updates_are() {
        let id = [json!("lid"), json!("x")];
        for m in ["create", "createTestUser", "invite"] {
            assert!(!prepare(m, &JsonArgs(&id[..1])).unwrap().idempotent, "{m}");
        }
        assert!(
            !prepare("createBatch", &JsonArgs(&[json!([{"loginId": "a"}])]))
                .unwrap()
                .idempotent
        );
        assert!(
            !prepare("import", &JsonArgs(&[json!("Auth0")]))
                .unwrap()
                .idempotent
        );
        for m in ["updatePicture", "load", "delete", "patch"] {
            let args = if m == "patch" {
                vec![json!("lid"), json!({})]
            } else {
                id.to_vec()
            };
            assert!(prepare(m, &JsonArgs(&args)).unwrap().idempotent, "{m}");
        }
    }
}
