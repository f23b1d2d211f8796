//! `management.jwt` (reference §10): tokens minted by the emulator. They are real JWTs
//! (`header.payload.signature`, base64url), signed HS256 with a key drawn at random for each
//! process, so a token from one run (or a forged one) is refused by the next.
//!
//! Claims: `iss` (project ID), `sub` (user ID), `iat`, `exp`, `jti`, `drn` (`DS` session,
//! `DSR` refresh), `amr`, `roles` and `permissions` (project level), `tenants`
//! (`{tenantId: {roles, permissions}}`), `dct` (the selected tenant), `su` (step-up),
//! `act: {sub}` (the impersonator), and the caller's custom claims at the top level.

use std::sync::OnceLock;

use serde_json::{json, Map, Value};

use super::Call;
use crate::body::Obj;
use crate::crypto::{b64url, hmac_sha256, random_bytes, random_token, same};
use crate::error::{ApiError, ApiResult};
use crate::input::{dedup, LOGIN_ID, SSO_APP_IDS};
use crate::store::{Store, User};

/// Session lifetime (emulator choice; Descope's default is 10 minutes).
pub const SESSION_SECS: i64 = 600;
/// Refresh lifetime when `refreshDuration` is absent (4 weeks, the cookie age node's
/// fixtures show).
pub const REFRESH_SECS: i64 = 4 * 7 * 86_400;
const KEY_ID: &str = "emulator";
/// Claims the emulator sets itself; custom claims may not replace them.
pub const RESERVED: &[&str] = &[
    "iss",
    "sub",
    "aud",
    "iat",
    "exp",
    "nbf",
    "jti",
    "drn",
    "amr",
    "roles",
    "permissions",
    "tenants",
    "dct",
    "su",
    "act",
];

fn key() -> &'static [u8] {
    static KEY: OnceLock<Vec<u8>> = OnceLock::new();
    KEY.get_or_init(|| random_bytes(32))
}

/// Signs the claims with the process key.
pub fn sign(claims: &Map<String, Value>) -> String {
    let header = json!({"alg": "HS256", "typ": "JWT", "kid": KEY_ID});
    let signing_input = format!(
        "{}.{}",
        b64url(header.to_string().as_bytes()),
        b64url(Value::Object(claims.clone()).to_string().as_bytes())
    );
    let sig = hmac_sha256(key(), signing_input.as_bytes());
    format!("{signing_input}.{}", b64url(&sig))
}

/// The claims of a token this process signed, unexpired at `now`; the error says why not.
pub fn verify(token: &str, now: i64) -> Result<Map<String, Value>, String> {
    let parts: Vec<&str> = token.split('.').collect();
    let [h, p, s] = parts.as_slice() else {
        return Err("not a JWT (header.payload.signature)".into());
    };
    let decode = |seg: &str| super::project::base64_decode(seg).ok_or("bad base64url");
    let header: Value =
        serde_json::from_slice(&decode(h)?).map_err(|_| "the header is not JSON")?;
    if header["alg"] != "HS256" || header["kid"] != KEY_ID {
        return Err("not signed by this emulator".into());
    }
    let sig = decode(s)?;
    let want = hmac_sha256(key(), format!("{h}.{p}").as_bytes());
    if !same(&sig, &want) {
        return Err("bad signature".into());
    }
    let Value::Object(claims) =
        serde_json::from_slice(&decode(p)?).map_err(|_| "the payload is not JSON")?
    else {
        return Err("the payload is not a JSON object".into());
    };
    if claims.get("exp").and_then(Value::as_i64).unwrap_or(0) <= now {
        return Err("expired".into());
    }
    Ok(claims)
}

fn verify_input(token: &str, now: i64) -> ApiResult<Map<String, Value>> {
    verify(token, now)
        .map_err(|why| ApiError::invalid("Invalid JWT").with_message(format!("Invalid JWT: {why}")))
}

fn check_custom(claims: &Map<String, Value>) -> ApiResult<()> {
    match claims.keys().find(|k| RESERVED.contains(&k.as_str())) {
        None => Ok(()),
        Some(k) => Err(ApiError::invalid(format!(
            "\"customClaims\" cannot set the reserved claim \"{k}\""
        ))),
    }
}

/// `refreshDuration` in seconds; absent or 0 = the default.
fn refresh_secs(o: &mut Obj) -> ApiResult<i64> {
    match o.int(&["refreshDuration"])? {
        None | Some(0) => Ok(REFRESH_SECS),
        Some(n) if n < 0 => Err(ApiError::invalid(
            "\"refreshDuration\" must not be negative",
        )),
        Some(n) => Ok(n),
    }
}

/// What goes into a token besides the user's authorization.
#[derive(Default)]
struct Mint {
    custom: Map<String, Value>,
    tenant: String,
    stepup: bool,
    mfa: bool,
    actor: Option<String>,
    amr: &'static str,
}

impl Store {
    /// The claims of a user's token.
    fn user_claims(&self, u: &User, m: &Mint, project: &str, now: i64) -> Map<String, Value> {
        let mut c = Map::new();
        c.insert("iss".into(), json!(project));
        c.insert("sub".into(), json!(u.user_id));
        c.insert("iat".into(), json!(now));
        c.insert("jti".into(), json!(random_token(16)));
        let mut amr = vec![m.amr];
        if m.mfa {
            amr.push("mfa");
        }
        c.insert("amr".into(), json!(amr));
        c.insert("roles".into(), json!(self.role_names(&u.role_ids)));
        c.insert(
            "permissions".into(),
            json!(self.role_permissions(&u.role_ids)),
        );
        let tenants: Map<String, Value> = u
            .tenants
            .iter()
            .map(|t| {
                let v = json!({
                    "roles": self.role_names(&t.role_ids),
                    "permissions": self.role_permissions(&t.role_ids),
                });
                (t.tenant_id.clone(), v)
            })
            .collect();
        c.insert("tenants".into(), Value::Object(tenants));
        finish_claims(&mut c, m);
        c
    }
}

fn finish_claims(c: &mut Map<String, Value>, m: &Mint) {
    if !m.tenant.is_empty() {
        c.insert("dct".into(), json!(m.tenant));
    }
    if m.stepup {
        c.insert("su".into(), json!(true));
    }
    if let Some(actor) = &m.actor {
        c.insert("act".into(), json!({ "sub": actor }));
    }
    for (k, v) in &m.custom {
        c.insert(k.clone(), v.clone());
    }
}

/// A session (`DS`) or refresh (`DSR`) token from base claims.
fn token(base: &Map<String, Value>, refresh: bool, ttl: i64, now: i64) -> String {
    let mut c = base.clone();
    c.insert("drn".into(), json!(if refresh { "DSR" } else { "DS" }));
    c.insert("exp".into(), json!(now.saturating_add(ttl)));
    c.insert("jti".into(), json!(random_token(16)));
    sign(&c)
}

/// `{sessionJwt, refreshJwt, cookie…}` (+ `user`, `firstSeen` when there is a user).
fn jwt_response(base: &Map<String, Value>, refresh_ttl: i64, now: i64) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert(
        "sessionJwt".into(),
        json!(token(base, false, SESSION_SECS, now)),
    );
    out.insert(
        "refreshJwt".into(),
        json!(token(base, true, refresh_ttl, now)),
    );
    out.insert("cookieDomain".into(), json!(""));
    out.insert("cookiePath".into(), json!("/"));
    out.insert("cookieMaxAge".into(), json!(refresh_ttl));
    out.insert(
        "cookieExpiration".into(),
        json!(now.saturating_add(refresh_ttl)),
    );
    out
}

/// The selected tenant must be one of the user's.
fn check_member(u: &User, tenant: &str) -> ApiResult<()> {
    if tenant.is_empty() || u.tenant(tenant).is_some() {
        return Ok(());
    }
    Err(ApiError::invalid(format!(
        "the user is not a member of tenant \"{tenant}\""
    )))
}

fn user_for_sign_in(store: &Store, login_id: &str) -> ApiResult<usize> {
    let idx = store.find_or_404(login_id)?;
    if store.users[idx].status == "disabled" {
        return Err(ApiError::invalid("the user is disabled"));
    }
    Ok(idx)
}

/// `{jwt, customClaims?, refreshDuration?}` → `{jwt}`: the same token with the custom claims
/// added, issued now. `refreshDuration` sets the lifetime of a refresh token.
pub fn update(_store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let jwt = o.req_str(&["jwt"])?;
    let custom = o.map(&["customClaims"])?.unwrap_or_default();
    let has_duration = o.has(&["refreshDuration"]);
    let refresh = refresh_secs(&mut o)?;
    o.finish()?;
    check_custom(&custom)?;
    let mut c = verify_input(&jwt, call.now)?;
    let is_refresh = c.get("drn") == Some(&json!("DSR"));
    let old_ttl = match (c.get("exp"), c.get("iat")) {
        (Some(e), Some(i)) => e.as_i64().unwrap_or(0) - i.as_i64().unwrap_or(0),
        _ => SESSION_SECS,
    };
    let ttl = match (is_refresh, has_duration) {
        (true, true) => refresh,
        _ => old_ttl.max(1),
    };
    for (k, v) in custom {
        c.insert(k, v);
    }
    c.insert("iat".into(), json!(call.now));
    Ok(json!({ "jwt": token(&c, is_refresh, ttl, call.now) }))
}

/// Shared by impersonate and impersonate/stepup.
fn impersonation(store: &mut Store, call: &Call, stepup: bool) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let impersonator = o.req_str(&["impersonatorId"])?;
    let login_id = o.req_str(LOGIN_ID)?;
    // Accepted: the emulator keeps no consent records, so consent is always given.
    o.bool(&["validateConsent"])?;
    let custom = o.map(&["customClaims"])?.unwrap_or_default();
    let tenant = o.str(&["selectedTenant"])?.unwrap_or_default();
    let refresh = refresh_secs(&mut o)?;
    o.finish()?;
    check_custom(&custom)?;
    let actor = store.find_or_404(&impersonator)?;
    let target = store.find_or_404(&login_id)?;
    let (a, u) = (&store.users[actor], &store.users[target]);
    check_member(u, &tenant)?;
    // The Impersonate permission, at project level or in a tenant the target is in.
    let has = |ids: &[String]| {
        store
            .role_permissions(ids)
            .iter()
            .any(|p| p == "Impersonate")
    };
    let allowed = has(&a.role_ids)
        || a.tenants.iter().any(|t| {
            (tenant.is_empty() || t.tenant_id == tenant)
                && u.tenant(&t.tenant_id).is_some()
                && has(&t.role_ids)
        });
    if !allowed {
        return Err(ApiError::invalid(
            "The impersonator does not have the Impersonate permission",
        ));
    }
    let mint = Mint {
        custom,
        tenant,
        stepup,
        actor: Some(a.user_id.clone()),
        amr: "impersonation",
        ..Mint::default()
    };
    let base = store.user_claims(u, &mint, &call.config.project_id, call.now);
    // impersonate answers a refresh JWT, impersonate/stepup a session JWT (reference §10).
    let jwt = if stepup {
        token(&base, false, SESSION_SECS, call.now)
    } else {
        token(&base, true, refresh, call.now)
    };
    Ok(json!({ "jwt": jwt }))
}

pub fn impersonate(store: &mut Store, call: &Call) -> ApiResult<Value> {
    impersonation(store, call, false)
}

pub fn impersonate_stepup(store: &mut Store, call: &Call) -> ApiResult<Value> {
    impersonation(store, call, true)
}

/// `{jwt, …}` of an impersonation → a refresh JWT of the impersonator (`act.sub`).
pub fn stop_impersonation(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let jwt = o.req_str(&["jwt"])?;
    let custom = o.map(&["customClaims"])?.unwrap_or_default();
    let tenant = o.str(&["selectedTenant"])?.unwrap_or_default();
    let refresh = refresh_secs(&mut o)?;
    o.finish()?;
    check_custom(&custom)?;
    let claims = verify_input(&jwt, call.now)?;
    let Some(actor) = claims.get("act").and_then(|a| a["sub"].as_str()) else {
        return Err(ApiError::invalid("the JWT is not an impersonation token"));
    };
    let idx = store
        .find_user_id(actor)
        .ok_or_else(ApiError::user_not_found)?;
    let u = &store.users[idx];
    check_member(u, &tenant)?;
    let mint = Mint {
        custom,
        tenant,
        amr: "mgmt",
        ..Mint::default()
    };
    let base = store.user_claims(u, &mint, &call.config.project_id, call.now);
    Ok(json!({ "jwt": token(&base, true, refresh, call.now) }))
}

/// Sign-in options spread at the top level (reference §10; `tenantId` is what node sends).
struct SignInOptions {
    stepup: bool,
    mfa: bool,
    custom: Map<String, Value>,
    jwt: Option<String>,
    refresh: i64,
    tenant: String,
}

impl SignInOptions {
    fn read(o: &mut Obj) -> ApiResult<SignInOptions> {
        let opts = SignInOptions {
            stepup: o.bool(&["stepup"])?.unwrap_or(false),
            mfa: o.bool(&["mfa"])?.unwrap_or(false),
            custom: o.map(&["customClaims"])?.unwrap_or_default(),
            jwt: o.str(&["jwt"])?.filter(|j| !j.is_empty()),
            refresh: refresh_secs(o)?,
            tenant: o.str(&["tenantId"])?.unwrap_or_default(),
        };
        // Accepted; the emulator keeps no sessions to revoke.
        o.bool(&["revokeOtherSessions"])?;
        o.str_list(&["revokeOtherSessionsTypes"])?;
        check_custom(&opts.custom)?;
        Ok(opts)
    }
}

fn sign_in_answer(
    store: &Store,
    idx: usize,
    opts: SignInOptions,
    call: &Call,
    first_seen: bool,
) -> ApiResult<Value> {
    let u = &store.users[idx];
    check_member(u, &opts.tenant)?;
    let mint = Mint {
        custom: opts.custom,
        tenant: opts.tenant,
        stepup: opts.stepup,
        mfa: opts.mfa,
        actor: None,
        amr: "mgmt",
    };
    let base = store.user_claims(u, &mint, &call.config.project_id, call.now);
    let mut out = jwt_response(&base, opts.refresh, call.now);
    out.insert("user".into(), store.render(u));
    out.insert("firstSeen".into(), json!(first_seen));
    Ok(Value::Object(out))
}

/// `{loginId, ...loginOptions}` → JWTResponse. Step-up and MFA need `jwt`, a valid token
/// of the same user.
pub fn sign_in(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let login_id = o.req_str(LOGIN_ID)?;
    let opts = SignInOptions::read(&mut o)?;
    o.finish()?;
    let idx = user_for_sign_in(store, &login_id)?;
    if opts.stepup || opts.mfa {
        let Some(jwt) = &opts.jwt else {
            return Err(ApiError::invalid("\"jwt\" is required for stepup and mfa"));
        };
        let claims = verify_input(jwt, call.now)?;
        if claims.get("sub") != Some(&json!(store.users[idx].user_id)) {
            return Err(ApiError::invalid("the JWT belongs to another user"));
        }
    }
    sign_in_answer(store, idx, opts, call, false)
}

/// The sign-up user: node's `user` object; Go and Python put the verified flags and the
/// SSO app at the top level instead (reference §10), so both are read.
struct SignUp {
    login_id: String,
    user: Map<String, Value>,
    custom: Map<String, Value>,
    refresh: i64,
}

impl SignUp {
    fn read(o: &mut Obj) -> ApiResult<SignUp> {
        let login_id = o.req_str(LOGIN_ID)?;
        let mut user = Map::new();
        if let Some(mut u) = o.obj(&["user"])? {
            for k in [
                "email",
                "phone",
                "name",
                "givenName",
                "middleName",
                "familyName",
            ] {
                if let Some(v) = u.str(&[k])? {
                    user.insert(k.into(), v.into());
                }
            }
            for k in ["verifiedEmail", "verifiedPhone"] {
                if let Some(v) = u.bool(&[k])? {
                    user.insert(k.into(), v.into());
                }
            }
            if let Some(apps) = u.str_list(SSO_APP_IDS)? {
                user.insert("ssoAppIds".into(), json!(apps));
            }
            u.finish()?;
        }
        for (top, key) in [
            ("emailVerified", "verifiedEmail"),
            ("phoneVerified", "verifiedPhone"),
        ] {
            if let Some(v) = o.bool(&[top])? {
                user.insert(key.into(), v.into());
            }
        }
        if let Some(app) = o.str(&["ssoAppId"])?.filter(|a| !a.is_empty()) {
            user.insert("ssoAppIds".into(), json!([app]));
        }
        let custom = o.map(&["customClaims"])?.unwrap_or_default();
        check_custom(&custom)?;
        let refresh = refresh_secs(o)?;
        Ok(SignUp {
            login_id,
            user,
            custom,
            refresh,
        })
    }

    fn create(self, store: &mut Store, call: &Call) -> ApiResult<(usize, SignInOptions)> {
        if store.login_id_owner(&self.login_id, None).is_some() {
            return Err(ApiError::user_exists(format!(
                "login ID \"{}\" already exists",
                self.login_id
            )));
        }
        let id = store.new_user_id();
        let mut u = User::new(id, self.login_id, call.now);
        let s = |k: &str| {
            self.user
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let b = |k: &str| self.user.get(k).and_then(Value::as_bool).unwrap_or(false);
        u.email = s("email");
        u.phone = s("phone");
        u.name = s("name");
        u.given_name = s("givenName");
        u.middle_name = s("middleName");
        u.family_name = s("familyName");
        u.verified_email = b("verifiedEmail") && !u.email.is_empty();
        u.verified_phone = b("verifiedPhone") && !u.phone.is_empty();
        if let Some(Value::Array(apps)) = self.user.get("ssoAppIds") {
            let apps = apps
                .iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect();
            u.sso_app_ids = dedup(apps);
        }
        store.users.push(u);
        let opts = SignInOptions {
            stepup: false,
            mfa: false,
            custom: self.custom,
            jwt: None,
            refresh: self.refresh,
            tenant: String::new(),
        };
        Ok((store.users.len() - 1, opts))
    }
}

/// Creates the user (the login ID must be free) and signs it in: `firstSeen: true`.
pub fn sign_up(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let s = SignUp::read(&mut o)?;
    o.finish()?;
    let (idx, opts) = s.create(store, call)?;
    sign_in_answer(store, idx, opts, call, true)
}

/// Signs an existing user in (its fields unchanged), or signs a new one up.
pub fn sign_up_or_in(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let s = SignUp::read(&mut o)?;
    o.finish()?;
    if store.find(&s.login_id).is_some() {
        let idx = user_for_sign_in(store, &s.login_id)?;
        let opts = SignInOptions {
            stepup: false,
            mfa: false,
            custom: s.custom,
            jwt: None,
            refresh: s.refresh,
            tenant: String::new(),
        };
        return sign_in_answer(store, idx, opts, call, false);
    }
    let (idx, opts) = s.create(store, call)?;
    sign_in_answer(store, idx, opts, call, true)
}

/// Tokens for a user that does not exist in the project: a fresh `sub` each time.
pub fn anonymous(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let custom = o.map(&["customClaims"])?.unwrap_or_default();
    let tenant = o.str(&["selectedTenant"])?.unwrap_or_default();
    let refresh = refresh_secs(&mut o)?;
    o.finish()?;
    check_custom(&custom)?;
    if !tenant.is_empty() {
        super::tenants::tenant_index(store, &tenant)?;
    }
    let mut c = Map::new();
    c.insert("iss".into(), json!(call.config.project_id));
    c.insert("sub".into(), json!(format!("A2{}", store.random_chars(26))));
    c.insert("iat".into(), json!(call.now));
    c.insert("amr".into(), json!(["anonymous"]));
    let mint = Mint {
        custom,
        tenant,
        ..Mint::default()
    };
    finish_claims(&mut c, &mint);
    Ok(Value::Object(jwt_response(&c, refresh, call.now)))
}

/// `{issuer, subject, audience, expiresIn, flattenAudience?, algorithm?}` → `{jwt}`. The
/// emulator signs HS256 whatever `algorithm` says (RS256, RS384, ES384 are checked, not
/// used): it has no RSA or EC keys.
pub fn client_assertion(_store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let issuer = o.req_str(&["issuer"])?;
    let subject = o.req_str(&["subject"])?;
    let audience = o.str_list(&["audience"])?.unwrap_or_default();
    if audience.is_empty() {
        o.missing("audience");
    }
    let expires = o.int(&["expiresIn"])?;
    let expires = o.require(expires, "expiresIn");
    let flatten = o.bool(&["flattenAudience"])?.unwrap_or(false);
    let algorithm = o.str(&["algorithm"])?.unwrap_or_default();
    o.finish()?;
    if expires <= 0 {
        return Err(ApiError::invalid("\"expiresIn\" must be positive"));
    }
    super::tenants::one_of(&algorithm, "algorithm", &["", "RS256", "RS384", "ES384"])?;
    let aud = if flatten && audience.len() == 1 {
        json!(audience[0])
    } else {
        json!(audience)
    };
    let mut c = Map::new();
    c.insert("iss".into(), json!(issuer));
    c.insert("sub".into(), json!(subject));
    c.insert("aud".into(), aud);
    c.insert("iat".into(), json!(call.now));
    c.insert("exp".into(), json!(call.now.saturating_add(expires)));
    c.insert("jti".into(), json!(random_token(16)));
    Ok(json!({ "jwt": sign(&c) }))
}
