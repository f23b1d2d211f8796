//! Text built without `core::fmt`: in the npm wasm, `format!` and its machinery (`write`,
//! padding, integer `Display` and their tables) cost more than a kilobyte gzip, and the
//! library's `concat`/`join` a little more than these loops, so the texts the JavaScript
//! path builds (error messages, argument paths, the bearer) are put together here.

/// The parts, one after another.
pub(crate) fn cat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// The parts with `separator` between them.
pub(crate) fn join(parts: &[&str], separator: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(part);
    }
    out
}

/// `text` around the first (or, with `last`, the last) `byte`, an ASCII byte; `None`
/// without one. (`split_once(char)` brings `str`'s char searcher and `memchr` into the
/// wasm.)
pub(crate) fn split_at_byte(text: &str, byte: u8, last: bool) -> Option<(&str, &str)> {
    let at = if last {
        text.bytes().rposition(|b| b == byte)
    } else {
        text.bytes().position(|b| b == byte)
    }?;
    // An ASCII byte is a whole character: both sides are valid text.
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// `text` without its trailing slashes.
pub(crate) fn trim_slashes(text: &str) -> &str {
    let mut kept = text.len();
    while kept > 0 && text.as_bytes().get(kept - 1) == Some(&b'/') {
        kept -= 1;
    }
    text.get(..kept).unwrap_or(text)
}

/// `n` in decimal.
pub(crate) fn decimal(n: impl Into<u64>) -> String {
    let mut n: u64 = n.into();
    let mut digits = Vec::new();
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_writes_every_digit() {
        for n in [0u64, 7, 10, 429, 1_000_000, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn split_at_byte_and_trim_slashes_match_the_library() {
        for text in ["a:b:c", "::1", "no colon", ":", "é:ü", ""] {
            assert_eq!(split_at_byte(text, b':', false), text.split_once(':'));
            assert_eq!(split_at_byte(text, b':', true), text.rsplit_once(':'));
        }
        for text in ["https://x/", "https://x///", "https://x", "/", "", "é/"] {
            assert_eq!(trim_slashes(text), text.trim_end_matches('/'));
        }
    }

    #[test]
    fn cat_and_join_put_the_parts_together() {
        assert_eq!(cat(&["a", "", "bc", "d"]), ["a", "", "bc", "d"].concat());
        assert_eq!(cat(&[]), "");
        assert_eq!(join(&["x", "y", "z"], ", "), ["x", "y", "z"].join(", "));
        assert_eq!(join(&["x"], ", "), "x");
        assert_eq!(join(&[], ", "), "");
    }
}
