//! `management.ssoApplication` (OIDC, SAML, WS-Fed; enabled by default; secrets) and
//! `management.sso` (per-tenant SSO configurations).

mod common;

use common::Harness;
use serde_json::{json, Value};

async fn create_app(h: &Harness, kind: &str, body: Value) -> String {
    let a = h
        .post(&format!("/v1/mgmt/sso/idp/app/{kind}/create"), body)
        .await;
    a.ok();
    a.body["id"].as_str().unwrap().to_string()
}

async fn load_app(h: &Harness, id: &str) -> Value {
    let a = h.get(&format!("/v1/mgmt/sso/idp/app/load?id={id}")).await;
    a.ok();
    a.body.clone()
}

#[tokio::test]
async fn applications_of_three_types_are_enabled_by_default() {
    let h = Harness::new();
    let oidc = create_app(
        &h,
        "oidc",
        json!({"name": "Wiki", "loginPageUrl": "https://login"}),
    )
    .await;
    assert!(oidc.starts_with("SA2") && oidc.len() == 28, "{oidc}");
    let saml = create_app(
        &h,
        "saml",
        json!({"id": "crm", "name": "CRM", "loginPageUrl": "https://login", "enabled": false, "useMetadataInfo": false,
               "entityId": "urn:crm", "acsUrl": "https://crm/acs", "certificate": "cert",
               "attributeMapping": [{"name": "email", "type": "string", "value": "attributes.email"}],
               "groupsMapping": [{"name": "g", "type": "string", "filterType": "all", "value": "", "roles": [{"id": "r1", "name": "admin"}]}],
               "subjectNameIdType": "email", "defaultSignatureAlgorithm": "sha256"}),
    )
    .await;
    assert_eq!(saml, "crm");
    let wsfed = create_app(
        &h,
        "wsfed",
        json!({"name": "Portal", "loginPageUrl": "https://login", "realm": "urn:portal", "replyUrl": "https://portal/reply"}),
    )
    .await;

    // Load answers the app itself (flat), with every settings block.
    let a = load_app(&h, &oidc).await;
    assert_eq!(a["appType"], "oidc");
    assert_eq!(a["enabled"], true, "enabled unless told otherwise");
    assert_eq!(a["oidcSettings"]["loginPageUrl"], "https://login");
    assert_eq!(
        a["oidcSettings"]["issuer"],
        "http://localhost/P2emulatorProject00000000001"
    );
    assert!(a["oidcSettings"]["discoveryUrl"]
        .as_str()
        .unwrap()
        .ends_with("/.well-known/openid-configuration"));
    assert_eq!(a["samlSettings"]["entityId"], "");
    assert_eq!(a["samlSettings"]["attributeMapping"], json!([]));
    assert_eq!(a["wsfedSettings"]["realm"], "");
    let s = load_app(&h, &saml).await;
    assert_eq!(s["appType"], "saml");
    assert_eq!(s["enabled"], false);
    assert_eq!(s["samlSettings"]["acsUrl"], "https://crm/acs");
    assert_eq!(
        s["samlSettings"]["groupsMapping"][0]["roles"][0]["name"],
        "admin"
    );
    assert!(s["samlSettings"]["idpSsoUrl"]
        .as_str()
        .unwrap()
        .contains("/crm/"));
    assert_eq!(s["oidcSettings"]["issuer"], "");
    let w = load_app(&h, &wsfed).await;
    assert_eq!(w["appType"], "wsfed");
    assert_eq!(w["wsfedSettings"]["realm"], "urn:portal");
    let all = h.get("/v1/mgmt/sso/idp/apps/load").await;
    all.ok();
    assert_eq!(all.body["apps"].as_array().unwrap().len(), 3);

    // Unique IDs and names; required fields.
    let a = h
        .post(
            "/v1/mgmt/sso/idp/app/oidc/create",
            json!({"id": "crm", "name": "X", "loginPageUrl": "u"}),
        )
        .await;
    a.err(400, "E011003");
    assert_eq!(
        a.description(),
        "SSO application with this id already exists"
    );
    let a = h
        .post(
            "/v1/mgmt/sso/idp/app/oidc/create",
            json!({"name": "CRM", "loginPageUrl": "u"}),
        )
        .await;
    assert_eq!(
        a.description(),
        "SSO application with this name already exists"
    );
    let a = h
        .post(
            "/v1/mgmt/sso/idp/app/wsfed/create",
            json!({"name": "W", "loginPageUrl": "u", "realm": "r"}),
        )
        .await;
    a.err(400, "E011002");
    assert_eq!(a.description(), "The replyUrl field is required");
    h.post(
        "/v1/mgmt/sso/idp/app/oidc/create",
        json!({"loginPageUrl": "u"}),
    )
    .await
    .err(400, "E011002");
    // Type-specific keys belong to their type.
    h.post(
        "/v1/mgmt/sso/idp/app/oidc/create",
        json!({"name": "Y", "loginPageUrl": "u", "realm": "r"}),
    )
    .await
    .err(400, "E011001");
    h.post(
        "/v1/mgmt/sso/idp/app/saml/create",
        json!({"name": "Y", "loginPageUrl": "u", "subjectNameIdType": "fax"}),
    )
    .await
    .err(400, "E011003");
}

#[tokio::test]
async fn application_update_is_a_full_overwrite() {
    let h = Harness::new();
    let id = create_app(
        &h,
        "oidc",
        json!({"name": "Wiki", "loginPageUrl": "https://login", "description": "d", "logo": "l", "enabled": true, "forceAuthentication": true}),
    )
    .await;
    h.post(
        "/v1/mgmt/sso/idp/app/oidc/update",
        json!({"id": id, "name": "Wiki 2", "loginPageUrl": "https://login2"}),
    )
    .await
    .ok();
    let a = load_app(&h, &id).await;
    assert_eq!(a["name"], "Wiki 2");
    assert_eq!(a["description"], "");
    assert_eq!(a["logo"], "");
    assert_eq!(
        a["enabled"], false,
        "an update without enabled disables the app"
    );
    assert_eq!(a["oidcSettings"]["forceAuthentication"], false);
    assert_eq!(a["oidcSettings"]["loginPageUrl"], "https://login2");
    assert_eq!(
        a["oidcSettings"]["clientId"],
        id.as_str(),
        "generated values stay"
    );
    // Through another type's path, for an unknown ID, without an ID, onto a taken name.
    create_app(&h, "saml", json!({"name": "CRM", "loginPageUrl": "u"})).await;
    for (path, body, code) in [
        (
            "saml",
            json!({"id": id, "name": "x", "loginPageUrl": "u"}),
            "E011003",
        ),
        (
            "oidc",
            json!({"id": "nope", "name": "x", "loginPageUrl": "u"}),
            "E011003",
        ),
        ("oidc", json!({"name": "x", "loginPageUrl": "u"}), "E011002"),
        (
            "oidc",
            json!({"id": id, "name": "CRM", "loginPageUrl": "u"}),
            "E011003",
        ),
    ] {
        h.post(&format!("/v1/mgmt/sso/idp/app/{path}/update"), body)
            .await
            .err(400, code);
    }
}

#[tokio::test]
async fn application_secrets_are_revealed_only_by_the_secret_calls() {
    let h = Harness::new();
    let id = create_app(&h, "oidc", json!({"name": "Wiki", "loginPageUrl": "u"})).await;
    let a = h.get(&format!("/v1/mgmt/sso/idp/app/secret?id={id}")).await;
    a.ok();
    let secret = a.body["cleartext"].as_str().unwrap().to_string();
    assert!(secret.len() >= 32);
    assert_eq!(
        h.get(&format!("/v1/mgmt/sso/idp/app/secret?id={id}"))
            .await
            .body["cleartext"],
        secret.as_str()
    );
    let r = h
        .post("/v1/mgmt/sso/idp/app/rotate", json!({"id": id}))
        .await;
    r.ok();
    let rotated = r.body["cleartext"].as_str().unwrap().to_string();
    assert_ne!(rotated, secret);
    assert_eq!(
        h.get(&format!("/v1/mgmt/sso/idp/app/secret?id={id}"))
            .await
            .body["cleartext"],
        rotated.as_str()
    );
    // Go can import an OIDC client with its secret: that secret is redacted in the log.
    let imported = create_app(
        &h,
        "oidc",
        json!({"name": "Imported", "loginPageUrl": "u", "clientId": "client-1", "clientSecret": "imported-secret-value"}),
    )
    .await;
    assert_eq!(
        load_app(&h, &imported).await["oidcSettings"]["clientId"],
        "client-1"
    );
    assert_eq!(
        h.get(&format!("/v1/mgmt/sso/idp/app/secret?id={imported}"))
            .await
            .body["cleartext"],
        "imported-secret-value"
    );
    let log = h.admin("GET", "/emulator/requests", None).await.text;
    assert!(!log.contains("imported-secret-value"), "{log}");
    assert!(log.contains("[redacted]"));
    for text in [
        load_app(&h, &id).await.to_string(),
        h.get("/v1/mgmt/sso/idp/apps/load").await.text,
        h.admin("GET", "/emulator/tenants", None).await.text,
    ] {
        assert!(!text.contains(&rotated), "{text}");
    }
    // Only OIDC applications have one.
    let saml = create_app(&h, "saml", json!({"name": "CRM", "loginPageUrl": "u"})).await;
    h.get(&format!("/v1/mgmt/sso/idp/app/secret?id={saml}"))
        .await
        .err(400, "E011003");
    h.post("/v1/mgmt/sso/idp/app/rotate", json!({"id": saml}))
        .await
        .err(400, "E011003");
}

#[tokio::test]
async fn application_delete_prunes_users_and_tenants() {
    let h = Harness::new();
    let id = create_app(&h, "oidc", json!({"name": "Wiki", "loginPageUrl": "u"})).await;
    h.create(json!({"loginId": "ann", "ssoAppIds": [id, "other"]}))
        .await;
    h.post(
        "/v1/mgmt/tenant/update",
        json!({"id": "t-acme", "name": "Acme", "federatedAppIds": [id]}),
    )
    .await
    .ok();
    // Federated apps must exist.
    h.post(
        "/v1/mgmt/tenant/update",
        json!({"id": "t-globex", "name": "Globex", "federatedAppIds": ["nope"]}),
    )
    .await
    .err(400, "E011003");
    h.post("/v1/mgmt/sso/idp/app/delete", json!({"id": id}))
        .await
        .ok();
    h.get(&format!("/v1/mgmt/sso/idp/app/load?id={id}"))
        .await
        .err(400, "E011003");
    assert_eq!(h.load("ann").await["ssoAppIds"], json!(["other"]));
    let t = h.get("/v1/mgmt/tenant?id=t-acme").await.body;
    assert_eq!(t["federatedAppIds"], json!([]));
    h.post("/v1/mgmt/sso/idp/app/delete", json!({"id": id}))
        .await
        .err(400, "E011003");
}

async fn settings(h: &Harness, query: &str) -> Value {
    let a = h.get(&format!("/v2/mgmt/sso/settings?{query}")).await;
    a.ok();
    a.body.clone()
}

#[tokio::test]
async fn saml_settings_per_tenant() {
    let h = Harness::new();
    let s = settings(&h, "tenantId=t-acme").await;
    assert_eq!(s["tenant"]["id"], "t-acme");
    assert_eq!(s["ssoId"], "");
    assert_eq!(s["saml"]["idpSSOUrl"], "");
    assert_eq!(s["saml"]["groupsMapping"], json!([]));
    assert_eq!(s["oidc"]["userAttrMapping"]["loginId"], "");
    h.post(
        "/v1/mgmt/sso/saml",
        json!({"tenantId": "t-acme", "settings": {"idpUrl": "https://idp/sso", "idpCert": "MIIC", "entityId": "urn:idp",
               "roleMappings": [{"groups": ["Admins", "IT"], "roleName": "admin"}], "attributeMapping": {"name": "displayName", "customAttributes": {"dept": "department"}},
               "defaultSSORoles": ["viewer"]},
               "redirectUrl": "https://app/sso", "domains": ["acme.com"]}),
    )
    .await
    .ok();
    let s = settings(&h, "tenantId=t-acme").await;
    let saml = &s["saml"];
    assert_eq!(saml["idpSSOUrl"], "https://idp/sso");
    assert_eq!(saml["idpCertificate"], "MIIC");
    assert_eq!(saml["idpEntityId"], "urn:idp");
    assert_eq!(saml["redirectUrl"], "https://app/sso");
    assert_eq!(
        saml["spEntityId"],
        "http://localhost/P2emulatorProject00000000001"
    );
    assert_eq!(saml["attributeMapping"]["name"], "displayName");
    assert_eq!(saml["attributeMapping"]["email"], "");
    assert_eq!(
        saml["attributeMapping"]["customAttributes"],
        json!({"dept": "department"})
    );
    // The wire shape: {role: {id, name}, groups}; node flattens it client-side.
    assert_eq!(saml["groupsMapping"][0]["role"]["name"], "admin");
    assert!(saml["groupsMapping"][0]["role"]["id"]
        .as_str()
        .unwrap()
        .starts_with("ROL"));
    assert_eq!(saml["groupsMapping"][0]["groups"], json!(["Admins", "IT"]));
    assert_eq!(saml["defaultSSORoles"], json!(["viewer"]));
    assert_eq!(s["tenant"]["authType"], "saml");
    assert_eq!(s["tenant"]["domains"], json!(["acme.com"]));
    // Role renames show in the mapping; deletes drop it.
    h.post(
        "/v1/mgmt/role/update",
        json!({"name": "admin", "newName": "root"}),
    )
    .await
    .ok();
    assert_eq!(
        settings(&h, "tenantId=t-acme").await["saml"]["groupsMapping"][0]["role"]["name"],
        "root"
    );
    h.post("/v1/mgmt/role/delete", json!({"name": "root"}))
        .await
        .ok();
    assert_eq!(
        settings(&h, "tenantId=t-acme").await["saml"]["groupsMapping"],
        json!([])
    );
    // Unknown roles, tenants, configurations; domains of another tenant.
    let base = |over: Value| {
        let mut b = json!({"tenantId": "t-acme", "settings": {"idpUrl": "u", "idpCert": "c", "entityId": "e"}});
        for (k, v) in over.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    for bad in [
        base(
            json!({"settings": {"idpUrl": "u", "idpCert": "c", "entityId": "e", "roleMappings": [{"groups": [], "roleName": "ghost"}]}}),
        ),
        base(json!({"tenantId": "nope"})),
        base(json!({"ssoId": "nope"})),
        base(json!({"tenantId": "t-globex", "domains": ["acme.com"]})),
    ] {
        h.post("/v1/mgmt/sso/saml", bad.clone())
            .await
            .err(400, "E011003");
    }
    let a = h
        .post(
            "/v1/mgmt/sso/saml",
            json!({"tenantId": "t-acme", "settings": {"idpUrl": "u", "entityId": "e"}}),
        )
        .await;
    a.err(400, "E011002");
    assert_eq!(a.description(), "The settings.idpCert field is required");
    // redirectUrl and domains override, even when absent.
    h.post("/v1/mgmt/sso/saml", base(json!({}))).await.ok();
    let s = settings(&h, "tenantId=t-acme").await;
    assert_eq!(s["saml"]["redirectUrl"], "");
    assert_eq!(s["tenant"]["domains"], json!([]));
    // By metadata.
    h.post(
        "/v1/mgmt/sso/saml/metadata",
        json!({"tenantId": "t-acme", "settings": {"idpMetadataUrl": "https://idp/metadata"}, "domains": ["acme.io"]}),
    )
    .await
    .ok();
    let s = settings(&h, "tenantId=t-acme").await;
    assert_eq!(s["saml"]["idpMetadataUrl"], "https://idp/metadata");
    assert_eq!(s["saml"]["idpSSOUrl"], "");
    assert_eq!(s["tenant"]["domains"], json!(["acme.io"]));
}

#[tokio::test]
async fn oidc_settings_never_answer_the_client_secret() {
    let h = Harness::new();
    h.post(
        "/v1/mgmt/sso/oidc",
        json!({"tenantId": "t-acme", "settings": {"name": "Okta", "clientId": "cid", "clientSecret": "oidc-client-secret-xyz",
               "authUrl": "https://okta/authorize", "scope": ["openid", "email"], "prompt": ["login"], "grantType": "authorization_code",
               "userAttrMapping": {"loginId": "sub", "email": "email"}, "roleMappings": [{"roleName": "viewer", "groups": ["Everyone"]}],
               "manageProviderTokens": true, "JWKsUrl": "https://okta/keys"},
               "domains": ["acme.com"]}),
    )
    .await
    .ok();
    let s = settings(&h, "tenantId=t-acme").await;
    let oidc = &s["oidc"];
    assert_eq!(oidc["clientId"], "cid");
    assert_eq!(oidc["clientSecret"], "");
    assert_eq!(oidc["userAttrMapping"]["loginId"], "sub");
    assert_eq!(oidc["userAttrMapping"]["name"], "");
    assert_eq!(oidc["scope"], json!(["openid", "email"]));
    assert_eq!(oidc["JWKsUrl"], "https://okta/keys");
    assert_eq!(oidc["groupsMapping"][0]["role"]["name"], "viewer");
    assert_eq!(s["tenant"]["authType"], "oidc");
    for text in [
        s.to_string(),
        h.admin("GET", "/emulator/requests", None).await.text,
        h.admin("GET", "/emulator/tenants", None).await.text,
        format!("{:?}", *h.app.store()),
    ] {
        assert!(!text.contains("oidc-client-secret-xyz"), "{text}");
    }
    // node renames attributeMapping to userAttrMapping: the unrenamed key is refused.
    let a = h
        .post(
            "/v1/mgmt/sso/oidc",
            json!({"tenantId": "t-acme", "settings": {"name": "Okta", "attributeMapping": {"email": "email"}}}),
        )
        .await;
    a.err(400, "E011001");
    assert_eq!(a.description(), "unknown key \"settings.attributeMapping\"");
    for bad in [
        json!({"tenantId": "t-acme", "settings": {"prompt": ["always"]}}),
        json!({"tenantId": "t-acme", "settings": {"grantType": "password"}}),
    ] {
        h.post("/v1/mgmt/sso/oidc", bad).await.err(400, "E011003");
    }
}

#[tokio::test]
async fn several_configurations_per_tenant() {
    let h = Harness::new();
    let a = h
        .post(
            "/v1/mgmt/sso/settings/new",
            json!({"tenantId": "t-acme", "ssoId": "okta", "displayName": "Okta"}),
        )
        .await;
    a.ok();
    assert_eq!(a.body["ssoId"], "okta");
    assert_eq!(a.body["tenant"]["id"], "t-acme");
    let a = h
        .post(
            "/v1/mgmt/sso/settings/new",
            json!({"tenantId": "t-acme", "displayName": "Entra"}),
        )
        .await;
    a.ok();
    let generated = a.body["ssoId"].as_str().unwrap().to_string();
    assert!(generated.starts_with("SSO2"), "{generated}");
    h.post(
        "/v1/mgmt/sso/settings/new",
        json!({"tenantId": "t-acme", "ssoId": "okta", "displayName": "Again"}),
    )
    .await
    .err(400, "E011003");
    let a = h
        .post(
            "/v1/mgmt/sso/settings/new",
            json!({"tenantId": "t-acme", "ssoId": "x"}),
        )
        .await;
    assert_eq!(a.description(), "The displayName field is required");
    h.post(
        "/v1/mgmt/sso/oidc",
        json!({"tenantId": "t-acme", "ssoId": "okta", "settings": {"name": "Okta", "clientId": "c"}}),
    )
    .await
    .ok();
    assert_eq!(
        settings(&h, "tenantId=t-acme&ssoId=okta").await["oidc"]["clientId"],
        "c"
    );
    assert_eq!(
        settings(&h, "tenantId=t-acme").await["oidc"]["clientId"],
        "",
        "the default is another one"
    );
    let all = h.get("/v2/mgmt/sso/settings/all?tenantId=t-acme").await;
    all.ok();
    let ids: Vec<&str> = all.body["SSOSettings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["ssoId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["", "okta", generated.as_str()]);
    // Redirect URLs: only the given ones change; "" clears.
    h.post(
        "/v1/mgmt/sso/redirect",
        json!({"tenantId": "t-acme", "ssoId": "okta", "samlRedirectUrl": "https://s", "oauthRedirectUrl": "https://o"}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/sso/redirect",
        json!({"tenantId": "t-acme", "ssoId": "okta", "samlRedirectUrl": ""}),
    )
    .await
    .ok();
    let s = settings(&h, "tenantId=t-acme&ssoId=okta").await;
    assert_eq!(s["saml"]["redirectUrl"], "");
    assert_eq!(s["oidc"]["redirectUrl"], "https://o");
    // Delete: an additional one goes, the default one is reset.
    let del = h
        .call(
            "DELETE",
            "/v1/mgmt/sso/settings?tenantId=t-acme&ssoId=okta",
            None,
        )
        .await;
    del.ok();
    h.get("/v2/mgmt/sso/settings?tenantId=t-acme&ssoId=okta")
        .await
        .err(400, "E011003");
    h.post(
        "/v1/mgmt/sso/saml",
        json!({"tenantId": "t-acme", "settings": {"idpUrl": "u", "idpCert": "c", "entityId": "e"}}),
    )
    .await
    .ok();
    h.call("DELETE", "/v1/mgmt/sso/settings?tenantId=t-acme", None)
        .await
        .ok();
    let s = settings(&h, "tenantId=t-acme").await;
    assert_eq!(s["saml"]["idpSSOUrl"], "");
    assert_eq!(s["tenant"]["authType"], "none");
    // The tenant's configurations go with the tenant.
    h.post("/v1/mgmt/tenant/delete", json!({"id": "t-acme"}))
        .await
        .ok();
    h.get("/v2/mgmt/sso/settings?tenantId=t-acme")
        .await
        .err(400, "E011003");
}

#[tokio::test]
async fn deprecated_calls_use_the_default_configuration() {
    let h = Harness::new();
    h.post(
        "/v1/mgmt/sso/settings",
        json!({"tenantId": "t-acme", "idpURL": "https://idp", "entityId": "urn:e", "idpCert": "c", "redirectURL": "https://r", "domains": ["acme.com"]}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/sso/mapping",
        json!({"tenantId": "t-acme", "roleMappings": [{"groups": ["g"], "roleName": "editor"}],
               "attributeMapping": {"name": "n", "email": "e"}, "defaultSSORoles": ["viewer"]}),
    )
    .await
    .ok();
    let legacy = h.get("/v1/mgmt/sso/settings?tenantId=t-acme").await;
    legacy.ok();
    let l = &legacy.body;
    assert_eq!(l["tenantId"], "t-acme");
    assert_eq!(l["idpSSOUrl"], "https://idp");
    assert_eq!(l["idpEntityId"], "urn:e");
    assert_eq!(l["redirectUrl"], "https://r");
    assert_eq!(
        l["userMapping"],
        json!({"name": "n", "email": "e", "username": "", "phoneNumber": "", "group": ""})
    );
    assert_eq!(l["groupsMapping"][0]["role"]["name"], "editor");
    assert_eq!(l["domains"], json!(["acme.com"]));
    assert_eq!(l["domain"], "acme.com");
    // The same configuration through the current calls.
    let s = settings(&h, "tenantId=t-acme").await;
    assert_eq!(s["saml"]["idpSSOUrl"], "https://idp");
    assert_eq!(s["saml"]["defaultSSORoles"], json!(["viewer"]));
    h.post(
        "/v1/mgmt/sso/metadata",
        json!({"tenantId": "t-acme", "idpMetadataURL": "https://idp/md", "redirectURL": "https://r2", "domains": []}),
    )
    .await
    .ok();
    let l = h.get("/v1/mgmt/sso/settings?tenantId=t-acme").await.body;
    assert_eq!(l["idpMetadataUrl"], "https://idp/md");
    assert_eq!(l["idpSSOUrl"], "");
    assert_eq!(
        l["userMapping"]["name"], "n",
        "the mapping is configured separately"
    );
    // Upper-case URL keys are the deprecated calls' own; the new spelling is refused there.
    h.post(
        "/v1/mgmt/sso/settings",
        json!({"tenantId": "t-acme", "idpUrl": "https://idp", "entityId": "e", "idpCert": "c"}),
    )
    .await
    .err(400, "E011001");
}

#[tokio::test]
async fn recalculate_applies_group_mappings_to_members() {
    let h = Harness::with_seed(json!({
        "users": [{"loginId": "ann", "userId": "U2ann"}, {"loginId": "bob", "userId": "U2bob", "userTenants": [{"tenantId": "t-acme"}]}],
        "groups": [
            {"tenantId": "t-acme", "id": "g1", "display": "Admins", "members": ["ann", "bob"]},
            {"tenantId": "t-acme", "id": "g2", "display": "Staff", "members": ["bob"]}
        ]
    }));
    h.post(
        "/v1/mgmt/sso/saml",
        json!({"tenantId": "t-acme", "settings": {"idpUrl": "u", "idpCert": "c", "entityId": "e",
               "roleMappings": [{"groups": ["Admins"], "roleName": "admin"}, {"groups": ["g2"], "roleName": "viewer"}]}}),
    )
    .await
    .ok();
    h.post(
        "/v1/mgmt/sso/recalculate-mappings",
        json!({"tenantId": "t-acme"}),
    )
    .await
    .ok();
    let ann = h.load("ann").await;
    assert_eq!(ann["userTenants"][0]["tenantId"], "t-acme");
    assert_eq!(ann["userTenants"][0]["roleNames"], json!(["admin"]));
    let bob = h.load("bob").await;
    assert_eq!(
        bob["userTenants"][0]["roleNames"],
        json!(["admin", "viewer"])
    );
    h.post(
        "/v1/mgmt/sso/recalculate-mappings",
        json!({"tenantId": "t-acme", "ssoId": "nope"}),
    )
    .await
    .err(400, "E011003");
}
