//! Small helpers the groups of issue 15 share: path parameters, `{id}` bodies and `?id=`
//! queries, IP addresses and CIDR ranges, and the checks every list of names needs.

use std::net::IpAddr;

use serde_json::Value;

use super::Call;
use crate::body::Obj;
use crate::error::{ApiError, ApiResult};

/// Decodes `%XX` escapes of a path segment (node and the Rust client encode IDs and names
/// that go into paths). A malformed escape is kept as is.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The decoded last segment of a path-parameter route (`/v1/mgmt/list/{id}`). The router
/// only dispatches here when that segment is non-empty and holds no `/`.
pub fn path_param(call: &Call, prefix: &str) -> ApiResult<String> {
    let raw = call.path.strip_prefix(prefix).unwrap_or_default();
    // A GET with a body or a query has nothing to say here.
    call.query_obj()?.finish()?;
    Ok(percent_decode(raw))
}

/// `?id=<id>` and nothing else.
pub fn query_id(call: &Call) -> ApiResult<String> {
    let mut q = call.query_obj()?;
    let id = q.req_str(&["id"])?;
    q.finish()?;
    Ok(id)
}

/// A body that is exactly `{id}`.
pub fn body_id(call: &Call) -> ApiResult<String> {
    let mut o = call.body_obj()?;
    let id = o.req_str(&["id"])?;
    o.finish()?;
    Ok(id)
}

/// A body that must be `{}` (or empty): node sends `{}` for `list()`-style calls.
pub fn empty_body(call: &Call) -> ApiResult<()> {
    call.body_obj()?.finish()
}

/// An IP address or a CIDR range, parsed: `(address, prefix length)`.
pub fn parse_ip(s: &str) -> Option<(IpAddr, u8)> {
    let (addr, prefix) = match s.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (s, None),
    };
    let addr: IpAddr = addr.parse().ok()?;
    let max = if addr.is_ipv4() { 32 } else { 128 };
    let prefix = match prefix {
        None => max,
        Some(p) => p.parse::<u8>().ok().filter(|n| *n <= max)?,
    };
    Some((addr, prefix))
}

fn bits(a: IpAddr) -> (u128, u8) {
    match a {
        IpAddr::V4(v) => (u128::from(u32::from(v)), 32),
        IpAddr::V6(v) => (u128::from(v), 128),
    }
}

/// Whether `ip` (an address or a range) lies inside `range`. An address is a /32 (/128).
pub fn ip_within(ip: &str, range: &str) -> bool {
    let (Some((a, ap)), Some((r, rp))) = (parse_ip(ip), parse_ip(range)) else {
        return false;
    };
    let ((a, width), (r, rwidth)) = (bits(a), bits(r));
    if width != rwidth || ap < rp {
        return false;
    }
    let shift = u32::from(width - rp);
    let mask = if shift >= 128 { 0 } else { u128::MAX << shift };
    (a & mask) == (r & mask)
}

/// Checks a list of IP addresses / CIDR ranges; `key` names it in the error.
pub fn check_ips(ips: &[String], key: &str) -> ApiResult<()> {
    match ips.iter().find(|ip| parse_ip(ip).is_none()) {
        None => Ok(()),
        Some(ip) => Err(ApiError::invalid(format!(
            "\"{key}\": \"{ip}\" is not an IP address or CIDR range"
        ))),
    }
}

/// `permittedIps`-style key: a list of addresses or ranges, checked.
pub fn read_ips(o: &mut Obj, key: &str) -> ApiResult<Option<Vec<String>>> {
    let Some(ips) = o.str_list(&[key])? else {
        return Ok(None);
    };
    check_ips(&ips, &o.name(key))?;
    Ok(Some(ips))
}

/// Items of a string list must not be empty strings.
pub fn no_empty(items: &[String], key: &str) -> ApiResult<()> {
    if items.iter().any(String::is_empty) {
        return Err(ApiError::invalid(format!(
            "\"{key}\" must not hold empty strings"
        )));
    }
    Ok(())
}

/// A name that must fit the service's limit (Terraform: 100 characters).
pub fn check_len(value: &str, key: &str, max: usize) -> ApiResult<()> {
    if value.chars().count() > max {
        return Err(ApiError::invalid(format!(
            "\"{key}\" must be at most {max} characters"
        )));
    }
    Ok(())
}

/// A required non-empty list of strings (`E011002` when missing or empty).
pub fn req_list(o: &mut Obj, key: &str) -> ApiResult<Vec<String>> {
    match o.str_list(&[key])? {
        Some(l) if !l.is_empty() => Ok(l),
        _ => {
            o.missing(key);
            Ok(Vec::new())
        }
    }
}

/// An array of objects, each handed to `read` with its path (`relations[2]`).
pub fn read_items<T>(
    o: &mut Obj,
    key: &str,
    mut read: impl FnMut(&mut Obj) -> ApiResult<T>,
) -> ApiResult<Option<Vec<T>>> {
    let Some(items) = o.list(&[key])? else {
        return Ok(None);
    };
    let base = o.name(key);
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let mut x = Obj::from_value(item, &format!("{base}[{i}]"))?;
        let v = read(&mut x)?;
        x.finish()?;
        out.push(v);
    }
    Ok(Some(out))
}

/// A free-form JSON value that must be an object when present.
pub fn opt_object(o: &mut Obj, key: &str) -> ApiResult<Option<Value>> {
    Ok(o.map(&[key])?.map(Value::Object))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_ranges() {
        assert!(ip_within("10.1.2.3", "10.0.0.0/8"));
        assert!(!ip_within("11.1.2.3", "10.0.0.0/8"));
        assert!(ip_within("1.2.3.4", "1.2.3.4"));
        assert!(ip_within("10.1.0.0/16", "10.0.0.0/8"));
        assert!(!ip_within("10.0.0.0/8", "10.1.0.0/16"));
        assert!(ip_within("2001:db8::1", "2001:db8::/32"));
        assert!(!ip_within("1.2.3.4", "::/0"));
        assert!(ip_within("8.8.8.8", "0.0.0.0/0"));
        assert!(parse_ip("1.2.3.4/33").is_none());
        assert!(parse_ip("nope").is_none());
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%2Fb%3Fc"), "a/b?c");
        assert_eq!(percent_decode("blocked%20ips"), "blocked ips");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
