//! One route, with the crate: `GET /?loginId=…` answers the user (or the error's status).

use std::sync::OnceLock;

use descope_mgmt::{Client, Config};
use serde_json::json;
use worker::{event, Context, Env, Request, Response, Result};

static CLIENT: OnceLock<Client> = OnceLock::new();

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let client = match CLIENT.get() {
        Some(client) => client,
        None => {
            let project_id = env.var("DESCOPE_PROJECT_ID")?.to_string();
            let key = env.secret("DESCOPE_MANAGEMENT_KEY")?.to_string();
            let mut config = Config::new(project_id, key)?;
            if let Ok(base_url) = env.var("DESCOPE_BASE_URI") {
                config = config.with_base_url(&base_url.to_string())?;
            }
            CLIENT.get_or_init(|| Client::new(config))
        }
    };
    let login_id = req
        .url()?
        .query_pairs()
        .find(|(k, _)| k == "loginId")
        .map(|(_, v)| v.into_owned());
    match client.user().load(login_id.unwrap_or_default()).await {
        Ok(user) => Response::from_json(&user),
        Err(err) => {
            let body = json!({ "code": err.code(), "description": err.description() });
            Ok(
                Response::from_json(&body)?.with_status(if err.status() == 0 {
                    502
                } else {
                    err.status()
                }),
            )
        }
    }
}
