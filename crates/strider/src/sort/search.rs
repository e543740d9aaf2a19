//! NumPy's `searchsorted`: insertion points of needles in a sorted 1-d array, optionally
//! through a sorter permutation.

use super::order::SortElem;
use super::{array_from, num_of};
use crate::array::NdArray;
use crate::dtype::{DType, NumType};
use crate::{Casting, Error, Result};
use std::str::FromStr;

/// Which insertion point `searchsorted` returns among equal values.
///
/// ```
/// use strider::sort::Side;
/// assert_eq!("right".parse::<Side>().unwrap(), Side::Right);
/// assert!("middle".parse::<Side>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Side {
    /// The first position where the needle fits (`a[i-1] < v <= a[i]`).
    #[default]
    Left,
    /// The last position where the needle fits (`a[i-1] <= v < a[i]`).
    Right,
}

impl FromStr for Side {
    type Err = Error;

    fn from_str(s: &str) -> Result<Side> {
        match s {
            "left" => Ok(Side::Left),
            "right" => Ok(Side::Right),
            _ => Err(Error::Value(format!("search side must be 'left' or 'right' (got '{s}')"))),
        }
    }
}

/// Bisects for every key in turn. Like NumPy, the bounds of one search start from the previous
/// key's result when the keys increase, so the probes (and so the answer for an unsorted array,
/// and which sorter entries are read) are NumPy's. `at(i)` reads the i-th element in sorted
/// order and fails on a bad sorter entry.
fn bisect<T: SortElem>(n: usize, keys: &[T], side: Side, mut at: impl FnMut(usize) -> Result<T>) -> Result<Vec<i64>> {
    let before = |x: &T, key: &T| match side {
        Side::Left => x.np_lt(key),
        Side::Right => !key.np_lt(x),
    };
    let mut out = Vec::with_capacity(keys.len());
    let (mut lo, mut hi) = (0usize, n);
    let Some(mut last) = keys.first().copied() else { return Ok(out) };
    for &key in keys {
        if before(&last, &key) {
            hi = n;
        } else {
            lo = 0;
            hi = if hi < n { hi + 1 } else { n };
        }
        last = key;
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if before(&at(mid)?, &key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        out.push(lo as i64);
    }
    Ok(out)
}

fn search_of<T: SortElem>(a: &NdArray, v: &NdArray, side: Side, sorter: Option<&[i64]>) -> Result<Vec<i64>> {
    let hay: Vec<T> = a.to_vec()?;
    let keys: Vec<T> = v.to_vec()?;
    match sorter {
        None => bisect(hay.len(), &keys, side, |i| Ok(hay[i])),
        Some(s) => bisect(hay.len(), &keys, side, |i| {
            let j = s[i];
            if j < 0 || j as usize >= hay.len() {
                return Err(Error::Value("Sorter index out of range.".into()));
            }
            Ok(hay[j as usize])
        }),
    }
}

/// The sorter as int64 values, with NumPy's checks in NumPy's order.
fn sorter_values(sorter: &NdArray, n: usize) -> Result<Vec<i64>> {
    let t = num_of(sorter)?;
    if !t.is_integer() {
        return Err(Error::Type("sorter must only contain integers".into()));
    }
    // uint64 cannot be cast safely to the index type.
    if t == NumType::UInt64 {
        return Err(Error::Value("could not parse sorter argument".into()));
    }
    if sorter.ndim() != 1 {
        return Err(Error::Type("could not parse sorter argument".into()));
    }
    if sorter.size() != n {
        return Err(Error::Value("sorter.size must equal a.size".into()));
    }
    sorter.astype(&DType::INT64, Casting::Safe)?.to_vec()
}

impl NdArray {
    /// Where each needle of `v` would be inserted into this sorted 1-d array to keep it sorted
    /// (NumPy's `a.searchsorted(v, side, sorter)`): an int64 array of `v`'s shape (C order).
    /// Both arrays are compared in their promoted dtype, in NumPy's sort order (NaNs last).
    /// `sorter` holds the indices that sort `self` (as from [`NdArray::argsort`]).
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// use strider::sort::Side;
    /// let a = NdArray::from_vec(vec![1i32, 2, 2, 3], &[4], Order::C)?;
    /// let v = NdArray::from_vec(vec![2.0f64, 2.5, f64::NAN], &[3], Order::C)?;
    /// assert_eq!(a.searchsorted(&v, Side::Left, None)?.to_vec::<i64>()?, vec![1, 3, 4]);
    /// assert_eq!(a.searchsorted(&v, Side::Right, None)?.to_vec::<i64>()?, vec![3, 3, 4]);
    /// let u = NdArray::from_vec(vec![3i8, 1, 2], &[3], Order::C)?;
    /// let s = NdArray::from_vec(vec![1i64, 2, 0], &[3], Order::C)?;
    /// assert_eq!(u.searchsorted(&v, Side::Left, Some(&s))?.to_vec::<i64>()?, vec![1, 2, 3]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn searchsorted(&self, v: &NdArray, side: Side, sorter: Option<&NdArray>) -> Result<NdArray> {
        match self.ndim() {
            0 => return Err(Error::Value("object of too small depth for desired array".into())),
            1 => {}
            _ => return Err(Error::Value("object too deep for desired array".into())),
        }
        let common = crate::linalg::result_type(self.dtype(), v.dtype())?;
        let t = common.num_type().ok_or_else(|| Error::Type(format!("cannot search dtype {common}")))?;
        let sorter = sorter.map(|s| sorter_values(s, self.size())).transpose()?;
        let a = self.astype(&common, Casting::Unsafe)?;
        let keys = v.astype(&common, Casting::Unsafe)?;
        let idx = crate::dispatch_num!(t, T => search_of::<T>(&a, &keys, side, sorter.as_deref()))?;
        array_from(&idx, v.shape(), &DType::INT64)
    }
}
