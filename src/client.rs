//! The Rust API: [`Client::user`] has one method per node-sdk `management.user` function,
//! each returning a [`Call`] — the request builder — that is awaited (on wasm32) to send it.
//!
//! ```
//! use descope_mgmt::{Client, Config};
//! let client = Client::new(Config::new("P2abc", "K2fake")?);
//! let call = client.user().update_picture("ann@example.com", "https://cdn.example.com/a.png");
//! assert_eq!(call.request()?.path, "/v1/mgmt/user/update/picture");
//! // On wasm32: `let user = call.await?;`
//! # Ok::<(), descope_mgmt::Error>(())
//! ```

use std::rc::Rc;

use crate::api::user::*;
use crate::api::{Endpoint, Request};
use crate::config::Config;
use crate::error::Error;
use crate::models::{
    AttributeValue, BatchUser, CustomAttribute, DeliveryMethod, LoginOptions, PatchOptions,
    SearchRequest, SignUpUser, UserOptions, UserStatus,
};
use crate::session::{CallOptions, Session};

/// A Descope management client. Cloning it (or [`Client::with_options`]) shares its
/// configuration and the rate-limit tier it learnt.
#[derive(Debug, Clone)]
pub struct Client {
    session: Rc<Session>,
    options: CallOptions,
}

impl Client {
    /// A client for `config`, with the default timeout (60 s) and retries.
    pub fn new(config: Config) -> Self {
        Self {
            session: Rc::new(Session::new(config, None)),
            options: CallOptions::default(),
        }
    }

    /// A client that sends `x-descope-license: <tier>` without asking the service.
    pub fn with_license_tier(config: Config, tier: impl Into<String>) -> Self {
        Self {
            session: Rc::new(Session::new(config, Some(tier.into()))),
            options: CallOptions::default(),
        }
    }

    /// A view of this client whose calls use `options`.
    pub fn with_options(&self, options: CallOptions) -> Result<Self, Error> {
        options.validate()?;
        Ok(Self {
            session: Rc::clone(&self.session),
            options,
        })
    }

    /// Its configuration.
    pub fn config(&self) -> &Config {
        self.session.config()
    }

    /// Its call options.
    pub fn options(&self) -> &CallOptions {
        &self.options
    }

    /// The user-management API.
    pub fn user(&self) -> UserApi<'_> {
        UserApi { client: self }
    }

    /// Sends any endpoint (wasm32 only).
    #[cfg(target_arch = "wasm32")]
    pub async fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output, Error> {
        crate::transport::send(
            crate::transport::Ctx::new(&self.session),
            endpoint,
            &self.options,
        )
        .await
    }
}

/// One call, ready to send: await it (wasm32), or inspect its [`Request`].
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'c, E> {
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    client: &'c Client,
    endpoint: E,
}

impl<E: Endpoint> Call<'_, E> {
    /// The builder.
    pub fn endpoint(&self) -> &E {
        &self.endpoint
    }

    /// The request it will send (validated).
    pub fn request(&self) -> Result<Request, Error> {
        self.endpoint.request()
    }

    /// Sends it (wasm32 only).
    #[cfg(target_arch = "wasm32")]
    pub async fn send(self) -> Result<E::Output, Error> {
        self.client.send(&self.endpoint).await
    }
}

#[cfg(target_arch = "wasm32")]
impl<'c, E: Endpoint + 'c> std::future::IntoFuture for Call<'c, E> {
    type Output = Result<E::Output, Error>;
    type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// `management.user`, in Rust: the same operations as `descope.user` in JavaScript.
#[derive(Debug, Clone, Copy)]
pub struct UserApi<'c> {
    client: &'c Client,
}

impl<'c> UserApi<'c> {
    fn call<E: Endpoint>(&self, endpoint: E) -> Call<'c, E> {
        Call {
            client: self.client,
            endpoint,
        }
    }

    /// `POST /v1/mgmt/user/create`
    pub fn create(
        &self,
        login_id: impl Into<String>,
        options: UserOptions,
    ) -> Call<'c, CreateUser> {
        self.call(CreateUser::new(login_id, options, CreateKind::User))
    }

    /// `POST /v1/mgmt/user/create/test`
    pub fn create_test_user(
        &self,
        login_id: impl Into<String>,
        options: UserOptions,
    ) -> Call<'c, CreateUser> {
        self.call(CreateUser::new(login_id, options, CreateKind::TestUser))
    }

    /// `POST /v1/mgmt/user/create` with `invite: true`
    pub fn invite(
        &self,
        login_id_or_user_id: impl Into<String>,
        options: UserOptions,
    ) -> Call<'c, CreateUser> {
        self.call(CreateUser::new(
            login_id_or_user_id,
            options,
            CreateKind::Invite,
        ))
    }

    /// `POST /v1/mgmt/user/create/batch` with `invite: true`
    pub fn invite_batch(
        &self,
        users: Vec<BatchUser>,
        invite: BatchInvite,
    ) -> Call<'c, CreateBatch> {
        self.call(CreateBatch {
            users,
            invite: Some(invite),
        })
    }

    /// `POST /v1/mgmt/user/create/batch`
    pub fn create_batch(&self, users: Vec<BatchUser>) -> Call<'c, CreateBatch> {
        self.call(CreateBatch {
            users,
            invite: None,
        })
    }

    /// `POST /v1/mgmt/user/update` (full overwrite)
    pub fn update(
        &self,
        login_id_or_user_id: impl Into<String>,
        options: UserOptions,
    ) -> Call<'c, Update> {
        self.call(Update {
            login_id: login_id_or_user_id.into(),
            options,
        })
    }

    /// `PATCH /v1/mgmt/user/patch`
    pub fn patch(
        &self,
        login_id_or_user_id: impl Into<String>,
        options: PatchOptions,
    ) -> Call<'c, Patch> {
        self.call(Patch {
            login_id: login_id_or_user_id.into(),
            options,
        })
    }

    /// `PATCH /v1/mgmt/user/patch/batch` (each entry sets `login_id_or_user_id`)
    pub fn patch_batch(&self, users: Vec<PatchOptions>) -> Call<'c, PatchBatch> {
        self.call(PatchBatch { users })
    }

    /// `POST /v1/mgmt/user/delete`
    pub fn delete(&self, login_id_or_user_id: impl Into<String>) -> Call<'c, Delete> {
        self.call(Delete::LoginId(login_id_or_user_id.into()))
    }

    /// `POST /v1/mgmt/user/delete` by user ID
    pub fn delete_by_user_id(&self, user_id: impl Into<String>) -> Call<'c, Delete> {
        self.call(Delete::UserId(user_id.into()))
    }

    /// `POST /v1/mgmt/user/delete/batch`
    pub fn delete_batch(&self, user_ids: Vec<String>) -> Call<'c, DeleteBatch> {
        self.call(DeleteBatch { user_ids })
    }

    /// `DELETE /v1/mgmt/user/test/delete/all`
    pub fn delete_all_test_users(&self) -> Call<'c, DeleteAllTestUsers> {
        self.call(DeleteAllTestUsers)
    }

    /// `GET /v1/mgmt/user?loginId=`
    pub fn load(&self, login_id_or_user_id: impl Into<String>) -> Call<'c, Load> {
        self.call(Load::LoginId(login_id_or_user_id.into()))
    }

    /// `GET /v1/mgmt/user?userId=`
    pub fn load_by_user_id(&self, user_id: impl Into<String>) -> Call<'c, Load> {
        self.call(Load::UserId(user_id.into()))
    }

    /// `POST /v1/mgmt/users/load`
    pub fn load_users(
        &self,
        user_ids: Vec<String>,
        include_invalid_users: Option<bool>,
    ) -> Call<'c, LoadUsers> {
        self.call(LoadUsers {
            user_ids,
            include_invalid_users,
        })
    }

    /// `POST /v1/mgmt/user/logout`
    pub fn logout_user(&self, login_id_or_user_id: impl Into<String>) -> Call<'c, Logout> {
        self.call(Logout::LoginId(login_id_or_user_id.into()))
    }

    /// `POST /v1/mgmt/user/logout` by user ID
    pub fn logout_user_by_user_id(&self, user_id: impl Into<String>) -> Call<'c, Logout> {
        self.call(Logout::UserId(user_id.into()))
    }

    /// `POST /v2/mgmt/user/search`
    pub fn search(&self, request: SearchRequest) -> Call<'c, Search> {
        self.call(Search::users(request))
    }

    /// `POST /v2/mgmt/user/search/test`
    pub fn search_test_users(&self, request: SearchRequest) -> Call<'c, Search> {
        self.call(Search::test_users(request))
    }

    /// `POST /v2/mgmt/user/search`, resolving to the users only (node-sdk's deprecated form).
    #[deprecated(note = "use search, which also returns the total")]
    pub fn search_all(&self, request: SearchRequest) -> Call<'c, SearchAll> {
        self.call(SearchAll { request })
    }

    /// Every page of `search` (or `searchTestUsers`), `page_size` users at a time.
    pub fn search_pages(&self, search: Search, page_size: i64) -> Result<SearchPages<'c>, Error> {
        Ok(SearchPages {
            client: self.client,
            pager: SearchPager::new(search, page_size)?,
        })
    }

    /// `GET /v1/mgmt/user/provider/token`
    pub fn get_provider_token(
        &self,
        login_id_or_user_id: impl Into<String>,
        provider: impl Into<String>,
        with_refresh_token: bool,
        force_refresh: bool,
    ) -> Call<'c, GetProviderToken> {
        self.call(GetProviderToken {
            login_id: login_id_or_user_id.into(),
            provider: provider.into(),
            with_refresh_token,
            force_refresh,
        })
    }

    /// `POST /v1/mgmt/user/update/status` (enabled)
    pub fn activate(&self, login_id_or_user_id: impl Into<String>) -> Call<'c, UpdateStatus> {
        self.call(UpdateStatus {
            login_id: login_id_or_user_id.into(),
            status: UserStatus::Enabled,
        })
    }

    /// `POST /v1/mgmt/user/update/status` (disabled)
    pub fn deactivate(&self, login_id_or_user_id: impl Into<String>) -> Call<'c, UpdateStatus> {
        self.call(UpdateStatus {
            login_id: login_id_or_user_id.into(),
            status: UserStatus::Disabled,
        })
    }

    /// `POST /v1/mgmt/user/update/loginid`
    pub fn update_login_id(
        &self,
        login_id_or_user_id: impl Into<String>,
        new_login_id: Option<String>,
    ) -> Call<'c, UpdateLoginId> {
        self.call(UpdateLoginId {
            login_id: login_id_or_user_id.into(),
            new_login_id,
        })
    }

    /// `POST /v1/mgmt/user/update/email`
    pub fn update_email(
        &self,
        login_id_or_user_id: impl Into<String>,
        email: impl Into<String>,
        verified: Option<bool>,
        fail_on_conflict: Option<bool>,
    ) -> Call<'c, UpdateEmail> {
        self.call(UpdateEmail {
            login_id: login_id_or_user_id.into(),
            email: email.into(),
            verified,
            fail_on_conflict,
        })
    }

    /// `POST /v1/mgmt/user/update/phone`
    pub fn update_phone(
        &self,
        login_id_or_user_id: impl Into<String>,
        phone: impl Into<String>,
        verified: Option<bool>,
        fail_on_conflict: Option<bool>,
    ) -> Call<'c, UpdatePhone> {
        self.call(UpdatePhone {
            login_id: login_id_or_user_id.into(),
            phone: phone.into(),
            verified,
            fail_on_conflict,
        })
    }

    /// `POST /v1/mgmt/user/update/name`: display name and optional name parts
    pub fn update_display_name(
        &self,
        login_id_or_user_id: impl Into<String>,
        display_name: impl Into<String>,
        given_name: Option<String>,
        middle_name: Option<String>,
        family_name: Option<String>,
    ) -> Call<'c, UpdateName> {
        self.call(UpdateName {
            login_id: login_id_or_user_id.into(),
            display_name: Some(Some(display_name.into())),
            given_name: given_name.map(Some),
            middle_name: middle_name.map(Some),
            family_name: family_name.map(Some),
        })
    }

    /// `POST /v1/mgmt/user/update/name`: name parts only
    pub fn update_user_names(
        &self,
        login_id_or_user_id: impl Into<String>,
        given_name: Option<String>,
        middle_name: Option<String>,
        family_name: Option<String>,
    ) -> Call<'c, UpdateName> {
        self.call(UpdateName::user_names(
            login_id_or_user_id,
            given_name,
            middle_name,
            family_name,
        ))
    }

    /// `POST /v1/mgmt/user/update/picture`
    pub fn update_picture(
        &self,
        login_id_or_user_id: impl Into<String>,
        picture: impl Into<String>,
    ) -> Call<'c, UpdatePicture> {
        self.call(UpdatePicture::new(login_id_or_user_id, picture))
    }

    /// `POST /v1/mgmt/user/update/customAttribute`
    pub fn update_custom_attribute(
        &self,
        login_id_or_user_id: impl Into<String>,
        attribute_key: impl Into<String>,
        attribute_value: impl Into<AttributeValue>,
    ) -> Call<'c, UpdateCustomAttribute> {
        self.call(UpdateCustomAttribute::new(
            login_id_or_user_id,
            attribute_key,
            attribute_value,
        ))
    }

    fn roles(
        &self,
        op: SetOp,
        id: String,
        tenant_id: Option<String>,
        role_names: Vec<String>,
    ) -> Call<'c, UpdateRoles> {
        self.call(UpdateRoles {
            op,
            login_id: id,
            tenant_id,
            role_names,
        })
    }

    /// `POST /v1/mgmt/user/update/role/set`
    pub fn set_roles(
        &self,
        login_id_or_user_id: impl Into<String>,
        roles: Vec<String>,
    ) -> Call<'c, UpdateRoles> {
        self.roles(SetOp::Set, login_id_or_user_id.into(), None, roles)
    }

    /// `POST /v2/mgmt/user/update/role/add`
    pub fn add_roles(
        &self,
        login_id_or_user_id: impl Into<String>,
        roles: Vec<String>,
    ) -> Call<'c, UpdateRoles> {
        self.roles(SetOp::Add, login_id_or_user_id.into(), None, roles)
    }

    /// `POST /v1/mgmt/user/update/role/remove`
    pub fn remove_roles(
        &self,
        login_id_or_user_id: impl Into<String>,
        roles: Vec<String>,
    ) -> Call<'c, UpdateRoles> {
        self.roles(SetOp::Remove, login_id_or_user_id.into(), None, roles)
    }

    /// `POST /v1/mgmt/user/update/tenant/add`
    pub fn add_tenant(
        &self,
        login_id_or_user_id: impl Into<String>,
        tenant_id: impl Into<String>,
    ) -> Call<'c, UpdateTenant> {
        self.call(UpdateTenant {
            add: true,
            login_id: login_id_or_user_id.into(),
            tenant_id: tenant_id.into(),
        })
    }

    /// `POST /v1/mgmt/user/update/tenant/remove`
    pub fn remove_tenant(
        &self,
        login_id_or_user_id: impl Into<String>,
        tenant_id: impl Into<String>,
    ) -> Call<'c, UpdateTenant> {
        self.call(UpdateTenant {
            add: false,
            login_id: login_id_or_user_id.into(),
            tenant_id: tenant_id.into(),
        })
    }

    /// `POST /v1/mgmt/user/update/role/set` in a tenant
    pub fn set_tenant_roles(
        &self,
        login_id_or_user_id: impl Into<String>,
        tenant_id: impl Into<String>,
        roles: Vec<String>,
    ) -> Call<'c, UpdateRoles> {
        self.roles(
            SetOp::Set,
            login_id_or_user_id.into(),
            Some(tenant_id.into()),
            roles,
        )
    }

    /// `POST /v2/mgmt/user/update/role/add` in a tenant
    pub fn add_tenant_roles(
        &self,
        login_id_or_user_id: impl Into<String>,
        tenant_id: impl Into<String>,
        roles: Vec<String>,
    ) -> Call<'c, UpdateRoles> {
        self.roles(
            SetOp::Add,
            login_id_or_user_id.into(),
            Some(tenant_id.into()),
            roles,
        )
    }

    /// `POST /v1/mgmt/user/update/role/remove` in a tenant
    pub fn remove_tenant_roles(
        &self,
        login_id_or_user_id: impl Into<String>,
        tenant_id: impl Into<String>,
        roles: Vec<String>,
    ) -> Call<'c, UpdateRoles> {
        self.roles(
            SetOp::Remove,
            login_id_or_user_id.into(),
            Some(tenant_id.into()),
            roles,
        )
    }

    fn sso_apps(&self, op: SetOp, id: String, sso_app_ids: Vec<String>) -> Call<'c, UpdateSsoApps> {
        self.call(UpdateSsoApps {
            op,
            login_id: id,
            sso_app_ids,
        })
    }

    /// `POST /v1/mgmt/user/update/ssoapp/add`
    pub fn add_sso_apps(
        &self,
        login_id_or_user_id: impl Into<String>,
        sso_app_ids: Vec<String>,
    ) -> Call<'c, UpdateSsoApps> {
        self.sso_apps(SetOp::Add, login_id_or_user_id.into(), sso_app_ids)
    }

    /// `POST /v1/mgmt/user/update/ssoapp/set`
    pub fn set_sso_apps(
        &self,
        login_id_or_user_id: impl Into<String>,
        sso_app_ids: Vec<String>,
    ) -> Call<'c, UpdateSsoApps> {
        self.sso_apps(SetOp::Set, login_id_or_user_id.into(), sso_app_ids)
    }

    /// `POST /v1/mgmt/user/update/ssoapp/remove`
    pub fn remove_sso_apps(
        &self,
        login_id_or_user_id: impl Into<String>,
        sso_app_ids: Vec<String>,
    ) -> Call<'c, UpdateSsoApps> {
        self.sso_apps(SetOp::Remove, login_id_or_user_id.into(), sso_app_ids)
    }

    fn password(&self, kind: PasswordKind, id: String, password: String) -> Call<'c, SetPassword> {
        self.call(SetPassword {
            kind,
            login_id: id,
            password,
        })
    }

    /// `POST /v1/mgmt/user/password/set/temporary`
    pub fn set_temporary_password(
        &self,
        login_id_or_user_id: impl Into<String>,
        password: impl Into<String>,
    ) -> Call<'c, SetPassword> {
        self.password(
            PasswordKind::Temporary,
            login_id_or_user_id.into(),
            password.into(),
        )
    }

    /// `POST /v1/mgmt/user/password/set/active`
    pub fn set_active_password(
        &self,
        login_id_or_user_id: impl Into<String>,
        password: impl Into<String>,
    ) -> Call<'c, SetPassword> {
        self.password(
            PasswordKind::Active,
            login_id_or_user_id.into(),
            password.into(),
        )
    }

    /// `POST /v1/mgmt/user/password/set` (deprecated; behaves like temporary)
    pub fn set_password(
        &self,
        login_id_or_user_id: impl Into<String>,
        password: impl Into<String>,
    ) -> Call<'c, SetPassword> {
        self.password(
            PasswordKind::Deprecated,
            login_id_or_user_id.into(),
            password.into(),
        )
    }

    /// `POST /v1/mgmt/user/password/expire`
    pub fn expire_password(
        &self,
        login_id_or_user_id: impl Into<String>,
    ) -> Call<'c, ExpirePassword> {
        self.call(ExpirePassword {
            login_id: login_id_or_user_id.into(),
        })
    }

    /// `POST /v1/mgmt/user/passkeys/delete`
    pub fn remove_all_passkeys(
        &self,
        login_id_or_user_id: impl Into<String>,
    ) -> Call<'c, RemoveAllPasskeys> {
        self.call(RemoveAllPasskeys {
            login_id: login_id_or_user_id.into(),
        })
    }

    /// `POST /v1/mgmt/user/passkey/delete`
    pub fn remove_passkey(
        &self,
        login_id_or_user_id: impl Into<String>,
        credential_id: impl Into<String>,
    ) -> Call<'c, RemovePasskey> {
        self.call(RemovePasskey {
            login_id: login_id_or_user_id.into(),
            credential_id: credential_id.into(),
        })
    }

    /// `POST /v1/mgmt/user/passkeys/list`
    pub fn list_passkeys(&self, login_id_or_user_id: impl Into<String>) -> Call<'c, ListPasskeys> {
        self.call(ListPasskeys {
            login_id: login_id_or_user_id.into(),
        })
    }

    /// `POST /v1/mgmt/user/totp/delete`
    pub fn remove_totp_seed(
        &self,
        login_id_or_user_id: impl Into<String>,
    ) -> Call<'c, RemoveTotpSeed> {
        self.call(RemoveTotpSeed {
            login_id: login_id_or_user_id.into(),
        })
    }

    /// `POST /v1/mgmt/user/recovery-codes/delete`
    pub fn remove_recovery_codes(
        &self,
        login_id_or_user_id: impl Into<String>,
    ) -> Call<'c, RemoveRecoveryCodes> {
        self.call(RemoveRecoveryCodes {
            login_id: login_id_or_user_id.into(),
        })
    }

    /// `POST /v1/mgmt/tests/generate/otp`
    pub fn generate_otp_for_test_user(
        &self,
        delivery_method: DeliveryMethod,
        login_id: impl Into<String>,
        login_options: Option<LoginOptions>,
    ) -> Call<'c, GenerateOtpForTestUser> {
        self.call(GenerateOtpForTestUser {
            delivery_method,
            login_id: login_id.into(),
            login_options,
        })
    }

    /// `POST /v1/mgmt/tests/generate/magiclink`
    pub fn generate_magic_link_for_test_user(
        &self,
        delivery_method: DeliveryMethod,
        login_id: impl Into<String>,
        uri: impl Into<String>,
        login_options: Option<LoginOptions>,
    ) -> Call<'c, GenerateMagicLinkForTestUser> {
        self.call(GenerateMagicLinkForTestUser {
            delivery_method,
            login_id: login_id.into(),
            uri: uri.into(),
            login_options,
        })
    }

    /// `POST /v1/mgmt/tests/generate/enchantedlink`
    pub fn generate_enchanted_link_for_test_user(
        &self,
        login_id: impl Into<String>,
        uri: impl Into<String>,
        login_options: Option<LoginOptions>,
    ) -> Call<'c, GenerateEnchantedLinkForTestUser> {
        self.call(GenerateEnchantedLinkForTestUser {
            login_id: login_id.into(),
            uri: uri.into(),
            login_options,
        })
    }

    /// `POST /v1/mgmt/user/signin/embeddedlink`
    pub fn generate_embedded_link(
        &self,
        login_id: impl Into<String>,
        custom_claims: Option<std::collections::BTreeMap<String, serde_json::Value>>,
        timeout: Option<u32>,
    ) -> Call<'c, GenerateEmbeddedLink> {
        self.call(GenerateEmbeddedLink {
            login_id: login_id.into(),
            custom_claims,
            timeout,
        })
    }

    /// `POST /v1/mgmt/user/signup/embeddedlink`
    pub fn generate_sign_up_embedded_link(
        &self,
        login_id: impl Into<String>,
        user: Option<SignUpUser>,
        email_verified: Option<bool>,
        phone_verified: Option<bool>,
        login_options: Option<LoginOptions>,
        timeout: Option<u32>,
    ) -> Call<'c, GenerateSignUpEmbeddedLink> {
        self.call(GenerateSignUpEmbeddedLink {
            login_id: login_id.into(),
            user,
            email_verified,
            phone_verified,
            login_options,
            timeout,
        })
    }

    /// `POST /v1/mgmt/user/history`
    pub fn history(&self, user_ids: Vec<String>) -> Call<'c, History> {
        self.call(History { user_ids })
    }

    /// `POST /v1/mgmt/user/import`
    pub fn import(
        &self,
        source: impl Into<String>,
        users: Option<String>,
        hashes: Option<String>,
        dryrun: bool,
    ) -> Call<'c, Import> {
        self.call(Import {
            source: source.into(),
            users,
            hashes,
            dryrun,
        })
    }

    /// `POST /v1/mgmt/user/update/recovery/email`
    pub fn update_recovery_email(
        &self,
        login_id_or_user_id: impl Into<String>,
        email: impl Into<String>,
        verified: Option<bool>,
    ) -> Call<'c, UpdateRecoveryEmail> {
        self.call(UpdateRecoveryEmail {
            login_id: login_id_or_user_id.into(),
            recovery_email: email.into(),
            verified,
        })
    }

    /// `POST /v1/mgmt/user/update/recovery/phone`
    pub fn update_recovery_phone(
        &self,
        login_id_or_user_id: impl Into<String>,
        phone: impl Into<String>,
        verified: Option<bool>,
    ) -> Call<'c, UpdateRecoveryPhone> {
        self.call(UpdateRecoveryPhone {
            login_id: login_id_or_user_id.into(),
            recovery_phone: phone.into(),
            verified,
        })
    }

    /// `GET /v1/mgmt/user/customattributes`
    pub fn get_custom_attributes(&self) -> Call<'c, GetCustomAttributes> {
        self.call(GetCustomAttributes)
    }

    /// `POST /v1/mgmt/user/customattribute/create`
    pub fn create_custom_attributes(
        &self,
        attributes: Vec<CustomAttribute>,
    ) -> Call<'c, CreateCustomAttributes> {
        self.call(CreateCustomAttributes { attributes })
    }

    /// `POST /v1/mgmt/user/customattribute/delete`
    pub fn delete_custom_attributes(&self, names: Vec<String>) -> Call<'c, DeleteCustomAttributes> {
        self.call(DeleteCustomAttributes { names })
    }

    /// `POST /v1/mgmt/user/trusteddevices/list`
    pub fn list_trusted_devices(
        &self,
        login_ids_or_user_ids: Vec<String>,
    ) -> Call<'c, ListTrustedDevices> {
        self.call(ListTrustedDevices {
            identifiers: login_ids_or_user_ids,
        })
    }

    /// `POST /v1/mgmt/user/trusteddevices/remove`
    pub fn remove_trusted_devices(
        &self,
        login_id_or_user_id: impl Into<String>,
        device_ids: Vec<String>,
    ) -> Call<'c, RemoveTrustedDevices> {
        self.call(RemoveTrustedDevices {
            identifier: login_id_or_user_id.into(),
            device_ids,
        })
    }
}

/// Every page of a search; see [`UserApi::search_pages`].
#[derive(Debug, Clone)]
pub struct SearchPages<'c> {
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    client: &'c Client,
    pager: SearchPager,
}

impl SearchPages<'_> {
    /// The request the next page needs, or `None` when the walk is over.
    pub fn next_search(&self) -> Option<Search> {
        self.pager.next_request()
    }

    /// Fetches the next page (wasm32 only); `None` when every page was seen.
    #[cfg(target_arch = "wasm32")]
    pub async fn next(&mut self) -> Option<Result<SearchPage, Error>> {
        let search = self.pager.next_request()?;
        match self.client.send(&search).await {
            Ok(answer) => {
                let page = self.pager.record(answer.users.len(), answer.total);
                Some(Ok(SearchPage {
                    users: answer.users,
                    total: answer.total,
                    page,
                }))
            }
            Err(e) => Some(Err(e)),
        }
    }
}
