//! Serde round-trips of every response model on samples shaped like the reference's
//! (§5.1, §5.7, §4): decode, re-encode, compare as JSON values.

use descope_mgmt::api::{decode_output, Unwrap};
use descope_mgmt::models::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn round_trip<T: DeserializeOwned + Serialize>(sample: Value) -> T {
    let decoded: T = serde_json::from_value(sample.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), sample);
    decoded
}

fn user_sample(id: &str) -> Value {
    json!({
        "userId": id, "loginIds": [format!("{id}@example.com")], "name": "Ann", "givenName": "Ann",
        "middleName": "", "familyName": "Lee", "email": "ann@example.com", "phone": "+15551234",
        "verifiedEmail": true, "verifiedPhone": false, "roleNames": ["admin"],
        "userTenants": [{"tenantId": "t1", "tenantName": "Acme", "roleNames": [], "permissions": []}],
        "status": "enabled", "picture": "", "test": false, "customAttributes": {"seats": 3},
        "createdTime": 1700000000, "TOTP": false, "SAML": false, "SCIM": false, "OIDC": false,
        "OAuth": {}, "webauthn": false, "password": true, "push": false, "editable": true,
        "externalIds": [], "ssoAppIds": [], "permissions": []
    })
}

#[test]
fn single_user_and_search_answers() {
    let r: UserResponse = round_trip(json!({"user": user_sample("U1")}));
    assert_eq!(r.user.user_id.as_deref(), Some("U1"));
    let s: SearchResponse =
        round_trip(json!({"users": [user_sample("U1"), user_sample("U2")], "total": 7}));
    assert_eq!((s.users.len(), s.total), (2, 7));
}

#[test]
fn batch_answers() {
    let b: BatchResponse = round_trip(json!({
        "createdUsers": [user_sample("U1")],
        "failedUsers": [{"failure": "user already exists", "user": {"loginIds": ["dup"]}}],
        "additionalErrors": {"x": "y"}
    }));
    assert_eq!(b.failed_users[0].failure, "user already exists");
    let p: BatchResponse =
        round_trip(json!({"patchedUsers": [user_sample("U3")], "failedUsers": []}));
    assert_eq!(p.patched_users.unwrap().len(), 1);
}

#[test]
fn provider_token_passkeys_devices_history() {
    let t: ProviderToken = round_trip(json!({
        "provider": "google", "providerUserId": "g1", "accessToken": "at", "expiration": 1800000000,
        "scopes": ["email"], "refreshToken": "rt"
    }));
    assert_eq!(t.refresh_token.as_deref(), Some("rt"));
    let p: Vec<UserPasskey> = round_trip(json!([
        {"id": "c1", "rpId": "example.com", "kind": "platform", "displayName": "Laptop", "createdTime": 1700000000}
    ]));
    assert_eq!(p[0].rp_id.as_deref(), Some("example.com"));
    let d: Vec<TrustedDevice> = round_trip(json!([
        {"id": "d1", "name": "Phone", "deviceType": "mobile", "lastLoginTime": 1700000000,
         "expirationTime": 1800000000, "lastLocation": "Oslo", "userId": "U1", "isCurrentDevice": true}
    ]));
    assert_eq!(d[0].expiration_time, Some(1_800_000_000));
    let h: Vec<UserHistory> = round_trip(json!([
        {"userId": "U1", "loginTime": 1700000000, "city": "Oslo", "country": "NO", "ip": "203.0.113.1", "selectedTenant": "t1"}
    ]));
    assert_eq!(h[0].city.as_deref(), Some("Oslo"));
}

#[test]
fn device_times_sent_as_strings_are_read() {
    // The service's schema types int64 as strings (reference §3).
    let d: TrustedDevice = serde_json::from_value(
        json!({"id": "d1", "lastLoginTime": "1700000000", "expirationTime": ""}),
    )
    .unwrap();
    assert_eq!(
        (d.last_login_time, d.expiration_time),
        (Some(1_700_000_000), None)
    );
}

#[test]
fn custom_attributes_import_generated_and_license() {
    let a: Vec<CustomAttribute> = round_trip(json!([
        {"name": "plan", "type": 4, "options": [{"value": "pro", "label": "Pro"}], "displayName": "Plan",
         "defaultValue": "free", "viewPermissions": ["admin"], "editPermissions": []}
    ]));
    assert_eq!(a[0].kind, 4);
    let i: ImportResponse = round_trip(
        json!({"users": [user_sample("U9")], "failures": [{"user": "x", "reason": "bad"}]}),
    );
    assert_eq!(i.failures.unwrap()[0].reason, "bad");
    let o: GeneratedOtp = round_trip(json!({"loginId": "t", "code": "123456"}));
    assert_eq!(o.code, "123456");
    let l: GeneratedLink =
        round_trip(json!({"loginId": "t", "link": "https://x?t=1", "pendingRef": "p"}));
    assert_eq!(l.pending_ref.as_deref(), Some("p"));
    let e: EmbeddedLink = round_trip(json!({"token": "tok", "maskedEmail": "a***@x.com"}));
    assert_eq!(e.token, "tok");
    let lic: License = round_trip(json!({"rateLimitTier": "tier3"}));
    assert_eq!(lic.rate_limit_tier, "tier3");
}

#[test]
fn answers_unwrap_as_node_sdk_data() {
    // What each call resolves to: the `user`, the `passkeys`, the `data`, …
    let u: User = decode_output(
        &json!({"user": user_sample("U1")}).to_string(),
        Unwrap::Key("user"),
    )
    .unwrap();
    assert_eq!(u.name.as_deref(), Some("Ann"));
    let p: Vec<UserPasskey> =
        decode_output(r#"{"passkeys":[{"id":"c"}]}"#, Unwrap::Key("passkeys")).unwrap();
    assert_eq!(p.len(), 1);
    let a: Vec<CustomAttribute> =
        decode_output(r#"{"data":[{"name":"n","type":1}]}"#, Unwrap::Key("data")).unwrap();
    assert_eq!(a[0].name, "n");
    let err =
        decode_output::<Vec<CustomAttribute>>(r#"{"data":[{"type":1}]}"#, Unwrap::Key("data"))
            .unwrap_err();
    assert!(err.to_string().contains("data[0]"), "{err}");
}
