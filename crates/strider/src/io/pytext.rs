//! Python's text-to-number rules, as `genfromtxt` applies them through `int()`, `float()`,
//! `complex()` and its own `str2bool`: what counts as whitespace, where underscores may stand,
//! `inf`/`nan` spellings, `1+2j` forms.
//!
//! Owns only the parsing of one piece of text; it knows nothing of files, columns or dtypes.

/// Python's `str.isspace` (Unicode White_Space plus the ASCII separators 0x1c..0x1f).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Python's `str.strip()`.
pub(crate) fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python's `str.split()` with no separator.
pub(crate) fn split_ws(s: &str) -> Vec<String> {
    s.split(is_space).filter(|p| !p.is_empty()).map(str::to_string).collect()
}

/// Removes underscores that stand between two digits; `None` if any other underscore is present
/// (Python accepts `1_000`, not `_1`, `1__0` or `1_`).
fn without_underscores(s: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !s.contains('_') {
        return Some(std::borrow::Cow::Borrowed(s));
    }
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let ok = i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !ok {
                return None;
            }
        }
    }
    Some(std::borrow::Cow::Owned(s.replace('_', "")))
}

/// A Python integer as parsed by `int(text)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PyInt {
    /// A value that fits `i128`.
    Small(i128),
    /// A value beyond `i128` (Python keeps it; every NumPy integer type refuses it).
    Huge,
}

/// Python's `int(text)` in base 10.
pub(crate) fn parse_int(text: &str) -> Option<PyInt> {
    let s = strip(text);
    let s = without_underscores(s)?;
    let (neg, digits) = match s.as_bytes().first()? {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, &s[..]),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut v: i128 = 0;
    for c in digits.bytes() {
        match v.checked_mul(10).and_then(|x| x.checked_add((c - b'0') as i128)) {
            Some(x) => v = x,
            None => return Some(PyInt::Huge),
        }
    }
    Some(PyInt::Small(if neg { -v } else { v }))
}

/// Python's `float(text)`: correctly rounded, `inf`/`infinity`/`nan` in any case with a sign.
pub(crate) fn parse_float(text: &str) -> Option<f64> {
    let s = strip(text);
    let s = without_underscores(s)?;
    let body = s.strip_prefix(['+', '-']).unwrap_or(&s);
    let special = body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity");
    if !special && !body.eq_ignore_ascii_case("nan") {
        // Rust's grammar is Python's for plain decimals; refuse anything else before asking it.
        let ok = body.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'));
        if !ok || !body.bytes().next().is_some_and(|c| c.is_ascii_digit() || c == b'.') {
            return None;
        }
    }
    s.parse::<f64>().ok()
}

/// Python's `complex(text)`: `1.5`, `2j`, `j`, `1-2j`, `(1+2j)`, surrounding whitespace allowed,
/// none inside.
pub(crate) fn parse_complex(text: &str) -> Option<(f64, f64)> {
    let mut s = strip(text);
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        s = strip(inner);
    }
    if s.is_empty() || s.contains(is_space) {
        return None;
    }
    let Some(body) = s.strip_suffix(['j', 'J']) else {
        return parse_float(s).map(|re| (re, 0.0));
    };
    let unit = |t: &str| match t {
        "" | "+" => Some(1.0),
        "-" => Some(-1.0),
        t => parse_float(t),
    };
    let b = body.as_bytes();
    let split = (1..b.len()).rev().find(|&k| matches!(b[k], b'+' | b'-') && !matches!(b[k - 1], b'e' | b'E'));
    match split {
        Some(k) => Some((parse_float(&body[..k])?, unit(&body[k..])?)),
        None => Some((0.0, unit(body)?)),
    }
}

/// NumPy's `str2bool`: `True`/`False` in any case, nothing else (no stripping).
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    match text.to_uppercase().as_str() {
        "TRUE" => Some(true),
        "FALSE" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_number_grammar() {
        assert_eq!(parse_int(" 1_000 "), Some(PyInt::Small(1000)));
        assert_eq!(parse_int("-007"), Some(PyInt::Small(-7)));
        for bad in ["", "+", "1__0", "_1", "1_", "1.0", "0x10", "1 2"] {
            assert_eq!(parse_int(bad), None, "{bad}");
        }
        assert_eq!(parse_int("1".repeat(50).as_str()), Some(PyInt::Huge));
        assert_eq!(parse_float(" .5"), Some(0.5));
        assert_eq!(parse_float("5."), Some(5.0));
        assert_eq!(parse_float("-iNfinity"), Some(f64::NEG_INFINITY));
        assert!(parse_float("+nan").unwrap().is_nan());
        for bad in [".", "e5", "1e", "0x10", "1__0", "in f", "1,5"] {
            assert_eq!(parse_float(bad), None, "{bad}");
        }
        assert_eq!(parse_complex("(3-1j)"), Some((3.0, -1.0)));
        assert_eq!(parse_complex("-j"), Some((0.0, -1.0)));
        assert_eq!(parse_complex("1e-5+2E+3J"), Some((1e-5, 2e3)));
        assert_eq!(parse_complex("1 + 2j"), None);
        assert_eq!(parse_bool("tRUe"), Some(true));
        assert_eq!(parse_bool(" True"), None);
    }
}
