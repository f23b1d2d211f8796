//! The initial project: built-in tenants/roles/attributes, a `--seed` file, and
//! `--sample-users N` generated users.

use serde_json::{json, Value};

use crate::body::Obj;
use crate::error::{ApiError, ApiResult};
use crate::input::{dedup, read_tenants, DISPLAY_NAME, SSO_APP_IDS};
use crate::store::{
    splitmix, AttrDef, AttrType, Permission, Role, Store, Tenant, User, SYSTEM_PERMISSIONS,
    TENANT_ADMIN,
};

/// The project's name until `project.updateName` (or a seed's `project`) changes it.
pub const DEFAULT_PROJECT_NAME: &str = "Emulator project";

/// 2026-01-01T00:00:00Z: sample users are created in the year before it, so runs repeat.
pub const SAMPLE_EPOCH: i64 = 1_767_225_600;

pub fn default_tenants() -> Vec<Tenant> {
    [
        ("t-acme", "Acme"),
        ("t-globex", "Globex"),
        ("t-initech", "Initech"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (id, name))| {
        Tenant::new(
            id.to_string(),
            name.to_string(),
            SAMPLE_EPOCH - 400 * 86_400 + i as i64 * 3600,
        )
    })
    .collect()
}

/// The permissions the default roles use, after the system ones.
const DEFAULT_PERMISSIONS: &[(&str, &str)] = &[
    ("users.read", "Read users"),
    ("users.write", "Create and change users"),
    ("billing.read", "Read invoices"),
    ("content.write", "Edit content"),
    ("users.impersonate", "Impersonate users"),
    ("billing.write", "Manage invoices"),
];

pub fn default_permissions() -> Vec<Permission> {
    let system = SYSTEM_PERMISSIONS.iter().map(|(n, d)| (n, d, true));
    let others = DEFAULT_PERMISSIONS.iter().map(|(n, d)| (n, d, false));
    system
        .chain(others)
        .map(|(name, description, system_default)| Permission {
            id: stable_id("PERM", name, 28),
            name: name.to_string(),
            description: description.to_string(),
            system_default,
        })
        .collect()
}

pub fn default_roles() -> Vec<Role> {
    let system: Vec<&str> = SYSTEM_PERMISSIONS.iter().map(|(n, _)| *n).collect();
    [
        (
            "admin",
            "Full access",
            &["users.read", "users.write", "billing.read"][..],
        ),
        (
            "editor",
            "Edits content",
            &["users.read", "content.write"][..],
        ),
        ("viewer", "Read-only access", &["users.read"][..]),
        (
            "support",
            "Helps customers",
            &["users.read", "users.impersonate"][..],
        ),
        (
            "billing",
            "Manages invoices",
            &["billing.read", "billing.write"][..],
        ),
        (TENANT_ADMIN, "Manages its tenant", &system[..]),
    ]
    .iter()
    .enumerate()
    .map(|(i, (name, description, perms))| Role {
        id: stable_id("ROL", name, 31),
        name: name.to_string(),
        description: description.to_string(),
        permission_ids: perms.iter().map(|p| stable_id("PERM", p, 28)).collect(),
        tenant_id: String::new(),
        default: false,
        private: false,
        created_time: SAMPLE_EPOCH - 400 * 86_400 + i as i64,
    })
    .collect()
}

/// A deterministic ID derived from a name, for built-in and seeded entities: they keep their
/// IDs across resets without consuming the store's sequence (so user IDs do not shift).
pub fn stable_id(prefix: &str, key: &str, len: usize) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    // FNV-1a, then SplitMix64 as a stream.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in prefix.bytes().chain([0]).chain(key.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut out = String::from(prefix);
    let mut bits = splitmix(h);
    for i in 0..len.saturating_sub(prefix.len()) {
        if i % 10 == 9 {
            h = h.wrapping_add(1);
            bits = splitmix(h);
        }
        out.push(char::from(ALPHABET[(bits % 62) as usize]));
        bits /= 62;
    }
    out
}

pub fn default_attrs() -> Vec<AttrDef> {
    vec![
        AttrDef::new("seats", AttrType::Numeric, "Seats", &[]),
        AttrDef::new(
            "plan",
            AttrType::SingleSelect,
            "Plan",
            &["free", "pro", "enterprise"],
        ),
        AttrDef::new("beta", AttrType::Boolean, "Beta features", &[]),
        AttrDef::new("teams", AttrType::MultiSelect, "Teams", &[]),
        AttrDef::new("nickname", AttrType::Text, "Nickname", &[]),
    ]
}

/// Builds the starting store from an optional seed document and a sample-user count.
pub fn build(seed: Option<&Value>, sample_users: usize) -> Result<Store, String> {
    let mut store = Store {
        tenants: default_tenants(),
        roles: default_roles(),
        permissions: default_permissions(),
        attrs: default_attrs(),
        jwt_library: crate::api::jwt_templates::default_library(),
        project_name: DEFAULT_PROJECT_NAME.into(),
        ..Store::default()
    };
    if let Some(seed) = seed {
        apply_seed(&mut store, seed.clone(), true)
            .map_err(|e| format!("seed: {}", e.description))?;
    }
    add_sample_users(&mut store, sample_users);
    Ok(store)
}

/// Reads a seed document into the store. A bare array means users. With `replace` (start-up)
/// a present section replaces the built-in defaults; otherwise entries are added or updated.
pub fn apply_seed(store: &mut Store, seed: Value, replace: bool) -> ApiResult<()> {
    let seed = match seed {
        Value::Array(users) => json!({ "users": users }),
        other => other,
    };
    let mut o = Obj::from_value(seed, "seed")?;
    // Order matters: roles need tenants and permissions, users need roles, keys need users.
    crate::seed_entities::permissions(store, &mut o, replace)?;
    let default_roles = crate::seed_entities::tenants(store, &mut o, replace)?;
    crate::seed_entities::roles(store, &mut o, replace)?;
    crate::seed_entities::tenant_default_roles(store, default_roles)?;
    // The project's password policy (server spellings), as snapshots carry it.
    if let Some(p) = o.map(&["passwordSettings"])? {
        store.password = p;
    }
    if let Some(items) = o.list(&["customAttributes"])? {
        if replace {
            store.attrs.clear();
        }
        for (i, item) in items.into_iter().enumerate() {
            let def = read_attr_def(item, &format!("customAttributes[{i}]"))?;
            store.attrs.retain(|a| a.name != def.name);
            store.attrs.push(def);
        }
    }
    // Users after the definitions they may refer to.
    for (i, item) in o
        .list(&["users"])?
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let user = read_seed_user(store, item, &format!("users[{i}]"))?;
        store.users.push(user);
    }
    for (section, key) in [
        ("passkeys", Section::Passkeys),
        ("trustedDevices", Section::Devices),
        ("providerTokens", Section::Tokens),
        ("history", Section::History),
    ] {
        for (i, item) in o
            .list(&[section])?
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            attach(store, item, &format!("{section}[{i}]"), key)?;
        }
    }
    crate::seed_entities::after_users(store, &mut o)?;
    crate::seed_rest::apply(store, &mut o, replace)?;
    o.finish()
}

/// A custom attribute definition, as in `customattribute/create` and seeds.
pub fn read_attr_def(item: Value, path: &str) -> ApiResult<AttrDef> {
    let mut a = Obj::from_value(item, path)?;
    let name = a.req_str(&["name"])?;
    let type_name = a.name("type");
    let ty = match a.raw("type") {
        Some(Value::Number(n)) => n.as_i64().and_then(AttrType::from_number),
        Some(Value::String(s)) => AttrType::from_name(&s),
        None | Some(Value::Null) => Some(AttrType::Text),
        _ => None,
    }
    .ok_or_else(|| {
        ApiError::invalid(format!(
            "\"{type_name}\" must be 1 (text), 2 (numeric), 3 (boolean), 4 (single select), \
             5 (multi select) or 6 (date)"
        ))
    })?;
    let mut options = Vec::new();
    for (i, opt) in a
        .list(&["options"])?
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let opt_path = format!("{}[{i}]", a.name("options"));
        match opt {
            Value::String(s) => options.push((s.clone(), s)),
            Value::Object(_) => {
                let mut op = Obj::from_value(opt, &opt_path)?;
                let value = op.req_str(&["value"])?;
                let label = op.str(&["label"])?.unwrap_or_else(|| value.clone());
                op.finish()?;
                options.push((value, label));
            }
            _ => {
                return Err(ApiError::invalid(format!(
                    "\"{opt_path}\" must be a string or {{value, label}}"
                )))
            }
        }
    }
    let def = AttrDef {
        display_name: a.str(&["displayName"])?.unwrap_or_else(|| name.clone()),
        default_value: a.raw("defaultValue").filter(|v| !v.is_null()),
        view_permissions: a.str_list(&["viewPermissions"])?.unwrap_or_default(),
        edit_permissions: a.str_list(&["editPermissions"])?.unwrap_or_default(),
        name,
        ty,
        options,
    };
    // Python's SDK sends `required`; the emulator does not enforce it.
    a.bool(&["required"])?;
    a.finish()?;
    Ok(def)
}

/// A user object as the service renders it (partial allowed), plus `loginId`/`displayName`
/// conveniences. Unknown tenants, roles and attributes are declared on the fly.
fn read_seed_user(store: &mut Store, item: Value, path: &str) -> ApiResult<User> {
    let mut o = Obj::from_value(item, path)?;
    let mut login_ids = o.str_list(&["loginIds"])?.unwrap_or_default();
    if let Some(l) = o.str(&["loginId"])? {
        login_ids.insert(0, l);
    }
    let login_ids = dedup(login_ids);
    let Some(first) = login_ids.first().cloned() else {
        return Err(o.required("loginIds"));
    };
    crate::input::check_login_ids_free(store, &login_ids, None)?;
    let user_id = match o.str(&["userId"])? {
        Some(id) if store.find_user_id(&id).is_some() => {
            return Err(ApiError::invalid(format!(
                "{path}: duplicate userId \"{id}\""
            )))
        }
        Some(id) => id,
        None => store.new_user_id(),
    };
    let created = o.int(&["createdTime"])?.unwrap_or(SAMPLE_EPOCH);
    let mut u = User::new(user_id, first, created);
    u.login_ids = login_ids;
    let text = |o: &mut Obj, keys: &[&str]| o.str(keys).map(Option::unwrap_or_default);
    u.name = text(&mut o, DISPLAY_NAME)?;
    u.given_name = text(&mut o, &["givenName"])?;
    u.middle_name = text(&mut o, &["middleName"])?;
    u.family_name = text(&mut o, &["familyName"])?;
    u.email = text(&mut o, &["email"])?;
    u.phone = text(&mut o, &["phone"])?;
    u.picture = text(&mut o, &["picture"])?;
    u.status = o.str(&["status"])?.unwrap_or_else(|| "enabled".into());
    crate::input::check_status(&u.status, &o.name("status"), crate::STATUSES)?;
    let flag = |o: &mut Obj, key: &str| o.bool(&[key]).map(Option::unwrap_or_default);
    u.verified_email = flag(&mut o, "verifiedEmail")?;
    u.verified_phone = flag(&mut o, "verifiedPhone")?;
    u.test = flag(&mut o, "test")?;
    u.totp = flag(&mut o, "TOTP")?;
    u.saml = flag(&mut o, "SAML")?;
    u.scim = flag(&mut o, "SCIM")?;
    u.oidc = flag(&mut o, "OIDC")?;
    u.webauthn = flag(&mut o, "webauthn")?;
    u.password = flag(&mut o, "password")?;
    u.push = flag(&mut o, "push")?;
    u.editable = o.bool(&["editable"])?.unwrap_or(true);
    u.external_ids = o.str_list(&["externalIds"])?.unwrap_or_default();
    u.sso_app_ids = o.str_list(SSO_APP_IDS)?.unwrap_or_default();
    if let Some(oauth) = o.map(&["OAuth"])? {
        u.oauth = oauth;
    }
    // Derived from roles in answers; accepted so a loaded user can be pasted into a seed.
    // `modifiedTime` (seconds, Go's type has it) seeds the search's modified-time filter.
    o.str_list(&["permissions"])?;
    if let Some(m) = o.int(&["modifiedTime"])? {
        u.extra.modified_time = m;
    }
    let role_names = dedup(o.str_list(&["roleNames"])?.unwrap_or_default());
    let tenants = read_tenants(&mut o)?.unwrap_or_default();
    for t in &tenants {
        if store.tenant(&t.tenant_id).is_none() {
            let tenant = Tenant::new(t.tenant_id.clone(), t.tenant_id.clone(), SAMPLE_EPOCH);
            store.tenants.push(tenant);
        }
    }
    let scoped = role_names.iter().map(|r| ("", r)).chain(
        tenants
            .iter()
            .flat_map(|t| t.role_names.iter().map(|r| (t.tenant_id.as_str(), r))),
    );
    for (tenant, role) in scoped {
        if store.resolve_role(tenant, role).is_none() {
            crate::seed_entities::declare_role(store, role);
        }
    }
    u.role_ids = store.role_ids("", &role_names);
    u.tenants = tenants
        .iter()
        .map(|t| crate::store::UserTenant {
            tenant_id: t.tenant_id.clone(),
            role_ids: store.role_ids(&t.tenant_id, &t.role_names),
        })
        .collect();
    for (k, v) in o.map(&["customAttributes"])?.unwrap_or_default() {
        if store.attr(&k).is_none() {
            let ty = match &v {
                Value::Bool(_) => AttrType::Boolean,
                Value::Number(_) => AttrType::Numeric,
                Value::Array(_) => AttrType::MultiSelect,
                _ => AttrType::Text,
            };
            store.attrs.push(AttrDef::new(&k, ty, &k, &[]));
        }
        if let Some(v) = store.check_attr(&k, &v)? {
            u.custom_attributes.insert(k, v);
        }
    }
    o.finish()?;
    Ok(u)
}

#[derive(Clone, Copy)]
enum Section {
    Passkeys,
    Devices,
    Tokens,
    History,
}

/// Attaches a passkey / trusted device / provider token / history entry to its user,
/// named by `loginId` or `userId`.
fn attach(store: &mut Store, item: Value, path: &str, section: Section) -> ApiResult<()> {
    let mut o = Obj::from_value(item, path)?;
    let who = o.str(&["loginId", "userId"])?.ok_or_else(|| {
        ApiError::invalid(format!(
            "\"{path}.loginId\" or \"{path}.userId\" is required"
        ))
    })?;
    let idx = store
        .find(&who)
        .ok_or_else(|| ApiError::invalid(format!("{path}: no user \"{who}\"")))?;
    let user_id = store.users[idx].user_id.clone();
    let entry = match section {
        Section::Passkeys => json!({
            "id": o.req_str(&["id"])?,
            "rpId": o.str(&["rpId"])?.unwrap_or_else(|| "localhost".into()),
            "kind": o.str(&["kind"])?.unwrap_or_else(|| "platform".into()),
            "displayName": o.str(&["displayName"])?.unwrap_or_default(),
            "createdTime": o.int(&["createdTime"])?.unwrap_or(SAMPLE_EPOCH),
        }),
        Section::Devices => json!({
            "id": o.req_str(&["id"])?,
            "name": o.str(&["name"])?.unwrap_or_default(),
            "deviceType": o.str(&["deviceType"])?.unwrap_or_default(),
            // int64 fields travel as strings in the service's protobuf JSON.
            "lastLoginTime": o.int(&["lastLoginTime"])?.unwrap_or(SAMPLE_EPOCH).to_string(),
            "expirationTime": o.int(&["expirationTime"])?.unwrap_or(SAMPLE_EPOCH + 30 * 86_400).to_string(),
            "lastLocation": o.str(&["lastLocation"])?.unwrap_or_default(),
            "userId": user_id,
            "isCurrentDevice": o.bool(&["isCurrentDevice"])?.unwrap_or(false),
        }),
        Section::Tokens => {
            let mut t = json!({
                "provider": o.req_str(&["provider"])?,
                "providerUserId": o.str(&["providerUserId"])?.unwrap_or_default(),
                "accessToken": o.req_str(&["accessToken"])?,
                "expiration": o.int(&["expiration"])?.unwrap_or(SAMPLE_EPOCH + 3600),
                "scopes": o.str_list(&["scopes"])?.unwrap_or_default(),
            });
            if let Some(r) = o.str(&["refreshToken"])? {
                t["refreshToken"] = Value::String(r);
            }
            t
        }
        Section::History => json!({
            "userId": user_id,
            "loginTime": o.int(&["loginTime"])?.unwrap_or(SAMPLE_EPOCH),
            "city": o.str(&["city"])?.unwrap_or_default(),
            "country": o.str(&["country"])?.unwrap_or_default(),
            "ip": o.str(&["ip"])?.unwrap_or_default(),
            "selectedTenant": o.str(&["selectedTenant"])?.unwrap_or_default(),
        }),
    };
    o.finish()?;
    let u = &mut store.users[idx];
    match section {
        Section::Passkeys => {
            u.webauthn = true;
            u.extra.passkeys.push(entry);
        }
        Section::Devices => u.extra.trusted_devices.push(entry),
        Section::Tokens => u.extra.provider_tokens.push(entry),
        Section::History => u.extra.history.push(entry),
    }
    Ok(())
}

const FIRST: &[&str] = &[
    "Ada",
    "Grace",
    "Alan",
    "Linus",
    "Margaret",
    "Dennis",
    "Barbara",
    "Ken",
    "Radia",
    "Tim",
    "Frances",
    "Guido",
    "Hedy",
    "John",
    "Katherine",
    "Niklaus",
    "Sophie",
    "Yukihiro",
    "Anita",
    "Edsger",
    "Mary",
    "Bjarne",
    "Shafi",
    "James",
    "Leslie",
    "Carol",
    "Donald",
    "Adele",
    "Vint",
    "Joan",
    "Rasmus",
    "Lynn",
    "Brendan",
    "Evelyn",
    "Satoshi",
    "Priya",
    "Mateo",
    "Amara",
    "Kenji",
    "Ingrid",
];
const LAST: &[&str] = &[
    "Lovelace",
    "Hopper",
    "Turing",
    "Torvalds",
    "Hamilton",
    "Ritchie",
    "Liskov",
    "Thompson",
    "Perlman",
    "Berners-Lee",
    "Allen",
    "van Rossum",
    "Lamarr",
    "McCarthy",
    "Johnson",
    "Wirth",
    "Wilson",
    "Matsumoto",
    "Borg",
    "Dijkstra",
    "Keller",
    "Stroustrup",
    "Goldwasser",
    "Gosling",
    "Lamport",
    "Shaw",
    "Knuth",
    "Goldberg",
    "Cerf",
    "Clarke",
    "Lerdorf",
    "Conway",
    "Eich",
    "Berezin",
    "Tanaka",
    "Raman",
    "Garcia",
    "Okafor",
    "Sato",
    "Nilsson",
];
const COLORS: &[&str] = &[
    "#4f46e5", "#0891b2", "#059669", "#d97706", "#dc2626", "#7c3aed", "#db2777", "#2563eb",
];
const CITIES: &[(&str, &str)] = &[
    ("Lisbon", "PT"),
    ("Austin", "US"),
    ("Berlin", "DE"),
    ("Tel Aviv", "IL"),
    ("Toronto", "CA"),
    ("Osaka", "JP"),
];

/// A small inline SVG avatar with initials (no network exists for real pictures).
pub fn avatar(initials: &str, color: &str) -> String {
    let svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'>\
         <rect width='64' height='64' rx='32' fill='{color}'/>\
         <text x='32' y='41' font-family='sans-serif' font-size='24' fill='white' \
         text-anchor='middle'>{initials}</text></svg>"
    );
    let mut out = String::from("data:image/svg+xml,");
    for c in svg.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '#' => out.push_str("%23"),
            '"' => out.push_str("%22"),
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            _ => out.push(c),
        }
    }
    out
}

/// `n` deterministic, varied users: ~80% enabled, 10% disabled, 10% invited, a few test users.
pub fn add_sample_users(store: &mut Store, n: usize) {
    let tenant_ids: Vec<String> = store.tenants.iter().map(|t| t.id.clone()).collect();
    // Project roles other than the built-in Tenant Admin, so the sample spread stays put.
    let role_names: Vec<String> = store
        .roles
        .iter()
        .filter(|r| r.tenant_id.is_empty() && r.name != TENANT_ADMIN)
        .map(|r| r.id.clone())
        .collect();
    let attrs = store.attrs.clone();
    for i in 0..n {
        let r = splitmix(0xD35C_0DE0 + i as u64);
        let first = FIRST[(i * 7 + 3) % FIRST.len()];
        let last = LAST[(i * 13 + 5 + i / LAST.len()) % LAST.len()];
        let slug = |s: &str| s.to_lowercase().replace([' ', '-'], "");
        let email = format!("{}.{}{}@example.com", slug(first), slug(last), i + 1);
        let created = SAMPLE_EPOCH - 86_400 - (r % (365 * 86_400)) as i64;
        let user_id = store.new_user_id();
        let mut u = User::new(user_id, email.clone(), created);
        u.extra.modified_time = created + (r >> 40) as i64 % 86_400;
        u.email = email;
        u.verified_email = i % 9 != 4;
        if i % 3 != 2 {
            u.phone = format!("+1555{:07}", (r >> 8) % 10_000_000);
            u.verified_phone = i % 2 == 0;
        }
        u.given_name = first.to_string();
        u.family_name = last.to_string();
        if i % 11 == 6 {
            u.middle_name = FIRST[(i * 5) % FIRST.len()].to_string();
        }
        u.name = format!("{first} {last}");
        u.status = match i % 10 {
            7 => "disabled",
            9 => "invited",
            _ => "enabled",
        }
        .to_string();
        u.test = i % 20 == 13;
        let initials: String = [first, last]
            .iter()
            .filter_map(|s| s.chars().next())
            .collect();
        u.picture = avatar(&initials, COLORS[i % COLORS.len()]);
        // Tenants and roles spread: none, one or two tenants; project roles otherwise.
        if !tenant_ids.is_empty() && !role_names.is_empty() {
            let pick_role = |k: usize| role_names[(i + k) % role_names.len()].clone();
            match i % 4 {
                0 => u.role_ids = vec![pick_role(0)],
                1 | 2 => u.tenants.push(crate::store::UserTenant {
                    tenant_id: tenant_ids[i % tenant_ids.len()].clone(),
                    role_ids: vec![pick_role(1)],
                }),
                _ => {
                    u.tenants.push(crate::store::UserTenant {
                        tenant_id: tenant_ids[i % tenant_ids.len()].clone(),
                        role_ids: dedup(vec![pick_role(2), pick_role(3)]),
                    });
                    let other = tenant_ids[(i + 1) % tenant_ids.len()].clone();
                    if u.tenant(&other).is_none() {
                        u.tenants.push(crate::store::UserTenant {
                            tenant_id: other,
                            role_ids: vec![pick_role(4)],
                        });
                    }
                }
            }
        }
        for (k, def) in attrs.iter().enumerate() {
            if (i + k) % 3 == 0 {
                continue;
            }
            if let Some(v) = sample_value(def, i, r) {
                u.custom_attributes.insert(def.name.clone(), v);
            }
        }
        u.password = i % 5 != 3;
        u.totp = i % 6 == 1;
        if i % 3 == 0 {
            u.webauthn = true;
            u.extra.passkeys.push(json!({
                "id": format!("cred-{}", i + 1),
                "rpId": "localhost",
                "kind": if i % 2 == 0 { "platform" } else { "cross-platform" },
                "displayName": format!("{first}'s passkey"),
                "createdTime": created + 3600,
            }));
        }
        if i % 5 == 0 {
            u.extra.trusted_devices.push(json!({
                "id": format!("dev-{}", i + 1),
                "name": format!("{first}'s laptop"),
                "deviceType": "desktop",
                "lastLoginTime": (created + 7 * 86_400).to_string(),
                "expirationTime": (created + 37 * 86_400).to_string(),
                "lastLocation": CITIES[i % CITIES.len()].0,
                "userId": u.user_id,
                "isCurrentDevice": false,
            }));
        }
        if i % 6 == 0 {
            u.oauth.insert("google".into(), Value::Bool(true));
            u.extra.provider_tokens.push(json!({
                "provider": "google",
                "providerUserId": format!("1089{:08}", r % 100_000_000),
                "accessToken": format!("ya29.sample-access-{}", i + 1),
                "expiration": SAMPLE_EPOCH + 3600,
                "scopes": ["openid", "email", "profile"],
                "refreshToken": format!("1//sample-refresh-{}", i + 1),
            }));
        }
        for k in 0..(i % 3) {
            let (city, country) = CITIES[(i + k) % CITIES.len()];
            u.extra.history.push(json!({
                "userId": u.user_id,
                "loginTime": created + (k as i64 + 1) * 86_400,
                "city": city,
                "country": country,
                "ip": format!("203.0.113.{}", (i * 7 + k) % 250 + 1),
                "selectedTenant": u.tenants.first().map(|t| t.tenant_id.as_str()).unwrap_or(""),
            }));
        }
        store.users.push(u);
    }
}

/// A plausible value of the attribute's type.
fn sample_value(def: &AttrDef, i: usize, r: u64) -> Option<Value> {
    let options: Vec<&str> = def.options.iter().map(|(v, _)| v.as_str()).collect();
    Some(match def.ty {
        AttrType::Text => json!(format!(
            "{}-{}",
            def.name,
            ["ace", "bolt", "cub", "dot"][i % 4]
        )),
        AttrType::Numeric => json!(((r >> 16) % 20 + 1) * 5),
        AttrType::Boolean => json!(i % 2 == 1),
        AttrType::Date => json!((SAMPLE_EPOCH - (r % 200) as i64 * 86_400) * 1000),
        AttrType::SingleSelect => {
            if options.is_empty() {
                return None;
            }
            json!(options[i % options.len()])
        }
        AttrType::MultiSelect => {
            let pool: Vec<&str> = if options.is_empty() {
                vec!["platform", "growth", "design", "support", "research"]
            } else {
                options
            };
            let picked: Vec<&str> = (0..(i % 3 + 1))
                .map(|k| pool[(i + k * 2) % pool.len()])
                .collect();
            json!(dedup(picked.into_iter().map(String::from).collect()))
        }
    })
}
