//! Advanced (fancy) index entries and NumPy's index syntax with arrays in it: literal lists
//! (`"[0, 2, -1], 1:"`, `"[[0, 1], [1, 0]]"`, `"[True, False, True]"`), Python booleans, and
//! placeholders (`"{0}, ::2"`) naming argument arrays.
//!
//! Owns the description only; applying an index is `array::fancy`.

use super::{parse_item, IndexItem};
use crate::{DType, Error, NdArray, Order, Result};

/// One entry of a general (basic or advanced) index.
///
/// An integer or boolean array is an advanced index; everything else is a basic entry. A 0-d
/// boolean array is NumPy's `True`/`False` index (a new axis of length 1 or 0).
///
/// ```
/// use strider::index::{FancyIndex, IndexItem};
/// use strider::{NdArray, Order};
/// let idx = NdArray::from_vec(vec![2i64, 0], &[2], Order::C).unwrap();
/// let x = NdArray::from_vec((0..6i64).collect(), &[3, 2], Order::C).unwrap();
/// let r = x.get_index(&[FancyIndex::from(&idx), IndexItem::Int(1).into()]).unwrap();
/// assert_eq!(r.to_vec::<i64>().unwrap(), vec![5, 1]);
/// ```
#[derive(Clone, Debug)]
pub enum FancyIndex {
    /// A basic entry: integer, slice, newaxis or ellipsis.
    Basic(IndexItem),
    /// An integer array (any integer dtype) or a boolean mask.
    Array(NdArray),
}

impl From<IndexItem> for FancyIndex {
    fn from(i: IndexItem) -> FancyIndex {
        FancyIndex::Basic(i)
    }
}
impl From<NdArray> for FancyIndex {
    fn from(a: NdArray) -> FancyIndex {
        FancyIndex::Array(a)
    }
}
impl From<&NdArray> for FancyIndex {
    fn from(a: &NdArray) -> FancyIndex {
        FancyIndex::Array(a.clone())
    }
}
impl From<bool> for FancyIndex {
    fn from(b: bool) -> FancyIndex {
        FancyIndex::Array(bool_scalar(b))
    }
}

fn bool_scalar(b: bool) -> NdArray {
    match NdArray::from_vec(vec![b], &[], Order::C) {
        Ok(a) => a,
        Err(e) => unreachable!("a 0-d bool array always builds: {e}"),
    }
}

/// Parses NumPy's index syntax including advanced entries: everything [`parse`](super::parse)
/// accepts, plus literal (nested) lists of integers or booleans, `True`/`False`, and
/// placeholders `{k}` (or `{}` for the next one) naming `args[k]`.
///
/// A list is never a tuple, as in NumPy: `"[0, 2]"` is one integer-array entry, `"0, 2"` two
/// integers.
///
/// ```
/// use strider::index::{parse_fancy, FancyIndex, IndexItem};
/// use strider::{NdArray, Order};
/// let m = NdArray::from_vec(vec![true, false], &[2], Order::C).unwrap();
/// let items = parse_fancy("[[0, 1], [1, 0]], ::2, {0}", &[&m]).unwrap();
/// assert_eq!(items.len(), 3);
/// match &items[0] {
///     FancyIndex::Array(a) => assert_eq!(a.shape(), &[2, 2]),
///     _ => unreachable!(),
/// }
/// assert!(matches!(items[1], FancyIndex::Basic(IndexItem::Slice { .. })));
/// assert!(parse_fancy("{3}", &[]).is_err());
/// ```
pub fn parse_fancy(text: &str, args: &[&NdArray]) -> Result<Vec<FancyIndex>> {
    let t = text.trim();
    if t.is_empty() || t == "()" {
        return Ok(Vec::new());
    }
    let inner = strip_outer_parens(t);
    let mut parts = split_top(inner)?;
    if parts.len() > 1 && parts.last().is_some_and(|p| p.trim().is_empty()) {
        parts.pop();
    }
    let mut next_arg = 0usize;
    let mut items = Vec::with_capacity(parts.len());
    let mut ellipses = 0;
    for part in parts {
        let p = part.trim();
        let item = if p.starts_with('[') {
            FancyIndex::Array(parse_list(p)?)
        } else if let Some(body) = p.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let k = if body.trim().is_empty() {
                next_arg += 1;
                next_arg - 1
            } else {
                body.trim().parse::<usize>().map_err(|_| Error::BadIndex(format!("bad placeholder {p:?}")))?
            };
            let a = args.get(k).ok_or_else(|| {
                Error::BadIndex(format!("placeholder {p:?} names argument {k}, but {} were given", args.len()))
            })?;
            FancyIndex::Array((*a).clone())
        } else {
            match p {
                "True" | "np.True_" => FancyIndex::Array(bool_scalar(true)),
                "False" | "np.False_" => FancyIndex::Array(bool_scalar(false)),
                _ => FancyIndex::Basic(parse_item(p, text)?),
            }
        };
        if matches!(item, FancyIndex::Basic(IndexItem::Ellipsis)) {
            ellipses += 1;
            if ellipses > 1 {
                return Err(Error::BadIndex("an index can only have a single ellipsis ('...')".into()));
            }
        }
        items.push(item);
    }
    Ok(items)
}

/// `(a, b)` -> `a, b` when the parentheses enclose the whole text.
fn strip_outer_parens(t: &str) -> &str {
    let Some(body) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) else {
        return t;
    };
    let mut depth = 0i32;
    for c in body.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => {
                depth -= 1;
                if depth < 0 {
                    return t;
                }
            }
            _ => {}
        }
    }
    if depth == 0 {
        body
    } else {
        t
    }
}

/// Splits at commas outside brackets.
fn split_top(t: &str) -> Result<Vec<&str>> {
    let (mut depth, mut start, mut out) = (0i32, 0usize, Vec::new());
    for (i, c) in t.char_indices() {
        match c {
            '[' | '(' | '{' => depth += 1,
            ']' | ')' | '}' => {
                depth -= 1;
                if depth < 0 {
                    return Err(Error::BadIndex(format!("unbalanced brackets in index {t:?}")));
                }
            }
            ',' if depth == 0 => {
                out.push(&t[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err(Error::BadIndex(format!("unbalanced brackets in index {t:?}")));
    }
    out.push(&t[start..]);
    Ok(out)
}

/// A nested list literal.
enum Lit {
    Int(i64),
    Bool(bool),
    List(Vec<Lit>),
}

fn parse_list(text: &str) -> Result<NdArray> {
    let mut p = ListParser { s: text.as_bytes(), pos: 0, text };
    let lit = p.value()?;
    p.skip_ws();
    if p.pos != p.s.len() {
        return Err(Error::BadIndex(format!("unexpected text after the list in {text:?}")));
    }
    list_to_array(&lit)
}

struct ListParser<'a> {
    s: &'a [u8],
    pos: usize,
    text: &'a str,
}

impl ListParser<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Lit> {
        self.skip_ws();
        if self.s.get(self.pos) == Some(&b'[') {
            self.pos += 1;
            let mut items = Vec::new();
            loop {
                self.skip_ws();
                if self.s.get(self.pos) == Some(&b']') {
                    self.pos += 1;
                    return Ok(Lit::List(items));
                }
                items.push(self.value()?);
                self.skip_ws();
                match self.s.get(self.pos) {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {}
                    _ => return Err(Error::BadIndex(format!("malformed list in index {:?}", self.text))),
                }
            }
        }
        let start = self.pos;
        while self.pos < self.s.len() && !matches!(self.s[self.pos], b',' | b']' | b'[') {
            self.pos += 1;
        }
        let word = std::str::from_utf8(&self.s[start..self.pos]).unwrap_or("").trim();
        match word {
            "True" | "np.True_" => Ok(Lit::Bool(true)),
            "False" | "np.False_" => Ok(Lit::Bool(false)),
            _ => match super::parse_int(word) {
                Some(v) => Ok(Lit::Int(v as i64)),
                // A float (or anything else) in an index list: NumPy's asarray gives a
                // non-integer array.
                None if word.parse::<f64>().is_ok() => {
                    Err(Error::BadIndex("arrays used as indices must be of integer (or boolean) type".into()))
                }
                None => Err(Error::BadIndex(super::NOT_VALID.into())),
            },
        }
    }
}

fn list_to_array(lit: &Lit) -> Result<NdArray> {
    // Shape from the first elements; every sublist must agree.
    let mut shape = Vec::new();
    let mut cur = lit;
    while let Lit::List(v) = cur {
        shape.push(v.len());
        match v.first() {
            Some(x) => cur = x,
            None => break,
        }
    }
    let mut ints = Vec::new();
    let mut all_bool = true;
    let mut any = false;
    flatten(lit, 0, &shape, &mut ints, &mut all_bool, &mut any)?;
    if any && all_bool {
        let b: Vec<bool> = ints.iter().map(|&v| v != 0).collect();
        NdArray::from_vec(b, &shape, Order::C)
    } else {
        // NumPy makes an empty list an intp array.
        let a = NdArray::from_vec(ints, &shape, Order::C)?;
        debug_assert_eq!(a.dtype(), &DType::INT64);
        Ok(a)
    }
}

fn flatten(
    lit: &Lit,
    depth: usize,
    shape: &[usize],
    out: &mut Vec<i64>,
    all_bool: &mut bool,
    any: &mut bool,
) -> Result<()> {
    let ragged = || {
        Error::Value(format!(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {} + inhomogeneous part.",
            crate::layout::shape_str(&shape[..depth])
        ))
    };
    match lit {
        Lit::List(v) => {
            if depth >= shape.len() || v.len() != shape[depth] {
                return Err(ragged());
            }
            for x in v {
                flatten(x, depth + 1, shape, out, all_bool, any)?;
            }
        }
        Lit::Int(_) | Lit::Bool(_) if depth != shape.len() => return Err(ragged()),
        Lit::Int(i) => {
            *any = true;
            *all_bool = false;
            out.push(*i);
        }
        Lit::Bool(b) => {
            *any = true;
            out.push(*b as i64);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arr(items: &[FancyIndex], k: usize) -> NdArray {
        match &items[k] {
            FancyIndex::Array(a) => a.clone(),
            other => panic!("not an array: {other:?}"),
        }
    }

    #[test]
    fn lists_and_tuples() {
        let it = parse_fancy("[0, 2, -1], 1:", &[]).unwrap();
        assert_eq!(arr(&it, 0).to_vec::<i64>().unwrap(), vec![0, 2, -1]);
        assert_eq!(it.len(), 2);
        let it = parse_fancy("[True, False, True]", &[]).unwrap();
        assert_eq!(arr(&it, 0).to_vec::<bool>().unwrap(), vec![true, false, true]);
        let it = parse_fancy("[]", &[]).unwrap();
        assert_eq!((arr(&it, 0).shape(), arr(&it, 0).dtype()), (&[0][..], &DType::INT64));
        let it = parse_fancy("[[]]", &[]).unwrap();
        assert_eq!(arr(&it, 0).shape(), &[1, 0]);
        let it = parse_fancy("([0, 1], [[1], [0]])", &[]).unwrap();
        assert_eq!(arr(&it, 1).shape(), &[2, 1]);
        let it = parse_fancy("[True, 2]", &[]).unwrap();
        assert_eq!(arr(&it, 0).to_vec::<i64>().unwrap(), vec![1, 2]);
        let it = parse_fancy("True, ..., False", &[]).unwrap();
        assert_eq!(arr(&it, 2).ndim(), 0);
    }

    #[test]
    fn placeholders_and_errors() {
        let a = NdArray::from_vec(vec![1i32], &[1], Order::C).unwrap();
        let b = NdArray::from_vec(vec![2i32], &[1], Order::C).unwrap();
        let it = parse_fancy("{}, {}, {0}", &[&a, &b]).unwrap();
        assert_eq!(arr(&it, 1).to_vec::<i32>().unwrap(), vec![2]);
        assert_eq!(arr(&it, 2).to_vec::<i32>().unwrap(), vec![1]);
        assert!(parse_fancy("{2}", &[&a]).is_err());
        assert!(parse_fancy("[1, [2]]", &[]).is_err());
        assert!(parse_fancy("[[1], 2]", &[]).is_err());
        assert!(parse_fancy("[0, 1", &[]).is_err());
        assert_eq!(
            parse_fancy("[1.5]", &[]).unwrap_err().to_string(),
            "arrays used as indices must be of integer (or boolean) type"
        );
        assert!(parse_fancy("..., ...", &[]).is_err());
    }
}
