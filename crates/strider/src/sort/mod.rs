//! Sorting and searching: `sort`, `sort_inplace`, `argsort`, `unique` and `searchsorted`.
//!
//! OWNER: sort/linalg helper. Owns NumPy's sort order (NaNs last, complex numbers
//! lexicographically with NumPy's NaN classes), the sort kinds, and the lane-by-lane kernels
//! that read and write elements through the storage locks. It builds no views of its own beyond
//! what `array` offers and never changes another module's layout rules.
//!
//! Every operation dispatches on the dtype once, then runs a generic kernel over 1-d lanes
//! planned by [`crate::iter::Plan`]; any layout works (C, F, negative and zero strides, either
//! byte order, unaligned).
//!
//! ```
//! use strider::{NdArray, Order};
//! use strider::sort::SortKind;
//! let a = NdArray::from_vec(vec![3.0f64, f64::NAN, -1.0, 2.0], &[2, 2], Order::C)?;
//! let s = a.sort(Some(-1), SortKind::Quicksort)?;
//! assert_eq!(format!("{s:?}"), "array([[ 3., nan],\n       [-1.,  2.]])");
//! assert_eq!(a.argsort(None, SortKind::Stable)?.to_vec::<i64>()?, vec![2, 3, 0, 1]);
//! # Ok::<(), strider::Error>(())
//! ```

mod flex;
mod order;
mod search;
mod unique;

pub(crate) use order::{gather, read, scatter, write};
pub use search::Side;
pub use unique::{Unique, UniqueOptions};

use crate::array::NdArray;
use crate::dtype::{DType, NumType};
use crate::iter::Plan;
use crate::layout::{self, Order};
use crate::storage::Storage;
use crate::{Error, Result};
use order::{argsort_slice, sort_slice, SortElem};
use std::str::FromStr;

/// The sorting algorithm (NumPy's `kind=`). Sorted values are the same for every kind; argsort
/// results differ between kinds only in the order of equal values, which the stable kinds fix
/// (equal values keep their original order).
///
/// ```
/// use strider::sort::SortKind;
/// assert_eq!("stable".parse::<SortKind>().unwrap(), SortKind::Stable);
/// assert_eq!("Q".parse::<SortKind>().unwrap(), SortKind::Quicksort);
/// assert_eq!("foo".parse::<SortKind>().unwrap_err().to_string(),
///     "sort kind must be one of 'quick', 'heap', or 'stable' (got 'foo')");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SortKind {
    /// NumPy's default: an unstable quicksort (here pattern-defeating quicksort).
    #[default]
    Quicksort,
    /// A stable sort.
    Stable,
    /// A stable sort (NumPy keeps the name for compatibility; it means `Stable`).
    Mergesort,
    /// An unstable heapsort.
    Heapsort,
}

impl FromStr for SortKind {
    type Err = Error;

    /// NumPy reads only the first letter, in either case: `q`, `h`, `m`, `s`.
    fn from_str(s: &str) -> Result<SortKind> {
        match s.chars().next().map(|c| c.to_ascii_lowercase()) {
            Some('q') => Ok(SortKind::Quicksort),
            Some('h') => Ok(SortKind::Heapsort),
            Some('m') => Ok(SortKind::Mergesort),
            Some('s') => Ok(SortKind::Stable),
            _ => Err(Error::Value(format!("sort kind must be one of 'quick', 'heap', or 'stable' (got '{s}')"))),
        }
    }
}

/// The numeric type of an array, or a `TypeError` for dtypes that have no order.
pub(crate) fn num_of(a: &NdArray) -> Result<NumType> {
    a.dtype().num_type().ok_or_else(|| Error::Type(format!("dtype {} cannot be sorted", a.dtype())))
}

/// A plan over every lane along `axis` (the axis itself collapsed to length 1) for operands
/// given as `(offset, strides)` of one shape.
fn lane_plan(shape: &[usize], axis: usize, operands: &[(usize, &[isize])]) -> Result<Plan> {
    let mut oshape = shape.to_vec();
    oshape[axis] = 1;
    let strides: Vec<Vec<isize>> = operands
        .iter()
        .map(|(_, s)| {
            let mut s = s.to_vec();
            s[axis] = 0;
            s
        })
        .collect();
    let ops: Vec<(usize, &[isize])> = operands.iter().zip(&strides).map(|((o, _), s)| (*o, s.as_slice())).collect();
    Plan::new(&oshape, &ops)
}

/// Calls `f(start_0, start_1, ...)` with each lane's first byte offset per operand.
fn for_each_lane(plan: &Plan, mut f: impl FnMut(&[isize])) {
    let mut starts = vec![0isize; plan.nop()];
    plan.for_each_run(|len, offs, strides| {
        for r in 0..len as isize {
            for (k, s) in starts.iter_mut().enumerate() {
                *s = offs[k] as isize + r * strides[k];
            }
            f(&starts);
        }
    });
}

fn sort_lanes<T: SortElem>(b: &mut [u8], plan: &Plan, n: usize, step: isize, swap: bool, kind: SortKind) {
    let mut buf: Vec<T> = Vec::with_capacity(n);
    for_each_lane(plan, |s| {
        gather(b, s[0], step, n, swap, &mut buf);
        sort_slice(&mut buf, kind);
        scatter(&buf, b, s[0], step, swap);
    });
}

#[allow(clippy::too_many_arguments)] // one lane kernel: source and destination layouts
fn argsort_lanes<T: SortElem>(
    src: &[u8],
    dst: &mut [u8],
    plan: &Plan,
    n: usize,
    sstep: isize,
    dstep: isize,
    swap: bool,
    kind: SortKind,
) {
    let mut buf: Vec<T> = Vec::with_capacity(n);
    let mut idx: Vec<i64> = Vec::with_capacity(n);
    for_each_lane(plan, |s| {
        gather(src, s[1], sstep, n, swap, &mut buf);
        idx.clear();
        idx.extend(0..n as i64);
        argsort_slice(&buf, &mut idx, kind);
        scatter(&idx, dst, s[0], dstep, false);
    });
}

/// A new C-ordered array of `dtype` holding `values` (native Rust values, written in the
/// dtype's byte order).
pub(crate) fn array_from<T: crate::Element>(values: &[T], shape: &[usize], dtype: &DType) -> Result<NdArray> {
    let out = NdArray::alloc(dtype.clone(), shape, Order::C)?;
    let (off, n, swap) = (out.offset(), dtype.itemsize(), !dtype.is_native());
    out.storage().with_write(|b| {
        for (k, &v) in values.iter().enumerate() {
            write(v, b, off + k * n, swap);
        }
    })?;
    Ok(out)
}

impl NdArray {
    /// Sorts in place along `axis` (NumPy's `ndarray.sort(axis, kind)`); the array keeps its
    /// layout. Fails with `ValueError: sort array is read-only` on a read-only array.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// use strider::sort::SortKind;
    /// let a = NdArray::from_vec(vec![3i32, 1, 2, 9, 8, 7], &[2, 3], Order::C)?;
    /// a.sort_inplace(0, SortKind::Stable)?;
    /// assert_eq!(a.to_vec::<i32>()?, vec![3, 1, 2, 9, 8, 7]);
    /// a.sort_inplace(-1, SortKind::Heapsort)?;
    /// assert_eq!(a.to_vec::<i32>()?, vec![1, 2, 3, 7, 8, 9]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn sort_inplace(&self, axis: isize, kind: SortKind) -> Result<()> {
        let ax = layout::normalize_axis(axis, self.ndim())?;
        if !self.flags().writeable {
            return Err(Error::Value("sort array is read-only".into()));
        }
        let (n, step) = (self.shape()[ax], self.strides()[ax]);
        if self.dtype().num_type().is_none() {
            return if self.size() == 0 || n <= 1 { Ok(()) } else { flex::sort_inplace(self, ax) };
        }
        let t = num_of(self)?;
        if self.size() == 0 || n <= 1 {
            return Ok(());
        }
        let plan = lane_plan(self.shape(), ax, &[(self.offset(), self.strides())])?;
        let swap = !self.dtype().is_native();
        self.storage().with_write(|b| crate::dispatch_num!(t, T => sort_lanes::<T>(b, &plan, n, step, swap, kind)))
    }

    /// A sorted copy (NumPy's `np.sort(a, axis, kind)`): `axis = None` sorts the flattened
    /// array; otherwise the copy keeps `self`'s memory order (a copy in order K) and each lane
    /// along `axis` is sorted. NaNs sort to the end.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// use strider::sort::SortKind;
    /// let a = NdArray::from_vec(vec![2.0f32, f32::NAN, -0.5, 1.0], &[2, 2], Order::F)?;
    /// let s = a.sort(Some(0), SortKind::Quicksort)?;
    /// assert_eq!(s.strides(), &[4, 8]); // F order kept
    /// assert_eq!(a.sort(None, SortKind::Stable)?.to_vec::<f32>()?[..3], [-0.5, 1.0, 2.0]);
    /// assert_eq!(NdArray::from_vec(vec![1u8], &[], Order::C)?.sort(Some(-1), SortKind::Quicksort)
    ///     .unwrap_err().to_string(), "axis -1 is out of bounds for array of dimension 0");
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn sort(&self, axis: Option<isize>, kind: SortKind) -> Result<NdArray> {
        let out = match axis {
            None => self.flatten(Order::C)?,
            Some(ax) => {
                layout::normalize_axis(ax, self.ndim())?;
                self.copy(Order::K)?
            }
        };
        out.sort_inplace(axis.unwrap_or(0), kind)?;
        Ok(out)
    }

    /// The indices that sort each lane along `axis` (NumPy's `np.argsort(a, axis, kind)`), as a
    /// new C-ordered int64 array of `self`'s shape; `axis = None` sorts the flattened array and
    /// a 0-d array counts as 1-d. Only the stable kinds fix the order of equal values.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// use strider::sort::SortKind;
    /// let a = NdArray::from_vec(vec![3u16, 1, 2, 1], &[2, 2], Order::C)?;
    /// assert_eq!(a.argsort(Some(0), SortKind::Stable)?.to_vec::<i64>()?, vec![1, 0, 0, 1]);
    /// assert_eq!(a.argsort(None, SortKind::Stable)?.to_vec::<i64>()?, vec![1, 3, 2, 0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn argsort(&self, axis: Option<isize>, kind: SortKind) -> Result<NdArray> {
        let (src, axis) = match axis {
            None => (self.flatten(Order::C)?, 0),
            Some(ax) if self.ndim() == 0 => (self.reshape(&[1])?, ax),
            Some(ax) => (self.clone(), ax),
        };
        let ax = layout::normalize_axis(axis, src.ndim())?;
        let out = NdArray::alloc(DType::INT64, src.shape(), Order::C)?;
        if src.size() == 0 {
            return Ok(out);
        }
        if src.dtype().num_type().is_none() {
            flex::argsort(&src, ax, &out)?;
            return Ok(out);
        }
        let t = num_of(&src)?;
        let n = src.shape()[ax];
        let plan = lane_plan(src.shape(), ax, &[(out.offset(), out.strides()), (src.offset(), src.strides())])?;
        let (sstep, dstep, swap) = (src.strides()[ax], out.strides()[ax], !src.dtype().is_native());
        Storage::with_sources_and_dest(&[src.storage()], out.storage(), |srcs, dst| {
            let s = srcs[0].unwrap_or(&[]);
            crate::dispatch_num!(t, T => argsort_lanes::<T>(s, dst, &plan, n, sstep, dstep, swap, kind))
        })?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_inplace_through_a_reversed_big_endian_view() {
        let be: DType = ">i4".parse().unwrap();
        let a = NdArray::from_vec(vec![5i32, 3, 9, 1, 7, 2], &[6], Order::C)
            .unwrap()
            .astype(&be, crate::Casting::Unsafe)
            .unwrap();
        let v = a.index("::-2").unwrap(); // elements 2, 1, 3 at positions 5, 3, 1
        v.sort_inplace(-1, SortKind::Quicksort).unwrap();
        let got: Vec<i32> = a.astype(&DType::INT32, crate::Casting::Unsafe).unwrap().to_vec().unwrap();
        assert_eq!(got, vec![5, 3, 9, 2, 7, 1]);
    }

    #[test]
    fn read_only_is_refused() {
        let mut a = NdArray::from_vec(vec![2u8, 1], &[2], Order::C).unwrap();
        a.set_writeable(false).unwrap();
        assert_eq!(a.sort_inplace(0, SortKind::Stable).unwrap_err().to_string(), "sort array is read-only");
        assert!(a.sort(Some(0), SortKind::Stable).is_ok());
    }

    #[test]
    fn argsort_of_a_broadcast_input() {
        let a = NdArray::from_vec(vec![2.0f64, 0.0, 1.0], &[3], Order::C).unwrap().broadcast_to(&[2, 3]).unwrap();
        let i = a.argsort(Some(1), SortKind::Stable).unwrap();
        assert_eq!(i.to_vec::<i64>().unwrap(), vec![1, 2, 0, 1, 2, 0]);
        assert_eq!(i.strides(), &[24, 8]);
        let j = a.argsort(Some(0), SortKind::Stable).unwrap();
        assert_eq!(j.to_vec::<i64>().unwrap(), vec![0, 0, 0, 1, 1, 1]);
    }
}
