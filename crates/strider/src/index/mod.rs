//! Indexing: the entries of a basic index, a parser for NumPy's own index syntax in a string, and
//! the [`s!`](crate::s) macro.
//!
//! Owns the *description* of an index: basic entries ([`IndexItem`], [`parse`]) and general ones
//! that may hold integer or boolean arrays ([`FancyIndex`], [`parse_fancy`]), plus the pure
//! shape rule of advanced indexing ([`fancy_result_shape`]). Applying an index to an array is
//! `array::views` (basic: views) and `array::fancy` (advanced: copies); the slice arithmetic is
//! `layout::slice_indices`. [`parse`] rejects advanced entries with a clear error; use
//! [`parse_fancy`] for them.

mod args;
mod fancy;
pub(crate) mod kernels;
pub(crate) mod rule;

pub use args::{Positions, Sections, TakeMode};
pub use fancy::{parse_fancy, FancyIndex};
pub use rule::{fancy_result_shape, IndexShape};

use crate::{Error, Result};

/// One entry of a basic index, as in NumPy: an integer, a slice, `None` (newaxis) or `...`.
///
/// ```
/// use strider::index::IndexItem;
/// let items = strider::index::parse("1, ::-1, None, ...").unwrap();
/// assert_eq!(items, vec![
///     IndexItem::Int(1),
///     IndexItem::Slice { start: None, stop: None, step: Some(-1) },
///     IndexItem::NewAxis,
///     IndexItem::Ellipsis,
/// ]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexItem {
    /// An integer (negative counts from the end): removes the axis.
    Int(isize),
    /// `start:stop:step`, exactly Python's slice semantics.
    Slice {
        /// First index (`None`: from the start, or the end for negative steps).
        start: Option<isize>,
        /// One past the last index (`None`: to the end).
        stop: Option<isize>,
        /// Step (`None`: 1); zero is an error when applied.
        step: Option<isize>,
    },
    /// `None` / `np.newaxis`: a new axis of length 1.
    NewAxis,
    /// `...`: as many full slices as needed.
    Ellipsis,
}

/// Marker for `np.newaxis` in [`s!`](crate::s).
///
/// ```
/// use strider::{index::{IndexItem, NewAxis}, s};
/// assert_eq!(s![NewAxis], vec![IndexItem::NewAxis]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct NewAxis;

/// Marker for `...` in [`s!`](crate::s).
///
/// ```
/// use strider::{index::{Ellipsis, IndexItem}, s};
/// assert_eq!(s![Ellipsis, 0], vec![IndexItem::Ellipsis, IndexItem::Int(0)]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Ellipsis;

impl IndexItem {
    /// The full slice `:`.
    ///
    /// ```
    /// assert_eq!(strider::index::parse(":").unwrap(), vec![strider::index::IndexItem::FULL]);
    /// ```
    pub const FULL: IndexItem = IndexItem::Slice { start: None, stop: None, step: None };

    /// A range with a step: `a..b` with step `s` is Python's `a:b:s` (used by `s![a..b;s]`).
    ///
    /// ```
    /// use strider::index::IndexItem;
    /// assert_eq!(IndexItem::stepped(.., -1), IndexItem::Slice { start: None, stop: None, step: Some(-1) });
    /// ```
    pub fn stepped(range: impl Into<IndexItem>, step: isize) -> IndexItem {
        match range.into() {
            IndexItem::Slice { start, stop, .. } => IndexItem::Slice { start, stop, step: Some(step) },
            IndexItem::Int(i) => IndexItem::Slice { start: Some(i), stop: None, step: Some(step) },
            other => other,
        }
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for IndexItem {
            fn from(i: $t) -> IndexItem { IndexItem::Int(i as isize) }
        }
    )*};
}
from_int!(isize, i32, i64, usize);

impl From<std::ops::Range<isize>> for IndexItem {
    fn from(r: std::ops::Range<isize>) -> IndexItem {
        IndexItem::Slice { start: Some(r.start), stop: Some(r.end), step: None }
    }
}
impl From<std::ops::RangeFrom<isize>> for IndexItem {
    fn from(r: std::ops::RangeFrom<isize>) -> IndexItem {
        IndexItem::Slice { start: Some(r.start), stop: None, step: None }
    }
}
impl From<std::ops::RangeTo<isize>> for IndexItem {
    fn from(r: std::ops::RangeTo<isize>) -> IndexItem {
        IndexItem::Slice { start: None, stop: Some(r.end), step: None }
    }
}
impl From<std::ops::RangeFull> for IndexItem {
    fn from(_: std::ops::RangeFull) -> IndexItem {
        IndexItem::FULL
    }
}
impl From<NewAxis> for IndexItem {
    fn from(_: NewAxis) -> IndexItem {
        IndexItem::NewAxis
    }
}
impl From<Ellipsis> for IndexItem {
    fn from(_: Ellipsis) -> IndexItem {
        IndexItem::Ellipsis
    }
}

/// Builds a basic index the way NumPy code writes one: integers, Rust ranges for slices with an
/// optional `;step` (`a..b;s` is Python's `a:b:s`, so `..;-1` is `::-1`), [`NewAxis`] and
/// [`Ellipsis`].
///
/// ```
/// use strider::s;
/// use strider::index::{Ellipsis, IndexItem, NewAxis};
/// let idx = s![1, ..;-1, NewAxis, Ellipsis, 2..];
/// assert_eq!(idx, strider::index::parse("1, ::-1, None, ..., 2:").unwrap());
/// ```
#[macro_export]
macro_rules! s {
    (@acc [$($out:expr),*]) => { vec![$($out),*] };
    (@acc [$($out:expr),*] $r:expr ; $step:expr , $($rest:tt)*) => {
        $crate::s!(@acc [$($out,)* $crate::index::IndexItem::stepped($r, $step)] $($rest)*)
    };
    (@acc [$($out:expr),*] $r:expr ; $step:expr) => {
        $crate::s!(@acc [$($out,)* $crate::index::IndexItem::stepped($r, $step)])
    };
    (@acc [$($out:expr),*] $e:expr , $($rest:tt)*) => {
        $crate::s!(@acc [$($out,)* $crate::index::IndexItem::from($e)] $($rest)*)
    };
    (@acc [$($out:expr),*] $e:expr) => {
        $crate::s!(@acc [$($out,)* $crate::index::IndexItem::from($e)])
    };
    ($($t:tt)*) => { $crate::s!(@acc [] $($t)*) };
}

const NOT_VALID: &str = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices";

/// Parses NumPy's index syntax (what goes between `a[` and `]`): integers, `start:stop:step`
/// slices, `None`/`np.newaxis`/`newaxis`, `...`/`Ellipsis`, separated by commas. The empty string
/// is the empty tuple `a[()]`.
///
/// Advanced indices (`[0, 2]`, boolean values) are rejected with an error that says so.
///
/// ```
/// use strider::index::{parse, IndexItem};
/// assert_eq!(parse(" -1 ").unwrap(), vec![IndexItem::Int(-1)]);
/// assert_eq!(parse("").unwrap(), vec![]);
/// assert!(parse("..., ...").is_err());
/// assert!(parse("[0, 2]").is_err());
/// assert!(parse("1.5").is_err());
/// ```
pub fn parse(text: &str) -> Result<Vec<IndexItem>> {
    let t = text.trim_ascii();
    if t.is_empty() || t == "()" {
        return Ok(Vec::new());
    }
    if t.contains(['[', ']']) || (t.bytes().any(|b| b.is_ascii_alphabetic()) && t.contains("np.array")) {
        return Err(Error::BadIndex(format!(
            "advanced (fancy) indexing with arrays is not supported by basic indexing: {text:?}"
        )));
    }
    let inner = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')).unwrap_or(t);
    // Parsed in one pass without intermediate collections: a view is a few hundred nanoseconds in
    // all, which allocations here would dominate. (Python allows only ASCII whitespace.)
    let mut parts = inner.split(',').map(str::trim_ascii).peekable();
    let mut items = Vec::with_capacity(4);
    let mut ellipses = 0;
    while let Some(part) = parts.next() {
        // A trailing comma makes a tuple: "1," is (1,).
        if part.is_empty() && parts.peek().is_none() && !items.is_empty() {
            break;
        }
        let item = parse_item(part, text)?;
        if item == IndexItem::Ellipsis {
            ellipses += 1;
            if ellipses > 1 {
                return Err(Error::BadIndex("an index can only have a single ellipsis ('...')".into()));
            }
        }
        items.push(item);
    }
    Ok(items)
}

fn parse_item(part: &str, whole: &str) -> Result<IndexItem> {
    // Slices and integers first: they are nearly every index, and skip the keyword comparisons.
    if part.contains(':') {
        return parse_slice(part, whole);
    }
    match part {
        _ if part.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+') => {
            parse_int(part).map(IndexItem::Int).ok_or_else(|| Error::BadIndex(NOT_VALID.into()))
        }
        "" => Err(Error::BadIndex(format!("empty entry in index {whole:?}"))),
        "..." | "Ellipsis" => Ok(IndexItem::Ellipsis),
        "None" | "np.newaxis" | "numpy.newaxis" | "newaxis" => Ok(IndexItem::NewAxis),
        "True" | "False" | "np.True_" | "np.False_" => Err(Error::BadIndex(format!(
            "boolean index {part} is advanced indexing, which basic indexing does not support"
        ))),
        _ => Err(Error::BadIndex(NOT_VALID.into())),
    }
}

/// `start:stop:step`, each part optional (or `None`).
fn parse_slice(part: &str, whole: &str) -> Result<IndexItem> {
    let mut bounds = part.split(':').map(str::trim_ascii);
    let (start, stop, step) = (bounds.next().unwrap_or(""), bounds.next().unwrap_or(""), bounds.next());
    if bounds.next().is_some() {
        return Err(Error::BadIndex(format!("invalid slice {part:?} in index {whole:?}")));
    }
    let bound = |s: &str| -> Result<Option<isize>> {
        if s.is_empty() || s == "None" {
            Ok(None)
        } else {
            parse_int(s)
                .map(Some)
                .ok_or_else(|| Error::Type("slice indices must be integers or None or have an __index__ method".into()))
        }
    };
    Ok(IndexItem::Slice {
        start: bound(start)?,
        stop: bound(stop)?,
        step: match step {
            Some(s) => bound(s)?,
            None => None,
        },
    })
}

/// An integer literal as Python writes one (sign, digits, underscores between digits).
fn parse_int(s: &str) -> Option<isize> {
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, s[1..].trim_ascii_start()),
        b'+' => (false, s[1..].trim_ascii_start()),
        _ => (false, s),
    };
    if digits.is_empty() || digits.starts_with('_') {
        return None;
    }
    let mut v: i128 = 0;
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => v = v.checked_mul(10)?.checked_add(i128::from(b - b'0'))?,
            b'_' => {}
            _ => return None,
        }
    }
    isize::try_from(if neg { -v } else { v }).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_and_errors() {
        let full = IndexItem::FULL;
        assert_eq!(parse(":").unwrap(), vec![full]);
        assert_eq!(parse("::").unwrap(), vec![full]);
        assert_eq!(parse("1,").unwrap(), vec![IndexItem::Int(1)]);
        assert_eq!(parse("(1, 2)").unwrap(), vec![IndexItem::Int(1), IndexItem::Int(2)]);
        assert_eq!(parse("-3:None:2").unwrap(), vec![IndexItem::Slice { start: Some(-3), stop: None, step: Some(2) }]);
        assert_eq!(parse("1_000").unwrap(), vec![IndexItem::Int(1000)]);
        assert!(parse("1::2::3").is_err());
        assert!(parse("1,,2").is_err());
        assert!(parse("True").is_err());
        assert_eq!(
            parse("1.5:").unwrap_err().to_string(),
            "slice indices must be integers or None or have an __index__ method"
        );
        assert_eq!(parse("x").unwrap_err().to_string(), NOT_VALID);
    }

    #[test]
    fn macro_forms() {
        assert_eq!(s![..], vec![IndexItem::FULL]);
        assert_eq!(s![2..;3], parse("2::3").unwrap());
        assert_eq!(s![..-1], parse(":-1").unwrap());
        assert_eq!(s![1..4;-1, 0], parse("1:4:-1, 0").unwrap());
    }
}
