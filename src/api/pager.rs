//! `searchPages`, which no official SDK has: every page of a search, stopping at `total`
//! or at a short page. The walk is decided here, without a network, so it is tested
//! natively; `SearchPages` (Rust) and `searchPages` (JavaScript, `pkg/core.js`) drive it.

use crate::error::Error;
use crate::models::{SearchRequest, User};

/// One page of a walk.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    /// This page's users.
    pub users: Vec<User>,
    /// All matches.
    pub total: u64,
    /// Its page number.
    pub page: i64,
}

/// Where a walk over the pages of a search stands.
#[derive(Debug, Clone)]
pub struct SearchPager {
    base: SearchRequest,
    page_size: i64,
    next_page: i64,
    seen: u64,
    done: bool,
}

impl SearchPager {
    /// A walk over `base`'s matches in pages of `page_size`, from `base.page` (or 0).
    pub fn new(base: SearchRequest, page_size: i64) -> Result<Self, Error> {
        if page_size <= 0 {
            return Err(Error::invalid_argument(
                "pageSize",
                "must be a positive integer",
            ));
        }
        if base.page.is_some_and(|p| p < 0) {
            return Err(Error::invalid_argument(
                "options.page",
                "must not be negative",
            ));
        }
        let next_page = base.page.unwrap_or(0);
        Ok(Self {
            base,
            page_size,
            next_page,
            seen: 0,
            done: false,
        })
    }

    /// The search for the next page, or `None` when the walk is over.
    pub fn next_request(&self) -> Option<SearchRequest> {
        if self.done {
            return None;
        }
        Some(SearchRequest {
            page: Some(self.next_page),
            limit: Some(self.page_size),
            offset: None,
            ..self.base.clone()
        })
    }

    /// Records a page of `users_on_page` users out of `total`; returns its number.
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

    #[test]
    fn pager_walks_until_total_or_a_short_page() {
        let mut p = SearchPager::new(SearchRequest::default(), 37).unwrap();
        let mut pages = Vec::new();
        let total = 100u64;
        while let Some(s) = p.next_request() {
            let page = s.page.unwrap();
            assert_eq!(s.limit, Some(37));
            let remaining = total as i64 - page * 37;
            let n = remaining.clamp(0, 37) as usize;
            pages.push(p.record(n, total));
        }
        assert_eq!(pages, vec![0, 1, 2]);

        // The total is reached exactly on a full page: no extra request.
        let mut p = SearchPager::new(SearchRequest::default(), 50).unwrap();
        p.next_request().unwrap();
        p.record(50, 100);
        p.next_request().unwrap();
        p.record(50, 100);
        assert!(p.next_request().is_none());
    }

    #[test]
    fn pager_refuses_bad_sizes() {
        assert!(SearchPager::new(SearchRequest::default(), 0).is_err());
        let neg = SearchRequest {
            page: Some(-1),
            ..SearchRequest::default()
        };
        assert_eq!(
            SearchPager::new(neg, 10).unwrap_err().argument(),
            Some("options.page")
        );
    }
}
