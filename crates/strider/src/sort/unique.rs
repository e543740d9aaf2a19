//! NumPy's `np.unique` over the flattened array: sorted distinct values and, on request, the
//! index of each value's first occurrence, the inverse map and the counts.

use super::order::{argsort_slice, np_cmp, sort_slice, SortElem};
use super::{array_from, num_of, SortKind};
use crate::array::NdArray;
use crate::dtype::DType;
use crate::Result;

/// Which of `np.unique`'s optional outputs to compute, and whether NaNs count as one value.
///
/// ```
/// let o = strider::sort::UniqueOptions { return_counts: true, ..Default::default() };
/// assert!(o.equal_nan && !o.return_index);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UniqueOptions {
    /// Also return the index (into the flattened input) of each value's first occurrence.
    pub return_index: bool,
    /// Also return, for every input element, the position of its value in `values`.
    pub return_inverse: bool,
    /// Also return how often each value occurs.
    pub return_counts: bool,
    /// NumPy's `equal_nan` (default true): all NaNs (for complex: all values holding a NaN)
    /// collapse into one.
    pub equal_nan: bool,
}

impl Default for UniqueOptions {
    fn default() -> UniqueOptions {
        UniqueOptions { return_index: false, return_inverse: false, return_counts: false, equal_nan: true }
    }
}

/// The outputs of [`NdArray::unique`]; the optional ones are present when asked for.
///
/// ```
/// use strider::{NdArray, Order};
/// use strider::sort::UniqueOptions;
/// let u = NdArray::from_vec(vec![2i8, 1, 2], &[3], Order::C)?.unique(UniqueOptions::default())?;
/// assert!(u.index.is_none() && u.inverse.is_none() && u.counts.is_none());
/// # Ok::<(), strider::Error>(())
/// ```
#[derive(Clone)]
pub struct Unique {
    /// The sorted distinct values, 1-d, in the input's dtype (byte order kept).
    pub values: NdArray,
    /// int64 indices of first occurrences, one per value.
    pub index: Option<NdArray>,
    /// int64 positions in `values`, in the input's shape (NumPy 2.x with `axis=None`).
    pub inverse: Option<NdArray>,
    /// int64 counts, one per value.
    pub counts: Option<NdArray>,
}

impl Unique {
    /// The outputs as NumPy's tuple lists them: values, then index, inverse, counts when present.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// use strider::sort::UniqueOptions;
    /// let a = NdArray::from_vec(vec![1u8, 1], &[2], Order::C)?;
    /// let u = a.unique(UniqueOptions { return_counts: true, ..Default::default() })?;
    /// assert_eq!(u.into_vec().len(), 2);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn into_vec(self) -> Vec<NdArray> {
        std::iter::once(self.values).chain(self.index).chain(self.inverse).chain(self.counts).collect()
    }
}

/// The distinct values alone, as NumPy 2.4 finds them (through a hash table, then sorted):
/// each value is represented by its first occurrence (so `[-0.0, 0.0]` gives `-0.0`, and with
/// `equal_nan` the first NaN stands for all). Complex values of non-native byte order are
/// compared by their bytes there (as measured: `0j` and `-0j` stay apart, and NaNs do not merge).
fn distinct_values<T: SortElem>(flat: &[T], equal_nan: bool, swapped: bool) -> Vec<T> {
    let n = flat.len();
    let bitwise = swapped && T::NUM.kind() == crate::dtype::Kind::Complex;
    let mut idx: Vec<i64> = (0..n as i64).collect();
    argsort_slice(flat, &mut idx, SortKind::Stable);
    let same = |x: &T, y: &T| {
        if bitwise {
            np_cmp(x, y) == std::cmp::Ordering::Equal
        } else {
            (equal_nan && x.has_nan() && y.has_nan()) || x == y
        }
    };
    let bytes = |x: &T| {
        let mut b = [0u8; 16];
        x.write_ne_slice(&mut b[..std::mem::size_of::<T>()]);
        b
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let first = flat[idx[i] as usize];
        let mut j = i + 1;
        while j < n && same(&first, &flat[idx[j] as usize]) {
            j += 1;
        }
        let mut group: Vec<i64> = idx[i..j].to_vec();
        group.sort_unstable();
        if bitwise {
            let mut seen: Vec<[u8; 16]> = Vec::new();
            for &g in &group {
                let b = bytes(&flat[g as usize]);
                if !seen.contains(&b) {
                    seen.push(b);
                    out.push(flat[g as usize]);
                }
            }
        } else {
            out.push(flat[group[0] as usize]);
        }
        i = j;
    }
    out
}

fn unique_of<T: SortElem>(a: &NdArray, opts: UniqueOptions) -> Result<Unique> {
    let flat: Vec<T> = a.to_vec()?;
    let n = flat.len();
    if !(opts.return_index || opts.return_inverse || opts.return_counts) {
        let values = distinct_values(&flat, opts.equal_nan, !a.dtype().is_native());
        let out = array_from(&values, &[values.len()], a.dtype())?;
        return Ok(Unique { values: out, index: None, inverse: None, counts: None });
    }
    // A stable order makes `index` the first occurrence (NumPy sorts with mergesort there).
    let (aux, perm) = if opts.return_index || opts.return_inverse {
        let mut idx: Vec<i64> = (0..n as i64).collect();
        argsort_slice(&flat, &mut idx, SortKind::Stable);
        (idx.iter().map(|&i| flat[i as usize]).collect::<Vec<T>>(), idx)
    } else {
        let mut v = flat;
        sort_slice(&mut v, SortKind::Quicksort);
        (v, vec![])
    };
    let mut mask = vec![false; n];
    // NaNs sort last; with equal_nan the first of them stands for all.
    let first_nan = (opts.equal_nan && n > 0 && aux[n - 1].has_nan()).then(|| aux.partition_point(|x| !x.has_nan()));
    let end = first_nan.unwrap_or(n);
    for i in 0..end {
        mask[i] = i == 0 || aux[i] != aux[i - 1];
    }
    if let Some(f) = first_nan {
        mask[f] = true;
    }
    let starts: Vec<usize> = (0..n).filter(|&i| mask[i]).collect();
    let values: Vec<T> = starts.iter().map(|&i| aux[i]).collect();
    let k = values.len();
    let out_values = array_from(&values, &[k], a.dtype())?;
    let index = if opts.return_index {
        let v: Vec<i64> = starts.iter().map(|&i| perm[i]).collect();
        Some(array_from(&v, &[k], &DType::INT64)?)
    } else {
        None
    };
    let inverse = if opts.return_inverse {
        let mut inv = vec![0i64; n];
        let mut pos = -1i64;
        for i in 0..n {
            pos += mask[i] as i64;
            inv[perm[i] as usize] = pos;
        }
        // NumPy returns a reshaped view of the flat inverse.
        let shape: Vec<isize> = a.shape().iter().map(|&d| d as isize).collect();
        Some(array_from(&inv, &[n], &DType::INT64)?.reshape(&shape)?)
    } else {
        None
    };
    let counts = if opts.return_counts {
        let v: Vec<i64> = (0..k).map(|j| starts.get(j + 1).copied().unwrap_or(n) as i64 - starts[j] as i64).collect();
        Some(array_from(&v, &[k], &DType::INT64)?)
    } else {
        None
    };
    Ok(Unique { values: out_values, index, inverse, counts })
}

impl NdArray {
    /// The sorted distinct values of the flattened array (NumPy's `np.unique(a, ...)` with
    /// `axis=None`), with the optional outputs `opts` asks for.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// use strider::sort::UniqueOptions;
    /// let a = NdArray::from_vec(vec![3.0f64, f64::NAN, 1.0, 3.0, f64::NAN], &[5], Order::C)?;
    /// let all = UniqueOptions { return_index: true, return_inverse: true, return_counts: true, equal_nan: true };
    /// let u = a.unique(all)?;
    /// assert_eq!(format!("{:?}", u.values), "array([ 1.,  3., nan])");
    /// assert_eq!(u.index.unwrap().to_vec::<i64>()?, vec![2, 0, 1]);
    /// assert_eq!(u.inverse.unwrap().to_vec::<i64>()?, vec![1, 2, 0, 1, 2]);
    /// assert_eq!(u.counts.unwrap().to_vec::<i64>()?, vec![1, 2, 2]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn unique(&self, opts: UniqueOptions) -> Result<Unique> {
        if self.dtype().num_type().is_none() {
            return super::flex::unique(self, opts);
        }
        let t = num_of(self)?;
        crate::dispatch_num!(t, T => unique_of::<T>(self, opts))
    }
}
