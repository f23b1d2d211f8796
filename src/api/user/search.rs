//! `POST /v2/mgmt/user/search` and `/v2/mgmt/user/search/test`: `search(options)`,
//! `searchTestUsers(options)` and the deprecated `searchAll(tenantIds?, roles?, limit?,
//! page?, testUsersOnly?, withTestUser?, customAttributes?, statuses?, emails?, phones?)`;
//! plus [`SearchPager`], which walks every page (`searchPages` in JavaScript).

use serde::Serialize;

use crate::api::{Args, Endpoint, Method, Request, Unwrap};
use crate::error::Error;
use crate::models::{SearchRequest, SearchResponse, User};

/// Which search call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKind {
    /// `search`.
    Users,
    /// `searchTestUsers`: test users only.
    TestUsers,
}

/// Searches users.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    /// Filters, sort and paging.
    pub request: SearchRequest,
    /// Which call.
    pub kind: SearchKind,
}

impl Search {
    /// `search(request)`.
    pub fn users(request: SearchRequest) -> Self {
        Self {
            request,
            kind: SearchKind::Users,
        }
    }

    pub(crate) fn from_args(a: &impl Args, kind: SearchKind) -> Result<Self, Error> {
        Ok(Self {
            request: a.options(0, "options")?,
            kind,
        })
    }

    /// `searchTestUsers(request)`.
    pub fn test_users(request: SearchRequest) -> Self {
        Self {
            request,
            kind: SearchKind::TestUsers,
        }
    }
}

/// The deprecated positional `searchAll`: resolves to the users only.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchAll {
    /// Filters and paging.
    pub request: SearchRequest,
}

impl SearchAll {
    pub(crate) fn from_args(a: &impl Args) -> Result<Self, Error> {
        let request = SearchRequest {
            tenant_ids: a.opt(0, "tenantIds")?,
            roles: a.opt(1, "roles")?,
            limit: a.opt(2, "limit")?,
            page: a.opt(3, "page")?,
            test_users_only: a.opt(4, "testUsersOnly")?,
            with_test_user: a.opt(5, "withTestUser")?,
            custom_attributes: a.opt(6, "customAttributes")?,
            statuses: a.opt(7, "statuses")?,
            emails: a.opt(8, "emails")?,
            phones: a.opt(9, "phones")?,
            ..SearchRequest::default()
        };
        Ok(Self { request })
    }
}

impl Endpoint for SearchAll {
    type Output = Vec<User>;

    fn request(&self) -> Result<Request, Error> {
        check_paging(&self.request)?;
        Request::json(
            Method::Post,
            "/v2/mgmt/user/search",
            &self.request,
            Unwrap::Key("users"),
        )
    }
}

fn check_paging(r: &SearchRequest) -> Result<(), Error> {
    for (name, value) in [("limit", r.limit), ("page", r.page), ("offset", r.offset)] {
        if value.is_some_and(|v| v < 0) {
            return Err(Error::invalid_argument(
                format!("options.{name}"),
                "must not be negative",
            ));
        }
    }
    Ok(())
}

impl Endpoint for Search {
    type Output = SearchResponse;

    fn request(&self) -> Result<Request, Error> {
        check_paging(&self.request)?;
        match self.kind {
            SearchKind::Users => Request::json(
                Method::Post,
                "/v2/mgmt/user/search",
                &self.request,
                Unwrap::Whole,
            ),
            SearchKind::TestUsers => {
                #[derive(Serialize)]
                #[serde(rename_all = "camelCase")]
                struct Test<'a> {
                    #[serde(flatten)]
                    request: &'a SearchRequest,
                    with_test_user: bool,
                    test_users_only: bool,
                }
                let request = SearchRequest {
                    with_test_user: None,
                    test_users_only: None,
                    ..self.request.clone()
                };
                let body = Test {
                    request: &request,
                    with_test_user: true,
                    test_users_only: true,
                };
                Request::json(
                    Method::Post,
                    "/v2/mgmt/user/search/test",
                    &body,
                    Unwrap::Whole,
                )
            }
        }
    }
}

/// One page of a [`SearchPager`] walk.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    /// This page's users.
    pub users: Vec<User>,
    /// All matches.
    pub total: u64,
    /// The page's 0-based index.
    pub page: i64,
}

/// Walks every page of a search: asks for page 0, 1, … of `page_size` users and stops at
/// `total`, at a short page, or at an empty one. Target-agnostic: the caller sends each
/// [`SearchPager::next_request`] and reports the answer with [`SearchPager::record`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPager {
    base: Search,
    page_size: i64,
    next_page: i64,
    seen: u64,
    done: bool,
}

impl SearchPager {
    /// A walk of `search` (or `searchTestUsers`) in pages of `page_size`.
    pub fn new(base: Search, page_size: i64) -> Result<Self, Error> {
        if page_size <= 0 {
            return Err(Error::invalid_argument(
                "pageSize",
                "must be a positive integer",
            ));
        }
        check_paging(&base.request)?;
        let next_page = base.request.page.unwrap_or(0);
        Ok(Self {
            base,
            page_size,
            next_page,
            seen: 0,
            done: false,
        })
    }

    /// The search for the next page, or `None` when the walk is over.
    pub fn next_request(&self) -> Option<Search> {
        if self.done {
            return None;
        }
        let mut search = self.base.clone();
        search.request.page = Some(self.next_page);
        search.request.limit = Some(self.page_size);
        search.request.offset = None;
        Some(search)
    }

    /// Records the answer to [`SearchPager::next_request`]: how many users it held and the
    /// `total` it reported. Returns the index of the page just recorded.
    pub fn record(&mut self, users_on_page: usize, total: u64) -> i64 {
        let page = self.next_page;
        self.seen += users_on_page as u64;
        self.next_page += 1;
        let short = (users_on_page as i64) < self.page_size;
        if short || users_on_page == 0 || self.seen >= total {
            self.done = true;
        }
        page
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::JsonArgs;
    use serde_json::{json, Value};

    #[test]
    fn every_flag_of_the_reference_goes_out_under_its_name() {
        // Reference §5.6: the boolean filters, spelled as the service reads them.
        for key in [
            "withTestUser",
            "testUsersOnly",
            "verifiedEmail",
            "verifiedPhone",
            "includeSubTenants",
            "ssoOnly",
            "scimOnly",
            "password",
            "totp",
            "webauthn",
            "scim",
        ] {
            let args = [json!({ key: true })];
            let r = Search::from_args(&JsonArgs(&args), SearchKind::Users)
                .unwrap()
                .request()
                .unwrap();
            let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
            assert_eq!(body[key], json!(true), "{key}: {body}");
        }
    }

    #[test]
    fn pager_walks_until_total_or_a_short_page() {
        let mut p = SearchPager::new(Search::users(SearchRequest::default()), 37).unwrap();
        let mut pages = Vec::new();
        let total = 100u64;
        while let Some(s) = p.next_request() {
            let page = s.request.page.unwrap();
            assert_eq!(s.request.limit, Some(37));
            let remaining = total as i64 - page * 37;
            let n = remaining.clamp(0, 37) as usize;
            pages.push(p.record(n, total));
        }
        assert_eq!(pages, vec![0, 1, 2]);

        // The total is reached exactly on a full page: no extra request.
        let mut p = SearchPager::new(Search::users(SearchRequest::default()), 50).unwrap();
        p.next_request().unwrap();
        p.record(50, 100);
        p.next_request().unwrap();
        p.record(50, 100);
        assert!(p.next_request().is_none());
    }

    #[test]
    fn pager_refuses_bad_sizes() {
        assert!(SearchPager::new(Search::users(SearchRequest::default()), 0).is_err());
        let neg = SearchRequest {
            page: Some(-1),
            ..SearchRequest::default()
        };
        assert_eq!(
            SearchPager::new(Search::users(neg), 10)
                .unwrap_err()
                .argument(),
            Some("options.page")
        );
    }
}
