//! One route, by hand: `GET /?loginId=…` fetches `GET /v1/mgmt/user` and answers its `user`.

use serde_json::Value;
use worker::{event, Context, Env, Fetch, Headers, Request, RequestInit, Response, Result, Url};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let project_id = env.var("DESCOPE_PROJECT_ID")?.to_string();
    let key = env.secret("DESCOPE_MANAGEMENT_KEY")?.to_string();
    let base_url = env
        .var("DESCOPE_BASE_URI")
        .map(|v| v.to_string())
        .unwrap_or_else(|_| "https://api.descope.com".into());
    let login_id = req
        .url()?
        .query_pairs()
        .find(|(k, _)| k == "loginId")
        .map(|(_, v)| v.into_owned());
    let mut url = Url::parse(&format!("{base_url}/v1/mgmt/user"))?;
    url.query_pairs_mut()
        .append_pair("loginId", &login_id.unwrap_or_default());
    let headers = Headers::new();
    headers.set("Authorization", &format!("Bearer {project_id}:{key}"))?;
    headers.set("x-descope-project-id", &project_id)?;
    let mut init = RequestInit::new();
    init.with_headers(headers);
    let mut answer = Fetch::Request(Request::new_with_init(url.as_str(), &init)?)
        .send()
        .await?;
    let status = answer.status_code();
    let body: Value = answer.json().await?;
    if status != 200 {
        return Ok(Response::from_json(&body)?.with_status(status));
    }
    Response::from_json(&body["user"])
}
