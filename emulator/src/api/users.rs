//! Create, load and single-field updates.

use serde_json::{json, Value};

use super::Call;
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::input::{
    check_login_ids_free, check_status, Profile, ADDITIONAL_IDENTIFIERS, ADDITIONAL_LOGIN_IDS,
    DISPLAY_NAME, LOGIN_ID,
};
use crate::password::{read_password, PasswordInput};
use crate::store::{Store, User};

/// Invite options of create and create/batch; kept in the admin view.
#[derive(Debug, Default)]
pub struct InviteOptions {
    pub invite: bool,
    pub fields: serde_json::Map<String, Value>,
}

impl InviteOptions {
    pub fn read(o: &mut Obj) -> ApiResult<InviteOptions> {
        let invite = o.bool(&["invite"])?.unwrap_or(false);
        let mut fields = serde_json::Map::new();
        if let Some(v) = o.str(&["inviteUrl"])? {
            fields.insert("inviteUrl".into(), v.into());
        }
        if let Some(v) = o.bool(&["sendMail"])? {
            fields.insert("sendMail".into(), v.into());
        }
        if let Some(v) = o.bool(&["sendSMS"])? {
            fields.insert("sendSMS".into(), v.into());
        }
        if let Some(v) = o.str_map(&["templateOptions"])? {
            fields.insert("templateOptions".into(), Value::Object(v));
        }
        if let Some(v) = o.str(&["templateId"])? {
            fields.insert("templateId".into(), v.into());
        }
        if let Some(v) = o.str(&["locale"])? {
            fields.insert("locale".into(), v.into());
        }
        Ok(InviteOptions { invite, fields })
    }

    /// Notes a (re-)sent invitation on the user.
    pub fn record(&self, u: &mut User, now: i64) {
        let mut sent = self.fields.clone();
        sent.insert("time".into(), now.into());
        u.extra.invites_sent += 1;
        u.extra.last_invite = Some(Value::Object(sent));
    }
}

/// One new user from already-parsed fields; shared by create, batch and import.
pub struct NewUser {
    pub login_id: String,
    pub profile: Profile,
    pub test: bool,
    pub status: Option<String>,
    pub password: Option<PasswordInput>,
    pub totp_seed: Option<String>,
    pub created_time: Option<i64>,
}

impl NewUser {
    /// Validates and inserts; returns the new user's index.
    pub fn insert(self, store: &mut Store, now: i64) -> ApiResult<usize> {
        self.profile.validate(store)?;
        let mut ids = vec![self.login_id.clone()];
        ids.extend(self.profile.new_login_ids().iter().cloned());
        check_login_ids_free(store, &ids, None)?;
        let user_id = store.new_user_id();
        let mut u = User::new(user_id, self.login_id, now);
        self.profile.apply(store, &mut u, true);
        u.test = self.test;
        if let Some(s) = self.status {
            u.status = s;
        }
        if let Some(t) = self.created_time {
            u.created_time = t;
        }
        if let Some(p) = self.password {
            u.password = true;
            u.extra.password_expired = p.expired;
        }
        if let Some(seed) = self.totp_seed {
            u.totp = true;
            u.extra.totp_seed = Some(seed);
        }
        store.users.push(u);
        Ok(store.users.len() - 1)
    }
}

pub fn create(store: &mut Store, call: &Call) -> ApiResult<Value> {
    create_user(store, call, false)
}

pub fn create_test(store: &mut Store, call: &Call) -> ApiResult<Value> {
    create_user(store, call, true)
}

fn create_user(store: &mut Store, call: &Call, test_path: bool) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let login_id = o.req_str(LOGIN_ID)?;
    let profile = Profile::read(&mut o, ADDITIONAL_LOGIN_IDS)?;
    let test = o.bool(&["test"])?.unwrap_or(false) || test_path;
    let invite = InviteOptions::read(&mut o)?;
    let status = o.str(&["status"])?;
    let password = read_password(&mut o)?;
    o.finish()?;
    if let Some(s) = &status {
        check_status(s, "status", &["enabled", "disabled", "invited"])?;
    }

    // An invite naming an existing user ID re-sends the invitation instead of creating.
    if invite.invite {
        if let Some(idx) = store.find_user_id(&login_id) {
            if let Some(u) = store.users.get_mut(idx) {
                invite.record(u, call.now);
            }
            return Ok(store.wrap(idx));
        }
    }
    let new = NewUser {
        login_id,
        profile,
        test,
        status: if invite.invite {
            Some("invited".to_string())
        } else {
            status
        },
        password,
        totp_seed: None,
        created_time: None,
    };
    let idx = new.insert(store, call.now)?;
    if invite.invite {
        if let Some(u) = store.users.get_mut(idx) {
            invite.record(u, call.now);
        }
    }
    Ok(store.wrap(idx))
}

/// `GET /v1/mgmt/user?loginId=…` or `?userId=…` (Go sends both, one empty).
pub fn load(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut q = call.query_obj()?;
    let login_id = q.str(LOGIN_ID)?.unwrap_or_default();
    let user_id = q.str(&["userId"])?.unwrap_or_default();
    q.finish()?;
    let idx = if !login_id.is_empty() {
        store.find(&login_id)
    } else if !user_id.is_empty() {
        store.find_user_id(&user_id)
    } else {
        return Err(ApiError::invalid("\"loginId\" or \"userId\" is required"));
    };
    let idx = idx.ok_or_else(ApiError::user_not_found)?;
    Ok(store.wrap(idx))
}

/// Runs `change` on the user named by the body's `loginId` after `read` consumed the rest.
pub fn with_user<T>(
    store: &mut Store,
    call: &Call,
    read: impl FnOnce(&mut Obj) -> ApiResult<T>,
    change: impl FnOnce(&Store, &mut User, T) -> ApiResult<()>,
) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let id = o.req_str(LOGIN_ID)?;
    let args = read(&mut o)?;
    o.finish()?;
    let idx = store.find_or_404(&id)?;
    let mut user = store.users[idx].clone();
    change(store, &mut user, args)?;
    user.extra.modified_time = call.now;
    store.users[idx] = user;
    Ok(store.wrap(idx))
}

pub fn update_picture(store: &mut Store, call: &Call) -> ApiResult<Value> {
    with_user(
        store,
        call,
        |o| {
            let picture = o.str(&["picture"])?;
            Ok(o.require(picture, "picture"))
        },
        |_, u, picture| {
            u.picture = picture;
            Ok(())
        },
    )
}

/// Absent keys leave that name unchanged; an empty string clears it.
pub fn update_name(store: &mut Store, call: &Call) -> ApiResult<Value> {
    with_user(
        store,
        call,
        |o| {
            Ok([
                o.str(DISPLAY_NAME)?,
                o.str(&["givenName"])?,
                o.str(&["middleName"])?,
                o.str(&["familyName"])?,
            ])
        },
        |_, u, [display, given, middle, family]| {
            let slots = [
                (&mut u.name, display),
                (&mut u.given_name, given),
                (&mut u.middle_name, middle),
                (&mut u.family_name, family),
            ];
            for (slot, value) in slots {
                if let Some(v) = value {
                    *slot = v;
                }
            }
            Ok(())
        },
    )
}

/// `attributeValue` may be a string, number, boolean, string array or `null` (removes it).
pub fn update_custom_attribute(store: &mut Store, call: &Call) -> ApiResult<Value> {
    with_user(
        store,
        call,
        |o| {
            let key = o.req_str(&["attributeKey"])?;
            if !o.has(&["attributeValue"]) {
                o.missing("attributeValue");
            }
            let value = o.raw("attributeValue").unwrap_or(Value::Null);
            Ok((key, value))
        },
        |store, u, (key, value)| {
            match store.check_attr(&key, &value)? {
                Some(v) => u.custom_attributes.insert(key, v),
                None => u.custom_attributes.remove(&key),
            };
            Ok(())
        },
    )
}

/// Full overwrite: absent fields are cleared; userId, createdTime, status, test flag,
/// authenticators and the primary login ID stay.
pub fn update(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let id = o.req_str(LOGIN_ID)?;
    let profile = Profile::read(&mut o, ADDITIONAL_LOGIN_IDS)?;
    // Python sends these on every update; they do not change the user.
    o.bool(&["test"])?;
    o.bool(&["invite"])?;
    o.finish()?;
    let idx = store.find_or_404(&id)?;
    profile.validate(store)?;
    check_login_ids_free(store, profile.new_login_ids(), Some(idx))?;
    let mut user = store.users[idx].clone();
    profile.apply(store, &mut user, true);
    user.extra.modified_time = call.now;
    store.users[idx] = user;
    Ok(store.wrap(idx))
}

/// One patch body (also an entry of patch/batch).
pub struct Patch {
    pub id: String,
    pub profile: Profile,
    pub status: Option<String>,
    pub scim: Option<bool>,
}

impl Patch {
    pub fn read(o: &mut Obj) -> ApiResult<Patch> {
        let id = o.req_str(LOGIN_ID)?;
        let profile = Profile::read(o, ADDITIONAL_IDENTIFIERS)?;
        let status = o.str(&["status"])?;
        let scim = o.bool(&["scim"])?;
        // Python adds `test: true` when patching a test user; it changes nothing.
        o.bool(&["test"])?;
        if let Some(s) = &status {
            check_status(s, &o.name("status"), crate::STATUSES)?;
        }
        Ok(Patch {
            id,
            profile,
            status,
            scim,
        })
    }

    /// Applies to the named user; returns its index.
    pub fn apply(self, store: &mut Store, now: i64) -> ApiResult<usize> {
        let idx = store.find_or_404(&self.id)?;
        self.profile.validate(store)?;
        check_login_ids_free(store, self.profile.new_login_ids(), Some(idx))?;
        let mut user = store.users[idx].clone();
        self.profile.apply(store, &mut user, false);
        if let Some(s) = self.status {
            user.status = s;
        }
        if let Some(s) = self.scim {
            user.scim = s;
        }
        user.extra.modified_time = now;
        store.users[idx] = user;
        Ok(idx)
    }

    /// What a failed entry reports as `user`: the input in the user shape.
    fn as_user(&self, store: &Store) -> Value {
        let mut u = User::new(String::new(), self.id.clone(), 0);
        self.profile.clone().apply(store, &mut u, false);
        if let Some(s) = &self.status {
            u.status.clone_from(s);
        }
        store.render(&u)
    }
}

/// `PATCH /v1/mgmt/user/patch`: only the given keys change.
pub fn patch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let p = Patch::read(&mut o)?;
    o.finish()?;
    let idx = p.apply(store, call.now)?;
    Ok(store.wrap(idx))
}

/// Reads `users: [...]` with `read` per entry; a malformed entry fails the whole request.
fn read_entries<T>(o: &mut Obj, read: impl Fn(&mut Obj) -> ApiResult<T>) -> ApiResult<Vec<T>> {
    let items = o.list(&["users"])?;
    let items = o.require(items, "users");
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let mut e = Obj::from_value(item, &format!("users[{i}]"))?;
        let entry = read(&mut e)?;
        e.finish()?;
        out.push(entry);
    }
    Ok(out)
}

fn failure(reason: &ApiError, user: Value) -> Value {
    json!({ "failure": reason.description, "user": user })
}

/// `PATCH /v1/mgmt/user/patch/batch`: each entry succeeds or fails on its own.
pub fn patch_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let entries = read_entries(&mut o, Patch::read)?;
    o.finish()?;
    let mut patched = Vec::new();
    let mut failed = Vec::new();
    for p in entries {
        let shown = p.as_user(store);
        match p.apply(store, call.now) {
            Ok(idx) => patched.push(store.render(&store.users[idx])),
            Err(e) => failed.push(failure(&e, shown)),
        }
    }
    Ok(json!({ "patchedUsers": patched, "failedUsers": failed, "additionalErrors": {} }))
}

/// `create/batch` (and inviteBatch): BatchUser entries of reference §5.4.
pub fn create_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let entries = read_entries(&mut o, |e| {
        Ok(NewUser {
            login_id: e.req_str(LOGIN_ID)?,
            profile: Profile::read(e, ADDITIONAL_LOGIN_IDS)?,
            test: e.bool(&["test"])?.unwrap_or(false),
            status: match e.str(&["status"])? {
                Some(s) => {
                    check_status(&s, &e.name("status"), crate::STATUSES)?;
                    Some(s)
                }
                None => None,
            },
            password: read_password(e)?,
            totp_seed: e.str(&["seed"])?.filter(|s| !s.is_empty()),
            created_time: e.int(&["createdTime"])?,
        })
    })?;
    let invite = InviteOptions::read(&mut o)?;
    o.finish()?;
    let mut created = Vec::new();
    let mut failed = Vec::new();
    for mut new in entries {
        // Invites may name existing users by user ID: re-sent, not created.
        if invite.invite {
            if let Some(idx) = store.find_user_id(&new.login_id) {
                if let Some(u) = store.users.get_mut(idx) {
                    invite.record(u, call.now);
                }
                created.push(store.render(&store.users[idx]));
                continue;
            }
            new.status = Some("invited".into());
        }
        let shown = {
            let mut u = User::new(String::new(), new.login_id.clone(), 0);
            new.profile.clone().apply(store, &mut u, true);
            store.render(&u)
        };
        match new.insert(store, call.now) {
            Ok(idx) => {
                if invite.invite {
                    if let Some(u) = store.users.get_mut(idx) {
                        invite.record(u, call.now);
                    }
                }
                created.push(store.render(&store.users[idx]));
            }
            Err(e) => failed.push(failure(&e, shown)),
        }
    }
    Ok(json!({ "createdUsers": created, "failedUsers": failed, "additionalErrors": {} }))
}

/// The user named by `loginId` (login or user ID) or `userId`; Go sends both, one empty.
fn login_or_user_id(o: &mut Obj, store: &Store) -> ApiResult<Option<usize>> {
    let login_id = o.str(LOGIN_ID)?.unwrap_or_default();
    let user_id = o.str(&["userId"])?.unwrap_or_default();
    if login_id.is_empty() && user_id.is_empty() {
        o.missing("loginId");
    }
    Ok(if !login_id.is_empty() {
        store.find(&login_id)
    } else {
        store.find_user_id(&user_id)
    })
}

pub fn delete(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let idx = login_or_user_id(&mut o, store)?;
    o.finish()?;
    let idx = idx.ok_or_else(ApiError::user_not_found)?;
    store.users.remove(idx);
    Ok(super::empty())
}

/// Unknown IDs are skipped, as a batch should be.
pub fn delete_batch(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let ids = o.str_list(&["userIds"])?;
    let ids = o.require(ids, "userIds");
    o.finish()?;
    store.users.retain(|u| !ids.contains(&u.user_id));
    Ok(super::empty())
}

/// `DELETE /v1/mgmt/user/test/delete/all`: test users only.
pub fn delete_all_test_users(store: &mut Store, _call: &Call) -> ApiResult<Value> {
    store.users.retain(|u| !u.test);
    Ok(super::empty())
}

/// `POST /v1/mgmt/users/load`. Unknown IDs are skipped; disabled and expired users count as
/// "invalid" and are left out unless `includeInvalidUsers` (an emulator assumption).
pub fn load_users(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let ids = o.str_list(&["userIds"])?;
    let ids = o.require(ids, "userIds");
    let include_invalid = o.bool(&["includeInvalidUsers"])?.unwrap_or(false);
    o.finish()?;
    let users: Vec<Value> = ids
        .iter()
        .filter_map(|id| store.find_user_id(id))
        .map(|i| &store.users[i])
        .filter(|u| include_invalid || !matches!(u.status.as_str(), "disabled" | "expired"))
        .map(|u| store.render(u))
        .collect();
    Ok(json!({ "total": users.len(), "users": users }))
}

/// Records the logout (visible as `lastLogout` in the admin view).
pub fn logout(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.obj()?;
    let idx = login_or_user_id(&mut o, store)?;
    let types = o.str_list(&["sessionTypes"])?;
    o.finish()?;
    let idx = idx.ok_or_else(ApiError::user_not_found)?;
    let u = &mut store.users[idx];
    u.extra.last_logout = Some(call.now);
    u.extra.logout_count += 1;
    u.extra.last_logout_session_types = types.unwrap_or_default();
    Ok(super::empty())
}
