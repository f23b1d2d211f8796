//! `management.jwt`: well-formed HS256 JWTs signed by a per-process key, with the expected
//! claims, for update, impersonation, sign-in, sign-up, anonymous and client assertions.

mod common;

use common::Harness;
use serde_json::{json, Value};

fn b64url_decode(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            other => panic!("not base64url: {}", other as char),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// Header and payload of a JWT, checking its shape on the way.
fn decode(jwt: &str) -> (Value, Value) {
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3, "{jwt}");
    for p in &parts {
        assert!(!p.is_empty() && !p.contains('='), "{jwt}");
    }
    assert_eq!(b64url_decode(parts[2]).len(), 32, "an HS256 signature");
    (
        serde_json::from_slice(&b64url_decode(parts[0])).unwrap(),
        serde_json::from_slice(&b64url_decode(parts[1])).unwrap(),
    )
}

async fn verify(h: &Harness, jwt: &str) -> Value {
    let a = h
        .admin("POST", "/emulator/jwt/verify", Some(json!({"jwt": jwt})))
        .await;
    a.ok();
    a.body.clone()
}

fn seeded() -> Harness {
    Harness::with_seed(json!({
        "roles": [{"name": "impersonator", "permissions": ["Impersonate"]}, {"name": "member", "permissions": ["docs.read"]},
                  {"name": "admin", "permissions": ["users.write"]}],
        "users": [
            {"loginId": "ann@x", "userId": "U2ann", "roleNames": ["admin"], "userTenants": [{"tenantId": "t-acme", "roleNames": ["member"]}]},
            {"loginId": "sup@x", "userId": "U2sup", "roleNames": ["impersonator"]},
            {"loginId": "tenantsup@x", "userId": "U2tsup", "userTenants": [{"tenantId": "t-acme", "roleNames": ["impersonator"]}]},
            {"loginId": "nobody@x", "userId": "U2nob"},
            {"loginId": "off@x", "userId": "U2off", "status": "disabled"}
        ]
    }))
}

#[tokio::test]
async fn sign_in_answers_well_formed_signed_jwts_with_the_claims() {
    let h = seeded();
    let a = h
        .post(
            "/v1/mgmt/auth/signin",
            json!({"loginId": "ann@x", "customClaims": {"plan": "pro"}, "tenantId": "t-acme", "refreshDuration": 3600}),
        )
        .await;
    a.ok();
    let b = &a.body;
    assert_eq!(b["user"]["userId"], "U2ann");
    assert_eq!(b["firstSeen"], false);
    assert_eq!(b["cookiePath"], "/");
    assert_eq!(b["cookieDomain"], "");
    assert_eq!(b["cookieMaxAge"], 3600);
    let (header, session) = decode(b["sessionJwt"].as_str().unwrap());
    assert_eq!(
        header,
        json!({"alg": "HS256", "typ": "JWT", "kid": "emulator"})
    );
    assert_eq!(session["iss"], "P2emulatorProject00000000001");
    assert_eq!(session["sub"], "U2ann");
    assert_eq!(session["drn"], "DS");
    assert_eq!(
        session["exp"].as_i64().unwrap() - session["iat"].as_i64().unwrap(),
        600
    );
    assert_eq!(session["roles"], json!(["admin"]));
    assert_eq!(session["permissions"], json!(["users.write"]));
    assert_eq!(
        session["tenants"],
        json!({"t-acme": {"roles": ["member"], "permissions": ["docs.read"]}})
    );
    assert_eq!(session["dct"], "t-acme");
    assert_eq!(session["plan"], "pro");
    let (_, refresh) = decode(b["refreshJwt"].as_str().unwrap());
    assert_eq!(refresh["drn"], "DSR");
    assert_eq!(
        refresh["exp"].as_i64().unwrap() - refresh["iat"].as_i64().unwrap(),
        3600
    );
    assert_eq!(
        b["cookieExpiration"].as_i64().unwrap(),
        refresh["exp"].as_i64().unwrap()
    );
    assert_ne!(session["jti"], refresh["jti"]);
    // Signed by the emulator: verified by it, and a changed payload is not.
    let jwt = b["sessionJwt"].as_str().unwrap();
    assert_eq!(verify(&h, jwt).await["valid"], true);
    assert_eq!(verify(&h, jwt).await["claims"]["sub"], "U2ann");
    let parts: Vec<&str> = jwt.split('.').collect();
    let forged_payload = common_b64(
        json!({"sub": "U2sup", "exp": 9_999_999_999_i64})
            .to_string()
            .as_bytes(),
    );
    let forged = format!("{}.{forged_payload}.{}", parts[0], parts[2]);
    assert_eq!(verify(&h, &forged).await["valid"], false);
    assert_eq!(verify(&h, "jwt").await["valid"], false);
    // Default refresh lifetime: four weeks.
    let a = h
        .post("/v1/mgmt/auth/signin", json!({"loginId": "ann@x"}))
        .await;
    assert_eq!(a.body["cookieMaxAge"], 2_419_200);
    assert!(decode(a.body["sessionJwt"].as_str().unwrap())
        .1
        .get("dct")
        .is_none());
}

fn common_b64(data: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

#[tokio::test]
async fn sign_in_checks_the_user_and_step_up() {
    let h = seeded();
    h.post("/v1/mgmt/auth/signin", json!({"loginId": "ghost"}))
        .await
        .err(400, "E112102");
    h.post("/v1/mgmt/auth/signin", json!({"loginId": "off@x"}))
        .await
        .err(400, "E011003");
    h.post(
        "/v1/mgmt/auth/signin",
        json!({"loginId": "nobody@x", "tenantId": "t-acme"}),
    )
    .await
    .err(400, "E011003");
    // Step-up and MFA need a valid JWT of the same user.
    h.post(
        "/v1/mgmt/auth/signin",
        json!({"loginId": "ann@x", "stepup": true}),
    )
    .await
    .err(400, "E011003");
    let other = h
        .post("/v1/mgmt/auth/signin", json!({"loginId": "sup@x"}))
        .await
        .body["refreshJwt"]
        .clone();
    h.post(
        "/v1/mgmt/auth/signin",
        json!({"loginId": "ann@x", "stepup": true, "jwt": other}),
    )
    .await
    .err(400, "E011003");
    let a = h
        .post(
            "/v1/mgmt/auth/signin",
            json!({"loginId": "ann@x", "stepup": true, "jwt": "not-a-jwt"}),
        )
        .await;
    assert_eq!(a.description(), "Invalid JWT");
    let own = h
        .post("/v1/mgmt/auth/signin", json!({"loginId": "ann@x"}))
        .await
        .body["refreshJwt"]
        .clone();
    let a = h
        .post(
            "/v1/mgmt/auth/signin",
            json!({"loginId": "ann@x", "stepup": true, "mfa": true, "jwt": own, "revokeOtherSessions": true}),
        )
        .await;
    a.ok();
    let (_, claims) = decode(a.body["sessionJwt"].as_str().unwrap());
    assert_eq!(claims["su"], true);
    assert_eq!(claims["amr"], json!(["mgmt", "mfa"]));
    // Reserved claims cannot be overridden.
    h.post(
        "/v1/mgmt/auth/signin",
        json!({"loginId": "ann@x", "customClaims": {"sub": "U2sup"}}),
    )
    .await
    .err(400, "E011003");
    // JWTs never reach the request log.
    let log = h.admin("GET", "/emulator/requests", None).await.text;
    assert!(!log.contains(own.as_str().unwrap()), "{log}");
}

#[tokio::test]
async fn sign_up_creates_the_user_and_sign_up_or_in_either() {
    let h = seeded();
    let a = h
        .post(
            "/v1/mgmt/auth/signup",
            json!({"loginId": "new@x", "user": {"email": "new@x", "name": "New", "givenName": "N", "verifiedEmail": true, "ssoAppIds": ["app"]},
                   "customClaims": {"k": "v"}}),
        )
        .await;
    a.ok();
    assert_eq!(a.body["firstSeen"], true);
    let u = &a.body["user"];
    assert_eq!(u["loginIds"], json!(["new@x"]));
    assert_eq!(u["email"], "new@x");
    assert_eq!(u["verifiedEmail"], true);
    assert_eq!(u["ssoAppIds"], json!(["app"]));
    let (_, claims) = decode(a.body["sessionJwt"].as_str().unwrap());
    assert_eq!(claims["sub"], u["userId"]);
    assert_eq!(claims["k"], "v");
    assert_eq!(h.load("new@x").await["name"], "New");
    h.post("/v1/mgmt/auth/signup", json!({"loginId": "new@x"}))
        .await
        .err(400, "E062107");
    // Go and Python send the verified flags at the top level.
    let a = h
        .post(
            "/v1/mgmt/auth/signup",
            json!({"loginId": "go@x", "user": {"phone": "+1555"}, "phoneVerified": true}),
        )
        .await;
    assert_eq!(a.body["user"]["verifiedPhone"], true);
    h.post(
        "/v1/mgmt/auth/signup",
        json!({"loginId": "x", "user": {"displayName": "X"}}),
    )
    .await
    .err(400, "E011001");
    let a = h
        .post(
            "/v1/mgmt/auth/signup-in",
            json!({"loginId": "ann@x", "user": {"name": "Ignored"}}),
        )
        .await;
    assert_eq!(a.body["firstSeen"], false);
    assert_eq!(
        h.load("ann@x").await["name"],
        "",
        "an existing user is left alone"
    );
    let a = h
        .post(
            "/v1/mgmt/auth/signup-in",
            json!({"loginId": "fresh@x", "user": {"email": "fresh@x"}}),
        )
        .await;
    assert_eq!(a.body["firstSeen"], true);
    h.load("fresh@x").await;
}

#[tokio::test]
async fn impersonation_needs_the_permission_and_carries_the_actor() {
    let h = seeded();
    let a = h
        .post(
            "/v1/mgmt/impersonate",
            json!({"impersonatorId": "U2sup", "loginId": "ann@x", "validateConsent": true, "customClaims": {"why": "support"}, "selectedTenant": "t-acme"}),
        )
        .await;
    a.ok();
    let jwt = a.body["jwt"].as_str().unwrap().to_string();
    let (_, c) = decode(&jwt);
    assert_eq!(c["sub"], "U2ann");
    assert_eq!(c["drn"], "DSR", "a refresh JWT of the impersonated user");
    assert_eq!(c["act"], json!({"sub": "U2sup"}));
    assert_eq!(c["dct"], "t-acme");
    assert_eq!(c["why"], "support");
    let a = h
        .post(
            "/v1/mgmt/impersonate/stepup",
            json!({"impersonatorId": "sup@x", "loginId": "ann@x", "validateConsent": false}),
        )
        .await;
    let (_, c) = decode(a.body["jwt"].as_str().unwrap());
    assert_eq!(c["drn"], "DS", "a session JWT");
    assert_eq!(c["su"], true);
    // Tenant-level permission works for users of that tenant only.
    h.post(
        "/v1/mgmt/impersonate",
        json!({"impersonatorId": "U2tsup", "loginId": "ann@x", "validateConsent": false}),
    )
    .await
    .ok();
    let a = h
        .post(
            "/v1/mgmt/impersonate",
            json!({"impersonatorId": "U2tsup", "loginId": "nobody@x", "validateConsent": false}),
        )
        .await;
    a.err(400, "E011003");
    assert_eq!(
        a.description(),
        "The impersonator does not have the Impersonate permission"
    );
    h.post(
        "/v1/mgmt/impersonate",
        json!({"impersonatorId": "U2nob", "loginId": "ann@x", "validateConsent": false}),
    )
    .await
    .err(400, "E011003");
    h.post(
        "/v1/mgmt/impersonate",
        json!({"impersonatorId": "U2sup", "loginId": "ghost", "validateConsent": false}),
    )
    .await
    .err(400, "E112102");
    // Stop: back to the impersonator.
    let a = h
        .post(
            "/v1/mgmt/stop/impersonation",
            json!({"jwt": jwt, "customClaims": {"back": true}}),
        )
        .await;
    a.ok();
    let (_, c) = decode(a.body["jwt"].as_str().unwrap());
    assert_eq!(c["sub"], "U2sup");
    assert_eq!(c["drn"], "DSR");
    assert!(c.get("act").is_none());
    assert_eq!(c["back"], true);
    let plain = h
        .post("/v1/mgmt/auth/signin", json!({"loginId": "ann@x"}))
        .await
        .body["refreshJwt"]
        .clone();
    h.post("/v1/mgmt/stop/impersonation", json!({"jwt": plain}))
        .await
        .err(400, "E011003");
}

#[tokio::test]
async fn update_adds_custom_claims_to_a_valid_jwt() {
    let h = seeded();
    let s = h
        .post("/v1/mgmt/auth/signin", json!({"loginId": "ann@x"}))
        .await
        .body
        .clone();
    let a = h
        .post(
            "/v1/mgmt/jwt/update",
            json!({"jwt": s["sessionJwt"], "customClaims": {"tier": "gold"}}),
        )
        .await;
    a.ok();
    let (_, c) = decode(a.body["jwt"].as_str().unwrap());
    assert_eq!(c["tier"], "gold");
    assert_eq!(c["sub"], "U2ann");
    assert_eq!(c["drn"], "DS");
    assert_eq!(c["roles"], json!(["admin"]));
    let a = h
        .post(
            "/v1/mgmt/jwt/update",
            json!({"jwt": s["refreshJwt"], "refreshDuration": 120}),
        )
        .await;
    let (_, c) = decode(a.body["jwt"].as_str().unwrap());
    assert_eq!(c["drn"], "DSR");
    assert_eq!(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(), 120);
    let a = h.post("/v1/mgmt/jwt/update", json!({"jwt": "jwt"})).await;
    a.err(400, "E011003");
    assert_eq!(a.description(), "Invalid JWT");
    h.post(
        "/v1/mgmt/jwt/update",
        json!({"jwt": s["sessionJwt"], "customClaims": {"exp": 1}}),
    )
    .await
    .err(400, "E011003");
    let a = h.post("/v1/mgmt/jwt/update", json!({})).await;
    assert_eq!(a.description(), "The jwt field is required");
}

#[tokio::test]
async fn anonymous_and_client_assertion_tokens() {
    let h = seeded();
    let a = h
        .post(
            "/v1/mgmt/auth/anonymous",
            json!({"customClaims": {"k": "v"}, "selectedTenant": "t-acme", "refreshDuration": 60}),
        )
        .await;
    a.ok();
    assert!(a.body.get("user").is_none());
    assert_eq!(a.body["cookieMaxAge"], 60);
    let (_, c) = decode(a.body["sessionJwt"].as_str().unwrap());
    assert!(c["sub"].as_str().unwrap().starts_with("A2"));
    assert_eq!(c["dct"], "t-acme");
    assert_eq!(c["amr"], json!(["anonymous"]));
    let (_, again) = decode(
        h.post("/v1/mgmt/auth/anonymous", json!({})).await.body["sessionJwt"]
            .as_str()
            .unwrap(),
    );
    assert_ne!(again["sub"], c["sub"]);
    h.post("/v1/mgmt/auth/anonymous", json!({"selectedTenant": "nope"}))
        .await
        .err(400, "E011003");

    let a = h
        .post(
            "/v1/mgmt/token/clientassertion",
            json!({"issuer": "iss", "subject": "sub", "audience": ["aud"], "expiresIn": 300, "flattenAudience": true, "algorithm": "ES384"}),
        )
        .await;
    a.ok();
    let (header, c) = decode(a.body["jwt"].as_str().unwrap());
    assert_eq!(header["alg"], "HS256");
    assert_eq!(c["iss"], "iss");
    assert_eq!(c["sub"], "sub");
    assert_eq!(c["aud"], "aud");
    assert_eq!(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(), 300);
    let a = h
        .post(
            "/v1/mgmt/token/clientassertion",
            json!({"issuer": "iss", "subject": "sub", "audience": ["a1", "a2"], "expiresIn": 60}),
        )
        .await;
    assert_eq!(
        decode(a.body["jwt"].as_str().unwrap()).1["aud"],
        json!(["a1", "a2"])
    );
    for bad in [
        json!({"issuer": "i", "subject": "s", "audience": [], "expiresIn": 60}),
        json!({"issuer": "i", "subject": "s", "audience": ["a"], "expiresIn": 0}),
        json!({"issuer": "i", "subject": "s", "audience": ["a"], "expiresIn": 60, "algorithm": "HS512"}),
    ] {
        assert_eq!(
            h.post("/v1/mgmt/token/clientassertion", bad.clone())
                .await
                .status,
            400,
            "{bad}"
        );
    }
}
