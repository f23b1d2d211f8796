//! Authenticators and sign-in helpers: passwords, passkeys, TOTP, recovery codes, trusted
//! devices, provider tokens, test-user OTP/links and embedded links.

use serde_json::{json, Value};

use super::{empty, Call};
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::input::{DISPLAY_NAME, LOGIN_ID};
use crate::store::{Store, User};

/// Reads `loginId` + the rest, runs `change` on that user, answers `{}`.
fn void_with_user<T>(
    store: &mut Store,
    call: &Call,
    read: impl FnOnce(&mut Obj) -> ApiResult<T>,
    change: impl FnOnce(&mut User, T) -> ApiResult<()>,
) -> ApiResult<Value> {
    super::users::with_user(store, call, read, |_, u, args| change(u, args))?;
    Ok(empty())
}

/// Passwords: `expired` is what the endpoint implies unless Go/Python's `setActive` says.
fn set_password(store: &mut Store, call: &Call, active: bool) -> ApiResult<Value> {
    void_with_user(
        store,
        call,
        |o| {
            o.req_str(&["password"])?;
            Ok(o.bool(&["setActive"])?.unwrap_or(active))
        },
        |u, active| {
            u.password = true;
            u.extra.password_expired = !active;
            Ok(())
        },
    )
}

/// Deprecated; behaves like temporary.
pub fn password_set(store: &mut Store, call: &Call) -> ApiResult<Value> {
    set_password(store, call, false)
}

pub fn password_set_temporary(store: &mut Store, call: &Call) -> ApiResult<Value> {
    set_password(store, call, false)
}

pub fn password_set_active(store: &mut Store, call: &Call) -> ApiResult<Value> {
    set_password(store, call, true)
}

/// The user keeps `password: true`; the admin view shows `passwordExpired`.
pub fn password_expire(store: &mut Store, call: &Call) -> ApiResult<Value> {
    void_with_user(
        store,
        call,
        |_| Ok(()),
        |u, ()| {
            u.extra.password_expired = true;
            Ok(())
        },
    )
}

pub fn passkeys_delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    void_with_user(
        store,
        call,
        |_| Ok(()),
        |u, ()| {
            u.extra.passkeys.clear();
            u.webauthn = false;
            Ok(())
        },
    )
}

pub fn passkey_delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    void_with_user(
        store,
        call,
        |o| o.req_str(&["credentialId"]),
        |u, cred| {
            let before = u.extra.passkeys.len();
            u.extra
                .passkeys
                .retain(|p| p["id"].as_str() != Some(cred.as_str()));
            if u.extra.passkeys.len() == before {
                return Err(ApiError::invalid(format!("passkey \"{cred}\" not found")));
            }
            u.webauthn = !u.extra.passkeys.is_empty();
            Ok(())
        },
    )
}

pub fn passkeys_list(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let id = o.req_str(LOGIN_ID)?;
    o.finish()?;
    let idx = store.find_or_404(&id)?;
    Ok(json!({ "passkeys": store.users[idx].extra.passkeys }))
}

pub fn totp_delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    void_with_user(
        store,
        call,
        |_| Ok(()),
        |u, ()| {
            u.totp = false;
            u.extra.totp_seed = None;
            Ok(())
        },
    )
}

pub fn recovery_codes_delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    void_with_user(
        store,
        call,
        |_| Ok(()),
        |u, ()| {
            u.extra.recovery_codes = false;
            Ok(())
        },
    )
}

/// `{identifiers}` (login or user IDs) → `{devices}`; unknown identifiers are skipped.
pub fn trusted_devices_list(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let ids = o.str_list(&["identifiers"])?;
    let ids = o.require(ids, "identifiers");
    o.finish()?;
    let mut seen = Vec::new();
    let mut devices = Vec::new();
    for idx in ids.iter().filter_map(|id| store.find(id)) {
        if !seen.contains(&idx) {
            seen.push(idx);
            devices.extend(store.users[idx].extra.trusted_devices.iter().cloned());
        }
    }
    Ok(json!({ "devices": devices }))
}

/// `{identifier, deviceIds}`: unknown device IDs are ignored.
pub fn trusted_devices_remove(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let id = o.req_str(&["identifier", "loginId"])?;
    let devices = o.str_list(&["deviceIds"])?;
    let devices = o.require(devices, "deviceIds");
    o.finish()?;
    let idx = store.find_or_404(&id)?;
    store.users[idx].extra.trusted_devices.retain(|d| {
        !d["id"]
            .as_str()
            .is_some_and(|x| devices.iter().any(|r| r == x))
    });
    Ok(empty())
}

fn query_bool(o: &mut Obj, key: &str) -> ApiResult<bool> {
    match o.str(&[key])?.as_deref() {
        None | Some("") | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(ApiError::invalid(format!(
            "\"{key}\" must be \"true\" or \"false\""
        ))),
    }
}

/// `GET /v1/mgmt/user/provider/token`: the seeded token; `forceRefresh` mints a new one.
pub fn provider_token(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut q = call.query_obj()?;
    let id = q.req_str(LOGIN_ID)?;
    let provider = q.req_str(&["provider"])?;
    let with_refresh = query_bool(&mut q, "withRefreshToken")?;
    let force = query_bool(&mut q, "forceRefresh")?;
    q.finish()?;
    let idx = store.find_or_404(&id)?;
    let fresh = if force {
        Some(format!("emu-access-{}", store.random_chars(24)))
    } else {
        None
    };
    let now = call.now;
    let u = &mut store.users[idx];
    let Some(token) = u
        .extra
        .provider_tokens
        .iter_mut()
        .find(|t| t["provider"].as_str() == Some(provider.as_str()))
    else {
        return Err(ApiError::invalid(format!(
            "no token for provider \"{provider}\""
        )));
    };
    if let Some(access) = fresh {
        token["accessToken"] = json!(access);
        token["expiration"] = json!(now + 3600);
    }
    let mut answer = token.clone();
    if !with_refresh {
        if let Some(m) = answer.as_object_mut() {
            m.remove("refreshToken");
        }
    }
    Ok(answer)
}

const DELIVERY_METHODS: &[&str] = &["email", "sms", "voice", "whatsapp", "Embedded", "im"];

/// `loginOptions` (reference §5.7), strictly.
fn read_login_options(o: &mut Obj) -> ApiResult<()> {
    let Some(mut lo) = o.obj(&["loginOptions"])? else {
        return Ok(());
    };
    for key in ["stepup", "mfa", "revokeOtherSessions"] {
        lo.bool(&[key])?;
    }
    lo.str_list(&["revokeOtherSessionsTypes"])?;
    lo.map(&["customClaims"])?;
    lo.str_map(&["templateOptions"])?;
    for key in [
        "templateId",
        "tenantId",
        "locale",
        "ssoAppId",
        "pkceChallenge",
    ] {
        lo.str(&[key])?;
    }
    lo.finish()
}

fn read_delivery(o: &mut Obj) -> ApiResult<String> {
    let m = o.req_str(&["deliveryMethod"])?;
    if !m.is_empty() && !DELIVERY_METHODS.contains(&m.as_str()) {
        return Err(ApiError::invalid(format!(
            "\"deliveryMethod\" must be one of {}",
            DELIVERY_METHODS.join(", ")
        )));
    }
    Ok(m)
}

/// The test user the generate-* body names, after the body was fully read.
fn test_user(store: &Store, id: &str) -> ApiResult<usize> {
    let idx = store.find_or_404(id)?;
    if !store.users[idx].test {
        return Err(ApiError::invalid(
            "this operation is only allowed for test users",
        ));
    }
    Ok(idx)
}

pub fn generate_otp(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    read_delivery(&mut o)?;
    let id = o.req_str(LOGIN_ID)?;
    read_login_options(&mut o)?;
    o.finish()?;
    test_user(store, &id)?;
    let code = format!("{:06}", store.next_random() % 1_000_000);
    Ok(json!({ "loginId": id, "code": code }))
}

fn link(uri: &str, kind: &str, token: &str) -> String {
    let base = if uri.is_empty() {
        format!("http://localhost/{kind}")
    } else {
        uri.to_string()
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}t={token}")
}

pub fn generate_magic_link(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    read_delivery(&mut o)?;
    let id = o.req_str(LOGIN_ID)?;
    let uri = o.str(&["URI", "redirectUrl"])?.unwrap_or_default();
    read_login_options(&mut o)?;
    o.finish()?;
    test_user(store, &id)?;
    let token = store.random_chars(32);
    Ok(json!({ "loginId": id, "link": link(&uri, "magiclink", &token) }))
}

pub fn generate_enchanted_link(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let id = o.req_str(LOGIN_ID)?;
    let uri = o.str(&["URI", "redirectUrl"])?.unwrap_or_default();
    read_login_options(&mut o)?;
    o.finish()?;
    test_user(store, &id)?;
    let token = store.random_chars(32);
    let pending = store.random_chars(24);
    Ok(json!({
        "loginId": id,
        "link": link(&uri, "enchantedlink", &token),
        "pendingRef": pending,
    }))
}

fn read_timeout(o: &mut Obj) -> ApiResult<()> {
    if o.int(&["timeout"])?.is_some_and(|t| t < 0) {
        return Err(ApiError::invalid("\"timeout\" must not be negative"));
    }
    Ok(())
}

/// Sign-in embedded link for an existing user.
pub fn signin_embedded_link(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let id = o.req_str(LOGIN_ID)?;
    o.map(&["customClaims"])?;
    read_timeout(&mut o)?;
    o.finish()?;
    store.find_or_404(&id)?;
    Ok(json!({ "token": format!("emu-embedded-{}", store.random_chars(32)) }))
}

/// Sign-up embedded link: the login ID must not exist yet.
pub fn signup_embedded_link(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let id = o.req_str(LOGIN_ID)?;
    if let Some(mut user) = o.obj(&["user"])? {
        // Here the display name key is `name` (node); `displayName` is tolerated too.
        user.str(DISPLAY_NAME)?;
        for key in [
            "givenName",
            "middleName",
            "familyName",
            "phone",
            "email",
            "loginId",
        ] {
            user.str(&[key])?;
        }
        user.finish()?;
    }
    o.bool(&["emailVerified"])?;
    o.bool(&["phoneVerified"])?;
    read_login_options(&mut o)?;
    read_timeout(&mut o)?;
    o.finish()?;
    if store.login_id_owner(&id, None).is_some() {
        return Err(ApiError::user_exists(format!(
            "login ID \"{id}\" already exists"
        )));
    }
    Ok(json!({ "token": format!("emu-signup-{}", store.random_chars(32)) }))
}
