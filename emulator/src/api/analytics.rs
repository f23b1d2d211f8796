//! `management.analytics` (reference §25): counts computed from the audit trail (the
//! emulator's own records of management calls, `createEvent`s and seeded events). Filters
//! AND together and OR within a list; each `groupBy…` flag makes a dimension part of the key
//! (dimensions not grouped are `""`); `groupByCreated` buckets `occurred` by hour, day, week
//! (from Monday), month or quarter (UTC), answered as the bucket's start in epoch ms. Counts
//! and times are strings, as the service sends them.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::Call;
use crate::error::{ApiError, ApiResult};
use crate::store::{AuditEvent, Store};

const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bucket {
    Hour,
    Day,
    Week,
    Month,
    Quarter,
}

impl Bucket {
    /// Go's one-letter values and the words (node passes the caller's string through).
    fn parse(s: &str) -> Option<Option<Bucket>> {
        Some(Some(match s {
            "" => return Some(None),
            "h" | "hour" => Bucket::Hour,
            "d" | "day" => Bucket::Day,
            "w" | "week" => Bucket::Week,
            "m" | "month" => Bucket::Month,
            "q" | "quarter" => Bucket::Quarter,
            _ => return None,
        }))
    }

    fn start(self, ms: i64) -> i64 {
        let day = ms.div_euclid(DAY_MS);
        match self {
            Bucket::Hour => ms.div_euclid(3_600_000) * 3_600_000,
            Bucket::Day => day * DAY_MS,
            // 1970-01-01 was a Thursday: Monday is 3 days before.
            Bucket::Week => (day - (day + 3).rem_euclid(7)) * DAY_MS,
            Bucket::Month | Bucket::Quarter => {
                let (y, m, _) = civil_from_days(day);
                let m = if self == Bucket::Quarter {
                    (m - 1) / 3 * 3 + 1
                } else {
                    m
                };
                days_from_civil(y, m, 1) * DAY_MS
            }
        }
    }
}

/// Days since 1970-01-01 → (year, month 1–12, day 1–31), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

struct Query {
    actions: Vec<String>,
    excluded: Vec<String>,
    from: i64,
    to: i64,
    devices: Vec<String>,
    methods: Vec<String>,
    geos: Vec<String>,
    tenants: Vec<String>,
    by_action: bool,
    by_device: bool,
    by_method: bool,
    by_geo: bool,
    by_tenant: bool,
    by_referrer: bool,
    by_created: Option<Bucket>,
}

impl Query {
    fn matches(&self, e: &AuditEvent) -> bool {
        let any = |list: &[String], v: &str| list.is_empty() || list.iter().any(|x| x == v);
        any(&self.actions, &e.action)
            && !self.excluded.contains(&e.action)
            && (self.from <= 0 || e.occurred >= self.from)
            && (self.to <= 0 || e.occurred <= self.to)
            && any(&self.devices, &e.device)
            && any(&self.methods, &e.method)
            && any(&self.geos, &e.geo)
            && (self.tenants.is_empty() || e.tenants.iter().any(|t| self.tenants.contains(t)))
    }
}

/// `{actions, excludedActions, from, to, devices, methods, geos, tenants, groupBy…}` →
/// `{analytics: [{projectId, action, created, device, method, geo, tenant, referrer, cnt}]}`.
pub fn search(store: &mut Store, call: &Call) -> ApiResult<Value> {
    let mut o = call.body_obj()?;
    let list = |o: &mut crate::body::Obj, k: &str| -> ApiResult<Vec<String>> {
        Ok(o.str_list(&[k])?.unwrap_or_default())
    };
    let flag = |o: &mut crate::body::Obj, k: &str| -> ApiResult<bool> {
        Ok(o.bool(&[k])?.unwrap_or(false))
    };
    let created = o.str(&["groupByCreated"])?.unwrap_or_default();
    let q = Query {
        actions: list(&mut o, "actions")?,
        excluded: list(&mut o, "excludedActions")?,
        // Go sends its zero time as a negative number: no bound.
        from: o.int(&["from"])?.unwrap_or(0),
        to: o.int(&["to"])?.unwrap_or(0),
        devices: list(&mut o, "devices")?,
        methods: list(&mut o, "methods")?,
        geos: list(&mut o, "geos")?,
        tenants: list(&mut o, "tenants")?,
        by_action: flag(&mut o, "groupByAction")?,
        by_device: flag(&mut o, "groupByDevice")?,
        by_method: flag(&mut o, "groupByMethod")?,
        by_geo: flag(&mut o, "groupByGeo")?,
        by_tenant: flag(&mut o, "groupByTenant")?,
        by_referrer: flag(&mut o, "groupByReferrer")?,
        by_created: Bucket::parse(&created).ok_or_else(|| {
            ApiError::invalid(format!(
                "\"groupByCreated\" must be one of h, d, w, m, q (or hour, day, week, month, \
                 quarter), not \"{created}\""
            ))
        })?,
    };
    o.finish()?;
    // Key: (created, action, device, method, geo, tenant, referrer) → count.
    let mut counts: BTreeMap<(i64, [String; 6]), u64> = BTreeMap::new();
    let pick = |on: bool, v: &str| if on { v.to_string() } else { String::new() };
    for e in store.audit.iter().filter(|e| q.matches(e)) {
        let created = q
            .by_created
            .map(|b| b.start(e.occurred))
            .unwrap_or(i64::MIN);
        let tenants: Vec<String> = if q.by_tenant && !e.tenants.is_empty() {
            e.tenants
                .iter()
                .filter(|t| q.tenants.is_empty() || q.tenants.contains(t))
                .cloned()
                .collect()
        } else {
            vec![String::new()]
        };
        for t in tenants {
            let key = [
                pick(q.by_action, &e.action),
                pick(q.by_device, &e.device),
                pick(q.by_method, &e.method),
                pick(q.by_geo, &e.geo),
                t,
                // The audit trail has no referrer: grouping by it groups by "".
                pick(q.by_referrer, ""),
            ];
            *counts.entry((created, key)).or_default() += 1;
        }
    }
    let analytics: Vec<Value> = counts
        .into_iter()
        .map(|((created, k), cnt)| {
            json!({
                "projectId": store.project_id,
                "action": k[0],
                "created": if created == i64::MIN { String::new() } else { created.to_string() },
                "device": k[1],
                "method": k[2],
                "geo": k[3],
                "tenant": k[4],
                "referrer": k[5],
                "cnt": cnt.to_string(),
            })
        })
        .collect();
    Ok(json!({ "analytics": analytics }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets() {
        // 2026-05-14T13:45:00Z, a Thursday.
        let t = 1_778_766_300_000;
        assert_eq!(Bucket::Hour.start(t), 1_778_763_600_000);
        assert_eq!(Bucket::Day.start(t), 1_778_716_800_000);
        // Monday 2026-05-11.
        assert_eq!(Bucket::Week.start(t), 1_778_457_600_000);
        // 2026-05-01 and 2026-04-01.
        assert_eq!(Bucket::Month.start(t), 1_777_593_600_000);
        assert_eq!(Bucket::Quarter.start(t), 1_775_001_600_000);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
