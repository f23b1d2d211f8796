// Included by tests/wasm_node.rs and tests/wasm_browser.rs: real fetches from wasm to the
// emulator, whose address is baked in at build time (DESCOPE_EMULATOR_URL).

use descope_mgmt::js::{call_end, call_next, JsClient};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const URL: &str = match option_env!("DESCOPE_EMULATOR_URL") {
    Some(u) => u,
    None => "http://127.0.0.1:8791",
};
const PROJECT: &str = match option_env!("DESCOPE_EMULATOR_PROJECT_ID") {
    Some(p) => p,
    None => "P2emulatorProject00000000001",
};
// A fake key the emulator is started with; never a real one.
const KEY: &str = match option_env!("DESCOPE_EMULATOR_KEY") {
    Some(k) => k,
    None => "K2emulator-fake-management-key",
};

fn client_with_key(key: &str) -> JsClient {
    let options = Object::new();
    Reflect::set(&options, &"projectId".into(), &PROJECT.into()).unwrap();
    Reflect::set(&options, &"managementKey".into(), &key.into()).unwrap();
    Reflect::set(&options, &"baseUrl".into(), &URL.into()).unwrap();
    JsClient::new(options.into()).unwrap()
}

fn client() -> JsClient {
    client_with_key(KEY)
}

/// `descope.user.<method>(...args)`, called as the package calls it: by the function's place
/// in the catalogue, its first step taken at once (pkg/core.js's `drive`).
fn call_user(
    c: &JsClient,
    method: &str,
    args: &Array,
) -> impl std::future::Future<Output = Result<JsValue, JsValue>> {
    let index = descope_mgmt::api::packed::index_of("user", method).expect("a user function");
    drive(c.call_at(u32::try_from(index).unwrap(), args, js_sys::Date::now()))
}

/// Does what the call asks, step by step from its first, as pkg/core.js's `drive` does
/// (every answer through `callNext`, none taken as plain), and ends it.
async fn drive(mut asked: Array) -> Result<JsValue, JsValue> {
    let n = asked.get(4).as_f64().unwrap() as u32;
    let settle = |r: Result<JsValue, JsValue>| match r {
        Ok(v) => (1, v),
        Err(e) => (2, e),
    };
    let out = loop {
        let (how, value) = match asked.get(0).as_f64().unwrap() as u8 {
            0 => {
                let key = asked.get(1).unchecked_into::<js_sys::Function>().call0(&JsValue::NULL);
                match key {
                    Ok(v) => settle(JsFuture::from(js_sys::Promise::resolve(&v)).await),
                    Err(e) => (2, e),
                }
            }
            1 => settle(JsFuture::from(js_sys::Promise::from(asked.get(1))).await),
            2 => {
                let ms = asked.get(1);
                let timer = js_sys::Promise::new(&mut |resolve, _| {
                    let set: js_sys::Function = Reflect::get(&js_sys::global(), &"setTimeout".into()).unwrap().into();
                    set.call2(&JsValue::NULL, &resolve, &ms).unwrap();
                });
                JsFuture::from(timer).await.unwrap();
                (1, JsValue::UNDEFINED)
            }
            3 => break Ok(asked.get(1)),
            _ => break Err(asked.get(1)),
        };
        asked = call_next(n, how, value);
    };
    call_end(n);
    out
}

async fn call(c: &JsClient, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let args: Array = args.iter().collect();
    call_user(c, method, &args).await
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn unique_login_id(tag: &str) -> String {
    format!("{tag}-{}@wasm.example.com", (js_sys::Math::random() * 1e12) as u64)
}

async fn new_user(c: &JsClient, tag: &str) -> String {
    let login_id = unique_login_id(tag);
    let options = js_sys::JSON::parse(r#"{"email":"w@example.com","displayName":"Wasm Test"}"#).unwrap();
    call(c, "create", &[login_id.as_str().into(), options]).await.unwrap();
    login_id
}

/// The emulator's request log as JSON text (other tests' slow requests may land in it at
/// any time, so checks look for their own markers rather than counting).
async fn emulator_request_log() -> String {
    let resp = gloo_net::http::Request::get(&format!("{URL}/emulator/requests")).send().await.unwrap();
    resp.text().await.unwrap()
}

#[wasm_bindgen_test]
async fn update_picture_then_load_shows_it() {
    let c = client();
    let id = new_user(&c, "pic").await;
    let updated = call(&c, "updatePicture", &[id.as_str().into(), "https://cdn.example.com/p.png".into()]).await.unwrap();
    assert_eq!(get(&updated, "picture").as_string().as_deref(), Some("https://cdn.example.com/p.png"));
    let loaded = call(&c, "load", &[id.as_str().into()]).await.unwrap();
    assert_eq!(get(&loaded, "picture").as_string().as_deref(), Some("https://cdn.example.com/p.png"));
    let user_id = get(&loaded, "userId");
    let by_id = call(&c, "loadByUserId", &[user_id]).await.unwrap();
    assert_eq!(get(&by_id, "picture").as_string().as_deref(), Some("https://cdn.example.com/p.png"));
}

#[wasm_bindgen_test]
async fn update_display_name_then_load_shows_it() {
    let c = client();
    let id = new_user(&c, "name").await;
    call(&c, "updateDisplayName", &[id.as_str().into(), "Ann Lee".into(), "Ann".into(), JsValue::UNDEFINED, "Lee".into()])
        .await
        .unwrap();
    // Only the given name changes; the display name set above stays.
    call(&c, "updateUserNames", &[id.as_str().into(), "Anna".into()]).await.unwrap();
    let loaded = call(&c, "load", &[id.as_str().into()]).await.unwrap();
    assert_eq!(get(&loaded, "name").as_string().as_deref(), Some("Ann Lee"));
    assert_eq!(get(&loaded, "givenName").as_string().as_deref(), Some("Anna"));
    assert_eq!(get(&loaded, "familyName").as_string().as_deref(), Some("Lee"));
}

#[wasm_bindgen_test]
async fn update_custom_attribute_then_load_shows_it() {
    let c = client();
    let id = new_user(&c, "attr").await;
    call(&c, "updateCustomAttribute", &[id.as_str().into(), "seats".into(), 42.into()]).await.unwrap();
    let loaded = call(&c, "load", &[id.as_str().into()]).await.unwrap();
    let attrs = get(&loaded, "customAttributes");
    assert_eq!(get(&attrs, "seats").as_f64(), Some(42.0));
    // Returned values are plain objects, not Maps.
    assert!(attrs.is_object() && !attrs.is_instance_of::<js_sys::Map>());
}

#[wasm_bindgen_test]
async fn wrong_key_is_a_401_descope_error() {
    let err = call(&client_with_key("K2wrong-fake-key"), "load", &["x@example.com".into()]).await.unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "name").as_string().as_deref(), Some("DescopeError"));
    assert_eq!(get(&err, "status").as_f64(), Some(401.0));
    let text = String::from(err.unchecked_ref::<js_sys::Error>().to_string());
    assert!(!text.contains("K2wrong-fake-key"), "{text}");
}

#[wasm_bindgen_test]
async fn unknown_user_is_e112102() {
    let err = call(&client(), "updatePicture", &[unique_login_id("ghost").as_str().into(), "x".into()])
        .await
        .unwrap_err();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("E112102"));
    assert_eq!(get(&err, "status").as_f64(), Some(400.0));
}

#[wasm_bindgen_test]
async fn bad_arguments_reject_before_any_request() {
    let c = client();
    let marker = unique_login_id("never-sent");
    let m = JsValue::from_str(&marker);
    for (method, args, argument) in [
        ("updatePicture", vec![JsValue::from_str(""), m.clone()], "loginIdOrUserId"),
        ("updatePicture", vec![JsValue::UNDEFINED, m.clone()], "loginIdOrUserId"),
        ("updatePicture", vec![m.clone(), 7.into()], "picture"),
        ("updateCustomAttribute", vec![m.clone(), "".into(), 1.into()], "attributeKey"),
    ] {
        let err = call(&c, method, &args).await.unwrap_err();
        assert_eq!(get(&err, "code").as_string().as_deref(), Some("invalid_argument"), "{method}");
        assert_eq!(get(&err, "argument").as_string().as_deref(), Some(argument), "{method}");
    }
    assert!(!emulator_request_log().await.contains(&marker), "a request left despite bad arguments");
}

fn rust_client() -> descope_mgmt::Client {
    descope_mgmt::Client::new(descope_mgmt::Config::new(PROJECT, KEY).unwrap().with_base_url(URL).unwrap())
}

#[wasm_bindgen_test]
async fn typed_rust_api_round_trip() {
    let client = rust_client();
    let id = unique_login_id("typed");
    let options = descope_mgmt::models::UserOptions {
        display_name: Some(Some("Typed".into())),
        ..Default::default()
    };
    let created = client.user().create(id.as_str(), options).await.unwrap();
    let user = client.user().update_picture(id.as_str(), "https://x/typed.png").await.unwrap();
    assert_eq!(user.picture.as_deref(), Some("https://x/typed.png"));
    client.user().update_custom_attribute(id.as_str(), "seats", 9).await.unwrap();
    let loaded = client.user().load_by_user_id(created.user_id.clone().unwrap()).await.unwrap();
    assert_eq!(loaded.login_ids.unwrap_or_default(), vec![id.clone()]);
    assert_eq!(loaded.custom_attributes.unwrap().get("seats"), Some(&serde_json::json!(9)));
    let err = client.user().load(unique_login_id("nobody")).await.unwrap_err();
    assert_eq!((err.code(), err.status()), ("E112102", 400));
}

#[wasm_bindgen_test]
async fn typed_search_pages_walks_every_page() {
    let client = rust_client();
    let marker = format!("pager{}", (js_sys::Math::random() * 1e12) as u64);
    for i in 0..5 {
        let options = descope_mgmt::models::UserOptions {
            display_name: Some(Some(format!("{marker} {i}"))),
            ..Default::default()
        };
        client.user().create(format!("{marker}-{i}@wasm.example.com"), options).await.unwrap();
    }
    let request = descope_mgmt::models::SearchRequest { text: Some(marker), ..Default::default() };
    let mut pages = client.user().search_pages(request, 2).unwrap();
    let mut seen = Vec::new();
    let mut indexes = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        assert_eq!(page.total, 5);
        indexes.push(page.page);
        seen.extend(page.users.into_iter().filter_map(|u| u.user_id));
    }
    assert_eq!(indexes, vec![0, 1, 2]);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5);
}

async fn add_fault(rule: &str) {
    let resp = gloo_net::http::Request::post(&format!("{URL}/emulator/faults"))
        .body(rule)
        .unwrap()
        .send()
        .await
        .unwrap();
    assert!(resp.ok(), "fault not accepted: {}", resp.status());
}

fn view(c: &JsClient, options: &str) -> JsClient {
    let options = js_sys::JSON::parse(options).unwrap();
    c.with_options(options).unwrap()
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out_with_status_zero() {
    let c = client();
    let id = new_user(&c, "slow").await;
    add_fault(r#"{"kind":"latency","ms":3000,"count":1,"pathPrefix":"/v1/mgmt/user/update/phone"}"#).await;
    let started = js_sys::Date::now();
    let err = call(&view(&c, r#"{"timeoutMs":200}"#), "updatePhone", &[id.as_str().into(), "+15550100".into(), true.into()])
        .await
        .unwrap_err();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("timeout"));
    assert_eq!(get(&err, "status").as_f64(), Some(0.0));
    let elapsed = js_sys::Date::now() - started;
    assert!(elapsed < 2500.0, "took {elapsed} ms");
}

#[wasm_bindgen_test]
async fn an_abort_signal_cancels_the_call() {
    let c = client();
    let id = new_user(&c, "abort").await;
    add_fault(r#"{"kind":"latency","ms":3000,"count":1,"pathPrefix":"/v1/mgmt/user/update/phone"}"#).await;
    let controller = web_sys::AbortController::new().unwrap();
    let options = Object::new();
    Reflect::set(&options, &"signal".into(), &controller.signal()).unwrap();
    let aborting = c.with_options(options.into()).unwrap();
    let started = js_sys::Date::now();
    let args: Array = [JsValue::from_str(&id), "+15550101".into(), true.into()].iter().collect();
    let pending = call_user(&aborting, "updatePhone", &args);
    controller.abort();
    let err = pending.await.unwrap_err();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("aborted"));
    assert_eq!(get(&err, "status").as_f64(), Some(0.0));
    assert!(js_sys::Date::now() - started < 2500.0);
}
