//! Memory sharing between arrays: `shares_memory` (exact), `may_share_memory` (bounds) and
//! internal overlap (an array reaching one byte from two indices).
//!
//! Owns: NumPy's `max_work` conventions and the mapping of solver answers to results and errors.
//! The solver itself is pure integer math in [`crate::layout::overlap`]; arrays over different
//! storages never share memory, and arrays over one storage are compared by their byte offsets.

use super::NdArray;
use crate::layout::overlap::{self, Overlap, Span};
use crate::{Error, Result};

/// NumPy's `max_work` for an exact answer (`NPY_MAY_SHARE_EXACT`).
const EXACT: i64 = -1;
/// NumPy's `max_work` for a bounds-only answer (`NPY_MAY_SHARE_BOUNDS`).
const BOUNDS: i64 = 0;

impl NdArray {
    /// Whether this array and `other` share at least one byte (NumPy's `np.shares_memory`).
    ///
    /// `max_work` bounds the search: `None` means exact (`-1`, as do `-1` and `-2`), `Some(0)`
    /// compares byte ranges only, `Some(n)` allows `n` search steps. When the budget runs out the
    /// answer is [`Error::TooHard`] ("Exceeded max_work"); a problem too large for 64-bit integers
    /// is [`Error::Overflow`]; `max_work < -2` is NumPy's `ValueError` "Invalid value for
    /// max_work".
    ///
    /// ```
    /// use strider::{DType, NdArray, Storage, Error};
    /// // x = arange(20): x[::2] and x[1::2] interleave but share no byte.
    /// let s = Storage::zeroed(160).unwrap();
    /// let even = NdArray::from_raw_parts(s.clone(), DType::INT64, &[10], &[16], 0).unwrap();
    /// let odd = NdArray::from_raw_parts(s.clone(), DType::INT64, &[10], &[16], 8).unwrap();
    /// assert!(!even.shares_memory(&odd, None).unwrap());
    /// assert!(even.shares_memory(&even, None).unwrap());
    /// assert_eq!(even.shares_memory(&even, Some(0)), Err(Error::TooHard));
    /// assert!(even.shares_memory(&odd, Some(-3)).is_err());
    /// ```
    pub fn shares_memory(&self, other: &NdArray, max_work: Option<i64>) -> Result<bool> {
        match self.overlap_with(other, max_work.unwrap_or(EXACT))? {
            Overlap::No => Ok(false),
            Overlap::Yes => Ok(true),
            Overlap::TooHard => Err(Error::TooHard),
            Overlap::Overflow => Err(Error::Overflow("overlap".into())),
        }
    }

    /// Whether this array and `other` might share memory (NumPy's `np.may_share_memory`).
    ///
    /// `None` (the default, `0`) compares only the byte ranges the two arrays span; a non-zero
    /// `max_work` runs the exact search with that budget (`-1`: unlimited). An answer the search
    /// could not reach ("too hard", overflow) is `true`. `max_work < -2` is an error, as in NumPy.
    ///
    /// ```
    /// use strider::{DType, NdArray, Storage};
    /// let s = Storage::zeroed(160).unwrap();
    /// let even = NdArray::from_raw_parts(s.clone(), DType::INT64, &[10], &[16], 0).unwrap();
    /// let odd = NdArray::from_raw_parts(s.clone(), DType::INT64, &[10], &[16], 8).unwrap();
    /// assert!(even.may_share_memory(&odd, None).unwrap()); // the byte ranges intersect
    /// assert!(!even.may_share_memory(&odd, Some(-1)).unwrap()); // exact
    /// let other = NdArray::from_raw_parts(Storage::zeroed(160).unwrap(), DType::INT64, &[20], &[8], 0).unwrap();
    /// assert!(!even.may_share_memory(&other, None).unwrap()); // another storage
    /// ```
    pub fn may_share_memory(&self, other: &NdArray, max_work: Option<i64>) -> Result<bool> {
        Ok(self.overlap_with(other, max_work.unwrap_or(BOUNDS))? != Overlap::No)
    }

    /// Whether two distinct indices of this array reach a common byte (the array overlaps
    /// itself, as `as_strided` windows or broadcast axes do). `max_work` as in
    /// [`NdArray::shares_memory`], with the same errors; `None` is exact.
    ///
    /// ```
    /// use strider::{DType, NdArray, Storage};
    /// let s = Storage::zeroed(64).unwrap();
    /// let rows = NdArray::from_raw_parts(s.clone(), DType::INT32, &[3, 4], &[16, 4], 0).unwrap();
    /// assert!(!rows.has_internal_overlap(None).unwrap());
    /// let windows = NdArray::from_raw_parts(s.clone(), DType::INT32, &[3, 4], &[8, 4], 0).unwrap();
    /// assert!(windows.has_internal_overlap(None).unwrap());
    /// let broadcast = NdArray::from_raw_parts(s, DType::INT32, &[5, 4], &[0, 4], 0).unwrap();
    /// assert!(broadcast.has_internal_overlap(None).unwrap());
    /// ```
    pub fn has_internal_overlap(&self, max_work: Option<i64>) -> Result<bool> {
        let max_work = check_max_work(max_work.unwrap_or(EXACT))?;
        match overlap::solve_internal_overlap(&self.span(), max_work) {
            Overlap::No => Ok(false),
            Overlap::Yes => Ok(true),
            Overlap::TooHard => Err(Error::TooHard),
            Overlap::Overflow => Err(Error::Overflow("overlap".into())),
        }
    }

    /// The conservative internal-overlap test element-wise operations use before writing to an
    /// output: a one-step search, and "yes" whenever that is not enough to prove "no" (NumPy's
    /// ufunc machinery asks the same question with the same budget).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[3, 4], DType::FLOAT64, Order::C).unwrap();
    /// assert!(!a.may_have_internal_overlap());
    /// ```
    pub fn may_have_internal_overlap(&self) -> bool {
        overlap::solve_internal_overlap(&self.span(), 1) != Overlap::No
    }

    /// Runs the solver on two arrays; different storages never overlap.
    fn overlap_with(&self, other: &NdArray, max_work: i64) -> Result<Overlap> {
        let max_work = check_max_work(max_work)?;
        if !self.same_storage(other) {
            return Ok(Overlap::No);
        }
        Ok(overlap::solve_may_share(&self.span(), &other.span(), max_work))
    }

    /// This array's layout for the solver, addressed by byte offset within its storage.
    fn span(&self) -> Span<'_> {
        Span { address: self.offset(), shape: self.shape(), strides: self.strides(), itemsize: self.itemsize() }
    }
}

fn check_max_work(max_work: i64) -> Result<i64> {
    if max_work < -2 {
        return Err(Error::Value("Invalid value for max_work".into()));
    }
    Ok(max_work)
}
