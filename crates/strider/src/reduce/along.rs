//! The index-returning and cumulative methods of [`NdArray`] (argmin, argmax, cumsum, cumprod
//! and their NaN forms): thin entry points into `arg`.

use super::{arg, Accumulation, ArgReduction};
use crate::array::NdArray;
use crate::dtype::DType;
use crate::Result;

impl NdArray {
    /// `np.argmin` / `np.argmax` / `np.nanargmin` / `np.nanargmax` along `axis` (`None`: of the
    /// flattened array), as int64 indices; the first extreme wins, and for the plain forms the
    /// first NaN is the extreme.
    ///
    /// ```
    /// use strider::{ArgReduction, NdArray, Order};
    /// let a = NdArray::from_vec(vec![3.0f64, f64::NAN, 1.0, 1.0], &[4], Order::C)?;
    /// assert_eq!(a.arg_reduce(ArgReduction::ArgMin, None, false)?.to_vec::<i64>()?, vec![1]);
    /// assert_eq!(a.arg_reduce(ArgReduction::NanArgMin, None, false)?.to_vec::<i64>()?, vec![2]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn arg_reduce(&self, op: ArgReduction, axis: Option<isize>, keepdims: bool) -> Result<NdArray> {
        arg::arg_reduce(self, op, axis, keepdims, None)
    }

    /// [`NdArray::arg_reduce`] with NumPy's `out=`: the indices are written into `out` (which
    /// must have the result's shape and a dtype that casts safely to int64, e.g. int32 or bool,
    /// into which they are then cast) and a handle to `out` is returned.
    ///
    /// ```
    /// use strider::{ArgReduction, DType, NdArray, Order};
    /// let a = NdArray::from_vec(vec![3i32, 9, 4, 1], &[2, 2], Order::C)?;
    /// let out = NdArray::zeros(&[2], DType::INT32, Order::C)?;
    /// a.arg_reduce_with(ArgReduction::ArgMax, Some(1), false, Some(&out))?;
    /// assert_eq!(out.to_vec::<i32>()?, vec![1, 0]);
    /// let bad = NdArray::zeros(&[3], DType::INT64, Order::C)?;
    /// let e = a.arg_reduce_with(ArgReduction::ArgMax, Some(1), false, Some(&bad)).unwrap_err();
    /// assert_eq!(e.to_string(), "output array does not match result of np.argmax.");
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn arg_reduce_with(
        &self,
        op: ArgReduction,
        axis: Option<isize>,
        keepdims: bool,
        out: Option<&NdArray>,
    ) -> Result<NdArray> {
        arg::arg_reduce(self, op, axis, keepdims, out)
    }

    /// `np.argmin(a, axis, keepdims=)`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![4i32, 1, 1, 9, 0, 3], &[2, 3], Order::C)?;
    /// assert_eq!(a.argmin(Some(1), false)?.to_vec::<i64>()?, vec![1, 1]);
    /// let e = NdArray::from_vec(Vec::<f64>::new(), &[0], Order::C)?.argmin(None, false).unwrap_err();
    /// assert_eq!(e.to_string(), "attempt to get argmin of an empty sequence");
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn argmin(&self, axis: Option<isize>, keepdims: bool) -> Result<NdArray> {
        self.arg_reduce(ArgReduction::ArgMin, axis, keepdims)
    }

    /// `np.argmax(a, axis, keepdims=)`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![4i32, 1, 1, 9, 0, 3], &[2, 3], Order::C)?;
    /// assert_eq!(a.argmax(None, false)?.to_vec::<i64>()?, vec![3]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn argmax(&self, axis: Option<isize>, keepdims: bool) -> Result<NdArray> {
        self.arg_reduce(ArgReduction::ArgMax, axis, keepdims)
    }

    /// `np.nanargmin(a, axis, keepdims=)`: NaNs ignored; a slice of only NaNs is an error.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![f64::NAN, 2.0, f64::NAN, f64::NAN], &[2, 2], Order::C)?;
    /// assert_eq!(a.nanargmin(Some(1), false).unwrap_err().to_string(), "All-NaN slice encountered");
    /// assert_eq!(a.nanargmin(Some(0), false).unwrap_err().to_string(), "All-NaN slice encountered");
    /// assert_eq!(a.nanargmin(None, false)?.to_vec::<i64>()?, vec![1]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn nanargmin(&self, axis: Option<isize>, keepdims: bool) -> Result<NdArray> {
        self.arg_reduce(ArgReduction::NanArgMin, axis, keepdims)
    }

    /// `np.nanargmax(a, axis, keepdims=)`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![f64::NAN, 2.0, 5.0], &[3], Order::C)?;
    /// assert_eq!(a.nanargmax(None, false)?.to_vec::<i64>()?, vec![2]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn nanargmax(&self, axis: Option<isize>, keepdims: bool) -> Result<NdArray> {
        self.arg_reduce(ArgReduction::NanArgMax, axis, keepdims)
    }

    /// `np.cumsum` / `np.cumprod` / `np.nancumsum` / `np.nancumprod` along `axis` (`None`: of
    /// the flattened array), accumulating in `dtype` (default: as `sum`).
    ///
    /// ```
    /// use strider::{Accumulation, DType, NdArray, Order};
    /// let a = NdArray::from_vec(vec![1i8, 2, 3, 4], &[2, 2], Order::C)?;
    /// let c = a.accumulate(Accumulation::CumProd, Some(0), None)?;
    /// assert_eq!((c.dtype().clone(), c.to_vec::<i64>()?), (DType::INT64, vec![1, 2, 3, 8]));
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn accumulate(&self, op: Accumulation, axis: Option<isize>, dtype: Option<&DType>) -> Result<NdArray> {
        arg::accumulate(self, op, axis, dtype, None)
    }

    /// [`NdArray::accumulate`] with NumPy's `out=`: the result is cast into `out` (which must
    /// have the result's shape) and a handle to `out` is returned. Without `dtype`, the loop
    /// runs in the promoted type of `out` and the input, as NumPy resolves it.
    ///
    /// ```
    /// use strider::{Accumulation, DType, NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.5f64, 2.0, 3.0], &[3], Order::C)?;
    /// let out = NdArray::zeros(&[3], DType::INT8, Order::C)?;
    /// a.accumulate_with(Accumulation::CumSum, Some(0), None, Some(&out))?;
    /// assert_eq!(out.to_vec::<i8>()?, vec![1, 3, 6]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn accumulate_with(
        &self,
        op: Accumulation,
        axis: Option<isize>,
        dtype: Option<&DType>,
        out: Option<&NdArray>,
    ) -> Result<NdArray> {
        arg::accumulate(self, op, axis, dtype, out)
    }

    /// `np.cumsum(a, axis)`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.0f64, 2.0, 3.0], &[3], Order::C)?;
    /// assert_eq!(a.cumsum(None)?.to_vec::<f64>()?, vec![1.0, 3.0, 6.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn cumsum(&self, axis: Option<isize>) -> Result<NdArray> {
        self.accumulate(Accumulation::CumSum, axis, None)
    }

    /// `np.cumprod(a, axis)`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1u8, 2, 3], &[3], Order::C)?;
    /// assert_eq!(a.cumprod(Some(0))?.to_vec::<u64>()?, vec![1, 2, 6]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn cumprod(&self, axis: Option<isize>) -> Result<NdArray> {
        self.accumulate(Accumulation::CumProd, axis, None)
    }

    /// `np.nancumsum(a, axis)`: NaNs count as zero.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.0f64, f64::NAN, 3.0], &[3], Order::C)?;
    /// assert_eq!(a.nancumsum(None)?.to_vec::<f64>()?, vec![1.0, 1.0, 4.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn nancumsum(&self, axis: Option<isize>) -> Result<NdArray> {
        self.accumulate(Accumulation::NanCumSum, axis, None)
    }

    /// `np.nancumprod(a, axis)`: NaNs count as one.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![2.0f64, f64::NAN, 3.0], &[3], Order::C)?;
    /// assert_eq!(a.nancumprod(None)?.to_vec::<f64>()?, vec![2.0, 2.0, 6.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn nancumprod(&self, axis: Option<isize>) -> Result<NdArray> {
        self.accumulate(Accumulation::NanCumProd, axis, None)
    }
}
